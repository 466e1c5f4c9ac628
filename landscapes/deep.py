"""A deep multilayer perceptron with per-layer statistics: the network of the Activations lab.

``depth`` hidden layers of ``width`` units (the hidden-to-hidden weights stacked in one array and run
by ``lax.scan``), any activation of :mod:`landscapes.activations` (or "linear"), an optional
normalization layer before each activation (batch norm over the batch axis, layer norm over the
units, each with a learned scale and shift), and a linear output layer: one logit for two classes,
one per class for more, one value for regression.

Parameters are a dict pytree; optimizers see one flat vector (``jax.flatten_util.ravel_pytree``).
The structure (:class:`DeepSpec`) is hashable and static; weights, data, gains and bias values are
traced.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
from jax.flatten_util import ravel_pytree

from landscapes import activations as acts

NORMS = ("none", "batch", "layer")
NORM_EPS = 1e-5  # torch's BatchNorm1d / LayerNorm default
MAX_DEPTH = 20
MAX_WIDTH = 256


class DeepSpec(NamedTuple):
    """The static structure of a network (hashable: a jit static argument)."""

    d_in: int
    width: int
    depth: int  # hidden layers
    n_classes: int  # 2: one logit; > 2: one logit per class; 0: regression
    activation: str = "relu"
    norm: str = "none"

    @property
    def d_out(self) -> int:
        return self.n_classes if self.n_classes > 2 else 1


def make_spec(
    d_in: int, width: int, depth: int, n_classes: int, activation: str, norm: str = "none"
) -> DeepSpec:
    """Validate and build a spec (raises ValueError naming the bad value and the valid range)."""
    acts.check_activation(activation, allow_linear=True)
    if norm not in NORMS:
        raise ValueError(f"Unknown normalization {norm!r}; choose one of: {', '.join(NORMS)}")
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth = {depth} is outside [1, {MAX_DEPTH}]")
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"width = {width} is outside [1, {MAX_WIDTH}]")
    if n_classes == 1 or n_classes < 0:
        raise ValueError(f"n_classes = {n_classes} must be 0 (regression) or at least 2")
    return DeepSpec(int(d_in), int(width), int(depth), int(n_classes), activation, norm)


def init_params(spec: DeepSpec, key, init: str, dist: str, gain=1.0, bias=0.0) -> dict[str, Any]:
    """Weights by initializer ``init`` and distribution ``dist`` (static), scaled by ``gain``; every
    hidden bias set to the constant ``bias`` (both may be traced); output bias 0; norm scale 1,
    shift 0.

    The output layer uses the same initializer as the hidden layers.
    """
    n, d = spec.width, spec.depth
    k_in, k_hid, k_out = jax.random.split(key, 3)

    def draw(k, n_in, n_out, shape):
        std = math.sqrt(acts.variance(init, n_in, n_out))
        return gain * jnp.float32(std) * acts.base_draw(k, dist, shape)

    return {
        "w_in": draw(k_in, spec.d_in, n, (spec.d_in, n)),
        "b_in": jnp.full((n,), bias, jnp.float32),
        "w": draw(k_hid, n, n, (d - 1, n, n)),
        "b": jnp.full((d - 1, n), bias, jnp.float32),
        "w_out": draw(k_out, n, spec.d_out, (n, spec.d_out)),
        "b_out": jnp.zeros((spec.d_out,), jnp.float32),
        "gamma": jnp.ones((d, n), jnp.float32),
        "beta": jnp.zeros((d, n), jnp.float32),
    }


def _normalize(norm: str, z, gamma, beta):
    if norm == "none":
        return z
    axis = 0 if norm == "batch" else 1  # batch norm: over the examples; layer norm: over the units
    mean = jnp.mean(z, axis=axis, keepdims=True)
    var = jnp.var(z, axis=axis, keepdims=True)
    return gamma[None, :] * (z - mean) / jnp.sqrt(var + NORM_EPS) + beta[None, :]


def forward(spec: DeepSpec, p: dict[str, Any], x):
    """Outputs (N, d_out) and what enters each activation, (depth, N, width).

    With batch norm the statistics are those of the batch ``x`` (training mode); the app evaluates
    on the whole training set, whose statistics are then the population's.
    """
    z = _normalize(spec.norm, x @ p["w_in"] + p["b_in"][None, :], p["gamma"][0], p["beta"][0])
    h = acts.apply(spec.activation, z)

    def layer(h, lp):
        w, b, gamma, beta = lp
        z = _normalize(spec.norm, h @ w + b[None, :], gamma, beta)
        return acts.apply(spec.activation, z), z

    h, zs = jax.lax.scan(layer, h, (p["w"], p["b"], p["gamma"][1:], p["beta"][1:]))
    return h @ p["w_out"] + p["b_out"][None, :], jnp.concatenate([z[None], zs])


def per_example_loss(spec: DeepSpec, out, y):
    """Binary cross-entropy on one logit, softmax cross-entropy on K logits, or 0.5 (out - y)^2."""
    if spec.n_classes == 0:
        return 0.5 * (out[:, 0] - y) ** 2
    if spec.n_classes == 2:
        s = 2.0 * y.astype(out.dtype) - 1.0
        return jax.nn.softplus(-s * out[:, 0])
    logp = jax.nn.log_softmax(out, axis=-1)
    return -jnp.take_along_axis(logp, y[:, None], axis=-1)[:, 0]


def loss(spec: DeepSpec, p: dict[str, Any], x, y):
    """Mean loss of parameters ``p`` on (x, y)."""
    return jnp.mean(per_example_loss(spec, forward(spec, p, x)[0], y))


def accuracy(spec: DeepSpec, p: dict[str, Any], x, y):
    """Fraction of correct predictions (NaN for regression)."""
    if spec.n_classes == 0:
        return jnp.asarray(jnp.nan, jnp.float32)
    out = forward(spec, p, x)[0]
    pred = (out[:, 0] > 0).astype(jnp.int32) if spec.n_classes == 2 else jnp.argmax(out, axis=-1)
    return jnp.mean((pred == y).astype(jnp.float32))


def template(spec: DeepSpec) -> dict[str, Any]:
    """Zero parameters of the right shapes (for unravelling flat vectors)."""
    shapes = jax.eval_shape(lambda: init_params(spec, jax.random.PRNGKey(0), "lecun", "normal"))
    return jax.tree.map(lambda s: jnp.zeros(s.shape, s.dtype), shapes)


def unflatten(spec: DeepSpec, flat) -> dict[str, Any]:
    """The parameter dict of ``spec`` holding the flat vector ``flat``."""
    return ravel_pytree(template(spec))[1](flat)


def flatten(p: dict[str, Any]):
    """One flat vector of all parameters."""
    return ravel_pytree(p)[0]


def hidden_weights(p: dict[str, Any]) -> list[Any]:
    """The weight matrix of each hidden layer, first to last (the input layer's first)."""
    return [p["w_in"]] + [p["w"][i] for i in range(p["w"].shape[0])]


def dead_units(z) -> Any:
    """(width,) bool: a unit is dead when its pre-activation is <= 0 on every example of ``z``
    (N, width): a ReLU then outputs 0 and passes no gradient for any of them."""
    return jnp.all(z <= 0, axis=0)
