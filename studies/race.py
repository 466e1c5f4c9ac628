"""What a finished race's runs did, as numbers (no drawing): the vectors of each run at a step, the
distance to the nearest minimum along each path, and why a run diverged.

Where each run ended (at or in the basin of which minimum) is :mod:`studies.endings`. The Race page
(``pages/race.py``) shows these as arrows (``viz.race``), curves and table cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from optimizers.base import StepValues

__all__ = [
    "OVERFLOW_LOSS",
    "X_AXES",
    "Overlay",
    "Vectors",
    "distance_to_minima",
    "divergence_reason",
    "overlays_at",
    "overlays_from",
    "step_values",
    "vectors",
    "x_scales",
]


class Overlay(NamedTuple):
    """Vectors of one optimizer at the chosen step, for arrows on the 2-D figure."""

    at: tuple[float, float]  # position
    grad: tuple[float, float]  # gradient used by the step
    moment: tuple[float, float]  # velocity / first moment
    step: tuple[float, float]  # displacement taken
    lookahead: tuple[float, float] | None  # where the gradient was taken, if not ``at``


class Vectors(NamedTuple):
    """The vectors of every run at every step, for arrows that follow the animation.

    Each field is (R, T+1, 2) float64; row k belongs to the step from k to k+1. A run that has no
    step at k (it diverged, or k is its last point) holds NaN there in every field; ``lookahead`` is
    NaN also where the rule took its gradient at the point itself (most rules).
    """

    at: np.ndarray  # position w_k
    grad: np.ndarray  # gradient the step used
    moment: np.ndarray  # velocity / first moment after the step
    step: np.ndarray  # displacement w_{k+1} - w_k
    lookahead: np.ndarray  # where the gradient was taken, if not at w_k


def vectors(path: np.ndarray, aux) -> Vectors:
    """The :class:`Vectors` of a race.

    Args:
        path: (R, T+1, 2).
        aux: :class:`optimizers.Aux` of (R, T+1, 2) arrays (row k = step from k to k+1).
    """
    w = np.asarray(path, np.float64)
    g, m, d, la = (np.asarray(a, np.float64) for a in (aux.grad, aux.moment1, aux.step, aux.lookahead))
    ok = np.all(np.isfinite(w), axis=-1) & np.all(np.isfinite(d), axis=-1)
    # the look-ahead point is drawn only where it differs from w (NAG, SAM); float32 round-off aside
    same = np.all(np.abs(la - w) <= 1e-12 * (1 + np.abs(w).max(axis=-1, keepdims=True)), axis=-1)

    def masked(a: np.ndarray, keep: np.ndarray) -> np.ndarray:
        return np.where(keep[..., None], a, np.nan)

    return Vectors(masked(w, ok), masked(g, ok), masked(m, ok), masked(d, ok), masked(la, ok & ~same))


def overlays_at(path: np.ndarray, aux, step: int) -> list[Overlay | None]:
    """The :class:`Overlay` of every run at ``step`` (None where the run has no step there).

    Args:
        path: (R, T+1, 2).
        aux: :class:`optimizers.Aux` of (R, T+1, 2) arrays (row k = step from k to k+1).
        step: a step index 0..T.
    """
    return overlays_from(vectors(path, aux), step)


def overlays_from(v: Vectors, step: int) -> list[Overlay | None]:
    """The :class:`Overlay` of every run at ``step`` from the race's :class:`Vectors`."""
    out: list[Overlay | None] = []
    for i in range(v.at.shape[0]):
        if not np.all(np.isfinite(v.at[i, step])):
            out.append(None)
            continue
        la = v.lookahead[i, step]
        ahead = tuple(la) if np.all(np.isfinite(la)) else None
        fields = (tuple(a[i, step]) for a in (v.at, v.grad, v.moment, v.step))
        out.append(Overlay(*fields, ahead))
    return out


X_AXES = ("step", "epoch", "evals")  # what the curves' x-axis counts


def x_scales(kind: str, batch: Sequence[int], grad_evals: Sequence[int], n_samples: int) -> np.ndarray:
    """How far one step moves each run along the curves' x-axis.

    Args:
        kind: "step" (1 per step), "epoch" (B / N: a run with batch B takes N / B steps per pass over
            the N samples) or "evals" (gradient evaluations of one sample each: B per step, times
            the rule's gradient evaluations per step, 2 for SAM).
        batch: each run's batch size B.
        grad_evals: each run's gradient evaluations per step.
        n_samples: N, the samples of the surface's loss.

    Returns:
        (R,) float64 multipliers of the step index.
    """
    b = np.asarray(batch, np.float64)
    if kind == "step":
        return np.ones_like(b)
    if kind == "epoch":
        return b / n_samples
    if kind == "evals":
        return b * np.asarray(grad_evals, np.float64)
    raise ValueError(f"Unknown x-axis {kind!r}; choose one of: {', '.join(X_AXES)}")


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


def step_values(path: np.ndarray, aux, i: int, k: int, hp: dict[str, float], lr: float) -> StepValues | None:
    """Run ``i``'s step ``k`` (from ``path[i, k]`` to ``path[i, k + 1]``) as numbers, for writing it
    out (``Optimizer.step_latex``); None when the run has no step k (it diverged, or k is its last
    point).

    Args:
        path: (R, T+1, 2); aux: the race's :class:`optimizers.Aux` record.
        i: the run; k: the step.
        hp: the run's hyperparameters; lr: its learning rate at step k (the schedule applied).
    """
    if not 0 <= k < path.shape[1] - 1:
        return None
    w, w_next = (np.asarray(path[i, j], np.float64) for j in (k, k + 1))
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(w_next))):
        return None

    def at(a, j: int) -> np.ndarray:
        return np.asarray(a[i, j], np.float64) if j >= 0 else np.zeros_like(w)

    return StepValues(
        k=k,
        lr=float(lr),
        hp=dict(hp),
        w=w,
        w_next=w_next,
        g=at(aux.grad, k),
        m_prev=at(aux.moment1, k - 1),
        m=at(aux.moment1, k),
        v_prev=at(aux.moment2, k - 1),
        v=at(aux.moment2, k),
        lookahead=at(aux.lookahead, k),
    )
