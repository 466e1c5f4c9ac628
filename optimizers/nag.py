"""Nesterov accelerated gradient in the look-ahead form taught in lectures."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec
from .quadratic import NESTEROV


class NAGState(NamedTuple):
    v: Any  # (d,) velocity, as in heavy-ball momentum


def init(w, hp):
    return NAGState(v=jnp.zeros_like(w))


def update(grad_fn, w, state, hp):
    lr, mu = hp["lr"], hp["momentum"]
    ahead = w - lr * mu * state.v  # where momentum alone would carry us
    g = grad_fn(ahead)  # gradient at the look-ahead point
    v = mu * state.v + g  # v <- mu * v + g(w - lr mu v)
    w_new = w - lr * v  # w <- w - lr * v
    return w_new, NAGState(v), aux(g, w, w_new, moment1=v, lookahead=ahead)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`)."""
    k, mu = s.k, s.hp["momentum"]
    return tex_steps(
        (
            rf"\tilde w_{{{k}}}",
            rf"w_{{{k}}} - \eta\mu\, v_{{{k}}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\cdot{tex_num(mu)}\,{tex_vec(s.m_prev)}",
            tex_vec(s.lookahead),
        ),
        (
            f"v_{{{k + 1}}}",
            rf"\mu\, v_{{{k}}} + \nabla f(\tilde w_{{{k}}})",
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


NAG = Optimizer(
    name="nag",
    title="NAG (Nesterov)",
    init=init,
    update=update,
    defaults={"lr": 1e-3, "momentum": 0.9},
    ranges={
        "lr": HyperParam(1e-6, 10.0, log=True),
        "momentum": HyperParam(0.0, 0.999),
    },
    latex=(
        r"\begin{aligned} \tilde w_t &= w_t - \eta\mu\, v_t \\ v_{t+1} &= \mu\, v_t + \nabla f(\tilde w_t) \\"
        r" w_{t+1} &= w_t - \eta\, v_{t+1} \end{aligned}"
    ),
    explain={
        "en": "Like momentum, but the gradient is taken where the velocity is about to carry the "
        "point (the look-ahead point), not where it is now. If momentum is about to overshoot, the "
        "look-ahead gradient already points back and brakes, so it oscillates less than momentum.",
        "ko": "모멘텀과 같지만 기울기를 현재 위치가 아니라 속도가 데려갈 예정인 지점(미리 본 지점)에서 "
        "계산합니다. 모멘텀이 최솟값을 지나치려 하면 미리 본 기울기가 먼저 반대쪽을 가리켜 제동을 "
        "걸기 때문에 모멘텀보다 덜 진동합니다.",
    },
    family="momentum",
    momentum_param="momentum",
    quadratic=NESTEROV,
    phase_axis=PhaseAxis("momentum", 0.0, 0.99),
    note={
        "en": "torch's SGD(nesterov=True) and optax's sgd(nesterov=True) take the gradient at their "
        "own parameters p and step by g + mu v. They run the same iterates under p = w - eta mu v "
        "(checked in the tests).",
        "ko": "torch의 `SGD(nesterov=True)`와 optax의 `sgd(nesterov=True)`는 자기 파라미터 p에서 기울기를 "
        "구하고 g + μv만큼 이동합니다. p = w − ημv로 바꾸면 같은 궤적입니다(테스트로 확인).",
    },
    step_latex=step_latex,
)
