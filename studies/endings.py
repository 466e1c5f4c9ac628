"""Where each run of a race ended: at (or in the basin of) the global minimum or a local one, at no
minimum, or diverged.

The minima of a surface are its known global minimisers (``Landscape.minima``) plus every local
minimum that :func:`landscapes.critical_points` finds in the view. A run that stopped within NEAR of
a minimum ended *at* it. A run that stopped elsewhere (SAM hovers beside a minimum; a noisy or slow
run is still on its way) ended *in the basin* of the minimum that plain gradient descent from its
last point reaches (a stand-in for gradient flow: a step of 0.5 / the largest curvature of any
minimum, so it is stable near each of them); if that descent reaches none, at no minimum.

A user's formula has no known minimisers: :func:`with_found_minima` gives it the lowest minima found
in the view, so that the race can measure "arrived within tol of the minimum" there too (stated as
found numerically).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np

import landscapes

NEAR = 0.01  # a run ended at a minimum when it stopped within this fraction of the view's span
SAME_VALUE = 1e-9  # relative: minima whose values differ less are equally low (global)


class Minimum(NamedTuple):
    """One local minimum of a surface."""

    xy: tuple[float, float]
    value: float
    is_global: bool  # among the lowest in the view (or a known global minimiser)
    curvature: float = float("nan")  # the largest Hessian eigenvalue there


class Ending(NamedTuple):
    """Where one run stopped."""

    kind: str  # "global", "local", "none" (not at any minimum) or "diverged"
    minimum: Minimum | None  # the minimum it ended at or in the basin of ("global" / "local")
    value: float  # the loss where it stopped (NaN when it diverged)
    at: bool = True  # True: within NEAR of the minimum; False: in its basin (found by descent)
    distance: float = 0.0  # from the last point to the minimum


class Landmarks(NamedTuple):
    """What the map marks on a surface: its minima (global and local) and its saddle points."""

    minima: tuple[Minimum, ...]  # lowest first (see :func:`minima`)
    saddles: tuple[tuple[float, float], ...]  # (x, y) of each saddle point found in the view


def landmarks(landscape: landscapes.Landscape, n_seeds: int = 24) -> Landmarks:
    """Every minimum and every saddle point in the view, from one critical-point search.

    Args:
        landscape: the surface.
        n_seeds: seeds per axis of the critical-point search.
    """
    points = landscapes.critical_points(landscape, n_seeds=n_seeds)
    saddles = tuple(tuple(map(float, p.xy)) for p in points if p.kind == "saddle")
    return Landmarks(_minima(landscape, points), saddles)


def minima(landscape: landscapes.Landscape, n_seeds: int = 24) -> tuple[Minimum, ...]:
    """Every minimum in the view, lowest first: the known global ones and the local ones found.

    Args:
        landscape: the surface.
        n_seeds: seeds per axis of the critical-point search.

    Returns:
        Tuple of :class:`Minimum` (empty when the surface has none in view, e.g. a saddle).
    """
    return _minima(landscape, landscapes.critical_points(landscape, n_seeds=n_seeds))


def _minima(landscape: landscapes.Landscape, points) -> tuple[Minimum, ...]:
    """:func:`minima` from the surface's critical points (``landscapes.critical_points``)."""
    found = [p for p in points if p.kind == "minimum"]
    span = max(hi - lo for lo, hi in landscape.bounds)
    known = [tuple(map(float, m)) for m in landscape.minima]
    known_value = lambda m: (
        float(landscape.min_value)
        if landscape.min_value is not None  # noqa: E731
        else float(landscape.fn(np.asarray(m, np.float32)))
    )
    top = lambda xy: float(landscapes.hessian_eigs(landscape, np.asarray([xy], np.float32))[0][0, -1])  # noqa: E731
    out: list[Minimum] = [Minimum(m, known_value(m), True, top(m)) for m in known]
    lowest = min([p.value for p in found], default=np.inf)
    if landscape.min_value is not None:
        lowest = min(lowest, float(landscape.min_value))
    scale = max(abs(lowest), 1.0) if np.isfinite(lowest) else 1.0
    for p in found:
        if any(np.hypot(p.xy[0] - m.xy[0], p.xy[1] - m.xy[1]) <= 1e-6 * span for m in out):
            continue  # a known minimiser, found again
        out.append(
            Minimum(
                p.xy, p.value, p.value <= lowest + SAME_VALUE * scale and not known, float(p.eigenvalues[1])
            )
        )
    return tuple(sorted(out, key=lambda m: (m.value, m.xy)))


def with_found_minima(landscape: landscapes.Landscape, found: tuple[Minimum, ...]) -> landscapes.Landscape:
    """``landscape`` with its lowest found minima as its minimisers, if it had none (a user's
    formula); unchanged otherwise or when nothing was found."""
    if landscape.min_value is not None or not found:
        return landscape
    low = [m for m in found if m.is_global]
    return dataclasses.replace(
        landscape,
        minima=tuple(m.xy for m in low),
        min_value=low[0].value,
        source="found numerically in the view",
    )


DESCENT_STEPS = 2000


def endings(
    final_w: np.ndarray,
    final_loss: np.ndarray,
    diverged_at: np.ndarray,
    found: tuple[Minimum, ...],
    landscape: landscapes.Landscape,
) -> list[Ending]:
    """Classify where each run stopped (see the module docstring).

    Args:
        final_w: (R, 2) last position before any divergence.
        final_loss: (R,) the loss there.
        diverged_at: (R,) first bad step, -1 if none.
        found: the surface's minima (:func:`minima`).
        landscape: the surface (its view sets NEAR; its gradient the basin descent).

    Returns:
        One :class:`Ending` per run.
    """
    span = max(hi - lo for lo, hi in landscape.bounds)
    w = np.asarray(final_w, np.float64)

    def nearest(p) -> tuple[Minimum | None, float]:
        if not found:
            return None, np.inf
        d = [float(np.hypot(p[0] - m.xy[0], p[1] - m.xy[1])) for m in found]
        return found[int(np.argmin(d))], min(d)

    ok = (np.asarray(diverged_at) < 0) & np.all(np.isfinite(w), axis=1)
    away = [i for i in range(len(w)) if ok[i] and nearest(w[i])[1] > NEAR * span]
    descended = {}
    curv = [m.curvature for m in found if np.isfinite(m.curvature) and m.curvature > 0]
    if away and curv:
        import optimizers  # studies may use the engine; landscapes may not

        lr = float(np.clip(0.5 / max(curv), 1e-6, 10.0))
        res = optimizers.run_batch(landscape, "sgd", starts=w[away], hp={"lr": lr}, steps=DESCENT_STEPS)
        for j, i in enumerate(away):
            if res.diverged_at[j] < 0:
                descended[i] = np.asarray(res.final_w[j], np.float64)
    out = []
    for i in range(len(w)):
        if not ok[i]:
            out.append(Ending("diverged", None, float("nan")))
            continue
        m, d = nearest(w[i])
        if m is not None and d <= NEAR * span:
            out.append(Ending("global" if m.is_global else "local", m, float(final_loss[i]), True, d))
            continue
        m2, d2 = nearest(descended[i]) if i in descended else (None, np.inf)
        if m2 is not None and d2 <= NEAR * span:
            dist = float(np.hypot(w[i, 0] - m2.xy[0], w[i, 1] - m2.xy[1]))
            out.append(Ending("global" if m2.is_global else "local", m2, float(final_loss[i]), False, dist))
        else:
            out.append(Ending("none", None, float(final_loss[i])))
    return out
