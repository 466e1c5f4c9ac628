"""The Model-selection lab's controls (share-link schema) and what each view computes.

Plain Python except one cache decorator: the page reads widgets through ``ui.state`` with
:func:`schema`; :func:`view_job` turns the values into the computation the chosen view needs (a
:class:`JobSpec`: a ``studies.selection`` function, its config and an estimate). The page runs a
cheap one inline (cached, :func:`run_inline`) and a slow one as a job (``ui.progress``); the
default views and the slow presets ship precomputed (:func:`precomputed_jobs`, ``studies.store``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from studies import selection as sel
from ui.progress import JobSpec  # one job record for every lab
from ui.url import Param
from ui.widgets import float_param

PAGE = "model_selection"
# the lecture's order: cross-validation (and on a time series), bias-variance, bootstrapping,
# bagging and boosting (001, 000), then hyperparameter search (002)
VIEWS = ("cv", "timeseries", "bias_variance", "bootstrap", "bagging", "boosting", "search")
WIDTHS = ("1", "2", "3", "4", "6", "8", "12", "16", "24", "32", "48", "64", "128")
NET_WIDTHS = ("4", "8", "16", "32", "64")
SEEDS = (0, 99)
AUTOSTART_S = 30.0  # a configuration estimated longer does not start from a link by itself (Run)
INLINE_S = 1.5  # estimated shorter: computed in the page's own run (cached), not as a job
PRECOMPUTE_OVER_S = 2.0  # default views and presets estimated longer ship their results


def schema() -> list[Param]:
    """Every control of the page (names are the share-link parameters; keep them stable)."""
    return [
        Param("view", "choice", "cv", choices=VIEWS),
        # cross-validation
        Param("cv_n", "int", 40, 10, 200),
        Param("cv_noise", "float", 0.3, 0.0, 1.0),
        Param("cv_k", "int", 10, 2, 20),
        Param("cv_repeats", "int", 20, 1, 50),
        Param("cv_holdout", "float", 0.2, 0.1, 0.5),
        Param("cv_loo", "bool", True),
        Param("cv_width", "choice", "16", choices=NET_WIDTHS),
        Param("cv_seed", "int", 0, *SEEDS),
        # time series
        Param("ts_length", "choice", "120", choices=("72", "96", "120", "144", "192", "240")),
        Param("ts_trend", "float", 0.5, 0.0, 2.0),
        Param("ts_season", "float", 1.0, 0.0, 2.0),
        Param("ts_noise", "float", 0.5, 0.0, 1.0),
        Param("ts_corr", "float", 0.8, 0.0, 0.95),
        Param("ts_folds", "int", 5, 2, 8),
        Param("ts_horizon", "choice", "12", choices=("6", "12", "24")),
        Param("ts_series", "int", 16, 1, 32),
        Param("ts_seed", "int", 0, *SEEDS),
        # bias-variance
        Param("bv_model", "choice", "poly", choices=sel.BV_MODELS),
        Param("bv_max", "int", 12, 2, 20),
        Param("bv_widths", "multi", ("1", "2", "3", "4", "6", "8", "12", "16", "32", "64"), choices=WIDTHS),
        Param("bv_n", "int", 50, 10, 200),
        Param("bv_noise", "float", 0.3, 0.0, 1.0),
        Param("bv_sets", "int", 100, 10, 500),
        Param("bv_source", "choice", "fresh", choices=sel.BV_SOURCES),
        Param("bv_seed", "int", 0, *SEEDS),
        # bootstrap
        Param("bs_stat", "choice", "slope", choices=sel.BOOT_STATISTICS),
        Param("bs_degree", "int", 3, 0, 10),
        Param("bs_n", "int", 30, 10, 200),
        Param("bs_noise", "float", 0.5, 0.0, 1.0),
        Param("bs_B", "choice", "1000", choices=("200", "500", "1000", "2000", "5000")),
        Param("bs_level", "choice", "90", choices=("80", "90", "95")),
        Param("bs_repeats", "choice", "200", choices=("0", "50", "100", "200", "400")),
        Param("bs_seed", "int", 0, *SEEDS),
        # bagging
        Param("bg_model", "choice", "mlp", choices=sel.BAG_MODELS),
        Param("bg_members", "int", 16, 2, 50),
        Param("bg_sets", "int", 24, 4, 48),
        Param("bg_n", "int", 30, 10, 200),
        Param("bg_noise", "float", 0.3, 0.0, 1.0),
        Param("bg_width", "choice", "16", choices=NET_WIDTHS),
        Param("bg_seed", "int", 0, *SEEDS),
        # boosting
        Param("bo_data", "choice", "moons", choices=sel.BOOST_DATA),
        Param("bo_n", "choice", "300", choices=("100", "200", "300", "500", "1000")),
        Param("bo_noise", "float", 0.15, 0.0, 0.5),
        Param("bo_flip", "float", 0.15, 0.0, 0.4),
        Param("bo_depth", "int", 2, 1, 4),
        Param("bo_rounds", "choice", "500", choices=("50", "100", "200", "500", "1000", "2000")),
        float_param("bo_rate", 0.1, 0.01, 1.0, log=True),
        Param("bo_seed", "int", 0, *SEEDS),
        # hyperparameter search
        Param("se_budget", "int", 16, 4, 36),
        Param("se_repeats", "int", 30, 5, 60),
        Param("se_noise", "float", 0.2, 0.0, 0.5),
        Param("se_flip", "float", 0.0, 0.0, 0.3),
        Param("se_steps", "choice", "200", choices=("100", "200", "300", "500")),
        Param("se_startup", "int", 5, 1, 10),
        Param("se_seed", "int", 0, *SEEDS),
    ]


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every control's value: the defaults with ``overrides`` (a preset's values) applied."""
    return {**{p.name: p.default for p in schema()}, **overrides}


# ---- control values -> study configs (plain Python; the tests build them the same way)


def cv_config(v: dict[str, Any]) -> sel.CVConfig:
    n = int(v["cv_n"])
    return sel.CVConfig(
        n=n,
        noise=float(v["cv_noise"]),
        k=min(int(v["cv_k"]), n),
        repeats=int(v["cv_repeats"]),
        holdout=float(v["cv_holdout"]),
        loo=bool(v["cv_loo"]),
        width=int(v["cv_width"]),
        seed=int(v["cv_seed"]),
    )


def ts_config(v: dict[str, Any]) -> sel.TSConfig:
    return sel.TSConfig(
        length=int(v["ts_length"]),
        trend=float(v["ts_trend"]),
        season=float(v["ts_season"]),
        noise=float(v["ts_noise"]),
        corr=float(v["ts_corr"]),
        folds=int(v["ts_folds"]),
        horizon=int(v["ts_horizon"]),
        series=int(v["ts_series"]),
        seed=int(v["ts_seed"]),
    )


def bv_config(v: dict[str, Any]) -> sel.BVConfig:
    if v["bv_model"] == "poly":
        caps = tuple(range(1, int(v["bv_max"]) + 1))
    else:
        caps = tuple(sorted({int(w) for w in v["bv_widths"]})) or (1, 64)
    return sel.BVConfig(
        model=v["bv_model"],
        capacities=caps,
        n_train=int(v["bv_n"]),
        noise=float(v["bv_noise"]),
        sets=int(v["bv_sets"]),
        source=v["bv_source"],
        seed=int(v["bv_seed"]),
    )


def boot_config(v: dict[str, Any]) -> sel.BootConfig:
    return sel.BootConfig(
        statistic=v["bs_stat"],
        degree=int(v["bs_degree"]),
        n=int(v["bs_n"]),
        noise=float(v["bs_noise"]),
        resamples=int(v["bs_B"]),
        level=int(v["bs_level"]) / 100,
        repeats=int(v["bs_repeats"]),
        seed=int(v["bs_seed"]),
    )


def bag_config(v: dict[str, Any]) -> sel.BagConfig:
    return sel.BagConfig(
        model=v["bg_model"],
        members=int(v["bg_members"]),
        sets=int(v["bg_sets"]),
        n_train=int(v["bg_n"]),
        noise=float(v["bg_noise"]),
        width=int(v["bg_width"]),
        seed=int(v["bg_seed"]),
    )


COMPARE_RATES = (1.0, 0.3, 0.1, 0.03)  # the boosting view's error curves: these and the chosen rate


def boost_config(v: dict[str, Any]) -> sel.BoostConfig:
    rate = float(v["bo_rate"])
    return sel.BoostConfig(
        dataset=v["bo_data"],
        n_train=int(v["bo_n"]),
        noise=float(v["bo_noise"]),
        label_noise=float(v["bo_flip"]),
        depth=int(v["bo_depth"]),
        rounds=int(v["bo_rounds"]),
        rate=rate,
        compare=tuple(r for r in COMPARE_RATES if r != rate),
        seed=int(v["bo_seed"]),
    )


def search_config(v: dict[str, Any]) -> sel.SearchConfig:
    budget = int(v["se_budget"])
    return sel.SearchConfig(
        noise=float(v["se_noise"]),
        label_noise=float(v["se_flip"]),
        steps=int(v["se_steps"]),
        budget=budget,
        repeats=int(v["se_repeats"]),
        startup=min(int(v["se_startup"]), budget),
        seed=int(v["se_seed"]),
    )


# ---- which sentence a verdict uses: decided by the numbers, in either direction

OVERFIT_RISE = 0.01  # test error this far above its lowest at the last round: boosting overfitted


def bag_change_key(var_single: float, var_bagged: float) -> str:
    """``selection.bagging.lower`` or ``.higher``: which way bagging moved the variance."""
    return "selection.bagging." + ("lower" if var_bagged <= var_single else "higher")


def boost_trend_key(test_err: np.ndarray) -> str:
    """``selection.boosting.overfit`` when the last round's test error is at least
    :data:`OVERFIT_RISE` above the lowest, else ``.no_overfit``."""
    test_err = np.asarray(test_err)
    rose = test_err[-1] - test_err.min() >= OVERFIT_RISE
    return "selection.boosting." + ("overfit" if rose else "no_overfit")


def boot_note_key(boot_mean: float, fresh_mean: float) -> str:
    """The note under the bootstrap of the test error: says "larger" only when it is."""
    return "selection.bootstrap." + ("error_note" if boot_mean > fresh_mean else "error_note_other")


_VIEW_RUN = {
    "cv": (cv_config, "run_cv", sel.cv_estimate),
    "timeseries": (ts_config, "run_time_series", sel.ts_estimate),
    "bias_variance": (bv_config, "run_bias_variance", sel.bv_estimate),
    "bootstrap": (boot_config, "run_bootstrap", sel.boot_estimate),
    "bagging": (bag_config, "run_bagging", sel.bag_estimate),
    "boosting": (boost_config, "run_boosting", sel.boost_estimate),
    "search": (search_config, "run_search", sel.search_estimate),
}


def view_job(v: dict[str, Any]) -> JobSpec:
    """The computation the chosen view needs (its config is checked: ValueError names a bad value)."""
    make, func, estimate = _VIEW_RUN[v["view"]]
    cfg = make(v)
    cfg.check()
    return JobSpec(v["view"], f"studies.selection:{func}", (cfg,), float(estimate(cfg)))


def precomputed_jobs() -> list[JobSpec]:
    """The computations whose results ship with the app (``presets/precomputed/``): each view's
    default and every preset estimated over :data:`PRECOMPUTE_OVER_S` seconds."""
    import presets

    candidates = [values_with({"view": view}) for view in VIEWS]
    candidates += [values_with(p.values) for p in presets.for_page(PAGE)]
    out: list[JobSpec] = []
    for v in candidates:
        spec = view_job(v)
        if spec.estimate > PRECOMPUTE_OVER_S and spec not in out:
            out.append(spec)
    return out


def warm_defaults() -> list[str]:
    """Compile (and run once) every view's default computation that the page runs in its own
    process (estimated at most :data:`INLINE_S`): the landing view's cross-validation networks
    (~2 s cold, ~0.5 s warm); the bias-variance and bootstrap defaults are NumPy. The views run as
    jobs ship their defaults precomputed.

    Returns:
        The views warmed.
    """
    from ui.jobs import resolve

    done = []
    for view in VIEWS:
        spec = view_job(values_with({"view": view}))
        if spec.estimate <= INLINE_S:
            resolve(spec.func)(*spec.args)
            done.append(view)
    return done


@st.cache_data(show_spinner=False, max_entries=32)
def run_inline(func: str, args: tuple) -> Any:
    """A cheap computation run in the page's own script run, cached for every visitor."""
    from ui.jobs import resolve

    return resolve(func)(*args)
