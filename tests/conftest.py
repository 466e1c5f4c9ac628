"""Test-wide settings: JAX strict about rank promotion, warnings are errors (see pyproject)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")

import jax  # noqa: E402

import optimizers  # noqa: E402,F401  (sets the XLA:CPU loop flag; must precede any JAX computation)

jax.config.update("jax_numpy_rank_promotion", "raise")
