"""The bootstrap: resample one data set many times, and compare the bootstrap distribution of a
statistic with its true sampling distribution over fresh data sets (possible here: the curve and
its noise are known).

Statistics (both closed-form, so thousands of resamples cost milliseconds):

* ``slope``: the slope of the least-squares line through the data. Its true value is the slope of
  the best straight line through the curve over uniform x on [-2, 2], computed exactly
  (:func:`true_slope`); the line is the wrong model for the curve, which the pairs bootstrap
  (resampling (x, y) points) handles.
* ``error``: the expected test error E[(y - f_hat(x))^2] of a degree-d polynomial fitted to the data,
  computed exactly from the known curve and noise level. Its "true value" is its mean over fresh
  data sets (estimated from the fresh sets). A model fitted to a resample sees only ~63% distinct
  points, so this bootstrap distribution sits to the right of the true one: the page says so.

Coverage: the whole procedure (a data set, B resamples, the percentile interval) is repeated on
``repeats`` fresh data sets, and the fraction of intervals that contain the true value is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from . import polyfit, splits, truth

__all__ = [
    "BOOT_STATISTICS",
    "BootConfig",
    "BootResult",
    "boot_estimate",
    "percentile_interval",
    "run_bootstrap",
    "true_slope",
]

BOOT_STATISTICS = ("slope", "error")
MAX_RESAMPLES = 5000
MAX_FRESH = 5000
MAX_REPEATS = 1000
MAX_N = 500
SHOWN = 20  # resample fits drawn over the data
CHUNK = 100_000  # resamples per block (memory: CHUNK x n weights)


class BootConfig(NamedTuple):
    """One bootstrap experiment (hashable)."""

    statistic: str = "slope"
    degree: int = 3  # the polynomial whose test error is the "error" statistic
    n: int = 30
    noise: float = 0.5
    resamples: int = 1000  # B
    fresh: int = 1000  # fresh data sets: the true sampling distribution
    level: float = 0.9  # of the percentile interval
    repeats: int = 200  # data sets of the coverage count
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class BootResult(NamedTuple):
    """What :func:`run_bootstrap` returns."""

    config: BootConfig
    x: np.ndarray  # (n,) the one data set
    y: np.ndarray  # (n,)
    estimate: float  # the statistic on the data set
    boot: np.ndarray  # (B,) on each resample
    interval: np.ndarray  # (2,) percentile interval of ``boot``
    fresh: np.ndarray  # (F,) on fresh data sets
    true_value: float  # slope: exact; error: mean over the fresh sets
    x_eval: np.ndarray  # (m,)
    fits: np.ndarray  # (SHOWN, m) the models of the first resamples
    fit: np.ndarray  # (m,) the model of the data set
    counts: np.ndarray  # (SHOWN, n) how often each point is in those resamples
    cover_lo: np.ndarray  # (repeats,) intervals of the coverage count
    cover_hi: np.ndarray  # (repeats,)
    cover_estimate: np.ndarray  # (repeats,) each data set's own statistic

    @property
    def covered(self) -> np.ndarray:
        """(repeats,) bool: the interval contains the true value."""
        return (self.cover_lo <= self.true_value) & (self.true_value <= self.cover_hi)

    @property
    def coverage(self) -> float:
        """Fraction of the repeated intervals that contain the true value."""
        return float(np.mean(self.covered))


def true_slope() -> float:
    """The slope of the least-squares line through f(x) = sin(3x) + 0.3x for x uniform on [-2, 2]:
    Cov(x, f(x)) / Var(x), with E[x sin 3x] = (1/2) * integral_0^2 x sin 3x dx in closed form."""
    e_x_sin = 0.5 * (np.sin(6.0) / 9.0 - 2.0 * np.cos(6.0) / 3.0)
    var_x = 4.0 / 3.0
    return float((e_x_sin + 0.3 * var_x) / var_x)


def percentile_interval(samples: np.ndarray, level: float) -> np.ndarray:
    """The central ``level`` percentile interval of ``samples`` along the last axis: (..., 2)."""
    a = (1.0 - level) / 2.0
    return np.moveaxis(np.quantile(samples, [a, 1.0 - a], axis=-1), 0, -1)


def _statistic(cfg: BootConfig, x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """The statistic of each (weighted) data set: x, y (..., n) with weights (..., n)."""
    if cfg.statistic == "slope":
        w = np.ones_like(x) if w is None else w
        sw = w.sum(-1, keepdims=True)
        xc = x - (w * x).sum(-1, keepdims=True) / sw
        yc = y - (w * y).sum(-1, keepdims=True) / sw
        return (w * xc * yc).sum(-1) / (w * xc * xc).sum(-1)
    coef = polyfit.fit(x, y, cfg.degree, w)
    return truth.expected_mse(polyfit.predict(coef, truth.eval_grid()), cfg.noise)


def _resampled(cfg: BootConfig, rng, x: np.ndarray, y: np.ndarray, b: int) -> np.ndarray:
    """The statistic on ``b`` resamples of each data set x, y (k, n): (k, b), in blocks."""
    k, n = x.shape
    out = np.empty((k, b))
    step = max(1, CHUNK // b)
    for i in range(0, k, step):
        counts = splits.bootstrap_counts(rng, n, (min(step, k - i), b)).astype(np.float64)
        out[i : i + step] = _statistic(cfg, x[i : i + step, None], y[i : i + step, None], counts)
    return out


def _check(cfg: BootConfig) -> None:
    if cfg.statistic not in BOOT_STATISTICS:
        raise ValueError(f"Unknown statistic {cfg.statistic!r}; choose one of: {', '.join(BOOT_STATISTICS)}")
    limits = (
        ("n", cfg.n, 5, MAX_N),
        ("resamples", cfg.resamples, 20, MAX_RESAMPLES),
        ("fresh", cfg.fresh, 20, MAX_FRESH),
        ("repeats", cfg.repeats, 0, MAX_REPEATS),
        ("degree", cfg.degree, 0, polyfit.MAX_DEGREE),
    )
    for name, v, lo, hi in limits:
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    if not 0.5 <= cfg.level < 1.0:
        raise ValueError(f"level = {cfg.level} is outside [0.5, 1)")
    truth.check_noise(cfg.noise)


def boot_estimate(cfg: BootConfig) -> float:
    """Estimated seconds of :func:`run_bootstrap` on the project's machine."""
    # seconds per resample: the multinomial draw and a weighted slope, or a pseudo-inverse
    per = 1.5e-7 * cfg.n if cfg.statistic == "slope" else 2.5e-7 * cfg.n * (cfg.degree + 1)
    return 0.05 + per * (cfg.resamples * (1 + cfg.repeats) + cfg.fresh)


def run_bootstrap(cfg: BootConfig, progress: Callable[[float, tuple], None] | None = None) -> BootResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, (stage, fields))``.

    Returns:
        :class:`BootResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    report = progress or (lambda f, info: None)
    rng = truth.rng_for(cfg.seed, 3)
    x, y = truth.draw_sets(rng, 1, cfg.n, cfg.noise)
    counts = splits.bootstrap_counts(rng, cfg.n, (cfg.resamples,)).astype(np.float64)
    boot = _statistic(cfg, x, y, counts)
    fx, fy = truth.draw_sets(rng, cfg.fresh, cfg.n, cfg.noise)
    fresh = _statistic(cfg, fx, fy)
    true_value = true_slope() if cfg.statistic == "slope" else float(fresh.mean())
    report(0.2, ("coverage", {"n": cfg.repeats}))
    x_eval = truth.eval_grid()
    degree = 1 if cfg.statistic == "slope" else cfg.degree
    fits = polyfit.predict(polyfit.fit(x, y, degree, counts[:SHOWN]), x_eval)
    fit = polyfit.predict(polyfit.fit(x[0], y[0], degree), x_eval)
    cx, cy = truth.draw_sets(rng, cfg.repeats, cfg.n, cfg.noise)
    lo_hi = percentile_interval(_resampled(cfg, rng, cx, cy, cfg.resamples), cfg.level)
    report(1.0, ("measure", {}))
    return BootResult(
        config=cfg,
        x=x[0],
        y=y[0],
        estimate=float(_statistic(cfg, x, y)[0]),
        boot=boot,
        interval=percentile_interval(boot, cfg.level),
        fresh=fresh,
        true_value=true_value,
        x_eval=x_eval,
        fits=fits,
        fit=fit,
        counts=counts[:SHOWN].astype(np.int64),
        cover_lo=lo_hi[:, 0],
        cover_hi=lo_hi[:, 1],
        cover_estimate=_statistic(cfg, cx, cy),
    )
