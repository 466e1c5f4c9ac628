"""HOW it is minimised: update rules, learning-rate schedules and the compiled runner."""

from __future__ import annotations

from .base import Aux, HyperParam, Optimizer
from .cache import enable_disk_cache
from .options import RunOptions, check_options
from .registry import get, names
from .runner import MAX_STEPS, N_SAMPLES, LimitError
from .schedules import KINDS as SCHEDULES
from .schedules import Schedule
from .simulate import RunSpec, SimResult, resolve, run_batch, run_columns, run_specs, simulate
from .xla_cpu import tune_cpu_loops

tune_cpu_loops()  # must precede the first JAX computation in the process (nothing above computes)

__all__ = [
    "Aux", "HyperParam", "LimitError", "MAX_STEPS", "N_SAMPLES", "Optimizer", "RunOptions", "RunSpec",
    "SCHEDULES", "Schedule", "SimResult", "check_options", "enable_disk_cache", "get", "names", "resolve",
    "run_batch", "run_columns", "run_specs", "simulate", "tune_cpu_loops",
]
