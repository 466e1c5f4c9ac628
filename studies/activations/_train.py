"""Training deep networks while recording what each layer does: the loop shared by the lab's
training, dying-ReLU and normalization studies.

Many runs in one compiled call: ``vmap`` over runs (each with its own hyperparameters, weight gain,
bias value and seed), ``lax.scan`` over steps. Mini-batches of ``batch`` examples are drawn uniformly
with replacement at every step (``batch`` equal to the training-set size is full-batch descent).
Every ``every`` steps the whole training set is evaluated: the loss, the accuracy, and per hidden
layer the standard deviation of the activations, the fraction of flat values (|phi'| below 5% of its
largest), the fraction of dead units (pre-activation <= 0 on every example) and the norm of the
full-batch gradient of the layer's weight matrix.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

import optimizers
from landscapes import activations as acts
from landscapes import deep

N_STATS = 4  # per layer: h std, flat fraction, dead fraction, gradient norm


class Runs(NamedTuple):
    """What :func:`train_runs` returns, as NumPy. Axes: run, record, layer."""

    record_steps: np.ndarray  # (T + 1,)
    loss: np.ndarray  # (R, T + 1) training loss (whole training set)
    accuracy: np.ndarray  # (R, T + 1) NaN for regression
    h_std: np.ndarray  # (R, T + 1, L)
    flat: np.ndarray  # (R, T + 1, L)
    dead: np.ndarray  # (R, T + 1, L)
    grad_norm: np.ndarray  # (R, T + 1, L) Frobenius norm of dLoss/dW_l (full batch)
    w0: np.ndarray  # (R, d) initial flat parameters
    w_final: np.ndarray  # (R, d)

    @property
    def diverged(self) -> np.ndarray:
        """(R,) bool: the final loss is not finite."""
        return ~np.isfinite(self.loss[:, -1])


def layer_stats(spec: deep.DeepSpec, p, x, y):
    """(loss, accuracy, (L, N_STATS) per-layer statistics) of parameters ``p`` on (x, y)."""
    out, zs = deep.forward(spec, p, x)
    h, s = acts.apply_and_slope(spec.activation, zs)
    thr = acts.flat_threshold(spec.activation)
    flat = jnp.mean((jnp.abs(s) < thr).astype(jnp.float32), axis=(1, 2))
    dead = jax.vmap(lambda z: jnp.mean(deep.dead_units(z).astype(jnp.float32)))(zs)
    grads = jax.grad(lambda q: deep.loss(spec, q, x, y))(p)
    gnorm = jnp.stack([jnp.sqrt(jnp.sum(g * g)) for g in deep.hidden_weights(grads)])
    loss = jnp.mean(deep.per_example_loss(spec, out, y))
    return loss, deep.accuracy(spec, p, x, y), jnp.stack([jnp.std(h, axis=(1, 2)), flat, dead, gnorm], axis=1)


@partial(jax.jit, static_argnames=("spec", "opt_name", "init", "dist", "batch", "n_steps", "every"))
def _train(spec, opt_name, init, dist, batch, n_steps, every, data, hp, gain, bias, seeds):
    opt = optimizers.get(opt_name)
    x, y = data
    n = x.shape[0]
    n_rec = -(-n_steps // every)
    ts = jnp.arange(n_rec * every, dtype=jnp.int32).reshape(n_rec, every)

    def one(hp_r, gain_r, bias_r, seed):
        key = jax.random.PRNGKey(seed)
        k_init, k_batch = jax.random.split(key)
        w0, unravel = ravel_pytree(deep.init_params(spec, k_init, init, dist, gain_r, bias_r))
        hp_t = {k: jnp.asarray(v, jnp.float32) for k, v in hp_r.items()}

        def evaluate(w):
            loss, acc, stats = layer_stats(spec, unravel(w), x, y)
            return loss, acc, stats

        def step(carry, t):
            w, state = carry
            if batch < n:
                idx = jax.random.randint(jax.random.fold_in(k_batch, t), (batch,), 0, n)
                xb, yb = x[idx], y[idx]
            else:
                xb, yb = x, y
            grad_fn = jax.grad(lambda v: deep.loss(spec, unravel(v), xb, yb))
            w_new, state_new, _ = opt.update(grad_fn, w, state, hp_t)
            active = t < n_steps
            w = jnp.where(active, w_new, w)
            state = jax.tree.map(lambda a, b: jnp.where(active, a, b), state_new, state)
            return (w, state), None

        def chunk(carry, inp):
            carry, _ = jax.lax.scan(step, carry, inp)
            return carry, evaluate(carry[0])

        (w, _), rec = jax.lax.scan(chunk, (w0, opt.init(w0, hp_t)), ts)
        first = evaluate(w0)
        rec = jax.tree.map(lambda a, b: jnp.concatenate([a[None], b]), first, rec)
        return rec, w0, w

    return jax.vmap(one)(hp, gain, bias, seeds)


def train_runs(
    spec: deep.DeepSpec,
    opt_name: str,
    init: str,
    dist: str,
    batch: int,
    n_steps: int,
    records: int,
    x: np.ndarray,
    y: np.ndarray,
    hp: dict[str, np.ndarray],
    gain: np.ndarray,
    bias: np.ndarray,
    seeds: np.ndarray,
) -> Runs:
    """Train R networks of one structure in one compiled call.

    Args:
        spec: the network (static).
        opt_name: a registered optimizer (static).
        init, dist: initializer and distribution (static).
        batch: mini-batch size (static); the training-set size for full-batch descent.
        n_steps: updates (static).
        records: evaluation points after the start (static; ``n_steps`` rounded up to a multiple).
        x, y: the training set.
        hp: the optimizer's full hyperparameters, each an (R,) array.
        gain, bias, seeds: (R,) weight gain, hidden bias value and seed of each run.

    Returns:
        :class:`Runs`.
    """
    every = -(-n_steps // records)
    hp_j = {k: jnp.asarray(np.asarray(v, np.float32)) for k, v in hp.items()}
    (loss, acc, stats), w0, w = _train(
        spec,
        opt_name,
        init,
        dist,
        int(batch),
        int(n_steps),
        every,
        (jnp.asarray(x), jnp.asarray(y)),
        hp_j,
        jnp.asarray(gain, jnp.float32),
        jnp.asarray(bias, jnp.float32),
        jnp.asarray(seeds, jnp.uint32),
    )
    stats = np.asarray(stats)
    n_rec = stats.shape[1] - 1
    return Runs(
        record_steps=np.minimum(np.arange(n_rec + 1) * every, n_steps),
        loss=np.asarray(loss),
        accuracy=np.asarray(acc),
        h_std=stats[..., 0],
        flat=stats[..., 1],
        dead=stats[..., 2],
        grad_norm=stats[..., 3],
        w0=np.asarray(w0),
        w_final=np.asarray(w),
    )


def full_hp(opt_name: str, overrides: dict[str, float | np.ndarray], runs: int) -> dict[str, np.ndarray]:
    """The optimizer's validated hyperparameters as (runs,) arrays (a number is repeated; an array
    gives each run its own value)."""
    hp = optimizers.get(opt_name).validate(dict(overrides))
    return {k: np.broadcast_to(np.asarray(v, np.float32), (runs,)).copy() for k, v in hp.items()}


def sgd_sweep(
    spec: deep.DeepSpec,
    init: str,
    dist: str,
    batch: int,
    n_steps: int,
    records: int,
    x: np.ndarray,
    y: np.ndarray,
    lrs: np.ndarray,
    biases: np.ndarray,
    seeds: np.ndarray,
) -> Runs:
    """:func:`train_runs` with mini-batch SGD, unit gain, and a learning rate, bias value and seed per
    run (the dying-ReLU and normalization studies' sweeps)."""
    runs = len(lrs)
    return train_runs(
        spec,
        "sgd",
        init,
        dist,
        batch,
        n_steps,
        records,
        x,
        y,
        full_hp("sgd", {"lr": lrs}, runs),
        np.ones(runs),
        biases,
        seeds,
    )
