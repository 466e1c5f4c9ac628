"""The network study as one job: train, measure, summarise, with progress and a cost estimate.

The Batch lab runs :func:`network_view` in a worker process (``ui.jobs``; ``scripts/precompute.py``
stores its result for the presets). The cost model (:func:`batch_costs`, :func:`estimate_seconds`)
says how long it will take on the project's machine, and :func:`check_budget` refuses a study that
would take longer than a class can wait.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

import optimizers
from landscapes import data as data_mod
from landscapes import mlp

from .network import StudyConfig, StudyResult, make_data, run_study, validate
from .network_measures import (
    Interpolation,
    Sharpness,
    Slices,
    decision_grids,
    interpolation,
    measure_sharpness,
    slices_2d,
    summary,
)

__all__ = [
    "MAX_ESTIMATE_S",
    "SECONDS_MEASURE",
    "SECONDS_PER_COMPILE",
    "SECONDS_PER_SAMPLE_PARAM",
    "SECONDS_PER_SEED_STEP",
    "NetworkView",
    "batch_costs",
    "check_budget",
    "estimate_seconds",
    "network_view",
]


class NetworkView(NamedTuple):
    """Everything the Batch lab's network view draws (NumPy only; picklable)."""

    result: StudyResult
    sharp: Sharpness
    interp: Interpolation | None  # None with a single batch size
    slices: Slices
    grid_axes: tuple
    grid_values: np.ndarray
    x_train: np.ndarray
    y_train: np.ndarray
    summary: dict[str, np.ndarray]


# Seconds per unit of work (one parameter of one sample through forward + backward) and per step of
# one seed (the optimizer's update and the loop), fitted on this project's 2-core machine
# (bench: python -m bench batch); a compile per batch size; sharpness, slices and boundaries.
SECONDS_PER_SAMPLE_PARAM = 1.5e-10
SECONDS_PER_SEED_STEP = 2e-6
SECONDS_PER_COMPILE = 1.5
SECONDS_MEASURE = 2.0
MAX_ESTIMATE_S = 900.0  # a study estimated longer than 15 minutes is refused (one class hour)


def batch_costs(cfg: StudyConfig) -> np.ndarray:
    """Estimated seconds of training at each batch size of ``cfg`` (compile included), (nB,).

    The model: every step of every seed costs a fixed overhead plus one forward and backward
    pass of B samples through P parameters; every ``steps / records`` steps the whole training and
    test sets are evaluated (a forward pass, a third of the cost).
    """
    p = mlp.make_spec(
        d_in=data_mod.input_dim(cfg.dataset),
        width=cfg.width,
        depth=cfg.depth,
        n_classes=data_mod.n_classes(cfg.dataset),
        activation=cfg.activation,
        init=cfg.init,
        loss=cfg.loss,
    ).n_params
    evals = cfg.records * (cfg.n_train + cfg.n_test) / 3.0
    grad_evals = optimizers.get(cfg.optimizer).grad_evals
    out = []
    for b in cfg.batch_sizes:
        samples = cfg.steps * b * grad_evals + evals
        out.append(
            SECONDS_PER_COMPILE
            + cfg.seeds * (cfg.steps * SECONDS_PER_SEED_STEP + samples * p * SECONDS_PER_SAMPLE_PARAM)
        )
    return np.asarray(out)


def estimate_seconds(cfg: StudyConfig) -> float:
    """Estimated wall-clock seconds of :func:`network_view` for ``cfg`` on the project's machine."""
    return float(batch_costs(cfg).sum()) + SECONDS_MEASURE * (1 + len(cfg.batch_sizes) * cfg.seeds / 24)


def check_budget(cfg: StudyConfig) -> float:
    """The estimate of ``cfg``; raises ValueError if it is over :data:`MAX_ESTIMATE_S`."""
    est = estimate_seconds(cfg)
    if est > MAX_ESTIMATE_S:
        raise ValueError(
            f"this study would take about {est / 60:.0f} minutes, over the limit of "
            f"{MAX_ESTIMATE_S / 60:.0f}; use fewer steps, seeds, batch sizes or a smaller "
            "network"
        )
    return est


def network_view(
    cfg: StudyConfig, symmetric: bool = False, progress: Callable[[float, tuple], None] | None = None
) -> NetworkView:
    """Train the study and measure everything the network view shows.

    Args:
        cfg: the study (checked, the time budget included: :func:`check_budget`).
        symmetric: use the symmetric epsilon-sharpness.
        progress: called as ``progress(fraction, info)``; info is ``("train", batch, done, total)``
            after each batch size (the fraction weighted by each batch size's estimated cost), then
            ``("measure", 0, 0, 0)`` and ``("slices", 0, 0, 0)``.

    Returns:
        :class:`NetworkView`.
    """
    validate(cfg)
    check_budget(cfg)
    report = progress or (lambda fraction, info: None)
    ds = make_data(cfg)
    costs = batch_costs(cfg)
    share = 0.85 * np.cumsum(costs) / costs.sum()
    res = run_study(
        cfg, ds=ds, progress=lambda done, total, b: report(float(share[done - 1]), ("train", b, done, total))
    )
    report(0.86, ("measure", 0, 0, 0))
    sharp = measure_sharpness(res, ds, symmetric=symmetric)
    interp = interpolation(res, ds) if len(cfg.batch_sizes) > 1 else None
    report(0.93, ("slices", 0, 0, 0))
    sl = slices_2d(res, ds, n=25, span=1.0)
    axes, values = decision_grids(res, ds, n=60)
    return NetworkView(res, sharp, interp, sl, axes, values, ds.x_train, ds.y_train, summary(res, sharp))
