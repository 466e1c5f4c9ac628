"""Activations and initialization lab: vanishing and exploding signals, dying ReLU, LeCun / Xavier / He,
why non-linearity, input normalization and normalization layers. Measured, with the theory beside.

Thin page: widgets (through ui.state's schema) -> ui.activations_model (configs, cached calls, jobs)
-> viz.activations.
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import numpy as np
import streamlit as st

import i18n
from i18n import t
from landscapes import activations as acts
from studies.activations import dying
from studies.activations import signal as sg
from ui import activations_model as am
from ui import glossary, progress, shell, state, widgets
from ui.live_chart import LAB_BUNDLE, live_chart
from ui.live_chart import preload as live_chart_preload
from viz import activations as va

RELU_FAMILY = ("relu", "leaky_relu")


def _act_name(name: str) -> str:
    return t(f"act.fn_{name}")


def _init_name(name: str) -> str:
    return t(f"act.init_{name}")


def _describe(info) -> str:
    """A job's progress info as a line of text."""
    what, i, _, total = info
    return t(f"act.progress_{what}", i=i, total=total)


def _computed(ps: state.PageState, spec: am.JobSpec, submitted: bool = False):
    """The result of ``spec`` (its progress drawn while it runs: None until it is done)."""
    return progress.result(ps, spec, describe=_describe, autostart_s=am.AUTOSTART_S, submitted=submitted)


def _job(ps: state.PageState, make, submitted: bool = False):
    """Build the view's job from the controls and run it; a config that cannot run is explained."""
    try:
        spec = make(ps.values())
    except ValueError as e:
        st.error(t("act.bad_config", msg=widgets.literal(e)))
        return None
    return _computed(ps, spec, submitted)


def _fmt(x: float) -> str:
    if not np.isfinite(x):
        return "0"
    return f"{x:.2g}" if 1e-3 <= abs(x) < 1e4 else f"{x:.1e}"


# ------------------------------------------------------------------------------------------------
# 1. Signal through depth at initialization


def signal(ps: state.PageState) -> None:
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls:
        widgets.control(ps, sch["act"], t("act.act"), format_func=_act_name)
        widgets.control(ps, sch["init"], t("act.init"), format_func=_init_name)
        widgets.control(ps, sch["dist"], t("act.dist"), format_func=lambda d: t(f"act.dist_{d}"))
        widgets.control(ps, sch["gain"], t("act.gain"), help=t("act.gain_help"))
        widgets.control(ps, sch["sigma_b"], t("act.sigma_b"), help=t("act.sigma_b_help"))
        widgets.control(ps, sch["depth"], t("act.depth"))
        widgets.control(ps, sch["width"], t("act.width"))
        widgets.control(ps, sch["inputs"], t("act.inputs"))
        widgets.control(ps, sch["seed"], t("act.seed"))
    v = ps.values()
    cfg = am.signal_config(v)
    with figs:
        widgets.markdown(t("act.formula_label", name=_init_name(cfg.init), gain=f"{cfg.gain:g}"))
        st.latex(am.FORMULAS[cfg.init])
        widgets.caption(t("act.formula_note", s2=f"{sg.sigma_w2(cfg.init, cfg.width, cfg.gain):.3g}"))
        try:
            sg.validate(cfg)
        except ValueError as e:
            st.error(t("act.bad_config", msg=widgets.literal(e)))
            return
        with st.spinner(t("act.computing")):
            p = am.signal_pair(cfg)
        widgets.markdown(_pair_verdict(p))
        dead = p.dead[0] if cfg.activation in RELU_FAMILY else None
        widgets.chart(
            va.depth_figure(
                p.layers,
                p.z_std[0],
                np.sqrt(p.theory_q[0]),
                p.grad_rms[0],
                10.0 ** p.theory_grad_log10[0],
                p.flat[0],
                dead,
                titles=(t("act.fig_z"), t("act.fig_grad"), t("act.fig_flat")),
                measured_name=t("act.measured"),
                theory_name=t("act.theory"),
                flat_name=t("act.flat_name"),
                dead_name=t("act.dead_name"),
                xlabel=t("act.layer"),
            ),
            key="act_depth",
        )
        widgets.lesson_caption(ps)
        widgets.caption(t("act.depth_explain"))
        widgets.chart(
            va.histograms_figure(
                p.hist[0],
                tuple(p.hist_range[0]),
                p.grad_hist[0],
                tuple(p.grad_range[0]),
                titles=(t("act.hist_act"), t("act.hist_grad")),
                ylabel=t("act.layer"),
                zero_label=t("act.hist_zero"),
                colorbar=t("act.share"),
            ),
            key="act_hist",
        )
        widgets.caption(t("act.hist_explain"))
        widgets.subheader(t("act.pairs_title"))
        widgets.caption(t("act.pairs_intro", depth=cfg.depth, width=cfg.width))
        grid = _job(ps, am.pairs_job)
        if grid is not None:
            _pairs(grid)


def _pair_verdict(p: sg.Propagation) -> str:
    cfg = p.config
    v = sg.verdict(p)
    theory_sig = float(np.sqrt(p.theory_q[0, -1] / p.theory_q[0, 0]))
    theory_grad = float(10.0 ** (p.theory_grad_log10[0, 0] - p.theory_grad_log10[0, -1]))
    return t(
        "act.pair_verdict",
        act=_act_name(cfg.activation),
        init=_init_name(cfg.init),
        depth=cfg.depth,
        s1=_fmt(float(p.z_std[0, 0])),
        sL=_fmt(float(p.z_std[0, -1])),
        ratio=_fmt(v.signal_ratio),
        tratio=_fmt(theory_sig),
        g=_fmt(v.gradient_ratio),
        tg=_fmt(theory_grad),
        signal=t(f"act.kind_{v.signal}"),
        gradient=t(f"act.kind_{v.gradient}"),
    )


def _pairs(grid: sg.Propagation) -> None:
    n_a, n_i = len(acts.ACTIVATIONS), len(acts.INITS)
    verdicts = [sg.verdict(grid, k) for k in range(len(grid.activations))]
    sig = np.array([v.signal_ratio for v in verdicts]).reshape(n_a, n_i)
    grad = np.array([v.gradient_ratio for v in verdicts]).reshape(n_a, n_i)
    widgets.chart(
        va.pairs_figure(
            [_act_name(a) for a in acts.ACTIVATIONS],
            [_init_name(i) for i in acts.INITS],
            sig,
            grad,
            titles=(t("act.pairs_sig"), t("act.pairs_grad")),
        ),
        key="act_pairs",
    )
    groups = am.verdict_groups(grid)
    parts = []
    for key, names in groups.items():
        if names:
            shown = ", ".join(_pair_label(n) for n in names)
            parts.append(t(f"act.group_{key}", pairs=shown))
    widgets.markdown(" ".join(parts))
    widgets.caption(t("act.pairs_explain"))


def _pair_label(name: str) -> str:
    a, i = name.split("+")
    return f"{_act_name(a)} + {_init_name(i)}"


# ------------------------------------------------------------------------------------------------
# 2. During training


def train(ps: state.PageState) -> None:
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls:
        widgets.control(ps, sch["t_data"], t("act.data"), format_func=lambda k: t(f"batch.data_{k}"))
        widgets.control(ps, sch["t_n"], t("act.n_train"))
        widgets.control(ps, sch["t_act"], t("act.act"), format_func=_act_name)
        widgets.control(ps, sch["t_init"], t("act.init"), format_func=_init_name)
        widgets.control(ps, sch["t_gain"], t("act.gain"), help=t("act.gain_help"))
        widgets.control(ps, sch["t_depth"], t("act.depth"))
        widgets.control(ps, sch["t_width"], t("act.width"))
        widgets.control(ps, sch["t_opt"], t("act.opt"), format_func=am.optimizer_title)
        widgets.control(ps, sch["t_lr"], t("act.lr"))
        widgets.control(ps, sch["t_batch"], t("act.batch"))
        widgets.control(ps, sch["t_steps"], t("act.steps"))
    with figs:
        out = _job(ps, am.training_job)
        if out is None:
            return
        g0 = out.grad_norm[0]
        widgets.markdown(
            t(
                "act.train_verdict",
                loss=_fmt(float(out.loss[-1])),
                loss0=_fmt(float(out.loss[0])),
                acc=f"{float(out.accuracy[-1]):.1%}",
                ratio=_fmt(float(g0[0] / g0[-1])) if g0[-1] > 0 else "0",
                depth=out.config.depth,
            )
        )
        widgets.chart(
            va.curve_figure(
                out.record_steps,
                [out.loss],
                [t("act.train_loss")],
                title=t("act.loss_title"),
                xlabel=t("act.step"),
                ylabel=t("act.loss"),
                log_y=True,
            ),
            key="act_loss",
        )
        widgets.lesson_caption(ps)
        # (field, title key, colour by log10, fractions) of each layer x step map
        maps = [
            ("grad_norm", "act.grad_time", True, False),
            ("h_std", "act.std_time", True, False),
            ("flat", "act.flat_time", False, True),
        ]
        if out.config.activation in RELU_FAMILY:
            maps.append(("dead", "act.dead_time", False, True))
        cols = st.columns(2)
        for k, (field, title, log, percent) in enumerate(maps):
            with cols[k % 2]:
                widgets.chart(
                    va.layer_time_figure(
                        out.record_steps,
                        getattr(out, field),
                        title=t(title),
                        xlabel=t("act.step"),
                        ylabel=t("act.layer"),
                        log=log,
                        percent=percent,
                        colorbar="log10" if log else "",
                    ),
                    key=f"act_{field}_time",
                )
        widgets.caption(t("act.train_explain"))


# ------------------------------------------------------------------------------------------------
# 3. Why non-linearity


def nonlinear(ps: state.PageState) -> None:
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls:
        widgets.control(ps, sch["l_act"], t("act.act"), format_func=_act_name)
        widgets.control(ps, sch["l_depth"], t("act.depth"))
        widgets.control(ps, sch["l_width"], t("act.width"))
        widgets.control(ps, sch["l_steps"], t("act.steps"))
    with figs:
        widgets.markdown(t("act.linear_intro"))
        out = _job(ps, am.linear_job)
        if out is None:
            return
        m, c = out.collapse.matrix[:, 0], float(out.collapse.offset[0])
        shapes = r" \, ".join(
            rf"W_{{{k + 1}}}^{{({a}\times{b})}}" for k, (a, b) in enumerate(out.layer_shapes)
        )
        st.latex(rf"{shapes} = \begin{{pmatrix}} {m[0]:.3f} \\ {m[1]:.3f} \end{{pmatrix}}, \quad b = {c:.3f}")
        line = _line(m[0], m[1], c)
        widgets.markdown(
            t(
                "act.linear_verdict",
                a=f"{m[0]:.3f}",
                b=f"{m[1]:.3f}",
                c=f"{c:.3f}",
                line=line,
                acc_lin=f"{float(out.accuracy[0, -1]):.1%}",
                acc_act=f"{float(out.accuracy[1, -1]):.1%}",
                act=_act_name(out.config.activation),
                depth=out.config.depth,
            )
        )
        names = [t("act.linear_stack"), t("act.with_act", act=_act_name(out.config.activation))]
        widgets.chart(
            va.boundary_figure(out.xs, out.ys, out.prob, out.x_train, out.y_train, titles=names),
            key="act_bounds",
        )
        widgets.lesson_caption(ps)
        widgets.chart(
            va.curve_figure(
                out.record_steps,
                list(out.loss),
                names,
                title=t("act.loss_title"),
                xlabel=t("act.step"),
                ylabel=t("act.loss"),
                log_y=True,
            ),
            key="act_lin_loss",
        )


def _line(a: float, b: float, c: float) -> str:
    """``a·x₁ ± |b|·x₂ ± |c|`` with proper signs."""
    sign = lambda v: "+" if v >= 0 else "−"  # noqa: E731
    return f"{a:.3f}·x₁ {sign(b)} {abs(b):.3f}·x₂ {sign(c)} {abs(c):.3f}"


# ------------------------------------------------------------------------------------------------
# 4. Input normalization


def inputs(ps: state.PageState) -> None:
    live_chart_preload(LAB_BUNDLE)  # plotly.js for the animated maps starts loading while they are computed
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls:
        widgets.control(ps, sch["i_scale"], t("act.i_scale"), help=t("act.i_scale_help"))
        widgets.control(ps, sch["i_corr"], t("act.i_corr"))
        widgets.control(ps, sch["i_c"], t("act.i_c"), help=t("act.i_c_help"))
        widgets.control(ps, sch["i_steps"], t("act.steps"))
    with figs:
        widgets.markdown(t("act.inputs_intro"))
        out = am.input_surfaces(am.inputs_config(ps.values()))
        raw, std = out.raw, out.standard
        widgets.markdown(
            t(
                "act.inputs_verdict",
                k_raw=f"{raw.condition:.3g}",
                k_std=f"{std.condition:.3g}",
                n_raw=_arrived(raw.arrived),
                n_std=_arrived(std.arrived),
                c=f"{out.config.c:g}",
            )
        )
        steps = np.arange(len(raw.loss))
        widgets.chart(
            va.curve_figure(
                steps,
                [raw.loss - raw.min_loss, std.loss - std.min_loss],
                [t("act.raw_name"), t("act.std_name")],
                title=t("act.excess_title"),
                xlabel=t("act.step"),
                ylabel=t("act.excess"),
                log_y=True,
            ),
            key="act_excess",
        )
    # the Race page's animated map, one per surface (Play moves gradient descent along its path)
    race_labels = {k: t(f"race.{k}") for k in ("play", "pause", "step", "start", "minimum", "diverged")}
    titles = (t("act.raw_title", k=f"{raw.condition:.3g}"), t("act.std_title", k=f"{std.condition:.3g}"))
    for col, surf, title, key in zip(st.columns(2), (raw, std), titles, ("_iraw", "_istd"), strict=True):
        with col:
            widgets.markdown(f"**{title}**")
            live_chart(
                va.descent_live_figure(
                    surf.xs,
                    surf.ys,
                    surf.z,
                    surf.path,
                    surf.minimum,
                    name=t("act.gd_path"),
                    labels=race_labels,
                ),
                key=ps.key(key),
                height=va.DESCENT_HEIGHT,
                config={"scrollZoom": False},
                failed=t("race.chart_failed"),
                bundle=LAB_BUNDLE,
            )
    widgets.lesson_caption(ps)


def _arrived(step: int) -> str:
    return str(step) if step >= 0 else t("act.not_arrived")


# ------------------------------------------------------------------------------------------------
# 5. Dying ReLU


def dying_view(ps: state.PageState) -> None:
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls, st.form(ps.key("_dform"), border=True):
        widgets.control(ps, sch["d_lrs"], t("act.d_lrs"))
        widgets.control(ps, sch["d_biases"], t("act.d_biases"), help=t("act.d_biases_help"))
        widgets.control(ps, sch["d_seeds"], t("act.seeds"))
        widgets.control(ps, sch["d_steps"], t("act.steps"))
        widgets.control(ps, sch["d_depth"], t("act.depth"))
        widgets.control(ps, sch["d_width"], t("act.width"))
        widgets.control(ps, sch["d_pick_lr"], t("act.d_pick_lr"))
        widgets.control(ps, sch["d_pick_bias"], t("act.d_pick_bias"))
        submitted = st.form_submit_button(t("act.run"), type="primary", key=ps.key("_drun"))
    with figs:
        widgets.markdown(t("act.dying_intro"))
        out = _job(ps, am.dying_job, submitted)
        if out is None:
            return
        cfg = out.config
        widgets.chart(
            va.grid_figure(
                cfg.lrs,
                cfg.biases,
                out.mean_dead,
                titles=[_act_name(a) for a in ("relu", "leaky_relu")],
                xlabel=t("act.lr_axis"),
                ylabel=t("act.bias_axis"),
                colorbar=t("act.dead_short"),
            ),
            key="act_dead_grid",
        )
        widgets.lesson_caption(ps)
        widgets.caption(t("act.dying_explain", seeds=cfg.seeds, steps=cfg.steps))
        pick = t("act.pick", lr=f"{cfg.pick_lr:g}", bias=f"{cfg.pick_bias:g}")
        curves = [dying.nanmean(out.pick_dead[k], axis=0) for k in range(2)]
        widgets.chart(
            va.curve_figure(
                out.record_steps,
                curves,
                [_act_name("relu"), _act_name("leaky_relu")],
                title=t("act.dead_steps_title", pick=pick),
                xlabel=t("act.step"),
                ylabel=t("act.dead_short"),
            ),
            key="act_dead_steps",
        )
        s = out.story
        if s.layer < 0:
            st.info(t("act.no_story", pick=pick))
        else:
            widgets.chart(
                va.unit_figure(
                    s.edges,
                    s.before,
                    s.after,
                    title=t("act.story_title", layer=s.layer, unit=s.unit + 1, seed=s.seed),
                    before_name=t("act.at_init"),
                    after_name=t("act.after_training"),
                    xlabel=t("act.z_axis"),
                    ylabel=t("act.examples"),
                ),
                key="act_story",
            )
            widgets.caption(t("act.story_explain", before=f"{s.max_before:.3g}", after=f"{s.max_after:.3g}"))


# ------------------------------------------------------------------------------------------------
# 6. Normalization layers


def norm_view(ps: state.PageState) -> None:
    controls, figs = widgets.control_columns([1, 2.7])
    sch = ps.schema
    with controls, st.form(ps.key("_nform"), border=True):
        widgets.control(ps, sch["n_act"], t("act.act"), format_func=_act_name)
        widgets.control(ps, sch["n_init"], t("act.init"), format_func=_init_name)
        widgets.control(ps, sch["n_depth"], t("act.depth"))
        widgets.control(ps, sch["n_width"], t("act.width"))
        widgets.control(ps, sch["n_steps"], t("act.steps"))
        widgets.control(ps, sch["n_seeds"], t("act.seeds"))
        widgets.control(ps, sch["n_pick_lr"], t("act.n_pick_lr"))
        submitted = st.form_submit_button(t("act.run"), type="primary", key=ps.key("_nrun"))
    with figs:
        widgets.markdown(t("act.norm_intro"))
        out = _job(ps, am.norm_job, submitted)
        if out is None:
            return
        names = [t(f"act.norm_{n}") for n in ("none", "batch", "layer")]
        widgets.markdown(
            " ".join(
                t("act.largest", name=n, lr=_fmt(float(x)) if np.isfinite(x) else t("act.none_trains"))
                for n, x in zip(names, out.largest, strict=True)
            )
        )
        means = [dying.nanmean(f, axis=-1) for f in out.final_loss]
        widgets.chart(
            va.curve_figure(
                np.asarray(out.config.lrs),
                means,
                names,
                title=t("act.sweep_title"),
                xlabel=t("act.lr_axis"),
                ylabel=t("act.final_loss"),
                log_x=True,
                log_y=True,
                hline=0.5 * out.chance,
                hline_name=t("act.trains_line"),
            ),
            key="act_sweep",
        )
        widgets.lesson_caption(ps)
        layers = np.arange(1, out.h_std_start.shape[1] + 1)
        series, labels, dashed = [], [], []
        for k, n in enumerate(names):
            series += [out.h_std_start[k], out.h_std_end[k]]
            labels += [t("act.at_init_of", name=n), t("act.trained_of", name=n, lr=f"{out.config.pick_lr:g}")]
            dashed += [False, True]
        widgets.chart(
            va.layers_figure(
                layers,
                series,
                labels,
                title=t("act.norm_std_title"),
                ylabel=t("act.h_std"),
                xlabel=t("act.layer"),
                dashed=dashed,
            ),
            key="act_norm_std",
        )
        widgets.chart(
            va.layers_figure(
                layers,
                list(out.grad_start),
                names,
                title=t("act.norm_grad_title"),
                ylabel=t("act.grad_norm"),
                xlabel=t("act.layer"),
            ),
            key="act_norm_grad",
        )
        widgets.caption(
            t("act.norm_explain", chance=f"{out.chance:.3f}", seeds=out.config.seeds, steps=out.config.steps)
        )


VIEW_FUNCS = {
    "signal": signal,
    "training": train,
    "linear": nonlinear,
    "inputs": inputs,
    "dying": dying_view,
    "norm": norm_view,
}


def body() -> None:
    ps = state.PageState(am.PAGE)
    top = widgets.page_header(ps, "act")
    ps.declare(am.schema())
    view = st.radio(
        t("act.view"),
        am.VIEWS,
        key=ps.key("view"),
        horizontal=True,
        format_func=i18n.bound(lambda v: t(f"act.view_{v}")),
        help=glossary.help_for(t("act.view"), *(t(f"act.view_{v}") for v in am.VIEWS)),
    )
    VIEW_FUNCS[view](ps)
    widgets.show_notices(ps, ps.finish(), where=top)


shell.page(am.PAGE, body)
