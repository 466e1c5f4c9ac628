"""Adadelta (Zeiler 2012) in torch.optim's form."""

from typing import Any, NamedTuple

import jax.numpy as jnp

from .base import HyperParam, Optimizer, aux


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
        r"E[g^2]_{t+1} = \rho E[g^2]_t + (1-\rho) g_t^2,\quad "
        r"\Delta_t = \frac{\sqrt{E[\Delta^2]_t + \epsilon}}{\sqrt{E[g^2]_{t+1} + \epsilon}}\, g_t,\quad "
        r"E[\Delta^2]_{t+1} = \rho E[\Delta^2]_t + (1-\rho)\Delta_t^2,\quad w_{t+1} = w_t - \eta\,\Delta_t"
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
)
