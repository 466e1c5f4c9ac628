"""Adadelta (Zeiler 2012) in torch.optim's form."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, StepValues, aux, tex_num, tex_steps, tex_vec


class AdadeltaState(NamedTuple):
    Eg2: Any  # (d,) running average of squared gradients
    Edx2: Any  # (d,) running average of squared updates


def init(w, hp):
    return AdadeltaState(Eg2=jnp.zeros_like(w), Edx2=jnp.zeros_like(w))


def update(grad_fn, w, state, hp):
    rho, eps = hp["rho"], hp["eps"]
    g = grad_fn(w)
    Eg2 = rho * state.Eg2 + (1 - rho) * g * g  # E[g^2] <- rho E[g^2] + (1-rho) g^2
    dx = jnp.sqrt(state.Edx2 + eps) / jnp.sqrt(Eg2 + eps) * g  # dx = RMS[dx] / RMS[g] * g
    Edx2 = rho * state.Edx2 + (1 - rho) * dx * dx  # E[dx^2] <- rho E[dx^2] + (1-rho) dx^2
    w_new = w - hp["lr"] * dx  # w <- w - lr * dx (lr = 1 is Zeiler's rule)
    return w_new, AdadeltaState(Eg2, Edx2), aux(g, w, w_new, moment1=Edx2, moment2=Eg2)


def step_latex(s: StepValues) -> str:
    """The step written out with its numbers (see :func:`optimizers.base.tex_steps`); squares, roots
    and quotients of vectors are per coordinate."""
    k, rho, eps = s.k, s.hp["rho"], s.hp["eps"]
    delta = (s.w - s.w_next) / s.lr  # the update before the learning rate (Aux keeps only its average)
    return tex_steps(
        (
            f"E[g^2]_{{{k + 1}}}",
            rf"\rho E[g^2]_{{{k}}} + (1-\rho) g_{{{k}}}^2",
            rf"{tex_num(rho)}\,{tex_vec(s.v_prev)} + {tex_num(1 - rho)}\,{tex_vec(s.g)}^2",
            tex_vec(s.v),
        ),
        (
            rf"\Delta_{{{k}}}",
            rf"\frac{{\sqrt{{E[\Delta^2]_{{{k}}} + \epsilon}}}}"
            rf"{{\sqrt{{E[g^2]_{{{k + 1}}} + \epsilon}}}}\, g_{{{k}}}",
            rf"\frac{{\sqrt{{{tex_vec(s.m_prev)} + {tex_num(eps)}}}}}"
            rf"{{\sqrt{{{tex_vec(s.v)} + {tex_num(eps)}}}}}\,{tex_vec(s.g)}",
            tex_vec(delta),
        ),
        (
            rf"E[\Delta^2]_{{{k + 1}}}",
            rf"\rho E[\Delta^2]_{{{k}}} + (1-\rho)\Delta_{{{k}}}^2",
            rf"{tex_num(rho)}\,{tex_vec(s.m_prev)} + {tex_num(1 - rho)}\,{tex_vec(delta)}^2",
            tex_vec(s.m),
        ),
        (
            f"w_{{{k + 1}}}",
            rf"w_{{{k}}} - \eta\,\Delta_{{{k}}}",
            rf"{tex_vec(s.w)} - {tex_num(s.lr)}\,{tex_vec(delta)}",
            tex_vec(s.w_next),
        ),
    )


ADADELTA = Optimizer(
    name="adadelta",
    title="Adadelta",
    init=init,
    update=update,
    defaults={"lr": 1.0, "rho": 0.9, "eps": 1e-6},
    ranges={
        "lr": HyperParam(1e-4, 10.0, log=True),
        "rho": HyperParam(0.0, 0.9999),
        "eps": HyperParam(1e-10, 1e-1, log=True),
    },
    latex=(
        r"\begin{aligned} E[g^2]_{t+1} &= \rho E[g^2]_t + (1-\rho) g_t^2 \\"
        r" \Delta_t &= \frac{\sqrt{E[\Delta^2]_t + \epsilon}}{\sqrt{E[g^2]_{t+1} + \epsilon}}\, g_t \\"
        r" E[\Delta^2]_{t+1} &= \rho E[\Delta^2]_t + (1-\rho)\Delta_t^2 \\ w_{t+1} &= w_t - \eta\,\Delta_t"
        r" \end{aligned}"
    ),
    explain={
        "en": "Fixes Adagrad's ever-shrinking step by averaging squared gradients over a recent "
        "window (decay rho) and replaces the learning rate by the RMS of recent updates, so the "
        "units match and no learning rate is needed (eta = 1). It starts slowly: the first steps are "
        "about sqrt(eps) in size.",
        "ko": "Adagrad의 계속 줄어드는 스텝 크기를 고치기 위해 최근 기울기 제곱의 지수평균(감쇠 ρ)을 쓰고, "
        "학습률 자리에 최근 이동량의 RMS를 넣어 단위를 맞춥니다. 그래서 학습률이 필요 없습니다(η = 1). "
        "처음 몇 스텝은 √ε 정도로 작아 느리게 출발합니다.",
    },
    family="rms",
    momentum_param=None,
    quadratic=None,
    phase_axis=None,
    note={
        "en": "Same as torch (lr = 1.0, rho = 0.9, eps = 1e-6). optax.adadelta() with its default "
        "learning_rate=None does gradient ascent; pass learning_rate=1.0 to compare.",
        "ko": "torch와 같습니다(lr = 1.0, ρ = 0.9, ε = 1e-6). `optax.adadelta()`는 기본값 "
        "`learning_rate=None`이면 경사 상승을 하므로 비교할 때는 1.0을 넘겨야 합니다.",
    },
    step_latex=step_latex,
)
