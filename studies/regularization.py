"""The regularization lab's experiments: every idea of the lecture as numbers.

1. Capacity (:func:`poly_capacity`, :func:`mlp_capacity`): train and test error against model
   capacity over several seeds: under-fitting, the sweet spot, over-fitting.
2. Early stopping (:func:`early_view`, :func:`early_stop`): train / validation / test curves of an
   over-parameterised network on noisy labels; the validation minimum found with a patience; and why
   the test set must not choose (:func:`selection_optimism`).
3. Regularizers side by side (:func:`compare_view`) and a sweep of one strength
   (:func:`sweep_view`), all trained by :func:`studies.regularization_net.train_runs`, one
   compiled call per optimizer and group of costly regularizers (:func:`groups`); L2 through the
   loss against decoupled weight decay under Adam and under SGD (:func:`coupled_vs_decoupled`).

The analytic picture of weight decay (a surface plus lambda/2 ||w||^2) is
:mod:`landscapes.penalised`.

Every function returns NumPy arrays in NamedTuples (picklable, storable by :mod:`studies.store`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from studies import batch, sharpness
from studies import regularization_net as rn

OPTIMIZERS = ("adam", "sgd", "momentum")
DATASETS = ("moons", "circles", "xor", "spirals")
MAX_RUNS = 256  # configurations x seeds in one call
MAX_STEPS = 10_000
MAX_SEEDS = 16
MAX_THREADS = 4  # training programs compiled and run at once by one call of train()
Progress = Callable[[float, tuple], None]


def _quiet(fraction: float, info: tuple) -> None:
    """A progress callback that ignores the report."""


# --------------------------------------------------------------------------------------------
# The task every network experiment trains on


class Task(NamedTuple):
    """Data, network and training of a network experiment (hashable: a cache and job key)."""

    dataset: str = "moons"
    n_train: int = 200
    noise: float = 0.25
    label_noise: float = 0.2
    n_val: int = 500
    n_test: int = 500
    n_fresh: int = 0  # a second, independent test set (the early-stopping view's honest estimate)
    data_seed: int = 0
    width: int = 32
    depth: int = 2
    activation: str = "relu"
    optimizer: str = "adam"
    lr: float = 0.01
    batch: int = 32
    steps: int = 2000
    seeds: int = 3
    records: int = 40


class Sets(NamedTuple):
    """The data of a task: training set (noisy labels) and clean evaluation sets."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    x_fresh: np.ndarray
    y_fresh: np.ndarray
    n_classes: int
    bounds: tuple


def check_task(task: Task) -> None:
    """Raise ValueError naming the first value of ``task`` that is out of range."""
    if task.dataset not in DATASETS:
        raise ValueError(f"Unknown data set {task.dataset!r}; choose one of: {', '.join(DATASETS)}")
    if task.optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {task.optimizer!r}; choose one of: {', '.join(OPTIMIZERS)}")
    if task.activation not in rn.ACTIVATIONS:
        raise ValueError(
            f"Unknown activation {task.activation!r}; choose one of: {', '.join(rn.ACTIVATIONS)}"
        )
    optimizers.get(task.optimizer).validate({"lr": task.lr})
    for name, v, lo, hi in (
        ("n_train", task.n_train, 16, 4096),
        ("n_val", task.n_val, 16, 4096),
        ("n_test", task.n_test, 16, 4096),
        ("n_fresh", task.n_fresh, 0, 8192),
        ("width", task.width, 1, 256),
        ("depth", task.depth, 1, 4),
        ("batch", task.batch, 1, 4096),
        ("steps", task.steps, 1, MAX_STEPS),
        ("seeds", task.seeds, 1, MAX_SEEDS),
        ("records", task.records, 1, 400),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v!r} is outside [{lo}, {hi}]")
    if task.records > task.steps:
        raise ValueError(f"records = {task.records} is more than steps = {task.steps}")


def make_sets(task: Task) -> Sets:
    """The task's data: the training set with its flipped labels; validation, test and fresh sets
    drawn clean from the same distribution (one draw, split by a seeded permutation)."""
    n_eval = task.n_val + task.n_test + task.n_fresh
    ds = data_mod.make(
        task.dataset,
        n_train=task.n_train,
        n_test=n_eval,
        noise=task.noise,
        label_noise=task.label_noise,
        seed=task.data_seed,
    )
    a, b = task.n_val, task.n_val + task.n_test
    return Sets(
        ds.x_train,
        ds.y_train,
        ds.x_test[:a],
        ds.y_test[:a],
        ds.x_test[a:b],
        ds.y_test[a:b],
        ds.x_test[b:],
        ds.y_test[b:],
        ds.n_classes,
        ds.bounds,
    )


def make_spec(task: Task, n_classes: int, d_in: int = 2) -> mlp.MLPSpec:
    """The task's network (He initialisation for ReLU, LeCun for tanh)."""
    init = "he" if task.activation == "relu" else "lecun"
    return mlp.make_spec(
        d_in=d_in,
        width=task.width,
        depth=task.depth,
        n_classes=n_classes,
        activation=task.activation,
        init=init,
    )


def _hp(task: Task, optimizer: str | None = None) -> dict[str, np.float32]:
    full = optimizers.get(optimizer or task.optimizer).validate({"lr": task.lr})
    return {k: np.float32(v) for k, v in full.items()}


def every_of(task: Task) -> int:
    """Steps between two records."""
    return -(-task.steps // task.records)


def record_steps(task: Task) -> np.ndarray:
    """The step of each record, 0 first."""
    every = every_of(task)
    n_rec = -(-task.steps // every)
    return np.minimum(np.arange(n_rec + 1) * every, task.steps)


class Trained(NamedTuple):
    """Networks trained by :func:`train`. Axes: configuration, seed, record."""

    regs: np.ndarray  # (C, K) strengths
    record_steps: np.ndarray  # (T,)
    curves: np.ndarray  # (C, S, T, 2 E + 1): loss and accuracy per evaluation set, then ||w||
    final_w: np.ndarray  # (C, S, d)
    bn_mean: tuple  # per hidden layer (C, S, width)
    bn_var: tuple
    sets: tuple[str, ...]  # names of the evaluation sets, in column order


def train(
    task: Task,
    regs: np.ndarray,
    sets: Sets,
    *,
    optimizer: str | None = None,
    evals: Sequence[str] = ("train", "val", "test"),
) -> Trained:
    """Train the task's network under each row of strengths, every seed: one compiled call per
    group of rows that switch on the same regularizers (:func:`groups`), seeds and strengths vmapped.

    Args:
        task: data, network, optimizer and schedule.
        regs: (C, K) strengths (rows of :func:`studies.regularization_net.strengths`).
        sets: the task's data (:func:`make_sets`).
        optimizer: overrides the task's optimizer (same learning rate).
        evals: which sets to record ("train", "val", "test", "fresh").

    Returns:
        :class:`Trained`.

    Raises:
        ValueError: a bad task, strength or too many runs.
    """
    check_task(task)
    regs = np.asarray(regs, np.float32)
    if regs.ndim != 2 or regs.shape[1] != len(rn.REGULARIZERS):
        raise ValueError(f"regs must have shape (C, {len(rn.REGULARIZERS)}), got {regs.shape}")
    for row in regs:
        rn.strengths(**dict(zip(rn.REGULARIZERS, (float(v) for v in row), strict=True)))
    if regs.shape[0] * task.seeds > MAX_RUNS:
        raise ValueError(f"{regs.shape[0]} configurations x {task.seeds} seeds is over {MAX_RUNS} runs")
    spec = make_spec(task, sets.n_classes, sets.x_train.shape[1])
    arrays = {
        "train": (sets.x_train, sets.y_train),
        "val": (sets.x_val, sets.y_val),
        "test": (sets.x_test, sets.y_test),
        "fresh": (sets.x_fresh, sets.y_fresh),
    }
    ev = tuple((jnp.asarray(arrays[k][0]), jnp.asarray(arrays[k][1])) for k in evals)
    tr = (jnp.asarray(sets.x_train), jnp.asarray(sets.y_train))
    seeds = jnp.arange(task.seeds, dtype=jnp.uint32)

    def one(group):
        active, rows = group
        w, st, rec = rn.train_runs(
            spec,
            optimizer or task.optimizer,
            min(task.batch, task.n_train),
            task.steps,
            every_of(task),
            tr,
            ev,
            _hp(task, optimizer),
            jnp.asarray(regs[rows]),
            seeds,
            active=active,
        )
        return rows, np.asarray(w), jax.tree.map(np.asarray, st), np.asarray(rec)

    grouped = groups(regs)
    # XLA compiles and runs without holding the GIL: the groups' programs build side by side
    with ThreadPoolExecutor(max_workers=min(len(grouped), os.cpu_count() or 1, MAX_THREADS)) as pool:
        parts = list(pool.map(one, grouped))
    # back to the rows' order
    order = np.argsort(np.concatenate([rows for rows, *_ in parts]), kind="stable")
    cat = lambda arrays: np.concatenate(list(arrays))[order]
    n_layers = len(parts[0][2].mean)
    return Trained(
        regs,
        record_steps(task),
        cat(p[3] for p in parts),
        cat(p[1] for p in parts),
        tuple(cat(np.asarray(p[2].mean[i]) for p in parts) for i in range(n_layers)),
        tuple(cat(np.asarray(p[2].var[i]) for p in parts) for i in range(n_layers)),
        tuple(evals),
    )


def groups(regs: np.ndarray) -> list[tuple[tuple[str, ...], np.ndarray]]:
    """The configurations (rows of ``regs``) grouped into training programs.

    Under vmap every run pays for every regularizer its program contains, so rows that switch on
    different costly regularizers (:data:`studies.regularization_net.COSTLY`: random numbers every
    step, batch norm) train in different programs: a configuration never pays for another's
    weight noise, dropout masks, mixup draws or batch statistics. The cheap ones
    (:data:`studies.regularization_net.CHEAP`, a few operations on the weights or targets: no
    measurable cost) that any row switches on are in every program, so the comparison's "none",
    L2, decay, L1 and label smoothing share one. Moving a strength is a new value for the same
    programs; switching a costly regularizer off leaves the other groups' programs as they were.

    Returns:
        [(the program's regularizers, row indices), ...] in order of each group's first row.
    """
    regs = np.asarray(regs).reshape(-1, len(rn.REGULARIZERS))
    cheap = set(rn.active_of(regs)) & set(rn.CHEAP)
    out: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(regs):
        on = cheap | (set(rn.active_of(row[None])) & set(rn.COSTLY))
        out.setdefault(tuple(n for n in rn.REGULARIZERS if n in on), []).append(i)
    return [(active, np.asarray(rows)) for active, rows in out.items()]


def column(trained: Trained, what: str, metric: str = "loss") -> np.ndarray:
    """(C, S, T) curve of ``metric`` ("loss", "acc" or "error" = 1 - acc) on set ``what``, or the
    weights' norm for ``what = "norm"``."""
    if what == "norm":
        return trained.curves[..., -1]
    j = 2 * trained.sets.index(what)
    if metric == "loss":
        return trained.curves[..., j]
    acc = trained.curves[..., j + 1]
    return acc if metric == "acc" else 1.0 - acc


# --------------------------------------------------------------------------------------------
# 1. Capacity


class PolyCapacity(NamedTuple):
    """Least-squares polynomials of every degree on several draws of the 1-D regression curve."""

    degrees: np.ndarray  # (D,)
    train_mse: np.ndarray  # (S, D) mean squared error on each seed's training points
    test_mse: np.ndarray  # (S, D) on the (shared) clean test points
    best: int  # the degree of least geometric-mean test error
    shown: tuple[int, ...]  # degrees whose curves are drawn (default: lowest, best, highest)
    x_grid: np.ndarray  # (G,)
    fits: np.ndarray  # (len(shown), G) fitted curves of seed 0
    truth: np.ndarray  # (G,) the noiseless curve
    x_train: np.ndarray  # (S, n) each seed's training inputs
    y_train: np.ndarray  # (S, n)


MAX_SHOWN = 3  # fitted curves / decision boundaries drawn beside a capacity plot


def choose_shown(capacities: Sequence[int], best: int, chosen: Sequence[int] = ()) -> tuple[int, ...]:
    """The capacities whose fits are drawn beside the capacity plot, in increasing order.

    Args:
        capacities: the experiment's degrees or widths.
        best: the capacity of least test error.
        chosen: 1 to :data:`MAX_SHOWN` distinct entries of ``capacities``; empty: the lowest, the
            best and the highest.

    Raises:
        ValueError: too many or none of the experiment's capacities (the message names them).
    """
    caps = [int(c) for c in capacities]
    if not chosen:
        return tuple(sorted({caps[0], int(best), caps[-1]}))
    picked = sorted({int(c) for c in chosen})
    if len(picked) > MAX_SHOWN:
        raise ValueError(f"choose at most {MAX_SHOWN} capacities to draw, got {len(picked)}: {picked}")
    bad = [c for c in picked if c not in caps]
    if bad:
        raise ValueError(
            f"{', '.join(map(str, bad))} is not among this experiment's capacities "
            f"({', '.join(map(str, caps))})"
        )
    return tuple(picked)


def legendre_design(x: np.ndarray, degree: int) -> np.ndarray:
    """(n, degree + 1) Legendre polynomials P_0..P_degree of x / 2 (the data lie in [-2, 2]).

    Orthogonal on the data's interval, so degree 15 is as well conditioned as degree 3 (monomials
    x^15 on [-2, 2] make the least-squares problem ill-posed in float64)."""
    return np.polynomial.legendre.legvander(np.asarray(x, np.float64) / 2.0, degree)


def poly_capacity(
    n_train: int = 30,
    noise: float = 0.3,
    seeds: int = 8,
    max_degree: int = 15,
    n_test: int = 1000,
    grid: int = 301,
    shown: Sequence[int] = (),
) -> PolyCapacity:
    """Fit polynomials of degree 1..max_degree by least squares to ``seeds`` independent training
    draws of ``data.make("regression")`` and measure the mean squared error.

    The test points are one large clean draw (noiseless targets): the test MSE is the distance to the
    true curve. Degree d has d + 1 coefficients; from d + 1 >= n_train on the fit interpolates.

    Args:
        n_train: training points per seed (5..200).
        noise: target noise of the training points (0..1).
        seeds: independent training draws (1..32).
        max_degree: highest degree (1..25).
        n_test, grid: test points and curve resolution.
        shown: degrees whose fitted curves are drawn (:func:`choose_shown`; empty: the lowest, the
            best and the highest).

    Returns:
        :class:`PolyCapacity`.

    Raises:
        ValueError: a value out of range.
    """
    for name, v, lo, hi in (
        ("n_train", n_train, 5, 200),
        ("noise", noise, 0.0, 1.0),
        ("seeds", seeds, 1, 32),
        ("max_degree", max_degree, 1, 25),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v!r} is outside [{lo}, {hi}]")
    degrees = np.arange(1, max_degree + 1)
    x_te = np.linspace(-2.0, 2.0, n_test)
    y_te = data_mod.regression_curve(x_te)
    x_tr = np.empty((seeds, n_train))
    y_tr = np.empty((seeds, n_train))
    coefs: list[list[np.ndarray]] = []
    tr = np.empty((seeds, len(degrees)))
    te = np.empty((seeds, len(degrees)))
    for s in range(seeds):
        ds = data_mod.make("regression", n_train=n_train, n_test=1, noise=noise, seed=s)
        x_tr[s], y_tr[s] = ds.x_train[:, 0], ds.y_train
        row = []
        for j, d in enumerate(degrees):
            c = np.linalg.lstsq(legendre_design(x_tr[s], d), y_tr[s], rcond=None)[0]
            row.append(c)
            tr[s, j] = np.mean((legendre_design(x_tr[s], d) @ c - y_tr[s]) ** 2)
            te[s, j] = np.mean((legendre_design(x_te, d) @ c - y_te) ** 2)
        coefs.append(row)
    best = int(degrees[np.argmin(np.mean(np.log(te), axis=0))])
    shown = choose_shown(degrees, best, shown)
    xg = np.linspace(-2.0, 2.0, grid)
    fits = np.stack([legendre_design(xg, d) @ coefs[0][d - 1] for d in shown])
    return PolyCapacity(degrees, tr, te, best, shown, xg, fits, data_mod.regression_curve(xg), x_tr, y_tr)


class MLPCapacity(NamedTuple):
    """Train and test error of networks of growing width (one depth), several seeds each."""

    kind: str  # "regression" or a classification data set
    widths: np.ndarray  # (W,)
    depth: int
    train: np.ndarray  # (W, S) final training loss (regression) or error (classification)
    test: np.ndarray  # (W, S)
    metric: str  # "loss" or "error"
    shown: tuple[int, ...]  # widths whose fits are drawn by default: lowest, best, highest
    grid_axes: tuple  # (xs,) or (xs, ys)
    grid_values: np.ndarray  # (W, G) predictions or (W, n, n) P(class 1) of every width, seed 0
    x_train: np.ndarray
    y_train: np.ndarray
    truth: np.ndarray  # (G,) the noiseless curve (regression), empty otherwise
    best: int  # the width of least mean test value

    def fits(self, chosen: Sequence[int] = ()) -> tuple[tuple[int, ...], np.ndarray]:
        """(widths, their fits of seed 0) to draw: ``chosen`` (:func:`choose_shown`; empty: the
        lowest, the best and the highest width)."""
        widths = choose_shown(self.widths, self.best, chosen)
        index = [int(np.flatnonzero(self.widths == w)[0]) for w in widths]
        return widths, self.grid_values[index]


class CapacityConfig(NamedTuple):
    """An MLP capacity sweep (hashable)."""

    kind: str = "regression"  # or one of DATASETS
    widths: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64, 128, 256)
    depth: int = 1
    n_train: int = 30
    noise: float = 0.3
    label_noise: float = 0.0
    optimizer: str = "adam"
    lr: float = 0.01
    steps: int = 4000
    seeds: int = 4


def capacity_estimate(cfg: CapacityConfig) -> float:
    """Rough seconds of :func:`mlp_capacity` on the project's 2-core machine: a compile per width
    (~1.2 s) and the training (full batch, measured ~0.05 us per parameter-sample-step)."""
    n_test = 500
    work = 0.0
    for w in cfg.widths:
        p = (w * 2 + w) + (cfg.depth - 1) * (w * w + w) + w + 1
        work += cfg.seeds * cfg.steps * p * cfg.n_train * 5e-9 + cfg.seeds * p * n_test * 40 * 5e-9
    return 1.2 * len(cfg.widths) + work


def check_capacity(cfg: CapacityConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    if cfg.kind != "regression" and cfg.kind not in DATASETS:
        raise ValueError(f"Unknown data {cfg.kind!r}; choose regression or one of: {', '.join(DATASETS)}")
    if not cfg.widths or any(not 1 <= w <= 256 for w in cfg.widths) or len(cfg.widths) > 10:
        raise ValueError(f"widths {cfg.widths!r}: give 1 to 10 widths in [1, 256]")
    for name, v, lo, hi in (
        ("depth", cfg.depth, 1, 3),
        ("n_train", cfg.n_train, 8, 2048),
        ("steps", cfg.steps, 1, MAX_STEPS),
        ("seeds", cfg.seeds, 1, MAX_SEEDS),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v!r} is outside [{lo}, {hi}]")
    if cfg.optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {cfg.optimizer!r}; choose one of: {', '.join(OPTIMIZERS)}")
    optimizers.get(cfg.optimizer).validate({"lr": cfg.lr})


def mlp_capacity(cfg: CapacityConfig, progress: Progress | None = None) -> MLPCapacity:
    """Train an MLP of each width (full batch, the same steps) on the 1-D regression curve or a 2-D
    classification set, ``cfg.seeds`` initialisations each (``studies.batch.train_seeds``: every
    seed vmapped in one compiled call per width).

    Args:
        cfg: the sweep (checked).
        progress: called as ``progress(fraction, ("width", w, done, total))`` after each width.

    Returns:
        :class:`MLPCapacity`: final training and test loss (regression) or error (classification)
        and each width's fit over the input space (seed 0); by default the smallest, the best (least
        mean test value) and the largest are drawn (:meth:`MLPCapacity.fits`).
    """
    check_capacity(cfg)
    report = progress or _quiet
    regression = cfg.kind == "regression"
    ds = data_mod.make(
        cfg.kind, n_train=cfg.n_train, n_test=500, noise=cfg.noise, label_noise=cfg.label_noise, seed=0
    )
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    hp = {k: np.float32(v) for k, v in optimizers.get(cfg.optimizer).validate({"lr": cfg.lr}).items()}
    seeds = jnp.arange(cfg.seeds, dtype=jnp.uint32)
    every = max(cfg.steps // 4, 1)
    finals, weights, specs = [], [], []
    act = "tanh" if regression else "relu"
    for i, width in enumerate(cfg.widths):
        spec = mlp.make_spec(
            d_in=ds.d_in,
            width=width,
            depth=cfg.depth,
            n_classes=ds.n_classes,
            activation=act,
            init="lecun" if regression else "he",
        )
        w, _, curves = batch.train_seeds(spec, cfg.optimizer, cfg.n_train, cfg.steps, every, data, hp, seeds)
        finals.append(np.asarray(curves)[:, -1])
        weights.append(np.asarray(w))
        specs.append(spec)
        report(0.9 * (i + 1) / len(cfg.widths), ("width", int(width), i + 1, len(cfg.widths)))
    f = np.stack(finals)  # (W, S, 4): train loss, test loss, train acc, test acc
    if regression:
        train_v, test_v, metric = f[..., 0], f[..., 1], "loss"
    else:
        train_v, test_v, metric = 1 - f[..., 2], 1 - f[..., 3], "error"
    best = int(cfg.widths[int(np.argmin(test_v.mean(axis=1)))])
    # every width's fit: choosing which to draw needs no training
    axes, values = _fits(ds, specs, [w[0] for w in weights])
    truth = data_mod.regression_curve(axes[0]) if regression else np.zeros(0)
    return MLPCapacity(
        cfg.kind,
        np.asarray(cfg.widths),
        cfg.depth,
        train_v,
        test_v,
        metric,
        choose_shown(cfg.widths, best),
        axes,
        values,
        ds.x_train,
        ds.y_train,
        truth,
        best,
    )


def _fits(ds, specs, ws, n: int = 81):
    """Predictions of each (spec, flat weights) over the data's input space (1-D curve or 2-D grid)."""
    if ds.d_in == 1:
        xs = np.linspace(*ds.bounds[0], 201).astype(np.float32)
        pts = xs[:, None]
        axes: tuple = (xs,)
    else:
        xs = np.linspace(*ds.bounds[0], n).astype(np.float32)
        ys = np.linspace(*ds.bounds[1], n).astype(np.float32)
        gx, gy = np.meshgrid(xs, ys)
        pts = np.stack([gx.ravel(), gy.ravel()], 1)
        axes = (xs, ys)
    out = []
    for spec, w in zip(specs, ws, strict=True):
        o = np.asarray(mlp.apply(spec, mlp.unflatten(spec, jnp.asarray(w)), jnp.asarray(pts)))[:, 0]
        out.append(o if ds.d_in == 1 else (1 / (1 + np.exp(-o))).reshape(n, n))
    return axes, np.stack(out)


# --------------------------------------------------------------------------------------------
# 2. Early stopping


def early_stop(val: np.ndarray, patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    """Early stopping on a recorded validation curve (Keras' / Lightning's rule).

    Evaluation k improves when ``val[k] < best - min_delta``. Training stops at the first evaluation
    that is the ``patience``-th in a row without an improvement, and the weights of the best
    evaluation so far are kept. Non-finite values never improve.

    Args:
        val: (T,) validation loss at each evaluation (index 0 is the start).
        patience: evaluations without improvement tolerated (>= 1).
        min_delta: the least decrease that counts as an improvement (>= 0).

    Returns:
        (best, stop): the index whose weights are kept and the index where training stopped
        (``T - 1`` if patience never ran out).

    Raises:
        ValueError: an empty curve, patience < 1 or min_delta < 0.
    """
    val = np.asarray(val, np.float64)
    if val.ndim != 1 or len(val) == 0:
        raise ValueError(f"val must be a non-empty 1-D curve, got shape {val.shape}")
    if patience < 1:
        raise ValueError(f"patience = {patience} must be at least 1")
    if min_delta < 0:
        raise ValueError(f"min_delta = {min_delta} must be >= 0")
    best_i, best, waited = 0, val[0] if np.isfinite(val[0]) else np.inf, 0
    for k in range(1, len(val)):
        if np.isfinite(val[k]) and val[k] < best - min_delta:
            best_i, best, waited = k, val[k], 0
        else:
            waited += 1
            if waited >= patience:
                return best_i, k
    return best_i, len(val) - 1


class EarlyView(NamedTuple):
    """Everything the early-stopping view draws."""

    task: Task
    trained: Trained  # evaluation sets: train, val, test, fresh


def early_task(**overrides) -> Task:
    """The early-stopping experiment's default task: a wide network, 30% flipped labels, small
    clean validation and test sets, a large fresh set, many records."""
    base = Task(
        n_train=100,  # small enough that the network memorises the flipped labels within 3,000 steps
        label_noise=0.3,
        n_val=100,
        n_test=100,
        n_fresh=1000,
        width=64,
        depth=2,
        lr=0.02,
        batch=32,
        steps=3000,
        seeds=16,
        records=60,
    )
    return base._replace(**overrides)


def early_view(task: Task, progress: Progress | None = None) -> EarlyView:
    """Train ``task.seeds`` unregularised networks and record train / val / test / fresh curves.

    Args:
        task: the experiment (``n_fresh`` > 0).
        progress: called once at the start (one compiled call does the work).

    Returns:
        :class:`EarlyView`; early stopping itself (:func:`early_stop`) runs on its curves.
    """
    check_task(task)
    if task.n_fresh < 16:
        raise ValueError("the early-stopping view needs a fresh set (n_fresh >= 16)")
    (progress or _quiet)(0.0, ("train", 0, 0, 0))
    sets = make_sets(task)
    tr = train(
        task, np.zeros((1, len(rn.REGULARIZERS)), np.float32), sets, evals=("train", "val", "test", "fresh")
    )
    return EarlyView(task, tr)


class Stopping(NamedTuple):
    """Early stopping applied to each seed of an :class:`EarlyView`."""

    best: np.ndarray  # (S,) record kept
    stop: np.ndarray  # (S,) record where training stopped
    test_best: np.ndarray  # (S,) test error at the kept record
    test_end: np.ndarray  # (S,) test error at the last record
    test_min: np.ndarray  # (S,) the lowest test error any record had


def stopping(view: EarlyView, patience: int, metric: str = "loss") -> Stopping:
    """Early stopping on each seed's validation ``metric`` curve ("loss" or "error")."""
    val = column(view.trained, "val", metric)[0]
    test = column(view.trained, "test", "error")[0]
    pairs = np.array([early_stop(v, patience) for v in val])
    s = np.arange(len(val))
    return Stopping(pairs[:, 0], pairs[:, 1], test[s, pairs[:, 0]], test[:, -1], test.min(axis=1))


class Optimism(NamedTuple):
    """Choosing one network among many candidates (every record of every seed) by a set's error."""

    candidates: int
    by_val_test: float  # chosen on validation: its test error
    by_val_fresh: float  # ... and its error on the fresh set
    by_test_test: float  # chosen on the test set: its test error (what would be reported)
    by_test_fresh: float  # ... and its error on fresh data (the truth)


def selection_optimism(view: EarlyView) -> Optimism:
    """Pick the candidate of least validation error and the one of least test error; report each
    one's test error and its error on the fresh set (which took no part in any choice).

    Chosen on the test set, the reported test error is optimistic: the fresh error of that same
    network is higher. Chosen on validation, the test error is an honest estimate.
    """
    tr = view.trained
    val = column(tr, "val", "error")[0].ravel()
    test = column(tr, "test", "error")[0].ravel()
    fresh = column(tr, "fresh", "error")[0].ravel()
    # ties (small sets have few distinct error values) go to the earliest candidate, the same rule
    # for both choices
    i_val, i_test = int(np.argmin(val)), int(np.argmin(test))
    return Optimism(
        len(val), float(test[i_val]), float(fresh[i_val]), float(test[i_test]), float(fresh[i_test])
    )


def early_estimate(task: Task) -> float:
    """Rough seconds of :func:`early_view` (see :func:`train_seconds`)."""
    return train_seconds(
        task, np.zeros((1, len(rn.REGULARIZERS))), task.n_train + task.n_val + task.n_test + task.n_fresh
    )


COMPILE_S = 4.0  # one training program (measured 2.4-3.8 CPU-s on the 2-core machine, 4-8 s loaded)
# a costly regularizer's extra seconds per run and step over a plain step (measured on the bench's
# default task, one program per group: :func:`groups`)
EXTRA_S = {"dropout": 1.3e-5, "input_noise": 3e-6, "weight_noise": 5e-5, "mixup": 8e-6, "batch_norm": 4e-6}


def train_seconds(task: Task, regs: np.ndarray, n_eval: int) -> float:
    """Rough seconds of :func:`train` on the project's 2-core machine, its compiles included.

    Fitted to the bench (``python -m bench regularization``): a compile per program
    (:func:`groups`), ~0.2 ns per parameter and sample of a step, 5 us per run-step, each costly
    regularizer's extra (:data:`EXTRA_S`) for the runs of the programs that contain it, and the
    records' evaluations.
    """
    p = task.width * (task.width * (task.depth - 1) + 4)
    base = min(task.batch, task.n_train) * p * 2e-10 + 5e-6
    total = COMPILE_S * len(groups(regs))
    for active, rows in groups(regs):
        per_step = base + sum(EXTRA_S.get(n, 0.0) for n in active)
        total += len(rows) * task.seeds * (task.steps * per_step + (task.records + 1) * n_eval * p * 1e-9)
    return total


# --------------------------------------------------------------------------------------------
# 3. Regularizers side by side, and a sweep of one strength


class CompareView(NamedTuple):
    """Everything the regularizers view draws."""

    task: Task
    labels: tuple[str, ...]  # one per configuration ("none" first)
    trained: Trained
    top_eig: np.ndarray  # (C, S) largest Hessian eigenvalue of the clean training loss
    grid_axes: tuple  # (xs, ys)
    grid_values: np.ndarray  # (C, n, n) P(class 1) of seed 0 (class index for more classes)
    x_train: np.ndarray
    y_train: np.ndarray
    pairs: CoupledPairs | None  # L2 vs decoupled decay under the task's optimizer and under SGD


class CoupledPairs(NamedTuple):
    """L2 in the loss against decoupled weight decay of the same lambda, under two optimizers."""

    lam: float
    optimizers: tuple[str, ...]
    max_diff: np.ndarray  # (O,) max over seeds of max_i |w_L2 - w_decay|_i after training
    norm_l2: np.ndarray  # (O, S) final ||w|| with L2 in the loss
    norm_decay: np.ndarray  # (O, S) with decoupled decay
    test_l2: np.ndarray  # (O, S) final test error
    test_decay: np.ndarray  # (O, S)


@partial(jax.jit, static_argnames=("f", "iters"))
def _top_eigs(f, ws, means, vars_, bn_on, x, y, key, iters):
    def one(w, m, v, b):
        state = rn.RegState(m, v)
        return sharpness.lanczos(f, w, (state, b, x, y), key, iters=iters)[-1]

    return jax.lax.map(lambda a: one(*a), (ws, means, vars_, bn_on))


def top_eigenvalues(task: Task, trained: Trained, sets: Sets, iters: int = 20) -> np.ndarray:
    """(C, S) largest Hessian eigenvalue of the clean training loss (evaluation mode) at each final
    solution (Lanczos on Hessian-vector products, :func:`studies.sharpness.lanczos`)."""
    c, s, d = trained.final_w.shape
    spec = make_spec(task, sets.n_classes, sets.x_train.shape[1])
    flat = lambda a: jnp.asarray(a.reshape((c * s,) + a.shape[2:]))
    bn_on = jnp.asarray(np.repeat(trained.regs[:, rn.REGULARIZERS.index("batch_norm")], s))
    eig = _top_eigs(
        rn.EvalObjective(spec),
        flat(trained.final_w),
        tuple(flat(m) for m in trained.bn_mean),
        tuple(flat(v) for v in trained.bn_var),
        bn_on,
        jnp.asarray(sets.x_train),
        jnp.asarray(sets.y_train),
        jax.random.PRNGKey(0),
        iters,
    )
    return np.asarray(eig).reshape(c, s)


@partial(jax.jit, static_argnames=("spec",))
def _probabilities(spec, ws, means, vars_, bn_on, pts):
    def one(w, m, v, b):
        out, _ = rn.forward(spec, rn.unravel(spec, w), rn.RegState(m, v), pts, bn_on=b)
        if spec.n_classes == 2:
            return jax.nn.sigmoid(out[:, 0])
        return jnp.argmax(out, axis=-1).astype(jnp.float32)

    return jax.lax.map(lambda a: one(*a), (ws, means, vars_, bn_on))


def decision_grids(task: Task, trained: Trained, sets: Sets, n: int = 61, seed_index: int = 0):
    """Each configuration's seed-``seed_index`` network over the data's input square.

    Returns:
        ((xs, ys), values (C, n, n)): P(class 1) for two classes, the predicted class otherwise.
    """
    spec = make_spec(task, sets.n_classes, sets.x_train.shape[1])
    (x0, x1), (y0, y1) = sets.bounds
    xs = np.linspace(x0, x1, n).astype(np.float32)
    ys = np.linspace(y0, y1, n).astype(np.float32)
    gx, gy = np.meshgrid(xs, ys)
    pts = jnp.asarray(np.stack([gx.ravel(), gy.ravel()], 1))
    pick = lambda a: jnp.asarray(a[:, seed_index])
    bn_on = jnp.asarray(trained.regs[:, rn.REGULARIZERS.index("batch_norm")])
    vals = _probabilities(
        spec,
        pick(trained.final_w),
        tuple(pick(m) for m in trained.bn_mean),
        tuple(pick(v) for v in trained.bn_var),
        bn_on,
        pts,
    )
    return (xs, ys), np.asarray(vals).reshape(-1, n, n)


class CompareConfig(NamedTuple):
    """The regularizers view's experiment (hashable): the task and the configurations to compare."""

    task: Task
    configs: tuple[tuple[str, tuple[float, ...]], ...]  # (label, strengths); "none" is added first
    pairs: bool = False  # also train L2-vs-decay pairs under the task's optimizer and SGD


def compare_estimate(cfg: CompareConfig) -> float:
    """Rough seconds of :func:`compare_view` (a compile per program, the training, sharpness)."""
    n_eval = cfg.task.n_train + cfg.task.n_val + cfg.task.n_test
    regs = np.array([rn.strengths()] + [s for _, s in cfg.configs])
    est = train_seconds(cfg.task, regs, n_eval) + 0.03 * len(regs) * cfg.task.seeds  # + sharpness
    if cfg.pairs:
        est += 2 * train_seconds(
            cfg.task, np.array([rn.strengths(l2=1.0), rn.strengths(weight_decay=1.0)]), n_eval
        )
    return est


def compare_view(cfg: CompareConfig, progress: Progress | None = None) -> CompareView:
    """Train the task without regularization and under each configuration, every seed in one call;
    then measure sharpness and draw each configuration's decision boundary.

    Args:
        cfg: the comparison.
        progress: called as ``progress(fraction, (what, 0, 0, 0))`` with what = "train", "pairs",
            "measure".

    Returns:
        :class:`CompareView`.
    """
    report = progress or _quiet
    check_task(cfg.task)
    labels = ("none",) + tuple(label for label, _ in cfg.configs)
    regs = np.array([rn.strengths()] + [s for _, s in cfg.configs], np.float32)
    sets = make_sets(cfg.task)
    report(0.0, ("train", 0, 0, 0))
    tr = train(cfg.task, regs, sets)
    pairs = None
    if cfg.pairs:
        report(0.6, ("pairs", 0, 0, 0))
        lam = _pair_lambda(cfg.configs)
        pairs = coupled_vs_decoupled(cfg.task, lam, sets)
    report(0.85, ("measure", 0, 0, 0))
    eig = top_eigenvalues(cfg.task, tr, sets)
    axes, values = decision_grids(cfg.task, tr, sets)
    return CompareView(cfg.task, labels, tr, eig, axes, values, sets.x_train, sets.y_train, pairs)


def _pair_lambda(configs) -> float:
    """The strength the L2-vs-decay pair uses: the L2 configuration's (else the decay's, else 1e-2)."""
    for name in ("l2", "weight_decay"):
        for _, s in configs:
            v = s[rn.REGULARIZERS.index(name)]
            if v > 0 and sum(x > 0 for x in s) == 1:
                return float(v)
    return 1e-2


def coupled_vs_decoupled(
    task: Task, lam: float, sets: Sets | None = None, optimizers_: Sequence[str] | None = None
) -> CoupledPairs:
    """Train with L2 = lam in the loss and with decoupled decay lam, under the task's optimizer and
    under SGD (same learning rate, seeds and mini-batches).

    Under SGD the two are the same update, w <- w - lr (g + lam w): the final weights agree to
    round-off. Under Adam the L2 gradient is divided by sqrt(v) like the data gradient, the
    decoupled decay is not (Loshchilov & Hutter 2019), and the solutions differ.
    """
    sets = sets if sets is not None else make_sets(task)
    names = tuple(optimizers_ or dict.fromkeys((task.optimizer, "sgd")))
    regs = np.array([rn.strengths(l2=lam), rn.strengths(weight_decay=lam)], np.float32)
    diff, n_l2, n_dec, t_l2, t_dec = [], [], [], [], []
    for name in names:
        tr = train(task, regs, sets, optimizer=name)
        diff.append(float(np.max(np.abs(tr.final_w[0] - tr.final_w[1]))))
        norm = np.linalg.norm(tr.final_w, axis=-1)
        err = column(tr, "test", "error")[..., -1]
        n_l2.append(norm[0])
        n_dec.append(norm[1])
        t_l2.append(err[0])
        t_dec.append(err[1])
    return CoupledPairs(
        float(lam), names, np.asarray(diff), np.stack(n_l2), np.stack(n_dec), np.stack(t_l2), np.stack(t_dec)
    )


class SweepView(NamedTuple):
    """One regularizer's strength swept on a log scale (the other strengths fixed)."""

    task: Task
    name: str  # which regularizer
    values: np.ndarray  # (V,)
    trained: Trained  # configurations = values

    def error(self, what: str) -> np.ndarray:
        """(V, S) final error on set ``what``."""
        return column(self.trained, what, "error")[..., -1]

    @property
    def best(self) -> int:
        """Index of the value with the least mean validation error (the choice a practitioner makes)."""
        return int(np.argmin(self.error("val").mean(axis=1)))


class SweepConfig(NamedTuple):
    """A sweep (hashable)."""

    task: Task
    name: str = "weight_decay"
    low: float = 1e-6
    high: float = 1.0
    n: int = 13
    base: tuple[float, ...] = ()  # other strengths (empty: none)


def sweep_values(cfg: SweepConfig) -> np.ndarray:
    """The swept strengths: ``n`` log-spaced values in [low, high] (dropout and label smoothing
    linear, since their ranges include and end near their limits)."""
    if cfg.name in ("dropout", "label_smoothing", "batch_norm"):
        if cfg.name == "batch_norm":
            raise ValueError("batch norm is on or off: it cannot be swept")
        return np.linspace(cfg.low, cfg.high, cfg.n)
    return np.geomspace(cfg.low, cfg.high, cfg.n)


def sweep_estimate(cfg: SweepConfig) -> float:
    """Rough seconds of :func:`sweep_view`."""
    regs = np.zeros((cfg.n, len(rn.REGULARIZERS)))
    regs[:, rn.REGULARIZERS.index(cfg.name)] = 1.0
    if cfg.base:
        regs = regs + np.asarray(cfg.base)[None]
    return train_seconds(cfg.task, regs, cfg.task.n_train + cfg.task.n_val + cfg.task.n_test)


def sweep_view(cfg: SweepConfig, progress: Progress | None = None) -> SweepView:
    """Train the task at each strength of the sweep (every seed), one compiled call.

    Raises:
        ValueError: an unknown regularizer, a range outside its valid one, or 2 > n > 32.
    """
    if cfg.name not in rn.REGULARIZERS:
        raise ValueError(f"Unknown regularizer {cfg.name!r}; choose one of: {', '.join(rn.REGULARIZERS)}")
    lo, hi = rn.RANGES[cfg.name]
    if not (lo <= cfg.low < cfg.high <= hi) or not 2 <= cfg.n <= 32:
        raise ValueError(f"sweep of {cfg.name}: need {lo:g} <= low < high <= {hi:g} and 2 <= n <= 32")
    (progress or _quiet)(0.0, ("train", 0, 0, 0))
    values = sweep_values(cfg)
    base = np.asarray(cfg.base or rn.strengths(), np.float32)
    regs = np.repeat(base[None], len(values), axis=0)
    regs[:, rn.REGULARIZERS.index(cfg.name)] = values
    return SweepView(cfg.task, cfg.name, values, train(cfg.task, regs, make_sets(cfg.task)))


def summary(trained: Trained, top_eig: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Per configuration, mean and std over seeds of the final values.

    Returns:
        name -> (C, 2): train_loss, test_loss, train_error, test_error, gap_loss (test - train),
        gap_error, norm and, given ``top_eig``, top_eig.
    """
    last = lambda what, m: column(trained, what, m)[..., -1]
    cols = {
        "train_loss": last("train", "loss"),
        "test_loss": last("test", "loss"),
        "train_error": last("train", "error"),
        "test_error": last("test", "error"),
        "norm": column(trained, "norm")[..., -1],
    }
    cols["gap_loss"] = cols["test_loss"] - cols["train_loss"]
    cols["gap_error"] = cols["test_error"] - cols["train_error"]
    if top_eig is not None:
        cols["top_eig"] = top_eig
    return {k: np.stack([v.mean(axis=1), v.std(axis=1)], axis=1) for k, v in cols.items()}
