"""Figures of the batch-size lab: pure functions from NumPy arrays to ``go.Figure``.

One colour per batch size everywhere (small batches dark, large batches bright, from the Plasma
scale). Every text shown is an argument with an English default, so a page can pass translations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

TEMPLATE = "plotly_white"


def batch_colors(n: int) -> list[str]:
    """``n`` colours, dark (smallest batch) to bright (largest)."""
    if n == 1:
        return sample_colorscale("Plasma", [0.0])
    return sample_colorscale("Plasma", list(np.linspace(0.0, 0.85, n)))


def _mean_std(a: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, np.float64)
    cnt = np.sum(np.isfinite(a), axis=axis)
    mean = np.nansum(a, axis=axis) / np.maximum(cnt, 1)
    mean = np.where(cnt > 0, mean, np.nan)
    dev = np.where(np.isfinite(a), a - np.expand_dims(mean, axis), 0.0)
    return mean, np.sqrt(np.sum(dev**2, axis=axis) / np.maximum(cnt, 1))


def curves_figure(
    steps: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    batch_sizes: Sequence[int],
    *,
    ylabel: str = "loss",
    title: str = "Training (solid) and test (dashed) curves",
    xlabel: str = "step",
    train_name: str = "train",
    test_name: str = "test",
    log_y: bool = False,
) -> go.Figure:
    """Mean over seeds of train (solid) and test (dashed) curves, one colour per batch size.

    Args:
        steps: (T,) step of each point. train, test: (nB, S, T).
        batch_sizes: (nB,).
    """
    fig = go.Figure()
    for b, color, tr, te in zip(batch_sizes, batch_colors(len(batch_sizes)), train, test, strict=True):
        for vals, dash, name in ((tr, "solid", train_name), (te, "dash", test_name)):
            mean, sd = _mean_std(vals, 0)
            fig.add_trace(
                go.Scatter(
                    x=steps,
                    y=mean,
                    mode="lines",
                    line={"color": color, "dash": dash, "width": 2},
                    name=f"B={b} {name}",
                    legendgroup=f"B{b}",
                    customdata=sd,
                    hovertemplate=f"B={b} {name}<br>%{{x}}: %{{y:.4f}} ± %{{customdata:.4f}}<extra></extra>",
                )
            )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis_title=xlabel,
        yaxis_title=ylabel,
        height=420,
        margin={"t": 50, "b": 40, "l": 60, "r": 10},
    )
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def spread_figure(
    batch_sizes: Sequence[int],
    values: np.ndarray,
    *,
    ylabel: str,
    title: str = "",
    xlabel: str = "batch size",
    mean_name: str = "mean ± std over seeds",
    seed_name: str = "seeds",
    zero_line: bool = False,
) -> go.Figure:
    """A quantity against batch size (log axis): mean ± std over seeds and each seed's value.

    Args:
        batch_sizes: (nB,). values: (nB, S).
    """
    fig = go.Figure()
    _add_spread(fig, batch_sizes, values, mean_name, seed_name)
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis_title=xlabel,
        yaxis_title=ylabel,
        height=380,
        margin={"t": 50, "b": 40, "l": 60, "r": 10},
    )
    fig.update_xaxes(type="log", tickvals=list(batch_sizes), ticktext=[str(b) for b in batch_sizes])
    if zero_line:
        fig.add_hline(y=0.0, line={"color": "gray", "width": 1, "dash": "dot"})
    return fig


def _add_spread(fig, batch_sizes, values, mean_name, seed_name, row=None, col=None, show_legend=True):
    values = np.asarray(values, np.float64)
    b = np.asarray(batch_sizes, np.float64)
    colors = batch_colors(len(b))
    mean, sd = _mean_std(values, 1)
    xs = np.repeat(b, values.shape[1])
    jitter = np.tile(np.linspace(-0.04, 0.04, values.shape[1]), len(b))
    fig.add_trace(
        go.Scatter(
            x=xs * np.exp(jitter),
            y=values.ravel(),
            mode="markers",
            name=seed_name,
            showlegend=show_legend,
            marker={"color": np.repeat(colors, values.shape[1]).tolist(), "size": 7, "opacity": 0.55},
            legendgroup="seeds",
            hovertemplate="B=%{customdata}: %{y:.4g}<extra></extra>",
            customdata=np.repeat(np.asarray(batch_sizes), values.shape[1]),
        ),
        row=row,
        col=col,
    )
    fig.add_trace(
        go.Scatter(
            x=b,
            y=mean,
            mode="lines+markers",
            name=mean_name,
            showlegend=show_legend,
            legendgroup="mean",
            line={"color": "#333", "width": 2},
            marker={"size": 8, "color": "#333"},
            error_y={"type": "data", "array": sd, "visible": True, "color": "#333"},
            hovertemplate="B=%{x}: %{y:.4g}<extra></extra>",
        ),
        row=row,
        col=col,
    )


def sharpness_figure(
    batch_sizes: Sequence[int],
    top_eig: np.ndarray,
    eps_sharpness: np.ndarray,
    epsilons: Sequence[float],
    *,
    titles: Sequence[str] | None = None,
    xlabel: str = "batch size",
    mean_name: str = "mean ± std over seeds",
    seed_name: str = "seeds",
) -> go.Figure:
    """Side by side: top Hessian eigenvalue and epsilon-sharpness (one panel per epsilon).

    Args:
        batch_sizes: (nB,). top_eig: (nB, S). eps_sharpness: (nB, S, E). epsilons: (E,).
        titles: panel titles (1 + E); English defaults.
    """
    n = 1 + len(epsilons)
    titles = (
        list(titles)
        if titles
        else (["top Hessian eigenvalue"] + [f"ε-sharpness, ε = {e:g}" for e in epsilons])
    )
    fig = make_subplots(rows=1, cols=n, subplot_titles=titles, horizontal_spacing=0.07)
    panels = [top_eig] + [eps_sharpness[..., j] for j in range(len(epsilons))]
    for j, vals in enumerate(panels):
        _add_spread(fig, batch_sizes, vals, mean_name, seed_name, row=1, col=j + 1, show_legend=j == 0)
        fig.update_xaxes(
            type="log",
            tickvals=list(batch_sizes),
            ticktext=[str(b) for b in batch_sizes],
            title_text=xlabel,
            row=1,
            col=j + 1,
        )
    fig.update_layout(template=TEMPLATE, height=380, margin={"t": 60, "b": 40, "l": 50, "r": 10})
    return fig


def interpolation_figure(
    alphas: np.ndarray,
    train_loss: np.ndarray,
    test_loss: np.ndarray,
    train_acc: np.ndarray | None,
    test_acc: np.ndarray | None,
    small: int,
    large: int,
    *,
    title: str = "Along the line between the two solutions",
    loss_label: str = "loss",
    acc_label: str = "accuracy",
    train_name: str = "train",
    test_name: str = "test",
    log_y: bool = True,
) -> go.Figure:
    """Keskar et al. Fig. 3: loss (left axis) and accuracy (right axis) along
    alpha * w_large + (1 - alpha) * w_small, mean over seeds; thin lines are single seeds.

    Args:
        alphas: (A,). train_loss, test_loss, train_acc, test_acc: (S, A) (accuracies may be None).
        small, large: the batch sizes at alpha = 0 and alpha = 1.
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    c_train, c_test = "#1f77b4", "#d62728"
    for vals, color, name in ((train_loss, c_train, train_name), (test_loss, c_test, test_name)):
        for row in np.asarray(vals):
            fig.add_trace(
                go.Scatter(
                    x=alphas,
                    y=row,
                    mode="lines",
                    line={"color": color, "width": 0.6},
                    opacity=0.35,
                    showlegend=False,
                    hoverinfo="skip",
                ),
                secondary_y=False,
            )
        fig.add_trace(
            go.Scatter(
                x=alphas,
                y=_mean_std(vals, 0)[0],
                mode="lines",
                name=f"{name} {loss_label}",
                line={"color": color, "width": 2.5},
            ),
            secondary_y=False,
        )
    if train_acc is not None and test_acc is not None and np.isfinite(train_acc).any():
        for vals, color, name in ((train_acc, c_train, train_name), (test_acc, c_test, test_name)):
            fig.add_trace(
                go.Scatter(
                    x=alphas,
                    y=_mean_std(vals, 0)[0],
                    mode="lines",
                    name=f"{name} {acc_label}",
                    line={"color": color, "width": 2, "dash": "dot"},
                ),
                secondary_y=True,
            )
        fig.update_yaxes(title_text=acc_label, range=[0, 1.02], secondary_y=True, showgrid=False)
    for a, b in ((0.0, small), (1.0, large)):
        fig.add_vline(x=a, line={"color": "gray", "width": 1, "dash": "dash"})
        fig.add_annotation(x=a, y=1.0, yref="paper", text=f"B={b}", showarrow=False, yshift=10)
    fig.update_yaxes(title_text=loss_label, secondary_y=False, type="log" if log_y else "linear")
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis_title="α",
        height=420,
        margin={"t": 60, "b": 40, "l": 60, "r": 60},
    )
    return fig


def slices_figure(
    coords: np.ndarray,
    z: np.ndarray,
    batch_sizes: Sequence[int],
    *,
    title: str = "Filter-normalised 2-D slices (same colour scale)",
    zlabel: str = "loss",
    log_color: bool = True,
    zmax: float | None = None,
) -> go.Figure:
    """One contour panel per solution, all on ONE colour scale (a shared colour axis).

    Args:
        coords: (n,) offsets along both directions. z: (nB, n, n) losses, rows along direction 2.
        batch_sizes: (nB,) panel titles.
        log_color: colour by log10(loss).
        zmax: top of the colour scale in loss units (default: the largest value).
    """
    z = np.asarray(z, np.float64)
    vals = np.log10(np.maximum(z, 1e-12)) if log_color else z
    lo = float(np.nanmin(vals))
    hi = float(np.nanmax(vals)) if zmax is None else float(np.log10(zmax) if log_color else zmax)
    nb = len(batch_sizes)
    fig = make_subplots(
        rows=1,
        cols=nb,
        subplot_titles=[f"B={b}" for b in batch_sizes],
        horizontal_spacing=0.02,
        shared_yaxes=True,
    )
    for j in range(nb):
        fig.add_trace(
            go.Contour(
                x=coords,
                y=coords,
                z=vals[j],
                coloraxis="coloraxis",
                ncontours=24,
                contours={"coloring": "heatmap", "showlines": True},
                line={"width": 0.4},
                customdata=z[j],
                hovertemplate=f"B={batch_sizes[j]}<br>(%{{x:.2f}}, %{{y:.2f}}): "
                f"{zlabel} %{{customdata:.4f}}<extra></extra>",
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=[0.0],
                y=[0.0],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker={"symbol": "x", "color": "white", "size": 9},
            ),
            row=1,
            col=j + 1,
        )
        fig.update_xaxes(scaleanchor=f"y{'' if j == 0 else j + 1}", constrain="domain", row=1, col=j + 1)
    cbar = f"log10 {zlabel}" if log_color else zlabel
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        height=max(260, 200 + 900 // max(nb, 1) // 2),
        coloraxis={"colorscale": "Viridis", "cmin": lo, "cmax": hi, "colorbar": {"title": cbar}},
        margin={"t": 70, "b": 30, "l": 40, "r": 10},
    )
    return fig


def decision_figure(
    axes: tuple,
    values: np.ndarray,
    batch_sizes: Sequence[int],
    x: np.ndarray,
    y: np.ndarray,
    *,
    title: str = "Decision boundaries",
    max_points: int = 400,
) -> go.Figure:
    """Each solution's prediction over the input space with (a sample of) the training points.

    Args:
        axes: (xs, ys) for 2-D inputs, (xs,) for 1-D regression (from ``studies.batch.decision_grids``).
        values: (nB, n, n, K) class probabilities (K = 1: P(class 1)), or (nB, n, 1) predictions.
        batch_sizes: (nB,). x, y: training inputs and targets.
        max_points: training points drawn per panel.
    """
    nb = len(batch_sizes)
    fig = make_subplots(
        rows=1,
        cols=nb,
        subplot_titles=[f"B={b}" for b in batch_sizes],
        horizontal_spacing=0.02,
        shared_yaxes=True,
    )
    idx = np.linspace(0, len(x) - 1, min(max_points, len(x))).astype(int)
    if len(axes) == 1:
        order = np.argsort(x[idx, 0])
        for j, color in enumerate(batch_colors(nb)):
            fig.add_trace(
                go.Scatter(
                    x=x[idx][order, 0],
                    y=y[idx][order],
                    mode="markers",
                    showlegend=False,
                    marker={"size": 4, "color": "#999"},
                ),
                row=1,
                col=j + 1,
            )
            fig.add_trace(
                go.Scatter(
                    x=axes[0],
                    y=values[j, :, 0],
                    mode="lines",
                    showlegend=False,
                    line={"color": color, "width": 2.5},
                ),
                row=1,
                col=j + 1,
            )
    else:
        xs, ys = axes
        k = values.shape[-1]
        for j in range(nb):
            if k == 1:
                fig.add_trace(
                    go.Contour(
                        x=xs,
                        y=ys,
                        z=values[j, ..., 0],
                        zmin=0.0,
                        zmax=1.0,
                        colorscale="RdBu_r",
                        showscale=j == 0,
                        contours={"start": 0.5, "end": 0.5, "size": 1.0, "coloring": "heatmap"},
                        line={"width": 2, "color": "black"},
                        hovertemplate="P(1) = %{z:.2f}<extra></extra>",
                        colorbar={"title": "P(1)"},
                    ),
                    row=1,
                    col=j + 1,
                )
            else:
                cls = np.argmax(values[j], axis=-1)
                fig.add_trace(
                    go.Heatmap(
                        x=xs,
                        y=ys,
                        z=cls,
                        colorscale="Turbo",
                        zmin=0,
                        zmax=k - 1,
                        opacity=0.55,
                        showscale=False,
                        hovertemplate="class %{z}<extra></extra>",
                    ),
                    row=1,
                    col=j + 1,
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
                        "colorscale": "RdBu_r" if k == 1 else "Turbo",
                        "line": {"width": 0.5, "color": "white"},
                    },
                ),
                row=1,
                col=j + 1,
            )
    fig.update_layout(template=TEMPLATE, title=title, height=330, margin={"t": 70, "b": 30, "l": 40, "r": 10})
    return fig


def basin_figure(
    batch_sizes: Sequence[int],
    fractions: np.ndarray,
    stderr: np.ndarray,
    names: Sequence[str],
    *,
    title: str = "Runs that end in the flat basin",
    xlabel: str = "batch size (of 128 samples)",
    ylabel: str = "fraction in the flat basin",
) -> go.Figure:
    """Fraction of runs ending in the flat basin against batch size, one line per optimizer.

    Args:
        batch_sizes: (nB,). fractions, stderr: (O, nB). names: (O,) legend names.
    """
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    fig = go.Figure()
    for i, name in enumerate(names):
        fig.add_trace(
            go.Scatter(
                x=list(batch_sizes),
                y=fractions[i],
                mode="lines+markers",
                name=name,
                line={"color": palette[i % len(palette)], "width": 2.5},
                error_y={"type": "data", "array": stderr[i], "visible": True},
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis_title=xlabel,
        yaxis_title=ylabel,
        height=380,
        yaxis={"range": [0, 1.05]},
        margin={"t": 50, "b": 40, "l": 60, "r": 10},
    )
    fig.update_xaxes(type="log", tickvals=list(batch_sizes), ticktext=[str(b) for b in batch_sizes])
    return fig


def endpoints_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    minima: np.ndarray,
    ends: dict[str, np.ndarray],
    *,
    title: str = "Where the runs end",
    minima_name: str = "minima",
) -> go.Figure:
    """The two-basin surface (contours) with end points of several run groups.

    Args:
        xs, ys: (nx,), (ny,) grid; z: (ny, nx) surface values. minima: (m, 2).
        ends: legend name -> (R, 2) end points.
    """
    fig = go.Figure(
        go.Contour(
            x=xs,
            y=ys,
            z=z,
            colorscale="Greys",
            ncontours=30,
            showscale=False,
            contours={"coloring": "lines"},
            hoverinfo="skip",
        )
    )
    for (name, pts), color in zip(ends.items(), ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"], strict=False):
        fig.add_trace(
            go.Scatter(
                x=pts[:, 0],
                y=pts[:, 1],
                mode="markers",
                name=name,
                marker={"size": 5, "color": color, "opacity": 0.6},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=minima[:, 0],
            y=minima[:, 1],
            mode="markers",
            name=minima_name,
            marker={"symbol": "star", "size": 14, "color": "black"},
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        height=380,
        margin={"t": 50, "b": 30, "l": 40, "r": 10},
        xaxis={"range": [float(xs[0]), float(xs[-1])]},
        yaxis={"range": [float(ys[0]), float(ys[-1])], "scaleanchor": "x"},
    )
    return fig


def concept_figure(
    x: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    minima: np.ndarray,
    gaps: np.ndarray,
    *,
    title: str = "Flat and sharp minimum: the same shift, different gaps",
    train_name: str = "training loss",
    test_name: str = "test loss",
    flat_name: str = "flat minimum",
    sharp_name: str = "sharp minimum",
    gap_name: str = "gap",
    ylabel: str = "loss",
) -> go.Figure:
    """The lecture's picture: train and (shifted) test curves; at each training minimum the gap
    test - train is drawn as a vertical segment and labelled.

    Args:
        x, train, test: (n,) the curves. minima: (2,) flat then sharp minimiser. gaps: (2,).
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=x, y=train, mode="lines", name=train_name, line={"color": "#1f77b4", "width": 3})
    )
    fig.add_trace(
        go.Scatter(
            x=x, y=test, mode="lines", name=test_name, line={"color": "#d62728", "width": 3, "dash": "dash"}
        )
    )
    f_tr = np.interp(minima, x, train)
    for xm, ft, g, label in zip(minima, f_tr, gaps, (flat_name, sharp_name), strict=True):
        fig.add_trace(
            go.Scatter(
                x=[xm, xm],
                y=[ft, ft + g],
                mode="lines+markers",
                showlegend=False,
                line={"color": "black", "width": 2},
                marker={"size": 7},
                hovertemplate=f"{gap_name} = {g:.3f}<extra></extra>",
            )
        )
        fig.add_annotation(x=xm, y=ft, text=label, showarrow=False, yshift=-18)
        fig.add_annotation(x=xm, y=ft + g / 2, text=f"{gap_name} {g:.2f}", showarrow=False, xshift=40)
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis_title="w",
        yaxis_title=ylabel,
        height=380,
        margin={"t": 50, "b": 40, "l": 60, "r": 10},
    )
    return fig
