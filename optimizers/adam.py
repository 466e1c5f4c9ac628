"""Adam (Kingma & Ba 2015) in torch.optim's form."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec


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


def moment_rows(s: StepValues) -> tuple[tuple[str, str, str, str], ...]:
    """Adam's moment updates and bias corrections at step ``s.k``, written out (AdamW shares them)."""
    k, b1, b2 = s.k, s.hp["b1"], s.hp["b2"]
    c1, c2 = 1 - b1 ** (k + 1), 1 - b2 ** (k + 1)
    return (
        (
            f"m_{{{k + 1}}}",
            rf"\beta_1 m_{{{k}}} + (1-\beta_1) g_{{{k}}}",
            rf"{tex_num(b1)}\,{tex_vec(s.m_prev)} + {tex_num(1 - b1)}\,{tex_vec(s.g)}",
            tex_vec(s.m),
        ),
        (
            f"v_{{{k + 1}}}",
            rf"\beta_2 v_{{{k}}} + (1-\beta_2) g_{{{k}}}^2",
            rf"{tex_num(b2)}\,{tex_vec(s.v_prev)} + {tex_num(1 - b2)}\,{tex_vec(s.g)}^2",
            tex_vec(s.v),
        ),
        (
            rf"\hat m_{{{k + 1}}}",
            rf"m_{{{k + 1}}}/(1-\beta_1^{{{k + 1}}})",
            rf"{tex_vec(s.m)}/{tex_num(c1)}",
            tex_vec(s.m / c1),
        ),
        (
            rf"\hat v_{{{k + 1}}}",
            rf"v_{{{k + 1}}}/(1-\beta_2^{{{k + 1}}})",
            rf"{tex_vec(s.v)}/{tex_num(c2)}",
            tex_vec(s.v / c2),
        ),
    )


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); squares, roots
    and quotients of vectors are per coordinate."""
    k = s.k
    m_hat = s.m / (1 - s.hp["b1"] ** (k + 1))
    v_hat = s.v / (1 - s.hp["b2"] ** (k + 1))
    return tex_steps(
        *moment_rows(s),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \eta\,\frac{{\hat m_{{{k + 1}}}}}{{\sqrt{{\hat v_{{{k + 1}}}}} + \epsilon}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\,\frac{{{tex_vec(m_hat)}}}{{\sqrt{{{tex_vec(v_hat)}}} + "
            rf"{tex_num(s.hp['eps'])}}}",
            tex_vec(s.w_next),
        ),
    )


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
        r"\begin{aligned} m_{t+1} &= \beta_1 m_t + (1-\beta_1) g_t \\"
        r" v_{t+1} &= \beta_2 v_t + (1-\beta_2) g_t^2"
        r" \\ \hat m_{t+1} &= m_{t+1}/(1-\beta_1^{t+1}) \\ \hat v_{t+1} &= v_{t+1}/(1-\beta_2^{t+1}) \\"
        r" w_{t+1} &= w_t - \eta\,\frac{\hat m_{t+1}}{\sqrt{\hat v_{t+1}} + \epsilon} \end{aligned}"
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
    step_latex=step_latex,
)
