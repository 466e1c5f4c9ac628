"""Learning-rate lab: too small / about right / too large, stability, sweeps, phase maps, schedules and
hyperparameter search.

Thin page: widgets (through ui.state's schema) -> one cached study call (ui.lr_model) -> viz.lr.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import time

import numpy as np
import streamlit as st

import landscapes
import optimizers
from i18n import STRINGS, bound, current_lang, pick, t
from i18n.lr import SYMBOLS, figure_text
from ui import glossary, shell, state, surface_controls, widgets
from ui import lr_model as lm
from viz import lr as lv

CHART = {"displaylogo": False, "scrollZoom": False}


def fmt(v: float) -> str:
    """A number for text and tables."""
    if v is None or not np.isfinite(v):
        return "—"
    return widgets.fmt_number(float(v))


def fig_text() -> dict:
    """The figure strings in the current language."""
    return figure_text(current_lang())


def compute(what: str, fn, *args):
    """Run one cached study under a status box; a ValueError becomes a visible message (None)."""
    with st.status(t("lr.computing", what=what), expanded=False) as box:
        t0 = time.perf_counter()
        try:
            out = fn(*args)
        except ValueError as e:  # the message may quote settings from a link: shown literally
            msg = t("lr.error", msg=widgets.literal(e))
            box.update(label=msg, state="error")
            st.error(msg)
            return None
        box.update(label=t("lr.done", what=what, sec=time.perf_counter() - t0), state="complete")
    return out


def opt_title(name: str) -> str:
    return optimizers.get(name).title


def mu_control(ps: state.PageState) -> None:
    """The momentum control, shown for the rules that declare a momentum (``momentum_param``)."""
    widgets.control(ps, ps.schema["mu"], t("lr.mu", rules=lm.momentum_rules()))


# --------------------------------------------------------------------------------------------
# Views


def view_panels(ps: state.PageState, w: lm.Where, steps: int, controls) -> None:
    with controls:
        opt = widgets.control(ps, ps.schema["opt"], t("lr.opt"), format_func=opt_title)
        if lm.has_momentum(opt):
            mu_control(ps)
    p = compute(t("lr.view.panels"), lm.panels, w, opt, float(ps.get("mu")), steps)
    if p is None:
        return
    text = fig_text()
    widgets.chart(lv.panels_figure(p, lm.grid(w), text=text), key="lr_panels_chart", config=CHART)
    widgets.lesson_caption(ps)
    small, right, large = (fmt(v) for v in p.lrs)
    if p.source == "curvature":
        widgets.markdown(
            t(
                "lr.panels.curv",
                l0=fmt(p.lam_start),
                lref=fmt(p.lam_ref),
                c=fmt(p.limit_factor),
                lim=fmt(p.lr_limit),
                right=right,
                small=small,
                large=large,
            )
        )
    else:
        widgets.markdown(t("lr.panels.sweep", opt=opt_title(opt), right=right, small=small, large=large))
    if not any(p.rises):
        widgets.caption(t("lr.panels.no_rise"))
    for label, rises in zip(text["panels"], p.rises, strict=True):
        if not rises:
            continue
        lines = [
            t(
                "lr.panels.rise_item",
                k=r.step,
                k1=r.step + 1,
                d=fmt(r.delta),
                why=t(f"lr.reason.{r.reason}").format(x=r.lr_lambda, c=r.limit),
            )
            for r in rises[:4]
        ]
        if len(rises) > 4:
            lines.append(t("lr.panels.more", n=len(rises) - 4))
        widgets.markdown(t("lr.panels.rises", label=label) + "\n" + "\n".join(f"- {s}" for s in lines))
    widgets.subheader(t("lr.stability.title"), also=[text["lambda"], text["limit"], text["unstable"]])
    widgets.chart(lv.stability_figure(p, text=text), key="lr_stability_chart", config=CHART)
    if p.stability[0].limit is None:
        widgets.caption(t("lr.stability.none", opt=opt_title(opt)))
    else:
        widgets.caption(t("lr.stability.caption"))


def view_sweep(ps: state.PageState, w: lm.Where, steps: int, controls) -> None:
    with controls:
        widgets.control(ps, ps.schema["sw_opts"], t("lr.sw_opts"), format_func=opt_title)
        if any(lm.has_momentum(o) for o in ps.get("sw_opts")):
            mu_control(ps)
        widgets.control(ps, ps.schema["sw_lo"], t("lr.sw_lo"))
        widgets.control(ps, ps.schema["sw_hi"], t("lr.sw_hi"))
        widgets.control(ps, ps.schema["sw_n"], t("lr.sw_n"))
        widgets.control(ps, ps.schema["tol"], t("lr.tol"))
    opts = tuple(ps.get("sw_opts"))
    if not 1 <= len(opts) <= 4:
        st.warning(t("lr.sweep.too_many"))
        return
    lo, hi = sorted((float(ps.get("sw_lo")), float(ps.get("sw_hi"))))
    if float(ps.get("sw_lo")) > float(ps.get("sw_hi")):
        st.warning(t("lr.sweep.bad_range", lo=fmt(lo), hi=fmt(hi)))
    n = int(ps.get("sw_n"))
    sw = compute(
        t("lr.view.sweep"), lm.sweep, w, opts, float(ps.get("mu")), lo, hi, n, steps, float(ps.get("tol"))
    )
    if sw is None:
        return
    names = [opt_title(n) for n in sw.names]
    widgets.chart(lv.sweep_figure(sw, names=names, text=fig_text()), key="lr_sweep_chart", config=CHART)
    widgets.lesson_caption(ps)
    widgets.caption(t("lr.sweep.caption", n=n, k=len(opts), steps=steps))
    head = [t(f"lr.sweep.col.{c}") for c in ("opt", "best", "loss", "hit", "edge")]
    rows = []
    for i, name in enumerate(sw.names):
        b = int(sw.best[i])
        hit = int(sw.hit_at[i, b]) if b >= 0 else -1
        rows.append(
            [
                opt_title(name),
                fmt(sw.best_lr[i]),
                fmt(sw.final_loss[i, b]) if b >= 0 else "—",
                str(hit) if hit >= 0 else t("lr.sweep.never"),
                fmt(sw.edge[i]) if np.isfinite(sw.edge[i]) else t("lr.sweep.none"),
            ]
        )
    widgets.markdown(widgets.markdown_table(head, rows))
    if sw.tuned():
        send = t("lr.sweep.send")
        tip = glossary.help_for(send, base=t("lr.sweep.send_help"))
        if st.button(send, key=ps.key("_send"), help=tip, type="primary"):
            lm.send_to_race(w, sw, steps)
            st.switch_page("pages/race.py")
    sent = ps.flag("sent")
    if sent:
        widgets.caption(t("lr.sent", rates=", ".join(f"{opt_title(k)} {fmt(v)}" for k, v in sent)))


def view_phase(ps: state.PageState, w: lm.Where, steps: int, controls) -> None:
    with controls:
        opt = widgets.control(ps, ps.schema["ph_opt"], t("lr.ph_opt"), format_func=opt_title)
        widgets.control(ps, ps.schema["ph_n"], t("lr.ph_n"))
        widgets.control(ps, ps.schema["ph_lo"], t("lr.ph_lo"))
        widgets.control(ps, ps.schema["ph_hi"], t("lr.ph_hi"))
        metric = widgets.control(
            ps, ps.schema["ph_metric"], t("lr.ph_metric"), format_func=lambda m: t(f"lr.ph_metric.{m}")
        )
    lo, hi = sorted((float(ps.get("ph_lo")), float(ps.get("ph_hi"))))
    n = int(ps.get("ph_n"))
    fit = lm.phase_fit(n, steps)
    if fit is not None:  # said with the page's controls, not the runner's limits
        st.error(
            t(
                "lr.phase.too_big",
                n=n,
                steps=steps,
                fit_steps=fit.steps,
                fit_n=fit.side,
                cells=t("lr.ph_n"),
                steps_label=t("lr.steps"),
            )
        )
        return
    pm = compute(t("lr.view.phase"), lm.phase, w, opt, n, lo, hi, steps)
    if pm is None:
        return
    widgets.chart(lv.phase_figure(pm, metric=metric, text=fig_text()), key="lr_phase_chart", config=CHART)
    widgets.lesson_caption(ps)
    widgets.caption(t(f"lr.phase.caption.{pm.source}", n=n, steps=steps))
    th, quad = pm.theory, optimizers.get(opt).quadratic
    theory_key = f"lr.phase.theory.{quad.kind}" if quad is not None else ""
    if th is not None and theory_key in STRINGS:
        best = pm.optimum
        widgets.markdown(
            t(
                theory_key,
                lmin=fmt(th.l_min),
                lmax=fmt(th.l_max),
                k=fmt(th.kappa),
                lr=fmt(best.lr) if best else "—",
                mu=fmt(best.mu) if best else "—",
                rho=f"{best.rate:.4f}" if best else "—",
                at=f"{best.lr * th.l_max:.3f}" if best else "—",
                edge=f"{optimizers.get(opt).stability({pm.axis: best.mu}):.3f}" if best else "—",
            )
        )
    cell = lm.best_cell(pm)
    if cell is None:
        widgets.caption(t("lr.phase.none"))
    else:
        i, j = cell
        widgets.markdown(
            t(
                f"lr.phase.best.{pm.source}",
                lr=fmt(pm.lrs[j]),
                axis=SYMBOLS.get(pm.axis, pm.axis),
                v=f"{pm.second[i]:.3f}",
                rho=f"{pm.shown[i, j]:.4f}",
            )
        )


def view_schedules(ps: state.PageState, w: lm.Where, steps: int, controls) -> None:
    with controls:
        opt = widgets.control(ps, ps.schema["opt"], t("lr.opt"), format_func=opt_title)
        if lm.has_momentum(opt):
            mu_control(ps)
        widgets.control(ps, ps.schema["sc_lr"], t("lr.sc_lr"))
        widgets.control(ps, ps.schema["sc_kinds"], t("lr.sc_kinds"), format_func=lambda k: t(f"lr.sched.{k}"))
        widgets.control(ps, ps.schema["tol"], t("lr.tol"))
        b = widgets.control(ps, ps.schema["sc_batch"], t("lr.sc_batch"), help=t("lr.sc_batch_help"))
        exact = int(b) >= optimizers.N_SAMPLES  # every sample in every batch: no noise to see
        widgets.control(ps, ps.schema["sc_noise"], t("lr.sc_noise"), disabled=exact)
        widgets.control(ps, ps.schema["sc_seed"], t("lr.sc_seed"), disabled=exact)
    kinds = tuple(ps.get("sc_kinds"))
    if not kinds:
        st.warning(t("lr.sched.empty"))
        return
    cmp = compute(
        t("lr.view.schedules"),
        lm.schedules,
        w,
        opt,
        float(ps.get("mu")),
        float(ps.get("sc_lr")),
        kinds,
        steps,
        float(ps.get("tol")),
        lm.Noise(int(ps.get("sc_batch")), float(ps.get("sc_noise")), int(ps.get("sc_seed"))),
    )
    if cmp is None:
        return
    names = [t(f"lr.sched.{k}") for k in kinds]
    widgets.chart(lv.schedules_figure(cmp, names=names, text=fig_text()), key="lr_sched_chart", config=CHART)
    widgets.lesson_caption(ps)
    widgets.caption(t("lr.sched.caption"))
    if int(ps.get("sc_batch")) < optimizers.N_SAMPLES and float(ps.get("sc_noise")) > 0:
        widgets.caption(t("lr.sched.noisy", b=int(ps.get("sc_batch")), n=optimizers.N_SAMPLES))
    head = [t(f"lr.sched.col.{c}") for c in ("kind", "final", "tail", "hit", "div")]
    rows = []
    for i, nm in enumerate(names):
        hit, d = int(cmp.hit_at[i]), int(cmp.diverged_at[i])
        rows.append(
            [
                nm,
                fmt(cmp.final_loss[i]),
                fmt(cmp.tail_loss[i]),
                str(hit) if hit >= 0 else t("lr.sweep.never"),
                str(d) if d >= 0 else "—",
            ]
        )
    widgets.markdown(widgets.markdown_table(head, rows))


def view_search(ps: state.PageState, w: lm.Where, steps: int, controls) -> None:
    with controls:
        pair = widgets.control(
            ps, ps.schema["se_pair"], t("lr.se_pair"), format_func=lambda k: t(f"lr.se_pair.{k}")
        )
        widgets.control(ps, ps.schema["se_budget"], t("lr.se_budget"))
        widgets.control(ps, ps.schema["se_seed"], t("lr.se_seed"))
    budget = int(ps.get("se_budget"))
    r = compute(t("lr.view.search"), lm.search, w, pair, budget, int(ps.get("se_seed")), steps)
    if r is None:
        return
    widgets.chart(lv.search_figure(r, text=fig_text()), key="lr_search_chart", config=CHART)
    widgets.lesson_caption(ps)
    widgets.caption(t("lr.search.caption", b=budget, g=r.distinct("grid")[0]))
    x, y = (SYMBOLS.get(a.name, a.name) for a in r.axes)
    ix, iy = (f"{v:.1f}" for v in r.importance)
    widgets.markdown(t("lr.search.importance", x=x, y=y, ix=ix, iy=iy))
    for method in ("grid", "random"):
        pt, loss = r.best(method)
        widgets.markdown(
            t(
                "lr.search.best",
                method=t(f"lr.fig.{method}"),
                x=x,
                y=y,
                vx=fmt(pt[0]),
                vy=fmt(pt[1]),
                loss=fmt(loss),
            )
        )
    g, rnd = r.best("grid")[1], r.best("random")[1]
    widgets.markdown(t(f"lr.search.verdict.{lm.search_verdict(r)}", grid=fmt(g), random=fmt(rnd)))
    widgets.caption(t("lr.search.why"))


VIEW_FUNCS = {
    "panels": view_panels,
    "sweep": view_sweep,
    "phase": view_phase,
    "schedules": view_schedules,
    "search": view_search,
}


def body() -> None:
    ps = state.PageState(lm.PAGE)
    top = widgets.page_header(ps, "lr")
    ps.declare(lm.base_schema())
    surf = ps.get("surf")
    ps.declare(lm.surface_schema(surf))
    controls, figures = widgets.control_columns([1, 2.6])
    with controls:
        names = [t(f"lr.view.{v}") for v in lm.VIEWS]
        view = st.radio(
            t("lr.view"),
            lm.VIEWS,
            key=ps.key("view"),
            format_func=bound(lambda v: t(f"lr.view.{v}")),
            help=glossary.help_for(t("lr.view"), *names),
        )
        with st.expander(t("lr.surface_section"), expanded=False):
            surface_controls.picker(ps, "lr", surface_controls.surface_title)
            s = landscapes.get(surf)
            params = surface_controls.parameters(ps, "lr", surf, s)
            start = surface_controls.start(ps, "lr", surf, widget="slider")
            widgets.caption(pick(s.description))
        steps = int(widgets.control(ps, ps.schema["steps"], t("lr.steps")))
        widgets.markdown(f"**{t('lr.settings')}**")
    where = lm.Where(surf, params, start)
    with figures:
        widgets.subheader(t(f"lr.view.{view}"))
        VIEW_FUNCS[view](ps, where, steps, controls)
    widgets.show_notices(ps, ps.finish(), top)


shell.page(lm.PAGE, body)
