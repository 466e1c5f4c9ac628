"""Optimizer Race: up to ten optimizers on one surface, animated, with curves, vectors and a table.

Thin page: widgets (through ui.state's schema) -> one cached optimizers.simulate call -> viz.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from i18n import STRINGS, pick, t
from studies import endings
from studies import race as rs
from ui import shell, state, surface_controls, widgets
from ui.live_chart import live_chart
from ui.live_chart import preload as live_chart_preload
from ui.race_model import (
    CUSTOM,
    DEFAULT_EXPR,
    EXPR,
    PAGE,
    ExpressionError,
    RaceConfig,
    base_schema,
    csv_export,
    custom_surface,
    from_expression,
    gif_export,
    hp_schema,
    look_for,
    optimizer_schema,
    run_race,
    sched_schema,
    sched_values,
    snap_start,
    static_layers,
    surface_for,
    surface_minima,
    surface_schema,
    trait,
)
from viz import export
from viz import race as rv
from viz.colors import optimizer_color


def hp_label(opt_name: str, hp: str) -> str:
    """Translated label of a hyperparameter."""
    for key in (f"race.hp.{hp}_{opt_name}", f"race.hp.{hp}"):
        if key in STRINGS:
            return t(key)
    return hp  # a hyperparameter added to the registry later: its own name until translated


def surface_title(name: str) -> str:
    """A surface's name in the current language (library title for proper names)."""
    if name == CUSTOM:
        return t("race.custom")
    key = f"race.surf.{name}"
    return t(key) if key in STRINGS else landscapes.get(name).title


def fmt(v: float) -> str:
    """A number for tables."""
    if v is None or not np.isfinite(v):
        return "—"
    return widgets.fmt_number(float(v))


def vec(v) -> str:
    """A 2-vector for tables."""
    if v is None:
        return "—"
    return f"({fmt(v[0])}, {fmt(v[1])})"


def swatch(i: int) -> str:
    """A coloured dot for markdown."""
    return f'<span style="color:{optimizer_color(i)};font-size:1.2em">●</span>'


def _on_click(ps_page: str, surf: str, bounds, x: float, y: float) -> None:
    """Map click callback: the start moves to the clicked point, snapped to a round grid."""
    ps = state.PageState(ps_page)
    sx, sy = snap_start(bounds, x, y)
    ps.set(f"{surf}.x0", sx)
    ps.set(f"{surf}.y0", sy)


# --------------------------------------------------------------------------------------------
# The page


def body() -> None:
    """The page's content."""
    ps = state.PageState(PAGE)
    live_chart_preload()
    top = widgets.page_header(ps, "race")

    ps.declare(base_schema())
    controls, figures = widgets.control_columns([1, 2.4])

    # ---- surface
    with controls:
        with st.expander(t("race.surface_section"), expanded=True):
            surf = surface_controls.picker(ps, "race", surface_title)
            expr_used = ""
            if surf == CUSTOM:
                ps.declare([EXPR])
                expr_used = ps.get("expr")
                widgets.control(ps, EXPR, t("race.formula"), help=t("race.formula_help"))
                if from_expression is None:
                    st.warning(t("race.formula_unavailable"))
                    notices = ps.finish()
                    widgets.show_notices(ps, notices, top)
                    return
                try:
                    base = custom_surface(ps.get("expr"))
                    ps.set_flag("good_expr", ps.get("expr"))
                except ExpressionError as e:  # its message quotes the user's text: shown literally
                    st.error(t("race.formula_error", msg=widgets.literal(e)))
                    good = ps.flag("good_expr") or DEFAULT_EXPR
                    st.caption(t("race.formula_kept", expr=widgets.literal(good)))
                    expr_used = good
                    base = custom_surface(good)
            else:
                base = landscapes.get(surf)
            ps.declare(surface_schema(surf, base, ps.get("steps")))
            params = surface_controls.parameters(ps, "race", surf, base)
            s = surface_for(surf, expr_used if surf == CUSTOM else "", params)
            widgets.control(ps, ps.schema[f"{surf}.logc"], t("race.logc"), help=t("race.logc_help"))
            surface_controls.start(ps, "race", surf, widget="number")
            st.caption(t("race.click_hint"))
            # a formula's description quotes the user's text: shown literally, not as Markdown
            if surf == CUSTOM:
                about = t("race.formula_about", expr=widgets.literal(expr_used))
            else:
                about = pick(s.description)
            if about:
                st.caption(f"{t('race.surface_about')}: {about}")

        # ---- run settings
        with st.expander(t("race.run_section"), expanded=True):
            budget = widgets.control(ps, ps.schema["budget"], t("race.budget"), help=t("race.budget_help"))
            steps = widgets.control(
                ps, ps.schema["steps"], t("race.budget_steps") if budget else t("race.steps")
            )
            widgets.control(ps, ps.schema["tol"], t("race.tol"), disabled=s.min_value is None)
            kind = widgets.control(
                ps, ps.schema["sched"], t("race.schedule"), format_func=lambda k: t(f"race.sched.{k}")
            )
            sp = sched_schema(kind)
            ps.declare(sp)
            for p in sp:
                widgets.control(ps, p, t(f"race.{p.name}"))
        with st.expander(t("race.noise_section"), expanded=False):
            b = widgets.control(ps, ps.schema["batch"], t("race.batch"), help=t("race.noise_help"))
            full = int(b) >= optimizers.N_SAMPLES  # every sample in every batch: the exact gradient
            widgets.control(ps, ps.schema["noise"], t("race.noise"), disabled=full)
            widgets.control(ps, ps.schema["seed"], t("race.seed"), disabled=full)
            if full:
                st.caption(t("race.noise_full", n=optimizers.N_SAMPLES))

        # ---- optimizers
        with st.expander(t("race.opt_section"), expanded=True):
            n = widgets.control(ps, ps.schema["n"], t("race.n_opt"))
            ps.declare(optimizer_schema(n))
            runs = []
            for i in range(n):
                with st.container(border=True):
                    st.markdown(f"{swatch(i)} **{t('race.opt', i=i + 1)}**", unsafe_allow_html=True)
                    name = widgets.control(
                        ps,
                        ps.schema[f"o{i}"],
                        t("race.opt", i=i + 1),
                        format_func=lambda k: optimizers.get(k).title,
                    )
                    hps = hp_schema(i, name)
                    ps.declare(hps)
                    hp = []
                    for p in hps:
                        key = p.name.rsplit(".", 1)[1]
                        hp.append((key, float(widgets.control(ps, p, hp_label(name, key)))))
                    runs.append((name, tuple(hp)))

    # ---- compute
    cfg = RaceConfig(
        surf=surf,
        expr=expr_used if surf == CUSTOM else "",
        params=params,
        runs=tuple(runs),
        start=(float(ps.get(f"{surf}.x0")), float(ps.get(f"{surf}.y0"))),
        steps=int(steps),
        schedule=sched_values(kind, ps.values()),
        batch=int(ps.get("batch")),
        noise=float(ps.get("noise")),
        seed=int(ps.get("seed")),
        budget=bool(budget),
        tol=float(ps.get("tol")),
    )
    labels = [f"{i + 1}. {optimizers.get(name).title}" for i, (name, _) in enumerate(runs)]
    colors = [optimizer_color(i) for i in range(n)]
    log = bool(ps.get(f"{surf}.logc"))
    with figures:
        try:
            res = run_race(cfg)
        except ValueError as e:  # limits, ranges: a message, never a traceback
            st.error(t("race.run_error", msg=widgets.literal(e)))
            widgets.show_notices(ps, ps.finish(), top)
            return
        layers = static_layers(cfg.surf, cfg.expr, cfg.params, log)
        draw(ps, s, surf, cfg, res, layers, labels, colors, log)

    # ---- explanations
    st.subheader(t("race.explain"))
    kind_s = trait(s, surf)
    cols = st.columns(2)
    for i, (name, _) in enumerate(runs):
        opt = optimizers.get(name)
        with cols[i % 2].container(border=True):
            st.markdown(f"{swatch(i)} **{labels[i]}**", unsafe_allow_html=True)
            st.caption(t("race.what_runs"))
            st.latex(opt.latex)
            st.write(pick(opt.explain))
            st.markdown(f"**{t('race.look_for')}:** {look_for(name, kind_s)}")
            if opt.note:
                st.caption(f"{t('race.differs')}: {pick(opt.note)}")

    widgets.show_notices(ps, ps.finish(), top)


def draw(ps, s, surf, cfg, res, layers, labels, colors, log) -> None:
    """Figures, results table, vectors and exports for a finished race."""
    steps_total = res.path.shape[1] - 1
    at = int(min(ps.get("at"), steps_total))
    show = ps.get("ov")
    overs = rs.overlays_at(res.path, res.aux, at) if show else []
    fidx = rv.frame_indices(res.path.shape[1])
    chart_key = ps.key("_map")
    if not state.presenter():  # the projector's view: the map and its caption fit above the fold
        st.subheader(t("race.map"))
    fig = rv.contour_figure(
        layers.bg,
        labels,
        colors,
        res.path,
        res.diverged_at,
        start=cfg.start,
        minima=s.minima,
        frame=rv.nearest_frame(fidx, at),
        overlays=overs,
        show=show,
        speed_ms=int(ps.get("speed")),
        labels={
            k: t(f"race.{k}")
            for k in ("play", "pause", "step", "start", "minimum", "diverged", "lookahead")
        },
    )
    live_chart(
        fig,
        key=chart_key,
        height=rv.MAP_HEIGHT,
        on_click=lambda x, y: _on_click(PAGE, surf, s.bounds, x, y),
        config={"scrollZoom": False},
        failed=t("race.chart_failed"),
    )
    widgets.lesson_caption(ps)
    c1, c2, c3 = st.columns([1.2, 1.2, 1])
    with c1:
        widgets.control(ps, ps.schema["ov"], t("race.overlays"), format_func=lambda k: t(f"race.ov.{k}"))
    with c2:
        widgets.control(ps, ps.schema["at"], t("race.at"))
    with c3:
        widgets.control(ps, ps.schema["speed"], t("race.speed"))
    if show:
        st.caption(t("race.ov_caption"))

    st.subheader(t("race.curves"))
    dist = rs.distance_to_minima(res.path, s.minima)
    titles = {k: t(f"race.{k}") for k in ("loss", "loss_gap", "dist", "grad", "step")}
    live_chart(
        rv.curves_figure(
            labels,
            colors,
            res.loss,
            res.grad_norm,
            dist,
            res.diverged_at,
            min_value=s.min_value,
            titles=titles,
        ),
        key=ps.key("_curves"),
        height=rv.CURVES_HEIGHT,
        failed=t("race.chart_failed"),
    )

    if widgets.control(ps, ps.schema["show3d"], t("race.show3d")):
        live_chart(
            rv.surface_figure(
                layers.x3,
                layers.y3,
                layers.z3,
                layers.bg,
                labels,
                colors,
                res.path,
                res.loss,
                z_title=t("race.z_log") if log else "f",
            ),
            key=ps.key("_3d"),
            height=rv.SURFACE_HEIGHT,
            failed=t("race.chart_failed"),
        )

    st.subheader(t("race.results"))
    found = surface_minima(cfg.surf, cfg.expr, cfg.params)
    st.markdown(results_table(res, labels, s, found), unsafe_allow_html=True)
    if show and 0 <= at < steps_total:
        st.markdown(f"**{t('race.vectors', k=at)}**")
        st.markdown(vectors_table(overs, labels), unsafe_allow_html=True)

    st.subheader(t("race.export"))
    st.caption(t("race.export_help"))
    files = (
        ("csv", lambda: csv_export(cfg, tuple(labels)), "race.csv", "text/csv"),
        ("html", lambda: export.animation_html(fig), "race.html", "text/html"),
        ("gif", lambda: gif_export(cfg, log, "gif"), "race.gif", "image/gif"),
        ("mp4", lambda: gif_export(cfg, log, "mp4"), "race.mp4", "video/mp4"),
    )
    for col, (kind, data, name, mime) in zip(st.columns(len(files)), files, strict=True):
        col.download_button(
            t(f"race.{kind}"), data=data, file_name=name, mime=mime, key=ps.key(f"_{kind}"), on_click="ignore"
        )


def results_table(res: optimizers.SimResult, labels, s, found) -> str:
    """Markdown table: the loss reached (above the minimum when one is known), steps to tolerance,
    where each run ended (global or local minimum, or neither), divergence and why, steps taken and
    gradient evaluations."""
    known = s.min_value is not None
    head = [
        t("race.col.opt"),
        t("race.col.gap") if known else t("race.col.final"),
        t("race.col.hit"),
        t("race.col.ended"),
        t("race.col.div"),
        t("race.col.reason"),
        t("race.col.steps"),
        t("race.col.evals"),
    ]
    ends = endings.endings(res.final_w, res.final_loss, res.diverged_at, found, s)
    rows = []
    for i, label in enumerate(labels):
        d = int(res.diverged_at[i])
        hit = int(res.hit_at[i])
        taken = int(res.steps[i]) if d < 0 else min(d, int(res.steps[i]))  # steps attempted
        reason = rs.divergence_reason(res.loss[i], d, not known)
        hit_text = t("race.no_min") if not known else (str(hit) if hit >= 0 else t("race.never"))
        loss = res.final_loss[i] - (s.min_value if known else 0.0)
        rows.append(
            [
                f"{swatch(i)} {label}",
                fmt(loss) if d < 0 else "—",
                hit_text,
                ending_text(ends[i]),
                str(d) if d >= 0 else "—",
                t(f"race.reason.{reason}") if reason else "—",
                f"{taken:,}",
                f"{taken * int(res.grad_evals[i]):,}",
            ]
        )
    return widgets.markdown_table(head, rows)


def ending_text(e: endings.Ending) -> str:
    """Where a run ended, in words."""
    if e.kind == "diverged":
        return t("race.end.diverged")
    if e.kind == "none":
        return t("race.end.none", f=fmt(e.value))
    key = f"race.end.{e.kind}" if e.at else f"race.end.{e.kind}_basin"
    return t(key, at=vec(e.minimum.xy), f=fmt(e.minimum.value), d=fmt(e.distance))


def vectors_table(overs, labels) -> str:
    """Markdown table of the vectors drawn as arrows, with the effective per-coordinate learning rate."""
    head = [
        t("race.col.opt"),
        t("race.col.pos"),
        t("race.col.g"),
        t("race.col.m"),
        t("race.col.d"),
        t("race.col.eff"),
        t("race.col.la"),
    ]
    rows = []
    for i, (o, label) in enumerate(zip(overs, labels, strict=True)):
        if o is None:
            rows.append([f"{swatch(i)} {label}"] + ["—"] * (len(head) - 1))
            continue
        eff = tuple(-d / g if abs(g) > 1e-30 else math.nan for d, g in zip(o.step, o.grad, strict=True))
        rows.append(
            [
                f"{swatch(i)} {label}",
                vec(o.at),
                vec(o.grad),
                vec(o.moment),
                vec(o.step),
                vec(eff),
                vec(o.lookahead),
            ]
        )
    return widgets.markdown_table(head, rows)

shell.page(PAGE, body)
