"""Figures of the explorer's network view (:mod:`studies.explorer_net`): pure builders, NumPy in,
go.Figure out.

``text`` takes the user-facing strings (``i18n.explorer_net.figure_text``); English fills what a
caller leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from i18n.explorer_net import figure_text
from studies import explorer_net as en
from viz.colors import PALETTE, colorscale

EN = figure_text("en")
PATH_COLOR = PALETTE[0]
PLANE_COLOR = PALETTE[1]
LOG_RATIO = 30.0  # colour on a log scale when the plane's loss spans more than this factor


def _t(text: Mapping | None) -> dict:
    return {**EN, **(text or {})}


def use_log(z: np.ndarray) -> bool:
    """Colour the plane on a log scale (its loss spans decades)."""
    lo, hi = float(np.nanmin(z)), float(np.nanmax(z))
    return lo > 0 and hi / lo > LOG_RATIO


def axis_titles(net: en.NetLandscape, plane: en.Plane, text: Mapping | None = None) -> tuple[str, str]:
    """ "PCA direction 1 (88.7%)" or "random direction 1" for the plane's two axes."""
    t = _t(text)
    if plane.kind == "pca":
        return tuple(t["pca_axis"].format(k=k + 1, share=f"{net.explained[k]:.1%}") for k in range(2))
    return tuple(t["random_axis"].format(k=k + 1) for k in range(2))


def background(plane: en.Plane):
    """The static layers (image, contour lines) of the Race map for ``plane``."""
    from viz.race import layers

    return layers.background(plane.xs, plane.ys, plane.z, use_log(plane.z))


def plane_animation(
    bg,
    net: en.NetLandscape,
    plane: en.Plane,
    labels: Mapping[str, str] | None = None,
    text: Mapping | None = None,
    speed_ms: int = 80,
) -> go.Figure:
    """The plane's loss as the Race map (image, contour lines) with the projected path animated.

    Args:
        bg: :func:`background` of ``plane``.
        net, plane: the study and the plane drawn (``net.pca`` or ``net.random``).
        labels: the Race map's translated labels ("play", "pause", "step", "start", ...).
        text: the figure strings ("path", "final", axis titles).
        speed_ms: milliseconds per frame (a frame per recorded weight vector).

    Returns:
        The figure; trace order as :func:`viz.race.map2d.contour_figure`, then the final weights.
    """
    from viz.race.map2d import contour_figure

    t = _t(text)
    fig = contour_figure(
        bg,
        [t["path"]],
        [PATH_COLOR],
        plane.path[None].astype(np.float64),
        np.array([-1]),
        start=(float(plane.path[0, 0]), float(plane.path[0, 1])),
        labels=dict(labels or {}),
        speed_ms=speed_ms,
        height=520,
        axis_titles=axis_titles(net, plane, t),
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name=t["final"],
            marker={"symbol": "star", "size": 15, "color": "white", "line": {"color": "black", "width": 1}},
            hovertext=[f"{t['final']}: {t['loss']} = {net.loss[-1]:.4g}"],
            hoverinfo="text",
        )
    )
    return fig


def plane_3d(net: en.NetLandscape, plane: en.Plane, text: Mapping | None = None) -> go.Figure:
    """The plane's loss as a surface with the projected path on it (at the plane's loss there)."""
    t = _t(text)
    ax = axis_titles(net, plane, t)
    lift = 0.01 * float(np.ptp(plane.z))
    fig = go.Figure(
        [
            go.Surface(
                x=plane.xs,
                y=plane.ys,
                z=plane.z,
                colorscale=colorscale(),
                showscale=False,
                opacity=0.95,
                hoverinfo="skip",
                name=t["loss"],
            ),
            go.Scatter3d(
                x=plane.path[:, 0],
                y=plane.path[:, 1],
                z=plane.path_loss + lift,
                mode="lines+markers",
                line={"color": PATH_COLOR, "width": 6},
                marker={"size": 2.5, "color": PATH_COLOR},
                name=t["path"],
                text=[f"{t['step']} {s}" for s in net.steps],
                hovertemplate="%{text}<br>" + t["loss"] + " = %{z:.4g}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        height=520,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        scene={
            "xaxis": {"title": {"text": ax[0]}},
            "yaxis": {"title": {"text": ax[1]}},
            "zaxis": {"title": {"text": t["loss"]}},
        },
        legend={"orientation": "h", "y": 0.02},
    )
    return fig


def slices_figure(net: en.NetLandscape, text: Mapping | None = None) -> go.Figure:
    """1-D slices through the final weights along each direction: the PCA plane's (left, distance in
    weight space) and the random plane's (right, in units of its filter-normalised directions)."""
    t = _t(text)
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t["pca_plane"], t["random_plane"]))
    for col, plane in ((1, net.pca), (2, net.random)):
        ax = axis_titles(net, plane, t)
        for k in range(2):
            fig.add_scatter(
                x=plane.slice_t,
                y=plane.slices[k],
                mode="lines",
                name=ax[k],
                line={
                    "color": PALETTE[(2 * (col - 1) + k) % len(PALETTE)],
                    "dash": "solid" if k == 0 else "dash",
                },
                row=1,
                col=col,
            )
        fig.add_scatter(
            x=[0.0],
            y=[net.loss[-1]],
            mode="markers",
            name=t["final"],
            marker={"symbol": "star", "size": 11, "color": "black"},
            showlegend=col == 1,
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=t["offset_pca" if col == 1 else "offset_random"], row=1, col=col)
    fig.update_yaxes(title_text=t["loss"], row=1, col=1)
    fig.update_layout(
        height=360, margin={"l": 50, "r": 10, "t": 30, "b": 40}, legend={"orientation": "h", "y": -0.25}
    )
    return fig


def path_loss_figure(net: en.NetLandscape, text: Mapping | None = None) -> go.Figure:
    """The training loss along the path at the weights themselves and at their projection on each
    plane: where the plane holds the path, the two curves agree."""
    t = _t(text)
    fig = go.Figure()
    fig.add_scatter(x=net.steps, y=net.loss, mode="lines", name=t["at_weights"], line={"color": "#333333"})
    for plane, color, name in ((net.pca, PATH_COLOR, t["on_pca"]), (net.random, PLANE_COLOR, t["on_random"])):
        fig.add_scatter(
            x=net.steps, y=plane.path_loss, mode="lines", name=name, line={"color": color, "dash": "dash"}
        )
    fig.update_layout(
        height=320,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": 1.12},
        xaxis={"title": t["step"]},
        yaxis={"title": t["loss"]},
    )
    return fig


def explained_figure(net: en.NetLandscape, text: Mapping | None = None, top: int = 10) -> go.Figure:
    """The share of the path's squared displacement along each of the first ``top`` principal
    directions (the plane uses the first two)."""
    t = _t(text)
    k = min(top, len(net.explained))
    colors = [PATH_COLOR if i < 2 else "#b8b8b8" for i in range(k)]
    fig = go.Figure(
        go.Bar(
            x=np.arange(1, k + 1),
            y=net.explained[:k],
            marker={"color": colors},
            hovertemplate="%{x}: %{y:.2%}<extra></extra>",
            name=t["explained"],
        )
    )
    fig.update_layout(
        height=260,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        xaxis={"title": t["component"], "dtick": 1},
        yaxis={"title": t["explained"], "tickformat": ".0%", "range": [0, 1]},
    )
    return fig
