"""Figures of the boosting view: the decision boundary after chosen rounds (with the points the next
weak learner works on) and the train / test error round by round for each learning rate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from ._common import finish, texts

CLASS_COLORS = ("#1F77B4", "#D62728")
BOUNDARY_TEXT = {
    "title": "The boosted model after each number of rounds (learning rate {rate:g})",
    "panel": "round {t}",
    "class": "class {c}",
    "flipped": "flipped label",
    "note": "point size: |y − p|, what the next tree is fitted to",
}


def boundary_figure(
    grid_x: np.ndarray,
    grid_y: np.ndarray,
    grid_prob: np.ndarray,
    snapshots: Sequence[int],
    x: np.ndarray,
    y: np.ndarray,
    residual: np.ndarray,
    flipped: np.ndarray,
    rate: float,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """One panel per snapshot round: P(class 1) as a pale background, the 0.5 boundary as a line, the
    training points (size = the residual |y − p| the next tree fits, flipped labels ringed).

    Args:
        grid_x: (g,). grid_y: (g,). grid_prob: (S, g, g) rows = y. snapshots: (S,) rounds.
        x: (n, 2). y: (n,) labels 0/1. residual: (S, n). flipped: (n,) bool. rate: the learning rate.
        text: translations of :data:`BOUNDARY_TEXT` (fields {rate}, {t}, {c}).
    """
    t = texts(BOUNDARY_TEXT, text)
    s = len(snapshots)
    fig = make_subplots(
        rows=1,
        cols=s,
        shared_yaxes=True,
        horizontal_spacing=0.02,
        subplot_titles=[t["panel"].format(t=int(r)) for r in snapshots],
    )
    pale = [[0.0, "#C6DBEF"], [0.5, "#FFFFFF"], [1.0, "#FCBBA1"]]
    for j in range(s):
        fig.add_trace(
            go.Heatmap(
                x=grid_x,
                y=grid_y,
                z=grid_prob[j],
                colorscale=pale,
                zmin=0,
                zmax=1,
                showscale=False,
                hoverinfo="skip",
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Contour(
                x=grid_x,
                y=grid_y,
                z=grid_prob[j],
                showscale=False,
                hoverinfo="skip",
                contours={"start": 0.5, "end": 0.5, "size": 1.0, "coloring": "none"},
                line={"color": "#222", "width": 2},
            ),
            row=1,
            col=j + 1,
        )
        for c in (0, 1):
            m = y == c
            fig.add_trace(
                go.Scatter(
                    x=x[m, 0],
                    y=x[m, 1],
                    mode="markers",
                    name=t["class"].format(c=c),
                    legendgroup=f"c{c}",
                    showlegend=j == 0,
                    hoverinfo="skip",
                    marker={
                        "color": CLASS_COLORS[c],
                        "size": 3 + 12 * residual[j, m],
                        "opacity": 0.75,
                        "line": {"width": np.where(flipped[m], 1.5, 0.0), "color": "#000"},
                    },
                ),
                row=1,
                col=j + 1,
            )
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False)
    fig.add_annotation(
        text=t["note"],
        xref="paper",
        yref="paper",
        x=1,
        y=-0.06,
        showarrow=False,
        font={"size": 11, "color": "#555"},
        xanchor="right",
    )
    return finish(fig, t["title"].format(rate=rate), height=380)


CURVES_TEXT = {
    "title": "Error round by round",
    "round": "round (log scale)",
    "error": "misclassified fraction",
    "train": "train, η = {rate:g}",
    "test": "test, η = {rate:g}",
    "best": "lowest test error",
}


def boost_curves_figure(
    rates: Sequence[float],
    train_err: np.ndarray,
    test_err: np.ndarray,
    main: int,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Train (dashed) and test (solid) error against the round for every learning rate, the
    drawn rate thicker; a marker at each rate's lowest test error.

    Args:
        rates: (L,). train_err, test_err: (L, M). main: index of the drawn rate.
        text: translations of :data:`CURVES_TEXT` (fields {rate}).
    """
    t = texts(CURVES_TEXT, text)
    rounds = np.arange(1, train_err.shape[1] + 1)
    colors = sample_colorscale("Viridis", list(np.linspace(0.0, 0.85, len(rates))))
    fig = go.Figure()
    for i, (rate, color) in enumerate(zip(rates, colors, strict=True)):
        width = 3.5 if i == main else 1.8
        fig.add_trace(
            go.Scatter(
                x=rounds,
                y=test_err[i],
                mode="lines",
                name=t["test"].format(rate=rate),
                legendgroup=str(i),
                line={"color": color, "width": width},
            )
        )
        fig.add_trace(
            go.Scatter(
                x=rounds,
                y=train_err[i],
                mode="lines",
                name=t["train"].format(rate=rate),
                legendgroup=str(i),
                line={"color": color, "width": width * 0.7, "dash": "dash"},
            )
        )
        b = int(np.argmin(test_err[i]))
        fig.add_trace(
            go.Scatter(
                x=[rounds[b]],
                y=[test_err[i, b]],
                mode="markers",
                name=t["best"],
                legendgroup=str(i),
                showlegend=False,
                hovertemplate=t["best"] + ": %{x}, %{y:.3f}",
                marker={"color": color, "size": 11, "symbol": "star", "line": {"width": 1}},
            )
        )
    fig.update_xaxes(type="log")
    return finish(fig, t["title"], height=440, xaxis_title=t["round"], yaxis_title=t["error"])
