"""Heavy-ball momentum in torch.optim's form (no dampening)."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec
from .quadratic import HEAVY_BALL


class MomentumState(NamedTuple):
    v: Any  # (d,) velocity: running sum of past gradients, decayed by mu each step


def init(w, hp):
    return MomentumState(v=jnp.zeros_like(w))


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    v = hp["momentum"] * state.v + g  # v <- mu * v + g
    w_new = w - hp["lr"] * v  # w <- w - lr * v
    return w_new, MomentumState(v), aux(g, w, w_new, moment1=v)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`)."""
    k, mu = s.k, s.hp["momentum"]
    return tex_steps(
        (
            f"v_{{{k + 1}}}",
            rf"\mu\, v_{{{k}}} + g_{{{k}}}",
            rf"{tex_num(mu)}\,{tex_vec(s.m_prev)} + {tex_vec(s.g)}",
            tex_vec(s.m),
        ),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \eta\, v_{{{k + 1}}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\,{tex_vec(s.m)}",
            tex_vec(s.w_next),
        ),
    )


MOMENTUM = Optimizer(
    name="momentum",
    title="Momentum",
    init=init,
    update=update,
    defaults={"lr": 1e-3, "momentum": 0.9},
    ranges={
        "lr": HyperParam(1e-6, 10.0, log=True),
        "momentum": HyperParam(0.0, 0.999),
    },
    latex=(r"\begin{aligned} v_{t+1} &= \mu\, v_t + g_t \\ w_{t+1} &= w_t - \eta\, v_{t+1} \end{aligned}"),
    explain={
        "en": "Keeps a velocity that accumulates past gradients, like a ball rolling downhill. "
        "Consistent directions speed up (by up to 1/(1-mu)) and oscillating ones cancel, so it "
        "crosses long valleys and small bumps faster than SGD, but it can overshoot a minimum.",
        "ko": "과거 기울기를 누적한 속도를 유지합니다. 언덕을 굴러가는 공처럼 일관된 방향으로는 "
        "최대 1/(1 − μ)배까지 빨라지고 진동하는 방향은 상쇄되어, 긴 골짜기와 작은 굴곡을 SGD보다 빨리 "
        "지나지만 최솟값을 지나칠 수 있습니다.",
    },
    family="momentum",
    momentum_param="momentum",
    quadratic=HEAVY_BALL,
    phase_axis=PhaseAxis("momentum", 0.0, 0.99),
    note={
        "en": "torch.optim.SGD(momentum=mu) form: eta multiplies the velocity. The lecture form "
        "v <- mu v - eta g, w <- w + v is the same method when eta is constant.",
        "ko": "`torch.optim.SGD(momentum=μ)`의 형태로, 학습률이 속도에 곱해집니다. 강의의 "
        "v ← μv − ηg, w ← w + v 형태와는 학습률이 고정이면 같은 방법입니다.",
    },
    step_latex=step_latex,
)
