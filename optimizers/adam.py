"""Adam (Kingma & Ba 2015) in torch.optim's form."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, PhaseAxis, aux


class AdamState(NamedTuple):
    m: Any  # (d,) first moment: running average of gradients (decay b1)
    v: Any  # (d,) second moment: running average of squared gradients (decay b2)
    b1_t: Any  # () b1^t after t steps, for the bias correction
    b2_t: Any  # () b2^t


def init(w, hp):
    one = jnp.ones((), w.dtype)
    return AdamState(m=jnp.zeros_like(w), v=jnp.zeros_like(w), b1_t=one, b2_t=one)


def adam_direction(g, state, hp):
    """Moments after gradient ``g`` and the bias-corrected Adam direction m_hat / (sqrt(v_hat) + eps)."""
    b1, b2 = hp["b1"], hp["b2"]
    # b^t as a running product: a power per run and step is a slow scalar libm call on CPU
    b1_t, b2_t = state.b1_t * b1, state.b2_t * b2
    m = b1 * state.m + (1 - b1) * g  # m <- b1 m + (1-b1) g
    v = b2 * state.v + (1 - b2) * g * g  # v <- b2 v + (1-b2) g^2
    m_hat = m / (1 - b1_t)  # bias correction
    v_hat = v / (1 - b2_t)
    return AdamState(m, v, b1_t, b2_t), m_hat / (jnp.sqrt(v_hat) + hp["eps"])


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    new, d = adam_direction(g, state, hp)
    w_new = w - hp["lr"] * d  # w <- w - lr m_hat / (sqrt(v_hat) + eps)
    return w_new, new, aux(g, w, w_new, moment1=new.m, moment2=new.v)


ADAM_RANGES = {
    "lr": HyperParam(1e-6, 10.0, log=True),
    "b1": HyperParam(0.0, 0.9999),
    "b2": HyperParam(0.0, 0.99999),
    "eps": HyperParam(1e-12, 1.0, log=True),
}

ADAM = Optimizer(
    name="adam",
    title="Adam",
    init=init,
    update=update,
    defaults={"lr": 1e-3, "b1": 0.9, "b2": 0.999, "eps": 1e-8},
    ranges=ADAM_RANGES,
    latex=(
        r"m_{t+1} = \beta_1 m_t + (1-\beta_1) g_t,\quad v_{t+1} = \beta_2 v_t + (1-\beta_2) g_t^2,\quad "
        r"w_{t+1} = w_t - \eta\,\frac{m_{t+1}/(1-\beta_1^{t+1})}{\sqrt{v_{t+1}/(1-\beta_2^{t+1})} + \epsilon}"
    ),
    explain={
        "en": "Momentum and RMSprop together: a running average of gradients (direction) divided by "
        "the root of a running average of squared gradients (scale), both bias-corrected for their "
        "zero start. Each step moves roughly eta per coordinate whatever the gradient's size, which "
        "makes it robust but lets it wander near flat minima.",
        "ko": "모멘텀과 RMSprop을 합친 방법입니다. 기울기의 지수평균(방향)을 기울기 제곱 지수평균의 "
        "제곱근(크기)으로 나누고, 둘 다 0에서 시작한 편향을 보정합니다. 기울기 크기와 관계없이 좌표마다 "
        "대략 η만큼 움직여 안정적이지만 평평한 최솟값 근처에서는 맴돌 수 있습니다.",
    },
    family="adam",
    momentum_param=None,
    quadratic=None,
    phase_axis=PhaseAxis("b1", 0.0, 0.999),
    note={
        "en": "torch form: eps added to sqrt(v_hat). The paper's efficient form adds eps-hat to "
        "sqrt(v) before the bias correction, which differs slightly in the first steps.",
        "ko": "torch 형태: ε을 √v̂에 더합니다. 논문의 효율적 형태는 편향 보정 전 √v에 "
        "ε̂을 더하므로 처음 몇 스텝에서 조금 다릅니다.",
    },
)
