"""Too small / about right / too large, rising-loss steps with their reason, and the stability
overlay (largest Hessian eigenvalue along a path against the optimizer's limit).

Definitions.
* Curvature limit (gradient descent, heavy ball, NAG): a step at rate lr is stable on the local
  quadratic model iff lr * lambda_max < c, with c = 2, 2 + 2 mu, (2 + 2 mu) / (1 + 2 mu)
  (:func:`studies.curvature.limit_factor`). lambda_ref is the largest top Hessian eigenvalue at the
  start and along a short reference run at c / (2 lambda_start); then
  limit = c / lambda_ref, about right = limit / 2 (for GD: 1 / lambda, the Newton step along the
  stiffest direction), too small = about right / 20, too large = 1.25 x limit. On a plateau start
  (lambda_ref < 1e-3 x the top eigenvalue at the known minimiser nearest the start) the minimiser's
  curvature is used instead, since the run meets it once it gets going.
* Rules that rescale the step per coordinate (Adagrad, RMSprop, Adam, ...) have no single
  lr * lambda limit; for them the three rates come from a 64-rate sweep of the same runs
  (``source = "sweep"``): about right = the sweep's best rate, too large = the smallest larger
  rate that diverges or ends above the starting loss (else 30 x the best, within the swept range:
  the steps of these rules are about lr long, so the iterate then bounces around the minimum by
  about that much), too small = /20.
* A rising step k -> k+1 (loss[k+1] > loss[k] by more than float32 noise) gets one reason:
  "uphill": the step points against the exact gradient at w_k (g . dw > 0): velocity or an
  adaptive moment carried the point uphill;
  "unstable": it starts downhill but lr * lambda_max(w_k) > c: the step jumps across the valley
  and lands higher (on a quadratic the error along the top eigenvector grows by |1 - lr lambda|);
  "overshoot": it starts downhill and lr * lambda_max(w_k) <= c (or the rule has no c), yet it
  crosses the valley floor: built-up velocity, an adaptive step, or curvature that grows along
  the step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

import optimizers
from optimizers import schedules as _schedules

from . import _runs, curvature
from .sweep import lr_sweep

LABELS = ("too small", "about right", "too large")
SMALL, LARGE = 1.0 / 20.0, 1.25  # too small = right * SMALL; too large = limit * LARGE
SWEEP_LARGE = 30.0  # adaptive rules with no bad rate in the sweep: too large = best * SWEEP_LARGE
FLAT = 1e-3  # lambda_ref below this fraction of the curvature at the minimum: a plateau start
REASONS = ("uphill", "unstable", "overshoot")
RISE_RTOL = 1e-5  # a rise smaller than this fraction of the loss is float32 noise
PATHS = optimizers.RunOptions(record="path")  # what the panels' runs record


class Rise(NamedTuple):
    """One step on which the loss went up."""

    step: int  # the step from path[step] to path[step + 1]
    delta: float  # loss[step + 1] - loss[step] (> 0)
    reason: str  # one of REASONS
    lr_lambda: float  # lr * top Hessian eigenvalue at path[step]
    limit: float  # the optimizer's c (NaN when none)


class Stability(NamedTuple):
    """The stability overlay of one path."""

    lam: np.ndarray  # (T+1,) top Hessian eigenvalue at each iterate (NaN after divergence)
    limit: np.ndarray | None  # (T+1,) c / lr_k: the largest stable eigenvalue at that step's rate
    unstable: np.ndarray  # (T+1,) lam > limit
    first_unstable: int  # first unstable iterate, -1 if none
    diverged_at: int  # the runner's divergence step, -1 if none


class Panels(NamedTuple):
    """Three runs of one optimizer at a too small, an about right and a too large rate."""

    optimizer: str
    hp: dict[str, float]  # the other hyperparameters
    lrs: np.ndarray  # (3,) the rates, in LABELS order
    source: str  # "curvature" or "sweep": where the rates come from
    lam_start: float  # top Hessian eigenvalue at the start
    lam_ref: float  # the curvature that sets the limit (NaN for "sweep")
    limit_factor: float  # c (NaN for "sweep")
    lr_limit: float  # c / lam_ref: the largest stable rate (the sweep's edge for "sweep")
    path: np.ndarray  # (3, T+1, 2)
    loss: np.ndarray  # (3, T+1)
    diverged_at: np.ndarray  # (3,)
    rises: tuple[tuple[Rise, ...], ...]  # per run
    stability: tuple[Stability, ...]  # per run


def stability_along(
    landscape,
    optimizer: str,
    hp: Mapping[str, float],
    path: np.ndarray,
    diverged_at: int = -1,
    schedule: optimizers.Schedule | None = None,
) -> Stability:
    """Top Hessian eigenvalue along ``path`` (T+1, 2) against ``c / lr_k``.

    Args:
        landscape: the surface.
        optimizer: the rule's name (its limit factor; none for adaptive rules).
        hp: its hyperparameters, with the base ``lr``.
        path: (T+1, 2) iterates, NaN after divergence.
        diverged_at: the runner's divergence step (-1 if none).
        schedule: the run's learning-rate schedule (constant if None).

    Returns:
        :class:`Stability`.
    """
    path = np.asarray(path)
    lam = curvature.top_eigenvalue_along(landscape, path)
    c = curvature.limit_factor(optimizer, hp)
    if c is None:
        unstable = np.zeros(lam.shape, bool)
        return Stability(lam, None, unstable, -1, int(diverged_at))
    t = path.shape[0] - 1
    lr_k = _schedules.curve(schedule or optimizers.Schedule(), float(hp["lr"]), max(t, 1))
    lr_k = np.concatenate([lr_k[:t], lr_k[-1:]])  # the last iterate takes no step: reuse the last rate
    limit = c / lr_k
    unstable = np.isfinite(lam) & (lam > limit)
    first = int(np.argmax(unstable)) if unstable.any() else -1
    return Stability(lam, limit, unstable, first, int(diverged_at))


def loss_rises(
    landscape, optimizer: str, hp: Mapping[str, float], path: np.ndarray, loss: np.ndarray
) -> tuple[Rise, ...]:
    """Every step on which the loss rises, with its reason (see the module docstring).

    Args:
        landscape: the surface.
        optimizer: the rule's name.
        hp: its hyperparameters (constant ``lr``).
        path: (T+1, 2) iterates; loss: (T+1,) losses (NaN after divergence).

    Returns:
        tuple of :class:`Rise`, in step order.
    """
    loss = np.asarray(loss, np.float64)
    up = np.diff(loss) > RISE_RTOL * np.maximum(np.abs(loss[:-1]), 1e-12)
    up &= np.isfinite(loss[1:]) & np.isfinite(loss[:-1])
    ks = np.flatnonzero(up)
    if ks.size == 0:
        return ()
    eigs, grads = curvature.eigs_and_grads(landscape, np.asarray(path)[ks])
    dw = np.asarray(path)[ks + 1] - np.asarray(path)[ks]
    uphill = np.sum(grads * dw, axis=1) > 0
    c = curvature.limit_factor(optimizer, hp)
    c = float("nan") if c is None else float(c)
    lr = float(hp["lr"])

    def reason(u: bool, lr_lam: float) -> str:
        if u:
            return "uphill"
        return "unstable" if lr_lam > c else "overshoot"  # NaN c: never "unstable"

    return tuple(
        Rise(int(k), float(loss[k + 1] - loss[k]), reason(bool(u), float(lr * e[1])), float(lr * e[1]), c)
        for k, u, e in zip(ks, uphill, eigs, strict=True)
    )


def _minimum_curvature(landscape, start) -> float:
    """Top Hessian eigenvalue at the known minimiser nearest ``start`` (0 if none is known)."""
    if not landscape.minima:
        return 0.0
    m = np.asarray(landscape.minima, np.float64)
    near = m[np.argmin(np.linalg.norm(m - np.asarray(start, np.float64), axis=1))]
    top = float(curvature.top_eigenvalue_along(landscape, near[None].astype(np.float32))[0])
    return top if np.isfinite(top) and top > 0 else 0.0


def _top_eig_at(landscape, point) -> float:
    e = curvature.hessian_eigs(landscape, np.asarray(point, np.float32)[None])[0][0].astype(np.float64)
    top = float(e[1])
    return top if top > 0 else float(np.max(np.abs(e)))


def three_rates(
    landscape,
    optimizer: str,
    hp: Mapping[str, float] | None = None,
    *,
    start=None,
    steps: int = 200,
    ref_steps: int = 50,
) -> tuple[np.ndarray, str, float, float, float, float]:
    """The too small / about right / too large rates (see the module docstring).

    Returns:
        (lrs (3,), source, lam_start, lam_ref, c, lr_limit).
    """
    base = _runs.base_spec(landscape, optimizer, hp, optimizers.RunOptions(start=start, steps=steps))
    rng = optimizers.get(optimizer).ranges["lr"]
    clip = lambda a: np.clip(a, rng.low, rng.high)  # noqa: E731
    lam0 = _top_eig_at(landscape, base.start)
    c = curvature.limit_factor(optimizer, base.hp)
    if c is not None:
        if not (np.isfinite(lam0) and lam0 > 0):
            raise ValueError(f"the surface is flat at the start {base.start}: no curvature to set a rate")
        ref_lr = float(clip(c / (2 * lam0)))
        ref = optimizers.run_specs(
            landscape, _runs.vary(base._replace(steps=ref_steps), {"lr": [ref_lr]}), PATHS
        )
        lam_ref = float(np.nanmax(np.append(curvature.top_eigenvalue_along(landscape, ref.path[0]), lam0)))
        lam_min = _minimum_curvature(landscape, base.start)
        if lam_ref < FLAT * lam_min:
            # A plateau start: its curvature would allow any rate, and the reference run never leaves
            # it. The curvature at the minimum is what the run meets once it gets going.
            lam_ref = lam_min
        limit = c / lam_ref
        right = limit / 2
        lrs = clip(np.array([right * SMALL, right, limit * LARGE]))
        return lrs, "curvature", lam0, lam_ref, float(c), float(limit)
    lo, hi = max(rng.low, 1e-5), min(rng.high, 1.0)
    sw = lr_sweep(
        landscape,
        [(optimizer, {k: v for k, v in base.hp.items() if k != "lr"})],
        lr_range=(lo, hi),
        n=64,
        start=base.start,
        steps=steps,
    )
    b = int(sw.best[0])
    if b < 0:
        raise ValueError(f"every rate in [{lo:g}, {hi:g}] diverged for {optimizer}: no rate to show")
    loss0 = float(landscape.fn(np.asarray(base.start, np.float32)))
    bad = (sw.diverged_at[0] >= 0) | ~(sw.final_loss[0] < loss0)
    above = np.flatnonzero(bad & (np.arange(sw.lrs.size) > b))
    large = float(sw.lrs[above[0]]) if above.size else min(float(sw.lrs[b]) * SWEEP_LARGE, hi)
    right = float(sw.lrs[b])
    return clip(np.array([right * SMALL, right, large])), "sweep", lam0, float("nan"), float("nan"), large


def three_panels(
    landscape, optimizer: str = "sgd", hp: Mapping[str, float] | None = None, *, start=None, steps: int = 200
) -> Panels:
    """Run the optimizer at a too small, an about right and a too large rate, in one call.

    Args:
        landscape: the surface.
        optimizer: any registered rule.
        hp: its other hyperparameters (``lr`` is chosen here and ignored if given).
        start: start point (the surface's own if None).
        steps: updates per run.

    Returns:
        :class:`Panels`.
    """
    hp = {k: v for k, v in (hp or {}).items() if k != "lr"}
    lrs, source, lam0, lam_ref, c, limit = three_rates(landscape, optimizer, hp, start=start, steps=steps)
    base = _runs.base_spec(landscape, optimizer, hp, optimizers.RunOptions(start=start, steps=steps))
    res = optimizers.run_specs(landscape, _runs.vary(base, {"lr": lrs}), PATHS)
    rises, stab = [], []
    for i, lr in enumerate(lrs):
        full = {**base.hp, "lr": float(lr)}
        rises.append(loss_rises(landscape, optimizer, full, res.path[i], res.loss[i]))
        stab.append(stability_along(landscape, optimizer, full, res.path[i], int(res.diverged_at[i])))
    other = {k: v for k, v in base.hp.items() if k != "lr"}
    return Panels(
        optimizer,
        other,
        np.asarray(lrs, np.float64),
        source,
        lam0,
        lam_ref,
        c,
        limit,
        res.path,
        res.loss,
        res.diverged_at,
        tuple(rises),
        tuple(stab),
    )
