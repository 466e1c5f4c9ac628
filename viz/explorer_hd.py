"""Figures of the explorer's high-dimension view: pure builders, a :class:`studies.explorer_hd.HDResult`
in, go.Figure out. ``text`` takes the user-facing strings (``i18n.explorer_hd.figure_text``); English
fills what a caller leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from i18n.explorer_hd import figure_text
from studies import explorer_hd as hd
from viz.colors import PALETTE

EN = figure_text("en")
MEASURED = PALETTE[0]
GOE_COLOR = "#555555"
MLP_COLOR = "#D62728"


def _t(text: Mapping | None) -> dict:
    return {**EN, **(text or {})}


def _positive(x: np.ndarray, y: np.ndarray, err: np.ndarray | None = None):
    """The points a log axis can show (y > 0)."""
    keep = np.isfinite(y) & (y > 0)
    return x[keep], y[keep], None if err is None else err[keep]


def share_figure(r: hd.HDResult, text: Mapping | None = None) -> go.Figure:
    """Share of minima among the critical points against n (log scale): the random functions (with
    standard errors), the family's analytic value at n = 1, P(GOE is positive definite) exactly and
    by Monte Carlo, and the asymptote exp(-ln(3)/4 n^2). Traces are tagged by ``meta``: "measured",
    "one_dim", "goe_exact", "goe_mc", "asymptote". Zero shares (none found) are left out."""
    t = _t(text)
    dims = np.asarray(r.config.dims, np.float64)
    fig = go.Figure()
    x, y, e = _positive(dims, r.random.minima_share, r.random.stderr)
    fig.add_scatter(
        x=x,
        y=y,
        error_y={"type": "data", "array": e, "visible": True},
        mode="markers+lines",
        name=t["measured"].format(family=t["families"][r.config.family]),
        marker={"color": MEASURED, "size": 10},
        line={"color": MEASURED, "width": 1},
        meta="measured",
        hovertemplate="n = %{x}<br>%{y:.3g}<extra></extra>",
    )
    if r.config.n_min == 1:
        fig.add_scatter(
            x=[1],
            y=[r.one_dim],
            mode="markers",
            name=t["one_dim"],
            marker={"symbol": "star", "size": 16, "color": "#FFBF00", "line": {"color": "black", "width": 1}},
            meta="one_dim",
            hovertemplate="n = 1<br>%{y:.4g}<extra></extra>",
        )
    fig.add_scatter(
        x=dims,
        y=r.goe_exact,
        mode="lines+markers",
        name=t["goe_exact"],
        line={"color": GOE_COLOR, "width": 2},
        marker={"color": GOE_COLOR, "size": 6},
        meta="goe_exact",
        hovertemplate="n = %{x}<br>%{y:.3g}<extra></extra>",
    )
    x, y, e = _positive(dims, r.goe_mc, r.goe_mc_err)
    fig.add_scatter(
        x=x,
        y=y,
        error_y={"type": "data", "array": e, "visible": True, "color": GOE_COLOR},
        mode="markers",
        name=t["goe_mc"].format(n=f"{r.config.goe_samples:,}"),
        marker={"symbol": "circle-open", "size": 12, "color": GOE_COLOR, "line": {"width": 2}},
        meta="goe_mc",
        hovertemplate="n = %{x}<br>%{y:.3g}<extra></extra>",
    )
    fig.add_scatter(
        x=dims,
        y=r.asymptote,
        mode="lines",
        name=t["asymptote"],
        line={"color": GOE_COLOR, "dash": "dash", "width": 1.5},
        meta="asymptote",
        hoverinfo="skip",
    )
    fig.update_layout(
        height=430,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.18},
        xaxis={"title": t["n"], "dtick": 1},
        yaxis={"title": t["share"], "type": "log", "exponentformat": "power"},
    )
    return fig


def index_figure(r: hd.HDResult, text: Mapping | None = None) -> go.Figure:
    """Dauphin et al.'s picture: the loss at each critical point against its index (the fraction of
    negative Hessian eigenvalues). Left: the random functions, one colour per n; right (when the
    network ran): the MLP's critical points. Traces are tagged ``meta`` = "n=<n>" or "mlp"."""
    t = _t(text)
    net = r.mlp is not None and len(r.mlp.loss) > 0
    cols = 2 if r.mlp is not None else 1
    titles = [t["random_title"]] + ([t["mlp_title"]] if r.mlp is not None else [])
    fig = make_subplots(rows=1, cols=cols, subplot_titles=titles, horizontal_spacing=0.1)
    for i, (n, idx, val) in enumerate(zip(r.random.dims, r.random.index, r.random.value, strict=True)):
        if not len(idx):
            continue
        fig.add_scatter(
            x=idx,
            y=val,
            mode="markers",
            name=f"n = {int(n)}",
            marker={"color": PALETTE[i % len(PALETTE)], "size": 6, "opacity": 0.6},
            meta=f"n={int(n)}",
            hovertemplate=f"n = {int(n)}<br>{t['index']} %{{x:.3g}}<br>f = %{{y:.4g}}<extra></extra>",
            row=1,
            col=1,
        )
    fig.update_xaxes(title_text=t["index"], range=[-0.05, 1.05], row=1, col=1)
    fig.update_yaxes(title_text=t["value"], row=1, col=1)
    if r.mlp is not None:
        if net:
            fig.add_scatter(
                x=r.mlp.index,
                y=r.mlp.loss,
                mode="markers",
                name=t["mlp"].format(width=r.mlp.width, p=r.mlp.n_params),
                marker={
                    "color": MLP_COLOR,
                    "size": 9,
                    "symbol": "diamond",
                    "line": {"color": "white", "width": 1},
                },
                meta="mlp",
                hovertemplate=f"{t['index']} %{{x:.3g}}<br>{t['loss']} %{{y:.4g}}<extra></extra>",
                row=1,
                col=2,
            )
        fig.update_xaxes(title_text=t["index"], rangemode="tozero", row=1, col=2)
        fig.update_yaxes(title_text=t["loss"], rangemode="tozero", row=1, col=2)
    fig.update_layout(
        height=430, margin={"l": 60, "r": 10, "t": 40, "b": 40}, legend={"orientation": "h", "y": -0.2}
    )
    return fig
