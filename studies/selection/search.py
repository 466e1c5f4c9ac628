"""Hyperparameter search with a fixed budget: grid, random and Bayesian optimisation (optuna's TPE)
over the learning rate and the weight decay of a small MLP, repeated many times.

The search space is a lattice of ``side`` x ``side`` log-spaced (learning rate, weight decay) pairs.
Every pair of it is trained once, in ONE compiled call (one network per pair; the hyperparameters
are traced inputs), which gives the true validation surface: each method then spends its budget on
points of that lattice, and a point's score is the validation loss of its trained network. So the
methods are compared on exactly the same trainings, and every repetition is cheap.

* grid: the largest s x s sub-grid that fits the budget (cell centres of the lattice);
* random: ``budget`` lattice points drawn uniformly (independently, as in practice);
* TPE: optuna's tree-structured Parzen estimator, asked for one point at a time and told its score
  (the first ``startup`` points at random, then where its model of good points expects them).

Reported: the best validation loss found against the budget spent (mean and spread over the
repetitions), how many distinct values of each axis each method tried, how much each axis matters
(the spread of the best loss reachable at each of its values), and the test loss of each method's
choice (a fresh test set the search never saw).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from landscapes import data as data_mod
from landscapes import mlp

from . import nets, truth

__all__ = ["METHODS", "SearchConfig", "SearchResult", "grid_points", "run_search", "search_estimate"]

METHODS = ("grid", "random", "tpe")
MAX_SIDE = 32
MAX_BUDGET = 64
MAX_REPEATS = 100
N_TEST = 2000
SECONDS_PER_TPE_TRIAL = 4e-3


class SearchConfig(NamedTuple):
    """One search experiment (hashable)."""

    dataset: str = "moons"
    n_train: int = 200
    n_val: int = 200
    noise: float = 0.25
    label_noise: float = 0.1
    width: int = 32
    steps: int = 300
    lr_range: tuple[float, float] = (1e-4, 1.0)
    wd_range: tuple[float, float] = (1e-5, 1.0)
    side: int = 21  # lattice points per axis
    budget: int = 16  # trainings each method may spend
    repeats: int = 30
    startup: int = 5  # TPE's random points before it models
    seed: int = 0

    def check(self) -> None:
        """Raise ValueError naming the first value out of range (the studies call it first)."""
        _check(self)


class SearchResult(NamedTuple):
    """What :func:`run_search` returns. Surfaces have rows = weight decay, columns = learning rate."""

    config: SearchConfig
    lr: np.ndarray  # (side,)
    wd: np.ndarray  # (side,)
    val_loss: np.ndarray  # (side, side) validation loss of each lattice point (the true surface)
    test_loss: np.ndarray  # (side, side) on the fresh test set
    val_err: np.ndarray  # (side, side) validation misclassification rate
    diverged: np.ndarray  # (side, side) bool: training blew up (scored as the worst finite loss)
    picks: dict[str, np.ndarray]  # method -> (repeats, budget, 2) lattice (wd index, lr index) in order
    best_so_far: dict[str, np.ndarray]  # method -> (repeats, budget) best validation loss after b trials

    def chosen(self, method: str) -> np.ndarray:
        """(repeats, 2) the lattice point each repetition of ``method`` ends with (its best)."""
        p = self.picks[method]
        scores = self.val_loss[p[..., 0], p[..., 1]]
        return p[np.arange(len(p)), np.argmin(scores, axis=1)]

    def chosen_test(self, method: str) -> np.ndarray:
        """(repeats,) test loss of each repetition's chosen point."""
        c = self.chosen(method)
        return self.test_loss[c[:, 0], c[:, 1]]

    def distinct(self, method: str) -> np.ndarray:
        """(repeats, 2) distinct values of (weight decay, learning rate) each repetition tried."""
        p = self.picks[method]
        return np.asarray([[np.unique(r[:, j]).size for j in range(2)] for r in p])

    @property
    def importance(self) -> np.ndarray:
        """(2,) how much (weight decay, learning rate) matter: the spread (max - min) of the best
        validation loss reachable at each value of the axis, over every value of the other."""
        return np.asarray([np.ptp(self.val_loss.min(axis=1)), np.ptp(self.val_loss.min(axis=0))])

    @property
    def optimum(self) -> tuple[int, int]:
        """(wd index, lr index) of the lattice's lowest validation loss."""
        i = int(np.argmin(self.val_loss))
        return divmod(i, self.val_loss.shape[1])


def _check(cfg: SearchConfig) -> None:
    if cfg.dataset not in data_mod.KINDS or data_mod.n_classes(cfg.dataset) != 2:
        raise ValueError(
            f"data set {cfg.dataset!r} must be one of the two-class sets: moons, circles, spirals, xor"
        )
    for name, v, lo, hi in (
        ("side", cfg.side, 3, MAX_SIDE),
        ("budget", cfg.budget, 1, MAX_BUDGET),
        ("repeats", cfg.repeats, 1, MAX_REPEATS),
        ("width", cfg.width, 1, 256),
        ("startup", cfg.startup, 1, MAX_BUDGET),
    ):
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v} is outside [{lo}, {hi}]")
    if cfg.budget > cfg.side**2:
        raise ValueError(f"budget {cfg.budget} is larger than the {cfg.side**2} lattice points")
    for name, (lo, hi) in (("learning rate", cfg.lr_range), ("weight decay", cfg.wd_range)):
        if not 0 < lo < hi:
            raise ValueError(f"{name} range ({lo:g}, {hi:g}) must satisfy 0 < low < high")


def search_estimate(cfg: SearchConfig) -> float:
    """Estimated warm seconds of :func:`run_search` on the project's machine."""
    train = nets.estimate_seconds(cfg.side**2, cfg.n_train, 4 * cfg.width + 1, cfg.steps)
    return train + SECONDS_PER_TPE_TRIAL * cfg.repeats * cfg.budget


def grid_points(side: int, s: int) -> np.ndarray:
    """Indices (s,) of an s-point grid on a lattice axis of ``side`` points: the centres of s equal
    cells (s = 1: the middle)."""
    return np.round((np.arange(s) + 0.5) * side / s - 0.5).astype(np.int64)


_SEARCH_ONLY = {"budget": 16, "repeats": 30, "startup": 5}  # fields that do not change the surface


def _surface(cfg: SearchConfig, progress) -> tuple:
    """The lattice's trained networks' scores; kept for the process's last few surfaces, so a new
    budget, number of repetitions or TPE start reuses the trainings."""
    key = cfg._replace(**_SEARCH_ONLY)
    if key not in _SURFACES:
        progress(0.05, ("train", {"n": cfg.side**2}))
        _SURFACES[key] = _train_surface(key)
        while len(_SURFACES) > 4:
            _SURFACES.pop(next(iter(_SURFACES)))
    return _SURFACES[key]


_SURFACES: dict[SearchConfig, tuple] = {}


def _train_surface(cfg: SearchConfig) -> tuple:
    # training and validation points come from one noisy draw (the data one has, label noise and
    # all); the test set is clean and never seen by any search
    ds = data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train + cfg.n_val,
        n_test=N_TEST,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.seed,
    )
    lr = np.geomspace(*cfg.lr_range, cfg.side)
    wd = np.geomspace(*cfg.wd_range, cfg.side)
    wd_g, lr_g = np.meshgrid(wd, lr, indexing="ij")
    spec = mlp.make_spec(d_in=2, width=cfg.width, depth=1, n_classes=2, activation="tanh")
    n_pts = cfg.side**2
    x_eval = np.concatenate([ds.x_train[cfg.n_train :], ds.x_test])
    y_eval = np.concatenate([ds.y_train[cfg.n_train :], ds.y_test])
    out = nets.train(
        spec,
        cfg.steps,
        ds.x_train[: cfg.n_train],
        ds.y_train[: cfg.n_train],
        np.ones((n_pts, cfg.n_train), np.float32),
        np.full(n_pts, cfg.seed),
        lr_g.ravel(),
        wd_g.ravel(),
        x_eval,
        pad_samples=False,  # the sample size is the experiment's, no control changes it
    )
    z = out.out_eval.astype(np.float64)
    s = 2.0 * y_eval - 1.0
    loss = np.logaddexp(0.0, -s * z)  # binary cross-entropy of each logit
    wrong = (z > 0) != (y_eval == 1)
    val = loss[:, : cfg.n_val].mean(1)
    test = loss[:, cfg.n_val :].mean(1)
    bad = ~np.isfinite(val) | ~np.isfinite(test)
    # a network that blew up is scored as the worst one that did not (no method may pick it)
    val = np.where(bad, np.nanmax(np.where(bad, np.nan, val)), val)
    test = np.where(bad, np.nanmax(np.where(bad, np.nan, test)), test)
    shape = (cfg.side, cfg.side)
    return (
        lr,
        wd,
        val.reshape(shape),
        test.reshape(shape),
        wrong[:, : cfg.n_val].mean(1).reshape(shape),
        bad.reshape(shape),
    )


def _grid(cfg: SearchConfig, val: np.ndarray) -> np.ndarray:
    """(budget, 2) the points grid search evaluates with the full budget, in order, padded by
    repeating its last point when the budget is not a square (the extra trainings are not spent)."""
    s = int(np.floor(np.sqrt(cfg.budget)))
    g = grid_points(cfg.side, s)
    pts = np.stack(np.meshgrid(g, g, indexing="ij"), -1).reshape(-1, 2)
    return np.concatenate([pts, np.repeat(pts[-1:], cfg.budget - len(pts), 0)])


def _grid_curve(cfg: SearchConfig, val: np.ndarray) -> np.ndarray:
    """(budget,) the best loss of grid search with a budget of b = 1..budget: an s x s grid with
    s = floor(sqrt(b)) (a grid is planned for its budget, so a smaller budget is a coarser grid)."""
    out = np.empty(cfg.budget)
    for b in range(1, cfg.budget + 1):
        g = grid_points(cfg.side, int(np.floor(np.sqrt(b))))
        out[b - 1] = val[np.ix_(g, g)].min()
    return out


def _tpe(cfg: SearchConfig, val: np.ndarray, progress) -> np.ndarray:
    """(repeats, budget, 2) TPE's picks: the repetitions advance together, one trial at a time."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    dists = {
        "wd": optuna.distributions.IntDistribution(0, cfg.side - 1),
        "lr": optuna.distributions.IntDistribution(0, cfg.side - 1),
    }
    studies = [
        optuna.create_study(
            direction="minimize",
            sampler=optuna.samplers.TPESampler(n_startup_trials=cfg.startup, seed=cfg.seed * MAX_REPEATS + r),
        )
        for r in range(cfg.repeats)
    ]
    picks = np.empty((cfg.repeats, cfg.budget, 2), np.int64)
    for b in range(cfg.budget):
        for r, study in enumerate(studies):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=optuna.exceptions.ExperimentalWarning)
                trial = study.ask(dists)
            i, j = trial.params["wd"], trial.params["lr"]
            picks[r, b] = (i, j)
            study.tell(trial, float(val[i, j]))
        progress(0.6 + 0.4 * (b + 1) / cfg.budget, ("tpe", {"done": b + 1, "total": cfg.budget}))
    return picks


def run_search(cfg: SearchConfig, progress: Callable[[float, tuple], None] | None = None) -> SearchResult:
    """Run the experiment (see the module docstring).

    Args:
        cfg: the experiment.
        progress: called as ``progress(fraction, (stage, fields))``.

    Returns:
        :class:`SearchResult`.

    Raises:
        ValueError: an invalid config, naming the value.
    """
    _check(cfg)
    report = progress or (lambda f, info: None)
    lr, wd, val, test, err, bad = _surface(cfg, report)
    report(0.6, ("tpe", {"done": 0, "total": cfg.budget}))
    rng = truth.rng_for(cfg.seed, 8)
    picks = {
        "grid": np.repeat(_grid(cfg, val)[None], cfg.repeats, 0),
        "random": rng.integers(0, cfg.side, (cfg.repeats, cfg.budget, 2)),
        "tpe": _tpe(cfg, val, report),
    }
    best = {m: np.minimum.accumulate(val[p[..., 0], p[..., 1]], axis=1) for m, p in picks.items()}
    best["grid"] = np.repeat(_grid_curve(cfg, val)[None], cfg.repeats, 0)
    return SearchResult(
        config=cfg,
        lr=lr,
        wd=wd,
        val_loss=val,
        test_loss=test,
        val_err=err,
        diverged=bad,
        picks=picks,
        best_so_far=best,
    )
