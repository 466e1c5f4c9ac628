"""The lab's training view: one deep network trained on a data set of the Batch lab
(:mod:`landscapes.data`), with every layer's statistics and gradient norm recorded over the steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

import optimizers
from landscapes import activations as acts
from landscapes import data as data_mod
from landscapes import deep

from . import _train

STEP_CHOICES = (200, 500, 1000, 2000, 4000)
RECORDS = 50
MAX_TRAIN = 2048


class TrainConfig(NamedTuple):
    """One training run (hashable: a cache key and a job's arguments)."""

    dataset: str = "moons"
    n_train: int = 512
    noise: float = 0.2
    width: int = 64
    depth: int = 10
    activation: str = "sigmoid"
    init: str = "xavier"
    dist: str = "normal"
    gain: float = 1.0
    optimizer: str = "sgd"
    lr: float = 0.1
    batch: int = 64
    steps: int = 1000
    seed: int = 0


class TrainingView(NamedTuple):
    """What the training view draws. Layer statistics are (T + 1, L)."""

    config: TrainConfig
    record_steps: np.ndarray  # (T + 1,)
    loss: np.ndarray  # (T + 1,)
    accuracy: np.ndarray  # (T + 1,)
    h_std: np.ndarray  # (T + 1, L)
    flat: np.ndarray  # (T + 1, L)
    dead: np.ndarray  # (T + 1, L)
    grad_norm: np.ndarray  # (T + 1, L)


def validate(cfg: TrainConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    acts.check_activation(cfg.activation)
    if cfg.init not in acts.INITS or cfg.dist not in acts.DISTS:
        raise ValueError(f"Unknown init {cfg.init!r} / distribution {cfg.dist!r}")
    if not 0.1 <= cfg.gain <= 2.0:
        raise ValueError(f"gain = {cfg.gain} is outside [0.1, 2]")
    if not 64 <= cfg.n_train <= MAX_TRAIN:
        raise ValueError(f"n_train = {cfg.n_train} is outside [64, {MAX_TRAIN}]")
    if not 1 <= cfg.batch <= cfg.n_train:
        raise ValueError(f"batch = {cfg.batch} is outside [1, n_train = {cfg.n_train}]")
    if cfg.steps not in STEP_CHOICES:
        raise ValueError(f"steps = {cfg.steps}; choose one of: {', '.join(map(str, STEP_CHOICES))}")
    optimizers.get(cfg.optimizer).validate({"lr": cfg.lr})
    deep.make_spec(2, cfg.width, cfg.depth, 2, cfg.activation)


def make_data(cfg) -> data_mod.Dataset:
    """The data set of a config with dataset, n_train, noise and seed fields (no label noise)."""
    return data_mod.make(cfg.dataset, n_train=cfg.n_train, n_test=64, noise=cfg.noise, seed=cfg.seed)


def spec_for(
    ds: data_mod.Dataset, width: int, depth: int, activation: str, norm: str = "none"
) -> deep.DeepSpec:
    """The network for data set ``ds``."""
    return deep.make_spec(ds.d_in, width, depth, ds.n_classes, activation, norm)


def estimate_seconds(cfg: TrainConfig) -> float:
    """Seconds on the project's 2-core machine: forward and backward passes of the mini-batches and
    of the full training set at each record (fitted: ~1.5e-10 s per sample-parameter), plus a compile."""
    params = 2 * cfg.width + (cfg.depth - 1) * cfg.width * cfg.width
    samples = cfg.steps * cfg.batch * 3 + RECORDS * cfg.n_train * 6
    return 1.0 + samples * params * 1.5e-10


def run(cfg: TrainConfig, progress: Callable[[float, tuple], None] | None = None) -> TrainingView:
    """Train ``cfg``'s network once, recording RECORDS times.

    Args:
        cfg: the run (checked).
        progress: called once at the start, ``progress(0.0, ("training", 0, 0, 0))``.

    Returns:
        :class:`TrainingView`.
    """
    validate(cfg)
    if progress is not None:
        progress(0.0, ("training", 0, 0, 0))
    ds = make_data(cfg)
    spec = spec_for(ds, cfg.width, cfg.depth, cfg.activation)
    r = _train.train_runs(
        spec,
        cfg.optimizer,
        cfg.init,
        cfg.dist,
        cfg.batch,
        cfg.steps,
        RECORDS,
        ds.x_train,
        ds.y_train,
        _train.full_hp(cfg.optimizer, {"lr": cfg.lr}, 1),
        np.array([cfg.gain]),
        np.zeros(1),
        np.array([cfg.seed]),
    )
    return TrainingView(
        cfg, r.record_steps, r.loss[0], r.accuracy[0], r.h_std[0], r.flat[0], r.dead[0], r.grad_norm[0]
    )
