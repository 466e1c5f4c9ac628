"""HOW it is minimised: update rules, learning-rate schedules and the compiled runner."""

from __future__ import annotations

from .base import FAMILIES, Aux, HyperParam, Optimizer, PhaseAxis
from .cache import enable_disk_cache
from .options import RunOptions, check_options
from .quadratic import OnQuadratic, Optimum
from .registry import get, names, register, unregister
from .runner import MAX_STEPS, N_SAMPLES, LimitError
from .schedules import KINDS as SCHEDULES
from .schedules import Schedule
from .simulate import RunSpec, SimResult, resolve, run_batch, run_columns, run_specs, simulate
from .xla_cpu import tune_cpu_loops

tune_cpu_loops()  # must precede the first JAX computation in the process (nothing above computes)

__all__ = [
    "Aux", "FAMILIES", "HyperParam", "LimitError", "MAX_STEPS", "N_SAMPLES", "OnQuadratic", "Optimizer",
    "Optimum", "PhaseAxis", "RunOptions", "RunSpec", "SCHEDULES", "Schedule", "SimResult", "check_options",
    "enable_disk_cache", "get", "names", "register", "resolve", "run_batch", "run_columns", "run_specs",
    "simulate", "tune_cpu_loops", "unregister",
]
