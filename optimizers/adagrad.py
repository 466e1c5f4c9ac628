"""Adagrad in torch.optim's form (epsilon outside the square root)."""

from typing import Any, NamedTuple

import jax.numpy as jnp
import numpy as np

from .base import HyperParam, Optimizer, StepValues, aux, tex_num, tex_steps, tex_vec


class AdagradState(NamedTuple):
    G: Any  # (d,) running sum of squared gradients, per coordinate


def init(w, hp):
    return AdagradState(G=jnp.full_like(w, hp["initial_accumulator"]))


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    G = state.G + g * g  # G <- G + g^2
    w_new = w - hp["lr"] * g / (jnp.sqrt(G) + hp["eps"])  # w <- w - lr g / (sqrt(G) + eps)
    return w_new, AdagradState(G), aux(g, w, w_new, moment2=G)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); squares, roots
    and quotients of vectors are per coordinate."""
    k = s.k
    g_prev = s.v_prev if k > 0 else np.full_like(s.w, s.hp["initial_accumulator"])  # G_0: its own start
    return tex_steps(
        (
            f"G_{{{k + 1}}}",
            rf"G_{{{k}}} + g_{{{k}}}^2",
            rf"{tex_vec(g_prev)} + {tex_vec(s.g)}^2",
            tex_vec(s.v),
        ),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \frac{{\eta}}{{\sqrt{{G_{{{k + 1}}}}} + \epsilon}}\, g_{{{k}}}",
            rf"{tex_vec(s.w)} - \frac{{{tex_num(s.lr)}}}{{\sqrt{{{tex_vec(s.v)}}} + {tex_num(s.hp['eps'])}}}"
            rf"\,{tex_vec(s.g)}",
            tex_vec(s.w_next),
        ),
    )


ADAGRAD = Optimizer(
    name="adagrad",
    title="Adagrad",
    init=init,
    update=update,
    defaults={"lr": 1e-2, "eps": 1e-10, "initial_accumulator": 0.0},
    ranges={
        "lr": HyperParam(1e-6, 10.0, log=True),
        "eps": HyperParam(1e-12, 1.0, log=True),
        "initial_accumulator": HyperParam(0.0, 10.0),
    },
    latex=(
        r"\begin{aligned} G_{t+1} &= G_t + g_t^2 \\"
        r" w_{t+1} &= w_t - \frac{\eta}{\sqrt{G_{t+1}} + \epsilon}\, g_t"
        r" \\ G_0 &= \text{initial accumulator} \end{aligned}"
    ),
    explain={
        "en": "Gives each coordinate its own step size: eta divided by the root of the sum of all its "
        "past squared gradients. Steep coordinates get small steps and shallow ones large steps. "
        "Because the sum only grows, the step keeps shrinking and Adagrad can stall before the "
        "minimum on long problems.",
        "ko": "좌표마다 학습률을 따로 둡니다. η를 그 좌표의 과거 기울기 제곱합의 제곱근으로 나눠, "
        "가파른 좌표는 작게, 완만한 좌표는 크게 이동합니다. 합이 계속 커지기만 하므로 스텝 크기가 "
        "줄어들어 긴 문제에서는 최솟값에 닿기 전에 멈출 수 있습니다.",
    },
    family="adagrad",
    momentum_param=None,
    quadratic=None,
    phase_axis=None,
    note={
        "en": "torch form: eps (1e-10) outside the square root, accumulator starts at 0. The lecture "
        "writes eta / sqrt(G + eps); optax uses eps inside (1e-7) and starts the accumulator at 0.1.",
        "ko": "torch 형태: ε(1e-10)은 제곱근 밖, 누적값은 0에서 시작. 강의는 η / √(G + ε)로 "
        "쓰고, optax는 ε을 제곱근 안(1e-7)에 두고 누적값을 0.1에서 시작합니다.",
    },
    step_latex=step_latex,
)
