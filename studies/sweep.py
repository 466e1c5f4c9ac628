"""Learning-rate sweep: 1-4 optimizers x up to 4,096 log-spaced rates, one compiled call each.

Definitions.
* steps-to-tolerance: the runner's ``hit_at``, the first step with loss <= known minimum + tol
  (-1 if never, or if the surface's minimum is unknown).
* divergence edge: the smallest swept rate whose run diverged (non-finite or left the view by the
  runner's margin); NaN if none did.
* best rate: among runs that reached the tolerance, the one with the fewest steps (ties: the lower
  final loss, then the smaller rate); if none did, the lowest final loss among the runs that did
  not diverge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

import optimizers

from . import _runs


class Sweep(NamedTuple):
    """Results per optimizer (rows) and learning rate (columns)."""

    names: tuple[str, ...]  # (k,) optimizers
    hps: tuple[dict[str, float], ...]  # (k,) their other hyperparameters
    lrs: np.ndarray  # (n,) the swept rates, ascending
    final_loss: np.ndarray  # (k, n) loss at the last finite iterate
    hit_at: np.ndarray  # (k, n) steps to tolerance, -1 if never
    diverged_at: np.ndarray  # (k, n) first bad step, -1 if none
    edge: np.ndarray  # (k,) smallest diverging rate, NaN if none
    best: np.ndarray  # (k,) index of the best rate, -1 if every run diverged
    steps: int
    tol: float

    @property
    def best_lr(self) -> np.ndarray:
        """(k,) the best rate per optimizer (NaN where none)."""
        return np.where(self.best >= 0, self.lrs[np.maximum(self.best, 0)], np.nan)

    def tuned(self) -> dict[str, float]:
        """{optimizer: best rate} for the optimizers that have one (what the Race page takes)."""
        return {n: float(v) for n, v in zip(self.names, self.best_lr, strict=True) if np.isfinite(v)}


def _parse(item: Any) -> tuple[str, dict[str, float]]:
    if isinstance(item, str):
        return item, {}
    if isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[1], Mapping):
        return str(item[0]), dict(item[1])
    raise ValueError(f"Cannot read optimizer {item!r}; give a name or (name, hyperparameters)")


def best_index(final_loss: np.ndarray, hit_at: np.ndarray, diverged_at: np.ndarray) -> np.ndarray:
    """Index of the best rate per row (see the module docstring); -1 where every run diverged."""
    out = np.full(final_loss.shape[0], -1)
    for i in range(final_loss.shape[0]):
        ok = diverged_at[i] < 0
        hit = ok & (hit_at[i] >= 0)
        if hit.any():
            # the steps as int64 with the sentinel in the same dtype: under NumPy 2's promotion
            # rules an int64 sentinel beside int32 steps wrapped to -1 and ranked first
            steps = np.where(hit, hit_at[i].astype(np.int64), np.iinfo(np.int64).max)
            key = np.lexsort((np.arange(hit.size), final_loss[i], steps))
            out[i] = key[0]
        elif ok.any() and np.isfinite(final_loss[i][ok]).any():
            out[i] = int(np.nanargmin(np.where(ok, final_loss[i], np.nan)))
    return out


def lr_sweep(
    landscape,
    optimizers_: Sequence[Any] = ("sgd",),
    *,
    lr_range: tuple[float, float] = (1e-5, 1.0),
    n: int = 256,
    start=None,
    steps: int = 500,
    tol: float = 1e-3,
) -> Sweep:
    """Sweep log-spaced learning rates for 1-4 optimizers (one ``run_batch`` call per optimizer).

    Args:
        landscape: the surface.
        optimizers_: names or (name, hyperparameters) pairs; the learning rate is swept, the rest
            fixed (defaults where not given).
        lr_range: (low, high); rates outside an optimizer's valid range raise ValueError.
        n: rates per optimizer (1 .. 4,096).
        start: start point (the surface's own if None).
        steps: updates per run.
        tol: a run has arrived when its loss <= the surface's minimum + tol.

    Returns:
        :class:`Sweep`.
    """
    items = [_parse(o) for o in optimizers_]
    if not 1 <= len(items) <= _runs.MAX_OPTIMIZERS:
        raise ValueError(f"{len(items)} optimizers given; a sweep takes 1 to {_runs.MAX_OPTIMIZERS}")
    names = [nm for nm, _ in items]
    if len(set(names)) != len(names):
        raise ValueError(f"each optimizer may appear once in a sweep, got {names}")
    lrs = _runs.log_range(*lr_range, n)
    options = optimizers.check_options(
        landscape, optimizers.RunOptions(start=start, steps=steps, tol=tol, record="final"), runs=n
    )
    # Validate every optimizer's inputs before running any of them.
    hps = []
    for name, hp in items:
        opt = _runs.check_optimizer(name)
        _runs.check_range(opt, "lr", lrs[0], lrs[-1])
        fixed = opt.validate({k: v for k, v in hp.items() if k != "lr"})  # the swept lr is ignored
        hps.append({k: v for k, v in fixed.items() if k != "lr"})
    results = [
        _runs.batch(landscape, name, hp, {"lr": lrs}, options) for name, hp in zip(names, hps, strict=True)
    ]
    shape = (len(items), lrs.size)
    final = np.stack([r.final_loss for r in results]).reshape(shape).astype(np.float64)
    hit = np.stack([r.hit_at for r in results]).reshape(shape)
    div = np.stack([r.diverged_at for r in results]).reshape(shape)
    edge = np.array([lrs[np.argmax(d >= 0)] if (d >= 0).any() else np.nan for d in div])
    return Sweep(
        tuple(names),
        tuple(hps),
        lrs,
        final,
        hit,
        div,
        edge,
        best_index(final, hit, div),
        int(steps),
        float(tol),
    )
