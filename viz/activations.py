"""Figures of the Activations lab: pure functions from NumPy arrays to ``go.Figure``.

Measured values are solid lines with markers, mean-field theory dashed; every text shown is an
argument with an English default, so the page passes translations.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import race as rv
from .colors import PALETTE

TEMPLATE = "plotly_white"
MEASURED, THEORY = PALETTE[1], "#555555"
MARGIN = {"t": 60, "b": 40, "l": 60, "r": 10}


def _finite(a: np.ndarray) -> np.ndarray:
    """float64 with non-finite and non-positive values (nothing to draw on a log axis) as NaN."""
    a = np.asarray(a, np.float64)
    return np.where(np.isfinite(a) & (a > 0), a, np.nan)


def depth_figure(
    layers: np.ndarray,
    z_std: np.ndarray,
    theory_std: np.ndarray,
    grad_rms: np.ndarray,
    theory_grad: np.ndarray,
    flat: np.ndarray,
    dead: np.ndarray | None,
    *,
    titles: Sequence[str] = (
        "std of pre-activations z",
        "gradient RMS of dL/dz",
        "saturated / inactive values",
    ),
    measured_name: str = "measured",
    theory_name: str = "mean-field theory",
    flat_name: str = "flat φ′ (saturated or inactive)",
    dead_name: str = "dead units",
    xlabel: str = "layer",
) -> go.Figure:
    """Per-layer statistics of one network: signal, gradient (log axes, measured vs theory) and the
    fractions of flat values and dead units.

    Args:
        layers: (L,) layer numbers. z_std, theory_std, grad_rms, theory_grad, flat: (L,).
        dead: (L,) fraction of dead units, or None to leave it out (non-ReLU activations).
    """
    fig = make_subplots(rows=1, cols=3, subplot_titles=list(titles), horizontal_spacing=0.08)
    for col, (m, th) in enumerate(((z_std, theory_std), (grad_rms, theory_grad)), start=1):
        fig.add_trace(
            go.Scatter(
                x=layers,
                y=_finite(m),
                mode="lines+markers",
                name=measured_name,
                legendgroup="m",
                showlegend=col == 1,
                line={"color": MEASURED, "width": 2},
                marker={"size": 4},
                hovertemplate="%{x}: %{y:.3g}<extra></extra>",
            ),
            1,
            col,
        )
        fig.add_trace(
            go.Scatter(
                x=layers,
                y=_finite(th),
                mode="lines",
                name=theory_name,
                legendgroup="t",
                showlegend=col == 1,
                line={"color": THEORY, "width": 2, "dash": "dash"},
                hovertemplate="%{x}: %{y:.3g}<extra></extra>",
            ),
            1,
            col,
        )
        fig.update_yaxes(type="log", exponentformat="power", minorloglabels="none", row=1, col=col)
    fig.add_trace(
        go.Scatter(
            x=layers,
            y=flat,
            mode="lines",
            name=flat_name,
            line={"color": PALETTE[2]},
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        ),
        1,
        3,
    )
    if dead is not None:
        fig.add_trace(
            go.Scatter(
                x=layers,
                y=dead,
                mode="lines",
                name=dead_name,
                line={"color": PALETTE[0]},
                hovertemplate="%{x}: %{y:.1%}<extra></extra>",
            ),
            1,
            3,
        )
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=1, col=3)
    fig.update_xaxes(title_text=xlabel)
    fig.update_annotations(font_size=13)  # three titles side by side in a narrow column
    fig.update_layout(template=TEMPLATE, height=360, margin=MARGIN, legend={"orientation": "h", "y": -0.2})
    return fig


def _decade_ticks(lo: float, hi: float, most: int = 7) -> tuple[list[float], list[str]]:
    """Whole decades between lo and hi (log10 values), at most ``most`` of them, as 10^k labels."""
    first, last = math.ceil(lo), math.floor(hi)
    step = max(1, math.ceil((last - first + 1) / most))
    vals = list(range(first, last + 1, step))
    return [float(v) for v in vals], [f"10<sup>{v}</sup>" if v != 0 else "1" for v in vals]


def histograms_figure(
    hist: np.ndarray,
    value_range: tuple[float, float],
    grad_hist: np.ndarray,
    grad_range: tuple[float, float],
    *,
    titles: Sequence[str] = ("activation values φ(z)", "gradient size |dL/dz|"),
    ylabel: str = "layer",
    zero_label: str = "0",
    colorbar: str = "share",
) -> go.Figure:
    """Two layer x value heat maps side by side: each row is one layer's histogram of its activation
    values (equal bins) and of its back-propagated gradient's size (equal bins of log10 |dL/dz|, so a
    vanishing or exploding gradient moves left or right from layer to layer; a first column "0"
    holds the exact zeros). The end bins hold everything beyond the range. The colour is the square
    root of the share, so thin tails show.

    Args:
        hist: (L, B) share of activation values per bin. value_range: (low, high) of those bins.
        grad_hist: (L, 1 + G) share of gradient values: exact zeros, then the log10 bins.
        grad_range: (low, high) of the log10 bins.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.1)
    layers = np.arange(1, hist.shape[0] + 1)
    lo, hi = float(value_range[0]), float(value_range[1])
    b = hist.shape[1]
    g_lo, g_hi = float(grad_range[0]), float(grad_range[1])
    g = grad_hist.shape[1] - 1
    g_width = (g_hi - g_lo) / g
    panels = (
        (lo + (np.arange(b) + 0.5) * (hi - lo) / b, hist, "%{x:.3g}"),
        # the zero column sits one bin left of the first log bin
        (g_lo + (np.arange(-1, g) + 0.5) * g_width, grad_hist, "10^%{x:.1f}"),
    )
    for col, (x, share, xfmt) in enumerate(panels, start=1):
        fig.add_trace(
            go.Heatmap(
                x=x,
                y=layers,
                z=np.sqrt(np.clip(share, 0, 1)),
                colorscale="Viridis",
                zmin=0,
                zmax=1,
                customdata=share,
                showscale=col == 2,
                colorbar={
                    "title": {"text": colorbar},
                    "tickvals": [0, 0.5, 1],
                    "ticktext": ["0", "25%", "100%"],
                },
                hovertemplate=f"{ylabel} %{{y}}, {xfmt}: %{{customdata:.1%}}<extra></extra>",
            ),
            1,
            col,
        )
    vals, text = _decade_ticks(g_lo + 0.12 * (g_hi - g_lo), g_hi, most=5)  # room for the zero column's label
    fig.update_xaxes(
        tickvals=[g_lo - 0.5 * g_width] + vals, ticktext=[zero_label] + text, tickangle=0, row=1, col=2
    )
    fig.update_yaxes(title_text=ylabel, row=1, col=1)
    fig.update_annotations(font_size=13)
    fig.update_layout(template=TEMPLATE, height=360, margin=MARGIN)
    return fig


def pairs_figure(
    activations: Sequence[str],
    inits: Sequence[str],
    signal_ratio: np.ndarray,
    gradient_ratio: np.ndarray,
    *,
    titles: Sequence[str] = ("signal: std last / first layer", "gradient: RMS first / last layer"),
    limit: float = 6.0,
) -> go.Figure:
    """Two activation x initializer heat maps of log10 ratios over the depth (0: kept; red: vanished;
    blue: exploded), each cell labelled with its ratio.

    Args:
        activations: (A,) row names. inits: (I,) column names.
        signal_ratio, gradient_ratio: (A, I) ratios (0 or NaN: vanished completely).
        limit: the colour scale covers 10^-limit .. 10^limit.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.12)
    for col, r in enumerate((signal_ratio, gradient_ratio), start=1):
        with np.errstate(divide="ignore", invalid="ignore"):
            lg = np.log10(np.asarray(r, np.float64))
        lg = np.where(np.isfinite(lg), lg, -limit)
        text = [[_ratio_text(v) for v in row] for row in np.asarray(r, np.float64)]
        fig.add_trace(
            go.Heatmap(
                x=list(inits),
                y=list(activations),
                z=np.clip(lg, -limit, limit),
                zmin=-limit,
                zmax=limit,
                colorscale="RdBu",
                text=text,
                texttemplate="%{text}",
                textfont={"size": 11},  # Plotly shrinks cell text to fit (9 px on a phone): unreadable
                showscale=col == 2,
                colorbar={"title": {"text": "log10"}},
                hovertemplate="%{y} + %{x}: %{text}<extra></extra>",
            ),
            1,
            col,
        )
        fig.update_yaxes(autorange="reversed", row=1, col=col)
    fig.update_yaxes(showticklabels=False, row=1, col=2)  # same rows: their names ran into the left map
    fig.update_layout(template=TEMPLATE, height=380, margin=MARGIN)
    return fig


def _ratio_text(v: float) -> str:
    if not np.isfinite(v) or v == 0:
        return "0"
    return f"{v:.2g}" if 1e-2 <= v < 1e3 else f"{v:.0e}"


def curve_figure(
    x: np.ndarray,
    ys: Sequence[np.ndarray],
    names: Sequence[str],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    log_y: bool = False,
    log_x: bool = False,
    hline: float | None = None,
    hline_name: str = "",
) -> go.Figure:
    """Lines sharing an x axis (loss curves, a sweep), one colour each, optional horizontal line."""
    fig = go.Figure()
    for k, (y, name) in enumerate(zip(ys, names, strict=True)):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=_finite(y) if log_y else np.asarray(y, np.float64),
                mode="lines+markers",
                name=name,
                line={"color": PALETTE[k % len(PALETTE)], "width": 2},
                marker={"size": 5},
                hovertemplate=f"{name}<br>%{{x:.3g}}: %{{y:.4g}}<extra></extra>",
            )
        )
    if hline is not None:
        fig.add_hline(y=hline, line={"color": "gray", "dash": "dot"}, annotation_text=hline_name)
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=360, margin=MARGIN
    )
    if log_y:
        fig.update_yaxes(type="log", exponentformat="power", minorloglabels="none")
    if log_x:
        fig.update_xaxes(type="log")
    return fig


def layer_time_figure(
    steps: np.ndarray,
    values: np.ndarray,
    *,
    title: str,
    xlabel: str = "step",
    ylabel: str = "layer",
    log: bool = False,
    colorbar: str = "",
    percent: bool = False,
) -> go.Figure:
    """A layer x step heat map of one statistic during training.

    Args:
        steps: (T,). values: (T, L).
        log: colour by log10 of the value (gradient norms, standard deviations).
        percent: the values are fractions (0..1).
    """
    v = np.asarray(values, np.float64).T
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log10(np.where(v > 0, v, np.nan)) if log else v
    fig = go.Figure(
        go.Heatmap(
            x=steps,
            y=np.arange(1, v.shape[0] + 1),
            z=z,
            customdata=v,
            colorscale="Viridis",
            zmin=0 if percent else None,
            zmax=1 if percent else None,
            colorbar={"title": {"text": colorbar}},
            hovertemplate=ylabel
            + " %{y}, "
            + xlabel
            + " %{x}: %{customdata:"
            + (".1%" if percent else ".3g")
            + "}<extra></extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=320, margin=MARGIN
    )
    return fig


def grid_figure(
    lrs: Sequence[float],
    biases: Sequence[float],
    values: np.ndarray,
    *,
    titles: Sequence[str],
    xlabel: str = "learning rate",
    ylabel: str = "initial bias",
    colorbar: str = "dead",
) -> go.Figure:
    """Side-by-side learning-rate x bias heat maps of a fraction (one per panel), cells labelled.

    Args:
        values: (P, nL, nB) fractions in [0, 1] (NaN: every run diverged).
    """
    fig = make_subplots(rows=1, cols=len(titles), subplot_titles=list(titles), horizontal_spacing=0.1)
    xs = [f"{lr:g}" for lr in lrs]
    ys = [f"{b:g}" for b in biases]
    for k, v in enumerate(values):
        text = [[("—" if not np.isfinite(c) else f"{c:.0%}") for c in row] for row in v.T]
        fig.add_trace(
            go.Heatmap(
                x=xs,
                y=ys,
                z=v.T,
                zmin=0,
                zmax=1,
                colorscale="Reds",
                text=text,
                texttemplate="%{text}",
                textfont={"size": 11},  # Plotly shrinks cell text to fit (9 px on a phone): unreadable
                showscale=k == len(titles) - 1,
                colorbar={"title": {"text": colorbar}, "tickformat": ".0%"},
                hovertemplate="lr %{x}, bias %{y}: %{text}<extra></extra>",
            ),
            1,
            k + 1,
        )
        fig.update_xaxes(title_text=xlabel, type="category", row=1, col=k + 1)
        fig.update_yaxes(title_text=ylabel if k == 0 else "", type="category", row=1, col=k + 1)
    fig.update_layout(template=TEMPLATE, height=360, margin=MARGIN)
    return fig


def unit_figure(
    edges: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    *,
    title: str,
    before_name: str = "at initialization",
    after_name: str = "after training",
    xlabel: str = "pre-activation z",
    ylabel: str = "examples",
) -> go.Figure:
    """One unit's pre-activations over the training set, before and after training, with z = 0."""
    centres = 0.5 * (edges[1:] + edges[:-1])
    width = float(edges[1] - edges[0])
    fig = go.Figure()
    for y, name, color in ((before, before_name, PALETTE[1]), (after, after_name, PALETTE[0])):
        fig.add_trace(go.Bar(x=centres, y=y, name=name, width=width, marker={"color": color}, opacity=0.6))
    fig.add_vline(x=0.0, line={"color": "black", "dash": "dot"})
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        barmode="overlay",
        xaxis_title=xlabel,
        yaxis_title=ylabel,
        height=320,
        margin=MARGIN,
    )
    return fig


def boundary_figure(
    xs: np.ndarray, ys: np.ndarray, probs: np.ndarray, x: np.ndarray, y: np.ndarray, *, titles: Sequence[str]
) -> go.Figure:
    """Decision regions (probability of class 1) of several models over the data, the 0.5 line
    drawn, the training points on top."""
    fig = make_subplots(rows=1, cols=len(titles), subplot_titles=list(titles), horizontal_spacing=0.06)
    for k, p in enumerate(probs):
        fig.add_trace(
            go.Contour(
                x=xs,
                y=ys,
                z=p,
                zmin=0,
                zmax=1,
                colorscale="RdBu",
                opacity=0.75,
                contours={"start": 0.5, "end": 0.5, "size": 1.0, "coloring": "heatmap"},
                line={"width": 2, "color": "black"},
                showscale=False,
                hovertemplate="p = %{z:.2f}<extra></extra>",
            ),
            1,
            k + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=x[:, 0],
                y=x[:, 1],
                mode="markers",
                showlegend=False,
                marker={
                    "size": 4,
                    "color": np.where(y > 0, "#08306b", "#67000d"),
                    "line": {"width": 0.3, "color": "white"},
                },
                hoverinfo="skip",
            ),
            1,
            k + 1,
        )
    fig.update_layout(template=TEMPLATE, height=380, margin=MARGIN)
    return fig


DESCENT_HEIGHT = 480  # pixels of each animated descent panel (two side by side, ~420 px wide each)


def descent_live_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    path: np.ndarray,
    minimum: np.ndarray,
    *,
    name: str = "gradient descent",
    xlabel: str = "w₁",
    ylabel: str = "w₂",
    labels: dict[str, str] | None = None,
) -> go.Figure:
    """One loss surface with gradient descent on it, animated: the Race page's 2-D figure
    (:func:`viz.race.contour_figure`: the surface as an image with contour lines, the path, a comet
    that Play moves along it, a frame slider), for :func:`ui.live_chart.live_chart`.

    Args:
        xs: (G,) grid w1; ys: (G,) grid w2; z: (G, G) loss, rows following ys.
        path: (K, 2) iterates, path[0] the start. minimum: (2,) the least-squares weights.
        name: legend name of the run. labels: the Race figure's translated texts ("play", "pause",
            "step", "start", "minimum", "diverged", "lookahead").

    Returns:
        The figure (traces as in :func:`viz.race.contour_figure`; the static path is its 6th).
    """
    bg = rv.background(np.asarray(xs), np.asarray(ys), np.asarray(z), log=True)
    path = np.asarray(path, np.float64)
    fig = rv.contour_figure(
        bg,
        [name],
        [PALETTE[0]],
        path[None],
        np.array([-1]),
        start=(float(path[0, 0]), float(path[0, 1])),
        minima=[(float(minimum[0]), float(minimum[1]))],
        at=0,
        labels=labels,
        height=DESCENT_HEIGHT,
        axis_titles=(xlabel, ylabel),
        slider_x=0.4,
    )
    fig.layout.legend.y = -0.22  # below the axis title
    fig.layout.uirevision = f"descent-{xs[0]:.6g}-{ys[0]:.6g}"
    return fig


def layers_figure(
    layers: np.ndarray,
    series: Sequence[np.ndarray],
    names: Sequence[str],
    *,
    title: str,
    ylabel: str,
    xlabel: str = "layer",
    dashed: Sequence[bool] | None = None,
    log_y: bool = True,
) -> go.Figure:
    """Per-layer curves (one colour per normalization; dashed ones are a second state of the same)."""
    fig = go.Figure()
    dashed = dashed or [False] * len(series)
    for k, (s, name, d) in enumerate(zip(series, names, dashed, strict=True)):
        fig.add_trace(
            go.Scatter(
                x=layers,
                y=_finite(s) if log_y else s,
                mode="lines+markers",
                name=name,
                line={
                    "color": PALETTE[(k // 2 if any(dashed) else k) % len(PALETTE)],
                    "dash": "dash" if d else "solid",
                    "width": 2,
                },
                marker={"size": 5},
                hovertemplate=f"{name}<br>%{{x}}: %{{y:.3g}}<extra></extra>",
            )
        )
    fig.update_layout(
        template=TEMPLATE, title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=360, margin=MARGIN
    )
    if log_y:
        fig.update_yaxes(type="log", exponentformat="power", minorloglabels="none")
    return fig
