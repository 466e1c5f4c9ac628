"""NAdam (Dozat 2016) in torch.optim's form, with its momentum-decay schedule."""

import math
from typing import Any, NamedTuple

import jax.numpy as jnp

from .adam import ADAM_RANGES
from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec

LOG_096 = math.log(0.96)


class NAdamState(NamedTuple):
    m: Any  # (d,) first moment
    v: Any  # (d,) second moment
    mu_prod: Any  # () product of the momentum coefficients mu_1 ... mu_t
    t: Any  # () number of steps taken
    b2_t: Any  # () b2^t, for the bias correction


def init(w, hp):
    one = jnp.ones((), w.dtype)
    return NAdamState(m=jnp.zeros_like(w), v=jnp.zeros_like(w), mu_prod=one, t=0 * one, b2_t=one)


def update(grad_fn, w, state, hp):
    b1, b2, psi = hp["b1"], hp["b2"], hp["momentum_decay"]
    g = grad_fn(w)
    t = state.t + 1
    # 0.96^x as exp(x log 0.96) and b2^t as a running product: pow is a slow scalar call on CPU
    mu = b1 * (1 - 0.5 * jnp.exp(t * psi * LOG_096))  # mu_t, the scheduled momentum
    mu_next = b1 * (1 - 0.5 * jnp.exp((t + 1) * psi * LOG_096))
    b2_t = state.b2_t * b2
    mu_prod = state.mu_prod * mu
    m = b1 * state.m + (1 - b1) * g  # m <- b1 m + (1-b1) g
    v = b2 * state.v + (1 - b2) * g * g  # v <- b2 v + (1-b2) g^2
    denom = jnp.sqrt(v / (1 - b2_t)) + hp["eps"]
    # Nesterov: current gradient weighted by (1-mu_t), the momentum by the NEXT step's mu.
    w_new = (
        w
        - hp["lr"] * (1 - mu) / (1 - mu_prod) * g / denom
        - hp["lr"] * mu_next / (1 - mu_prod * mu_next) * m / denom
    )
    return w_new, NAdamState(m, v, mu_prod, t, b2_t), aux(g, w, w_new, moment1=m, moment2=v)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); the rule's t is
    the step's number counted from 1 (t = k + 1); roots and quotients of vectors are per coordinate."""
    k, b1, b2, psi, eps = s.k, s.hp["b1"], s.hp["b2"], s.hp["momentum_decay"], s.hp["eps"]
    t = k + 1
    mus = [b1 * (1 - 0.5 * 0.96 ** (i * psi)) for i in range(1, t + 2)]  # mu_1 .. mu_{t+1}
    prod = math.prod(mus[:t])
    c1 = (1 - mus[t - 1]) / (1 - prod)
    c2 = mus[t] / (1 - prod * mus[t])
    v_hat = s.v / (1 - b2**t)
    den = rf"\sqrt{{{tex_vec(v_hat)}}} + {tex_num(eps)}"
    return tex_steps(
        (rf"\mu_{{{t}}}", rf"\beta_1\big(1 - \tfrac12 0.96^{{{t}\psi}}\big)", "", tex_num(mus[t - 1])),
        (
            rf"\hat v_{{{t}}}",
            rf"v_{{{t}}}/(1-\beta_2^{{{t}}})",
            rf"{tex_vec(s.v)}/{tex_num(1 - b2**t)}",
            tex_vec(v_hat),
        ),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \eta\, c_1\frac{{g_{{{k}}}}}{{\sqrt{{\hat v_{{{t}}}}}+\epsilon}}"
            rf" - \eta\, c_2\frac{{m_{{{t}}}}}{{\sqrt{{\hat v_{{{t}}}}}+\epsilon}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\cdot{tex_num(c1)}\,\frac{{{tex_vec(s.g)}}}{{{den}}}"
            rf" - {tex_num(s.lr)}\cdot{tex_num(c2)}\,\frac{{{tex_vec(s.m)}}}{{{den}}}",
            tex_vec(s.w_next),
        ),
    )


NADAM = Optimizer(
    name="nadam",
    title="NAdam",
    init=init,
    update=update,
    defaults={"lr": 2e-3, "b1": 0.9, "b2": 0.999, "eps": 1e-8, "momentum_decay": 4e-3},
    ranges={**ADAM_RANGES, "momentum_decay": HyperParam(0.0, 0.1)},
    latex=(
        r"\begin{aligned} \mu_t &= \beta_1\big(1 - \tfrac12 0.96^{t\psi}\big) \\"
        r" w_{t+1} &= w_t - \eta\frac{1-\mu_t}{1-\prod_{i\le t}\mu_i}"
        r"\frac{g_t}{\sqrt{\hat v_{t+1}}+\epsilon} \\"
        r" &\quad - \eta\frac{\mu_{t+1}}{1-\prod_{i\le t+1}\mu_i}\frac{m_{t+1}}{\sqrt{\hat v_{t+1}}+\epsilon}"
        r" \end{aligned}"
    ),
    explain={
        "en": "Adam with Nesterov's look-ahead: the step uses the momentum it will have at the next "
        "step rather than the current one, which reacts a little sooner to a change of direction. "
        "The momentum coefficient is warmed up slowly (psi) as in Dozat's paper.",
        "ko": "Nesterov의 미리 보기를 더한 Adam입니다. 현재가 아니라 다음 스텝의 모멘텀을 써서 방향 "
        "변화에 조금 더 빨리 반응합니다. Dozat의 논문처럼 모멘텀 계수를 ψ로 천천히 올립니다.",
    },
    family="adam",
    momentum_param=None,
    quadratic=None,
    phase_axis=PhaseAxis("b1", 0.0, 0.999),
    note={
        "en": "torch.optim.NAdam form (momentum_decay psi = 4e-3). optax.nadam omits the momentum "
        "schedule, so the two differ.",
        "ko": "`torch.optim.NAdam` 형태(`momentum_decay` ψ = 4e-3). `optax.nadam`은 모멘텀 스케줄이 없어 "
        "결과가 다릅니다.",
    },
    step_latex=step_latex,
)
