"""A small multilayer perceptron in JAX, as a loss landscape over one flat parameter vector.

Parameters are a list of layers ``[{"w": (n_in, n_out), "b": (n_out,)}, ...]`` (a pytree) and,
for optimizers and slices, one flat vector (``jax.flatten_util.ravel_pytree`` order: layer by
layer, "b" before "w"). A *filter* of a layer is one output unit: column ``j`` of ``w``.

The structure (:class:`MLPSpec`) is hashable and static; parameters and data are traced, so new
data or weights never recompile.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
from jax.flatten_util import ravel_pytree

ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid")
INITS = ("lecun", "xavier", "he")
LOSSES = ("cross_entropy", "mse")
MAX_DEPTH = 8
MAX_WIDTH = 512


class MLPSpec(NamedTuple):
    """The static structure of a network (hashable: a jit static argument)."""

    sizes: tuple[int, ...]  # (d_in, hidden..., d_out)
    activation: str = "tanh"
    init: str = "lecun"
    loss: str = "cross_entropy"
    n_classes: int = 2  # 0: regression

    @property
    def n_params(self) -> int:
        return sum(a * b + b for a, b in zip(self.sizes[:-1], self.sizes[1:], strict=True))


def make_spec(
    d_in: int = 2,
    width: int = 32,
    depth: int = 2,
    n_classes: int = 2,
    activation: str = "tanh",
    init: str = "lecun",
    loss: str | None = None,
) -> MLPSpec:
    """Validate and build a spec.

    Args:
        d_in: input dimension.
        width: units per hidden layer (1..MAX_WIDTH).
        depth: number of hidden layers (0..MAX_DEPTH; 0 is a linear model).
        n_classes: 2 (one logit), >2 (one logit per class) or 0 (regression, one output).
        activation: one of :data:`ACTIVATIONS`.
        init: one of :data:`INITS` (weights ~ N(0, s^2): LeCun s^2 = 1/n_in, Xavier 2/(n_in+n_out),
            He 2/n_in; biases 0).
        loss: "cross_entropy" or "mse"; None picks cross-entropy for classification and MSE for
            regression. Regression needs "mse".

    Returns:
        :class:`MLPSpec`.

    Raises:
        ValueError: naming the bad value and the valid choices.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}; choose one of: {', '.join(ACTIVATIONS)}")
    if init not in INITS:
        raise ValueError(f"Unknown init {init!r}; choose one of: {', '.join(INITS)}")
    loss = loss or ("cross_entropy" if n_classes else "mse")
    if loss not in LOSSES:
        raise ValueError(f"Unknown loss {loss!r}; choose one of: {', '.join(LOSSES)}")
    if not n_classes and loss != "mse":
        raise ValueError("regression (n_classes = 0) needs loss 'mse'")
    if n_classes == 1 or n_classes < 0:
        raise ValueError(f"n_classes = {n_classes} must be 0 (regression) or at least 2")
    if not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth = {depth} is outside [0, {MAX_DEPTH}]")
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"width = {width} is outside [1, {MAX_WIDTH}]")
    if d_in < 1:
        raise ValueError(f"d_in = {d_in} must be at least 1")
    d_out = n_classes if n_classes > 2 else 1
    return MLPSpec(
        (int(d_in),) + (int(width),) * int(depth) + (d_out,), activation, init, loss, int(n_classes)
    )


def _act(name: str, z):
    if name == "relu":
        return jax.nn.relu(z)
    if name == "leaky_relu":
        return jax.nn.leaky_relu(z, 0.01)
    if name == "tanh":
        return jnp.tanh(z)
    return jax.nn.sigmoid(z)


def init_params(spec: MLPSpec, key) -> list[dict[str, Any]]:
    """Random weights (scale from ``spec.init``) and zero biases, as a list of layers."""
    layers = []
    for n_in, n_out in zip(spec.sizes[:-1], spec.sizes[1:], strict=True):
        key, sub = jax.random.split(key)
        var = {"lecun": 1.0 / n_in, "xavier": 2.0 / (n_in + n_out), "he": 2.0 / n_in}[spec.init]
        layers.append(
            {
                "w": jnp.sqrt(var) * jax.random.normal(sub, (n_in, n_out), jnp.float32),
                "b": jnp.zeros((n_out,), jnp.float32),
            }
        )
    return layers


def apply(spec: MLPSpec, params, x):
    """Network outputs (n, d_out) for inputs ``x`` (n, d_in): logits, or the regression value."""
    h = x
    for i, layer in enumerate(params):
        h = h @ layer["w"] + layer["b"][None, :]
        if i < len(params) - 1:
            h = _act(spec.activation, h)
    return h


def per_example_loss(spec: MLPSpec, out, y):
    """Loss of each example (n,) from outputs ``out`` (n, d_out) and targets ``y`` (n,).

    Binary cross-entropy on one logit; softmax cross-entropy on K logits; MSE 0.5 (out - t)^2
    with t = y (regression), +-1 (binary) or one-hot (multiclass), summed over outputs.
    """
    if spec.n_classes == 0:
        return 0.5 * (out[:, 0] - y) ** 2
    if spec.n_classes == 2:
        z = out[:, 0]
        if spec.loss == "cross_entropy":
            s = 2.0 * y.astype(z.dtype) - 1.0  # labels as -1 / +1: loss = log(1 + exp(-s z))
            return jax.nn.softplus(-s * z)
        return 0.5 * (z - (2.0 * y.astype(z.dtype) - 1.0)) ** 2
    if spec.loss == "cross_entropy":
        logp = jax.nn.log_softmax(out, axis=-1)
        return -jnp.take_along_axis(logp, y[:, None], axis=-1)[:, 0]
    onehot = jax.nn.one_hot(y, spec.n_classes, dtype=out.dtype)
    return 0.5 * jnp.sum((out - onehot) ** 2, axis=-1)


def predict(spec: MLPSpec, out):
    """Predicted class (n,) (sign of the one output for binary, argmax otherwise)."""
    if spec.n_classes == 2:
        return (out[:, 0] > 0).astype(jnp.int32)
    return jnp.argmax(out, axis=-1).astype(jnp.int32)


def loss(spec: MLPSpec, params, x, y):
    """Mean loss of ``params`` (pytree) on (x, y)."""
    return jnp.mean(per_example_loss(spec, apply(spec, params, x), y))


def accuracy(spec: MLPSpec, params, x, y):
    """Fraction of correct predictions; NaN for regression."""
    if spec.n_classes == 0:
        return jnp.asarray(jnp.nan, jnp.float32)
    return jnp.mean((predict(spec, apply(spec, params, x)) == y).astype(jnp.float32))


def template(spec: MLPSpec) -> list[dict[str, Any]]:
    """Zero parameters with the right shapes (for unravelling flat vectors)."""
    return [
        {"w": jnp.zeros((a, b), jnp.float32), "b": jnp.zeros((b,), jnp.float32)}
        for a, b in zip(spec.sizes[:-1], spec.sizes[1:], strict=True)
    ]


def flatten(params) -> jax.Array:
    """One flat vector of all parameters (``ravel_pytree`` order)."""
    return ravel_pytree(params)[0]


def unflatten(spec: MLPSpec, flat) -> list[dict[str, Any]]:
    """The pytree of ``spec`` holding the flat vector ``flat``."""
    return ravel_pytree(template(spec))[1](flat)


def init_flat(spec: MLPSpec, key) -> jax.Array:
    """:func:`init_params` as one flat vector."""
    return flatten(init_params(spec, key))


class Objective(NamedTuple):
    """``Objective(spec)(w_flat, x, y)``: the mean loss of a flat parameter vector.

    A NamedTuple, so it is hashable by value: measurement functions take it as a static jit
    argument and two objectives of the same structure share one compiled function.
    """

    spec: MLPSpec

    def __call__(self, w, x, y):
        return loss(self.spec, unflatten(self.spec, w), x, y)
