"""Bias-variance decomposition, measured: many models of each capacity, each trained on its own
training set drawn from a curve whose truth and noise level are known.

For capacity c, model r (trained on set r) predicts f_hat_r(x) at the test inputs x. With the mean
prediction f_bar(x) = mean_r f_hat_r(x) and the truth f(x):

    variance = mean_x sum_r (f_hat_r(x) - f_bar(x))^2 / (R - 1)
    bias^2   = mean_x (f_bar(x) - f(x))^2 - variance / R
    noise    = sigma^2 (known: the level the data were drawn with)

(both unbiased over the R sets: :func:`.truth.decompose`) and bias^2 + variance =
mean_r mean_x (f_hat_r(x) - f(x))^2 exactly. The expected test error is
*measured* separately, on fresh noisy labels y = f(x) + sigma e at the test inputs, so the page (and
the tests) can check that bias^2 + variance + noise equals it within Monte Carlo error.

Models: polynomials of each degree (least squares) or one-hidden-layer tanh MLPs of each width
(full-batch Adam; every training set of every width of one width bucket in one compiled call: the
widths share programs, a new width inside a bucket compiles nothing). Training sets: fresh draws,
or bootstrap resamples of one draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import mlp

from . import nets, polyfit, splits, truth

__all__ = [
    "BV_MODELS",
    "BV_SOURCES",
    "BVConfig",
    "BVResult",
    "MAX_CAPACITIES",
    "MAX_SETS",
    "bv_estimate",
    "run_bias_variance",
]

BV_MODELS = ("poly", "mlp")
BV_SOURCES = ("fresh", "bootstrap")
MAX_SETS = 1000
MAX_CAPACITIES = 20
MAX_N = 1000
MAX_WIDTH = 256
SHOWN = 20  # fitted curves kept per capacity for the spread picture


class BVConfig(NamedTuple):
    """One bias-variance experiment (hashable: a cache and job key)."""

    model: str = "poly"  # "poly" (capacity = degree) or "mlp" (capacity = hidden units)
    capacities: tuple[int, ...] = tuple(range(1, 13))
    n_train: int = 30
    noise: float = 0.3
    sets: int = 100
    source: str = "fresh"  # "fresh" training sets, or "bootstrap" resamples of one set
    seed: int = 0
    steps: int = 2000  # MLP only: full-batch Adam steps
    lr: float = 0.01  # MLP only

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class BVResult(NamedTuple):
    """What :func:`run_bias_variance` returns. Axis c: capacity; r: training set; m: test input."""

    config: BVConfig
    capacities: np.ndarray  # (C,)
    bias2: np.ndarray  # (C,)
    variance: np.ndarray  # (C,)
    noise: float  # sigma^2
    test_mse: np.ndarray  # (C,) measured on fresh noisy test labels, mean over sets
    test_se: np.ndarray  # (C,) its Monte Carlo standard error (over sets)
    train_mse: np.ndarray  # (C,) mean training error
    sq_err: np.ndarray  # (C, R) mean_x (f_hat_r - f)^2 of each set's model
    measured: np.ndarray  # (C, R) each set's model's error on its fresh noisy test labels
    x_eval: np.ndarray  # (m,)
    truth: np.ndarray  # (m,) f at the test inputs
    mean_curve: np.ndarray  # (C, m) f_bar
    curves: np.ndarray  # (C, SHOWN, m) the first models' predictions
    x_train: np.ndarray  # (n,) the first training set (the resampled one in bootstrap mode)
    y_train: np.ndarray  # (n,)

    @property
    def best(self) -> int:
        """Index of the capacity with the lowest measured test error."""
        return int(np.nanargmin(self.test_mse))


def _check(cfg: BVConfig) -> None:
    if cfg.model not in BV_MODELS:
        raise ValueError(f"Unknown model {cfg.model!r}; choose one of: {', '.join(BV_MODELS)}")
    if cfg.source not in BV_SOURCES:
        raise ValueError(f"Unknown source {cfg.source!r}; choose one of: {', '.join(BV_SOURCES)}")
    caps = tuple(cfg.capacities)
    if not 1 <= len(caps) <= MAX_CAPACITIES or len(set(caps)) != len(caps):
        raise ValueError(f"give 1 to {MAX_CAPACITIES} different capacities, got {caps}")
    top = polyfit.MAX_DEGREE if cfg.model == "poly" else MAX_WIDTH
    low = 0 if cfg.model == "poly" else 1
    for c in caps:
        if not low <= c <= top:
            raise ValueError(f"capacity {c} is outside [{low}, {top}] for model {cfg.model!r}")
    if not 2 <= cfg.sets <= MAX_SETS:
        raise ValueError(f"sets = {cfg.sets} is outside [2, {MAX_SETS}]")
    if not 2 <= cfg.n_train <= MAX_N:
        raise ValueError(f"n_train = {cfg.n_train} is outside [2, {MAX_N}]")
    truth.check_noise(cfg.noise)


def bv_estimate(cfg: BVConfig) -> float:
    """Estimated seconds of :func:`run_bias_variance` on the project's 2-core machine (warm)."""
    if cfg.model == "poly":
        return 0.05 + 2e-6 * cfg.sets * len(cfg.capacities) * cfg.n_train
    sizes: dict[int, int] = {}
    for c in cfg.capacities:
        sizes[nets.width_bucket(c)] = sizes.get(nets.width_bucket(c), 0) + 1
    return sum(
        nets.estimate_seconds(k * cfg.sets, cfg.n_train, 3 * b + 1, cfg.steps) for b, k in sizes.items()
    )


def _training_sets(cfg: BVConfig):
    """(x (R, n), y (R, n), weights (R, n)): fresh sets, or resample counts of the first set."""
    rng = truth.rng_for(cfg.seed, 1)
    if cfg.source == "fresh":
        x, y = truth.draw_sets(rng, cfg.sets, cfg.n_train, cfg.noise)
        return x, y, np.ones_like(x)
    x, y = truth.draw_sets(rng, 1, cfg.n_train, cfg.noise)
    counts = splits.bootstrap_counts(rng, cfg.n_train, (cfg.sets,)).astype(np.float64)
    return np.repeat(x, cfg.sets, 0), np.repeat(y, cfg.sets, 0), counts


def _groups(cfg: BVConfig) -> list[tuple[int, ...]]:
    """Indices of the capacities fitted together: each degree alone (least squares is cheap); the
    networks of one width bucket (:func:`.nets.width_bucket`) in one compiled call."""
    if cfg.model == "poly":
        return [(i,) for i in range(len(cfg.capacities))]
    out: dict[int, list[int]] = {}
    for i, c in enumerate(cfg.capacities):
        out.setdefault(nets.width_bucket(c), []).append(i)
    return [tuple(g) for _, g in sorted(out.items())]


def _fit_networks(cfg: BVConfig, widths: list[int], x, y, w, x_eval):
    """(predictions (len(widths), R, m), training outputs (len(widths), R, n)): a network of each
    width on each training set, all in one compiled call (masked to its width in the bucket's)."""
    r = cfg.sets
    spec = mlp.make_spec(
        d_in=1, width=nets.width_bucket(max(widths)), depth=1, n_classes=0, activation="tanh"
    )
    k = len(widths)
    out = nets.train(
        spec,
        cfg.steps,
        np.tile(x[..., None], (k, 1, 1)),
        np.tile(y, (k, 1)),
        np.tile(w, (k, 1)),
        np.tile(np.arange(r), k),
        cfg.lr,
        0.0,
        x_eval[:, None],
        units=np.repeat(widths, r),
    )
    n = x.shape[1]
    return out.out_eval.astype(np.float64).reshape(k, r, -1), out.out_train.astype(np.float64).reshape(
        k, r, n
    )


def run_bias_variance(cfg: BVConfig, progress: Callable[[float, tuple], None] | None = None) -> BVResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, ("capacity", {"c", "done", "total"}))`` after
            each capacity (polynomials) or each width bucket (networks; ``c`` its largest width).

    Returns:
        :class:`BVResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    x, y, w = _training_sets(cfg)
    x_eval = truth.eval_grid()
    f = truth.curve(x_eval)
    # fresh noisy test labels, one draw per training set, shared by every capacity (common random
    # numbers: differences between capacities are not blurred by different test noise)
    y_test = f + cfg.noise * truth.rng_for(cfg.seed, 2).normal(size=(cfg.sets, x_eval.size))
    caps = tuple(cfg.capacities)
    preds: list = [None] * len(caps)
    train_mse = np.empty(len(caps))
    done = 0
    for group in _groups(cfg):
        if cfg.model == "poly":
            (i,) = group
            coef = polyfit.fit(x, y, caps[i], w)
            pred, fit_train = polyfit.predict(coef, x_eval)[None], polyfit.predict(coef, x)[None]
        else:
            pred, fit_train = _fit_networks(cfg, [caps[i] for i in group], x, y, w, x_eval)
        for j, i in enumerate(group):
            preds[i] = pred[j]
            train_mse[i] = np.mean(np.sum(w * (fit_train[j] - y) ** 2, 1) / np.sum(w, 1))
        done += len(group)
        if progress is not None:
            progress(
                done / len(caps), ("capacity", {"c": int(caps[group[-1]]), "done": done, "total": len(caps)})
            )
    p = np.stack(preds)  # (C, R, m)
    bias2, variance = truth.decompose(p, f)
    measured = np.mean((p - y_test) ** 2, axis=2)
    return BVResult(
        config=cfg,
        capacities=np.asarray(cfg.capacities),
        bias2=bias2,
        variance=variance,
        noise=float(cfg.noise**2),
        test_mse=measured.mean(axis=1),
        test_se=measured.std(axis=1, ddof=1) / np.sqrt(cfg.sets),
        train_mse=train_mse,
        sq_err=np.mean((p - f) ** 2, axis=2),
        measured=measured,
        x_eval=x_eval,
        truth=f,
        mean_curve=p.mean(axis=1),
        curves=p[:, :SHOWN],
        x_train=x[0],
        y_train=y[0],
    )
