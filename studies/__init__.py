"""Experiments that combine a surface and the optimizers over many runs (sweeps, maps, searches).

A thin re-export: each study lives in its own module (``studies.lr`` gathers the learning-rate lab).
"""

from __future__ import annotations

from .lr import *  # noqa: F403
from .lr import __all__ as _lr_all

__all__ = [*_lr_all]
