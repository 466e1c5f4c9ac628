"""The two-basin study: which basin does noisy descent end in, at each batch size?

The network study's question on a 2-D surface with one sharp and one flat minimum
(``landscapes.get("sharp_flat")``): many runs with the engine's mini-batch noise start near the
sharp minimum (who escapes?) or anywhere in the view (which basin catches whom?), and each end point
is assigned to the nearest local minimum (found by :func:`landscapes.critical_points`).
:func:`basin_view` is the Batch lab's call (a job in ``ui.jobs``) with its cost estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

import landscapes
import optimizers

__all__ = [
    "BASIN_SCHEDULE",
    "BASIN_STARTS",
    "Basin",
    "BasinFractions",
    "basin_estimate_seconds",
    "basin_fractions",
    "basin_view",
    "find_minima",
    "sharp_flat_surface",
]

BASIN_SCHEDULE = optimizers.Schedule("cosine")  # lr decays to 0: runs settle in their basin
BASIN_STARTS = ("sharp", "uniform")  # every run starts in the sharpest minimum / anywhere in view


def sharp_flat_surface() -> landscapes.Landscape:
    """The sharp-vs-flat two-basin surface of the registry (``landscapes.get("sharp_flat")``)."""
    return landscapes.get("sharp_flat")


class Basin(NamedTuple):
    """Where a surface's local minima are and how sharp each is."""

    points: np.ndarray  # (m, 2) local minimisers
    top_eig: np.ndarray  # (m,) largest Hessian eigenvalue at each
    flat: int  # index of the flattest minimum


def find_minima(surface, n_seeds: int = 24) -> Basin:
    """The local minima of a 2-D surface in its view, flattest first.

    Args:
        surface: a Landscape.
        n_seeds: seeds per axis of the critical-point search (:func:`landscapes.critical_points`).

    Returns:
        :class:`Basin`: the minimisers sorted by their top Hessian eigenvalue (ascending), so the
        flattest is index 0.
    """
    found = [p for p in landscapes.critical_points(surface, n_seeds=n_seeds) if p.kind == "minimum"]
    found.sort(key=lambda p: p.eigenvalues[1])  # eigenvalues ascend: [1] is the top one
    points = np.array([p.xy for p in found], np.float64).reshape(-1, 2)
    return Basin(points, np.array([p.eigenvalues[1] for p in found], np.float64), 0)


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
        raise ValueError(
            f"surface {surface.name!r} has {len(minima.points)} local minimum in view; "
            "the basin study needs at least two"
        )
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
                specs.append(
                    (
                        name,
                        hp,
                        {
                            "batch_size": int(b),
                            "seed": seed * 100_003 + s,
                            "start": tuple(starts[s]),
                            "noise": noise,
                        },
                    )
                )
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


def basin_view(
    batch_sizes: tuple[int, ...],
    lr: float,
    rho: float,
    n_seeds: int,
    steps: int,
    noise: float,
    start: str,
    progress: Callable[[float, tuple], None] | None = None,
) -> BasinFractions:
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
    return basin_fractions(
        batch_sizes=batch_sizes, runs=runs, n_seeds=n_seeds, steps=steps, noise=noise, start=start
    )


def basin_estimate_seconds(n_batch_sizes: int, n_seeds: int, steps: int) -> float:
    """Estimated seconds of :func:`basin_view` (3,200 noisy runs x 2,000 steps took ~5 s warm)."""
    return 1.5 + 2 * n_batch_sizes * n_seeds * steps * 0.78e-6
