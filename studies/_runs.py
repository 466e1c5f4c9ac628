"""Building many runs of one optimizer quickly (shared by the learning-rate studies).

``optimizers.resolve`` validates one run at a time; a 4,096-rate sweep validates the shared
options once and then the varying hyperparameters as arrays, with the same messages, and hands
the arrays to ``optimizers.run_batch`` (:func:`batch`): nothing is done per run in Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

import optimizers

MAX_SWEEP = 4096  # rates per optimizer in one sweep
MAX_OPTIMIZERS = 4


def check_optimizer(name: str) -> optimizers.Optimizer:
    """The registered optimizer ``name`` (ValueError listing the valid names otherwise)."""
    if not isinstance(name, str):
        raise ValueError(
            f"optimizer must be a name, got {name!r}; choose one of: {', '.join(optimizers.names())}"
        )
    return optimizers.get(name)


def check_values(name: str, key: str, values) -> np.ndarray:
    """``values`` of hyperparameter ``key`` of optimizer ``name`` as a float array, range-checked."""
    opt = check_optimizer(name)
    if key not in opt.defaults:
        raise ValueError(f"Unknown hyperparameter {key!r} for {name}; choose from: {', '.join(opt.defaults)}")
    try:
        a = np.asarray(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise ValueError(f"{name}.{key} values must be numbers, got {values!r}") from None
    rng = opt.ranges[key]
    bad = ~np.isfinite(a) | (a < rng.low) | (a > rng.high)
    if bad.any():
        v = a[bad][0]
        raise ValueError(f"{name}.{key} = {v:g} is outside its valid range [{rng.low:g}, {rng.high:g}]")
    return a


def log_range(lo: float, hi: float, n: int, what: str = "learning rate") -> np.ndarray:
    """``n`` log-spaced values from ``lo`` to ``hi`` (ValueError naming the bad value)."""
    if not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_SWEEP:
        raise ValueError(f"number of {what}s n = {n!r} must be an integer in [1, {MAX_SWEEP}]")
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi) and 0 < lo <= hi):
        raise ValueError(f"{what} range ({lo:g}, {hi:g}) must satisfy 0 < low <= high")
    return np.geomspace(lo, hi, n) if n > 1 else np.array([lo])


def base_spec(
    landscape, name: str, hp: Mapping[str, float] | None, *, start=None, steps: int, schedule=None
) -> optimizers.RunSpec:
    """One fully validated run; the template that :func:`vary` copies."""
    check_optimizer(name)
    return optimizers.resolve(
        landscape, [(name, dict(hp or {}))], start=start, steps=steps, schedule=schedule
    )[0]


def vary(base: optimizers.RunSpec, columns: Mapping[str, np.ndarray]) -> list[optimizers.RunSpec]:
    """Copies of ``base`` with the hyperparameters in ``columns`` (equal-length arrays) replaced."""
    for key, col in columns.items():
        check_values(base.optimizer, key, col)
    n = len(next(iter(columns.values()))) if columns else 1
    keys = list(columns)
    cols = [np.asarray(columns[k], dtype=np.float64).tolist() for k in keys]
    fixed = {k: v for k, v in base.hp.items() if k not in columns}
    rest = tuple(base)[2:]
    make = tuple.__new__
    cls = type(base)
    return (
        [
            make(cls, (base.optimizer, {**fixed, **dict(zip(keys, vals, strict=True))}) + rest)
            for vals in zip(*cols, strict=True)
        ]
        if keys
        else [base] * n
    )


def batch(
    landscape,
    name: str,
    hp: Mapping[str, float] | None,
    columns: Mapping[str, np.ndarray],
    *,
    start=None,
    steps: int,
    tol: float = 1e-3,
    record: str = "final",
    every: int = 1,
) -> optimizers.SimResult:
    """Runs of optimizer ``name`` whose hyperparameters ``columns`` vary (equal-length arrays).

    Args:
        landscape: the surface.
        name: a registered optimizer.
        hp: its fixed hyperparameters (defaults for the rest; keys in ``columns`` are ignored).
        columns: hyperparameter name -> (R,) values, one run per entry.
        start: start point shared by all runs (the surface's own if None).
        steps: updates per run.
        tol: a run has arrived when its loss <= the surface's minimum + tol (``hit_at``).
        record: "final", "path" or "full" (see ``optimizers.run_batch``).
        every: with record "path", keep every ``every``-th iterate only (see ``optimizers.run_batch``).

    Returns:
        ``optimizers.SimResult`` with one row per entry of the columns (``runs = ()``).

    Raises:
        ValueError: an unknown optimizer or hyperparameter, a value outside its range (naming it),
        columns of unequal length, a bad tolerance, start or step count.
    """
    opt = check_optimizer(name)
    fixed = opt.validate({k: v for k, v in (hp or {}).items() if k not in columns})
    cols = {k: check_values(name, k, v) for k, v in columns.items()}
    lengths = {k: v.size for k, v in cols.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"hyperparameter columns need equal lengths, got {lengths}")
    target_of(landscape, tol)  # the tolerance's own message
    if not isinstance(steps, (int, np.integer)) or steps < 1:
        raise optimizers.LimitError(f"steps must be a positive integer, got {steps!r}")
    return optimizers.run_batch(
        landscape, name, starts=start, hp={**fixed, **cols}, steps=int(steps), tol=tol, record=record,
        every=every,
    )


def target_of(landscape, tol: float) -> float:
    """The loss at or below which a run has arrived (-inf when the minimum is unknown)."""
    tol = float(tol)
    if not (np.isfinite(tol) and tol > 0):
        raise ValueError(f"tolerance tol = {tol!r} must be a positive number")
    return landscape.min_value + tol if landscape.min_value is not None else -np.inf


def split(values: np.ndarray, counts: Sequence[int]) -> list[np.ndarray]:
    """Split a leading axis into consecutive blocks of ``counts``."""
    return np.split(values, np.cumsum(counts)[:-1])
