"""Plain (stochastic / mini-batch) gradient descent."""

from typing import NamedTuple

from .base import HyperParam, Optimizer, StepValues, aux, tex_num, tex_steps, tex_vec
from .quadratic import GD


class SGDState(NamedTuple):
    """Gradient descent keeps no state."""


def init(w, hp):
    return SGDState()


def update(grad_fn, w, state, hp):
    g = grad_fn(w)
    w_new = w - hp["lr"] * g  # w <- w - lr * g
    return w_new, state, aux(g, w, w_new)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`)."""
    k = s.k
    return tex_steps(
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \eta\, g_{{{k}}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\,{tex_vec(s.g)}",
            tex_vec(s.w_next),
        ),
    )


SGD = Optimizer(
    name="sgd",
    title="SGD",
    init=init,
    update=update,
    defaults={"lr": 1e-3},
    ranges={"lr": HyperParam(1e-6, 10.0, log=True)},
    latex=r"w_{t+1} = w_t - \eta\, g_t",
    explain={
        "en": "Steps straight down the gradient by a fixed fraction eta. With the full data set it is "
        "gradient descent; with a mini-batch the gradient is a noisy estimate. It is slow along "
        "shallow directions and oscillates across steep ones, so one learning rate rarely suits both.",
        "ko": "기울기의 반대 방향으로 학습률 η만큼 그대로 이동합니다. 전체 데이터를 쓰면 경사하강법, "
        "미니배치를 쓰면 기울기는 노이즈가 섞인 추정값이 됩니다. 완만한 방향으로는 느리고 가파른 "
        "방향으로는 진동하므로 하나의 학습률로 둘 다 맞추기 어렵습니다.",
    },
    family="plain",
    momentum_param=None,
    quadratic=GD,
    phase_axis=None,
    step_latex=step_latex,
)
