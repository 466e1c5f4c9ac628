"""Sharpness-aware minimisation (Foret et al. 2021) over SGD with optional heavy-ball momentum."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, StepValues, aux, tex_num, tex_steps, tex_vec


class SAMState(NamedTuple):
    v: Any  # (d,) velocity of the base SGD (stays zero when momentum = 0)


def init(w, hp):
    return SAMState(v=jnp.zeros_like(w))


def update(grad_fn, w, state, hp):
    g = grad_fn(w)  # first gradient: where is the loss steepest?
    e = hp["rho"] * g / (jnp.linalg.norm(g) + 1e-12)  # eps = rho g / ||g||
    ahead = w + e  # the worst point nearby (first-order)
    g_sam = grad_fn(ahead)  # second gradient, at the perturbed point
    v = hp["momentum"] * state.v + g_sam  # v <- mu v + g(w + eps)
    w_new = w - hp["lr"] * v  # w <- w - lr v
    return w_new, SAMState(v), aux(g_sam, w, w_new, moment1=v, lookahead=ahead)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`)."""
    k, mu = s.k, s.hp["momentum"]
    return tex_steps(
        (
            rf"\epsilon_{{{k}}}",
            rf"\rho\,\frac{{g_{{{k}}}}}{{\lVert g_{{{k}}}\rVert}}",
            "",
            tex_vec(s.lookahead - s.w),
        ),
        (
            f"v_{{{k + 1}}}",
            rf"\mu\, v_{{{k}}} + \nabla f(w_{{{k}}} + \epsilon_{{{k}}})",
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


SAM = Optimizer(
    name="sam",
    title="SAM",
    init=init,
    update=update,
    defaults={"lr": 1e-3, "rho": 0.05, "momentum": 0.0},  # lr: torch SGD's, the base optimizer
    ranges={
        "lr": HyperParam(1e-6, 10.0, log=True),
        "rho": HyperParam(0.0, 2.0),
        "momentum": HyperParam(0.0, 0.999),
    },
    latex=(
        r"\begin{aligned} \epsilon_t &= \rho\,\frac{g_t}{\lVert g_t\rVert} \\"
        r" v_{t+1} &= \mu v_t + \nabla f(w_t + \epsilon_t) \\ w_{t+1} &= w_t - \eta\, v_{t+1} \end{aligned}"
    ),
    explain={
        "en": "Minimises the worst loss in a small ball of radius rho rather than the loss itself: "
        "it first steps uphill by rho to the (first-order) worst nearby point and uses the gradient "
        "found there. In a sharp minimum that gradient pushes out, so SAM prefers flat minima. "
        "Each step costs two gradient evaluations.",
        "ko": "손실 자체가 아니라 반지름 ρ인 작은 공 안의 최악의 손실을 최소화합니다. 먼저 오르막으로 "
        "ρ만큼 가서 (1차 근사의) 최악 지점의 기울기를 씁니다. 날카로운 최솟값에서는 그 기울기가 "
        "밖으로 밀어내므로 평평한 최솟값을 선호합니다. 한 스텝에 기울기를 두 번 계산합니다.",
    },
    family="sam",
    momentum_param="momentum",
    quadratic=None,
    phase_axis=None,
    note={
        "en": "Not in torch.optim or optax; checked against an independent NumPy implementation of "
        "Foret et al.'s Algorithm 1 (SGD base, optional momentum).",
        "ko": "`torch.optim`과 optax에는 없으며, Foret 등의 알고리즘 1(SGD 기반, 선택적 모멘텀)을 NumPy로 "
        "따로 구현해 비교합니다.",
    },
    grad_evals=2,
    step_latex=step_latex,
)
