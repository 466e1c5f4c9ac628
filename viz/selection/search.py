"""Figures of the hyperparameter-search view: where each method sampled, drawn over the true
validation surface; the best validation loss against the budget; how much each axis matters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import COLORS, finish, texts

SURFACE_TEXT = {
    "title": "Where each method sampled (one repetition), over the true validation loss",
    "lr": "learning rate",
    "wd": "weight decay",
    "loss": "validation loss",
    "best": "best point of the lattice",
    "trial": "trial {i}",
    "grid": "grid",
    "random": "random",
    "tpe": "Bayesian (TPE)",
}


def surface_figure(
    lr: np.ndarray,
    wd: np.ndarray,
    val_loss: np.ndarray,
    picks: Mapping[str, np.ndarray],
    optimum: tuple[int, int],
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """One panel per method: the validation-loss surface over (learning rate, weight decay) on log
    axes, the method's sampled points (numbered in order, darker = later) and the best lattice point.

    Args:
        lr: (L,). wd: (W,). val_loss: (W, L). picks: method -> (budget, 2) (wd index, lr index).
        optimum: (wd index, lr index) of the lowest loss.
        text: translations of :data:`SURFACE_TEXT` (field {i}).
    """
    t = texts(SURFACE_TEXT, text)
    methods = list(picks)
    fig = make_subplots(
        rows=1,
        cols=len(methods),
        shared_yaxes=True,
        horizontal_spacing=0.03,
        subplot_titles=[t[m] for m in methods],
    )
    lx, ly = np.log10(lr), np.log10(wd)
    zmax = float(np.quantile(val_loss, 0.95))
    for j, m in enumerate(methods):
        fig.add_trace(
            go.Heatmap(
                x=lx,
                y=ly,
                z=val_loss,
                coloraxis="coloraxis",
                hovertemplate="lr 10^%{x:.2f}, wd 10^%{y:.2f}: %{z:.3f}<extra></extra>",
            ),
            row=1,
            col=j + 1,
        )
        p = np.asarray(picks[m])
        order = np.arange(1, len(p) + 1)
        fig.add_trace(
            go.Scatter(
                x=lx[p[:, 1]],
                y=ly[p[:, 0]],
                mode="markers+text",
                text=[str(i) for i in order],
                textposition="top center",
                textfont={"size": 10, "color": "#000"},
                name=t[m],
                showlegend=False,
                customdata=order,
                hovertemplate=t["trial"].replace("{i}", "%{customdata}") + "<extra></extra>",
                marker={
                    "color": order,
                    "colorscale": [[0, "#FFFFFF"], [1, COLORS[m]]],
                    "size": 11,
                    "line": {"color": "#000", "width": 1.5},
                },
            ),
            row=1,
            col=j + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=[lx[optimum[1]]],
                y=[ly[optimum[0]]],
                mode="markers",
                name=t["best"],
                showlegend=j == 0,
                marker={
                    "symbol": "star",
                    "size": 16,
                    "color": "#FFD700",
                    "line": {"color": "#000", "width": 1},
                },
            ),
            row=1,
            col=j + 1,
        )
        fig.update_xaxes(title_text=f"log₁₀ {t['lr']}", row=1, col=j + 1)
    fig.update_yaxes(title_text=f"log₁₀ {t['wd']}", row=1, col=1)
    return finish(
        fig,
        t["title"],
        height=420,
        coloraxis={
            "colorscale": "Viridis",
            "reversescale": True,
            "cmin": float(val_loss.min()),
            "cmax": zmax,
            "colorbar": {"title": {"text": t["loss"]}},
        },
    )


BUDGET_TEXT = {
    "title": "Best validation loss found against the budget ({r} repetitions)",
    "budget": "trainings spent",
    "loss": "best validation loss so far",
    "band": "{m}: 10–90% of repetitions",
    "grid": "grid",
    "random": "random",
    "tpe": "Bayesian (TPE)",
    "optimum": "best of the lattice",
}


def budget_figure(
    best_so_far: Mapping[str, np.ndarray], optimum_loss: float, *, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Mean over repetitions of the best validation loss after b trainings, b = 1..budget, for each
    method, with its 10-90% band; the lattice's best loss as a floor.

    Args:
        best_so_far: method -> (repeats, budget).
        optimum_loss: the lowest loss of the lattice.
        text: translations of :data:`BUDGET_TEXT` (fields {r}, {m}).
    """
    t = texts(BUDGET_TEXT, text)
    fig = go.Figure()
    reps = 0
    for m, b in best_so_far.items():
        reps = len(b)
        x = np.arange(1, b.shape[1] + 1)
        lo, hi = np.quantile(b, [0.1, 0.9], axis=0)
        fig.add_trace(
            go.Scatter(
                x=np.concatenate([x, x[::-1]]),
                y=np.concatenate([hi, lo[::-1]]),
                fill="toself",
                fillcolor=COLORS[m],
                opacity=0.15,
                line={"width": 0},
                hoverinfo="skip",
                name=t["band"].format(m=t[m]),
                showlegend=False,
                legendgroup=m,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=b.mean(axis=0),
                mode="lines+markers",
                name=t[m],
                legendgroup=m,
                line={"color": COLORS[m], "width": 3, "shape": "hv" if m == "grid" else "linear"},
            )
        )
    fig.add_hline(
        y=optimum_loss,
        line={"color": "#FFB000", "dash": "dash", "width": 2},
        annotation_text=t["optimum"],
        annotation_position="bottom right",
    )
    return finish(fig, t["title"].format(r=reps), height=420, xaxis_title=t["budget"], yaxis_title=t["loss"])


MARGINAL_TEXT = {
    "title": "Which axis matters: the best loss reachable at each value",
    "lr": "learning rate",
    "wd": "weight decay",
    "loss": "best validation loss",
    "tried": "values a {m} search tries",
    "grid": "grid",
    "random": "random",
}


def marginal_figure(
    lr: np.ndarray,
    wd: np.ndarray,
    val_loss: np.ndarray,
    tried: Mapping[str, Sequence[np.ndarray]],
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Two panels: the best validation loss reachable at each learning rate (over every weight
    decay) and at each weight decay; ticks below show the values one grid and one random search try.

    Args:
        lr: (L,). wd: (W,). val_loss: (W, L).
        tried: method -> (wd indices, lr indices) tried by one repetition.
        text: translations of :data:`MARGINAL_TEXT` (field {m}).
    """
    t = texts(MARGINAL_TEXT, text)
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, subplot_titles=[t["lr"], t["wd"]], horizontal_spacing=0.05
    )
    floor = float(val_loss.min())
    span = float(np.ptp(val_loss)) or 1.0
    for col, (vals, best, axis) in enumerate(
        ((lr, val_loss.min(axis=0), 1), (wd, val_loss.min(axis=1), 0)), 1
    ):
        fig.add_trace(
            go.Scatter(
                x=vals, y=best, mode="lines+markers", showlegend=False, line={"color": "#333", "width": 2.5}
            ),
            row=1,
            col=col,
        )
        for k, (m, idx) in enumerate(tried.items()):
            fig.add_trace(
                go.Scatter(
                    x=vals[np.unique(idx[axis])],
                    y=np.full(len(np.unique(idx[axis])), floor - (0.06 + 0.05 * k) * span),
                    mode="markers",
                    name=t["tried"].format(m=t[m]),
                    legendgroup=m,
                    showlegend=col == 1,
                    marker={"symbol": "line-ns-open", "size": 14, "color": COLORS[m], "line": {"width": 2}},
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(type="log", row=1, col=col)
    fig.update_yaxes(title_text=t["loss"], row=1, col=1)
    return finish(fig, t["title"], height=380)
