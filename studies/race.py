"""What a finished race's runs did, as numbers (no drawing): the vectors of each run at a step, the
distance to the nearest minimum along each path, and why a run diverged.

Where each run ended (at or in the basin of which minimum) is :mod:`studies.endings`. The Race page
(``pages/race.py``) shows these as arrows (``viz.race``), curves and table cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

__all__ = ["OVERFLOW_LOSS", "Overlay", "distance_to_minima", "divergence_reason", "overlays_at"]


class Overlay(NamedTuple):
    """Vectors of one optimizer at the chosen step, for arrows on the 2-D figure."""

    at: tuple[float, float]  # position
    grad: tuple[float, float]  # gradient used by the step
    moment: tuple[float, float]  # velocity / first moment
    step: tuple[float, float]  # displacement taken
    lookahead: tuple[float, float] | None  # where the gradient was taken, if not ``at``


def overlays_at(path: np.ndarray, aux, step: int) -> list[Overlay | None]:
    """The :class:`Overlay` of every run at ``step`` (None where the run has no step there).

    Args:
        path: (R, T+1, 2).
        aux: :class:`optimizers.Aux` of (R, T+1, 2) arrays (row k = step from k to k+1).
        step: a step index 0..T.
    """
    out: list[Overlay | None] = []
    for i in range(path.shape[0]):
        w = path[i, step]
        g, m, d, la = (
            np.asarray(a[i, step], np.float64) for a in (aux.grad, aux.moment1, aux.step, aux.lookahead)
        )
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(d))):
            out.append(None)
            continue
        ahead = None if np.allclose(la, w, rtol=0, atol=1e-12 * (1 + np.abs(w).max())) else tuple(la)
        out.append(Overlay(tuple(w), tuple(g), tuple(m), tuple(d), ahead))
    return out


def distance_to_minima(path: np.ndarray, minima: Sequence[tuple[float, float]]) -> np.ndarray | None:
    """(R, T+1) distance from each point to the nearest known minimiser; None if none is known."""
    if not minima:
        return None
    m = np.asarray(minima, dtype=np.float64)  # (M, 2)
    d = np.linalg.norm(path[:, :, None, :].astype(np.float64) - m[None, None], axis=-1)
    return d.min(axis=-1)


OVERFLOW_LOSS = 1e30  # a loss this large: its gradient and step overflow float32 (max ~3.4e38)


def divergence_reason(loss_row: np.ndarray, diverged_at: int, unbounded: bool) -> str:
    """Why a run diverged, as a key: "" (it did not), "start", "overflow", "curvature" or "unbounded".

    Args:
        loss_row: (T+1,) the run's losses (NaN from the divergence on).
        diverged_at: first bad step (-1 if none).
        unbounded: the surface has no known minimum value (it may go to -infinity).

    Returns:
        "unbounded" when the run was still going downhill when it left (it escaped down an
        unbounded surface), "start" when the loss is not finite at the start point itself (it
        overflows there), "overflow" when the loss before it was astronomically large (over
        OVERFLOW_LOSS: float32 overflows), else "curvature" (the loss grew: the step was too large for the
        curvature there), "" if it did not diverge.
    """
    if diverged_at < 0:
        return ""
    if diverged_at == 0:
        return "start"  # the loss (or the start itself) is not finite before any step
    finite = loss_row[: max(diverged_at, 1)]
    finite = finite[np.isfinite(finite)]
    if finite.size >= 2 and unbounded and finite[-1] < finite[0]:
        return "unbounded"
    if finite.size and np.abs(finite).max() > OVERFLOW_LOSS:
        return "overflow"  # astronomically large values: float32 arithmetic overflows (~3.4e38)
    return "curvature"
