"""Activation functions and weight initializers, by name, as the lecture defines them.

Activations (JAX, elementwise): sigmoid, tanh, ReLU, leaky ReLU (slope 0.01, the lecture's
max(0.01x, x)), ELU (alpha 1) and GELU (the exact erf form, as torch's default), plus "linear"
(the identity) for the why-non-linearity demonstration.

Initializers: a weight matrix ``W`` of shape ``(n_in, n_out)`` has variance

* LeCun: 1 / n_in,
* Xavier (Glorot): 2 / (n_in + n_out),
* He (Kaiming): 2 / n_in,

times ``gain ** 2``. "normal" draws ``std * N(0, 1)``; "uniform" draws ``U(-a, a)`` with
``a = sqrt(3) * std`` (the same variance). Both are computed exactly as
``jax.nn.initializers.variance_scaling(gain**2 * scale, mode, "normal" | "uniform")`` does, so the
same key gives the same matrix (JAX's own ``lecun_normal``, ``glorot_normal`` and ``he_normal`` draw
from a truncated normal rescaled to the same variance). The lecture notes write the normal
variants' variance as a square root (``Var(W) = sqrt(1/n_in)``); the definitions, and the
uniform bounds they give next to it, have ``Var(W) = 1/n_in`` (standard deviation ``sqrt(1/n_in)``).
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu")
LINEAR = "linear"
INITS = ("lecun", "xavier", "he")
DISTS = ("normal", "uniform")
LEAKY_SLOPE = 0.01
FLAT = 0.05  # a derivative below 5% of the activation's largest slope counts as saturated / inactive
# The largest |phi'(z)| of each activation (sigmoid's is 1/4 at 0; GELU's 1.129 near z = 1.4).
MAX_SLOPE = {
    "sigmoid": 0.25,
    "tanh": 1.0,
    "relu": 1.0,
    "leaky_relu": 1.0,
    "elu": 1.0,
    "gelu": 1.1289,
    LINEAR: 1.0,
}
# Value range of the activations that are bounded (histograms use it).
BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def check_activation(name: str, allow_linear: bool = False) -> None:
    """Raise ValueError naming the valid choices unless ``name`` is an activation."""
    valid = ACTIVATIONS + ((LINEAR,) if allow_linear else ())
    if name not in valid:
        raise ValueError(f"Unknown activation {name!r}; choose one of: {', '.join(valid)}")


def apply(name: str, z):
    """phi(z) for activation ``name`` (elementwise, JAX-traceable)."""
    if name == "sigmoid":
        return jax.nn.sigmoid(z)
    if name == "tanh":
        return jnp.tanh(z)
    if name == "relu":
        return jax.nn.relu(z)
    if name == "leaky_relu":
        return jax.nn.leaky_relu(z, LEAKY_SLOPE)
    if name == "elu":
        return jax.nn.elu(z)
    if name == "gelu":
        return jax.nn.gelu(z, approximate=False)
    if name == LINEAR:
        return z
    raise ValueError(f"Unknown activation {name!r}; choose one of: {', '.join(ACTIVATIONS + (LINEAR,))}")


def apply_and_slope(name: str, z):
    """(phi(z), phi'(z)) elementwise, by one forward-mode pass."""
    return jax.jvp(lambda v: apply(name, v), (z,), (jnp.ones_like(z),))


def by_index(index, z):
    """(phi(z), phi'(z)) of ``ACTIVATIONS[index]`` with a traced index (``lax.switch``: only the
    chosen branch runs outside ``vmap``)."""
    branches = [lambda v, n=n: apply_and_slope(n, v) for n in ACTIVATIONS]
    return jax.lax.switch(index, branches, z)


def flat_threshold(name: str) -> float:
    """|phi'| below this counts as saturated (sigmoid, tanh) or inactive (ReLU's negative side)."""
    return FLAT * MAX_SLOPE[name]


def variance(init: str, n_in: int, n_out: int, gain: float = 1.0) -> float:
    """Var(W) of initializer ``init`` for a layer with ``n_in`` inputs and ``n_out`` outputs.

    Args:
        init: "lecun" (1/n_in), "xavier" (2/(n_in + n_out)) or "he" (2/n_in).
        n_in, n_out: fan-in and fan-out (>= 1).
        gain: multiplies the standard deviation (the variance by gain**2), > 0.

    Returns:
        The variance of every weight.

    Raises:
        ValueError: an unknown init or a bad size or gain.
    """
    if init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}")
    if n_in < 1 or n_out < 1:
        raise ValueError(f"fan-in and fan-out must be >= 1, got {n_in}, {n_out}")
    if not gain > 0:
        raise ValueError(f"gain = {gain} must be > 0")
    base = {"lecun": 1.0 / n_in, "xavier": 2.0 / (n_in + n_out), "he": 2.0 / n_in}[init]
    return float(gain) ** 2 * base


def uniform_bound(init: str, n_in: int, n_out: int, gain: float = 1.0) -> float:
    """The a of U(-a, a) with the initializer's variance: a = sqrt(3 Var(W))."""
    return math.sqrt(3.0 * variance(init, n_in, n_out, gain))


def base_draw(key, dist: str, shape: tuple[int, ...]):
    """Unit-variance draws that an initializer scales: N(0, 1), or U(-sqrt 3, sqrt 3) for "uniform".

    Drawn as ``jax.nn.initializers.variance_scaling`` draws them (``normal(key)``,
    ``uniform(key, minval=-1) * sqrt(3)``), so ``std * base_draw(...)`` is that initializer's matrix.
    """
    if dist == "normal":
        return jax.random.normal(key, shape, jnp.float32)
    if dist == "uniform":
        return jax.random.uniform(key, shape, jnp.float32, -1.0) * jnp.float32(math.sqrt(3.0))
    raise ValueError(f"Unknown distribution {dist!r}; choose one of: {', '.join(DISTS)}")


def init_weights(key, init: str, dist: str, n_in: int, n_out: int, gain: float = 1.0):
    """A weight matrix (n_in, n_out) of initializer ``init`` with distribution ``dist``."""
    std = math.sqrt(variance(init, n_in, n_out, gain))
    return jnp.float32(std) * base_draw(key, dist, (n_in, n_out))
