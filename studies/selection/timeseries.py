"""Cross-validation of a forecaster on a time series: shuffled k-fold against rolling origin.

A series (trend + season + noise, :func:`.truth.make_series`) is forecast by a small MLP of the time
features (t, sin and cos of the season's phase): it learns the trend and the season from the past
and extends them into the future. Two ways to validate it on the observed series:

* shuffled k-fold: random folds. Every test point has training points right before and right
  AFTER it, so the model is asked to fill gaps, not to forecast: it trains on the future.
* rolling origin (scikit-learn's ``TimeSeriesSplit``): each fold trains on everything before a
  block of ``horizon`` steps and forecasts that block.

The honest number is the forecaster's error on a truly later period: the model trained on the whole
observed series forecasts the next ``horizon`` steps (drawn from the same process, never seen).
Every network (each fold of each scheme, and the final model, for each of ``series`` independent
draws of the series) is trained in ONE compiled call, each on its own training steps only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import mlp

from . import nets, splits, truth

__all__ = ["TSConfig", "TSResult", "features", "run_time_series", "ts_estimate"]

MAX_LENGTH = 480
MAX_SERIES = 32


class TSConfig(NamedTuple):
    """One time-series experiment (hashable)."""

    length: int = 120  # observed steps
    period: int = 12  # steps per season
    trend: float = 0.5  # rise per season
    season: float = 1.0  # amplitude of the season
    noise: float = 0.3
    corr: float = 0.0  # lag-one correlation of the noise
    folds: int = 5  # k of the shuffled k-fold and rolling-origin test blocks
    horizon: int = 12  # steps per rolling-origin test block and of the later period
    series: int = 8  # independent draws of the series
    width: int = 16
    steps: int = 1500
    lr: float = 0.02
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class TSResult(NamedTuple):
    """What :func:`run_time_series` returns. Axis s: series; t: time step."""

    config: TSConfig
    t: np.ndarray  # (T + H,) observed steps, then the later period
    truth: np.ndarray  # (T + H,)
    y: np.ndarray  # (S, T + H)
    shuffled_fold: np.ndarray  # (S, T) the fold that holds each step out (shuffled k-fold)
    blocks: np.ndarray  # (folds, 2) first and last + 1 step of each rolling-origin test block
    window: int  # steps each rolling-origin model and the final model train on (the latest ones)
    shuffled_est: np.ndarray  # (S,) shuffled k-fold estimate of the forecast error
    rolling_est: np.ndarray  # (S,) rolling-origin estimate
    later_err: np.ndarray  # (S,) error of the final model on the later period (the honest number)
    shuffled_pred: np.ndarray  # (S, T) each step predicted by the fold model that left it out
    rolling_pred: np.ndarray  # (S, T) each tested step forecast by its fold (NaN: never tested)
    final_pred: np.ndarray  # (S, T + H) the final model (trained on the last `window` observed steps)


def features(t: np.ndarray, origin: float, window: int, period: int) -> np.ndarray:
    """Inputs of the forecaster at steps ``t`` for a model whose forecasts start at ``origin``:
    ((t - origin) / window, sin, cos of 2 pi t / period), (n, 3). Time counts from the forecast
    origin, so every fold's model faces the same task (fit the last ``window`` steps, extend them)."""
    t = np.asarray(t, np.float64)
    phase = 2 * np.pi * t / period
    return np.stack([(t - origin) / window, np.sin(phase), np.cos(phase)], axis=-1)


def _check(cfg: TSConfig) -> None:
    for name, v, lo, hi in (
        ("length", cfg.length, 24, MAX_LENGTH),
        ("series", cfg.series, 1, MAX_SERIES),
        ("period", cfg.period, 2, 100),
        ("folds", cfg.folds, 2, 20),
        ("horizon", cfg.horizon, 1, 100),
        ("width", cfg.width, 1, 256),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    if cfg.folds * cfg.horizon >= cfg.length:
        raise ValueError(
            f"{cfg.folds} test blocks of {cfg.horizon} steps leave nothing to train on in {cfg.length} steps"
        )
    truth.check_noise(cfg.noise)


def ts_estimate(cfg: TSConfig) -> float:
    """Estimated warm seconds of :func:`run_time_series` on the project's machine."""
    networks = cfg.series * (2 * cfg.folds + 1)
    # the most steps a model trains on: a shuffled fold's, or the rolling window
    longest = max(cfg.length - cfg.length // cfg.folds, cfg.length - cfg.folds * cfg.horizon)
    return nets.estimate_seconds(networks, longest, 4 * cfg.width + 1, cfg.steps)


def run_time_series(cfg: TSConfig, progress: Callable[[float, tuple], None] | None = None) -> TSResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, (stage, fields))``.

    Returns:
        :class:`TSResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    report = progress or (lambda f, info: None)
    n, h, k, s = cfg.length, cfg.horizon, cfg.folds, cfg.series
    ser = truth.make_series(
        truth.rng_for(cfg.seed, 7), s, n + h, cfg.period, cfg.trend, cfg.season, cfg.noise, cfg.corr
    )
    shuffled = np.stack([splits.kfold_assignment(n, k, seed=cfg.seed * MAX_SERIES + i) for i in range(s)])
    window = n - k * h  # every rolling fold and the final model train on the last `window` steps
    rolling = splits.rolling_origin(n, k, test_size=h, max_train_size=window)
    # per series: k shuffled-fold models, k rolling-origin models, the final model. Each trains on
    # its own training steps only (gathered, padded with weight 0 to the longest) and is evaluated
    # at every step, so its output at the other steps is its forecast
    per = 2 * k + 1
    origins = [n] * k + [test[0] for _, test in rolling] + [n]  # where each model's forecast starts
    x_one = np.stack([features(ser.t, o, window, cfg.period) for o in origins])  # (per, T + H, 3)
    trains = np.zeros((s, per, n), bool)  # the steps each model trains on
    for i in range(s):
        trains[i, :k] = splits.fold_masks(shuffled[i], k) > 0
    for j, (train, _) in enumerate(rolling):
        trains[:, k + j, train] = True
    trains[:, -1, n - window : n] = True
    m = int(trains.sum(-1).max())
    # each model's training steps, in time order, then padding (any step, weight 0)
    idx = np.argsort(~trains, axis=-1, kind="stable")[..., :m]  # (S, per, m)
    w = np.take_along_axis(trains, idx, -1).astype(np.float32)
    rows = np.arange(per)[None, :, None]
    spec = mlp.make_spec(d_in=3, width=cfg.width, depth=1, n_classes=0, activation="tanh")
    report(0.05, ("train", {"n": s * per}))
    out = nets.train(
        spec,
        cfg.steps,
        x_one[rows, idx].reshape(s * per, m, 3),
        np.take_along_axis(ser.y[:, None, :n], idx, -1).reshape(s * per, m),
        w.reshape(s * per, m),
        np.full(s * per, cfg.seed),
        cfg.lr,
        0.0,
        np.tile(x_one, (s, 1, 1)),
    )
    pred = out.out_eval.astype(np.float64).reshape(s, per, n + h)
    y_obs = ser.y[:, :n]
    own = shuffled[:, None, :] == np.arange(k)[None, :, None]  # (S, k, n) step t in fold j's test part
    shuffled_pred = (pred[:, :k, :n] * own).sum(1)
    rolling_pred = np.full((s, n), np.nan)
    for j, (_, test) in enumerate(rolling):
        rolling_pred[:, test] = pred[:, k + j, test]
    tested = np.isfinite(rolling_pred[0])
    later = ser.y[:, n:] - pred[:, -1, n:]
    return TSResult(
        config=cfg,
        t=ser.t,
        truth=ser.truth,
        y=ser.y,
        shuffled_fold=shuffled,
        blocks=np.asarray([(test[0], test[-1] + 1) for _, test in rolling]),
        window=window,
        shuffled_est=np.mean((shuffled_pred - y_obs) ** 2, axis=1),
        rolling_est=np.mean((rolling_pred[:, tested] - y_obs[:, tested]) ** 2, axis=1),
        later_err=np.mean(later**2, axis=1),
        shuffled_pred=shuffled_pred,
        rolling_pred=rolling_pred,
        final_pred=pred[:, -1],
    )
