"""Learning-rate schedules side by side: constant, step, exponential, inverse-time, cosine and
warm-up + cosine, one optimizer on one surface, in one compiled call.

Each schedule's parameters are set relative to the run length T so that they all end the run
at a comparable rate: step halves every T/4 steps; exponential and inverse-time reach 1/16 of the
base rate at T (gamma = 16^(-1/T), decay = 15/T); cosine decays to 0; warm-up + cosine ramps for
T/10 steps first.

With mini-batch noise (``batch_size`` < 128 and ``noise`` > 0) every schedule sees the same mini-batches
(one seed): a constant rate then keeps bouncing at a noise floor that grows with the rate, while a
decaying rate first moves as fast and then settles lower. The last tenth of the run's losses
(``tail_loss``) measures that floor; a single final loss is one noisy sample of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

import optimizers
from optimizers import schedules as _schedules

from . import _runs

DEFAULT_KINDS = _schedules.KINDS


class ScheduleComparison(NamedTuple):
    """One run per schedule (rows)."""

    optimizer: str
    hp: dict[str, float]  # with the base lr
    schedules: tuple[optimizers.Schedule, ...]
    lr: np.ndarray  # (k, T) rate used on each step
    loss: np.ndarray  # (k, T+1) loss after each step (NaN after divergence)
    path: np.ndarray  # (k, T+1, 2)
    final_loss: np.ndarray  # (k,)
    hit_at: np.ndarray  # (k,) steps to tolerance, -1 if never
    diverged_at: np.ndarray  # (k,)
    tail_loss: np.ndarray  # (k,) mean loss over the last tenth of the steps (NaN if it diverged)


def default_schedule(kind: str, steps: int) -> optimizers.Schedule:
    """The schedule ``kind`` with parameters scaled to a run of ``steps`` steps (module docstring)."""
    if kind not in _schedules.KINDS:
        raise ValueError(f"Unknown schedule {kind!r}; choose one of: {', '.join(_schedules.KINDS)}")
    t = float(steps)
    return optimizers.Schedule(
        kind=kind,
        step_size=max(1.0, t / 4),
        gamma=0.5 if kind == "step" else 16.0 ** (-1.0 / t),
        decay=15.0 / t,
        min_frac=0.0,
        warmup=max(1.0, t / 10),
    ).validate()


def compare_schedules(
    landscape,
    optimizer: str = "sgd",
    hp: Mapping[str, float] | None = None,
    *,
    kinds: Sequence[str | optimizers.Schedule] = DEFAULT_KINDS,
    start=None,
    steps: int = 300,
    tol: float = 1e-3,
    batch_size: int | None = None,
    noise: float = 0.0,
    seed: int = 0,
) -> ScheduleComparison:
    """Run ``optimizer`` under each schedule, everything else equal, in one compiled call.

    Args:
        landscape: the surface.
        optimizer: the rule; ``hp`` its hyperparameters including the base ``lr``.
        kinds: schedule names (scaled by :func:`default_schedule`) or explicit Schedules.
        start: start point (the surface's own if None).
        steps: updates per run.
        tol: a run has arrived when its loss <= the minimum + tol.
        batch_size, noise, seed: mini-batch noise, the same for every schedule (see
            :func:`optimizers.simulate`); None / 0: exact gradients.

    Returns:
        :class:`ScheduleComparison`.
    """
    if not kinds:
        raise ValueError(f"give at least one schedule; choose from: {', '.join(_schedules.KINDS)}")
    options = optimizers.RunOptions(
        start=start, steps=steps, tol=tol, record="path", batch_size=batch_size, noise=noise, seed=seed
    )
    base = _runs.base_spec(landscape, optimizer, hp, options)  # first: the schedules scale with steps
    scheds = tuple(
        k.validate() if isinstance(k, optimizers.Schedule) else default_schedule(k, steps) for k in kinds
    )
    specs = [base._replace(schedule=s) for s in scheds]
    res = optimizers.run_specs(landscape, specs, options)
    lr = np.stack([_schedules.curve(s, base.hp["lr"], steps) for s in scheds]).astype(np.float64)
    tail = res.loss[:, -max(1, steps // 10) :]
    with np.errstate(invalid="ignore"):
        tail_loss = np.where(np.all(np.isfinite(tail), axis=1), tail.mean(axis=1), np.nan)
    return ScheduleComparison(
        optimizer,
        dict(base.hp),
        scheds,
        lr,
        res.loss,
        res.path,
        res.final_loss,
        res.hit_at,
        res.diverged_at,
        tail_loss,
    )
