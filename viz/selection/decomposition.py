"""Figures of the bias-variance and bagging views: the decomposition against capacity, the fitted
curves' spread, single model against bagged ensemble, out-of-bag against test error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import COLORS, finish, texts

BV_TEXT = {
    "title": "Expected test error = bias² + variance + noise",
    "capacity": "capacity",
    "error": "squared error",
    "bias2": "bias²",
    "variance": "variance",
    "noise": "noise σ²",
    "total": "bias² + variance + noise",
    "measured": "measured test error (± 2 SE)",
    "train": "training error",
}


def decomposition_figure(
    capacities: Sequence[int],
    bias2: np.ndarray,
    variance: np.ndarray,
    noise: float,
    test_mse: np.ndarray,
    test_se: np.ndarray,
    train_mse: np.ndarray,
    *,
    log_y: bool = True,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Bias², variance, noise and their sum against capacity, with the measured test error (markers,
    ± 2 standard errors) and the training error.

    Args:
        capacities: (C,) degrees or widths. bias2, variance, test_mse, test_se, train_mse: (C,).
        noise: sigma².
        log_y: logarithmic error axis (the variance of large capacities spans decades).
        text: translations of :data:`BV_TEXT`.

    Returns:
        The figure (traces: bias², variance, noise, sum, measured, training error).
    """
    t = texts(BV_TEXT, text)
    c = np.asarray(capacities)
    fig = go.Figure()
    lines = (
        ("bias2", bias2, "solid"),
        ("variance", variance, "solid"),
        ("noise", np.full(c.shape, noise), "dot"),
        ("total", np.asarray(bias2) + variance + noise, "dash"),
    )
    for key, y, dash in lines:
        fig.add_trace(
            go.Scatter(
                x=c,
                y=y,
                mode="lines+markers",
                name=t[key],
                line={"color": COLORS[key], "dash": dash, "width": 2.5},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=c,
            y=test_mse,
            mode="markers",
            name=t["measured"],
            marker={"color": COLORS["measured"], "size": 10, "symbol": "circle-open", "line": {"width": 2}},
            error_y={"type": "data", "array": 2 * np.asarray(test_se), "visible": True},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=c,
            y=train_mse,
            mode="lines",
            name=t["train"],
            line={"color": COLORS["train"], "dash": "dashdot", "width": 1.5},
        )
    )
    finish(fig, t["title"], height=460, xaxis_title=t["capacity"], yaxis_title=t["error"])
    if log_y:
        fig.update_yaxes(type="log")
    fig.update_xaxes(tickvals=list(c))
    return fig


SPREAD_TEXT = {
    "title": "Fitted curves on different training sets",
    "panel": "capacity {c}",
    "truth": "true f(x)",
    "mean": "mean fit",
    "fits": "fits",
    "data": "one training set",
}


def spread_figure(
    x_eval: np.ndarray,
    truth: np.ndarray,
    curves: np.ndarray,
    mean_curves: np.ndarray,
    capacities: Sequence[int],
    x_train: np.ndarray,
    y_train: np.ndarray,
    *,
    y_range: tuple[float, float] = (-2.5, 2.5),
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """One panel per capacity: the models fitted to different training sets (thin), their mean
    (thick), the truth (dashed) and one training set.

    Args:
        x_eval: (m,). truth: (m,). curves: (P, K, m) K fits per panel. mean_curves: (P, m).
        capacities: (P,) panel labels. x_train, y_train: (n,).
        y_range: the shared y axis (fits that leave it are clipped by the view, not the data).
        text: translations of :data:`SPREAD_TEXT` ("panel" has a {c} field).
    """
    t = texts(SPREAD_TEXT, text)
    p = len(capacities)
    fig = make_subplots(
        rows=1,
        cols=p,
        shared_yaxes=True,
        horizontal_spacing=0.03,
        subplot_titles=[t["panel"].format(c=c) for c in capacities],
    )
    for j in range(p):
        first = j == 0
        for k, fit in enumerate(curves[j]):
            fig.add_trace(
                go.Scatter(
                    x=x_eval,
                    y=fit,
                    mode="lines",
                    name=t["fits"],
                    legendgroup="fits",
                    showlegend=first and k == 0,
                    hoverinfo="skip",
                    line={"color": COLORS["variance"], "width": 1},
                    opacity=0.35,
                ),
                row=1,
                col=j + 1,
            )
        fig.add_trace(
            go.Scatter(
                x=x_train,
                y=y_train,
                mode="markers",
                name=t["data"],
                legendgroup="data",
                showlegend=first,
                marker={"color": "#555", "size": 5},
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=x_eval,
                y=truth,
                mode="lines",
                name=t["truth"],
                legendgroup="truth",
                showlegend=first,
                line={"color": COLORS["truth"], "dash": "dash", "width": 2},
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=x_eval,
                y=mean_curves[j],
                mode="lines",
                name=t["mean"],
                legendgroup="mean",
                showlegend=first,
                line={"color": COLORS["bias2"], "width": 3},
            ),
            row=1,
            col=j + 1,
        )
    fig.update_yaxes(range=list(y_range))
    return finish(fig, t["title"], height=380)


BAG_TEXT = {
    "title": "One model against the average of B bootstrap models",
    "bars": "decomposition",
    "members": "variance and bias² against the number of members",
    "single": "one model",
    "bagged": "bagged ({b})",
    "bias2": "bias²",
    "variance": "variance",
    "noise": "noise σ²",
    "b_axis": "members averaged",
    "error": "squared error",
}


def bagging_figure(
    bias2_single: float,
    var_single: float,
    bias2_by_members: np.ndarray,
    var_by_members: np.ndarray,
    noise: float,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Left: stacked bars of bias², variance and noise for one model and the bagged average.
    Right: variance and bias² of the average of the first b members, b = 1..B, against b.

    Args:
        bias2_single, var_single: of the single model. bias2_by_members, var_by_members: (B,).
        noise: sigma².
        text: translations of :data:`BAG_TEXT` ("bagged" has a {b} field).
    """
    t = texts(BAG_TEXT, text)
    b = len(var_by_members)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.4, 0.6],
        subplot_titles=[t["bars"], t["members"]],
        horizontal_spacing=0.12,
    )
    names = [t["single"], t["bagged"].format(b=b)]
    for key, vals in (
        ("bias2", [bias2_single, bias2_by_members[-1]]),
        ("variance", [var_single, var_by_members[-1]]),
        ("noise", [noise, noise]),
    ):
        fig.add_trace(
            go.Bar(
                x=names,
                y=vals,
                name=t[key],
                marker_color=COLORS[key],
                legendgroup=key,
                texttemplate="%{y:.3f}",
                textposition="inside",
            ),
            row=1,
            col=1,
        )
    m = np.arange(1, b + 1)
    fig.add_trace(
        go.Scatter(
            x=m,
            y=var_by_members,
            mode="lines+markers",
            name=t["variance"],
            legendgroup="variance",
            showlegend=False,
            line={"color": COLORS["variance"], "width": 2.5},
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=m,
            y=bias2_by_members,
            mode="lines+markers",
            name=t["bias2"],
            legendgroup="bias2",
            showlegend=False,
            line={"color": COLORS["bias2"], "width": 2.5},
        ),
        row=1,
        col=2,
    )
    for y, key in ((var_single, "variance"), (bias2_single, "bias2")):
        fig.add_hline(y=y, line={"color": COLORS[key], "dash": "dot", "width": 1}, row=1, col=2)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=t["b_axis"], row=1, col=2)
    fig.update_yaxes(title_text=t["error"], row=1, col=1)
    return finish(fig, t["title"], height=420)


FITS_TEXT = {
    "title": "Fits on {r} training sets",
    "single": "one model per set",
    "bagged": "bagged average per set",
    "truth": "true f(x)",
}


def bag_fits_figure(
    x_eval: np.ndarray,
    truth: np.ndarray,
    single: np.ndarray,
    bagged: np.ndarray,
    *,
    y_range: tuple[float, float] = (-2.5, 2.5),
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Two panels: each training set's single model, and each set's bagged average (thin lines),
    over the truth: the right panel's lines lie closer together (lower variance).

    Args:
        x_eval, truth: (m,). single, bagged: (R, m).
        text: translations of :data:`FITS_TEXT` ("title" has an {r} field).
    """
    t = texts(FITS_TEXT, text)
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, subplot_titles=[t["single"], t["bagged"]], horizontal_spacing=0.04
    )
    for col, (fits, key) in enumerate(((single, "single"), (bagged, "bagged")), start=1):
        for f in fits:
            fig.add_trace(
                go.Scatter(
                    x=x_eval,
                    y=f,
                    mode="lines",
                    showlegend=False,
                    hoverinfo="skip",
                    line={"color": COLORS[key], "width": 1},
                    opacity=0.45,
                ),
                row=1,
                col=col,
            )
        fig.add_trace(
            go.Scatter(
                x=x_eval,
                y=truth,
                mode="lines",
                name=t["truth"],
                showlegend=col == 1,
                line={"color": COLORS["truth"], "dash": "dash", "width": 2},
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(range=list(y_range))
    return finish(fig, t["title"].format(r=len(single)), height=360)


OOB_TEXT = {
    "title": "Out-of-bag estimate against the true test error",
    "oob": "out-of-bag estimate",
    "test": "true test error of the bagged model",
    "sets": "training sets",
    "equal": "equal",
}


def oob_figure(oob: np.ndarray, test: np.ndarray, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """Each training set's out-of-bag estimate against its bagged model's true test error, with the
    diagonal (a perfect estimate lies on it).

    Args:
        oob, test: (R,).
        text: translations of :data:`OOB_TEXT`.
    """
    t = texts(OOB_TEXT, text)
    lo = float(min(np.min(oob), np.min(test))) * 0.9
    hi = float(max(np.max(oob), np.max(test))) * 1.1
    fig = go.Figure(
        [
            go.Scatter(
                x=[lo, hi], y=[lo, hi], mode="lines", name=t["equal"], line={"color": "#999", "dash": "dot"}
            ),
            go.Scatter(
                x=test,
                y=oob,
                mode="markers",
                name=t["sets"],
                marker={"color": COLORS["bagged"], "size": 9, "line": {"width": 1, "color": "#333"}},
            ),
        ]
    )
    return finish(
        fig,
        t["title"],
        height=360,
        xaxis_title=t["test"],
        yaxis_title=t["oob"],
        xaxis={"range": [lo, hi]},
        yaxis={"range": [lo, hi], "scaleanchor": "x"},
    )
