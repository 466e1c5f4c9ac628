"""Normalization layers: batch norm and layer norm in a deep network. Per-layer statistics at
initialization and after training, with and without, and the largest learning rate that still
trains (a sweep of mini-batch SGD runs, one compiled call per normalization, the learning rates
traced).

A run "trains" when its final training loss is finite and below half the chance loss (the loss of
predicting the class frequencies: log 2 for two balanced classes); the largest learning rate that
trains is the largest one at which every seed trains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import activations as acts
from landscapes import deep

from . import _train, training

RECORDS = 10
MAX_RUNS = 256


class NormConfig(NamedTuple):
    """The comparison (hashable)."""

    dataset: str = "moons"
    n_train: int = 512
    noise: float = 0.2
    width: int = 32
    depth: int = 10
    activation: str = "relu"
    init: str = "lecun"
    lrs: tuple[float, ...] = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
    seeds: int = 2
    steps: int = 500
    batch: int = 64
    pick_lr: float = 0.1  # the run whose per-layer statistics are shown after training
    seed: int = 0


class NormView(NamedTuple):
    """Axes: normalization (deep.NORMS order), learning rate, seed, layer."""

    config: NormConfig
    final_loss: np.ndarray  # (3, nL, S) NaN where diverged
    trains: np.ndarray  # (3, nL) bool: every seed trains
    largest: np.ndarray  # (3,) largest lr that trains (NaN: none)
    chance: float  # the chance loss
    h_std_start: np.ndarray  # (3, L) std of each layer's activations at init (seed 0)
    h_std_end: np.ndarray  # (3, L) after training at pick_lr (seed 0)
    grad_start: np.ndarray  # (3, L) gradient norm of each layer's weights at init (seed 0)
    record_steps: np.ndarray  # (T + 1,)
    pick_loss: np.ndarray  # (3, S, T + 1) loss curves at pick_lr


def chance_loss(y: np.ndarray, n_classes: int) -> float:
    """Cross-entropy of predicting the class frequencies (for regression, half the target variance)."""
    if n_classes == 0:
        return float(0.5 * np.var(y))
    f = np.bincount(y, minlength=n_classes) / len(y)
    f = f[f > 0]
    return float(-(f * np.log(f)).sum())


def validate(cfg: NormConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    acts.check_activation(cfg.activation)
    if not cfg.lrs or any(not 1e-4 <= lr <= 10.0 for lr in cfg.lrs):
        raise ValueError(f"learning rates {cfg.lrs} must lie in [1e-4, 10]")
    if cfg.pick_lr not in cfg.lrs:
        raise ValueError(f"pick_lr = {cfg.pick_lr} is not one of the swept rates {cfg.lrs}")
    if not 1 <= cfg.seeds <= 8 or len(cfg.lrs) * cfg.seeds > MAX_RUNS:
        raise ValueError(f"seeds = {cfg.seeds} (1-8) x {len(cfg.lrs)} rates is too many")
    if not 2 <= cfg.batch <= cfg.n_train or not 10 <= cfg.steps <= 5000:
        raise ValueError(
            f"batch = {cfg.batch} (2-n_train: batch norm needs 2) or steps = {cfg.steps} "
            "(10-5000) out of range"
        )
    if cfg.init not in acts.INITS:
        raise ValueError(f"Unknown init {cfg.init!r}; choose one of: {', '.join(acts.INITS)}")
    deep.make_spec(2, cfg.width, cfg.depth, 2, cfg.activation)


def estimate_seconds(cfg: NormConfig) -> float:
    """Seconds on the project's 2-core machine (three compiles and the runs; normalization costs
    about twice the plain layer)."""
    runs = len(cfg.lrs) * cfg.seeds
    params = 2 * cfg.width + (cfg.depth - 1) * cfg.width * cfg.width
    samples = cfg.steps * cfg.batch * 3 + RECORDS * cfg.n_train * 6
    return 6.0 + 3 * 2 * runs * samples * params * 1.5e-10


def run(cfg: NormConfig, progress: Callable[[float, tuple], None] | None = None) -> NormView:
    """Sweep the learning rates without normalization, with batch norm and with layer norm.

    Args:
        cfg: the comparison (checked).
        progress: called as ``progress(fraction, ("norm", i, i, 3))`` before each normalization.

    Returns:
        :class:`NormView`.
    """
    validate(cfg)
    ds = training.make_data(cfg)
    nl, s = len(cfg.lrs), cfg.seeds
    lr_g, s_g = (a.ravel() for a in np.meshgrid(np.asarray(cfg.lrs), np.arange(s), indexing="ij"))
    chance = chance_loss(ds.y_train, ds.n_classes)
    pick = cfg.lrs.index(cfg.pick_lr)
    rows = []
    for k, norm in enumerate(deep.NORMS):
        if progress is not None:
            progress(k / len(deep.NORMS), ("norm", k + 1, k + 1, len(deep.NORMS)))
        spec = training.spec_for(ds, cfg.width, cfg.depth, cfg.activation, norm)
        r = _train.sgd_sweep(
            spec,
            cfg.init,
            "normal",
            cfg.batch,
            cfg.steps,
            RECORDS,
            ds.x_train,
            ds.y_train,
            lr_g,
            np.zeros(len(lr_g)),
            s_g,
        )
        final = np.where(r.diverged, np.nan, r.loss[:, -1]).reshape(nl, s)
        i0, ip = np.ravel_multi_index((0, 0), (nl, s)), np.ravel_multi_index((pick, 0), (nl, s))
        rows.append(
            (
                final,
                r.h_std[i0, 0],
                r.h_std[ip, -1],
                r.grad_norm[i0, 0],
                r.loss.reshape(nl, s, -1)[pick],
                r.record_steps,
            )
        )
    final = np.stack([r[0] for r in rows])
    with np.errstate(invalid="ignore"):
        trains = np.all(final < 0.5 * chance, axis=-1)
    lrs = np.asarray(cfg.lrs)
    largest = np.array([lrs[t].max() if t.any() else np.nan for t in trains])
    return NormView(
        cfg,
        final,
        trains,
        largest,
        chance,
        np.stack([r[1] for r in rows]),
        np.stack([r[2] for r in rows]),
        np.stack([r[3] for r in rows]),
        rows[0][5],
        np.stack([r[4] for r in rows]),
    )
