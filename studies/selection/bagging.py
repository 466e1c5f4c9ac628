"""Bagging (bootstrap aggregating) against one model: the average of B models, each trained on a
bootstrap resample of the training set, against one model trained on the whole set.

Repeated over ``sets`` fresh training sets of the known curve, so both are decomposed into bias^2,
variance and noise exactly as in :mod:`.bias_variance` (:func:`.truth.decompose`): averaging lowers
the variance (the members' errors partly cancel) and leaves the bias about where it was. The
out-of-bag (OOB) estimate of each bagged model's error, from the points each member did not see, is
set against its true test error.

Models: one-hidden-layer tanh MLPs (every single model and every member of every set in ONE
compiled call: replicas = sets x (1 + B)), or fully grown regression trees (scikit-learn's
``DecisionTreeRegressor``, fitted with the resample counts as sample weights).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import mlp

from . import nets, splits, truth

__all__ = ["BAG_MODELS", "BagConfig", "BagResult", "bag_estimate", "run_bagging"]

BAG_MODELS = ("mlp", "tree")
MAX_MEMBERS = 100
MAX_SETS = 100
MAX_N = 500
SECONDS_PER_TREE = 2.5e-3


class BagConfig(NamedTuple):
    """One bagging experiment (hashable)."""

    model: str = "mlp"
    members: int = 16  # B: models averaged
    sets: int = 24  # fresh training sets (for bias and variance)
    n_train: int = 30
    noise: float = 0.3
    # MLP only: trained long and fast enough to follow the noise (a high-variance learner, which is
    # what bagging helps; a smooth, early-stopped network has little variance to remove)
    width: int = 16
    steps: int = 3000
    lr: float = 0.05
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class BagResult(NamedTuple):
    """What :func:`run_bagging` returns. Axes: r training set, b member, m test input."""

    config: BagConfig
    x_eval: np.ndarray  # (m,)
    truth: np.ndarray  # (m,)
    single: np.ndarray  # (R, m) the one model of each set
    bagged: np.ndarray  # (R, m) the average of its B members
    member0: np.ndarray  # (R, m) the first member of each set (one bootstrap model)
    noise: float  # sigma^2
    bias2_single: float
    var_single: float
    bias2_by_members: np.ndarray  # (B,) bias^2 of the average of the first b members
    var_by_members: np.ndarray  # (B,) its variance
    single_test: np.ndarray  # (R,) expected test error of each single model
    bagged_test: np.ndarray  # (R,) of each bagged model
    oob: np.ndarray  # (R,) out-of-bag estimate of each bagged model's error
    oob_coverage: np.ndarray  # (R,) fraction of training points that had an out-of-bag member
    x_train: np.ndarray  # (R, n)
    y_train: np.ndarray  # (R, n)

    @property
    def bias2_bagged(self) -> float:
        return float(self.bias2_by_members[-1])

    @property
    def var_bagged(self) -> float:
        return float(self.var_by_members[-1])


def _check(cfg: BagConfig) -> None:
    if cfg.model not in BAG_MODELS:
        raise ValueError(f"Unknown model {cfg.model!r}; choose one of: {', '.join(BAG_MODELS)}")
    for name, v, lo, hi in (
        ("members", cfg.members, 2, MAX_MEMBERS),
        ("sets", cfg.sets, 2, MAX_SETS),
        ("n_train", cfg.n_train, 5, MAX_N),
        ("width", cfg.width, 1, 256),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    truth.check_noise(cfg.noise)


def bag_estimate(cfg: BagConfig) -> float:
    """Estimated seconds of :func:`run_bagging` on the project's 2-core machine (warm)."""
    fits = cfg.sets * (cfg.members + 1)
    if cfg.model == "tree":
        return 0.05 + SECONDS_PER_TREE * fits
    return nets.estimate_seconds(fits, cfg.n_train, 3 * cfg.width + 1, cfg.steps)


def _fit(cfg: BagConfig, x: np.ndarray, y: np.ndarray, w: np.ndarray, x_eval: np.ndarray):
    """(out_train (K, n), out_eval (K, m)) of models trained on rows x, y with weights w (K, n)."""
    if cfg.model == "mlp":
        spec = mlp.make_spec(d_in=1, width=cfg.width, depth=1, n_classes=0, activation="tanh")
        out = nets.train(spec, cfg.steps, x[..., None], y, w, np.arange(len(w)), cfg.lr, 0.0, x_eval[:, None])
        return out.out_train.astype(np.float64), out.out_eval.astype(np.float64)
    from sklearn.tree import DecisionTreeRegressor

    tr, ev = np.empty_like(x), np.empty((len(x), x_eval.size))
    for k in range(len(x)):
        tree = DecisionTreeRegressor(random_state=k).fit(x[k, :, None], y[k], sample_weight=w[k])
        tr[k], ev[k] = tree.predict(x[k, :, None]), tree.predict(x_eval[:, None])
    return tr, ev


def run_bagging(cfg: BagConfig, progress: Callable[[float, tuple], None] | None = None) -> BagResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, (stage, fields))``.

    Returns:
        :class:`BagResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    report = progress or (lambda f, info: None)
    rng = truth.rng_for(cfg.seed, 4)
    r, b, n = cfg.sets, cfg.members, cfg.n_train
    x, y = truth.draw_sets(rng, r, n, cfg.noise)
    counts = splits.bootstrap_counts(rng, n, (r, b)).astype(np.float64)  # (R, B, n)
    # row k = set k // (B + 1); its first row is the single model (all points once), then B members
    w = np.concatenate([np.ones((r, 1, n)), counts], axis=1).reshape(r * (b + 1), n)
    x_eval = truth.eval_grid()
    report(0.05, ("train", {"n": r * (b + 1)}))
    out_tr, out_ev = _fit(cfg, np.repeat(x, b + 1, 0), np.repeat(y, b + 1, 0), w, x_eval)
    report(0.95, ("measure", {}))
    out_tr, out_ev = out_tr.reshape(r, b + 1, n), out_ev.reshape(r, b + 1, -1)
    f = truth.curve(x_eval)
    single, members = out_ev[:, 0], out_ev[:, 1:]
    # the average of the first b members, b = 1..B: (B, R, m)
    running = np.cumsum(members, axis=1) / np.arange(1, b + 1)[None, :, None]
    running = np.moveaxis(running, 1, 0)
    bias2_run, var_run = truth.decompose(running, f)
    bias2_single, var_single = truth.decompose(out_ev[:, 0], f)
    bagged = running[-1]
    # out of bag: each training point predicted by the members whose resample left it out
    out_of_bag = counts == 0  # (R, B, n)
    k = out_of_bag.sum(axis=1)
    oob_pred = np.where(k > 0, (out_tr[:, 1:] * out_of_bag).sum(axis=1) / np.maximum(k, 1), np.nan)
    oob = np.nanmean((oob_pred - y) ** 2, axis=1)
    return BagResult(
        config=cfg,
        x_eval=x_eval,
        truth=f,
        single=single,
        bagged=bagged,
        member0=members[:, 0],
        noise=float(cfg.noise**2),
        bias2_single=float(bias2_single),
        var_single=float(var_single),
        bias2_by_members=bias2_run,
        var_by_members=var_run,
        single_test=truth.expected_mse(single, cfg.noise, x_eval),
        bagged_test=truth.expected_mse(bagged, cfg.noise, x_eval),
        oob=oob,
        oob_coverage=(k > 0).mean(axis=1),
        x_train=x,
        y_train=y,
    )
