"""Grid search vs random search with the same budget over two hyperparameters.

Both methods spend ``budget`` runs (grid: the largest s x s <= budget, so s distinct values per
axis; random: ``budget`` independent draws, log-uniform on log axes, so ``budget`` distinct values
per axis). A dense background map of the same runs shows the true landscape of final losses, and
each axis's importance is the spread (in decades) of its marginal: the best final loss reachable
at each value of that axis, minimised over the other axis (Bergstra & Bengio 2012).
Everything (background, grid, random) runs in one compiled call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

import optimizers

from . import _runs

MAX_BUDGET = 1024
MAX_BACKGROUND = 128


class Axis(NamedTuple):
    name: str
    low: float
    high: float
    log: bool


class SearchResult(NamedTuple):
    """Samples and outcomes of both methods on the same surface."""

    optimizer: str
    axes: tuple[Axis, Axis]
    grid_pts: np.ndarray  # (s*s, 2) sampled (axis0, axis1) values
    grid_loss: np.ndarray  # (s*s,) final loss (inf where diverged)
    random_pts: np.ndarray  # (budget, 2)
    random_loss: np.ndarray  # (budget,)
    bg_x: np.ndarray  # (nb,) background values of axis 0
    bg_y: np.ndarray  # (nb,) background values of axis 1
    bg_loss: np.ndarray  # (nb, nb) final loss over the background grid, rows = axis 1
    importance: np.ndarray  # (2,) decades spanned by each axis's marginal best loss (losses
    #   capped at the starting loss, 1e-12 above the minimum)

    def best(self, method: str) -> tuple[np.ndarray, float]:
        """(point (2,), final loss) of the best sample of ``method`` ("grid" or "random")."""
        if method not in ("grid", "random"):
            raise ValueError(f"Unknown search method {method!r}; choose one of: grid, random")
        pts, loss = (
            (self.grid_pts, self.grid_loss) if method == "grid" else (self.random_pts, self.random_loss)
        )
        i = int(np.argmin(loss))
        return pts[i], float(loss[i])

    def distinct(self, method: str) -> tuple[int, int]:
        """Distinct values tried on each axis."""
        pts = self.grid_pts if method == "grid" else self.random_pts
        return tuple(int(np.unique(pts[:, j]).size) for j in range(2))


def _axis(optimizer: str, name: str, bounds) -> Axis:
    opt = optimizers.get(optimizer)
    rng = opt.hyperparam(name)
    lo, hi = (rng.low, rng.high) if bounds is None else (float(bounds[0]), float(bounds[1]))
    _runs.check_range(opt, name, lo, hi)
    if not lo < hi:
        raise ValueError(f"{optimizer}.{name} search range ({lo:g}, {hi:g}) must satisfy low < high")
    return Axis(name, lo, hi, bool(rng.log))


def _spread(a: Axis, u: np.ndarray) -> np.ndarray:
    """Map u in [0, 1] onto the axis (log-uniform on log axes)."""
    if a.log:
        return np.exp(np.log(a.low) + u * (np.log(a.high) - np.log(a.low)))
    return a.low + u * (a.high - a.low)


def hp_search(
    landscape,
    optimizer: str = "momentum",
    axes: Mapping[str, tuple[float, float] | None] | None = None,
    *,
    budget: int = 16,
    hp: Mapping[str, float] | None = None,
    start=None,
    steps: int = 200,
    seed: int = 0,
    background: int = 48,
) -> SearchResult:
    """Grid and random search over two hyperparameters with the same budget.

    Args:
        landscape: the surface.
        optimizer: the rule.
        axes: {name: (low, high) or None (the valid range)} for exactly two hyperparameters
            (default: lr in (1e-4, 1e-1) and the rule's second hyperparameter, or lr alone twice
            is refused).
        budget: runs per method (4 .. 1,024).
        hp: the other hyperparameters.
        start: start point (the surface's own if None).
        steps: updates per run.
        seed: seed of the random draws.
        background: cells per axis of the background map (8 .. 128).

    Returns:
        :class:`SearchResult`.
    """
    if axes is None:
        names = list(optimizers.get(optimizer).defaults)
        if len(names) < 2:
            raise ValueError(f"{optimizer} has one hyperparameter ({names[0]}); a search needs two")
        axes = {"lr": (1e-4, 1e-1), names[1]: None}
    if len(axes) != 2:
        raise ValueError(f"a search takes exactly two hyperparameters, got {list(axes)}")
    if not isinstance(budget, (int, np.integer)) or not 4 <= budget <= MAX_BUDGET:
        raise ValueError(f"budget = {budget!r} must be an integer in [4, {MAX_BUDGET}]")
    if not isinstance(background, (int, np.integer)) or not 8 <= background <= MAX_BACKGROUND:
        raise ValueError(f"background = {background!r} must be an integer in [8, {MAX_BACKGROUND}]")
    ax = tuple(_axis(optimizer, n, b) for n, b in axes.items())
    s = int(np.floor(np.sqrt(budget)))
    # Grid points at cell centres, as a practitioner would lay them out.
    g = (np.arange(s) + 0.5) / s
    gu, gv = np.meshgrid(g, g)
    grid_pts = np.stack([_spread(ax[0], gu.ravel()), _spread(ax[1], gv.ravel())], axis=1)
    r = np.random.default_rng(seed).random((budget, 2))
    rand_pts = np.stack([_spread(ax[0], r[:, 0]), _spread(ax[1], r[:, 1])], axis=1)
    b = np.linspace(0.0, 1.0, background)
    bx, by = _spread(ax[0], b), _spread(ax[1], b)
    bu, bv = np.meshgrid(bx, by)
    bg_pts = np.stack([bu.ravel(), bv.ravel()], axis=1)
    pts = np.concatenate([grid_pts, rand_pts, bg_pts])
    fixed = {k: v for k, v in (hp or {}).items() if k not in axes}
    res = _runs.batch(
        landscape,
        optimizer,
        fixed,
        {ax[0].name: pts[:, 0], ax[1].name: pts[:, 1]},
        optimizers.RunOptions(start=start, steps=steps, record="final"),
    )
    loss = np.where(res.diverged_at >= 0, np.inf, res.final_loss.astype(np.float64))
    n_g = grid_pts.shape[0]
    bg = loss[n_g + budget :].reshape(background, background)
    # A run that diverged or ended above its start did no better than not moving: cap there.
    loss0 = float(landscape.fn(np.asarray(landscape.start if start is None else start, np.float32)))
    capped = np.minimum(bg, loss0)
    floor = landscape.min_value if landscape.min_value is not None else float(np.min(capped))
    logged = np.log10(np.maximum(capped - floor, 1e-12))
    imp = np.array([np.ptp(np.min(logged, axis=0)), np.ptp(np.min(logged, axis=1))])
    return SearchResult(
        optimizer, ax, grid_pts, loss[:n_g], rand_pts, loss[n_g : n_g + budget], bx, by, bg, imp
    )
