"""HOW it is minimised: update rules, learning-rate schedules and the compiled runner.

XLA:CPU reads ``XLA_FLAGS`` once, when its CPU client starts (the first JAX computation in the
process, not ``import jax``). The entry points (the app's ``ui/boot.py``, ``bench``,
``tests/conftest.py``) call :func:`tune_cpu_loops` themselves, first thing. For library users the
call below makes ``import optimizers`` enough, provided nothing has computed yet; it comes before
the submodules so that none of them can compute first. It adds the flags once (see
:mod:`optimizers.xla_cpu`), so the entry points' own call does no harm.
"""

from __future__ import annotations

from .xla_cpu import tune_cpu_loops

tune_cpu_loops()

# ruff: noqa: E402  (the call above must precede these imports)
from .base import FAMILIES, Aux, HyperParam, Optimizer, PhaseAxis
from .cache import enable_disk_cache
from .options import RunOptions, check_options
from .quadratic import OnQuadratic, Optimum
from .registry import get, names, register, unregister
from .runner import MAX_STEPS, N_SAMPLES, LimitError
from .schedules import KINDS as SCHEDULES
from .schedules import Schedule
from .simulate import RunSpec, SimResult, resolve, run_batch, run_columns, run_specs, simulate

__all__ = [
    "Aux",
    "FAMILIES",
    "HyperParam",
    "LimitError",
    "MAX_STEPS",
    "N_SAMPLES",
    "OnQuadratic",
    "Optimizer",
    "Optimum",
    "PhaseAxis",
    "RunOptions",
    "RunSpec",
    "SCHEDULES",
    "Schedule",
    "SimResult",
    "check_options",
    "enable_disk_cache",
    "get",
    "names",
    "register",
    "resolve",
    "run_batch",
    "run_columns",
    "run_specs",
    "simulate",
    "tune_cpu_loops",
    "unregister",
]
