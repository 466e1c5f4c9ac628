"""Data whose truth is known: the regression curve of :mod:`landscapes.data` plus Gaussian noise of
a chosen level, and a time series made of a trend, a season and noise.

Because the noiseless function and the noise variance are known, every error the lab shows can be
split exactly into what the model got wrong about the function and what no model can predict.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from landscapes import data as data_mod

__all__ = [
    "EVAL_POINTS",
    "MAX_NOISE",
    "X_RANGE",
    "Series",
    "curve",
    "decompose",
    "draw_sets",
    "eval_grid",
    "expected_mse",
    "make_series",
    "rng_for",
]

X_RANGE = (-2.0, 2.0)  # the regression set's inputs are uniform on this interval
EVAL_POINTS = 201  # the test inputs: an even grid (its mean is the expectation over uniform x)
MAX_NOISE = 2.0


def curve(x: np.ndarray) -> np.ndarray:
    """The noiseless target f(x) = sin(3x) + 0.3x of the Batch lab's regression set."""
    return data_mod.regression_curve(np.asarray(x, np.float64))


def eval_grid(points: int = EVAL_POINTS) -> np.ndarray:
    """Evenly spaced test inputs on :data:`X_RANGE` (m,)."""
    return np.linspace(*X_RANGE, points)


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """A generator for ``seed`` and a stream id (separate experiments never share draws)."""
    return np.random.default_rng(np.random.SeedSequence([int(seed) % 2**32, *stream]))


def check_noise(noise: float) -> float:
    """The noise level as a float, or ValueError naming it."""
    noise = float(noise)
    if not 0.0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise = {noise!r} is outside [0, {MAX_NOISE}]")
    return noise


def draw_sets(rng: np.random.Generator, sets: int, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """``sets`` independent training sets of ``n`` points: x uniform on :data:`X_RANGE`,
    y = f(x) + noise * N(0, 1).

    Returns:
        (x (sets, n), y (sets, n)) float64.
    """
    x = rng.uniform(*X_RANGE, (sets, n))
    return x, curve(x) + check_noise(noise) * rng.normal(size=(sets, n))


def expected_mse(pred: np.ndarray, noise: float, x_eval: np.ndarray | None = None) -> np.ndarray:
    """The expected squared error on a fresh point, E[(y - f_hat(x))^2] = E_x[(f(x) - f_hat(x))^2]
    + noise^2, of predictions ``pred`` (..., m) at the test inputs (default :func:`eval_grid`)."""
    x_eval = eval_grid(np.shape(pred)[-1]) if x_eval is None else x_eval
    return np.mean((np.asarray(pred, np.float64) - curve(x_eval)) ** 2, axis=-1) + noise**2


def decompose(pred: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bias^2 and variance of models ``pred`` (..., R, m) (R models, each trained on its own
    training set, at m test inputs) against the truth ``f`` (m,), averaged over the inputs.

    Both are unbiased over the R sets: the variance divides by R - 1, and bias^2 is the squared
    error of the mean prediction less variance / R (the mean of R noisy models misses the truth by
    that much on average even with no bias). Their sum equals mean_r mean_x (pred - f)^2 exactly.

    Returns:
        (bias^2 (...,), variance (...,)).
    """
    pred = np.asarray(pred, np.float64)
    r = pred.shape[-2]
    mean = pred.mean(axis=-2, keepdims=True)
    var = np.mean(np.sum((pred - mean) ** 2, axis=-2) / (r - 1), axis=-1)
    return np.mean((mean[..., 0, :] - f) ** 2, axis=-1) - var / r, var


class Series(NamedTuple):
    """Time series: y_t = trend * t / period + season * sin(2 pi t / period) + noise * e_t, where
    e_t is a stationary AR(1) process with unit variance and lag-one correlation ``corr``."""

    t: np.ndarray  # (T,) time steps 0..T-1
    truth: np.ndarray  # (T,) trend + season
    y: np.ndarray  # (S, T) S independent noisy series of the same trend and season


def make_series(
    rng: np.random.Generator,
    series: int,
    length: int,
    period: int,
    trend: float,
    season: float,
    noise: float,
    corr: float = 0.0,
) -> Series:
    """``series`` independent draws of one trend + season + noise series of ``length`` steps.

    The noise is correlated in time as real series' noise is (a run of high values, then of low
    ones): e_t = corr * e_{t-1} + sqrt(1 - corr^2) z_t with e_0 ~ N(0, 1), so each e_t has variance
    1 and the noise variance is noise^2 whatever ``corr``.
    """
    if not 0.0 <= corr < 1.0:
        raise ValueError(f"corr = {corr!r} is outside [0, 1)")
    t = np.arange(length, dtype=np.float64)
    truth = trend * t / period + season * np.sin(2 * np.pi * t / period)
    z = rng.normal(size=(series, length))
    e = np.empty_like(z)
    e[:, 0] = z[:, 0]
    for i in range(1, length):
        e[:, i] = corr * e[:, i - 1] + np.sqrt(1.0 - corr**2) * z[:, i]
    return Series(t, truth, truth + check_noise(noise) * e)
