"""Batch-size lab: do large batches find sharp minima that generalise worse? Measured, not told.

Thin page: widgets (through ui.state's schema) -> cached calls in ui.batch_model -> viz.batch.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import numpy as np
import streamlit as st

import i18n
from i18n import t
from studies import batch
from ui import batch_model as bm
from ui import glossary, progress, shell, state, widgets
from viz import batch as vb


def _fmt(mean_sd) -> str:
    m, s = float(mean_sd[0]), float(mean_sd[1])
    if not np.isfinite(m):
        return "—"
    return f"{widgets.fmt_number(m)} ± {widgets.fmt_number(s)}"


def _describe(info) -> str:
    """A job's progress info as a line of text."""
    what, b, done, total = info
    if what == "train":
        return t("batch.progress_train", b=b, done=done, total=total)
    return t(f"batch.progress_{what}")


def _computed(ps: state.PageState, spec: bm.JobSpec, submitted: bool):
    """The result of ``spec`` (its progress drawn while it runs: None until it is done). A press of
    the form's Run button starts it whatever it costs; from a link, only a cheap one starts alone."""
    return progress.result(ps, spec, describe=_describe, autostart_s=bm.AUTOSTART_S, submitted=submitted)


def _table(out: batch.NetworkView) -> list[dict[str, str]]:
    s = out.summary
    eps = out.sharp.epsilons
    rows = []
    for i, b in enumerate(out.result.batch_sizes):
        row = {
            t("batch.col_batch"): str(int(b)),
            t("batch.col_train"): _fmt(s["train_loss"][i]),
            t("batch.col_test"): _fmt(s["test_loss"][i]),
            t("batch.col_gap"): _fmt(s["gap_loss"][i]),
            t("batch.col_gap_acc"): _fmt(s["gap_acc"][i]),
            t("batch.col_eig"): _fmt(s["top_eig"][i]),
        }
        for e in eps:
            row[t("batch.col_eps", eps=f"{e:g}")] = _fmt(s[f"eps_sharpness_{e:g}"][i])
        rows.append(row)
    return rows


def _verdict(out: batch.NetworkView) -> str:
    """What the numbers show about the largest batch against the smallest, in either direction."""
    s = out.summary
    bs = out.result.batch_sizes
    if len(bs) < 2:
        return t("batch.verdict_one")
    e_small, e_large = s["top_eig"][0, 0], s["top_eig"][-1, 0]
    g_small, g_large = s["gap_loss"][0, 0], s["gap_loss"][-1, 0]
    sharp, gap = bm.verdict_keys(e_small, e_large, g_small, g_large)
    fields = {
        "small": int(bs[0]),
        "large": int(bs[-1]),
        "e_small": f"{e_small:.3g}",
        "e_large": f"{e_large:.3g}",
        "g_small": f"{g_small:+.3f}",
        "g_large": f"{g_large:+.3f}",
    }
    lecture = (sharp, gap) == ("sharper", "larger")
    parts = [
        t("batch.verdict_lecture" if lecture else "batch.verdict_other"),
        t(f"batch.verdict_sharp.{sharp}", **fields),
        t(f"batch.verdict_gap.{gap}", **fields),
    ]
    if not lecture:
        parts.append(t("batch.verdict_hint"))
    return " ".join(parts)


def network(ps: state.PageState) -> None:
    """The MLP study: controls in a form, then the measurements."""
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls, st.form(ps.key("_form"), border=True):
        widgets.markdown(f"**{t('batch.data_section')}**")
        widgets.control(ps, sch["data"], t("batch.data"), format_func=lambda k: t(f"batch.data_{k}"))
        widgets.control(ps, sch["n_train"], t("batch.n_train"))
        widgets.control(ps, sch["noise"], t("batch.noise"), help=t("batch.noise_help"))
        widgets.control(ps, sch["label_noise"], t("batch.label_noise"), help=t("batch.label_noise_help"))
        widgets.markdown(f"**{t('batch.net_section')}**")
        widgets.control(ps, sch["width"], t("batch.width"))
        widgets.control(ps, sch["depth"], t("batch.depth"))
        widgets.control(ps, sch["act"], t("batch.act"), format_func=lambda k: t(f"batch.act_{k}"))
        widgets.control(ps, sch["init"], t("batch.init"), format_func=lambda k: t(f"batch.init_{k}"))
        widgets.markdown(f"**{t('batch.train_section')}**")
        widgets.control(ps, sch["opt"], t("batch.opt"), format_func=bm.optimizer_title)
        widgets.control(ps, sch["lr"], t("batch.lr"))
        widgets.control(ps, sch["rho"], t("batch.rho"), help=t("batch.rho_help"))
        widgets.control(
            ps,
            sch["scaling"],
            t("batch.scaling"),
            help=t("batch.scaling_help"),
            format_func=lambda k: t(f"batch.scaling_{k}"),
        )
        widgets.control(ps, sch["batches"], t("batch.batches"), help=t("batch.batches_help"))
        widgets.control(ps, sch["seeds"], t("batch.seeds"))
        widgets.control(ps, sch["steps"], t("batch.steps"), help=t("batch.steps_help"))
        widgets.control(ps, sch["sym"], t("batch.sym"), help=t("batch.sym_help"))
        submitted = st.form_submit_button(t("batch.run"), type="primary", key=ps.key("_run"))
    cfg = bm.study_config(ps.values())
    with figs:
        results, chooser, drawing = st.container(), st.container(), st.container()
    with chooser:  # drawn on every run (also while the study runs), so the choice is never dropped
        fig_id = _figure_choice(ps)
    with results:
        try:
            spec = bm.network_job(ps.values())
        except ValueError as e:
            st.error(t("batch.bad_config", msg=widgets.literal(e)))
            return
        out = _computed(ps, spec, submitted)
        if out is None:
            return
        widgets.caption(t("batch.done", n=len(cfg.batch_sizes) * cfg.seeds))
        diverged = int(out.result.diverged.sum())
        if diverged:
            st.warning(t("batch.diverged", n=diverged))
        widgets.markdown(_verdict(out))
        rows = _table(out)
        # each column header says its term in plain words (a table cell cannot hold a tooltip)
        columns = {c: st.column_config.Column(help=glossary.help_for(c)) for c in rows[0]}
        st.dataframe(rows, hide_index=True, width="stretch", column_config=columns)
    with drawing:
        draw_network(fig_id, out)


def _figure_choice(ps: state.PageState) -> str:
    """Which of the network study's figures to draw (a control of the link, so a shared view opens
    on the same figure; only that figure is built and sent, which keeps a first view light)."""
    names_fig = [t(f"batch.tab_{f}") for f in bm.FIGS]
    return st.radio(
        t("batch.fig"),
        bm.FIGS,
        key=ps.key("fig"),
        horizontal=True,
        format_func=i18n.bound(lambda f: t(f"batch.tab_{f}")),
        help=glossary.help_for(*names_fig),
    )


def draw_network(fig_id: str, out: batch.NetworkView) -> None:
    """The network study's figure ``fig_id`` (one of ``ui.batch_model.FIGS``)."""
    res = out.result
    bs = [int(b) for b in res.batch_sizes]
    names = {"train_name": t("batch.train"), "test_name": t("batch.test")}
    if fig_id == "curves":
        widgets.chart(
            vb.curves_figure(
                res.record_steps,
                res.train_loss,
                res.test_loss,
                bs,
                ylabel=t("batch.loss"),
                title=t("batch.curves_title"),
                xlabel=t("batch.step"),
                log_y=True,
                **names,
            ),
            key="batch_curves",
        )
        if np.isfinite(res.train_acc).any():
            widgets.chart(
                vb.curves_figure(
                    res.record_steps,
                    res.train_acc,
                    res.test_acc,
                    bs,
                    ylabel=t("batch.accuracy"),
                    title=t("batch.acc_title"),
                    xlabel=t("batch.step"),
                    **names,
                ),
                key="batch_acc",
            )
    elif fig_id == "gap":
        spread = {
            "xlabel": t("batch.batch_axis"),
            "mean_name": t("batch.mean_sd"),
            "seed_name": t("batch.seed_points"),
            "zero_line": True,
        }
        fig = vb.spread_figure(
            bs, res.gap_loss, ylabel=t("batch.gap_axis"), title=t("batch.gap_title"), **spread
        )
        widgets.chart(fig, key="batch_gap")
        if np.isfinite(res.gap_acc).any():
            widgets.chart(
                vb.spread_figure(
                    bs,
                    res.gap_acc,
                    ylabel=t("batch.gap_acc_axis"),
                    title=t("batch.gap_acc_title"),
                    xlabel=t("batch.batch_axis"),
                    mean_name=t("batch.mean_sd"),
                    seed_name=t("batch.seed_points"),
                    zero_line=True,
                ),
                key="batch_gap_acc",
            )
        widgets.caption(t("batch.gap_explain"))
    elif fig_id == "sharp":
        titles = [t("batch.eig_title")] + [t("batch.eps_title", eps=f"{e:g}") for e in out.sharp.epsilons]
        sh = out.sharp
        fig = vb.sharpness_figure(
            bs,
            sh.top_eig,
            sh.eps_sharpness,
            sh.epsilons,
            titles=titles,
            xlabel=t("batch.batch_axis"),
            mean_name=t("batch.mean_sd"),
            seed_name=t("batch.seed_points"),
        )
        widgets.chart(fig, key="batch_sharp")
        widgets.caption(t("batch.sharp_explain"))
    elif fig_id == "interp":
        if out.interp is None:
            st.info(t("batch.interp_need_two"))
        else:
            it = out.interp
            widgets.chart(
                vb.interpolation_figure(
                    it.alphas,
                    it.train_loss,
                    it.test_loss,
                    it.train_acc,
                    it.test_acc,
                    it.small,
                    it.large,
                    title=t("batch.interp_title"),
                    loss_label=t("batch.loss"),
                    acc_label=t("batch.accuracy"),
                    **names,
                ),
                key="batch_interp",
            )
            widgets.caption(t("batch.interp_explain", small=it.small, large=it.large))
    elif fig_id == "slices":
        fig = vb.slices_figure(
            out.slices.coords, out.slices.train, bs, title=t("batch.slices_title"), zlabel=t("batch.loss")
        )
        widgets.chart(fig, key="batch_slices")
        widgets.caption(t("batch.slices_explain"))
    elif fig_id == "bounds":
        widgets.chart(
            vb.decision_figure(
                out.grid_axes, out.grid_values, bs, out.x_train, out.y_train, title=t("batch.bounds_title")
            ),
            key="batch_bounds",
        )
        widgets.caption(t("batch.bounds_explain"))


def basins(ps: state.PageState) -> None:
    """The two-basin surface with the engine's mini-batch noise: who ends in the flat basin?"""
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls, st.form(ps.key("_bform"), border=True):
        widgets.control(ps, sch["b_start"], t("batch.b_start"), format_func=lambda k: t(f"batch.b_start_{k}"))
        widgets.control(ps, sch["b_noise"], t("batch.b_noise"), help=t("batch.b_noise_help"))
        widgets.control(ps, sch["b_lr"], t("batch.lr"))
        widgets.control(ps, sch["b_rho"], t("batch.rho"), help=t("batch.rho_help"))
        widgets.control(ps, sch["b_batches"], t("batch.batches"))
        widgets.control(ps, sch["b_seeds"], t("batch.b_seeds"))
        widgets.control(ps, sch["b_steps"], t("batch.steps"))
        submitted = st.form_submit_button(t("batch.run"), type="primary", key=ps.key("_brun"))
    cfg = bm.basin_config(ps.values())
    with figs:
        widgets.markdown(t("batch.basins_intro"))
        spec = bm.basin_job(ps.values())
        res = _computed(ps, spec, submitted)
        if res is None:
            return
        widgets.caption(t("batch.b_done", n=len(cfg.batch_sizes) * cfg.seeds * 2))
        names = [bm.optimizer_title("sgd"), f"{bm.optimizer_title('sam')} (ρ = {cfg.rho:g})"]
        widgets.chart(
            vb.basin_figure(
                res.batch_sizes,
                res.flat_fraction,
                res.stderr,
                names,
                title=t("batch.basin_title"),
                xlabel=t("batch.b_batch_axis"),
                ylabel=t("batch.basin_axis"),
            ),
            key="batch_basin",
        )
        widgets.lesson_caption(ps)
        xs, ys, z = bm.surface_grid()
        b0, b1 = int(res.batch_sizes[0]), int(res.batch_sizes[-1])
        ends = {f"SGD B={b0}": res.final_w[0, 0], f"SGD B={b1}": res.final_w[0, -1]}
        fig = vb.endpoints_figure(
            xs, ys, z, res.minima.points, ends, title=t("batch.ends_title"), minima_name=t("batch.minima")
        )
        widgets.chart(fig, key="batch_ends")
        widgets.caption(
            t(
                "batch.basins_explain",
                flat=f"{res.minima.top_eig[res.minima.flat]:.3g}",
                sharp=f"{res.minima.top_eig.max():.3g}",
            )
        )


def concept(ps: state.PageState) -> None:
    """The lecture's picture, computed from a 1-D example."""
    controls, figs = widgets.control_columns([1, 2.7])
    with controls:
        widgets.control(ps, ps.schema["c_shift"], t("batch.c_shift"), help=t("batch.c_shift_help"))
        widgets.control(ps, ps.schema["c_sharp"], t("batch.c_sharp"))
    with figs:
        try:
            c = batch.concept_curves(shift=float(ps.get("c_shift")), sharp_width=float(ps.get("c_sharp")))
        except ValueError as e:
            st.error(t("batch.bad_config", msg=widgets.literal(e)))
            return
        fig = vb.concept_figure(
            c.x,
            c.train,
            c.test,
            c.minima,
            c.gaps,
            title=t("batch.concept_title"),
            train_name=t("batch.train_loss"),
            test_name=t("batch.test_loss"),
            flat_name=t("batch.flat_min"),
            sharp_name=t("batch.sharp_min"),
            gap_name=t("batch.gap_word"),
            ylabel=t("batch.loss"),
        )
        widgets.chart(fig, key="batch_concept")
        widgets.lesson_caption(ps)
        widgets.markdown(t("batch.concept_explain", g_flat=f"{c.gaps[0]:.3f}", g_sharp=f"{c.gaps[1]:.3f}"))


def body() -> None:
    ps = state.PageState(bm.PAGE)
    top = widgets.page_header(ps, "batch")
    ps.declare(bm.schema())
    names = [t(f"batch.view_{v}") for v in bm.VIEWS]
    view = st.radio(
        t("batch.view"),
        bm.VIEWS,
        key=ps.key("view"),
        horizontal=True,
        format_func=i18n.bound(lambda v: t(f"batch.view_{v}")),
        help=glossary.help_for(*names),
    )
    {"network": network, "basins": basins, "concept": concept}[view](ps)
    notices = ps.finish()
    widgets.show_notices(ps, notices, where=top)


shell.page(bm.PAGE, body)
