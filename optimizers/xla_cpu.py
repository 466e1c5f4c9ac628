"""Three XLA:CPU settings that make the runner's scans 3-50x faster.

* ``xla_cpu_small_while_loop_byte_threshold``: XLA:CPU runs a ``while`` loop either as one compiled
  kernel or, above a byte threshold (1 kB by default), as a sequence of separately dispatched
  kernels per iteration. The runner's step is a few dozen flops on a handful of small arrays, so
  dispatch dominated: 8 optimizers x 2,000 steps took ~40 ms with the default and ~1.5 ms with the
  threshold raised (measured on 2 cores).
* ``xla_cpu_use_multi_output_fusion``: without it, every value a step carries (each coordinate,
  loss, divergence and arrival steps) is its own loop over the runs and each such loop recomputes
  the whole update; with it, sibling loops are merged and the update is computed once. A 4,096-rate
  gradient-descent sweep of 1,000 steps went from ~10 ms to ~3 ms (with the runner's
  per-coordinate carry, see ``runner._Coords``).
* ``xla_cpu_prefer_vector_width=512``: on a CPU with AVX-512, loops over the runs use 16 float32
  lanes instead of 8 (the same sweep ~3 ms -> ~1.8 ms in blocks of ``runner.BLOCK`` runs). On a
  CPU without AVX-512 the compiler keeps the widest vectors the CPU has.

And one host CPU device per usable core (``xla_force_host_platform_device_count``). XLA:CPU runs a
block of runs (``runner.BLOCK``) as one single-threaded kernel, so with JAX's default of one CPU
device a basin map, a sweep or a phase map kept one core busy and left the others idle. With a
device per core the many-run studies split their runs over the cores like over GPUs
(:mod:`optimizers.devices`; the results are bit for bit those of one device, tests/test_sharding.py):
the 512 x 512 x 500-step basin map went from ~0.10 s to ~0.06 s on 2 cores. Everything else still
computes on the first device, whose matrix products keep using every core.
"""

from __future__ import annotations

import os

FLAG = "xla_cpu_small_while_loop_byte_threshold"
THRESHOLD = 4_000_000  # bytes: every simulate()-sized scan; big vmapped studies stay multi-threaded
FUSION = "xla_cpu_use_multi_output_fusion=true"
VECTOR_FLAG = "xla_cpu_prefer_vector_width"
VECTOR_WIDTH = 512  # bits
DEVICES_FLAG = "xla_force_host_platform_device_count"


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity; all of the machine's where unknown)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def tune_cpu_loops(threshold: int = THRESHOLD) -> bool:
    """Add the loop threshold, multi-output fusion, the vector width and one host CPU device per
    usable core to ``XLA_FLAGS``.

    Nothing is added if the user set the threshold (``--xla_backend_extra_options`` is one flag,
    and theirs wins); the vector width and the device count are added unless the user set them.
    Effective only if no JAX computation has run yet in this process (XLA reads the flags when its
    CPU client starts).

    Args:
        threshold: the loop byte threshold.

    Returns:
        True if the flags were added, False if ``XLA_FLAGS`` already names the threshold.
    """
    flags = os.environ.get("XLA_FLAGS", "")
    if FLAG in flags:
        return False
    extra = f"--xla_backend_extra_options={FLAG}={threshold},{FUSION}"
    if VECTOR_FLAG not in flags:
        extra = f"--{VECTOR_FLAG}={VECTOR_WIDTH} {extra}"
    if DEVICES_FLAG not in flags:
        extra = f"--{DEVICES_FLAG}={usable_cores()} {extra}"
    os.environ["XLA_FLAGS"] = f"{flags} {extra}".strip()
    return True
