"""Dying ReLU: how many units end up dead (pre-activation <= 0 on every training example, so they
output 0 and receive no gradient, for good) after training, against the learning rate and the
value the biases start at, over seeds; the same with leaky ReLU, whose negative side keeps a slope
of 0.01; and one unit's pre-activations before and after it died.

Every (activation, learning rate, bias, seed) is one run of mini-batch SGD on a data set of the
Batch lab; each activation is one compiled call over all its runs (the learning rates and bias
values are traced). A run with the same seed starts from the same weights whatever its learning
rate, bias or activation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import activations as acts
from landscapes import deep

from . import _train, training

ACTIVATIONS = ("relu", "leaky_relu")
RECORDS = 20
MAX_RUNS = 512  # per activation
N_BINS = 30


class DyingConfig(NamedTuple):
    """The study (hashable)."""

    dataset: str = "moons"
    n_train: int = 256
    noise: float = 0.2
    width: int = 16
    depth: int = 8
    init: str = "he"
    dist: str = "normal"
    lrs: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0)
    biases: tuple[float, ...] = (-0.5, -0.1, 0.0, 0.1, 0.5)
    seeds: int = 4
    steps: int = 1000
    batch: int = 32
    pick_lr: float = 1.0  # the run whose units are shown
    pick_bias: float = 0.0
    seed: int = 0  # data set seed


class UnitStory(NamedTuple):
    """One unit of the picked ReLU run that was alive at the start and dead at the end."""

    layer: int  # 1-based hidden layer (-1: no unit died in any seed's run)
    unit: int
    seed: int  # the run's seed (the first seed whose run did not diverge and lost a unit)
    edges: np.ndarray  # (N_BINS + 1,) histogram bin edges
    before: np.ndarray  # (N_BINS,) counts of its pre-activations over the training set at init
    after: np.ndarray  # (N_BINS,) after training
    max_before: float  # largest pre-activation at init
    max_after: float  # largest pre-activation after training (<= 0: dead)


class DyingView(NamedTuple):
    """What the dying-ReLU view draws. Axes: activation (relu, leaky_relu), lr, bias, seed."""

    config: DyingConfig
    dead_start: np.ndarray  # (2, nL, nB, S) fraction of hidden units dead at init
    dead_end: np.ndarray  # (2, nL, nB, S) after training (NaN where the run diverged)
    final_loss: np.ndarray  # (2, nL, nB, S)
    record_steps: np.ndarray  # (T + 1,)
    pick_dead: np.ndarray  # (2, S, T + 1) the picked (lr, bias): dead fraction over the steps (NaN: diverged)
    story: UnitStory

    @property
    def mean_dead(self) -> np.ndarray:
        """(2, nL, nB) dead fraction after training, mean over seeds (diverged runs left out)."""
        return nanmean(self.dead_end, axis=-1)


def nanmean(a: np.ndarray, axis: int = -1) -> np.ndarray:
    """Mean over ``axis`` of the finite entries; NaN where there are none (no warning)."""
    ok = np.isfinite(a)
    n = ok.sum(axis=axis)
    total = np.where(ok, a, 0.0).sum(axis=axis)
    return np.where(n > 0, total / np.maximum(n, 1), np.nan)


def validate(cfg: DyingConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    if not cfg.lrs or not cfg.biases:
        raise ValueError("give at least one learning rate and one bias value")
    if any(not 1e-4 <= lr <= 10.0 for lr in cfg.lrs):
        raise ValueError(f"learning rates {cfg.lrs} must lie in [1e-4, 10]")
    if any(not -2.0 <= b <= 2.0 for b in cfg.biases):
        raise ValueError(f"bias values {cfg.biases} must lie in [-2, 2]")
    if not 1 <= cfg.seeds <= 8:
        raise ValueError(f"seeds = {cfg.seeds} is outside [1, 8]")
    if len(cfg.lrs) * len(cfg.biases) * cfg.seeds > MAX_RUNS:
        raise ValueError(
            f"{len(cfg.lrs)} x {len(cfg.biases)} x {cfg.seeds} runs exceed the limit of {MAX_RUNS}"
        )
    if cfg.pick_lr not in cfg.lrs or cfg.pick_bias not in cfg.biases:
        raise ValueError(f"the picked run (lr {cfg.pick_lr}, bias {cfg.pick_bias}) is not in the grid")
    if not 1 <= cfg.batch <= cfg.n_train or not 10 <= cfg.steps <= 5000:
        raise ValueError(f"batch = {cfg.batch} or steps = {cfg.steps} out of range")
    if cfg.init not in acts.INITS or cfg.dist not in acts.DISTS:
        raise ValueError(f"Unknown init {cfg.init!r} / distribution {cfg.dist!r}")
    deep.make_spec(2, cfg.width, cfg.depth, 2, "relu")


def estimate_seconds(cfg: DyingConfig) -> float:
    """Seconds for both activations on the project's 2-core machine (fitted: 1.5e-10 s per
    sample-parameter of forward + backward work, two compiles)."""
    runs = len(cfg.lrs) * len(cfg.biases) * cfg.seeds
    params = 2 * cfg.width + (cfg.depth - 1) * cfg.width * cfg.width
    samples = cfg.steps * cfg.batch * 3 + RECORDS * cfg.n_train * 6
    return 4.0 + 2 * runs * samples * params * 1.5e-10


def unit_story(spec: deep.DeepSpec, w0: np.ndarray, w1: np.ndarray, x: np.ndarray) -> UnitStory:
    """The first unit (layer by layer) that is alive under weights ``w0`` and dead under ``w1``,
    with histograms of its pre-activations over ``x`` under both (one set of bins)."""
    z0 = np.asarray(deep.forward(spec, deep.unflatten(spec, w0), x)[1])
    z1 = np.asarray(deep.forward(spec, deep.unflatten(spec, w1), x)[1])
    died = ~np.all(z0 <= 0, axis=1) & np.all(z1 <= 0, axis=1)  # (L, width)
    if not died.any() or not np.all(np.isfinite(z1)):
        return UnitStory(-1, -1, -1, np.zeros(N_BINS + 1), np.zeros(N_BINS), np.zeros(N_BINS), np.nan, np.nan)
    layer, unit = (int(v) for v in np.argwhere(died)[0])
    a, b = z0[layer, :, unit], z1[layer, :, unit]
    edges = np.linspace(min(a.min(), b.min()), max(a.max(), b.max(), 0.0) + 1e-6, N_BINS + 1)
    return UnitStory(
        layer + 1,
        unit,
        -1,
        edges,
        np.histogram(a, edges)[0],
        np.histogram(b, edges)[0],
        float(a.max()),
        float(b.max()),
    )


def _first_story(
    spec: deep.DeepSpec, r: _train.Runs, pick: tuple[int, int], shape: tuple[int, int, int], x: np.ndarray
) -> UnitStory:
    """The unit story of the picked (lr, bias) in the first seed whose run kept finite weights and
    lost a unit."""
    for seed in range(shape[2]):
        i = np.ravel_multi_index((pick[0], pick[1], seed), shape)
        if r.diverged[i]:
            continue
        story = unit_story(spec, r.w0[i], r.w_final[i], x)
        if story.layer > 0:
            return story._replace(seed=seed)
    return unit_story(spec, r.w0[0], r.w0[0], x)  # nothing died: an empty story


def run(cfg: DyingConfig, progress: Callable[[float, tuple], None] | None = None) -> DyingView:
    """Train every (activation, lr, bias, seed) and count dead units.

    Args:
        cfg: the study (checked).
        progress: called as ``progress(fraction, ("dying", i, i, 2))`` before each activation.

    Returns:
        :class:`DyingView`.
    """
    validate(cfg)
    ds = training.make_data(cfg)
    nl, nb, s = len(cfg.lrs), len(cfg.biases), cfg.seeds
    grid = np.meshgrid(np.asarray(cfg.lrs), np.asarray(cfg.biases), np.arange(s), indexing="ij")
    lr_g, b_g, s_g = (a.ravel() for a in grid)
    pick = (cfg.lrs.index(cfg.pick_lr), cfg.biases.index(cfg.pick_bias))
    out = []
    story = None
    for k, name in enumerate(ACTIVATIONS):
        if progress is not None:
            progress(k / len(ACTIVATIONS), ("dying", k + 1, k + 1, len(ACTIVATIONS)))
        spec = training.spec_for(ds, cfg.width, cfg.depth, name)
        r = _train.sgd_sweep(
            spec, cfg.init, cfg.dist, cfg.batch, cfg.steps, RECORDS, ds.x_train, ds.y_train, lr_g, b_g, s_g
        )
        # the fraction of all hidden units that are dead, weighting every layer by its width (equal)
        dead_all = r.dead.mean(axis=-1)  # (R, T + 1)
        dead = np.where(r.diverged[:, None], np.nan, dead_all)  # a diverged run's records mean nothing
        dead_end = dead[:, -1]
        shape = (nl, nb, s)
        out.append(
            (
                dead_all[:, 0].reshape(shape),
                dead_end.reshape(shape),
                r.loss[:, -1].reshape(shape),
                dead.reshape(nl, nb, s, -1)[pick[0], pick[1]],
            )
        )
        if name == "relu":
            story = _first_story(spec, r, pick, (nl, nb, s), ds.x_train)
            steps = r.record_steps
    return DyingView(
        cfg,
        np.stack([o[0] for o in out]),
        np.stack([o[1] for o in out]),
        np.stack([o[2] for o in out]),
        steps,
        np.stack([o[3] for o in out]),
        story,
    )
