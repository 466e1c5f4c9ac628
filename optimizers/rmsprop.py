"""RMSprop in torch.optim's form (epsilon outside the square root)."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, PhaseAxis, StepValues, aux, tex_num, tex_steps, tex_vec


class RMSpropState(NamedTuple):
    v: Any  # (d,) running average of squared gradients (decay alpha)


def init(w, hp):
    return RMSpropState(v=jnp.zeros_like(w))


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    v = hp["alpha"] * state.v + (1 - hp["alpha"]) * g * g  # v <- a v + (1-a) g^2
    w_new = w - hp["lr"] * g / (jnp.sqrt(v) + hp["eps"])  # w <- w - lr g / (sqrt(v) + eps)
    return w_new, RMSpropState(v), aux(g, w, w_new, moment2=v)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); squares, roots
    and quotients of vectors are per coordinate."""
    k, a = s.k, s.hp["alpha"]
    return tex_steps(
        (
            f"v_{{{k + 1}}}",
            rf"\alpha v_{{{k}}} + (1-\alpha) g_{{{k}}}^2",
            rf"{tex_num(a)}\,{tex_vec(s.v_prev)} + {tex_num(1 - a)}\,{tex_vec(s.g)}^2",
            tex_vec(s.v),
        ),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \frac{{\eta}}{{\sqrt{{v_{{{k + 1}}}}} + \epsilon}}\, g_{{{k}}}",
            rf"{tex_vec(s.w)} - \frac{{{tex_num(s.lr)}}}{{\sqrt{{{tex_vec(s.v)}}} + {tex_num(s.hp['eps'])}}}"
            rf"\,{tex_vec(s.g)}",
            tex_vec(s.w_next),
        ),
    )


RMSPROP = Optimizer(
    name="rmsprop",
    title="RMSprop",
    init=init,
    update=update,
    defaults={"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
    ranges={
        "lr": HyperParam(1e-6, 10.0, log=True),
        "alpha": HyperParam(0.0, 0.9999),
        "eps": HyperParam(1e-12, 1.0, log=True),
    },
    latex=(
        r"\begin{aligned} v_{t+1} &= \alpha v_t + (1-\alpha) g_t^2 \\"
        r" w_{t+1} &= w_t - \frac{\eta}{\sqrt{v_{t+1}} + \epsilon}\, g_t \end{aligned}"
    ),
    explain={
        "en": "Adagrad with a memory: squared gradients are averaged with decay alpha instead of "
        "summed, so the per-coordinate step adapts to recent curvature and does not shrink to zero. "
        "It keeps moving along long valleys where Adagrad stalls.",
        "ko": "기억을 가진 Adagrad입니다. 기울기 제곱을 더하지 않고 감쇠 α로 지수평균을 내므로 좌표별 "
        "스텝 크기가 최근 곡률에 맞춰지고 0으로 줄어들지 않습니다. Adagrad가 멈추는 긴 골짜기에서도 "
        "계속 나아갑니다.",
    },
    family="rms",
    momentum_param=None,
    quadratic=None,
    phase_axis=PhaseAxis("alpha", 0.0, 0.999),
    note={
        "en": "torch form: decay alpha = 0.99, eps outside the square root. optax.rmsprop uses decay "
        "0.9 and eps inside the square root by default.",
        "ko": "torch 형태: 감쇠 α = 0.99, ε은 제곱근 밖. `optax.rmsprop`은 기본으로 감쇠 0.9, "
        "ε을 제곱근 안에 둡니다.",
    },
    step_latex=step_latex,
)
