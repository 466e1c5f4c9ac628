"""The batch-size study: does a larger mini-batch find a sharper minimum that generalises worse?

One small MLP is trained on one data set at several batch sizes and several seeds. Every seed
starts from the same initial weights at every batch size; only the mini-batch sampling differs
(each epoch a fresh permutation of the training set, cut into batches of B; an incomplete last
batch is dropped). One compiled call per batch size trains all seeds at once (``vmap`` over seeds,
``lax.scan`` over steps); the batch size is static because it fixes the shape of each step's work.

Then, per solution: the final train / test loss and accuracy (the generalisation gap is
test - train loss and train - test accuracy), the top Hessian eigenvalue and Keskar's
epsilon-sharpness (:mod:`studies.sharpness`), the 1-D interpolation between the smallest- and
largest-batch solutions of each seed, 2-D filter-normalised slices and decision boundaries
(:mod:`studies.slices`).

The same question on a 2-D surface with the engine's mini-batch noise (:func:`basin_fractions`)
and the lecture's 1-D picture (:func:`concept_curves`) complete the lab.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from landscapes.compiled import family_jit
from studies import sharpness, slices

LR_SCALINGS = ("none", "sqrt", "linear")
MAX_BATCH_SIZES = 10
MAX_SEEDS = 16
MAX_STEPS = 20_000
MAX_RECORDS = 400
EPSILONS = (1e-3, 5e-4)
# Mini-batches of SEQUENTIAL_FROM or more (but not the full batch) run the seeds one after another
# (lax.map) instead of vmapped: each seed gathers different rows, and XLA's CPU batched matmuls over
# them were slower than the same work seed by seed (measured, 400 Adam steps, 4 seeds: B=1024
# 0.41 s vmapped vs 0.24 s sequential; the full batch, whose inputs all seeds share, 0.54 s vmapped
# vs 0.79 s sequential).
SEQUENTIAL_FROM = 128
BASIN_SCHEDULE = optimizers.Schedule("cosine")  # lr decays to 0: runs settle in their basin
BASIN_STARTS = ("sharp", "uniform")  # every run starts in the sharpest minimum / anywhere in view


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
    return data_mod.make(cfg.dataset, n_train=cfg.n_train, n_test=cfg.n_test, noise=cfg.noise,
                         label_noise=cfg.label_noise, seed=cfg.data_seed)


def make_spec(cfg: StudyConfig, ds: data_mod.Dataset) -> mlp.MLPSpec:
    """The study's network for data set ``ds``."""
    return mlp.make_spec(d_in=ds.d_in, width=cfg.width, depth=cfg.depth, n_classes=ds.n_classes,
                         activation=cfg.activation, init=cfg.init, loss=cfg.loss)


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
        raise ValueError(f"lr scaling '{cfg.lr_scaling}' gives lr = {top_lr:g} at batch {max(bs)}, "
                         f"above the valid maximum {lr_range.high:g}")
    return hp


@lru_cache(maxsize=64)
def _units(n: int) -> np.ndarray:
    """The multipliers a in [1, n) with gcd(a, n) = 1: each makes i -> a i + c (mod n) a bijection."""
    a = np.arange(1, max(n, 2))
    return a[np.gcd(a, n) == 1]


def _evaluate(spec, w, data):
    x_tr, y_tr, x_te, y_te = data
    p = mlp.unflatten(spec, w)
    return jnp.stack([mlp.loss(spec, p, x_tr, y_tr), mlp.loss(spec, p, x_te, y_te),
                      mlp.accuracy(spec, p, x_tr, y_tr), mlp.accuracy(spec, p, x_te, y_te)])


@partial(jax.jit, static_argnames=("spec", "opt_name", "batch", "n_steps", "every"))
def train_seeds(spec: mlp.MLPSpec, opt_name: str, batch: int, n_steps: int, every: int, data, hp, seeds):
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
            return carry, _evaluate(spec, carry[0], data)

        (w, _), curves = jax.lax.scan(chunk, (w0, opt.init(w0, hp_t)), ts)
        return w, w0, jnp.concatenate([_evaluate(spec, w0, data)[None], curves])

    if SEQUENTIAL_FROM <= batch < n:
        return jax.lax.map(one, seeds)
    return jax.vmap(one)(seeds)


def _lrs(cfg: StudyConfig, lr: float) -> np.ndarray:
    p = {"none": 0.0, "sqrt": 0.5, "linear": 1.0}[cfg.lr_scaling]
    b = np.asarray(cfg.batch_sizes, np.float64)
    return lr * (b / b.min()) ** p


def run_study(cfg: StudyConfig, progress: Callable[[int, int, int], None] | None = None,
              ds: data_mod.Dataset | None = None) -> StudyResult:
    """Train the study: one compiled call per batch size, every seed in it.

    Args:
        cfg: the study.
        progress: called as ``progress(done, total, batch_size)`` after each batch size.
        ds: the data set (made from ``cfg`` if None).

    Returns:
        :class:`StudyResult`.

    Raises:
        ValueError: an invalid config (see :func:`validate`).
    """
    hp = validate(cfg)
    ds = ds if ds is not None else make_data(cfg)
    spec = make_spec(cfg, ds)
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    every = -(-cfg.steps // cfg.records)
    seeds = jnp.arange(cfg.seeds, dtype=jnp.uint32)
    lrs = _lrs(cfg, hp["lr"])
    outs = []
    for i, (b, lr) in enumerate(zip(cfg.batch_sizes, lrs, strict=True)):
        hp_b = {k: np.float32(v) for k, v in {**hp, "lr": lr}.items()}
        w, w0, curves = train_seeds(spec, cfg.optimizer, int(b), cfg.steps, every, data, hp_b, seeds)
        outs.append((np.asarray(w), np.asarray(w0), np.asarray(curves)))
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


class Sharpness(NamedTuple):
    """Sharpness of every solution of a study. Axes: batch size, seed."""

    top_eig: np.ndarray  # (nB, S) largest Hessian eigenvalue of the training loss
    eps_sharpness: np.ndarray  # (nB, S, E) Keskar's measure, one column per epsilon
    epsilons: tuple[float, ...]


@partial(jax.jit, static_argnames=("spec", "iters", "steps", "starts", "symmetric"))
def _sharpness_all(spec, ws, data, epsilons, key, iters, steps, starts, symmetric):
    obj = mlp.Objective(spec)
    args = (data[0], data[1])

    def one(w):
        eig = sharpness.lanczos(obj, w, args, key, iters=iters)[-1]
        eps_vals = jax.vmap(lambda e: sharpness.eps_sharpness(
            obj, w, args, e, key, steps=steps, starts=starts, symmetric=symmetric)[0])(epsilons)
        return eig, eps_vals

    return jax.lax.map(one, ws)


def measure_sharpness(result: StudyResult, ds: data_mod.Dataset, *, epsilons: Sequence[float] = EPSILONS,
                      iters: int = 20, steps: int = 20, starts: int = 3, symmetric: bool = False,
                      seed: int = 0) -> Sharpness:
    """Top Hessian eigenvalue (Lanczos) and epsilon-sharpness of every solution, on the training set.

    Args:
        result: a trained study.
        ds: its data set.
        epsilons: box sizes for the epsilon-sharpness.
        iters: Lanczos steps (Hessian-vector products).
        steps, starts: projected ascent steps and starts per epsilon.
        symmetric: use the symmetric form (see :func:`studies.sharpness.eps_sharpness`).
        seed: seed of the Lanczos start and the random ascent starts.

    Returns:
        :class:`Sharpness`.
    """
    spec = make_spec(result.config, ds)
    nb, s, d = result.final_w.shape
    data = (jnp.asarray(ds.x_train), jnp.asarray(ds.y_train))
    eig, eps_vals = _sharpness_all(spec, jnp.asarray(result.final_w.reshape(nb * s, d)), data,
                                   jnp.asarray(epsilons, jnp.float32), jax.random.PRNGKey(seed),
                                   iters, steps, starts, symmetric)
    return Sharpness(np.asarray(eig).reshape(nb, s), np.asarray(eps_vals).reshape(nb, s, -1),
                     tuple(float(e) for e in epsilons))


class Interpolation(NamedTuple):
    """Loss and accuracy along alpha * w_large + (1 - alpha) * w_small, one row per seed."""

    alphas: np.ndarray  # (A,)
    train_loss: np.ndarray  # (S, A)
    test_loss: np.ndarray  # (S, A)
    train_acc: np.ndarray  # (S, A)
    test_acc: np.ndarray  # (S, A)
    small: int  # batch size at alpha = 0
    large: int  # batch size at alpha = 1


@partial(jax.jit, static_argnames=("spec",))
def _interp_all(spec, w_small, w_large, alphas, data):
    def one(wa, wb):
        return jax.vmap(lambda a: _evaluate(spec, (1.0 - a) * wa + a * wb, data))(alphas)

    return jax.vmap(one)(w_small, w_large)


def interpolation(result: StudyResult, ds: data_mod.Dataset, *, small: int | None = None,
                  large: int | None = None, n: int = 61, lo: float = -1.0, hi: float = 2.0) -> Interpolation:
    """Keskar et al.'s Fig. 3: the straight line from the small-batch to the large-batch solution.

    Args:
        result, ds: a trained study and its data.
        small, large: batch sizes at alpha = 0 and 1 (default: the smallest and the largest).
        n: points in [lo, hi].

    Returns:
        :class:`Interpolation` (each seed pairs its own two solutions, which share an init).

    Raises:
        ValueError: a batch size that is not in the study.
    """
    bs = list(result.batch_sizes)
    small = min(bs) if small is None else small
    large = max(bs) if large is None else large
    for b in (small, large):
        if b not in bs:
            raise ValueError(f"batch size {b} is not in the study; choose one of: {bs}")
    spec = make_spec(result.config, ds)
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    alphas = np.linspace(lo, hi, n).astype(np.float32)
    out = np.asarray(_interp_all(spec, jnp.asarray(result.final_w[bs.index(small)]),
                                 jnp.asarray(result.final_w[bs.index(large)]), jnp.asarray(alphas), data))
    return Interpolation(alphas, out[..., 0], out[..., 1], out[..., 2], out[..., 3], int(small), int(large))


class Slices(NamedTuple):
    """2-D filter-normalised slices around one seed's solutions, one per batch size."""

    coords: np.ndarray  # (n,) offsets along each direction
    train: np.ndarray  # (nB, n, n) training loss; rows follow direction 2
    test: np.ndarray  # (nB, n, n) test loss
    batch_sizes: np.ndarray  # (nB,)


@partial(jax.jit, static_argnames=("spec",))
def _slices_all(spec, ws, coords, key, data):
    obj = mlp.Objective(spec)
    k1, k2 = jax.random.split(key)

    def one(w):
        d1 = slices.random_direction(spec, w, k1)
        d2 = slices.random_direction(spec, w, k2)
        return (slices.slice_2d(obj, w, d1, d2, coords, (data[0], data[1])),
                slices.slice_2d(obj, w, d1, d2, coords, (data[2], data[3])))

    return jax.lax.map(one, ws)


def slices_2d(result: StudyResult, ds: data_mod.Dataset, *, seed_index: int = 0, n: int = 31,
              span: float = 1.0, direction_seed: int = 0) -> Slices:
    """Filter-normalised 2-D slices (Li et al. 2018) around each batch size's solution of one seed.

    Every solution uses the same two Gaussian draws (``direction_seed``), each rescaled filter by
    filter to that solution's weights, so the pictures are comparable on one colour scale.

    Args:
        result, ds: a trained study and its data.
        seed_index: which seed's solutions.
        n: grid points per axis (3..MAX_SLICE_GRID).
        span: the grid covers [-span, span] in units of the filter-normalised directions.
        direction_seed: seed of the two random directions.

    Returns:
        :class:`Slices`.

    Raises:
        ValueError: a bad seed index, grid size or span.
    """
    if not 0 <= seed_index < result.final_w.shape[1]:
        raise ValueError(f"seed_index = {seed_index} is outside [0, {result.final_w.shape[1] - 1}]")
    if not 3 <= n <= slices.MAX_SLICE_GRID:
        raise ValueError(f"grid size n = {n} is outside [3, {slices.MAX_SLICE_GRID}]")
    if not 0 < span <= 10:
        raise ValueError(f"span = {span} is outside (0, 10]")
    spec = make_spec(result.config, ds)
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    coords = np.linspace(-span, span, n).astype(np.float32)
    tr, te = _slices_all(spec, jnp.asarray(result.final_w[:, seed_index]), jnp.asarray(coords),
                         jax.random.PRNGKey(direction_seed), data)
    return Slices(coords, np.asarray(tr), np.asarray(te), result.batch_sizes)


@partial(jax.jit, static_argnames=("spec",))
def _outputs_all(spec, ws, points):
    def one(w):
        out = mlp.apply(spec, mlp.unflatten(spec, w), points)
        if spec.n_classes == 2:
            return jax.nn.sigmoid(out[:, :1])
        if spec.n_classes > 2:
            return jax.nn.softmax(out, axis=-1)
        return out

    return jax.lax.map(one, ws)


def decision_grids(result: StudyResult, ds: data_mod.Dataset, *, seed_index: int = 0, n: int = 101):
    """Each batch size's solution (one seed) evaluated on a grid over the data.

    Returns:
        (axes, values). For 2-D inputs: axes = (xs (n,), ys (n,)) and values (nB, n, n, K): class
        probabilities (K = 1: probability of class 1 for binary problems). For 1-D regression:
        axes = (xs (n,),) and values (nB, n, 1): the network's prediction.

    Raises:
        ValueError: inputs that are neither 1-D nor 2-D, or a bad seed index / grid size.
    """
    if not 0 <= seed_index < result.final_w.shape[1]:
        raise ValueError(f"seed_index = {seed_index} is outside [0, {result.final_w.shape[1] - 1}]")
    if not 2 <= n <= 400:
        raise ValueError(f"grid size n = {n} is outside [2, 400]")
    spec = make_spec(result.config, ds)
    ws = jnp.asarray(result.final_w[:, seed_index])
    bounds = ds.bounds
    if ds.d_in == 1:
        xs = np.linspace(*bounds[0], n).astype(np.float32)
        return (xs,), np.asarray(_outputs_all(spec, ws, jnp.asarray(xs[:, None])))
    if ds.d_in != 2:
        raise ValueError(f"decision boundaries need 1-D or 2-D inputs, got {ds.d_in}-D")
    xs = np.linspace(*bounds[0], n).astype(np.float32)
    ys = np.linspace(*bounds[1], n).astype(np.float32)
    gx, gy = np.meshgrid(xs, ys)
    pts = jnp.asarray(np.stack([gx.ravel(), gy.ravel()], 1))
    vals = np.asarray(_outputs_all(spec, ws, pts))
    return (xs, ys), vals.reshape(len(ws), n, n, -1)


def summary(result: StudyResult, sharp: Sharpness | None = None) -> dict[str, np.ndarray]:
    """Per-batch-size means and standard deviations over seeds (diverged runs excluded).

    Returns:
        name -> (nB, 2) array of (mean, std) for: train_loss, test_loss, gap_loss, train_acc,
        test_acc, gap_acc, and, given ``sharp``, top_eig and eps_sharpness_<eps>.
    """
    cols = {
        "train_loss": result.train_loss[..., -1], "test_loss": result.test_loss[..., -1],
        "gap_loss": result.gap_loss, "train_acc": result.train_acc[..., -1],
        "test_acc": result.test_acc[..., -1], "gap_acc": result.gap_acc,
    }
    if sharp is not None:
        cols["top_eig"] = sharp.top_eig
        for j, e in enumerate(sharp.epsilons):
            cols[f"eps_sharpness_{e:g}"] = sharp.eps_sharpness[..., j]
    ok = ~result.diverged
    out = {}
    for name, a in cols.items():
        a = np.where(ok, a, np.nan)
        with np.errstate(invalid="ignore"):
            cnt = np.sum(np.isfinite(a), axis=1)
            mean = np.where(cnt > 0, np.nansum(a, axis=1) / np.maximum(cnt, 1), np.nan)
            var = np.nansum((a - mean[:, None]) ** 2, axis=1) / np.maximum(cnt, 1)
        out[name] = np.stack([mean, np.sqrt(var)], axis=1)
    return out


# --------------------------------------------------------------------------------------------
# The same question on a 2-D surface: which basin does noisy descent end in?


def sharp_flat_surface():
    """The sharp-vs-flat two-basin surface of the registry (``landscapes.get("sharp_flat")``)."""
    import landscapes

    return landscapes.get("sharp_flat")


class Basin(NamedTuple):
    """Where a surface's local minima are and how sharp each is."""

    points: np.ndarray  # (m, 2) local minimisers
    top_eig: np.ndarray  # (m,) largest Hessian eigenvalue at each
    flat: int  # index of the flattest minimum


@family_jit(static_argnames=("family",))
def _descend(family, params, starts):
    f = lambda w: family(w, params)
    g = jax.grad(f)

    def run(w):
        # Newton-damped gradient descent: converges to the minimum of whichever basin w is in.
        def body(_, w):
            h = jax.hessian(f)(w)
            lam = jnp.maximum(jnp.max(jnp.abs(jnp.linalg.eigvalsh(h))), 1e-3)
            return w - g(w) / lam
        return jax.lax.fori_loop(0, 2000, body, w)

    ws = jax.vmap(run)(starts)
    eig = jax.vmap(lambda w: jnp.linalg.eigvalsh(jax.hessian(f)(w))[-1])(ws)
    return ws, eig


def find_minima(surface, n: int = 15) -> Basin:
    """Local minima of a 2-D surface, found by descending from an n x n grid of starts."""
    (x0, x1), (y0, y1) = surface.bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    starts = np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32)
    ws, eig = _descend(surface.fn_p, jnp.asarray(surface.params, jnp.float32), jnp.asarray(starts))
    ws, eig = np.asarray(ws, np.float64), np.asarray(eig, np.float64)
    keep = np.all(np.isfinite(ws), axis=1) & (eig > 0)
    pts: list[np.ndarray] = []
    eigs: list[float] = []
    tol = 1e-2 * max(x1 - x0, y1 - y0)
    for w, e in zip(ws[keep], eig[keep], strict=True):
        if not any(np.linalg.norm(w - p) < tol for p in pts):
            pts.append(w)
            eigs.append(e)
    order = np.argsort(eigs)
    return Basin(np.array(pts)[order], np.array(eigs)[order], 0)


class BasinFractions(NamedTuple):
    """Fraction of runs that end in the flattest basin, per batch size and optimizer."""

    batch_sizes: np.ndarray  # (nB,)
    optimizers: tuple[str, ...]  # (O,)
    flat_fraction: np.ndarray  # (O, nB)
    stderr: np.ndarray  # (O, nB) binomial standard error
    final_w: np.ndarray  # (O, nB, R, 2) end points
    starts: np.ndarray  # (R, 2) the shared random starts
    minima: Basin


def basin_fractions(
    surface=None,
    batch_sizes: Sequence[int] = (1, 2, 4, 8, 16, 32, 64, 128),
    runs: Sequence[Any] = (("sgd", {"lr": 0.05}), ("sam", {"lr": 0.05, "rho": 0.5})),
    n_seeds: int = 200,
    steps: int = 2000,
    noise: float = 4.0,
    seed: int = 0,
    start_box: tuple[tuple[float, float], tuple[float, float]] | None = None,
    schedule: optimizers.Schedule | None = BASIN_SCHEDULE,
    start: str = "sharp",
    jitter: float = 0.05,
) -> BasinFractions:
    """Run ``n_seeds`` noisy descents per batch size and optimizer on a two-basin surface.

    Each seed starts from its own random point (the same points for every batch size and optimizer):
    near the sharpest minimum (``start="sharp"``: who escapes?) or anywhere in the view
    (``"uniform"``: which basin catches whom?). Each run uses the engine's mini-batch noise
    (``optimizers.simulate(..., batch_size=B, noise=noise, seed=s)``: B of 128 per-sample
    gradients, so B = 128 is exact descent). The end point is assigned to the nearest local minimum.

    Args:
        surface: a Landscape with two or more minima (default :func:`sharp_flat_surface`).
        batch_sizes: each in [1, 128].
        runs: optimizers with hyperparameters, as for ``optimizers.simulate``.
        n_seeds: runs per batch size and optimizer.
        steps: updates per run.
        noise: std of the per-sample gradient offsets.
        seed: seed of the starts (run s uses engine seed ``seed * 100_003 + s``).
        start_box: where uniform starts are drawn (default: the surface's view).
        start: "sharp" (Gaussian jitter of std ``jitter`` around the sharpest minimum) or "uniform".
        jitter: spread of the "sharp" starts.
        schedule: learning-rate schedule of every run (None: constant). The default cosine decay
            to zero lets the last iterates settle in the basin they are in.

    Returns:
        :class:`BasinFractions`.

    Raises:
        ValueError: a surface with fewer than two minima, or invalid runs.
    """
    surface = surface or sharp_flat_surface()
    minima = find_minima(surface)
    if len(minima.points) < 2:
        raise ValueError(f"surface {surface.name!r} has {len(minima.points)} local minimum in view; "
                         "the basin study needs at least two")
    if not 1 <= n_seeds <= 2000:
        raise ValueError(f"n_seeds = {n_seeds} is outside [1, 2000]")
    if start not in BASIN_STARTS:
        raise ValueError(f"Unknown start {start!r}; choose one of: {', '.join(BASIN_STARTS)}")
    rng = np.random.default_rng(seed)
    if start == "uniform":
        (x0, x1), (y0, y1) = start_box or surface.bounds
        starts = np.stack([rng.uniform(x0, x1, n_seeds), rng.uniform(y0, y1, n_seeds)], 1)
    else:
        sharpest = minima.points[int(np.argmax(minima.top_eig))]
        starts = sharpest[None] + jitter * rng.normal(size=(n_seeds, 2))
    specs = []
    for name, hp in runs:
        for b in batch_sizes:
            for s in range(n_seeds):
                specs.append((name, hp, {"batch_size": int(b), "seed": seed * 100_003 + s,
                                         "start": tuple(starts[s]), "noise": noise}))
    res = optimizers.simulate(surface, specs, steps=steps, record="final", schedule=schedule)
    ends = res.final_w.reshape(len(runs), len(batch_sizes), n_seeds, 2)
    dist = np.linalg.norm(ends[..., None, :] - minima.points[None, None, None], axis=-1)
    in_flat = np.argmin(dist, axis=-1) == minima.flat
    frac = in_flat.mean(axis=-1)
    return BasinFractions(
        batch_sizes=np.asarray(batch_sizes),
        optimizers=tuple(name for name, _ in runs),
        flat_fraction=frac,
        stderr=np.sqrt(frac * (1 - frac) / n_seeds),
        final_w=ends,
        starts=starts,
        minima=minima,
    )


# --------------------------------------------------------------------------------------------
# The lecture's picture: train and test loss curves shifted, the gap at a flat and a sharp minimum.


class Concept(NamedTuple):
    """The conceptual 1-D figure's data."""

    x: np.ndarray  # (n,)
    train: np.ndarray  # (n,) training loss
    test: np.ndarray  # (n,) the same curve shifted by ``shift``
    minima: np.ndarray  # (2,) flat and sharp training minimisers
    gaps: np.ndarray  # (2,) test - train at each minimiser
    shift: float


def concept_loss(x, shift: float = 0.0, flat_width: float = 1.0, sharp_width: float = 0.15):
    """1-D loss with a flat minimum near x = -1.5 and a sharp one near x = 1.5 (NumPy, vectorised).

    ``shift`` moves the whole curve: the test loss is ``concept_loss(x, shift)``.
    """
    u = np.asarray(x, np.float64) - shift
    return (1.0 - 0.8 * np.exp(-0.5 * ((u + 1.5) / flat_width) ** 2)
            - 0.85 * np.exp(-0.5 * ((u - 1.5) / sharp_width) ** 2) + 0.02 * u * u)


def concept_curves(shift: float = 0.25, flat_width: float = 1.0, sharp_width: float = 0.15,
                   n: int = 801) -> Concept:
    """The data of the lecture's figure: the gap is larger at the sharp minimum for any shift.

    Args:
        shift: horizontal offset of the test curve (the train/test mismatch), |shift| <= 1.
        flat_width, sharp_width: widths of the two wells (sharp_width < flat_width).
        n: points on [-4, 4].

    Returns:
        :class:`Concept` (minimisers refined to 1e-9 by golden-section search).

    Raises:
        ValueError: a shift or widths out of range.
    """
    if not abs(shift) <= 1.0:
        raise ValueError(f"shift = {shift} is outside [-1, 1]")
    if not 0.02 <= sharp_width < flat_width <= 2.0:
        raise ValueError(f"need 0.02 <= sharp_width < flat_width <= 2, got {sharp_width}, {flat_width}")
    x = np.linspace(-4.0, 4.0, n)
    f = lambda v: concept_loss(v, 0.0, flat_width, sharp_width)
    mins = []
    for lo, hi in ((-3.0, 0.0), (0.0, 3.0)):
        xs = np.linspace(lo, hi, 3001)
        i = int(np.argmin(f(xs)))
        mins.append(_golden(f, xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]))
    mins_a = np.array(mins)
    gaps = concept_loss(mins_a, shift, flat_width, sharp_width) - f(mins_a)
    return Concept(x, f(x), concept_loss(x, shift, flat_width, sharp_width), mins_a, gaps, float(shift))


def _golden(f, a: float, b: float, tol: float = 1e-9) -> float:
    r = (math.sqrt(5) - 1) / 2
    c, d = b - r * (b - a), a + r * (b - a)
    while b - a > tol:
        if f(c) < f(d):
            b, d = d, c
            c = b - r * (b - a)
        else:
            a, c = c, d
            d = a + r * (b - a)
    return (a + b) / 2


# --------------------------------------------------------------------------------------------
# The lab's two heavy computations as single calls, with progress and a cost estimate (the app
# runs them as jobs in a worker process: ui.jobs).


class NetworkView(NamedTuple):
    """Everything the Batch lab's network view draws (NumPy only; picklable)."""

    result: StudyResult
    sharp: Sharpness
    interp: Interpolation | None  # None with a single batch size
    slices: Slices
    grid_axes: tuple
    grid_values: np.ndarray
    x_train: np.ndarray
    y_train: np.ndarray
    summary: dict[str, np.ndarray]


# Seconds per unit of work (one parameter of one sample through forward + backward) and per step of
# one seed (the optimizer's update and the loop), fitted on this project's 2-core machine
# (bench: python -m bench batch); a compile per batch size; sharpness, slices and boundaries.
SECONDS_PER_SAMPLE_PARAM = 1.5e-10
SECONDS_PER_SEED_STEP = 2e-6
SECONDS_PER_COMPILE = 1.5
SECONDS_MEASURE = 2.0
MAX_ESTIMATE_S = 900.0  # a study estimated longer than 15 minutes is refused (one class hour)


def batch_costs(cfg: StudyConfig) -> np.ndarray:
    """Estimated seconds of training at each batch size of ``cfg`` (compile included), (nB,).

    The model: every step of every seed costs a fixed overhead plus one forward and backward
    pass of B samples through P parameters; every ``steps / records`` steps the whole training and
    test sets are evaluated (a forward pass, a third of the cost).
    """
    p = mlp.make_spec(d_in=data_mod.input_dim(cfg.dataset), width=cfg.width, depth=cfg.depth,
                      n_classes=data_mod.n_classes(cfg.dataset), activation=cfg.activation,
                      init=cfg.init, loss=cfg.loss).n_params
    evals = cfg.records * (cfg.n_train + cfg.n_test) / 3.0
    grad_evals = optimizers.get(cfg.optimizer).grad_evals
    out = []
    for b in cfg.batch_sizes:
        samples = cfg.steps * b * grad_evals + evals
        out.append(SECONDS_PER_COMPILE + cfg.seeds * (cfg.steps * SECONDS_PER_SEED_STEP
                                                        + samples * p * SECONDS_PER_SAMPLE_PARAM))
    return np.asarray(out)


def estimate_seconds(cfg: StudyConfig) -> float:
    """Estimated wall-clock seconds of :func:`network_view` for ``cfg`` on the project's machine."""
    return float(batch_costs(cfg).sum()) + SECONDS_MEASURE * (1 + len(cfg.batch_sizes) * cfg.seeds / 24)


def check_budget(cfg: StudyConfig) -> float:
    """The estimate of ``cfg``; raises ValueError if it is over :data:`MAX_ESTIMATE_S`."""
    est = estimate_seconds(cfg)
    if est > MAX_ESTIMATE_S:
        raise ValueError(f"this study would take about {est / 60:.0f} minutes, over the limit of "
                         f"{MAX_ESTIMATE_S / 60:.0f}; use fewer steps, seeds, batch sizes or a smaller "
                         "network")
    return est


def network_view(cfg: StudyConfig, symmetric: bool = False,
                 progress: Callable[[float, tuple], None] | None = None) -> NetworkView:
    """Train the study and measure everything the network view shows.

    Args:
        cfg: the study (checked, the time budget included: :func:`check_budget`).
        symmetric: use the symmetric epsilon-sharpness.
        progress: called as ``progress(fraction, info)``; info is ``("train", batch, done, total)``
            after each batch size (the fraction weighted by each batch size's estimated cost), then
            ``("measure", 0, 0, 0)`` and ``("slices", 0, 0, 0)``.

    Returns:
        :class:`NetworkView`.
    """
    validate(cfg)
    check_budget(cfg)
    report = progress or (lambda fraction, info: None)
    ds = make_data(cfg)
    costs = batch_costs(cfg)
    share = 0.85 * np.cumsum(costs) / costs.sum()
    res = run_study(cfg, ds=ds, progress=lambda done, total, b: report(float(share[done - 1]),
                                                                       ("train", b, done, total)))
    report(0.86, ("measure", 0, 0, 0))
    sharp = measure_sharpness(res, ds, symmetric=symmetric)
    interp = interpolation(res, ds) if len(cfg.batch_sizes) > 1 else None
    report(0.93, ("slices", 0, 0, 0))
    sl = slices_2d(res, ds, n=25, span=1.0)
    axes, values = decision_grids(res, ds, n=60)
    return NetworkView(res, sharp, interp, sl, axes, values, ds.x_train, ds.y_train, summary(res, sharp))


def basin_view(batch_sizes: tuple[int, ...], lr: float, rho: float, n_seeds: int, steps: int, noise: float,
               start: str, progress: Callable[[float, tuple], None] | None = None) -> BasinFractions:
    """The Batch lab's two-basin experiment: SGD and SAM (same lr) at each batch size.

    Args:
        batch_sizes, n_seeds, steps, noise, start: as for :func:`basin_fractions`.
        lr: the learning rate of both optimizers; rho: SAM's radius.
        progress: called once at the start, ``progress(0.0, ("basins", 0, 0, 0))`` (one call does
            the work).

    Returns:
        :class:`BasinFractions`.
    """
    if progress is not None:
        progress(0.0, ("basins", 0, 0, 0))
    runs = (("sgd", {"lr": lr}), ("sam", {"lr": lr, "rho": rho}))
    return basin_fractions(batch_sizes=batch_sizes, runs=runs, n_seeds=n_seeds, steps=steps, noise=noise,
                           start=start)


def basin_estimate_seconds(n_batch_sizes: int, n_seeds: int, steps: int) -> float:
    """Estimated seconds of :func:`basin_view` (3,200 noisy runs x 2,000 steps took ~5 s warm)."""
    return 1.5 + 2 * n_batch_sizes * n_seeds * steps * 0.78e-6
