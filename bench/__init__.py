"""Benchmarks: ``python -m bench [section ...]`` runs every ``bench/b_*.py`` module's ``run()``.

A section is a module ``bench/b_<name>.py`` with a ``run() -> None`` that prints its own figures.
Sections are discovered, sorted by name, and run one after another, each in its own process; one
that fails is reported and the others still run. Benchmarks print; they are never tests.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path


def sections() -> list[str]:
    """Names of the available sections (``b_engine.py`` -> ``engine``), sorted."""
    here = Path(__file__).resolve().parent
    return sorted(p.stem[2:] for p in here.glob("b_*.py"))


def median_time(fn: Callable[[], object], repeats: int = 5) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (all threads of this process) of ``repeats`` calls
    of ``fn``; call it once first to warm up. On a shared machine the CPU time is the steadier one.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def min_times(fns: dict[str, Callable[[], object]], rounds: int = 30) -> dict[str, tuple[float, float]]:
    """Minimum wall-clock and minimum CPU seconds of each of ``fns`` over ``rounds`` rounds, each
    round calling every function once in turn; call each once first to warm up.

    On a shared machine the minimum is the run least disturbed by others, and interleaving puts
    every function under the same load: the ratios of minima are the steadiest figures.
    """
    wall = {k: float("inf") for k in fns}
    cpu = dict(wall)
    for _ in range(rounds):
        for k, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall[k] = min(wall[k], time.perf_counter() - t0)
            cpu[k] = min(cpu[k], time.process_time() - c0)
    return {k: (wall[k], cpu[k]) for k in fns}


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    """``PASS`` or ``MISS`` of ``value`` against ``target``."""
    ok = value >= target if higher_is_better else value <= target
    return "PASS" if ok else "MISS"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """One paragraph: CPU, cores, date and library versions."""
    import jax
    import jaxlib
    import numpy as np

    from optimizers.xla_cpu import usable_cores

    usable = usable_cores()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (
        f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC | CPU {cpu_model()}, {usable} usable cores "
        f"(load average {load}) | {platform.system()} {platform.release()} | Python "
        f"{platform.python_version()}, jax {jax.__version__}, jaxlib {jaxlib.__version__}, "
        f"numpy {np.__version__} | JAX backend {jax.default_backend()}"
    )
