"""Model-selection lab: cross-validation, bias-variance, bootstrap, bagging, boosting and
hyperparameter search, every number computed on data whose truth is known.

Thin page: widgets (through ui.state's schema) -> one computation per view (ui.selection_model:
inline when cheap, a job otherwise, precomputed for the defaults and presets) -> viz.selection.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st

import i18n
import viz.selection as vs
from i18n import STRINGS, t
from ui import glossary, progress, shell, state, widgets
from ui import selection_model as sm


def _f(x: float, digits: int = 3) -> str:
    """A number as the page prints it (``digits`` significant digits)."""
    return f"{float(x):.{digits}g}"


def _text(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """A figure's texts in the current language: i18n ``selection.<prefix>.<key>`` for each key."""
    return {k: t(f"selection.{prefix}.{k}") for k in keys}


def _describe(info: Any) -> str:
    """A job's progress info ``(stage, fields)`` as a line of text."""
    stage, fields = info
    return t(f"selection.progress_{stage}", **fields)


def _computed(ps: state.PageState, submitted: bool) -> Any:
    """The result of the chosen view's computation: stored, computed inline when cheap, or a job
    (its progress drawn while it runs: None until it is done)."""
    try:
        spec = sm.view_job(ps.values())
    except ValueError as e:
        st.error(t("selection.bad_config", msg=widgets.literal(e)))
        return None
    from studies import store

    stored = store.lookup(spec.func, spec.args)
    if stored is not None:
        return stored
    if spec.estimate <= sm.INLINE_S:
        return sm.run_inline(spec.func, spec.args)
    return progress.result(ps, spec, describe=_describe, autostart_s=sm.AUTOSTART_S, submitted=submitted)


def _layout(
    ps: state.PageState,
    view: str,
    names: tuple[str, ...],
    *,
    outside: tuple[str, ...] = (),
    hide: frozenset[str] = frozenset(),
    formats: dict[str, Callable] | None = None,
):
    """Controls on the left (``outside`` ones rerun at once: they decide which others apply; the
    rest in a form with a Run button), the view's result on the right.

    Returns:
        (the result, or None while it runs or cannot run; the figures' column).
    """
    formats = formats or {}
    controls, figs = st.columns([1, 2.8], gap="medium")

    def draw(name: str) -> None:
        help_key = f"selection.{name}_help"
        widgets.control(
            ps,
            ps.schema[name],
            t(f"selection.{name}"),
            help=t(help_key) if help_key in STRINGS else None,
            format_func=formats.get(name),
        )

    with controls:
        widgets.caption(t(f"selection.{view}.about"))
        for name in outside:
            draw(name)
        with st.form(ps.key(f"_form_{view}"), border=True):
            for name in names:
                if name not in hide:
                    draw(name)
            submitted = st.form_submit_button(t("selection.run"), type="primary", key=ps.key(f"_run_{view}"))
    with figs:
        out = _computed(ps, submitted)
    return out, figs


def _show(
    figs, view: str, verdict: str, charts: list[tuple[str, Any]], note: str | None = None, **explain
) -> None:
    """A view's result in its column: the verdict (a sentence computed from the numbers), an
    optional note, the charts (``(widget key, figure)``, in order) and the view's explanation."""
    with figs:
        widgets.markdown(verdict)
        if note is not None:
            st.info(note)
        for key, fig in charts:
            widgets.chart(fig, key=key)
        widgets.caption(t(f"selection.{view}.explain", **explain))


def _text_of(prefix: str, table: dict) -> dict[str, str]:
    """:func:`_text` for every key of a figure's text table (``viz.selection.*_TEXT``)."""
    return _text(prefix, tuple(table))


# ---- views, in the lecture's order


def cv_view(ps: state.PageState) -> None:
    names = ("cv_n", "cv_noise", "cv_k", "cv_repeats", "cv_holdout", "cv_loo", "cv_width", "cv_seed")
    out, figs = _layout(ps, "cv", names)
    if out is None:
        return
    c = out.config
    ratio = np.std(out.holdout_est) / max(np.std(out.kfold_est), 1e-12)
    loo = t("selection.cv.verdict_loo", loo=_f(out.loo_est)) if c.loo else ""
    verdict = t(
        "selection.cv.verdict",
        r=c.repeats,
        k=c.k,
        p=f"{c.holdout:.0%}",
        n=c.n,
        k_lo=_f(out.kfold_est.min()),
        k_hi=_f(out.kfold_est.max()),
        k_sd=_f(np.std(out.kfold_est), 2),
        h_lo=_f(out.holdout_est.min()),
        h_hi=_f(out.holdout_est.max()),
        h_sd=_f(np.std(out.holdout_est), 2),
        ratio=_f(ratio, 2),
        true=_f(out.true_err),
    )
    estimates = vs.estimates_figure(
        out.kfold_est,
        out.holdout_est,
        out.loo_est if c.loo else np.nan,
        out.true_err,
        c.k,
        c.holdout,
        text=_text_of("cv.est", vs.resampling.ESTIMATES_TEXT),
    )
    folds = vs.folds_figure(out.x, out.folds, out.held, text=_text_of("cv.folds", vs.resampling.FOLDS_TEXT))
    _show(figs, "cv", verdict + " " + loo, [("sel_cv_estimates", estimates), ("sel_cv_folds", folds)], k=c.k)


def timeseries_view(ps: state.PageState) -> None:
    names = (
        "ts_length",
        "ts_trend",
        "ts_season",
        "ts_noise",
        "ts_corr",
        "ts_folds",
        "ts_horizon",
        "ts_series",
        "ts_seed",
    )
    out, figs = _layout(ps, "timeseries", names)
    if out is None:
        return
    c = out.config
    verdict = t(
        "selection.timeseries.verdict",
        s=len(out.shuffled_est),
        sh=_f(out.shuffled_est.mean()),
        ro=_f(out.rolling_est.mean()),
        la=_f(out.later_err.mean()),
        m=int(np.sum(out.shuffled_est < out.rolling_est)),
        h=c.horizon,
        w=out.window,
    )
    estimates = vs.ts_estimates_figure(
        out.shuffled_est,
        out.rolling_est,
        out.later_err,
        text=_text_of("timeseries.est", vs.resampling.TS_EST_TEXT),
    )
    series = vs.series_figure(
        out.t,
        out.y[0],
        out.truth,
        c.length,
        out.shuffled_fold[0],
        out.shuffled_pred[0],
        out.rolling_pred[0],
        out.final_pred[0],
        out.blocks,
        out.window,
        text=_text_of("timeseries.series", vs.resampling.SERIES_TEXT),
    )
    _show(figs, "timeseries", verdict, [("sel_ts_estimates", estimates), ("sel_ts_series", series)])


def bias_variance_view(ps: state.PageState) -> None:
    names = ("bv_max", "bv_widths", "bv_n", "bv_noise", "bv_sets", "bv_source", "bv_seed")
    formats = {
        "bv_model": lambda k: t(f"selection.bv_model_{k}"),
        "bv_source": lambda k: t(f"selection.bv_source_{k}"),
    }
    hide = frozenset({"bv_widths"} if ps.get("bv_model") == "poly" else {"bv_max"})
    out, figs = _layout(ps, "bias_variance", names, outside=("bv_model",), hide=hide, formats=formats)
    if out is None:
        return
    c = out.config
    caps = [int(x) for x in out.capacities]
    cap_word = t(f"selection.bv_cap_{c.model}")
    b = out.best
    z = np.abs(out.bias2 + out.variance + out.noise - out.test_mse) / np.maximum(out.test_se, 1e-12)
    verdict = t(
        "selection.bias_variance.verdict",
        cap=cap_word,
        best=caps[b],
        err=_f(out.test_mse[b]),
        first=caps[0],
        last=caps[-1],
        b0=_f(out.bias2[0]),
        b1=_f(out.bias2[-1]),
        v0=_f(out.variance[0]),
        v1=_f(out.variance[-1]),
        noise=_f(out.noise),
        sets=c.sets,
        z=_f(z.max(), 2),
    )
    text = _text_of("bias_variance.fig", vs.decomposition.BV_TEXT)
    text["capacity"] = cap_word
    decomposition = vs.decomposition_figure(
        caps, out.bias2, out.variance, out.noise, out.test_mse, out.test_se, out.train_mse, text=text
    )
    shown = sorted({0, b, len(caps) - 1})
    spread_text = _text_of("bias_variance.spread", vs.decomposition.SPREAD_TEXT)
    spread_text["panel"] = cap_word + " {c}"
    spread = vs.spread_figure(
        out.x_eval,
        out.truth,
        out.curves[shown],
        out.mean_curve[shown],
        [caps[i] for i in shown],
        out.x_train,
        out.y_train,
        text=spread_text,
    )
    _show(figs, "bias_variance", verdict, [("sel_bv", decomposition), ("sel_bv_spread", spread)])


def bootstrap_view(ps: state.PageState) -> None:
    names = ("bs_degree", "bs_n", "bs_noise", "bs_B", "bs_level", "bs_repeats", "bs_seed")
    formats = {"bs_stat": lambda k: t(f"selection.bs_stat_{k}"), "bs_level": lambda k: f"{k}%"}
    hide = frozenset({"bs_degree"} if ps.get("bs_stat") == "slope" else ())
    out, figs = _layout(ps, "bootstrap", names, outside=("bs_stat",), hide=hide, formats=formats)
    if out is None:
        return
    c = out.config
    verdict = t(
        "selection.bootstrap.verdict",
        what=t(f"selection.bs_stat_{c.statistic}"),
        est=_f(out.estimate),
        lo=_f(out.interval[0]),
        hi=_f(out.interval[1]),
        level=f"{c.level:.0%}",
        true=_f(out.true_value),
        b_sd=_f(out.boot.std(), 2),
        f_sd=_f(out.fresh.std(), 2),
        b=c.resamples,
        f=c.fresh,
    )
    note = None
    if c.statistic == "error":
        note = t(
            sm.boot_note_key(out.boot.mean(), out.fresh.mean()),
            b_mean=_f(out.boot.mean()),
            f_mean=_f(out.fresh.mean()),
        )
    charts = [
        (
            "sel_bs_dist",
            vs.distribution_figure(
                out.boot,
                out.fresh,
                out.interval,
                out.true_value,
                out.estimate,
                c.level,
                text=_text_of("bootstrap.dist", vs.resampling.DIST_TEXT),
            ),
        ),
        (
            "sel_bs_resample",
            vs.resample_figure(
                out.x,
                out.y,
                out.x_eval,
                out.fits,
                out.fit,
                _truth(out.x_eval),
                out.counts,
                text=_text_of("bootstrap.resample", vs.resampling.RESAMPLE_TEXT),
            ),
        ),
    ]
    if c.repeats:
        cover = vs.coverage_figure(
            out.cover_lo,
            out.cover_hi,
            out.cover_estimate,
            out.true_value,
            c.level,
            text=_text_of("bootstrap.cover", vs.resampling.COVER_TEXT),
        )
        charts.append(("sel_bs_cover", cover))
    _show(figs, "bootstrap", verdict, charts, note=note)


def _truth(x: np.ndarray) -> np.ndarray:
    from studies.selection import truth

    return truth.curve(x)


def bagging_view(ps: state.PageState) -> None:
    names = ("bg_members", "bg_sets", "bg_n", "bg_noise", "bg_width", "bg_seed")
    formats = {"bg_model": lambda k: t(f"selection.bg_model_{k}")}
    hide = frozenset({"bg_width"} if ps.get("bg_model") == "tree" else ())
    out, figs = _layout(ps, "bagging", names, outside=("bg_model",), hide=hide, formats=formats)
    if out is None:
        return
    c = out.config
    drop = 1 - out.var_bagged / out.var_single if out.var_single > 0 else 0.0
    verdict = t(
        "selection.bagging.verdict",
        b=c.members,
        r=c.sets,
        vs=_f(out.var_single),
        vb=_f(out.var_bagged),
        change=t(sm.bag_change_key(out.var_single, out.var_bagged), pct=f"{abs(drop):.0%}"),
        bs=_f(out.bias2_single, 2),
        bb=_f(out.bias2_bagged, 2),
        ts=_f(out.single_test.mean()),
        tb=_f(out.bagged_test.mean()),
        oob=_f(out.oob.mean()),
        test=_f(out.bagged_test.mean()),
    )
    charts = [
        (
            "sel_bag",
            vs.bagging_figure(
                out.bias2_single,
                out.var_single,
                out.bias2_by_members,
                out.var_by_members,
                out.noise,
                text=_text_of("bagging.fig", vs.decomposition.BAG_TEXT),
            ),
        ),
        (
            "sel_bag_fits",
            vs.bag_fits_figure(
                out.x_eval,
                out.truth,
                out.single,
                out.bagged,
                text=_text_of("bagging.fits", vs.decomposition.FITS_TEXT),
            ),
        ),
        (
            "sel_bag_oob",
            vs.oob_figure(out.oob, out.bagged_test, text=_text_of("bagging.oob", vs.decomposition.OOB_TEXT)),
        ),
    ]
    _show(figs, "bagging", verdict, charts)


def boosting_view(ps: state.PageState) -> None:
    names = ("bo_data", "bo_n", "bo_noise", "bo_flip", "bo_depth", "bo_rounds", "bo_rate", "bo_seed")
    formats = {"bo_data": lambda k: t(f"selection.bo_data_{k}")}
    out, figs = _layout(ps, "boosting", names, formats=formats)
    if out is None:
        return
    c = out.config
    i = out.main
    best = {f"{r:g}": out.best_round(j) for j, r in enumerate(out.rates)}
    verdict = t(
        "selection.boosting.verdict",
        rate=f"{c.rate:g}",
        best=out.best_round(),
        e_best=_f(out.test_err[i].min()),
        m=c.rounds,
        e_end=_f(out.test_err[i, -1]),
        tr_end=_f(out.train_err[i, -1]),
        trend=t(sm.boost_trend_key(out.test_err[i])),
        rounds=", ".join(f"η {r}: {b}" for r, b in best.items()),
    )
    bounds = vs.boundary_figure(
        out.grid_x,
        out.grid_y,
        out.grid_prob,
        out.snapshots,
        out.x_train,
        out.y_train,
        out.residual,
        out.flipped,
        c.rate,
        text=_text_of("boosting.bounds", vs.ensembles.BOUNDARY_TEXT),
    )
    curves = vs.boost_curves_figure(
        out.rates,
        out.train_err,
        out.test_err,
        out.main,
        text=_text_of("boosting.curves", vs.ensembles.CURVES_TEXT),
    )
    _show(figs, "boosting", verdict, [("sel_boost_bounds", bounds), ("sel_boost_curves", curves)])


def search_view(ps: state.PageState) -> None:
    names = ("se_budget", "se_repeats", "se_noise", "se_flip", "se_steps", "se_startup", "se_seed")
    out, figs = _layout(ps, "search", names)
    if out is None:
        return
    c = out.config
    final = {m: out.best_so_far[m][:, -1].mean() for m in out.picks}
    imp_wd, imp_lr = out.importance
    verdict = t(
        "selection.search.verdict",
        b=c.budget,
        r=c.repeats,
        grid=_f(final["grid"]),
        random=_f(final["random"]),
        tpe=_f(final["tpe"]),
        opt=_f(out.val_loss.min()),
        g_lr=int(out.distinct("grid")[:, 1].mean()),
        r_lr=_f(out.distinct("random")[:, 1].mean(), 2),
        imp_lr=_f(imp_lr, 2),
        imp_wd=_f(imp_wd, 2),
        axis=t("selection.search.axis_lr" if imp_lr > imp_wd else "selection.search.axis_wd"),
        t_grid=_f(out.chosen_test("grid").mean()),
        t_random=_f(out.chosen_test("random").mean()),
        t_tpe=_f(out.chosen_test("tpe").mean()),
    )
    first = {m: p[0] for m, p in out.picks.items()}
    surface = vs.surface_figure(
        out.lr,
        out.wd,
        out.val_loss,
        first,
        out.optimum,
        text=_text_of("search.surface", vs.search.SURFACE_TEXT),
    )
    budget = vs.budget_figure(
        out.best_so_far,
        float(out.val_loss.min()),
        text=_text_of("search.budget", vs.search.BUDGET_TEXT),
    )
    tried = {m: (first[m][:, 0], first[m][:, 1]) for m in ("grid", "random")}
    marginal = vs.marginal_figure(
        out.lr,
        out.wd,
        out.val_loss,
        tried,
        text=_text_of("search.marginal", vs.search.MARGINAL_TEXT),
    )
    charts = [
        ("sel_search_surface", surface),
        ("sel_search_budget", budget),
        ("sel_search_marginal", marginal),
    ]
    _show(figs, "search", verdict, charts)


VIEW_FUNCS = {
    "cv": cv_view,
    "timeseries": timeseries_view,
    "bias_variance": bias_variance_view,
    "bootstrap": bootstrap_view,
    "bagging": bagging_view,
    "boosting": boosting_view,
    "search": search_view,
}


def body() -> None:
    ps = state.PageState(sm.PAGE)
    top = widgets.page_header(ps, "selection")
    ps.declare(sm.schema())
    view = st.radio(
        t("selection.view"),
        sm.VIEWS,
        key=ps.key("view"),
        horizontal=True,
        format_func=i18n.bound(lambda v: t(f"selection.view_{v}")),
        help=glossary.help_for(t("selection.view"), *(t(f"selection.view_{v}") for v in sm.VIEWS)),
    )
    VIEW_FUNCS[view](ps)
    widgets.show_notices(ps, ps.finish(), top)


shell.page(sm.PAGE, body)
