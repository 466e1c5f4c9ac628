"""Regularization lab: under- and over-fitting, early stopping, and what each regularizer does.

Thin page: widgets (through ui.state's schema) -> cached calls and jobs in ui.regularization_model
-> viz.regularization.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import numpy as np
import streamlit as st

import i18n
from i18n import t
from studies import regularization as reg
from studies import regularization_net as rn
from ui import glossary, progress, shell, state, widgets
from ui import regularization_model as rm
from viz import regularization as vr

SETS = ("train", "val", "test", "fresh")


def _names() -> dict[str, str]:
    return {k: t(f"reg.set_{k}") for k in SETS}


def _label(name: str) -> str:
    return t(f"reg.r_{name}")


def _fmt(v: np.ndarray) -> str:
    v = np.asarray(v, np.float64)
    return f"{widgets.fmt_number(float(v.mean()))} ± {widgets.fmt_number(float(v.std()))}"


def _describe(info) -> str:
    """A job's progress info as a line of text."""
    what, w, done, total = info
    if what == "width":
        return t("reg.progress_width", w=w, done=done, total=total)
    return t(f"reg.progress_{what}")


def _computed(ps: state.PageState, spec: rm.JobSpec, submitted: bool):
    """The result of ``spec`` (None while it runs). A Run press starts it whatever it costs; from a
    link only a cheap one starts by itself."""
    return progress.result(ps, spec, describe=_describe, autostart_s=rm.AUTOSTART_S, submitted=submitted)


def _job(ps: state.PageState, submitted: bool):
    try:
        spec = rm.view_job(ps.values())
    except ValueError as e:
        st.error(t("reg.bad_config", msg=widgets.literal(e)))
        return None
    return _computed(ps, spec, submitted)


# --------------------------------------------------------------------------------------------
# 1. Capacity


def capacity(ps: state.PageState) -> None:
    controls, figs = st.columns([1, 2.7], gap="medium")
    sch = ps.schema
    with controls, st.form(ps.key("_cform"), border=True):
        widgets.control(ps, sch["cap_model"], t("reg.cap_model"), format_func=lambda k: t(f"reg.cap_{k}"))
        widgets.control(ps, sch["cap_n"], t("reg.cap_n"))
        widgets.control(ps, sch["cap_noise"], t("reg.cap_noise"))
        widgets.control(ps, sch["cap_seeds"], t("reg.seeds"))
        widgets.control(ps, sch["cap_depth"], t("reg.cap_depth"), help=t("reg.cap_mlp_only"))
        widgets.control(ps, sch["cap_label_noise"], t("reg.label_noise"), help=t("reg.cap_cls_only"))
        widgets.control(ps, sch["cap_steps"], t("reg.steps"), help=t("reg.cap_mlp_only"))
        submitted = st.form_submit_button(t("reg.run"), type="primary", key=ps.key("_crun"))
    with controls:
        # which fits are drawn: a choice among results already computed (no form, no training)
        model = ps.get("cap_model")
        fmt = (lambda d: t("reg.degree_n", d=d)) if model == "poly" else (lambda w: t("reg.width_n", w=w))
        widgets.control(
            ps, sch[rm.SHOWN_PARAM[model]], t("reg.cap_show"), help=t("reg.cap_show_help"), format_func=fmt
        )
    with figs:
        widgets.markdown(t("reg.cap_intro"))
        shown = rm.shown_of(ps.values())
        try:
            if ps.get("cap_model") == "poly":
                pc = rm.poly(
                    int(ps.get("cap_n")), float(ps.get("cap_noise")), int(ps.get("cap_seeds")), shown
                )
                draw_poly(pc)
                return
            res = _job(ps, submitted)
            if res is not None:
                draw_mlp_capacity(res, shown)
        except ValueError as e:
            st.error(t("reg.bad_config", msg=widgets.literal(e)))


def draw_poly(pc: reg.PolyCapacity) -> None:
    b = pc.best - 1
    test = vr.spread(pc.test_mse, geometric=True)[0]  # the plotted line (log axis: geometric mean)
    widgets.markdown(
        t(
            "reg.poly_verdict",
            best=pc.best,
            lo=f"{test[0]:.3g}",
            mid=f"{test[b]:.3g}",
            hi=f"{test[-1]:.3g}",
            top=int(pc.degrees[-1]),
            n=pc.x_train.shape[1],
            seeds=pc.x_train.shape[0],
        )
    )
    widgets.chart(
        vr.capacity_figure(
            pc.degrees,
            pc.train_mse,
            pc.test_mse,
            best=pc.best,
            log_y=True,
            title=t("reg.poly_title"),
            xlabel=t("reg.degree"),
            ylabel=t("reg.mse"),
            train_name=t("reg.set_train"),
            test_name=t("reg.set_test"),
            best_name=t("reg.best"),
        ),
        key="reg_poly",
    )
    titles = [t("reg.degree_n", d=d) for d in pc.shown]  # the fits of pc.shown, in that order
    widgets.chart(
        vr.fits_figure(
            pc.x_grid,
            pc.fits,
            titles,
            pc.x_train[0],
            pc.y_train[0],
            pc.truth,
            title=t("reg.fits_title"),
            truth_name=t("reg.truth"),
            data_name=t("reg.train_points"),
        ),
        key="reg_poly_fits",
    )
    widgets.caption(t("reg.poly_explain"))


def draw_mlp_capacity(mc: reg.MLPCapacity, chosen: tuple[int, ...] = ()) -> None:
    regression = mc.kind == "regression"
    ylabel = t("reg.loss") if regression else t("reg.error")
    best = mc.best
    widths, values = mc.fits(chosen)  # checks the choice before anything is drawn
    widgets.markdown(
        t(
            "reg.mlp_verdict",
            best=best,
            depth=mc.depth,
            test_lo=f"{mc.test[0].mean():.3g}",
            test_best=f"{mc.test.mean(axis=1).min():.3g}",
            test_hi=f"{mc.test[-1].mean():.3g}",
            lo=int(mc.widths[0]),
            hi=int(mc.widths[-1]),
            train_hi=f"{mc.train[-1].mean():.3g}",
        )
    )
    widgets.chart(
        vr.capacity_figure(
            mc.widths,
            mc.train.T,
            mc.test.T,
            best=best,
            log_x=True,
            title=t("reg.mlp_title"),
            xlabel=t("reg.width"),
            ylabel=ylabel,
            train_name=t("reg.set_train"),
            test_name=t("reg.set_test"),
            best_name=t("reg.best"),
        ),
        key="reg_mlp_cap",
    )
    titles = [t("reg.width_n", w=w) for w in widths]
    if regression:
        fig = vr.fits_figure(
            mc.grid_axes[0],
            values,
            titles,
            mc.x_train[:, 0],
            mc.y_train,
            mc.truth,
            title=t("reg.fits_title"),
            truth_name=t("reg.truth"),
            data_name=t("reg.train_points"),
        )
    else:
        fig = vr.boundaries_figure(
            mc.grid_axes, values, titles, mc.x_train, mc.y_train, title=t("reg.bounds_title")
        )
    widgets.chart(fig, key="reg_mlp_fits")
    widgets.caption(t("reg.mlp_explain"))


# --------------------------------------------------------------------------------------------
# 2. Early stopping


def early(ps: state.PageState) -> None:
    controls, figs = st.columns([1, 2.7], gap="medium")
    sch = ps.schema
    with controls:
        with st.form(ps.key("_eform"), border=True):
            widgets.control(ps, sch["e_label_noise"], t("reg.label_noise"), help=t("reg.label_noise_help"))
            widgets.control(ps, sch["e_width"], t("reg.width"))
            widgets.control(ps, sch["e_lr"], t("reg.lr"))
            widgets.control(ps, sch["e_steps"], t("reg.steps"))
            widgets.control(ps, sch["e_seeds"], t("reg.e_seeds"))
            submitted = st.form_submit_button(t("reg.run"), type="primary", key=ps.key("_erun"))
        # patience and metric act on the recorded curves: no training, no form
        widgets.control(ps, sch["e_patience"], t("reg.patience"), help=t("reg.patience_help"))
        widgets.control(ps, sch["e_metric"], t("reg.e_metric"), format_func=lambda k: t(f"reg.metric_{k}"))
    with figs:
        widgets.markdown(t("reg.early_intro"))
        view = _job(ps, submitted)
        if view is None:
            return
        draw_early(view, int(ps.get("e_patience")), ps.get("e_metric"))


def draw_early(view: reg.EarlyView, patience: int, metric: str) -> None:
    s = reg.stopping(view, patience, metric)
    tr = view.trained
    widgets.markdown(
        t(
            "reg.early_verdict",
            patience=patience,
            seeds=len(s.best),
            best=f"{s.test_best.mean():.3f}",
            end=f"{s.test_end.mean():.3f}",
            floor=f"{s.test_min.mean():.3f}",
            step=int(np.median(tr.record_steps[s.best])),
            steps=int(tr.record_steps[-1]),
        )
    )
    curves = {k: reg.column(tr, k, metric)[0, 0] for k in ("train", "val", "test")}
    ylabel = t(f"reg.metric_{metric}")
    widgets.chart(
        vr.early_figure(
            tr.record_steps,
            curves,
            int(s.best[0]),
            int(s.stop[0]),
            title=t("reg.early_title"),
            ylabel=ylabel,
            xlabel=t("reg.step"),
            names=_names(),
            best_name=t("reg.kept"),
            stop_name=t("reg.stopped"),
        ),
        key="reg_early",
    )
    rows = [
        {
            t("reg.col_seed"): str(i),
            t("reg.col_kept"): str(int(tr.record_steps[b])),
            t("reg.col_stopped"): str(int(tr.record_steps[e])),
            t("reg.col_test_kept"): f"{tb:.3f}",
            t("reg.col_test_end"): f"{te:.3f}",
        }
        for i, (b, e, tb, te) in enumerate(zip(s.best, s.stop, s.test_best, s.test_end, strict=True))
    ]
    with st.expander(t("reg.per_seed"), expanded=False):
        st.dataframe(rows, hide_index=True, width="stretch")
    o = reg.selection_optimism(view)
    widgets.markdown(f"#### {t('reg.optimism_head')}")
    widgets.markdown(
        t(
            "reg.optimism_verdict",
            n=o.candidates,
            vt=f"{o.by_val_test:.3f}",
            vf=f"{o.by_val_fresh:.3f}",
            tt=f"{o.by_test_test:.3f}",
            tf=f"{o.by_test_fresh:.3f}",
            n_fresh=view.task.n_fresh,
        )
    )
    gap = o.by_test_fresh - o.by_test_test
    if gap > 0:
        widgets.markdown(t("reg.optimism_yes", n_test=view.task.n_test, gap=f"{gap:.3f}"))
    else:
        widgets.markdown(t("reg.optimism_no"))
    widgets.chart(
        vr.optimism_figure(
            [t("reg.chosen_val"), t("reg.chosen_test")],
            [o.by_val_test, o.by_test_test],
            [o.by_val_fresh, o.by_test_fresh],
            title=t("reg.optimism_title"),
            test_name=t("reg.its_test"),
            fresh_name=t("reg.its_fresh"),
            ylabel=t("reg.error"),
        ),
        key="reg_optimism",
    )
    widgets.caption(t("reg.optimism_explain"))


# --------------------------------------------------------------------------------------------
# 3. Weight decay on a surface


def surface(ps: state.PageState) -> None:
    controls, figs = st.columns([1, 2.7], gap="medium")
    sch = ps.schema
    with controls:
        widgets.control(ps, sch["surf"], t("reg.surf"))
        widgets.control(ps, sch["lam"], t("reg.lam"), help=t("reg.lam_help"))
    with figs:
        widgets.markdown(t("reg.surface_intro"))
        sv = rm.surface_view(ps.get("surf"), float(ps.get("lam")))
        b, p = sv.base_min, sv.pen_min
        widgets.markdown(
            t(
                "reg.surface_verdict",
                lam=f"{sv.lam:g}",
                x0=f"{b.xy[0]:.3f}",
                y0=f"{b.xy[1]:.3f}",
                x1=f"{p.xy[0]:.3f}",
                y1=f"{p.xy[1]:.3f}",
                r0=f"{np.hypot(*b.xy):.3f}",
                r1=f"{np.hypot(*p.xy):.3f}",
            )
        )
        widgets.chart(
            vr.surfaces_figure(
                sv.xs,
                sv.ys,
                sv.z_base,
                sv.z_pen,
                b.xy,
                p.xy,
                sv.path,
                titles=(t("reg.surf_base"), t("reg.surf_pen", lam=f"{sv.lam:g}")),
                base_name=t("reg.min_base"),
                pen_name=t("reg.min_pen"),
                path_name=t("reg.min_path"),
                origin_name=t("reg.origin"),
            ),
            key="reg_surface",
        )
        rows = []
        for name, c in ((t("reg.min_base"), b), (t("reg.min_pen"), p)):
            rows.append(
                {
                    t("reg.col_where"): name,
                    "x": f"{c.xy[0]:.4f}",
                    "y": f"{c.xy[1]:.4f}",
                    "‖w‖": f"{np.hypot(*c.xy):.4f}",
                    t("reg.col_eigs"): f"{c.eigenvalues[0]:.4g}, {c.eigenvalues[1]:.4g}",
                }
            )
        st.dataframe(rows, hide_index=True, width="stretch")
        widgets.caption(t("reg.surface_explain"))


# --------------------------------------------------------------------------------------------
# 4. Regularizers side by side, 5. a sweep


def task_controls(ps: state.PageState, seeds_name: str = "seeds") -> None:
    """The network task's controls (inside a form)."""
    sch = ps.schema
    widgets.markdown(f"**{t('reg.data_section')}**")
    widgets.control(ps, sch["data"], t("reg.data"), format_func=lambda k: t(f"reg.data_{k}"))
    widgets.control(ps, sch["n_train"], t("reg.n_train"))
    widgets.control(ps, sch["noise"], t("reg.noise"))
    widgets.control(ps, sch["label_noise"], t("reg.label_noise"), help=t("reg.label_noise_help"))
    widgets.markdown(f"**{t('reg.net_section')}**")
    widgets.control(ps, sch["width"], t("reg.width"))
    widgets.control(ps, sch["depth"], t("reg.depth"))
    widgets.control(ps, sch["act"], t("reg.act"))
    widgets.control(ps, sch["opt"], t("reg.opt"), format_func=lambda k: t(f"reg.opt_{k}"))
    widgets.control(ps, sch["lr"], t("reg.lr"))
    widgets.control(ps, sch["batch"], t("reg.batch"))
    widgets.control(ps, sch["steps"], t("reg.steps"))
    widgets.control(ps, sch[seeds_name], t("reg.seeds"))


def compare(ps: state.PageState) -> None:
    controls, figs = st.columns([1, 2.7], gap="medium")
    sch = ps.schema
    with controls, st.form(ps.key("_rform"), border=True):
        widgets.markdown(f"**{t('reg.regs_section')}**")
        for name in rn.REGULARIZERS:
            widgets.control(ps, sch[f"on_{name}"], _label(name), help=t(f"reg.h_{name}"))
            if name != "batch_norm":
                widgets.control(ps, sch[name], t("reg.strength", name=_label(name)))
        widgets.control(ps, sch["pairs"], t("reg.pairs"), help=t("reg.pairs_help"))
        task_controls(ps)
        submitted = st.form_submit_button(t("reg.run"), type="primary", key=ps.key("_rrun"))
    with figs:
        widgets.markdown(t("reg.compare_intro"))
        view = _job(ps, submitted)
        if view is not None:
            draw_compare(view)


def draw_compare(view: reg.CompareView) -> None:
    tr = view.trained
    labels = [_label(n) if n != "none" else t("reg.none") for n in view.labels]
    sm = reg.summary(tr, view.top_eig)
    best = int(np.argmin(sm["test_error"][:, 0]))
    widgets.markdown(
        t(
            "reg.compare_verdict",
            none=f"{sm['test_error'][0, 0]:.3f}",
            best=labels[best],
            best_err=f"{sm['test_error'][best, 0]:.3f}",
            seeds=tr.final_w.shape[1],
        )
    )
    rows = []
    for i, label in enumerate(labels):
        rows.append(
            {
                t("reg.col_reg"): label,
                t("reg.col_train_err"): _fmt(_last(tr, "train")[i]),
                t("reg.col_test_err"): _fmt(_last(tr, "test")[i]),
                t("reg.col_gap"): _fmt(_last(tr, "test")[i] - _last(tr, "train")[i]),
                t("reg.col_test_loss"): _fmt(reg.column(tr, "test", "loss")[i, :, -1]),
                t("reg.col_norm"): _fmt(reg.column(tr, "norm")[i, :, -1]),
                t("reg.col_eig"): _fmt(view.top_eig[i]),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    tabs = st.tabs([t("reg.tab_bars"), t("reg.tab_curves"), t("reg.tab_bounds")])
    with tabs[0]:
        panels = [
            (t("reg.col_train_err"), _last(tr, "train")),
            (t("reg.col_test_err"), _last(tr, "test")),
            (t("reg.col_norm"), reg.column(tr, "norm")[..., -1]),
            (t("reg.col_eig"), view.top_eig),
        ]
        widgets.chart(vr.bars_figure(labels, panels, title=t("reg.bars_title")), key="reg_bars")
        widgets.caption(t("reg.bars_explain"))
    with tabs[1]:
        widgets.chart(
            vr.curves_figure(
                tr.record_steps,
                reg.column(tr, "test", "error"),
                labels,
                title=t("reg.curves_title"),
                ylabel=t("reg.test_error"),
                xlabel=t("reg.step"),
            ),
            key="reg_curves",
        )
    with tabs[2]:
        widgets.chart(
            vr.boundaries_figure(
                view.grid_axes,
                view.grid_values,
                labels,
                view.x_train,
                view.y_train,
                title=t("reg.bounds_title"),
            ),
            key="reg_bounds",
        )
    if view.pairs is not None:
        draw_pairs(view.pairs)


def _last(tr: reg.Trained, what: str) -> np.ndarray:
    return reg.column(tr, what, "error")[..., -1]


def draw_pairs(p: reg.CoupledPairs) -> None:
    widgets.markdown(f"#### {t('reg.pairs_head', lam=f'{p.lam:g}')}")
    rows = []
    for i, name in enumerate(p.optimizers):
        rows.append(
            {
                t("reg.opt"): t(f"reg.opt_{name}"),
                t("reg.col_diff"): f"{p.max_diff[i]:.3g}",
                t("reg.col_norm_l2"): _fmt(p.norm_l2[i]),
                t("reg.col_norm_wd"): _fmt(p.norm_decay[i]),
                t("reg.col_test_l2"): _fmt(p.test_l2[i]),
                t("reg.col_test_wd"): _fmt(p.test_decay[i]),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    widgets.caption(t("reg.pairs_explain"))


def sweep(ps: state.PageState) -> None:
    controls, figs = st.columns([1, 2.7], gap="medium")
    sch = ps.schema
    with controls, st.form(ps.key("_sform"), border=True):
        widgets.control(ps, sch["sw_name"], t("reg.sw_name"), format_func=_label)
        widgets.control(ps, sch["sw_n"], t("reg.sw_n"))
        task_controls(ps, "sw_seeds")
        submitted = st.form_submit_button(t("reg.run"), type="primary", key=ps.key("_srun"))
    with figs:
        widgets.markdown(t("reg.sweep_intro"))
        view = _job(ps, submitted)
        if view is not None:
            draw_sweep(view)


def draw_sweep(view: reg.SweepView) -> None:
    test = view.error("test").mean(axis=1)
    b = view.best
    widgets.markdown(
        t(
            "reg.sweep_verdict",
            name=_label(view.name),
            best=f"{view.values[b]:.3g}",
            test_best=f"{test[b]:.3f}",
            lo=f"{view.values[0]:.3g}",
            hi=f"{view.values[-1]:.3g}",
            test_lo=f"{test[0]:.3f}",
            test_hi=f"{test[-1]:.3f}",
        )
    )
    errors = {k: view.error(k) for k in ("train", "val", "test")}
    log_x = view.name not in ("dropout", "label_smoothing")
    widgets.chart(
        vr.sweep_figure(
            view.values,
            errors,
            b,
            title=t("reg.sweep_title", name=_label(view.name)),
            xlabel=t("reg.strength", name=_label(view.name)),
            ylabel=t("reg.error"),
            names=_names(),
            best_name=t("reg.best_val"),
            log_x=log_x,
        ),
        key="reg_sweep",
    )
    widgets.caption(t("reg.sweep_explain"))


def body() -> None:
    ps = state.PageState(rm.PAGE)
    top = widgets.page_header(ps, "reg")
    ps.declare(rm.schema())
    view = st.radio(
        t("reg.view"),
        rm.VIEWS,
        key=ps.key("view"),
        horizontal=True,
        format_func=i18n.bound(lambda v: t(f"reg.view_{v}")),
        help=glossary.help_for(t("reg.view"), *(t(f"reg.view_{v}") for v in rm.VIEWS)),
    )
    {"capacity": capacity, "early": early, "surface": surface, "compare": compare, "sweep": sweep}[view](ps)
    widgets.show_notices(ps, ps.finish(), where=top)


shell.page(rm.PAGE, body)
