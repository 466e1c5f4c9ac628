"""Cross-validation on a small data set: k-fold against one hold-out split, and leave-one-out.

One small data set of the known curve; one small MLP. Each repeat draws a new shuffle: the k-fold
estimate is the error of each sample predicted by the model of the fold that held it out, averaged
over all samples; the hold-out estimate is the error on one random held-out part. Repeating the
draw shows how much each estimate depends on the luck of the split. Leave-one-out is k = n (no
luck left: one split). Every network of every repeat, fold and split (and the final model on all
the data) is trained in ONE compiled call from the same initial weights, so the spread comes from
the splits alone. Because the curve and the noise are known, the test error of the final model is
exact, and the page can show what each estimate is trying to estimate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import mlp

from . import nets, splits, truth

__all__ = ["CVConfig", "CVResult", "cv_estimate", "cv_masks", "run_cv"]

MAX_N = 400
MAX_REPEATS = 100
SHOWN_FOLDS = 10  # fold models of the first repeat kept for the picture


class CVConfig(NamedTuple):
    """One cross-validation experiment (hashable)."""

    n: int = 40
    noise: float = 0.3
    k: int = 10
    repeats: int = 20
    holdout: float = 0.2  # fraction held out by the single split
    loo: bool = True
    width: int = 16
    steps: int = 1000
    lr: float = 0.02
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class CVResult(NamedTuple):
    """What :func:`run_cv` returns."""

    config: CVConfig
    x: np.ndarray  # (n,)
    y: np.ndarray  # (n,)
    folds: np.ndarray  # (repeats, n) fold holding each sample out
    held: np.ndarray  # (repeats, n) bool: held out by the hold-out split
    fold_mse: np.ndarray  # (repeats, k) error of each fold's model on its own test fold
    kfold_est: np.ndarray  # (repeats,)
    holdout_est: np.ndarray  # (repeats,)
    loo_sq: np.ndarray  # (n,) squared error of each left-out sample (NaN without LOO)
    true_err: float  # expected test error of the model trained on all n points (exact)
    x_eval: np.ndarray  # (m,)
    full_fit: np.ndarray  # (m,) that model
    fold_fits: np.ndarray  # (min(k, SHOWN_FOLDS), m) the fold models of the first repeat

    @property
    def loo_est(self) -> float:
        return float(np.mean(self.loo_sq))


def _check(cfg: CVConfig) -> None:
    for name, v, lo, hi in (
        ("n", cfg.n, 6, MAX_N),
        ("repeats", cfg.repeats, 1, MAX_REPEATS),
        ("width", cfg.width, 1, 256),
        ("k", cfg.k, 2, cfg.n),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    if not 0.05 <= cfg.holdout <= 0.5:
        raise ValueError(f"hold-out fraction {cfg.holdout} is outside [0.05, 0.5]")
    truth.check_noise(cfg.noise)


def cv_masks(cfg: CVConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The splits of ``cfg``: (fold ids (repeats, n), hold-out masks (repeats, n), training
    weights of every network (K, n): repeats x k fold models, repeats hold-out models, n
    leave-one-out models (if on), and the final model on all points)."""
    rng = truth.rng_for(cfg.seed, 6)
    # a KFold(shuffle=True, random_state=s) seed per repeat, so each repeat is scikit-learn's split
    folds = np.stack(
        [splits.kfold_assignment(cfg.n, cfg.k, seed=cfg.seed * MAX_REPEATS + r) for r in range(cfg.repeats)]
    )
    held = np.stack([splits.holdout_mask(cfg.n, cfg.holdout, rng) for _ in range(cfg.repeats)])
    w = [splits.fold_masks(f, cfg.k) for f in folds] + [(~held).astype(np.float32)]
    if cfg.loo:
        w.append(splits.fold_masks(np.arange(cfg.n), cfg.n))
    w.append(np.ones((1, cfg.n), np.float32))
    return folds, held, np.concatenate(w)


def cv_estimate(cfg: CVConfig) -> float:
    """Estimated warm seconds of :func:`run_cv` on the project's machine."""
    networks = cfg.repeats * (cfg.k + 1) + (cfg.n if cfg.loo else 0) + 1
    return nets.estimate_seconds(networks, cfg.n, 3 * cfg.width + 1, cfg.steps)


def run_cv(cfg: CVConfig, progress: Callable[[float, tuple], None] | None = None) -> CVResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, (stage, fields))``.

    Returns:
        :class:`CVResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    report = progress or (lambda f, info: None)
    x, y = (a[0] for a in truth.draw_sets(truth.rng_for(cfg.seed, 5), 1, cfg.n, cfg.noise))
    folds, held, w = cv_masks(cfg)
    x_eval = truth.eval_grid()
    spec = mlp.make_spec(d_in=1, width=cfg.width, depth=1, n_classes=0, activation="tanh")
    report(0.05, ("train", {"n": len(w)}))
    same_init = np.full(len(w), cfg.seed)  # every network starts from the same weights
    out = nets.train(spec, cfg.steps, x[:, None], y, w, same_init, cfg.lr, 0.0, x_eval[:, None])
    sq = (out.out_train.astype(np.float64) - y) ** 2  # (K, n) each network's error at every point
    r, k, n = cfg.repeats, cfg.k, cfg.n
    kf = sq[: r * k].reshape(r, k, n)
    test = folds[:, None, :] == np.arange(k)[None, :, None]  # (r, k, n) sample in fold j's test part
    fold_mse = (kf * test).sum(-1) / test.sum(-1)
    held_sq = sq[r * k : r * k + r]
    loo_sq = np.diag(sq[r * (k + 1) : r * (k + 1) + n]) if cfg.loo else np.full(n, np.nan)
    full = out.out_eval[-1].astype(np.float64)
    return CVResult(
        config=cfg,
        x=x,
        y=y,
        folds=folds,
        held=held,
        fold_mse=fold_mse,
        kfold_est=(kf * test).sum(axis=(1, 2)) / n,
        holdout_est=(held_sq * held).sum(-1) / held.sum(-1),
        loo_sq=loo_sq,
        true_err=float(truth.expected_mse(full, cfg.noise, x_eval)),
        x_eval=x_eval,
        full_fit=full,
        fold_fits=out.out_eval[: min(k, SHOWN_FOLDS)].astype(np.float64),
    )
