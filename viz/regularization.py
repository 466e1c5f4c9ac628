"""Figures of the regularization lab: pure functions from NumPy arrays to ``go.Figure``.

Train is blue, validation green, test red, fresh data purple everywhere; one colour per
regularizer (the D3 palette, "none" in grey). Every text shown is an argument with an English
default, so a page can pass translations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from viz.colors import PALETTE, rgba

TEMPLATE = "plotly_white"
SET_COLORS = {"train": "#1F77B4", "val": "#2CA02C", "test": "#D62728", "fresh": "#9467BD"}
NONE_COLOR = "#7F7F7F"
MARGIN = {"t": 60, "b": 45, "l": 60, "r": 10}


def config_colors(labels: Sequence[str]) -> list[str]:
    """One colour per configuration: grey for "none", the palette for the others."""
    out, k = [], 0
    for label in labels:
        if label == "none":
            out.append(NONE_COLOR)
        else:
            out.append(PALETTE[(k + 1) % len(PALETTE)])
            k += 1
    return out


def spread(values, geometric: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(center, low, high) over axis 0 of ``values`` (S, X): the line and band a figure draws.

    Arithmetic: mean and mean ± std. Geometric (for positive values on a log axis): the geometric
    mean exp(mean log v) and the band times / divided by the geometric standard deviation
    exp(std log v): symmetric on the log axis and always positive (an arithmetic band reaches
    zero, which a log axis cannot show, as soon as std >= mean).

    Raises:
        ValueError: a negative value with ``geometric``.
    """
    v = np.asarray(values, np.float64)
    if not geometric:
        mean, sd = v.mean(axis=0), v.std(axis=0)
        return mean, mean - sd, mean + sd
    if np.any(v < 0):
        raise ValueError("a geometric mean needs values >= 0")
    lv = np.log(np.maximum(v, np.finfo(np.float64).tiny))  # an exact 0 (interpolation): the least double
    center, gsd = np.exp(lv.mean(axis=0)), np.exp(lv.std(axis=0))
    return center, center / gsd, center * gsd


def _band(fig, x, values, color, name, row=None, col=None, dash="solid", show=True, geometric=False):
    """Center line with its band over axis 0 of ``values`` (S, X) (:func:`spread`)."""
    center, low, high = spread(values, geometric)
    fig.add_trace(
        go.Scatter(
            x=np.concatenate([x, x[::-1]]),
            y=np.concatenate([high, low[::-1]]),
            fill="toself",
            fillcolor=rgba(color, 0.15),
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            legendgroup=name,
        ),
        row=row,
        col=col,
    )
    if geometric:
        extra, hover = high / center, "×/÷ %{customdata:.3g}"
    else:
        extra, hover = high - center, "± %{customdata:.3g}"
    fig.add_trace(
        go.Scatter(
            x=x,
            y=center,
            mode="lines+markers",
            name=name,
            legendgroup=name,
            showlegend=show,
            line={"color": color, "width": 2.5, "dash": dash},
            marker={"size": 5},
            customdata=extra,
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.4g}} {hover}<extra></extra>",
        ),
        row=row,
        col=col,
    )


def capacity_figure(
    capacity: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    *,
    best: float,
    title: str = "Error against capacity",
    xlabel: str = "capacity",
    ylabel: str = "error",
    train_name: str = "train",
    test_name: str = "test",
    best_name: str = "best",
    log_x: bool = False,
    log_y: bool = False,
) -> go.Figure:
    """Train and test error over seeds against capacity; the best capacity marked.

    On a linear error axis the line is the mean and the band ± 1 std; on a log axis (``log_y``)
    the line is the geometric mean and the band ×/÷ the geometric std (:func:`spread`), so the band
    stays positive and symmetric on the axis drawn.

    Args:
        capacity: (X,) degrees or widths. train, test: (S, X). best: the capacity marked.
    """
    fig = go.Figure()
    x = np.asarray(capacity, np.float64)
    _band(fig, x, train, SET_COLORS["train"], train_name, geometric=log_y)
    _band(fig, x, test, SET_COLORS["test"], test_name, geometric=log_y)
    fig.add_vline(x=float(best), line={"color": "#333", "dash": "dot", "width": 1.5})
    fig.add_annotation(x=float(best), y=1.0, yref="paper", text=best_name, showarrow=False, yshift=10)
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=400, margin=MARGIN
    )
    if log_x:
        fig.update_xaxes(type="log", tickvals=list(x), ticktext=[f"{v:g}" for v in x])
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def fits_figure(
    x_grid: np.ndarray,
    fits: np.ndarray,
    titles: Sequence[str],
    x_train: np.ndarray,
    y_train: np.ndarray,
    truth: np.ndarray,
    *,
    title: str = "Fitted curves",
    truth_name: str = "true curve",
    data_name: str = "training points",
    ylim: tuple[float, float] = (-2.5, 2.5),
) -> go.Figure:
    """One panel per fit (1-D): the fitted curve, the true curve and the training points.

    Args:
        x_grid: (G,). fits: (k, G). titles: (k,). x_train, y_train: (n,). truth: (G,).
    """
    k = len(titles)
    fig = make_subplots(
        rows=1, cols=k, subplot_titles=list(titles), shared_yaxes=True, horizontal_spacing=0.03
    )
    for j in range(k):
        show = j == 0
        fig.add_trace(
            go.Scatter(
                x=x_grid,
                y=truth,
                mode="lines",
                name=truth_name,
                showlegend=show,
                legendgroup="truth",
                line={"color": "#999", "dash": "dash"},
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=x_train,
                y=y_train,
                mode="markers",
                name=data_name,
                showlegend=show,
                legendgroup="data",
                marker={"color": "#333", "size": 6},
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=x_grid,
                y=np.clip(fits[j], -1e3, 1e3),
                mode="lines",
                showlegend=False,
                line={"color": PALETTE[j % len(PALETTE)], "width": 2.5},
            ),
            row=1,
            col=j + 1,
        )
    fig.update_yaxes(range=list(ylim))
    fig.update_layout(template=TEMPLATE, title=title, height=320, margin=MARGIN)
    return fig


def boundaries_figure(
    axes: tuple,
    values: np.ndarray,
    titles: Sequence[str],
    x: np.ndarray,
    y: np.ndarray,
    *,
    title: str = "Decision boundaries",
    per_row: int = 5,
    max_points: int = 300,
) -> go.Figure:
    """One panel per network: P(class 1) as a heat map with its 0.5 contour, and the training points.

    Args:
        axes: (xs, ys). values: (k, n, n). titles: (k,). x: (N, 2) inputs; y: (N,) labels.
    """
    xs, ys = axes
    k = len(titles)
    rows = -(-k // per_row)
    cols = min(k, per_row)
    fig = make_subplots(
        rows=rows, cols=cols, subplot_titles=list(titles), horizontal_spacing=0.02, vertical_spacing=0.08
    )
    idx = np.linspace(0, len(x) - 1, min(max_points, len(x))).astype(int)
    for j in range(k):
        r, c = j // per_row + 1, j % per_row + 1
        fig.add_trace(
            go.Contour(
                x=xs,
                y=ys,
                z=values[j],
                zmin=0.0,
                zmax=1.0,
                colorscale="RdBu_r",
                showscale=False,
                opacity=0.75,
                contours={"start": 0.5, "end": 0.5, "size": 1.0, "coloring": "heatmap"},
                line={"width": 2, "color": "black"},
                hovertemplate="P(1) = %{z:.2f}<extra></extra>",
            ),
            row=r,
            col=c,
        )
        fig.add_trace(
            go.Scatter(
                x=x[idx, 0],
                y=x[idx, 1],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "size": 4,
                    "color": y[idx].astype(float),
                    "colorscale": "RdBu_r",
                    "cmin": 0,
                    "cmax": 1,
                    "line": {"width": 0.5, "color": "white"},
                },
            ),
            row=r,
            col=c,
        )
        fig.update_xaxes(showticklabels=False, row=r, col=c)
        fig.update_yaxes(showticklabels=False, row=r, col=c)
    fig.update_layout(
        template=TEMPLATE, title=title, height=60 + 230 * rows, margin={"t": 70, "b": 10, "l": 10, "r": 10}
    )
    return fig


def early_figure(
    steps: np.ndarray,
    curves: dict[str, np.ndarray],
    best: int,
    stop: int,
    *,
    title: str = "Early stopping",
    ylabel: str = "loss",
    xlabel: str = "step",
    names: dict[str, str] | None = None,
    best_name: str = "kept (validation minimum)",
    stop_name: str = "stopped (patience ran out)",
) -> go.Figure:
    """Curves of one run on each set, with the kept record and the stopping record marked.

    Args:
        steps: (T,). curves: set name ("train", "val", "test", "fresh") -> (T,). best, stop: indices.
    """
    names = names or {}
    fig = go.Figure()
    for what, vals in curves.items():
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=vals,
                mode="lines",
                name=names.get(what, what),
                line={
                    "color": SET_COLORS[what],
                    "width": 2.5 if what != "fresh" else 1.5,
                    "dash": "dot" if what == "fresh" else "solid",
                },
            )
        )
    val = curves["val"]
    fig.add_trace(
        go.Scatter(
            x=[steps[best]],
            y=[val[best]],
            mode="markers",
            name=best_name,
            marker={
                "symbol": "star",
                "size": 16,
                "color": SET_COLORS["val"],
                "line": {"width": 1, "color": "black"},
            },
        )
    )
    fig.add_vline(x=float(steps[best]), line={"color": SET_COLORS["val"], "dash": "dot", "width": 1.5})
    fig.add_vline(x=float(steps[stop]), line={"color": "#333", "dash": "dash", "width": 1.5})
    fig.add_annotation(x=float(steps[stop]), y=1.0, yref="paper", text=stop_name, showarrow=False, yshift=10)
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=400, margin=MARGIN
    )
    return fig


def optimism_figure(
    groups: Sequence[str],
    test: Sequence[float],
    fresh: Sequence[float],
    *,
    title: str = "Which set chose the network",
    test_name: str = "its test error",
    fresh_name: str = "its error on fresh data",
    ylabel: str = "error",
) -> go.Figure:
    """Grouped bars: for each way of choosing, the chosen network's test error and fresh error."""
    fig = go.Figure()
    for vals, name, color in (
        (test, test_name, SET_COLORS["test"]),
        (fresh, fresh_name, SET_COLORS["fresh"]),
    ):
        fig.add_trace(
            go.Bar(
                x=list(groups),
                y=list(vals),
                name=name,
                marker_color=color,
                text=[f"{v:.3f}" for v in vals],
                textposition="outside",
            )
        )
    top = max(max(test), max(fresh))
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        yaxis_title=ylabel,
        barmode="group",
        height=360,
        yaxis={"range": [0, 1.25 * top]},
        margin=MARGIN,
    )
    return fig


def bars_figure(
    labels: Sequence[str], panels: Sequence[tuple[str, np.ndarray]], *, title: str = ""
) -> go.Figure:
    """One bar panel per quantity: the mean over seeds per configuration with ± std, seeds as dots.

    Args:
        labels: (C,) configuration names. panels: (panel title, (C, S) values).
    """
    n = len(panels)
    fig = make_subplots(rows=1, cols=n, subplot_titles=[p[0] for p in panels], horizontal_spacing=0.06)
    colors = config_colors(labels)
    for j, (_, vals) in enumerate(panels):
        v = np.asarray(vals, np.float64)
        fig.add_trace(
            go.Bar(
                x=list(labels),
                y=v.mean(axis=1),
                marker_color=colors,
                showlegend=False,
                error_y={"type": "data", "array": v.std(axis=1), "visible": True},
                hovertemplate="%{x}: %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=j + 1,
        )
        s = v.shape[1]
        fig.add_trace(
            go.Scatter(
                x=np.repeat(list(labels), s),
                y=v.ravel(),
                mode="markers",
                showlegend=False,
                marker={"size": 5, "color": "#222", "opacity": 0.5},
                hoverinfo="skip",
            ),
            row=1,
            col=j + 1,
        )
        fig.update_xaxes(tickangle=-40, row=1, col=j + 1)
    fig.update_layout(
        template=TEMPLATE, title=title, height=400, margin={"t": 70, "b": 100, "l": 50, "r": 10}
    )
    return fig


def curves_figure(
    steps: np.ndarray,
    values: np.ndarray,
    labels: Sequence[str],
    *,
    title: str = "",
    ylabel: str = "test error",
    xlabel: str = "step",
) -> go.Figure:
    """Mean over seeds of one curve per configuration.

    Args:
        steps: (T,). values: (C, S, T). labels: (C,).
    """
    fig = go.Figure()
    for label, color, v in zip(labels, config_colors(labels), values, strict=True):
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=np.asarray(v).mean(axis=0),
                mode="lines",
                name=label,
                line={"color": color, "width": 3 if label == "none" else 2},
            )
        )
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=400, margin=MARGIN
    )
    return fig


def sweep_figure(
    values: np.ndarray,
    errors: dict[str, np.ndarray],
    best: int,
    *,
    title: str = "",
    xlabel: str = "strength",
    ylabel: str = "error",
    names: dict[str, str] | None = None,
    best_name: str = "least validation error",
    log_x: bool = True,
) -> go.Figure:
    """Final error against the swept strength, per set (mean ± std over seeds); the value of least
    validation error marked.

    Args:
        values: (V,). errors: set name -> (V, S). best: index into values.
    """
    names = names or {}
    fig = go.Figure()
    x = np.asarray(values, np.float64)
    for what, v in errors.items():
        _band(fig, x, np.asarray(v).T, SET_COLORS[what], names.get(what, what))
    fig.add_vline(x=float(x[best]), line={"color": "#333", "dash": "dot", "width": 1.5})
    fig.add_annotation(
        x=float(np.log10(x[best])) if log_x else float(x[best]),
        y=1.0,
        yref="paper",
        text=best_name,
        showarrow=False,
        yshift=10,
    )
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=420, margin=MARGIN
    )
    if log_x:
        fig.update_xaxes(type="log")
    return fig


def surfaces_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    z_base: np.ndarray,
    z_pen: np.ndarray,
    base_min: tuple[float, float],
    pen_min: tuple[float, float],
    path: np.ndarray,
    *,
    titles: Sequence[str] = ("f(w)", "f(w) + λ/2‖w‖²"),
    base_name: str = "minimum of f",
    pen_name: str = "minimum with the penalty",
    path_name: str = "the minimum as λ grows",
    origin_name: str = "origin",
    title: str = "",
) -> go.Figure:
    """The surface and the penalised surface side by side (log-spaced contour lines), both minima on
    both panels, the path of the minimum and the origin.

    Args:
        xs, ys: (n,). z_base, z_pen: (n, n) rows along ys. base_min, pen_min: (x, y). path: (L, 2).
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.06)
    for j, z in enumerate((z_base, z_pen)):
        lo = float(np.nanmin(z))
        zz = np.log10(z - lo + 1e-3)  # contour spacing that shows the bottom of the bowl
        fig.add_trace(
            go.Contour(
                x=xs,
                y=ys,
                z=zz,
                colorscale="Viridis",
                showscale=False,
                ncontours=28,
                contours={"coloring": "heatmap"},
                line={"width": 0.5},
                opacity=0.85,
                customdata=z,
                hovertemplate="(%{x:.2f}, %{y:.2f}): %{customdata:.4g}<extra></extra>",
            ),
            row=1,
            col=j + 1,
        )
        show = j == 0
        fig.add_trace(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines",
                name=path_name,
                showlegend=show,
                legendgroup="path",
                line={"color": "white", "width": 2.5, "dash": "dot"},
            ),
            row=1,
            col=j + 1,
        )
        # the origin, the minimum of f and the penalised minimum, on both panels (legend once)
        points = (
            ((0.0, 0.0), origin_name, {"symbol": "cross", "size": 11, "color": "black"}),
            (base_min, base_name, {"symbol": "star", "size": 16, "color": "#FF7F0E"}),
            (pen_min, pen_name, {"symbol": "diamond", "size": 14, "color": "#D62728"}),
        )
        for xy, name, marker in points:
            fig.add_trace(
                go.Scatter(
                    x=[xy[0]],
                    y=[xy[1]],
                    mode="markers",
                    name=name,
                    showlegend=show,
                    legendgroup=name,
                    marker={**marker, "line": {"width": 1, "color": "black"}},
                ),
                row=1,
                col=j + 1,
            )
        fig.update_xaxes(range=[float(xs[0]), float(xs[-1])], row=1, col=j + 1)
        fig.update_yaxes(range=[float(ys[0]), float(ys[-1])], row=1, col=j + 1)
    fig.update_layout(
        template=TEMPLATE, title=title, height=470, margin=MARGIN, legend={"orientation": "h", "y": -0.12}
    )
    return fig
