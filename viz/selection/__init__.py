"""Figures of the model-selection lab: pure functions from NumPy arrays to ``go.Figure``.

Each builder takes its numbers and an optional ``text`` mapping that overrides its English texts
(the page passes translations); the keys each figure knows are its module's ``*_TEXT`` table.
"""

from __future__ import annotations

from .decomposition import bag_fits_figure, bagging_figure, decomposition_figure, oob_figure, spread_figure
from .ensembles import boost_curves_figure, boundary_figure
from .resampling import (
    coverage_figure,
    distribution_figure,
    estimates_figure,
    folds_figure,
    resample_figure,
    series_figure,
    ts_estimates_figure,
)
from .search import budget_figure, marginal_figure, surface_figure

__all__ = [
    "bag_fits_figure",
    "bagging_figure",
    "boost_curves_figure",
    "boundary_figure",
    "budget_figure",
    "coverage_figure",
    "decomposition_figure",
    "distribution_figure",
    "estimates_figure",
    "folds_figure",
    "marginal_figure",
    "oob_figure",
    "resample_figure",
    "series_figure",
    "spread_figure",
    "surface_figure",
    "ts_estimates_figure",
]
