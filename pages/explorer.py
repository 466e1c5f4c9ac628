"""Landscape explorer: the critical points of a surface, the basins of attraction of two optimizer settings,
and the escape from a saddle.

Thin page: widgets (through ui.state's schema) -> cached study calls (ui.explorer_model) -> viz.explorer.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import time

import numpy as np
import streamlit as st

import i18n
import landscapes
import optimizers
from i18n import STRINGS, current_lang, pick, t
from i18n.explorer import figure_text
from i18n.explorer_hd import figure_text as hd_figure_text
from i18n.explorer_net import figure_text as net_figure_text
from optimizers import runner
from studies import explorer as ex
from studies import explorer_hd as hd
from ui import explorer_hd_model as hdm
from ui import explorer_model as em
from ui import explorer_net_model as enm
from ui import glossary, progress, shell, state, surface_controls, widgets
from ui.live_chart import LAB_BUNDLE, live_chart
from ui.live_chart import preload as live_chart_preload
from viz import explorer as xv
from viz import explorer_hd as hv
from viz import explorer_net as nv

CHART = {"displaylogo": False, "scrollZoom": False}
CLICK_KEY = "ex_basins_chart"
MAX_EXPLAINED = 3  # degenerate points explained one by one; a line of them is summed up


def fmt(v: float) -> str:
    if v is None or not np.isfinite(v):
        return "—"
    return widgets.fmt_number(float(v))


def num(v: float, scale: float, digits: int = 5) -> str:
    """``v`` to ``digits`` significant digits, 0 when it is round-off next to ``scale`` (a point found at
    5e-26 is at 0; an eigenvalue of 4e-25 is 0)."""
    return "0" if abs(v) <= 1e-12 * max(scale, 1e-300) else f"{v:.{digits}g}"


def surface_title(name: str) -> str:
    if name == em.CUSTOM:
        return t("explorer.custom")
    key = f"race.surf.{name}"
    return t(key) if key in STRINGS else landscapes.get(name).title


def opt_title(name: str) -> str:
    return optimizers.get(name).title


def compute(what: str, fn, *args):
    """Run one cached call under a status box; a ValueError becomes a visible message (None)."""
    with st.status(t("explorer.computing", what=what), expanded=False) as box:
        t0 = time.perf_counter()
        try:
            out = fn(*args)
        except ValueError as e:  # the message may quote a formula or a link's value: shown literally
            msg = t("explorer.error", msg=widgets.literal(e))
            box.update(label=msg, state="error")
            st.error(msg)
            return None
        box.update(label=t("explorer.done", what=what, sec=time.perf_counter() - t0), state="complete")
    return out


def surface_section(ps: state.PageState) -> em.Where:
    """The surface picker, a formula box for the user's own surface, and the surface's parameters."""
    surf = surface_controls.picker(ps, "explorer", surface_title)
    if surf == em.CUSTOM:
        ps.declare([em.EXPR])
        widgets.control(ps, em.EXPR, t("explorer.formula"), help=t("explorer.formula_help"))
        expr = ps.get("expr")
        try:
            em.custom_surface(expr)
            ps.set_flag("good_expr", expr)
        except em.ExpressionError as e:  # its message quotes the user's text: shown literally
            st.error(t("explorer.formula_error", msg=widgets.literal(e)))
            expr = ps.flag("good_expr") or em.DEFAULT_EXPR
            widgets.caption(t("explorer.formula_kept", expr=widgets.literal(expr)))
        widgets.caption(t("explorer.formula_about", expr=widgets.literal(expr)))
        return em.Where(em.CUSTOM, expr, ())
    s = landscapes.get(surf)
    ps.declare(em.surface_schema(surf, s))
    params = surface_controls.parameters(ps, "explorer", surf, s)
    widgets.caption(pick(s.description))
    return em.Where(surf, "", params)


# --------------------------------------------------------------------------------------------
# Views


def view_critical(ps: state.PageState, w: em.Where, controls) -> None:
    with controls:
        seeds = widgets.control(ps, ps.schema["seeds"], t("explorer.seeds"), help=t("explorer.seeds_help"))
        show3d = widgets.control(ps, ps.schema["show3d"], t("explorer.show3d"))
    view = compute(t("explorer.view.critical"), em.critical, w, int(seeds))
    if view is None:
        return
    s = w.landscape()
    text = figure_text(current_lang())
    widgets.chart(
        xv.critical_figure(em.grid(w), view, s.log_color, text=text), key="ex_crit_chart", config=CHART
    )
    if show3d:
        widgets.chart(
            xv.critical_figure_3d(em.grid(w, em.GRID_3D), view, s.log_color, text=text),
            key="ex_crit_3d",
            config=CHART,
        )
    if not view.points:
        st.info(t("explorer.crit.none"))
        return
    counts = {k: view.count(k) for k in ("minimum", "maximum", "saddle", "degenerate")}
    widgets.markdown(t("explorer.crit.summary", n=len(view.points), **counts))
    widgets.caption(t("explorer.crit.caption"))
    head = [t(f"explorer.crit.col.{c}") for c in ("i", "kind", "x", "y", "f", "l1", "l2")]
    span, fs, ls = scales(w, view)
    rows = [
        [
            str(i + 1),
            t(f"explorer.kind.{k}"),
            num(view.xy[i, 0], span),
            num(view.xy[i, 1], span),
            num(view.value[i], fs, 6),
            num(view.eigenvalues[i, 0], ls, 4),
            num(view.eigenvalues[i, 1], ls, 4),
        ]
        for i, k in enumerate(view.kind)
    ]
    widgets.markdown(widgets.markdown_table(head, rows))
    degenerate = [(i, h) for i, h in enumerate(view.higher) if h is not None]
    for i, h in degenerate[:MAX_EXPLAINED]:
        explain_degenerate(view, i, h, (span, ls))
    if len(degenerate) > MAX_EXPLAINED:
        widgets.caption(t("explorer.degenerate.more", n=len(degenerate) - MAX_EXPLAINED))


def scales(w: em.Where, view: ex.CriticalView) -> tuple[float, float, float]:
    """The view's span and the typical size of the values and of the eigenvalues (for :func:`num`)."""
    (x0, x1), (y0, y1) = w.landscape().bounds
    fs = float(np.max(np.abs(view.value), initial=1.0))
    ls = float(np.max(np.abs(view.eigenvalues), initial=1.0))
    return max(x1 - x0, y1 - y0), fs, ls


def _cubic_text(c: tuple[float, float, float, float]) -> str:
    terms = []
    for coef, mono in zip(c, ("x³", "x²y", "xy²", "y³"), strict=True):
        if abs(coef) > 1e-9 * max(map(abs, c)):
            terms.append(f"{coef:+.4g}·{mono}")
    return " ".join(terms).lstrip("+") if terms else "0"


def explain_degenerate(view: ex.CriticalView, i: int, h: ex.HigherOrder, sc: tuple[float, float]) -> None:
    """Say why the second-order test fails at point i and what the third-order look shows."""
    span, ls = sc
    widgets.subheader(t("explorer.degenerate.title", x=num(h.xy[0], span, 3), y=num(h.xy[1], span, 3)))
    widgets.markdown(
        t(
            "explorer.degenerate.second",
            l1=num(view.eigenvalues[i, 0], ls, 3),
            l2=num(view.eigenvalues[i, 1], ls, 3),
        )
    )
    if any(h.cubic):
        widgets.markdown(t("explorer.degenerate.cubic", cubic=_cubic_text(h.cubic), n=h.cubic_sign_changes))
    else:
        widgets.markdown(t("explorer.degenerate.no_cubic"))
    widgets.markdown(t(f"explorer.degenerate.{h.verdict}", r=f"{h.radius:.3g}", k=h.down_sectors))


def side_controls(ps: state.PageState, side: str) -> tuple[str, tuple[tuple[str, float], ...]]:
    widgets.markdown(f"**{t('explorer.side', side=side.upper())}**")
    opt = widgets.control(ps, ps.schema[f"{side}_opt"], t("explorer.opt"), format_func=opt_title)
    lr = widgets.control(ps, ps.schema[f"{side}_lr"], t("explorer.lr"))
    mu = ps.get(f"{side}_mu")
    if em.has_momentum(opt):
        mu = widgets.control(ps, ps.schema[f"{side}_mu"], t("explorer.mu"))
    return opt, em.hp_for(opt, lr, mu)


def setting_title(opt: str, hp: tuple[tuple[str, float], ...], side: str) -> str:
    return f"{side.upper()}: {opt_title(opt)} (" + ", ".join(f"{k} = {fmt(v)}" for k, v in hp) + ")"


def view_basins(ps: state.PageState, w: em.Where, controls) -> None:
    with controls:
        n = int(widgets.control(ps, ps.schema["b_n"], t("explorer.b_n")))
        steps = int(widgets.control(ps, ps.schema["b_steps"], t("explorer.b_steps")))
        settings = [side_controls(ps, side) for side in em.SIDES]
    fit = em.basin_fit(n, steps)
    if fit is not None:
        st.error(t("explorer.basin.too_big", n=n, steps=steps, limit=runner.MAX_RUN_STEPS, fit=fit))
        return
    maps = []
    for (opt, hp), side in zip(settings, em.SIDES, strict=True):
        b = compute(setting_title(opt, hp, side), em.basins, w, opt, hp, n, steps)
        if b is None:
            return
        maps.append(b)
    titles = [setting_title(opt, hp, side) for (opt, hp), side in zip(settings, em.SIDES, strict=True)]
    text = figure_text(current_lang())
    clicked = em.clicked_point(ps.widget_state(CLICK_KEY))
    if clicked is not None:
        ps.set_flag("pick", (w, em.snap_to_pixel(maps[0], *clicked)))
    pick = ps.flag("pick")
    paths = None
    if pick is not None and pick[0] == w:
        paths = em.pick_paths(w, tuple(settings), pick[1], steps)
    fig = xv.basins_figure(maps, titles, text=text, paths=paths, clickable=True)
    st.plotly_chart(fig, key=CLICK_KEY, config=CHART, on_select="rerun", selection_mode="points")
    widgets.caption(t("explorer.basin.caption", n=n, steps=steps))
    if paths is not None:
        widgets.caption(t("explorer.basin.picked", x=fmt(pick[1][0]), y=fmt(pick[1][1])))
    else:
        widgets.caption(t("explorer.basin.click_hint"))
    if not maps[0].minima:
        st.info(t("explorer.basin.none"))
    widgets.chart(
        xv.shares_figure(maps, [s.upper() for s in em.SIDES], text=text), key="ex_shares_chart", config=CHART
    )
    shares = [ex.basin_shares(b) for b in maps]
    head = ["#", t("explorer.basin.col.label"), t("explorer.basin.col.f"), "A", "B"]
    rows = []
    for i, m in enumerate(maps[0].minima):
        kind = t("explorer.basin.global") if m.is_global else t("explorer.basin.local")
        rows.append(
            [
                str(i + 1),
                f"{kind} ({m.xy[0]:.3g}, {m.xy[1]:.3g})",
                f"{m.value:.4g}",
                f"{shares[0][i]:.1%}",
                f"{shares[1][i]:.1%}",
            ]
        )
    k = len(maps[0].minima)
    for j, key in enumerate(("diverged", "not_arrived")):
        rows.append(
            ["", t(f"explorer.basin.{key}"), "", f"{shares[0][k + j]:.1%}", f"{shares[1][k + j]:.1%}"]
        )
    widgets.markdown(widgets.markdown_table(head, rows))
    if k:
        a, b = (ex.global_share(m) for m in maps)
        widgets.markdown(t("explorer.basin.global_share", a=f"{a:.1%}", b=f"{b:.1%}"))


def escape_pair(w: em.Where, saddle, lr, radius, steps, delta, mu, noise):
    """The escape race and GD's escape steps against delta: one status box for both."""
    race = em.escape_race(w, saddle, lr, radius, steps, delta, mu, noise)
    return race, em.escape(w, saddle, lr, radius, steps)


def view_escape(ps: state.PageState, w: em.Where, controls) -> None:
    view = compute(t("explorer.view.critical"), em.critical, w, int(ps.get("seeds")))
    if view is None:
        return
    saddles = [i for i, k in enumerate(view.kind) if k == "saddle"]
    if not saddles:
        st.info(t("explorer.escape.none"))
        return
    if int(ps.get("e_saddle")) >= len(saddles):
        ps.set("e_saddle", 0)
    with controls:
        pick_i = st.selectbox(
            t("explorer.e_saddle"),
            list(range(len(saddles))),
            key=ps.key("e_saddle"),
            format_func=lambda j: (
                f"#{saddles[j] + 1} ({view.xy[saddles[j], 0]:.3g}, {view.xy[saddles[j], 1]:.3g})"
            ),
        )
        lr = widgets.control(ps, ps.schema["e_lr"], t("explorer.e_lr"))
        radius = widgets.control(ps, ps.schema["e_radius"], t("explorer.e_radius"))
        steps = int(widgets.control(ps, ps.schema["e_steps"], t("explorer.e_steps")))
        delta = float(widgets.control(ps, ps.schema["e_delta"], t("explorer.e_delta")))
        mu = float(widgets.control(ps, ps.schema["e_mu"], t("explorer.e_mu")))
        noise = float(widgets.control(ps, ps.schema["e_noise"], t("explorer.e_noise")))
    p = view.xy[saddles[int(pick_i)]]
    saddle = (float(p[0]), float(p[1]))
    both = compute(
        t("explorer.view.escape"), escape_pair, w, saddle, float(lr), float(radius), steps, delta, mu, noise
    )
    if both is None:
        return
    race, e = both
    text = figure_text(current_lang())
    names = [t(f"explorer.rule.{n}") for n in race.names]
    widgets.markdown(t("explorer.e_race", lr=fmt(lr), delta=fmt(delta * race.radius)))
    bg = em.zoom_background(w, em.zoom_bounds(race))
    labels = {
        k: t(f"race.{k}") for k in ("play", "pause", "step", "start", "minimum", "diverged", "lookahead")
    }
    live_chart(
        xv.escape_animation(bg, race, names, labels=labels, text=text),
        key=ps.key("_escape_map"),
        height=520,
        config={"scrollZoom": False},
        failed=t("race.chart_failed"),
        bundle=LAB_BUNDLE,
    )
    head = [t(f"explorer.escape.col.{c}") for c in ("rule", "steps", "theory")]
    theory = {"gd": race.theory_gd, "momentum": race.theory_momentum}
    rows = [
        [nm, str(int(k)) if k >= 0 else t("explorer.never"), f"{theory[r]:.1f}" if r in theory else "—"]
        for nm, r, k in zip(names, race.names, race.steps, strict=True)
    ]
    widgets.markdown(widgets.markdown_table(head, rows))
    widgets.caption(t("explorer.escape.race_caption"))
    widgets.chart(xv.escape_figure(e, text=text), key="ex_escape_chart", config=CHART)
    widgets.caption(t("explorer.escape.caption", lam=f"{e.lam_min:.4g}", r=f"{e.radius:.3g}"))
    if np.any(e.steps < 0):
        st.warning(t("explorer.escape.never"))


def _net_describe(info) -> str:
    return t(f"explorer.net.progress_{info[0]}")


def _pct(x: float) -> str:
    """A share as a percentage: one decimal, two below 1%."""
    return f"{x:.1%}" if x >= 0.01 else f"{x:.2%}"


def view_network(ps: state.PageState, w: em.Where | None, controls) -> None:
    """A network's loss along its training path: PCA plane or random plane, slices, loss on the path."""
    ps.declare(enm.schema())
    sch = ps.schema
    with controls:
        widgets.markdown(f"**{t('explorer.net.network')}**")
        widgets.control(ps, sch["p_data"], t("explorer.net.data"), format_func=lambda k: t(f"batch.data_{k}"))
        widgets.control(ps, sch["p_width"], t("explorer.net.width"))
        widgets.control(ps, sch["p_depth"], t("explorer.net.depth"))
        widgets.control(ps, sch["p_act"], t("explorer.net.act"), format_func=lambda k: t(f"batch.act_{k}"))
        widgets.markdown(f"**{t('explorer.net.training')}**")
        widgets.control(ps, sch["p_opt"], t("explorer.net.opt"), format_func=opt_title)
        widgets.control(ps, sch["p_lr"], t("explorer.net.lr"))
        widgets.control(
            ps,
            sch["p_batch"],
            t("explorer.net.batch"),
            format_func=lambda b: t("explorer.net.batch_full", n=enm.N_TRAIN) if b == "full" else b,
        )
        widgets.control(ps, sch["p_steps"], t("explorer.net.steps"))
        widgets.control(ps, sch["p_records"], t("explorer.net.records"))
        widgets.control(ps, sch["p_grid"], t("explorer.net.grid"))
        widgets.control(ps, sch["p_seed"], t("explorer.net.seed"))
    widgets.caption(t("explorer.net.intro"))
    plane_kind = st.radio(
        t("explorer.net.plane"),
        enm.PLANES,
        key=ps.key("p_plane"),
        horizontal=True,
        format_func=i18n.bound(lambda k: t(f"explorer.net.plane.{k}")),
        help=glossary.help_for(t("explorer.net.plane"), *(t(f"explorer.net.plane.{k}") for k in enm.PLANES)),
    )
    show3d = widgets.control(ps, sch["p_3d"], t("explorer.net.show3d"))
    try:
        spec = enm.job(ps.values())
    except ValueError as e:  # the message names the bad value
        st.error(t("explorer.net.bad_config", msg=widgets.literal(e)))
        return
    net = progress.result(ps, spec, describe=_net_describe, autostart_s=enm.AUTOSTART_S)
    if net is None:
        return
    cfg = net.config
    widgets.markdown(
        t(
            "explorer.net.summary",
            opt=opt_title(cfg.optimizer),
            lr=fmt(dict(cfg.hp)["lr"]),
            d=net.n_params,
            steps=cfg.steps,
            l0=f"{net.loss[0]:.4g}",
            l1=f"{net.loss[-1]:.4g}" if np.isfinite(net.loss[-1]) else "—",
        )
    )
    if net.diverged_at >= 0:
        st.warning(t("explorer.net.diverged", step=net.diverged_at))
        return
    e = net.explained
    widgets.markdown(t("explorer.net.explained", e1=_pct(e[0]), e2=_pct(e[1]), both=_pct(e[0] + e[1])))
    plane = net.pca if plane_kind == "pca" else net.random
    text = net_figure_text(current_lang())
    labels = {
        k: t(f"race.{k}")
        for k in (
            "play",
            "pause",
            "step",
            "start",
            "minimum",
            "local_minimum",
            "saddle",
            "diverged",
            "lookahead",
        )
    }
    live_chart(
        nv.plane_animation(em.net_background(plane), net, plane, labels=labels, text=text),
        key=ps.key("_net_map"),
        height=520,
        config={"scrollZoom": False},
        failed=t("race.chart_failed"),
        bundle=LAB_BUNDLE,
    )
    widgets.caption(t(f"explorer.net.plane_caption_{plane.kind}"))
    if plane.kind == "random":
        d = net.n_params
        widgets.markdown(
            t(
                "explorer.net.why_random",
                captured=_pct(plane.captured),
                pca=_pct(net.pca.captured),
                d=d,
                two_over_d=_pct(2.0 / d),
            )
        )
    if show3d:
        widgets.chart(nv.plane_3d(net, plane, text=text), key="ex_net_3d", config=CHART)
    widgets.subheader(t("explorer.net.path_title"))
    widgets.chart(nv.path_loss_figure(net, text=text), key="ex_net_path", config=CHART)
    widgets.caption(t("explorer.net.path_caption"))
    widgets.subheader(t("explorer.net.slices_title"))
    widgets.chart(nv.slices_figure(net, text=text), key="ex_net_slices", config=CHART)
    widgets.caption(t("explorer.net.slices_caption"))
    widgets.subheader(t("explorer.net.explained_title"))
    widgets.chart(nv.explained_figure(net, text=text), key="ex_net_explained", config=CHART)


VIEW_FUNCS = {"critical": view_critical, "basins": view_basins, "escape": view_escape}
VIEW_FUNCS["network"] = view_network


def hd_describe(info) -> str:
    """The high-dimension job's progress info ("dims" | "goe" | "mlp" | "done", done, total) as a line."""
    what, i, total = info
    return t(f"explorer.hd.progress_{what}", i=i, total=total)


def corr(a: np.ndarray, b: np.ndarray) -> str:
    """The correlation of two samples, or — when it is not defined (fewer than 3 points, no spread)."""
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return "—"
    return f"{np.corrcoef(a, b)[0, 1]:.2f}"


def view_hd(ps: state.PageState, w: em.Where | None, controls) -> None:
    """Saddles dominate in high dimensions: minima among critical points against n, and index
    against value (random functions and a small MLP)."""
    sch = ps.schema
    with controls:
        widgets.control(
            ps,
            sch["hd_family"],
            t("explorer.hd.family"),
            help=t("explorer.hd.family_help"),
            format_func=lambda f: t(f"explorer.hd.family.{f}"),
        )
        widgets.control(ps, sch["hd_nmin"], t("explorer.hd.nmin"))
        widgets.control(ps, sch["hd_nmax"], t("explorer.hd.nmax"))
        widgets.control(ps, sch["hd_functions"], t("explorer.hd.functions"))
        widgets.control(ps, sch["hd_seeds"], t("explorer.hd.seeds"))
        widgets.control(ps, sch["hd_seed"], t("explorer.hd.seed"))
        if widgets.control(ps, sch["hd_mlp"], t("explorer.hd.mlp")):
            widgets.control(
                ps, sch["hd_data"], t("explorer.hd.data"), format_func=lambda d: t(f"batch.data_{d}")
            )
            widgets.control(ps, sch["hd_width"], t("explorer.hd.width"))
            widgets.control(ps, sch["hd_starts"], t("explorer.hd.starts"))
    widgets.markdown(t("explorer.hd.intro"))
    try:
        spec = hdm.job(ps.values())
    except ValueError as e:
        st.error(t("explorer.hd.bad", msg=widgets.literal(e)))
        return
    r = progress.result(ps, spec, describe=hd_describe, autostart_s=hdm.AUTOSTART_S)
    if r is None:
        return
    text = hd_figure_text(current_lang())
    rc = r.random
    widgets.subheader(t("explorer.hd.share_title"))
    widgets.chart(hv.share_figure(r, text=text), key="ex_hd_share", config=CHART)
    widgets.markdown(
        t(
            "explorer.hd.summary",
            first=f"{rc.minima_share[0]:.3g}",
            n0=int(rc.dims[0]),
            k0=int(rc.counts[0]),
            last=f"{rc.minima_share[-1]:.3g}",
            n1=int(rc.dims[-1]),
            k1=int(rc.counts[-1]),
        )
    )
    zero = [str(int(n)) for n, s in zip(rc.dims, rc.minima_share, strict=True) if not s > 0]
    if zero:
        widgets.caption(t("explorer.hd.none_found", dims=", ".join(zero)))
    if r.config.n_min == 1:
        widgets.caption(
            t(
                "explorer.hd.one_dim",
                v=f"{r.one_dim:.3f}",
                m=f"{rc.minima_share[0]:.3f}",
                e=f"{rc.stderr[0]:.3f}",
            )
        )
    nb = min(hd.MAX_DIM - 1, max(2, r.config.n_max))  # theta from the exact P at nb - 1, nb, nb + 1
    widgets.caption(
        t(
            "explorer.hd.theory",
            samples=f"{r.config.goe_samples:,}",
            theta=f"{hd.THETA:.4f}",
            a=nb - 1,
            b=nb + 1,
            measured=f"{hd.effective_theta(nb):.4f}",
        )
    )
    widgets.caption(t("explorer.hd.not_goe"))
    widgets.subheader(t("explorer.hd.index_title"))
    widgets.chart(hv.index_figure(r, text=text), key="ex_hd_index", config=CHART)
    idx = np.concatenate(rc.index) if len(rc.index) else np.zeros(0)
    val = np.concatenate(rc.value) if len(rc.value) else np.zeros(0)
    widgets.caption(t("explorer.hd.index_caption", r=corr(idx, val)))
    m = r.mlp
    if m is None:
        return
    if not len(m.loss):
        st.info(t("explorer.hd.mlp_none", starts=m.starts))
        return
    widgets.caption(
        t(
            "explorer.hd.mlp_caption",
            width=m.width,
            p=m.n_params,
            points=hd.MLP_POINTS,
            data=t(f"batch.data_{m.data}"),
            wd=f"{hd.MLP_WEIGHT_DECAY:g}",
            train=hd.MLP_TRAIN_STEPS,
            found=m.found,
            starts=m.starts,
            k=len(m.loss),
            r=corr(m.index, m.loss),
        )
    )


VIEW_FUNCS["hd"] = view_hd


def body() -> None:
    ps = state.PageState(em.PAGE)
    live_chart_preload(LAB_BUNDLE)
    top = widgets.page_header(ps, "explorer")
    ps.declare(em.base_schema())
    controls, figures = st.columns([1, 2.6], gap="medium")
    with controls:
        view = st.radio(
            t("explorer.view"),
            em.VIEWS,
            key=ps.key("view"),
            format_func=i18n.bound(lambda v: t(f"explorer.view.{v}")),
            help=glossary.help_for(t("explorer.view"), *(t(f"explorer.view.{v}") for v in em.VIEWS)),
        )
        w = None
        if view not in em.NO_SURFACE:
            with st.expander(t("explorer.surface_section"), expanded=True):
                w = surface_section(ps)
        widgets.markdown(f"**{t('explorer.settings')}**")
    with figures:
        widgets.subheader(t(f"explorer.view.{view}"))
        VIEW_FUNCS[view](ps, w, controls)
    widgets.show_notices(ps, ps.finish(), top)


shell.page(em.PAGE, body)
