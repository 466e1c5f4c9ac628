"""A network's loss landscape along its training path (Li et al. 2018, §7 and §4).

A small MLP (the Batch lab's data sets and models, :mod:`landscapes.data`, :mod:`landscapes.mlp`) is
trained with any registered optimizer; its flat weights are recorded along the way. Then:

* **PCA plane** (§7): the displacements ``m_t = w_t - w_final`` of the recorded weights are stacked
  into a matrix ``M`` and its two leading right singular vectors are the plane's directions (an
  uncentred PCA about the final weights, so the plane passes through ``w_final`` and the path's
  end is its origin). ``explained[k] = s_k^2 / sum(s^2)`` is the share of the path's squared
  displacement along direction k; the path's projection ``c_t = D m_t`` reconstructs it up to the
  rest: ``sum_t |m_t - D^T c_t|^2 = sum_{k>2} s_k^2``.
* **Random plane** (§4): two Gaussian directions, filter-normalised (each output unit's incoming
  weights rescaled to the norm of the same unit's weights in ``w_final``; biases zeroed) as in
  :func:`studies.slices.random_direction`. The path projected on it (least squares) nearly
  vanishes: two random directions in d dimensions catch about 2/d of any fixed displacement.
* The loss over each plane on an up to 101 x 101 grid, over the whole training set, in one jitted
  call per plane (:func:`plane_losses`: the grid points vmapped in chunks); the same call gives the
  loss at the path's projection and the 1-D slices along each direction through ``w_final``.

Everything is NumPy in :class:`NetLandscape` (picklable, storable by :mod:`studies.store`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from studies import slices

__all__ = [
    "MAX_GRID",
    "MAX_PLANE_WORK",
    "MAX_POINTS",
    "MAX_RECORDS",
    "MAX_STEPS",
    "MIN_GRID",
    "NetConfig",
    "NetLandscape",
    "Plane",
    "estimate_seconds",
    "pca",
    "plane_losses",
    "run",
    "train_path",
    "validate",
]

MIN_GRID = 5
MAX_GRID = 101  # points per axis of a plane (Li et al. used 51)
MAX_STEPS = 5000
MAX_RECORDS = 200  # recorded weights along the path (the animation's frames)
MAX_TRAIN = 8192
MAX_WIDTH = 128
MAX_DEPTH = 4
MAX_SLICE = 201
# grid points x training points x parameters of one plane: 101^2 x 8192 x ~5k would be ~4e12 flops and
# minutes on the project's 2-core machine; 51^2 x 2048 x 1153 (the default) is 6e9.
MAX_PLANE_WORK = 2.5e11
MAX_POINTS = MAX_GRID**2 + MAX_RECORDS + 1 + 2 * MAX_SLICE  # of one call of plane_losses
CHUNK = 32  # grid points evaluated together (vmapped) inside the one call: bounds its memory (8 MB a layer)


class NetConfig(NamedTuple):
    """One training run and the planes drawn around it (hashable: a cache and job key)."""

    dataset: str = "moons"
    n_train: int = 2048
    noise: float = 0.2
    label_noise: float = 0.0
    data_seed: int = 0
    width: int = 32
    depth: int = 2
    activation: str = "tanh"
    optimizer: str = "adam"
    hp: tuple[tuple[str, float], ...] = (("lr", 0.01),)  # overrides of the optimizer's defaults
    batch: int = 0  # mini-batch size; 0 (or n_train) is full-batch descent
    steps: int = 500
    records: int = 50  # recorded weights after the start (the path has records + 1 points)
    seed: int = 0  # initial weights and mini-batch order
    grid: int = 51  # points per axis of each plane
    margin: float = 0.25  # the PCA plane shows the path's extent plus this fraction of it on each side
    span: float = 1.0  # the random plane covers [-span, span] in units of its filter-normalised directions
    direction_seed: int = 0
    slice_points: int = 101


class Plane(NamedTuple):
    """The loss on one plane ``w_final + a d1 + b d2`` and the path seen on it."""

    kind: str  # "pca" or "random"
    directions: np.ndarray  # (2, d) d1, d2 (unit and orthogonal for PCA; filter-normalised for random)
    xs: np.ndarray  # (n,) coordinate a of the grid's columns
    ys: np.ndarray  # (n,) coordinate b of the grid's rows
    z: np.ndarray  # (n, n) training loss, z[i, j] at (xs[j], ys[i])
    path: np.ndarray  # (T, 2) the recorded weights projected on the plane (least squares)
    path_loss: np.ndarray  # (T,) loss at the projected points (on the plane, not at the weights)
    captured: float  # share of the path's squared displacement from w_final that lies in the plane
    slice_t: np.ndarray  # (S,) offsets of the 1-D slices
    slices: np.ndarray  # (2, S) loss at w_final + t d1 and at w_final + t d2


class NetLandscape(NamedTuple):
    """What :func:`run` returns."""

    config: NetConfig
    steps: np.ndarray  # (T,) step of each recorded weight vector (0 first, the last one final)
    weights: np.ndarray  # (T, d) flat weights along the path
    loss: np.ndarray  # (T,) training loss at each recorded weight vector
    accuracy: np.ndarray  # (T,) training accuracy (NaN for regression)
    explained: np.ndarray  # (K,) share of the path's squared displacement per principal direction
    singular: np.ndarray  # (K,) singular values of the displacement matrix
    diverged_at: int  # first step whose loss was not finite; -1 if never (then no planes)
    pca: Plane | None
    random: Plane | None

    @property
    def n_params(self) -> int:
        return int(self.weights.shape[1])


# --------------------------------------------------------------------------------------------
# Configuration


def make_data(cfg: NetConfig) -> data_mod.Dataset:
    return data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train,
        n_test=1,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.data_seed,
    )


def make_spec(cfg: NetConfig) -> mlp.MLPSpec:
    return mlp.make_spec(
        d_in=data_mod.input_dim(cfg.dataset),
        width=cfg.width,
        depth=cfg.depth,
        n_classes=data_mod.n_classes(cfg.dataset),
        activation=cfg.activation,
    )


def plane_work(cfg: NetConfig) -> float:
    """Grid points x training points x parameters of one plane (the limit :data:`MAX_PLANE_WORK`)."""
    return float(cfg.grid) ** 2 * cfg.n_train * make_spec(cfg).n_params


def validate(cfg: NetConfig) -> dict[str, float]:
    """Check a config; returns the optimizer's full hyperparameters.

    Raises:
        ValueError: naming the bad value and the valid range or choices.
    """
    if cfg.dataset not in data_mod.KINDS:
        raise ValueError(f"Unknown data set {cfg.dataset!r}; choose one of: {', '.join(data_mod.KINDS)}")
    hp = optimizers.get(cfg.optimizer).validate(dict(cfg.hp))
    checks = (
        ("n_train", cfg.n_train, 16, MAX_TRAIN),
        ("width", cfg.width, 1, MAX_WIDTH),
        ("depth", cfg.depth, 1, MAX_DEPTH),
        ("steps", cfg.steps, 1, MAX_STEPS),
        ("records", cfg.records, 2, min(MAX_RECORDS, max(cfg.steps, 2))),
        ("grid", cfg.grid, MIN_GRID, MAX_GRID),
        ("slice_points", cfg.slice_points, 3, MAX_SLICE),
    )
    for name, v, lo, hi in checks:
        if not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
            raise ValueError(f"{name} = {v!r} is outside [{lo}, {hi}]")
    if not (cfg.batch == 0 or 1 <= cfg.batch <= cfg.n_train):
        raise ValueError(f"batch = {cfg.batch!r} is outside [1, n_train = {cfg.n_train}] (0: the full batch)")
    if not 0.0 <= cfg.margin <= 2.0:
        raise ValueError(f"margin = {cfg.margin!r} is outside [0, 2]")
    if not 0.0 < cfg.span <= 10.0:
        raise ValueError(f"span = {cfg.span!r} is outside (0, 10]")
    make_spec(cfg)  # the activation
    work = plane_work(cfg)
    if work > MAX_PLANE_WORK:
        raise ValueError(
            f"a {cfg.grid} x {cfg.grid} plane over {cfg.n_train} points of a network with "
            f"{make_spec(cfg).n_params} parameters is too much work ({work:.2g} > {MAX_PLANE_WORK:.2g}); "
            "use a smaller grid, fewer points or a smaller network"
        )
    return hp


# --------------------------------------------------------------------------------------------
# Training, recording the weights


@partial(jax.jit, static_argnames=("spec", "opt_name", "batch", "every", "n_rec"))
def _train(spec, opt_name, batch, every, n_rec, steps, x, y, hp, seed):
    """Train from PRNGKey(seed); the weights and (loss, accuracy) after every ``every`` steps.

    ``steps`` (traced) stops the updates after that many (the padded tail of the last chunk is idle).
    Returns (weights (n_rec + 1, d), curves (n_rec + 1, 2)).
    """
    opt = optimizers.get(opt_name)
    obj = mlp.Objective(spec)
    key = jax.random.PRNGKey(seed)
    w0 = mlp.init_flat(spec, key)
    hp = {k: jnp.asarray(v, w0.dtype) for k, v in hp.items()}
    n = x.shape[0]
    k_batch = jax.random.fold_in(key, 1)

    def measure(w):
        p = mlp.unflatten(spec, w)
        return jnp.stack([mlp.loss(spec, p, x, y), mlp.accuracy(spec, p, x, y)])

    def step(carry, t):
        w, state = carry
        if batch < n:
            idx = jax.random.permutation(jax.random.fold_in(k_batch, t), n)[:batch]
            xb, yb = x[idx], y[idx]
        else:
            xb, yb = x, y
        w_new, state_new, _ = opt.update(lambda v: jax.grad(obj)(v, xb, yb), w, state, hp)
        active = t < steps
        w = jnp.where(active, w_new, w)
        state = jax.tree.map(lambda a, b: jnp.where(active, a, b), state_new, state)
        return (w, state), None

    def chunk(carry, ts):
        carry, _ = jax.lax.scan(step, carry, ts)
        return carry, (carry[0], measure(carry[0]))

    ts = jnp.arange(n_rec * every, dtype=jnp.int32).reshape(n_rec, every)
    _, (ws, curves) = jax.lax.scan(chunk, (w0, opt.init(w0, hp)), ts)
    return jnp.concatenate([w0[None], ws]), jnp.concatenate([measure(w0)[None], curves])


def train_path(cfg: NetConfig, ds: data_mod.Dataset | None = None):
    """Train ``cfg``'s network and record its weights.

    Returns:
        (steps (T,), weights (T, d), loss (T,), accuracy (T,)) as NumPy arrays, T = records + 1;
        the last row is the final weights (after ``cfg.steps`` updates).
    """
    hp = validate(cfg)
    ds = ds if ds is not None else make_data(cfg)
    spec = make_spec(cfg)
    every = -(-cfg.steps // cfg.records)
    n_rec = -(-cfg.steps // every)
    batch = cfg.n_train if cfg.batch in (0, cfg.n_train) else int(cfg.batch)
    ws, curves = _train(
        spec,
        cfg.optimizer,
        batch,
        every,
        n_rec,
        jnp.int32(cfg.steps),
        jnp.asarray(ds.x_train),
        jnp.asarray(ds.y_train),
        {k: np.float32(v) for k, v in hp.items()},
        jnp.uint32(cfg.seed),
    )
    steps = np.minimum(np.arange(n_rec + 1) * every, cfg.steps)
    curves = np.asarray(curves, np.float64)
    return steps, np.asarray(ws), curves[:, 0], curves[:, 1]


# --------------------------------------------------------------------------------------------
# PCA of the path


def pca(weights: np.ndarray, k: int = 2):
    """Uncentred PCA of the path's displacements from its last point (Li et al. 2018, §7).

    Args:
        weights: (T, d) weights along the path; the last row is ``w_final``.
        k: directions returned.

    Returns:
        (directions (k, d) orthonormal, explained (K,) s^2 / sum s^2 for every singular value,
        singular (K,), coords (T, k) the path's projection ``(w_t - w_final) . d_j``). Each direction's
        sign makes the start's coordinate negative or zero, so the path runs towards + on each axis.
    """
    w = np.asarray(weights, np.float64)
    m = w - w[-1]
    _, s, vt = np.linalg.svd(m, full_matrices=False)
    total = float(np.sum(s**2))
    explained = s**2 / total if total > 0 else np.zeros_like(s)
    d = vt[:k].copy()
    coords = m @ d.T
    flip = np.where(coords[0] > 0, -1.0, 1.0)
    return d * flip[:, None], explained, s, coords * flip[None, :]


def project(weights: np.ndarray, directions: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares coordinates (T, 2) of ``weights - weights[-1]`` in the span of ``directions``
    (2, d), and the share of the displacements' squared norm that the plane holds."""
    m = np.asarray(weights, np.float64) - np.asarray(weights[-1], np.float64)
    d = np.asarray(directions, np.float64)
    coords = np.linalg.solve(d @ d.T, d @ m.T).T
    total = float(np.sum(m**2))
    inside = float(np.sum((coords @ d) ** 2))
    return coords, (inside / total if total > 0 else 0.0)


# --------------------------------------------------------------------------------------------
# The loss over a plane: one jitted call


@partial(jax.jit, static_argnames=("spec", "chunk"))
def plane_losses(spec: mlp.MLPSpec, w, d1, d2, ab, x, y, chunk: int = CHUNK):
    """Training loss at ``w + a d1 + b d2`` for every row (a, b) of ``ab`` (G, 2), in one call.

    The points are vmapped ``chunk`` at a time (``lax.map`` with ``batch_size``), each over the whole
    data set. The first layer is linear in (a, b), ``x (W + a D1 + b D2) = xW + a xD1 + b xD2``, so its
    three products are computed once for all points; the later layers form each point's weights and
    multiply (a batched matrix product per chunk).

    Args:
        spec: the network (static).
        w, d1, d2: (d,) flat weights and directions.
        ab: (G, 2) coordinates.
        x, y: the data set (every point is used).
        chunk: points per vmapped batch (static; bounds the memory: chunk x n x width floats).

    Returns:
        (G,) losses.

    Raises:
        ValueError: more than :data:`MAX_POINTS` points (a 101 x 101 grid, a path and two slices).
    """
    if ab.ndim != 2 or ab.shape[1] != 2 or ab.shape[0] > MAX_POINTS:
        raise ValueError(f"give at most {MAX_POINTS} points (a, b) as a (G, 2) array, got shape {ab.shape}")
    w_l, u_l, v_l = (mlp.unflatten(spec, v) for v in (w, d1, d2))
    first = x @ jnp.concatenate([w_l[0]["w"], u_l[0]["w"], v_l[0]["w"]], axis=1)
    x_w, x_u, x_v = jnp.split(first, 3, axis=-1)

    def one(p):
        a, b = p[0], p[1]
        bias = w_l[0]["b"] + a * u_l[0]["b"] + b * v_l[0]["b"]
        h = x_w + a * x_u + b * x_v + bias[None, :]
        for i in range(1, len(spec.sizes) - 1):
            weights = w_l[i]["w"] + a * u_l[i]["w"] + b * v_l[i]["w"]
            bias = w_l[i]["b"] + a * u_l[i]["b"] + b * v_l[i]["b"]
            h = mlp._act(spec.activation, h) @ weights + bias[None, :]
        return jnp.mean(mlp.per_example_loss(spec, h, y))

    return jax.lax.map(one, ab, batch_size=chunk)


@partial(jax.jit, static_argnames=("spec",))
def plane_losses_naive(spec: mlp.MLPSpec, w, d1, d2, ab, x, y):
    """:func:`plane_losses` the plain way (each point's flat weights formed, unflattened and the network
    applied, the first layer included), for tests and the benchmark."""
    obj = mlp.Objective(spec)
    return jax.lax.map(lambda p: obj(w + p[0] * d1 + p[1] * d2, x, y), ab, batch_size=CHUNK)


def _plane(kind, spec, w_final, d, xs, ys, path, captured, t, data) -> Plane:
    gx, gy = np.meshgrid(xs, ys)
    n = len(xs)
    pts = np.concatenate(
        [
            np.stack([gx.ravel(), gy.ravel()], 1),
            path,
            np.stack([t, np.zeros_like(t)], 1),
            np.stack([np.zeros_like(t), t], 1),
        ]
    ).astype(np.float32)
    out = np.asarray(
        plane_losses(
            spec,
            jnp.asarray(w_final, jnp.float32),
            jnp.asarray(d[0], jnp.float32),
            jnp.asarray(d[1], jnp.float32),
            jnp.asarray(pts),
            *data,
        ),
        np.float64,
    )
    g, p = n * n, len(path)
    return Plane(
        kind=kind,
        directions=np.asarray(d, np.float32),
        xs=np.asarray(xs, np.float64),
        ys=np.asarray(ys, np.float64),
        z=out[:g].reshape(n, n),
        path=np.asarray(path, np.float64),
        path_loss=out[g : g + p],
        captured=float(captured),
        slice_t=np.asarray(t, np.float64),
        slices=np.stack([out[g + p : g + p + len(t)], out[g + p + len(t) :]]),
    )


def pca_range(coords: np.ndarray, margin: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The PCA plane's view: the path's extent on each axis, padded by ``margin`` x the larger extent
    (so a path that hardly moves along d2 still gets a square-ish view)."""
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    pad = margin * max(float(np.max(hi - lo)), 1e-6)
    return (float(lo[0] - pad), float(hi[0] + pad)), (float(lo[1] - pad), float(hi[1] + pad))


def run(cfg: NetConfig, progress: Callable[[float, tuple], None] | None = None) -> NetLandscape:
    """Train, take the PCA of the path, and evaluate both planes (the explorer's network view).

    Args:
        cfg: the run (checked: :func:`validate`).
        progress: called as ``progress(fraction, (stage,))`` with stage "train", "pca", "random".

    Returns:
        :class:`NetLandscape`; if training diverged, its planes are None.

    Raises:
        ValueError: an invalid config.
    """
    validate(cfg)
    report = progress or (lambda fraction, info: None)
    ds = make_data(cfg)
    spec = make_spec(cfg)
    report(0.0, ("train",))
    steps, ws, loss, acc = train_path(cfg, ds)
    bad = ~(np.isfinite(loss) & np.all(np.isfinite(ws), axis=1))
    if bad.any():
        first = int(np.argmax(bad))
        empty = np.zeros(0)
        return NetLandscape(cfg, steps, ws, loss, acc, empty, empty, int(steps[first]), None, None)
    report(0.5, ("pca",))
    d, explained, s, coords = pca(ws)
    data = (jnp.asarray(ds.x_train), jnp.asarray(ds.y_train))
    (x0, x1), (y0, y1) = pca_range(coords, cfg.margin)
    n = cfg.grid
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    reach = max(abs(x0), abs(x1), abs(y0), abs(y1))
    t = np.linspace(-reach, reach, cfg.slice_points)
    pca_plane = _plane("pca", spec, ws[-1], d, xs, ys, coords, explained[:2].sum(), t, data)
    report(0.75, ("random",))
    k1, k2 = jax.random.split(jax.random.PRNGKey(cfg.direction_seed))
    w_final = jnp.asarray(ws[-1])
    r = np.stack([np.asarray(slices.random_direction(spec, w_final, k)) for k in (k1, k2)])
    r_coords, r_captured = project(ws, r)
    g = np.linspace(-cfg.span, cfg.span, n)
    t_r = np.linspace(-cfg.span, cfg.span, cfg.slice_points)
    rand_plane = _plane("random", spec, ws[-1], r, g, g, r_coords, r_captured, t_r, data)
    report(1.0, ("done",))
    return NetLandscape(cfg, steps, ws, loss, acc, explained, s, -1, pca_plane, rand_plane)


# Seconds on the project's 2-core machine (bench: python -m bench.b_explorer): compiles (training, two
# planes), each update per sample-parameter, and each plane point per sample-parameter.
SECONDS_COMPILE = 2.0
SECONDS_PER_STEP_SAMPLE_PARAM = 1.5e-10
SECONDS_PER_PLANE_WORK = 6e-11


def estimate_seconds(cfg: NetConfig) -> float:
    """Rough wall-clock seconds of :func:`run` for ``cfg`` (cold: compiles included)."""
    p = make_spec(cfg).n_params
    batch = cfg.n_train if cfg.batch == 0 else cfg.batch
    train = cfg.steps * batch * p * SECONDS_PER_STEP_SAMPLE_PARAM * optimizers.get(cfg.optimizer).grad_evals
    evals = (cfg.records + 1) * cfg.n_train * p * SECONDS_PER_STEP_SAMPLE_PARAM / 3
    planes = (
        2
        * (plane_work(cfg) + cfg.n_train * p * (cfg.records + 2 * cfg.slice_points))
        * SECONDS_PER_PLANE_WORK
    )
    return SECONDS_COMPILE + train + evals + planes
