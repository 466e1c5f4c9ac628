"""Input normalization (the lecture's "Data Normalization"): a linear model's loss surface with raw
features on different scales and with standardised features (z-scores), the condition number of its
Hessian, and gradient descent on both.

The model: ``y ~ w1 x1 + w2 x2`` (no bias: the features and target are centred), the loss
``L(w) = ||X w - y||^2 / (2N)``, a quadratic with Hessian ``H = X^T X / N``. Feature 1 has standard
deviation 1, feature 2 has ``scale`` (correlation ``corr`` between them). Standardising divides each
feature by its standard deviation: the Hessian becomes the features' correlation matrix, whose
condition number is (1 + |r|) / (1 - |r|) instead of about ``scale^2``. Gradient descent on each
surface uses the same rule for its step, ``eta = c / lambda_max`` of that surface (stable for c < 2), so
the comparison is about the shape of the surface, not a tuned step. Exact NumPy (float64).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

MAX_STEPS = 2000
TOL = 1e-3  # a run has arrived when its loss is within TOL of the surface's minimum loss (relative)
GRID = 121


class InputsConfig(NamedTuple):
    """The comparison (hashable)."""

    scale: float = 10.0  # standard deviation of feature 2 (feature 1 has 1)
    corr: float = 0.0  # correlation of the two features
    c: float = 1.5  # step = c / lambda_max
    steps: int = 200
    n: int = 256
    seed: int = 0


class Surface(NamedTuple):
    """One quadratic loss surface and gradient descent on it."""

    hessian: np.ndarray  # (2, 2)
    minimum: np.ndarray  # (2,) least-squares weights
    min_loss: float
    condition: float  # lambda_max / lambda_min
    lr: float  # c / lambda_max
    path: np.ndarray  # (steps + 1, 2)
    loss: np.ndarray  # (steps + 1,)
    arrived: int  # first step whose excess loss is within TOL of the start's excess; -1 if none
    xs: np.ndarray  # (GRID,) contour grid around the minimum and the start
    ys: np.ndarray  # (GRID,)
    z: np.ndarray  # (GRID, GRID) loss on the grid (rows follow ys)


class InputsView(NamedTuple):
    """Raw and standardised surfaces."""

    config: InputsConfig
    raw: Surface
    standard: Surface
    feature_std: np.ndarray  # (2,) of the raw features


def make_data(cfg: InputsConfig) -> tuple[np.ndarray, np.ndarray]:
    """Centred features (n, 2) with standard deviations 1 and ``scale`` and correlation ``corr``, and
    a target y = 2 x1 / 1 + 2 x2 / scale + noise (each feature matters as much)."""
    rng = np.random.default_rng(cfg.seed)
    e = rng.normal(size=(cfg.n, 2))
    x = np.stack([e[:, 0], cfg.scale * (cfg.corr * e[:, 0] + np.sqrt(1 - cfg.corr**2) * e[:, 1])], 1)
    x -= x.mean(axis=0)
    y = 2.0 * x[:, 0] + 2.0 * x[:, 1] / cfg.scale + 0.3 * rng.normal(size=cfg.n)
    return x, y - y.mean()


def descend(x: np.ndarray, y: np.ndarray, start: np.ndarray, c: float, steps: int) -> Surface:
    """Gradient descent with step c / lambda_max on the least-squares loss of (x, y), and the surface
    around its path.

    Args:
        x: (n, 2) features. y: (n,) targets.
        start: (2,) initial weights.
        c: the step as a fraction of 1 / lambda_max (0 < c < 2 is stable).
        steps: updates.

    Returns:
        :class:`Surface`.
    """
    n = len(y)
    h = x.T @ x / n
    b = x.T @ y / n
    w_star = np.linalg.solve(h, b)

    def loss(w):
        r = np.tensordot(w, x.T, axes=1) - y if w.ndim == 1 else w @ x.T - y
        return 0.5 * np.mean(r * r, axis=-1)

    eig = np.linalg.eigvalsh(h)
    lr = c / eig[-1]
    path = np.empty((steps + 1, 2))
    path[0] = start
    for k in range(steps):
        path[k + 1] = path[k] - lr * (h @ path[k] - b)  # w <- w - eta * grad L(w)
    losses = loss(path)
    l_min = float(loss(w_star))
    excess = losses - l_min
    hit = np.nonzero(excess <= TOL * excess[0])[0]
    span = np.abs(path - w_star).max(axis=0) * 1.15 + 1e-9
    xs = np.linspace(w_star[0] - span[0], w_star[0] + span[0], GRID)
    ys = np.linspace(w_star[1] - span[1], w_star[1] + span[1], GRID)
    gx, gy = np.meshgrid(xs, ys)
    z = loss(np.stack([gx.ravel(), gy.ravel()], 1)).reshape(GRID, GRID)
    return Surface(
        h,
        w_star,
        l_min,
        float(eig[-1] / eig[0]),
        float(lr),
        path,
        losses,
        int(hit[0]) if len(hit) else -1,
        xs,
        ys,
        z,
    )


def validate(cfg: InputsConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    if not 1.0 <= cfg.scale <= 100.0:
        raise ValueError(f"scale = {cfg.scale} is outside [1, 100]")
    if not -0.95 <= cfg.corr <= 0.95:
        raise ValueError(f"corr = {cfg.corr} is outside [-0.95, 0.95]")
    if not 0.05 <= cfg.c <= 2.5:
        raise ValueError(f"c = {cfg.c} is outside [0.05, 2.5]")
    if not 1 <= cfg.steps <= MAX_STEPS or not 16 <= cfg.n <= 10_000:
        raise ValueError(f"steps = {cfg.steps} (1-{MAX_STEPS}) or n = {cfg.n} (16-10000) out of range")


def run(cfg: InputsConfig) -> InputsView:
    """Both surfaces and both descents. The standardised run starts from the raw start expressed in
    standardised units (w_std = w_raw * std), so both start from the same model."""
    validate(cfg)
    x, y = make_data(cfg)
    sd = x.std(axis=0)
    start_raw = np.array([-1.0, -2.0 / cfg.scale])  # the model that predicts -(x1 + 2 x2 / scale)
    raw = descend(x, y, start_raw, cfg.c, cfg.steps)
    standard = descend(x / sd, y, start_raw * sd, cfg.c, cfg.steps)
    return InputsView(cfg, raw, standard, sd)
