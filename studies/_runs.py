"""Building many runs of one optimizer quickly (shared by the learning-rate studies).

``optimizers.resolve`` validates one run at a time; a 4,096-rate sweep validates the shared
options once (``optimizers.check_options``) and the varying hyperparameters as arrays (the
optimizer's own ``validate``, so the messages are the library's), and hands the arrays to
``optimizers.run_columns`` (:func:`batch`): nothing is done per run in Python.
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


def check_range(opt: optimizers.Optimizer, key: str, low: float, high: float) -> None:
    """Both ends of a span of hyperparameter ``key`` checked as the numbers the caller gave (a
    span's values lie between them), so a message names the caller's value, not an entry of it."""
    for v in (low, high):
        opt.validate({key: v})


def log_range(lo: float, hi: float, n: int, what: str = "learning rate") -> np.ndarray:
    """``n`` log-spaced values from ``lo`` to ``hi`` (ValueError naming the bad value)."""
    if not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_SWEEP:
        raise ValueError(f"number of {what}s n = {n!r} must be an integer in [1, {MAX_SWEEP}]")
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi) and 0 < lo <= hi):
        raise ValueError(f"{what} range ({lo:g}, {hi:g}) must satisfy 0 < low <= high")
    return np.geomspace(lo, hi, n) if n > 1 else np.array([lo])


def base_spec(
    landscape, name: str, hp: Mapping[str, float] | None, options: optimizers.RunOptions
) -> optimizers.RunSpec:
    """One fully validated run of ``name`` with ``options``; the template that :func:`vary` copies."""
    check_optimizer(name)
    return optimizers.resolve(landscape, [(name, dict(hp or {}))], options)[0]


def vary(base: optimizers.RunSpec, columns: Mapping[str, np.ndarray]) -> list[optimizers.RunSpec]:
    """Copies of ``base`` with the hyperparameters in ``columns`` (equal-length arrays) replaced."""
    optimizers.get(base.optimizer).validate(columns)
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
    options: optimizers.RunOptions,
) -> optimizers.SimResult:
    """Runs of optimizer ``name`` whose hyperparameters ``columns`` vary (equal-length arrays).

    Args:
        landscape: the surface.
        name: a registered optimizer.
        hp: its fixed hyperparameters (defaults for the rest; keys in ``columns`` are ignored).
        columns: hyperparameter name -> (R,) values, one run per entry.
        options: how the runs are run (``start`` shared by all runs, ``steps``, ``tol``,
            ``record``, ``every``, ...; see ``optimizers.RunOptions``).

    Returns:
        ``optimizers.SimResult`` with one row per entry of the columns (``runs = ()``).

    Raises:
        ValueError: an unknown optimizer or hyperparameter, a value outside its range (naming it),
        columns of unequal length, a bad option.
    """
    check_optimizer(name)
    fixed = {k: v for k, v in (hp or {}).items() if k not in columns}
    return optimizers.run_columns(landscape, name, {**fixed, **columns}, options)


def split(values: np.ndarray, counts: Sequence[int]) -> list[np.ndarray]:
    """Split a leading axis into consecutive blocks of ``counts``."""
    return np.split(values, np.cumsum(counts)[:-1])
