"""Figures of the Landscape explorer: pure builders, NumPy arrays (study results) in, go.Figure out.

``text`` takes the user-facing strings (``i18n.explorer.figure_text``); English fills what a caller
leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from i18n.explorer import figure_text
from studies import explorer as ex
from viz.colors import PALETTE, colorscale

EN = figure_text("en")
KIND_STYLE = {  # marker symbol and colour per kind
    "minimum": ("circle", "#2CA02C"),
    "maximum": ("triangle-up", "#D62728"),
    "saddle": ("x", "#FF7F0E"),
    "degenerate": ("diamond", "#9467BD"),
}
DOWN_COLOR = "#1F77B4"
UP_COLOR = "#D62728"
DIVERGED_COLOR = "#111111"
NOT_ARRIVED_COLOR = "#FFFFFF"
BASIN_COLORS = tuple(c for c in PALETTE if c not in ("#111111",))


def _t(text: Mapping | None) -> dict:
    return {**EN, **(text or {})}


def shown_z(z: np.ndarray, log: bool) -> np.ndarray:
    """The surface's values as coloured: log10 of the height above the view's lowest value when the
    surface spans decades, else the values."""
    z = np.asarray(z, np.float64)
    if not log:
        return z
    return np.log10(np.maximum(z - np.nanmin(z), 0) + 1e-3 * max(np.nanmax(z) - np.nanmin(z), 1e-12))


def _contour(grid, log: bool) -> go.Contour:
    return go.Contour(
        x=grid.x,
        y=grid.y,
        z=shown_z(grid.z, log).astype(np.float32),  # a background: float32 halves the bytes sent
        showscale=False,
        colorscale=colorscale(),
        ncontours=30,
        contours={"coloring": "heatmap", "showlines": True},
        line={"width": 0.5, "color": "rgba(0,0,0,0.25)"},
        hoverinfo="skip",
    )


def _hover(view: ex.CriticalView, idx: Sequence[int], kinds: Mapping[str, str]) -> list[str]:
    return [
        f"<b>{kinds[view.kind[i]]}</b><br>(x, y) = ({view.xy[i, 0]:.4g}, {view.xy[i, 1]:.4g})"
        f"<br>f = {view.value[i]:.5g}<br>λ₁ = {view.eigenvalues[i, 0]:.4g}, λ₂ = {view.eigenvalues[i, 1]:.4g}"
        for i in idx
    ]


def _arrows(view: ex.CriticalView, span: float) -> tuple[list, list, list, list]:
    """Line segments through each saddle along its two eigenvectors (None-separated): down, up."""
    half = 0.07 * span
    dx, dy, ux, uy = [], [], [], []
    for i, kind in enumerate(view.kind):
        if kind != "saddle":
            continue
        p = view.xy[i]
        for j, (xs, ys) in ((0, (dx, dy)), (1, (ux, uy))):
            v = view.eigenvectors[i, :, j]
            a, b = p - half * v, p + half * v
            xs += [a[0], b[0], None]
            ys += [a[1], b[1], None]
    return dx, dy, ux, uy


def critical_figure(grid, view: ex.CriticalView, log: bool = False, text: Mapping | None = None) -> go.Figure:
    """The contour of the surface with every critical point marked by kind (hover: kind, position, value,
    Hessian eigenvalues) and the two eigenvector directions drawn through each saddle."""
    t = _t(text)
    fig = go.Figure(_contour(grid, log))
    span = max(float(grid.x[-1] - grid.x[0]), float(grid.y[-1] - grid.y[0]))
    dx, dy, ux, uy = _arrows(view, span)
    if dx:
        fig.add_scatter(
            x=dx, y=dy, mode="lines", line={"color": DOWN_COLOR, "width": 3}, name=t["down"], hoverinfo="skip"
        )
        fig.add_scatter(
            x=ux, y=uy, mode="lines", line={"color": UP_COLOR, "width": 3}, name=t["up"], hoverinfo="skip"
        )
    for kind, (symbol, color) in KIND_STYLE.items():
        idx = [i for i, k in enumerate(view.kind) if k == kind]
        if not idx:
            continue
        fig.add_scatter(
            x=view.xy[idx, 0],
            y=view.xy[idx, 1],
            mode="markers+text",
            text=[str(i + 1) for i in idx],
            textposition="top right",
            marker={"symbol": symbol, "color": color, "size": 13, "line": {"color": "white", "width": 1.5}},
            name=t["kinds"][kind],
            hovertext=_hover(view, idx, t["kinds"]),
            hoverinfo="text",
            meta=kind,
        )
    (x0, x1), (y0, y1) = (grid.x[0], grid.x[-1]), (grid.y[0], grid.y[-1])
    fig.update_layout(
        height=560,
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.16},  # below the x axis's title, not over it
        xaxis={"title": t["x"], "range": [x0, x1], "constrain": "domain"},  # the map fills the x range
        yaxis={"title": t["y"], "range": [y0, y1], "scaleanchor": "x" if (x1 - x0) / (y1 - y0) < 3 else None},
    )
    return fig


def critical_figure_3d(
    grid, view: ex.CriticalView, log: bool = False, text: Mapping | None = None
) -> go.Figure:
    """The surface in 3-D with the critical points on it (coloured by kind)."""
    t = _t(text)
    fig = go.Figure(
        go.Surface(
            x=grid.x,
            y=grid.y,
            z=grid.z,
            surfacecolor=shown_z(grid.z, log),
            colorscale=colorscale(),
            showscale=False,
            opacity=0.9,
            hoverinfo="skip",
        )
    )
    for kind, (_, color) in KIND_STYLE.items():
        idx = [i for i, k in enumerate(view.kind) if k == kind]
        if idx:
            fig.add_scatter3d(
                x=view.xy[idx, 0],
                y=view.xy[idx, 1],
                z=view.value[idx],
                mode="markers",
                marker={"color": color, "size": 6, "line": {"color": "white", "width": 1}},
                name=t["kinds"][kind],
                hovertext=_hover(view, idx, t["kinds"]),
                hoverinfo="text",
            )
    fig.update_layout(
        height=520,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h"},
        scene={"xaxis_title": t["x"], "yaxis_title": t["y"], "zaxis_title": t["value"]},
    )
    return fig


def basin_colors(n_minima: int) -> list[str]:
    """Colour of each label code: minima 0..n-1, then diverged, then not arrived."""
    return [BASIN_COLORS[i % len(BASIN_COLORS)] for i in range(n_minima)] + [
        DIVERGED_COLOR,
        NOT_ARRIVED_COLOR,
    ]


def codes(b: ex.BasinMap) -> np.ndarray:
    """The labels as colour codes 0..K+1 (minima, diverged = K, not arrived = K + 1)."""
    k = len(b.minima)
    return np.where(b.label == ex.DIVERGED, k, np.where(b.label == ex.NOT_ARRIVED, k + 1, b.label)).astype(
        np.int16
    )


CLICK_GRID = 48  # points per axis of the invisible clickable grid over each basin map


def basins_figure(
    maps: Sequence[ex.BasinMap],
    titles: Sequence[str],
    text: Mapping | None = None,
    paths: np.ndarray | None = None,
    clickable: bool = False,
) -> go.Figure:
    """The basin maps side by side: each start coloured by the minimum its run ends at (one colour per
    minimum, the same on both maps), black diverged, white not arrived; stars at the minima.

    Args:
        maps, titles: one map and title per setting.
        text: translated strings.
        paths: (S, T + 1, 2) the path of each setting from one picked start, drawn on its map.
        clickable: lay an invisible grid of selectable points over each map (a click anywhere on it
            is reported; heatmaps report none).
    """
    t = _t(text)
    fig = make_subplots(rows=1, cols=len(maps), subplot_titles=list(titles), horizontal_spacing=0.06)
    k = len(maps[0].minima)
    colors = basin_colors(k)
    n_codes = k + 2
    # a discrete colour scale: code c occupies [c, c + 1) / n_codes
    scale = []
    for c, col in enumerate(colors):
        scale += [[c / n_codes, col], [(c + 1) / n_codes, col]]
    names = [f"{t['global'] if m.is_global else t['local']} #{i + 1}" for i, m in enumerate(maps[0].minima)]
    names += [t["diverged"], t["not_arrived"]]
    for col, b in enumerate(maps, start=1):
        z = codes(b)
        fig.add_heatmap(
            x=b.xs,
            y=b.ys,
            z=z,
            zmin=0,
            zmax=n_codes,
            colorscale=scale,
            showscale=False,
            customdata=np.asarray(names, dtype=object)[z] if z.size <= 128 * 128 else None,
            hovertemplate=(
                "x = %{x:.3g}, y = %{y:.3g}<br>%{customdata}<extra></extra>"
                if z.size <= 128 * 128
                else "x = %{x:.3g}, y = %{y:.3g}<extra></extra>"
            ),
            row=1,
            col=col,
        )
        if k:
            xy = np.array([m.xy for m in b.minima])
            fig.add_scatter(
                x=xy[:, 0],
                y=xy[:, 1],
                mode="markers",
                showlegend=False,
                marker={
                    "symbol": "star",
                    "size": [16 if m.is_global else 11 for m in b.minima],
                    "color": "white",
                    "line": {"color": "black", "width": 1.2},
                },
                hovertext=names[:k],
                hoverinfo="text",
                row=1,
                col=col,
            )
        if paths is not None:
            pth = paths[col - 1]
            pth = pth[np.all(np.isfinite(pth), axis=1)]
            pth = np.concatenate([pth[:: max(1, len(pth) // 1000)], pth[-1:]])  # thinned, the end kept
            fig.add_scatter(
                x=pth[:, 0],
                y=pth[:, 1],
                mode="lines",
                showlegend=False,
                hoverinfo="skip",
                line={"color": "white", "width": 3.5},
                row=1,
                col=col,
            )
            fig.add_scatter(
                x=pth[:, 0],
                y=pth[:, 1],
                mode="lines",
                showlegend=False,
                hoverinfo="skip",
                meta="path",
                line={"color": "black", "width": 1.5},
                row=1,
                col=col,
            )
            fig.add_scatter(
                x=[pth[0, 0]],
                y=[pth[0, 1]],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker={"symbol": "circle-open", "size": 12, "color": "black", "line": {"width": 2.5}},
                row=1,
                col=col,
            )
        if clickable:
            m = min(CLICK_GRID, len(b.xs))
            gx, gy = np.meshgrid(np.linspace(b.xs[0], b.xs[-1], m), np.linspace(b.ys[0], b.ys[-1], m))
            fig.add_scatter(
                x=gx.ravel(),
                y=gy.ravel(),
                mode="markers",
                showlegend=False,
                hoverinfo="none",
                meta="click",
                marker={"size": 8, "opacity": 0.0, "maxdisplayed": 1},
                row=1,
                col=col,
            )
        fig.update_xaxes(title_text=t["x"], row=1, col=col)
        fig.update_yaxes(title_text=t["y"], row=1, col=col, scaleanchor="x" if col == 1 else f"x{col}")
    fig.update_layout(height=470, margin={"l": 40, "r": 10, "t": 40, "b": 40}, clickmode="event+select")
    return fig


def shares_figure(
    maps: Sequence[ex.BasinMap], titles: Sequence[str], text: Mapping | None = None
) -> go.Figure:
    """Share of starts per ending (minima, diverged, not arrived), one group of bars per setting."""
    t = _t(text)
    k = len(maps[0].minima)
    colors = basin_colors(k)
    names = [f"#{i + 1}" for i in range(k)] + [t["diverged"], t["not_arrived"]]
    shares = np.stack([ex.basin_shares(b) for b in maps])  # (S, K + 2)
    fig = go.Figure()
    for c, name in enumerate(names):
        fig.add_bar(
            x=list(titles),
            y=shares[:, c],
            name=name,
            marker={"color": colors[c], "line": {"color": "#555555", "width": 0.5}},
            hovertemplate=f"{name}: %{{y:.1%}}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=300,
        margin={"l": 40, "r": 10, "t": 10, "b": 30},
        yaxis={"title": t["share"], "tickformat": ".0%", "range": [0, 1]},
    )
    return fig


def escape_figure(e: ex.Escape, text: Mapping | None = None) -> go.Figure:
    """Steps to leave the ball against δ (log axis): measured dots, the closed form as a line."""
    t = _t(text)
    ok = e.steps >= 0
    fig = go.Figure()
    fig.add_scatter(
        x=e.deltas, y=e.theory, mode="lines", name=t["theory"], line={"color": "#555555", "dash": "dash"}
    )
    fig.add_scatter(
        x=e.deltas[ok],
        y=e.steps[ok],
        mode="markers",
        name=t["measured"],
        marker={"color": PALETTE[0], "size": 9},
    )
    fig.update_layout(
        height=380,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": 1.08},
        xaxis={"title": t["delta"], "type": "log"},
        yaxis={"title": t["steps"]},
    )
    return fig


def escape_cut(race: ex.EscapeRace) -> int:
    """Steps of the escape worth animating: until a little after the slowest rule leaves the ball (all
    steps when a rule never does)."""
    t_all = race.path.shape[1] - 1
    if np.any(race.steps < 0):
        return t_all
    return int(min(t_all, np.ceil(1.25 * float(np.max(race.steps))) + 5))


def escape_animation(
    bg,
    race: ex.EscapeRace,
    names: Sequence[str],
    labels: Mapping[str, str] | None = None,
    text: Mapping | None = None,
    speed_ms: int = 40,
) -> go.Figure:
    """The escape race animated on the Race page's map (:func:`viz.race.map2d.contour_figure`: surface
    image, contour lines, static paths, moving comets, Play / Pause / frame slider), cut at
    :func:`escape_cut`, with the ball around the saddle drawn on top.

    Args:
        bg: the zoomed background (``viz.race.layers.background``) around the saddle.
        race: the escape race.
        names: legend name per rule.
        labels: the Race map's translated labels ("play", "pause", "step", "start", ...).
        text: the explorer's translated figure strings ("ball").
        speed_ms: milliseconds per frame.
    """
    from viz.race.map2d import contour_figure

    t = _t(text)
    cut = escape_cut(race)
    path = race.path[:, : cut + 1].astype(np.float64)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(names))]
    fig = contour_figure(
        bg,
        list(names),
        colors,
        path,
        np.full(len(names), -1),
        start=tuple(race.start),
        labels=dict(labels or {}),
        at=0,
        speed_ms=speed_ms,
        height=520,
        axis_titles=(t["x"], t["y"]),
    )
    # one unit is as long on y as on x, so the ball is drawn round (the zoomed view is square)
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    th = np.linspace(0, 2 * np.pi, 121)
    fig.add_trace(
        go.Scatter(
            x=race.saddle[0] + race.radius * np.cos(th),
            y=race.saddle[1] + race.radius * np.sin(th),
            mode="lines",
            line={"color": "#333333", "dash": "dash", "width": 1.5},
            name=t["ball"],
            hoverinfo="skip",
        )
    )
    return fig
