"""The learning-rate lab: every study behind the page, re-exported from one place."""

from __future__ import annotations

from .curvature import (
    eigs_and_grads,
    limit_factor,
    linear_rules,
    spectral_radius,
    stability_threshold,
    top_eigenvalue_along,
)
from .phase import (
    PhaseMap,
    QuadTheory,
    check_phase_size,
    edge_lr,
    measured_rate,
    path_stride,
    phase_map,
    phase_optimizers,
    quadratic_theory,
)
from .schedule import ScheduleComparison, compare_schedules, default_schedule
from .search import Axis, SearchResult, hp_search
from .stability import (
    LABELS,
    REASONS,
    Panels,
    Rise,
    Stability,
    loss_rises,
    stability_along,
    three_panels,
    three_rates,
)
from .sweep import Sweep, best_index, lr_sweep

__all__ = [
    "LABELS",
    "REASONS",
    "Axis",
    "Panels",
    "PhaseMap",
    "QuadTheory",
    "Rise",
    "ScheduleComparison",
    "SearchResult",
    "Stability",
    "Sweep",
    "best_index",
    "check_phase_size",
    "compare_schedules",
    "default_schedule",
    "edge_lr",
    "eigs_and_grads",
    "hp_search",
    "limit_factor",
    "linear_rules",
    "loss_rises",
    "lr_sweep",
    "measured_rate",
    "path_stride",
    "phase_map",
    "phase_optimizers",
    "quadratic_theory",
    "spectral_radius",
    "stability_along",
    "stability_threshold",
    "three_panels",
    "three_rates",
    "top_eigenvalue_along",
]
