"""Test-wide settings: JAX strict about rank and dtype promotion, warnings are errors (see pyproject)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")

import jax  # noqa: E402

import optimizers  # noqa: E402

optimizers.tune_cpu_loops()  # the app's XLA:CPU flags, before any JAX computation (see optimizers.xla_cpu)
jax.config.update("jax_numpy_rank_promotion", "raise")
# No implicit promotion between different dtypes (float32 + float64, int + float arrays), as equinox
# tests: a silent float64 upcast or an integer array mixed into float math is a bug or needs a cast.
# Python scalars stay weakly typed and still combine with any array.
jax.config.update("jax_numpy_dtype_promotion", "strict")
