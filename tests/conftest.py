"""Test-wide settings: JAX strict about rank and dtype promotion, warnings are errors (see pyproject)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")

# The app gives JAX one CPU device per usable core (optimizers.xla_cpu). Under pytest-xdist the
# workers already share the cores, so each takes its share as devices (one each for -n 2 on 2
# cores): splitting a worker's runs further only adds sharded compiles. The split itself is tested
# in a child process with 4 devices (tests/test_sharding.py).
_workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
if "xla_force_host_platform_device_count" not in os.environ.get("XLA_FLAGS", ""):
    _share = max(1, len(os.sched_getaffinity(0)) // max(1, _workers))
    os.environ["XLA_FLAGS"] = (
        f"{os.environ.get('XLA_FLAGS', '')} --xla_force_host_platform_device_count={_share}"
    )

import jax  # noqa: E402

import optimizers  # noqa: E402

optimizers.tune_cpu_loops()  # the app's XLA:CPU flags, before any JAX computation (see optimizers.xla_cpu)
jax.config.update("jax_numpy_rank_promotion", "raise")
# No implicit promotion between different dtypes (float32 + float64, int + float arrays), as equinox
# tests: a silent float64 upcast or an integer array mixed into float math is a bug or needs a cast.
# Python scalars stay weakly typed and still combine with any array.
jax.config.update("jax_numpy_dtype_promotion", "strict")
