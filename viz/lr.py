"""Figures of the learning-rate lab: pure builders, NumPy arrays (study results) in, go.Figure out.

Every builder takes optional ``text``: a dict of the user-facing strings it draws (titles, axis
labels, legend names), so pages pass translated strings (``i18n.lr.figure_text``); the strings live
in ``i18n/lr.py`` only, and its English ones (:data:`EN`) fill what a caller leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from i18n.lr import figure_text
from viz.colors import optimizer_color

PANEL_COLORS = ("#6baed6", "#2ca02c", "#d62728")  # too small, about right, too large
SCHEDULE_COLORS = ("#444444", "#1f77b4", "#ff7f0e", "#9467bd", "#2ca02c", "#d62728")
RISE_COLOR = "#e6550d"
UNSTABLE_FILL = "rgba(214, 39, 40, 0.15)"
DIVERGED_COLOR = "#9e9e9e"
STUCK_COLOR = "#f4a582"  # finite but not contracting (rho >= 1)

# The English texts when a caller passes none (a shell, a test); pages pass their language's.
EN = figure_text("en")


def _t(text: Mapping | None) -> dict:
    return {**EN, **(text or {})}


def _symbol(t: Mapping, hp: str) -> str:
    """How hyperparameter ``hp`` is written (μ for momentum); its name if it has no symbol."""
    return t["symbols"].get(hp, hp)


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def _contour(grid, showscale: bool = False, log: bool = True) -> go.Contour:
    z = np.asarray(grid.z, np.float64)
    if log:
        z = np.log10(np.maximum(z - np.nanmin(z), 0) + 1e-3)
    return go.Contour(
        x=grid.x,
        y=grid.y,
        z=z.astype(np.float32),  # a background: float32 halves what the browser receives and decodes
        showscale=showscale,
        colorscale="Greys",
        reversescale=True,
        ncontours=25,
        contours={"coloring": "heatmap", "showlines": True},
        line={"width": 0.5},
        opacity=0.55,
        hoverinfo="skip",
    )


def _log_labels(fig: go.Figure) -> go.Figure:
    """Log axes label the decades only: Plotly's default "small digits" between them (2, 5)
    are drawn at 3/4 of the tick size (9 px), too small to read on a phone."""
    fig.update_xaxes(minorloglabels="none", selector={"type": "log"})
    fig.update_yaxes(minorloglabels="none", selector={"type": "log"})
    return fig


def rise_text(r, text: Mapping | None = None) -> str:
    """The hover / caption text of one rising step."""
    t = _t(text)
    msg = t["reasons"][r.reason].format(x=r.lr_lambda, c=r.limit)
    return f"{t['step']} {r.step}→{r.step + 1}: +{r.delta:.3g}<br>{msg}"


def panels_figure(panels, grid, text: Mapping | None = None) -> go.Figure:
    """Too small / about right / too large: paths on the surface (top) and losses (bottom).

    Args:
        panels: a :class:`studies.stability.Panels`.
        grid: a :class:`landscapes.Grid` of the same surface (the background).
        text: translated strings (see ``EN``).

    Returns:
        go.Figure with 2 x 3 subplots; rising steps are marked on both rows.
    """
    t = _t(text)
    titles = [f"{t['panels'][i]}<br>lr = {_fmt(lr)}" for i, lr in enumerate(panels.lrs)]
    fig = make_subplots(
        rows=2,
        cols=3,
        subplot_titles=titles + ["", "", ""],
        row_heights=[0.62, 0.38],
        vertical_spacing=0.1,
        horizontal_spacing=0.05,
    )
    (x0, x1), (y0, y1) = (float(grid.x[0]), float(grid.x[-1])), (float(grid.y[0]), float(grid.y[-1]))
    for i in range(3):
        col = i + 1
        color = PANEL_COLORS[i]
        fig.add_trace(_contour(grid), row=1, col=col)
        p = panels.path[i]
        fig.add_trace(
            go.Scatter(
                x=p[:, 0],
                y=p[:, 1],
                mode="lines+markers",
                line={"color": color, "width": 2},
                marker={"size": 3},
                name=t["panels"][i],
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[p[0, 0]],
                y=[p[0, 1]],
                mode="markers",
                name=t["start"],
                showlegend=False,
                marker={"symbol": "circle-open", "size": 10, "color": "black"},
            ),
            row=1,
            col=col,
        )
        steps = np.arange(panels.loss.shape[1])
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=panels.loss[i],
                mode="lines",
                line={"color": color},
                showlegend=False,
                name=t["loss"],
            ),
            row=2,
            col=col,
        )
        rises = panels.rises[i]
        if rises:
            ks = np.array([r.step for r in rises])
            hover = [rise_text(r, text) for r in rises]
            fig.add_trace(
                go.Scatter(
                    x=p[ks + 1, 0],
                    y=p[ks + 1, 1],
                    mode="markers",
                    name=t["rise"],
                    marker={"symbol": "triangle-up", "size": 9, "color": RISE_COLOR},
                    hovertext=hover,
                    hoverinfo="text",
                    showlegend=(i == 2),
                ),
                row=1,
                col=col,
            )
            fig.add_trace(
                go.Scatter(
                    x=ks + 1,
                    y=panels.loss[i, ks + 1],
                    mode="markers",
                    name=t["rise"],
                    marker={"symbol": "triangle-up", "size": 8, "color": RISE_COLOR},
                    hovertext=hover,
                    hoverinfo="text",
                    showlegend=False,
                ),
                row=2,
                col=col,
            )
        d = int(panels.diverged_at[i])
        if d >= 0:
            fig.add_vline(
                x=d,
                line={"color": "black", "dash": "dot"},
                row=2,
                col=col,
                annotation_text=f"{t['diverged']} @ {d}",
                annotation_position="top left",
            )
        fig.update_xaxes(range=[x0, x1], row=1, col=col)
        fig.update_yaxes(range=[y0, y1], row=1, col=col)
        fig.update_yaxes(type="log", row=2, col=col)
        fig.update_xaxes(title_text=t["step"], range=[0, panels.loss.shape[1] - 1], row=2, col=col)
    fig.update_yaxes(title_text=t["loss"], row=2, col=1)
    fig.update_layout(height=620, margin={"l": 50, "r": 20, "t": 70, "b": 40}, legend={"orientation": "h"})
    return _log_labels(fig)


def stability_figure(panels, text: Mapping | None = None) -> go.Figure:
    """λ_max along each of the three paths against the limit c / lr, unstable region shaded.

    Args:
        panels: a :class:`studies.stability.Panels`.
        text: translated strings (see ``EN``).

    Returns:
        go.Figure with 1 x 3 subplots (log y).
    """
    t = _t(text)
    fig = make_subplots(
        rows=1,
        cols=3,
        subplot_titles=[f"{t['panels'][i]}<br>lr = {_fmt(v)}" for i, v in enumerate(panels.lrs)],
        horizontal_spacing=0.06,
    )
    for i, st in enumerate(panels.stability):
        col = i + 1
        k = np.arange(st.lam.size)
        lam = np.where(st.lam > 0, st.lam, np.nan)
        finite = lam[np.isfinite(lam)]
        top = float(np.nanmax(np.concatenate([finite, st.limit if st.limit is not None else []]))) * 3
        if st.limit is not None:
            fig.add_trace(
                go.Scatter(
                    x=k,
                    y=st.limit,
                    mode="lines",
                    line={"color": "black", "dash": "dash"},
                    name=t["limit"],
                    showlegend=(i == 0),
                ),
                row=1,
                col=col,
            )
            fig.add_trace(
                go.Scatter(
                    x=k,
                    y=np.full(k.size, top),
                    mode="lines",
                    line={"width": 0},
                    fill="tonexty",
                    fillcolor=UNSTABLE_FILL,
                    name=t["unstable"],
                    hoverinfo="skip",
                    showlegend=(i == 0),
                ),
                row=1,
                col=col,
            )
        fig.add_trace(
            go.Scatter(
                x=k,
                y=lam,
                mode="lines",
                line={"color": PANEL_COLORS[i], "width": 2},
                name=t["lambda"],
                showlegend=(i == 0),
            ),
            row=1,
            col=col,
        )
        if st.unstable.any():
            ku = np.flatnonzero(st.unstable)
            fig.add_trace(
                go.Scatter(
                    x=ku,
                    y=lam[ku],
                    mode="markers",
                    marker={"color": RISE_COLOR, "size": 4},
                    name=t["unstable"],
                    showlegend=False,
                ),
                row=1,
                col=col,
            )
        if st.diverged_at >= 0:
            fig.add_vline(
                x=st.diverged_at,
                line={"color": "black", "dash": "dot"},
                row=1,
                col=col,
                annotation_text=f"{t['diverged']} @ {st.diverged_at}",
            )
        fig.update_yaxes(type="log", row=1, col=col)
        fig.update_xaxes(title_text=t["step"], row=1, col=col)
    fig.update_yaxes(title_text=t["lambda"], row=1, col=1)
    fig.update_layout(height=360, margin={"l": 50, "r": 20, "t": 70, "b": 40}, legend={"orientation": "h"})
    return _log_labels(fig)


def sweep_figure(sweep, names: Sequence[str] | None = None, text: Mapping | None = None) -> go.Figure:
    """Final loss and steps-to-tolerance against the learning rate, edges and best rates marked.

    Args:
        sweep: a :class:`studies.sweep.Sweep`.
        names: legend name per optimizer (the optimizers' ids if None).
        text: translated strings (see ``EN``).

    Returns:
        go.Figure with 2 rows sharing a log x axis.
    """
    t = _t(text)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.6, 0.4])
    for i, name in enumerate(names if names is not None else sweep.names):
        c = optimizer_color(i)  # slot colours, as on the Race page the tuned rates go to
        ok = sweep.diverged_at[i] < 0
        fig.add_trace(
            go.Scatter(
                x=sweep.lrs,
                y=np.where(ok, sweep.final_loss[i], np.nan),
                mode="lines",
                line={"color": c},
                name=name,
                legendgroup=name,
            ),
            row=1,
            col=1,
        )
        hit = np.where(ok & (sweep.hit_at[i] >= 0), sweep.hit_at[i], np.nan).astype(np.float64)
        fig.add_trace(
            go.Scatter(
                x=sweep.lrs,
                y=hit,
                mode="lines",
                line={"color": c},
                name=name,
                legendgroup=name,
                showlegend=False,
            ),
            row=2,
            col=1,
        )
        if np.isfinite(sweep.edge[i]):
            fig.add_vline(x=float(sweep.edge[i]), line={"color": c, "dash": "dot"}, row="all", col=1)
            fig.add_trace(
                go.Scatter(
                    x=[sweep.edge[i]],
                    y=[None],
                    mode="markers",
                    name=f"{t['edge']} ({name})",
                    marker={"color": c, "symbol": "x"},
                    legendgroup=name,
                    showlegend=False,
                ),
                row=1,
                col=1,
            )
        b = int(sweep.best[i])
        if b >= 0:
            fig.add_trace(
                go.Scatter(
                    x=[sweep.lrs[b]],
                    y=[sweep.final_loss[i, b]],
                    mode="markers",
                    marker={"symbol": "star", "size": 14, "color": c, "line": {"width": 1}},
                    name=f"{t['best']} ({name}): {_fmt(sweep.lrs[b])}",
                    legendgroup=name,
                ),
                row=1,
                col=1,
            )
            if sweep.hit_at[i, b] >= 0:
                fig.add_trace(
                    go.Scatter(
                        x=[sweep.lrs[b]],
                        y=[sweep.hit_at[i, b]],
                        mode="markers",
                        marker={"symbol": "star", "size": 12, "color": c},
                        showlegend=False,
                        legendgroup=name,
                    ),
                    row=2,
                    col=1,
                )
    fig.update_xaxes(type="log", row=1, col=1)
    fig.update_xaxes(type="log", title_text=t["lr"], row=2, col=1)
    fig.update_yaxes(type="log", title_text=t["final_loss"], row=1, col=1)
    fig.update_yaxes(title_text=t["steps_to_tol"], row=2, col=1)
    fig.update_layout(height=560, margin={"l": 60, "r": 20, "t": 30, "b": 40})
    return _log_labels(fig)


def phase_figure(pm, metric: str = "rate", text: Mapping | None = None) -> go.Figure:
    """The (lr, second) phase map, with the quadratic theory overlaid when there is one.

    Args:
        pm: a :class:`studies.phase.PhaseMap`.
        metric: "rate" (measured per-step contraction) or "loss" (log10 final loss).
        text: translated strings (see ``EN``).

    Returns:
        go.Figure: heatmap on a log lr axis, diverged cells grey.
    """
    if metric not in ("rate", "loss"):
        raise ValueError(f"Unknown phase-map metric {metric!r}; choose one of: rate, loss")
    t = _t(text)
    axis = _symbol(t, pm.axis)
    div = pm.diverged_at >= 0
    if metric == "rate":
        # Colour by speed: log10 of the digits gained per step, -log10(rho); ticks show rho itself.
        rho = np.where(div, np.nan, pm.shown)  # exact on a quadratic, else measured (pm.source)
        z = np.where(rho < 1.0, np.log10(-np.log10(np.clip(rho, 1e-12, 1 - 1e-12))), np.nan)
        ticks = np.array([0.999, 0.99, 0.95, 0.8, 0.5, 0.1])
        cbar = {
            "title": {"text": t["rate"] + " ρ"},
            "tickvals": np.log10(-np.log10(ticks)).tolist(),
            "ticktext": [f"{v:g}" for v in ticks],
        }
        stuck = ~div & ~(rho < 1.0)
        cs, zmin, zmax = "Viridis", float(np.log10(-np.log10(0.9999))), float(np.log10(-np.log10(0.05)))
        hover = "lr=%{x:.3g}<br>" + axis + "=%{y:.3f}<br>ρ=%{customdata:.4f}<extra></extra>"
        custom = rho
    else:
        z = np.where(div, np.nan, np.log10(np.maximum(pm.final_loss, 1e-30)))
        cbar = {"title": {"text": t["log10_loss"]}}
        stuck = np.zeros(div.shape, bool)
        cs, zmin, zmax = "Viridis_r", None, None
        hover = "lr=%{x:.3g}<br>" + axis + "=%{y:.3f}<br>%{customdata:.3g}<extra></extra>"
        custom = pm.final_loss
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            x=pm.lrs,
            y=pm.second,
            z=np.where(div, 1.0, np.nan),
            showscale=False,
            colorscale=[[0, DIVERGED_COLOR], [1, DIVERGED_COLOR]],
            hoverinfo="skip",
            name=t["diverged"],
        )
    )
    if stuck.any():
        fig.add_trace(
            go.Heatmap(
                x=pm.lrs,
                y=pm.second,
                z=np.where(stuck, 1.0, np.nan),
                showscale=False,
                colorscale=[[0, STUCK_COLOR], [1, STUCK_COLOR]],
                hoverinfo="skip",
                name=t["not_converging"],
            )
        )
    fig.add_trace(
        go.Heatmap(
            x=pm.lrs,
            y=pm.second,
            z=z,
            colorscale=cs,
            zmin=zmin,
            zmax=zmax,
            colorbar=cbar,
            customdata=custom,
            hovertemplate=hover,
        )
    )
    if pm.edge is not None:
        inside = (pm.edge >= pm.lrs[0]) & (pm.edge <= pm.lrs[-1])
        fig.add_trace(
            go.Scatter(
                x=np.where(inside, pm.edge, np.nan),
                y=pm.second,
                mode="lines",
                line={"color": "white", "width": 2, "dash": "dash"},
                name=t["theory_edge"],
            )
        )
    th, best = pm.theory, pm.optimum
    if best is not None:  # the theory's fastest setting (heavy ball on a quadratic)
        fig.add_trace(
            go.Scatter(
                x=[best.lr],
                y=[best.mu],
                mode="markers+text",
                name=t["optimum"],
                marker={
                    "symbol": "star",
                    "size": 16,
                    "color": "white",
                    "line": {"color": "black", "width": 1},
                },
                text=[f"lr {best.lr:.3g}, {axis} {best.mu:.3f}, ρ {best.rate:.4f}"],
                textposition="top left",
                textfont={"color": "white"},
                hovertext=f"ρ = {best.rate:.4f}",
                hoverinfo="text+x+y",
            )
        )
    # At momentum 0 a rule with a stability edge is gradient descent: mark where GD's edge lies.
    if pm.edge is not None and pm.second[0] == 0.0 and pm.lrs[0] <= th.gd_edge <= pm.lrs[-1]:
        fig.add_trace(
            go.Scatter(
                x=[th.gd_edge],
                y=[0.0],
                mode="markers",
                name=t["gd_edge"],
                marker={
                    "symbol": "diamond",
                    "size": 10,
                    "color": "white",
                    "line": {"color": "black", "width": 1},
                },
            )
        )
    fig.update_xaxes(type="log", title_text=t["lr"])
    fig.update_yaxes(title_text=axis, range=[float(pm.second[0]), float(pm.second[-1])])
    fig.update_layout(
        height=520, margin={"l": 60, "r": 20, "t": 30, "b": 40}, legend={"orientation": "h", "y": -0.15}
    )
    return _log_labels(fig)


def schedules_figure(cmp, names: Sequence[str] | None = None, text: Mapping | None = None) -> go.Figure:
    """Loss curves under each schedule (top, log y) above the learning-rate curves (bottom).

    Args:
        cmp: a :class:`studies.schedule.ScheduleComparison`.
        names: legend names per schedule (the schedule kinds if None).
        text: translated strings (see ``EN``).

    Returns:
        go.Figure with 2 rows sharing the step axis.
    """
    t = _t(text)
    names = list(names) if names is not None else [s.kind for s in cmp.schedules]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.05, row_heights=[0.62, 0.38])
    for i, nm in enumerate(names):
        c = SCHEDULE_COLORS[i % len(SCHEDULE_COLORS)]
        fig.add_trace(
            go.Scatter(
                x=np.arange(cmp.loss.shape[1]),
                y=cmp.loss[i],
                mode="lines",
                line={"color": c},
                name=nm,
                legendgroup=nm,
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=np.arange(cmp.lr.shape[1]),
                y=cmp.lr[i],
                mode="lines",
                line={"color": c},
                name=nm,
                legendgroup=nm,
                showlegend=False,
            ),
            row=2,
            col=1,
        )
    fig.update_yaxes(type="log", title_text=t["loss"], row=1, col=1)
    fig.update_yaxes(title_text=t["lr"], row=2, col=1)
    fig.update_xaxes(title_text=t["step"], row=2, col=1)
    fig.update_layout(height=560, margin={"l": 60, "r": 20, "t": 30, "b": 40})
    return _log_labels(fig)


def search_figure(res, text: Mapping | None = None) -> go.Figure:
    """Grid vs random search: samples over the background map, their projections on each axis as
    ticks along the edges, and each method's best.

    Args:
        res: a :class:`studies.search.SearchResult`.
        text: translated strings (see ``EN``).

    Returns:
        go.Figure with 1 x 2 subplots.
    """
    t = _t(text)
    a0, a1 = res.axes
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t["grid"], t["random"]], horizontal_spacing=0.08)
    floor = float(np.min(res.bg_loss[np.isfinite(res.bg_loss)])) if np.isfinite(res.bg_loss).any() else 0.0
    z = np.log10(np.maximum(np.where(np.isfinite(res.bg_loss), res.bg_loss, np.nan) - min(floor, 0.0), 1e-12))
    for col, (pts, loss, c) in enumerate(
        ((res.grid_pts, res.grid_loss, "#1f77b4"), (res.random_pts, res.random_loss, "#d62728")), start=1
    ):
        fig.add_trace(
            go.Heatmap(
                x=res.bg_x,
                y=res.bg_y,
                z=z,
                colorscale="Greys",
                reversescale=True,
                showscale=(col == 2),
                colorbar={"title": {"text": t["log10_loss"]}},
                hoverinfo="skip",
                opacity=0.7,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=pts[:, 0],
                y=pts[:, 1],
                mode="markers",
                name=t["grid" if col == 1 else "random"],
                marker={"color": c, "size": 8, "line": {"color": "white", "width": 1}},
                hovertext=[f"{v:.3g}" for v in loss],
                hoverinfo="x+y+text",
            ),
            row=1,
            col=col,
        )
        # Projections: what each method learns about each axis on its own.
        fig.add_trace(
            go.Scatter(
                x=pts[:, 0],
                y=np.full(len(pts), res.bg_y[0]),
                mode="markers",
                showlegend=False,
                marker={"symbol": "line-ns", "size": 14, "line": {"color": c, "width": 2}},
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=np.full(len(pts), res.bg_x[0]),
                y=pts[:, 1],
                mode="markers",
                showlegend=False,
                marker={"symbol": "line-ew", "size": 14, "line": {"color": c, "width": 2}},
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
        best, bl = res.best("grid" if col == 1 else "random")
        fig.add_trace(
            go.Scatter(
                x=[best[0]],
                y=[best[1]],
                mode="markers",
                name=f"{t['best_found']}: {bl:.3g}",
                marker={
                    "symbol": "star",
                    "size": 18,
                    "color": "gold",
                    "line": {"color": "black", "width": 1},
                },
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(type="log" if a0.log else "linear", title_text=_symbol(t, a0.name), row=1, col=col)
        fig.update_yaxes(
            type="log" if a1.log else "linear",
            title_text=_symbol(t, a1.name) if col == 1 else None,
            row=1,
            col=col,
        )
    fig.update_layout(
        height=460, margin={"l": 60, "r": 20, "t": 40, "b": 40}, legend={"orientation": "h", "y": -0.2}
    )
    return _log_labels(fig)
