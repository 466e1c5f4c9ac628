"""Boosting: many weak learners (small trees) added one after another, each fitted to what the
model so far gets wrong, on the 2-D classification sets.

scikit-learn's ``GradientBoostingClassifier`` (log-loss): round t fits a depth-limited regression
tree to the residuals y - p_{t-1}(x) (the negative gradient of the loss) and adds it, shrunk by the
learning rate. ``staged_predict_proba`` gives the model after every round, so the page shows the
decision boundary and the train / test error round by round without refitting. Label noise flips
training labels only (the test set stays clean), so more rounds eventually fit the flipped labels
and the test error turns up: over-fitting. Several learning rates (shrinkage) are run side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import data as data_mod

__all__ = ["BOOST_DATA", "BoostConfig", "BoostResult", "boost_estimate", "run_boosting"]

BOOST_DATA = ("moons", "circles", "spirals", "xor")  # the two-class 2-D sets
MAX_ROUNDS = 2000
MAX_DEPTH = 4
MAX_N = 2000
N_TEST = 2000
GRID = 80  # decision-boundary grid per axis
SECONDS_PER_TREE_POINT = 3.5e-7  # fitting and staged prediction, per round and point (depth 1)


class BoostConfig(NamedTuple):
    """One boosting experiment (hashable)."""

    dataset: str = "moons"
    n_train: int = 300
    noise: float = 0.15
    label_noise: float = 0.15
    depth: int = 2  # 1: stumps
    rounds: int = 500
    rate: float = 0.1  # the learning rate whose boundary is drawn
    compare: tuple[float, ...] = (1.0, 0.3, 0.03)  # more learning rates on the error curves
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class BoostResult(NamedTuple):
    """What :func:`run_boosting` returns. Axes: l learning rate, t round (1..M), s snapshot."""

    config: BoostConfig
    rates: np.ndarray  # (L,) decreasing; the drawn one is rates[main]
    main: int
    train_err: np.ndarray  # (L, M) misclassified fraction of the (noisy) training set
    test_err: np.ndarray  # (L, M) of the clean test set
    train_loss: np.ndarray  # (L, M) log-loss
    test_loss: np.ndarray  # (L, M)
    snapshots: np.ndarray  # (S,) rounds whose boundary is drawn
    grid_x: np.ndarray  # (g,)
    grid_y: np.ndarray  # (g,)
    grid_prob: np.ndarray  # (S, g, g) P(class 1) on the grid, rows = y
    x_train: np.ndarray  # (n, 2)
    y_train: np.ndarray  # (n,)
    flipped: np.ndarray  # (n,) bool
    residual: np.ndarray  # (S, n) |y - p| after each snapshot round: what the next tree fits

    def best_round(self, i: int | None = None) -> int:
        """The round (1-based) with the lowest test error for learning rate ``i`` (default: main)."""
        return int(np.argmin(self.test_err[self.main if i is None else i])) + 1


def _check(cfg: BoostConfig) -> None:
    if cfg.dataset not in BOOST_DATA:
        raise ValueError(f"Unknown data set {cfg.dataset!r}; choose one of: {', '.join(BOOST_DATA)}")
    for name, v, lo, hi in (
        ("rounds", cfg.rounds, 1, MAX_ROUNDS),
        ("depth", cfg.depth, 1, MAX_DEPTH),
        ("n_train", cfg.n_train, 10, MAX_N),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    for r in (cfg.rate, *cfg.compare):
        if not 0.0 < r <= 1.0:
            raise ValueError(f"learning rate {r!r} is outside (0, 1]")
    if len(cfg.compare) > 5:
        raise ValueError(f"compare at most 5 more learning rates, got {len(cfg.compare)}")


def boost_estimate(cfg: BoostConfig) -> float:
    """Estimated seconds of :func:`run_boosting` on the project's machine."""
    points = cfg.n_train + N_TEST
    rates = len(set((cfg.rate, *cfg.compare)))
    return 0.3 + SECONDS_PER_TREE_POINT * cfg.rounds * (1 + cfg.depth) / 2 * (rates * points + GRID**2)


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def run_boosting(cfg: BoostConfig, progress: Callable[[float, tuple], None] | None = None) -> BoostResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, ("rate", {"rate", "done", "total"}))``.

    Returns:
        :class:`BoostResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    from sklearn.ensemble import GradientBoostingClassifier

    _check(cfg)
    ds = data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train,
        n_test=N_TEST,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.seed,
    )
    rates = np.asarray(sorted(set((cfg.rate, *cfg.compare)), reverse=True))
    main = int(np.flatnonzero(rates == cfg.rate)[0])
    snaps = np.asarray(sorted({r for r in (1, 10, 100, cfg.rounds) if r <= cfg.rounds}))
    (x0, x1), (y0, y1) = ds.bounds
    gx, gy = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
    grid = np.stack(np.meshgrid(gx, gy), -1).reshape(-1, 2)
    curves = np.empty((4, len(rates), cfg.rounds))
    grid_prob, residual = [], []
    for i, rate in enumerate(rates):
        model = GradientBoostingClassifier(
            learning_rate=float(rate), n_estimators=cfg.rounds, max_depth=cfg.depth, random_state=cfg.seed
        )
        model.fit(ds.x_train, ds.y_train)
        for t, (p_tr, p_te) in enumerate(
            zip(model.staged_predict_proba(ds.x_train), model.staged_predict_proba(ds.x_test), strict=True)
        ):
            curves[:, i, t] = (
                np.mean((p_tr[:, 1] > 0.5) != ds.y_train),
                np.mean((p_te[:, 1] > 0.5) != ds.y_test),
                _log_loss(p_tr[:, 1], ds.y_train),
                _log_loss(p_te[:, 1], ds.y_test),
            )
            if i == main and t + 1 in snaps:
                residual.append(np.abs(ds.y_train - p_tr[:, 1]))
        if i == main:
            for t, p in enumerate(model.staged_predict_proba(grid)):
                if t + 1 in snaps:
                    grid_prob.append(p[:, 1].reshape(GRID, GRID))
        if progress is not None:
            progress(
                (i + 1) / len(rates), ("rate", {"rate": float(rate), "done": i + 1, "total": len(rates)})
            )
    return BoostResult(
        config=cfg,
        rates=rates,
        main=main,
        train_err=curves[0],
        test_err=curves[1],
        train_loss=curves[2],
        test_loss=curves[3],
        snapshots=snaps,
        grid_x=gx,
        grid_y=gy,
        grid_prob=np.stack(grid_prob),
        x_train=ds.x_train,
        y_train=ds.y_train,
        flipped=ds.flipped,
        residual=np.stack(residual),
    )
