"""Many small networks trained in one compiled call: the model-selection lab's engine.

Every experiment of the lab that trains networks trains many copies of one small MLP on variants
of a data set: fresh training sets, bootstrap resamples, the training part of each fold, one
configuration per hyperparameter pair. All of them are the same computation with different
*per-sample weights*: a bootstrap resample is a vector of counts (how often each point was drawn),
a fold's training set is a 0/1 mask, padding is 0. So :func:`fit_many` takes, per replica, inputs,
targets, weights, an initial seed, a learning rate and an L2 coefficient, and trains every replica
at once (``vmap`` over replicas, ``lax.scan`` over full-batch Adam steps).

Only structure is static: the network (:class:`~landscapes.mlp.MLPSpec`), the optimizer, the
number of steps and the array shapes. Shapes are padded to buckets (:func:`bucket`) with zero
weights, so a new sample size, number of folds or repeats inside a bucket, a new noise level,
learning rate or weight decay reuses the compiled program. Widths are bucketed too
(:func:`width_bucket`): a replica may use only its first ``units`` hidden units of the spec's width
(the others are masked out and start at zero, the active ones start as a network of that width
would), so networks of several widths train in one call and a new width inside a bucket reuses it.
"""

from __future__ import annotations

import math
from functools import lru_cache, partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import optimizers
from landscapes import mlp

__all__ = [
    "MAX_REPLICAS",
    "MAX_STEPS",
    "NetFit",
    "bucket",
    "estimate_seconds",
    "fit_many",
    "initial_weights",
    "l2_mask",
    "train",
    "width_bucket",
]

MAX_REPLICAS = 4096  # networks in one call
MAX_STEPS = 10_000
OPTIMIZER = "adam"  # full-batch Adam: robust over the learning rates the search explores
# Rough warm cost on the project's 2-core machine: seconds per (replica x padded sample x parameter x
# step) and per compiled call. The page only uses it to choose inline, job or precomputed.
SECONDS_PER_UNIT = 1.6e-9
SECONDS_PER_CALL = 0.3


def bucket(n: int, least: int = 8) -> int:
    """The padded size for ``n`` items: ``n`` rounded up to a multiple of a quarter of its power
    of two (at most 25% waste, four compiled shapes per doubling), and at least ``least``.

    Args:
        n: items (>= 1).
        least: the smallest bucket.

    Returns:
        The bucket size (>= n).
    """
    if n <= least:
        return least
    q = max(1, 2 ** (math.floor(math.log2(n)) - 2))
    return -(-n // q) * q


def width_bucket(width: int, least: int = 4) -> int:
    """The hidden width a network of ``width`` units is trained at (masked to its own units): the
    next power of two, at least ``least`` (at most 2x the work, one program per doubling).

    Args:
        width: hidden units (>= 1).
        least: the smallest bucket.

    Returns:
        The bucket width (>= width).
    """
    if width < 1:
        raise ValueError(f"width = {width} must be at least 1")
    return max(least, 1 << (int(width) - 1).bit_length())


def estimate_seconds(replicas: int, n: int, params: int, steps: int) -> float:
    """Estimated warm seconds of one :func:`train` call of ``replicas`` networks of ``params``
    parameters on ``n`` samples for ``steps`` steps."""
    return SECONDS_PER_CALL + SECONDS_PER_UNIT * bucket(replicas) * bucket(n, 16) * params * steps


@lru_cache(maxsize=32)
def l2_mask(spec: mlp.MLPSpec) -> np.ndarray:
    """1 where the flat parameter vector holds a weight, 0 where it holds a bias: the penalty
    α/2·‖W‖² of the notes covers weights only."""
    # ravel_pytree's order (landscapes.mlp.flatten): layer by layer, "b" before "w"
    parts = [
        np.concatenate([np.zeros(b, np.float32), np.ones(a * b, np.float32)])
        for a, b in zip(spec.sizes[:-1], spec.sizes[1:], strict=True)
    ]
    return np.concatenate(parts)


def _init_var(init: str, n_in, n_out):
    # landscapes.mlp.init_params' variance of a layer's weights
    return {"lecun": 1.0 / n_in, "xavier": 2.0 / (n_in + n_out), "he": 2.0 / n_in}[init]


def initial_weights(spec: mlp.MLPSpec, seed, units):
    """The flat initial parameters of a replica that uses the first ``units`` hidden units of
    ``spec`` (traceable): :func:`landscapes.mlp.init_params` of ``PRNGKey(seed)``, every weight
    rescaled to the variance a layer of the active sizes has (so the active part starts as a network
    of width ``units`` would, with the same init rule), and every weight of a masked unit 0.

    Args:
        spec: the network (its hidden width is the bucket).
        seed: the initialisation seed.
        units: active hidden units (1 .. the spec's width).

    Returns:
        (n_params,) float32.
    """
    params = mlp.init_params(spec, jax.random.PRNGKey(seed))
    sizes = spec.sizes
    units = jnp.asarray(units, jnp.int32)
    active = [sizes[0]] + [units] * (len(sizes) - 2) + [sizes[-1]]
    as_float = [jnp.asarray(a, jnp.float32) for a in active]
    out = []
    for i, layer in enumerate(params):
        var_active = _init_var(spec.init, as_float[i], as_float[i + 1])
        scale = jnp.sqrt(var_active / jnp.float32(_init_var(spec.init, sizes[i], sizes[i + 1])))
        keep_in = jnp.arange(sizes[i]) < active[i]
        keep_out = jnp.arange(sizes[i + 1]) < active[i + 1]
        keep = (keep_in[:, None] & keep_out[None, :]).astype(jnp.float32)
        out.append({"w": layer["w"] * scale * keep, "b": layer["b"]})
    return mlp.flatten(out)


def _apply(spec: mlp.MLPSpec, params, x, keep):
    """:func:`landscapes.mlp.apply` with every hidden layer's units beyond the active ones set to 0
    (``keep``: (width,) 1 for an active unit, 0 for a masked one)."""
    h = x
    for i, layer in enumerate(params):
        h = h @ layer["w"] + layer["b"][None, :]
        if i < len(params) - 1:
            h = mlp._act(spec.activation, h) * keep[None, :]
    return h


@partial(jax.jit, static_argnames=("spec", "opt_name", "steps"))
def fit_many(spec: mlp.MLPSpec, opt_name: str, steps: int, x, y, weights, seeds, lr, wd, x_eval, units):
    """Train one network per replica, all replicas in one compiled call.

    The loss of replica r is sum_i w_ri l(f(x_ri), y_ri) / max(sum_i w_ri, 1) + wd_r/2 ||W||^2
    (weights only, not biases), minimised by ``steps`` full-batch steps of ``opt_name`` from
    :func:`initial_weights` of ``seeds[r]`` and ``units[r]``; the hidden units beyond ``units[r]``
    are masked out (zero output, zero gradient: they stay 0), so replica r is exactly a network of
    ``units[r]`` hidden units.

    Args:
        spec: the network (static); its width is the largest any replica uses.
        opt_name: a registered optimizer (static); its defaults except the learning rate.
        steps: updates (static).
        x: (R, n, d) float32 inputs. y: (R, n) targets (float32, or int32 labels).
        weights: (R, n) float32 per-sample weights (counts, masks; 0 for padding).
        seeds: (R,) uint32 initialisation seeds.
        lr: (R,) float32 learning rates. wd: (R,) float32 L2 coefficients.
        x_eval: (m, d) float32 inputs every replica is evaluated at, or (R, m, d) per replica.
        units: (R,) int32 active hidden units of each replica.

    Returns:
        (out_train (R, n), out_eval (R, m), final_loss (R,)): the network's output (the value for
        regression, the logit for two classes) at each replica's own inputs and at its evaluation
        inputs, and the replica's final training objective.
    """
    opt = optimizers.get(opt_name)
    mask = jnp.asarray(l2_mask(spec))
    width = spec.sizes[1] if len(spec.sizes) > 2 else 1

    def one(xr, yr, wr, seed, lr_r, wd_r, xe, units_r):
        w0 = initial_weights(spec, seed, units_r)
        keep = (jnp.arange(width) < units_r).astype(w0.dtype)
        hp = {k: jnp.asarray(v, w0.dtype) for k, v in opt.defaults.items()}
        hp["lr"] = lr_r
        total = jnp.maximum(jnp.sum(wr), 1.0)

        def objective(w):
            out = _apply(spec, mlp.unflatten(spec, w), xr, keep)
            data = jnp.sum(wr * mlp.per_example_loss(spec, out, yr)) / total
            return data + 0.5 * wd_r * jnp.sum(mask * w * w)

        grad = jax.grad(objective)

        def step(carry, _):
            w, state = carry
            w, state, _ = opt.update(grad, w, state, hp)
            return (w, state), None

        (w, _), _ = jax.lax.scan(step, (w0, opt.init(w0, hp)), None, length=steps)
        p = mlp.unflatten(spec, w)
        return _apply(spec, p, xr, keep)[:, 0], _apply(spec, p, xe, keep)[:, 0], objective(w)

    eval_axis = 0 if x_eval.ndim == 3 else None
    return jax.vmap(one, in_axes=(0, 0, 0, 0, 0, 0, eval_axis, 0))(
        x, y, weights, seeds, lr, wd, x_eval, units
    )


class NetFit(NamedTuple):
    """What :func:`train` returns (NumPy, padding removed)."""

    out_train: np.ndarray  # (R, n) output at each replica's own inputs
    out_eval: np.ndarray  # (R, m) output at the shared evaluation inputs
    final_loss: np.ndarray  # (R,) final training objective (NaN or inf: diverged)


def _pad(a: np.ndarray, shape: tuple[int, ...], dtype) -> np.ndarray:
    out = np.zeros(shape, dtype)
    out[tuple(slice(0, s) for s in a.shape)] = a
    return out


def train(
    spec: mlp.MLPSpec,
    steps: int,
    x: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    seeds: np.ndarray,
    lr: np.ndarray | float,
    wd: np.ndarray | float,
    x_eval: np.ndarray,
    units: np.ndarray | int | None = None,
    pad_samples: bool = True,
) -> NetFit:
    """:func:`fit_many` with its inputs checked and padded to buckets (no recompile inside a bucket).

    Args:
        spec: the network.
        steps: full-batch Adam steps, in [1, MAX_STEPS].
        x: (R, n, d) or (n, d) (shared by every replica). y: (R, n) or (n,).
        weights: (R, n) non-negative per-sample weights.
        seeds: (R,) initialisation seeds.
        lr, wd: a number or (R,) per replica.
        x_eval: (m, d) evaluation inputs shared by every replica, or (R, m, d) per replica.
        units: a number or (R,) per replica: active hidden units, in [1, the spec's width]
            (None: all of them).
        pad_samples: pad the samples to their bucket (a caller whose sample size is fixed by its
            experiment, not by a control, passes False: no padded samples to compute).

    Returns:
        :class:`NetFit` for the R replicas.

    Raises:
        ValueError: naming the bad value.
    """
    weights = np.asarray(weights, np.float32)
    if weights.ndim != 2:
        raise ValueError(f"weights must be (replicas, samples), got shape {weights.shape}")
    r, n = weights.shape
    if not 1 <= r <= MAX_REPLICAS:
        raise ValueError(f"{r} replicas is outside [1, {MAX_REPLICAS}]")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps = {steps} is outside [1, {MAX_STEPS}]")
    if np.any(weights < 0) or not np.all(np.isfinite(weights)):
        raise ValueError("per-sample weights must be finite and non-negative")
    x = np.asarray(x, np.float32)
    x = np.broadcast_to(x, (r,) + x.shape) if x.ndim == 2 else x
    y = np.asarray(y)
    y = np.broadcast_to(y, (r,) + y.shape) if y.ndim == 1 else y
    d = x.shape[-1]
    if x.shape != (r, n, d) or y.shape != (r, n):
        raise ValueError(f"x {x.shape} and y {y.shape} do not match weights {weights.shape}")
    lr = np.broadcast_to(np.asarray(lr, np.float32), (r,))
    wd = np.broadcast_to(np.asarray(wd, np.float32), (r,))
    opt = optimizers.get(OPTIMIZER)
    opt.validate({"lr": lr.astype(np.float64)})
    if np.any(wd < 0) or not np.all(np.isfinite(wd)):
        raise ValueError("weight decay must be finite and non-negative")
    width = spec.sizes[1] if len(spec.sizes) > 2 else 1
    units = np.broadcast_to(np.asarray(width if units is None else units), (r,))
    if np.any(units != np.round(units)) or np.any(units < 1) or np.any(units > width):
        raise ValueError(f"active units must be whole numbers in [1, {width}], got {np.unique(units)}")
    x_eval = np.asarray(x_eval, np.float32)
    if x_eval.ndim != 2 and not (x_eval.ndim == 3 and x_eval.shape[0] == r):
        raise ValueError(f"x_eval must be (points, {d}) or ({r}, points, {d}), got shape {x_eval.shape}")
    rb, nb = bucket(r), (bucket(n, 16) if pad_samples else n)
    y_dtype = np.int32 if spec.n_classes else np.float32
    if x_eval.ndim == 3:
        x_eval = _pad(x_eval, (rb,) + x_eval.shape[1:], np.float32)
    out_tr, out_ev, loss = fit_many(
        spec,
        OPTIMIZER,
        int(steps),
        jnp.asarray(_pad(x, (rb, nb, d), np.float32)),
        jnp.asarray(_pad(y, (rb, nb), y_dtype)),
        jnp.asarray(_pad(weights, (rb, nb), np.float32)),
        jnp.asarray(_pad(np.asarray(seeds, np.uint32), (rb,), np.uint32)),
        jnp.asarray(_pad(lr, (rb,), np.float32)),
        jnp.asarray(_pad(wd, (rb,), np.float32)),
        jnp.asarray(x_eval),
        jnp.asarray(np.concatenate([units, np.full(rb - r, width)]).astype(np.int32)),  # pads: all units
    )
    return NetFit(np.asarray(out_tr)[:r, :n], np.asarray(out_ev)[:r], np.asarray(loss)[:r])
