"""The network study: does a larger mini-batch find a sharper minimum that generalises worse?

One small MLP is trained on one data set at several batch sizes and several seeds. Every seed
starts from the same initial weights at every batch size; only the mini-batch sampling differs
(each epoch a fresh permutation of the training set, cut into batches of B; an incomplete last
batch is dropped). One compiled call per batch size trains all seeds at once (``vmap`` over seeds,
``lax.scan`` over steps); the batch size is static because it fixes the shape of each step's work.

This module trains (config -> :class:`StudyResult`); :mod:`studies.batch.network_measures` measures
the solutions (sharpness, interpolation, slices, decision boundaries, summary) and
:mod:`studies.batch.network_job` runs both as one job with a cost estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import NamedSharding
from jax.sharding import PartitionSpec as P

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from optimizers import devices as devs

__all__ = [
    "LR_SCALINGS",
    "MAX_BATCH_SIZES",
    "MAX_RECORDS",
    "MAX_SEEDS",
    "MAX_STEPS",
    "SEQUENTIAL_FROM",
    "StudyConfig",
    "StudyResult",
    "evaluate",
    "make_data",
    "make_spec",
    "run_study",
    "train_seeds",
    "train_seeds_sharded",
    "validate",
]

LR_SCALINGS = ("none", "sqrt", "linear")
MAX_BATCH_SIZES = 10
MAX_SEEDS = 16
MAX_STEPS = 20_000
MAX_RECORDS = 400
# Mini-batches of SEQUENTIAL_FROM or more (but not the full batch) run the seeds one after another
# (lax.map) instead of vmapped: each seed gathers different rows, and XLA's CPU batched matmuls over
# them were slower than the same work seed by seed (measured, 400 Adam steps, 4 seeds: B=1024
# 0.41 s vmapped vs 0.24 s sequential; the full batch, whose inputs all seeds share, 0.54 s vmapped
# vs 0.79 s sequential).
SEQUENTIAL_FROM = 128


class StudyConfig(NamedTuple):
    """Everything that defines a study (hashable: a cache key)."""

    dataset: str = "moons"
    n_train: int = 2048
    n_test: int = 2048
    noise: float = 0.2
    label_noise: float = 0.1
    data_seed: int = 0
    width: int = 32
    depth: int = 2
    activation: str = "tanh"
    init: str = "lecun"
    loss: str | None = None  # None: cross-entropy for classification, MSE for regression
    optimizer: str = "adam"
    hp: tuple[tuple[str, float], ...] = ()  # overrides of the optimizer's defaults
    lr_scaling: str = "none"  # lr x (B / B_min)^p with p = 0, 1/2, 1
    batch_sizes: tuple[int, ...] = (16, 32, 64, 256, 1024, 2048)
    seeds: int = 4
    steps: int = 2000
    records: int = 40  # curve points (plus the start)


class StudyResult(NamedTuple):
    """What :func:`run_study` returns. Axes: batch size, seed, record."""

    config: StudyConfig
    batch_sizes: np.ndarray  # (nB,)
    lr: np.ndarray  # (nB,) learning rate used at each batch size
    record_steps: np.ndarray  # (n_rec + 1,) step of each curve point (0 first)
    train_loss: np.ndarray  # (nB, S, n_rec + 1) on the whole (noisy-label) training set
    test_loss: np.ndarray  # (nB, S, n_rec + 1)
    train_acc: np.ndarray  # (nB, S, n_rec + 1) NaN for regression
    test_acc: np.ndarray  # (nB, S, n_rec + 1)
    final_w: np.ndarray  # (nB, S, d) flat weights after the last step
    w0: np.ndarray  # (S, d) initial weights (shared by every batch size)
    diverged: np.ndarray  # (nB, S) bool: final loss not finite

    @property
    def gap_loss(self) -> np.ndarray:
        """(nB, S) final test loss - train loss."""
        return self.test_loss[..., -1] - self.train_loss[..., -1]

    @property
    def gap_acc(self) -> np.ndarray:
        """(nB, S) final train accuracy - test accuracy."""
        return self.train_acc[..., -1] - self.test_acc[..., -1]


def make_data(cfg: StudyConfig) -> data_mod.Dataset:
    """The study's data set."""
    return data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train,
        n_test=cfg.n_test,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.data_seed,
    )


def make_spec(cfg: StudyConfig, ds: data_mod.Dataset) -> mlp.MLPSpec:
    """The study's network for data set ``ds``."""
    return mlp.make_spec(
        d_in=ds.d_in,
        width=cfg.width,
        depth=cfg.depth,
        n_classes=ds.n_classes,
        activation=cfg.activation,
        init=cfg.init,
        loss=cfg.loss,
    )


def validate(cfg: StudyConfig) -> dict[str, float]:
    """Check a config; returns the optimizer's full hyperparameters.

    Raises:
        ValueError: naming the bad value and the valid range or choices.
    """
    opt = optimizers.get(cfg.optimizer)
    hp = opt.validate(dict(cfg.hp))
    if cfg.lr_scaling not in LR_SCALINGS:
        raise ValueError(f"Unknown lr_scaling {cfg.lr_scaling!r}; choose one of: {', '.join(LR_SCALINGS)}")
    bs = tuple(cfg.batch_sizes)
    if not 1 <= len(bs) <= MAX_BATCH_SIZES:
        raise ValueError(f"give 1 to {MAX_BATCH_SIZES} batch sizes, got {len(bs)}")
    if len(set(bs)) != len(bs):
        raise ValueError(f"batch sizes must differ, got {bs}")
    for b in bs:
        if not isinstance(b, (int, np.integer)) or not 1 <= b <= cfg.n_train:
            raise ValueError(f"batch size {b!r} is outside [1, n_train = {cfg.n_train}]")
    if not 1 <= cfg.seeds <= MAX_SEEDS:
        raise ValueError(f"seeds = {cfg.seeds} is outside [1, {MAX_SEEDS}]")
    if not 1 <= cfg.steps <= MAX_STEPS:
        raise ValueError(f"steps = {cfg.steps} is outside [1, {MAX_STEPS}]")
    if not 1 <= cfg.records <= min(MAX_RECORDS, cfg.steps):
        raise ValueError(f"records = {cfg.records} is outside [1, {min(MAX_RECORDS, cfg.steps)}]")
    scale_lo = min(bs)
    top_lr = hp["lr"] * (max(bs) / scale_lo) ** {"none": 0.0, "sqrt": 0.5, "linear": 1.0}[cfg.lr_scaling]
    lr_range = opt.ranges["lr"]
    if top_lr > lr_range.high:
        raise ValueError(
            f"lr scaling '{cfg.lr_scaling}' gives lr = {top_lr:g} at batch {max(bs)}, "
            f"above the valid maximum {lr_range.high:g}"
        )
    return hp


@lru_cache(maxsize=64)
def _units(n: int) -> np.ndarray:
    """The multipliers a in [1, n) with gcd(a, n) = 1: each makes i -> a i + c (mod n) a bijection."""
    a = np.arange(1, max(n, 2))
    return a[np.gcd(a, n) == 1]


def evaluate(spec, w, data):
    """(train loss, test loss, train accuracy, test accuracy) of flat weights ``w`` (traced)."""
    x_tr, y_tr, x_te, y_te = data
    p = mlp.unflatten(spec, w)
    return jnp.stack(
        [
            mlp.loss(spec, p, x_tr, y_tr),
            mlp.loss(spec, p, x_te, y_te),
            mlp.accuracy(spec, p, x_tr, y_tr),
            mlp.accuracy(spec, p, x_te, y_te),
        ]
    )


@partial(jax.jit, static_argnames=("spec", "opt_name", "batch", "n_steps", "every"))
def train_seeds(spec: mlp.MLPSpec, opt_name: str, batch: int, n_steps: int, every: int, data, hp, seeds):
    """Train one network per seed at one batch size; see :func:`_train_seeds`."""
    return _train_seeds(spec, opt_name, batch, n_steps, every, data, hp, seeds)


@partial(jax.jit, static_argnames=("spec", "opt_name", "batch", "n_steps", "every", "mesh"))
def train_seeds_sharded(spec, opt_name, batch, n_steps, every, data, hp, seeds, *, mesh):
    """:func:`train_seeds` with the seeds split over the devices of ``mesh`` (a one-axis mesh,
    ``optimizers.devices.mesh``; static). Each device trains its seeds as :func:`train_seeds`
    does, with no communication; ``seeds`` holds a multiple of the mesh's size (pad, then drop).

    Equal to :func:`train_seeds` to the last bit or two, not bit for bit: XLA:CPU picks its
    matmul and reduction kernels by the whole vmapped shape, so a seed's rounding depends on how
    many seeds share its call, on one device as well (seeds 0-1 of a 2-seed call differ from the
    same seeds of a 5-seed call by ~1 ulp; tests/test_sharding.py measures both).

    Returns:
        As :func:`train_seeds`, each array split by seeds over the devices.
    """
    runs, everywhere = P(devs.AXIS), P()
    return jax.shard_map(
        lambda data, hp, seeds: _train_seeds(spec, opt_name, batch, n_steps, every, data, hp, seeds),
        mesh=mesh,
        in_specs=(everywhere, everywhere, runs),
        out_specs=runs,
        check_vma=False,  # no collectives; the loops mix shared and per-device values
    )(data, hp, seeds)


def _train_seeds(spec: mlp.MLPSpec, opt_name: str, batch: int, n_steps: int, every: int, data, hp, seeds):
    """Train one network per seed at one batch size, all seeds in one compiled call (vmapped for
    small batches and the full batch, sequential for large mini-batches: :data:`SEQUENTIAL_FROM`).

    Args:
        spec: the network (static).
        opt_name: a registered optimizer (static).
        batch: mini-batch size (static); equal to the training-set size for full-batch descent.
        n_steps: updates (static).
        every: steps between curve points (static).
        data: (x_train, y_train, x_test, y_test) arrays (traced).
        hp: the optimizer's hyperparameters, name -> scalar (traced).
        seeds: (S,) uint32: seed s initialises with PRNGKey(s) whatever the batch size.

    Returns:
        (w_final (S, d), w0 (S, d), curves (S, n_rec + 1, 4)) where the 4 columns are train loss,
        test loss, train accuracy and test accuracy, at steps 0, every, 2 every, ..., n_steps.
    """
    opt = optimizers.get(opt_name)
    obj = mlp.Objective(spec)
    x_tr, y_tr = data[0], data[1]
    n = x_tr.shape[0]
    n_rec = -(-n_steps // every)
    padded = n_rec * every
    per_epoch = n // batch
    ts = jnp.arange(padded, dtype=jnp.int32).reshape(n_rec, every)

    def one(seed):
        key = jax.random.PRNGKey(seed)
        w0 = mlp.init_flat(spec, key)
        hp_t = {k: jnp.asarray(v, w0.dtype) for k, v in hp.items()}
        if batch < n:
            # Epoch e visits the samples in the order P[(a_e i + c_e) mod n]: one seeded random
            # permutation P, re-ordered each epoch by a random affine bijection (a_e coprime to n).
            # Every epoch sees every sample once and each batch is a uniformly random subset, at
            # O(B) per step; a fresh sorted permutation per epoch cost seconds at large B.
            k_perm, k_a, k_c = jax.random.split(jax.random.fold_in(jax.random.fold_in(key, 1), batch), 3)
            perm = jax.random.permutation(k_perm, n)
            n_epochs = -(-padded // per_epoch)
            units = jnp.asarray(_units(n), jnp.uint32)
            mult = units[jax.random.randint(k_a, (n_epochs,), 0, units.shape[0])]
            shift = jax.random.randint(k_c, (n_epochs,), 0, n).astype(jnp.uint32)
        lane = jnp.arange(batch, dtype=jnp.uint32)

        def step(carry, t):
            w, state = carry
            if batch < n:
                e, k = t // per_epoch, (t % per_epoch).astype(jnp.uint32)
                pos = (mult[e] * (k * batch + lane) + shift[e]) % n  # < n^2 <= 2.5e9: fits uint32
                idx = perm[pos]
                xb, yb = x_tr[idx], y_tr[idx]
            else:
                xb, yb = x_tr, y_tr
            grad_fn = lambda v: jax.grad(obj)(v, xb, yb)
            w_new, state_new, _ = opt.update(grad_fn, w, state, hp_t)
            active = t < n_steps
            w = jnp.where(active, w_new, w)
            state = jax.tree.map(lambda a, b: jnp.where(active, a, b), state_new, state)
            return (w, state), None

        def chunk(carry, inp):
            carry, _ = jax.lax.scan(step, carry, inp)
            return carry, evaluate(spec, carry[0], data)

        (w, _), curves = jax.lax.scan(chunk, (w0, opt.init(w0, hp_t)), ts)
        return w, w0, jnp.concatenate([evaluate(spec, w0, data)[None], curves])

    if SEQUENTIAL_FROM <= batch < n:
        return jax.lax.map(one, seeds)
    return jax.vmap(one)(seeds)


def _train_on(chosen: tuple, n_seeds: int, host_data: tuple):
    """``train(spec, opt_name, batch, n_steps, every, hp) -> (w, w0, curves)`` as NumPy arrays of
    ``n_seeds`` seeds: :func:`train_seeds` on one device (the first chosen), or
    :func:`train_seeds_sharded` over the chosen devices (seeds padded with copies of the last to a
    multiple of their number; the copies dropped)."""
    if len(chosen) == 1 or n_seeds == 1:
        # JAX's default device, or the one chosen (its arrays are committed there, and so is the call)
        put = jnp.asarray if chosen[0] == jax.devices()[0] else partial(jax.device_put, device=chosen[0])
        data = tuple(put(a) for a in host_data)
        seeds = put(np.arange(n_seeds, dtype=np.uint32))

        def train(*args):
            *static, hp = args
            return tuple(np.asarray(x) for x in train_seeds(*static, data, hp, seeds))

        return train
    mesh = devs.mesh(chosen)
    everywhere, runs = NamedSharding(mesh, P()), NamedSharding(mesh, P(devs.AXIS))
    padded = np.minimum(np.arange(-(-n_seeds // len(chosen)) * len(chosen)), n_seeds - 1).astype(np.uint32)
    data, seeds = devs.place((host_data, padded), ((everywhere,) * 4, runs))

    def train(*args):
        *static, hp = args
        hp = devs.place(hp, {k: everywhere for k in hp})
        out = train_seeds_sharded(*static, data, hp, seeds, mesh=mesh)
        return tuple(devs.to_host(x)[:n_seeds] for x in out)

    return train


def _lrs(cfg: StudyConfig, lr: float) -> np.ndarray:
    p = {"none": 0.0, "sqrt": 0.5, "linear": 1.0}[cfg.lr_scaling]
    b = np.asarray(cfg.batch_sizes, np.float64)
    return lr * (b / b.min()) ** p


def run_study(
    cfg: StudyConfig,
    progress: Callable[[int, int, int], None] | None = None,
    ds: data_mod.Dataset | None = None,
    devices: Any = None,
) -> StudyResult:
    """Train the study: one compiled call per batch size, every seed in it.

    Args:
        cfg: the study.
        progress: called as ``progress(done, total, batch_size)`` after each batch size.
        ds: the data set (made from ``cfg`` if None).
        devices: where the seeds train (``optimizers.devices``: None reads
            ``GRADIENT_ATLAS_DEVICES``, else all devices); with more than one and more than one
            seed, the seeds are split over them (:func:`train_seeds_sharded`: the same results to
            an ulp or two).

    Returns:
        :class:`StudyResult`.

    Raises:
        ValueError: an invalid config (see :func:`validate`).
    """
    hp = validate(cfg)
    chosen = devs.resolve(devices)
    ds = ds if ds is not None else make_data(cfg)
    spec = make_spec(cfg, ds)
    host_data = (ds.x_train, ds.y_train, ds.x_test, ds.y_test)
    every = -(-cfg.steps // cfg.records)
    lrs = _lrs(cfg, hp["lr"])
    train = _train_on(chosen, cfg.seeds, host_data)
    outs = []
    for i, (b, lr) in enumerate(zip(cfg.batch_sizes, lrs, strict=True)):
        hp_b = {k: np.float32(v) for k, v in {**hp, "lr": lr}.items()}
        outs.append(train(spec, cfg.optimizer, int(b), cfg.steps, every, hp_b))
        if progress is not None:
            progress(i + 1, len(cfg.batch_sizes), int(b))
    curves = np.stack([o[2] for o in outs])  # (nB, S, n_rec + 1, 4)
    final_w = np.stack([o[0] for o in outs])
    n_rec = curves.shape[2] - 1
    return StudyResult(
        config=cfg,
        batch_sizes=np.asarray(cfg.batch_sizes),
        lr=lrs,
        record_steps=np.minimum(np.arange(n_rec + 1) * every, cfg.steps),
        train_loss=curves[..., 0],
        test_loss=curves[..., 1],
        train_acc=curves[..., 2],
        test_acc=curves[..., 3],
        final_w=final_w,
        w0=outs[0][1],
        diverged=~np.isfinite(curves[..., -1, 0]),
    )
