"""Run options: how runs are run (everything except the rule and its hyperparameters).

One record, :class:`RunOptions`, and one check, :func:`check_options`, serve every entry point:
``simulate`` and ``resolve`` / ``run_specs``, ``run_batch`` / ``run_columns`` and the studies (which
build a ``RunOptions`` and hand it on). A bad option therefore gets the same message wherever it
was given, and an option added here reaches all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from . import devices, runner
from .runner import N_SAMPLES
from .schedules import Schedule

MAX_SEED = 2**32 - 1  # seeds are uint32 inside the compiled call
MAX_NOISE = 1e3
START_LIMIT = float(np.finfo(np.float32).max)  # starts must be finite in float32, the default dtype
MAX_TOL = START_LIMIT


class RunOptions(NamedTuple):
    """Everything about a set of runs except the rule and its hyperparameters.

    ``start`` and ``seed`` hold one value for every run, or (for ``run_batch``) one per run.
    """

    start: Any = None  # (x, y); (R, 2) one per run with run_batch; None: the surface's own start
    steps: int = 500  # updates per run (1 .. MAX_STEPS)
    schedule: Any = None  # a Schedule, a dict of its fields, or None (constant)
    batch_size: int | None = None  # mini-batch B of N_SAMPLES per-sample losses; None: exact gradient
    noise: float = 0.0  # std of the per-sample gradient offsets (0 .. 1000)
    seed: Any = 0  # an int; (R,) ints one per run with run_batch
    budget: int | None = None  # simulate: gradient evaluations per run (steps = budget // evals per step)
    tol: float = 1e-3  # a run has arrived when its loss <= the known minimum + tol
    record: str = "full"  # "full", "path" or "final"
    dtype: Any = jnp.float32  # float32 or float64 (the latter needs jax x64)
    every: int = 1  # record "path": keep the iterate after every ``every``-th step only
    devices: Any = None  # where many runs compute (optimizers.devices); None: GRADIENT_ATLAS_DEVICES or all

    def target(self, landscape) -> float:
        """The loss at or below which a run has arrived (-inf when the surface's minimum is unknown)."""
        return landscape.min_value + self.tol if landscape.min_value is not None else -np.inf


def check_options(landscape, options: RunOptions, *, runs: int = 1, many: bool = False) -> RunOptions:
    """``options`` checked and put in one form; raises before anything is compiled.

    Args:
        landscape: the surface (its start fills ``start=None``).
        options: the options as given.
        runs: how many runs one call makes (for the runner's size limits).
        many: ``start`` and ``seed`` may hold one value per run (``run_batch``: the messages then
            name its arguments ``starts`` and ``seeds``).

    Returns:
        A :class:`RunOptions` with ``start`` a tuple of two floats (``many``: a float64 (R, 2)
        array), ``seed`` an int in [0, 2^32) (``many``: a uint32 array of shape () or (R,)),
        ``schedule`` a validated Schedule, ``batch_size`` an int (N_SAMPLES: exact gradient),
        ``noise`` and ``tol`` floats, ``dtype`` a NumPy dtype, ``devices`` a tuple of devices
        (``optimizers.devices.resolve``); the rest as given.

    Raises:
        ValueError naming the bad option; ``LimitError`` (a ValueError) past a limit of the runner.
    """
    o = options
    start = _check_starts(landscape, o.start) if many else _check_start(landscape, o.start)
    seed = _check_seeds(o.seed) if many else _int_in("seed", o.seed, 0, MAX_SEED)
    sch = Schedule(**o.schedule) if isinstance(o.schedule, Mapping) else (o.schedule or Schedule())
    sch.validate()
    b, nz = _check_noise(o.batch_size, o.noise)
    tol = _real_in("tol", o.tol, 0.0, MAX_TOL)
    if o.budget is not None:
        _int_in("budget", o.budget, 1, runner.MAX_STEPS)
    runner.check_limits(runs, o.steps, o.record, dim=2, every=o.every)  # counts the iterates ``every`` keeps
    _check_every(o.every, o.steps, o.record)
    return o._replace(
        start=start,
        seed=seed,
        schedule=sch,
        batch_size=b,
        noise=nz,
        tol=tol,
        dtype=_check_dtype(o.dtype),
        devices=devices.resolve(o.devices),
    )


def _int_in(name: str, value: Any, low: int, high: int, note: str = "") -> int:
    """``value`` as an int in [low, high]; floats (even 10.0), strings and bools are refused.

    Raises:
        ValueError: naming ``name``, the value and the range (``note`` appended to the message).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer in [{low}, {high}]{note}, got {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} = {int(value)} is outside [{low}, {high}]{note}")
    return int(value)


def _real_in(name: str, value: Any, low: float, high: float) -> float:
    """``value`` as a float in [low, high]; NaN, strings and bools are refused.

    Raises:
        ValueError: naming ``name``, the value and the range.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number in [{low:g}, {high:g}], got {value!r}")
    if not low <= float(value) <= high:  # NaN fails too
        raise ValueError(f"{name} = {float(value):g} is outside [{low:g}, {high:g}]")
    return float(value)


def _check_start(landscape, start) -> tuple[float, float]:
    """A start point: two real numbers, finite in float32 (NaN, inf and 1e308 are refused)."""
    value = landscape.start if start is None else start
    try:
        s0 = tuple(_real_in("start", v, -START_LIMIT, START_LIMIT) for v in value)
    except (TypeError, ValueError):
        s0 = None
    if s0 is None or len(s0) != 2:
        raise ValueError(
            f"start must be two finite numbers within the float32 range [{-START_LIMIT:g}, "
            f"{START_LIMIT:g}], got {value!r}"
        )
    return s0


def _check_starts(landscape, starts) -> np.ndarray:
    xy = np.asarray(landscape.start if starts is None else starts, np.float64)
    xy = xy[None] if xy.ndim == 1 else xy
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"starts must have shape (2,) or (runs, 2), got {np.shape(starts)}")
    ok = np.all(np.abs(xy) <= START_LIMIT, axis=1)  # NaN fails too
    if not np.all(ok):
        i = int(np.argmin(ok))
        raise ValueError(
            f"starts[{i}] = ({xy[i, 0]:g}, {xy[i, 1]:g}) is not two finite numbers within the float32 "
            f"range [{-START_LIMIT:g}, {START_LIMIT:g}]"
        )
    return xy


def _check_seeds(seeds) -> np.ndarray:
    a = np.asarray(seeds)
    if not np.issubdtype(a.dtype, np.integer):
        raise ValueError(f"seeds must be integers in [0, {MAX_SEED}], got {a.dtype}")
    if a.ndim > 1:
        raise ValueError(f"seeds must be a scalar or a 1-D array, got shape {a.shape}")
    bad = (a < 0) | (a > MAX_SEED)
    if np.any(bad):
        i = int(np.argmax(np.atleast_1d(bad)))
        raise ValueError(f"seeds = {int(np.atleast_1d(a)[i])} (entry {i}) is outside [0, {MAX_SEED}]")
    return a.astype(np.uint32)


def _check_every(every, steps: int, record: str) -> None:
    if not isinstance(every, (int, np.integer)) or int(every) not in runner.RECORD_EVERY:
        choices = ", ".join(map(str, runner.RECORD_EVERY))
        raise ValueError(f"every = {every!r} must be one of: {choices}")
    if every > 1 and record != "path":
        raise ValueError(f"every = {every} needs record='path', got record={record!r}")
    if steps % every:
        raise ValueError(f"every = {every} must divide steps = {steps}")


def _check_noise(batch_size, noise) -> tuple[int, float]:
    samples = f" (the surface has {N_SAMPLES} samples)"
    b = N_SAMPLES if batch_size is None else _int_in("batch_size", batch_size, 1, N_SAMPLES, samples)
    return b, _real_in("noise", noise, 0.0, MAX_NOISE)


def _check_dtype(dtype) -> np.dtype:
    if jnp.dtype(dtype) not in (jnp.dtype(jnp.float32), jnp.dtype(jnp.float64)):
        raise ValueError(f"dtype must be float32 or float64, got {jnp.dtype(dtype)}")
    if jnp.dtype(dtype) == jnp.float64 and not jax.config.jax_enable_x64:
        raise ValueError("dtype float64 needs jax_enable_x64 (use `with jax.enable_x64(True):`)")
    return np.dtype(jnp.dtype(dtype).name)
