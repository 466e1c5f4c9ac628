"""Figures of the resampling views: the bootstrap (resampled fits, bootstrap against true sampling
distribution, interval coverage), cross-validation (folds drawn, estimates over repeated splits) and
time-series validation (shuffled folds against rolling origin, and the honest number)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import COLORS, finish, fold_color, texts

RESAMPLE_TEXT = {
    "title": "One data set and models fitted to its bootstrap resamples",
    "data": "the data set (size: times drawn into resample 1)",
    "fits": "fits to resamples",
    "fit": "fit to the data set",
    "truth": "true f(x)",
}


def resample_figure(
    x: np.ndarray,
    y: np.ndarray,
    x_eval: np.ndarray,
    fits: np.ndarray,
    fit: np.ndarray,
    truth: np.ndarray,
    counts: np.ndarray,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """The data set (each point sized by how often the first resample drew it; a hollow ring: not
    drawn), the models fitted to resamples (thin) and to the data (thick), and the truth.

    Args:
        x, y: (n,). x_eval, fit, truth: (m,). fits: (K, m). counts: (K, n) draws per point.
        text: translations of :data:`RESAMPLE_TEXT`.
    """
    t = texts(RESAMPLE_TEXT, text)
    fig = go.Figure()
    for k, f in enumerate(fits):
        fig.add_trace(
            go.Scatter(
                x=x_eval,
                y=f,
                mode="lines",
                name=t["fits"],
                legendgroup="fits",
                showlegend=k == 0,
                hoverinfo="skip",
                opacity=0.35,
                line={"color": COLORS["variance"], "width": 1},
            )
        )
    c = np.asarray(counts[0])
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="markers",
            name=t["data"],
            customdata=c,
            hovertemplate="×%{customdata}<extra></extra>",
            marker={
                "size": 6 + 4 * c,
                "color": np.where(c > 0, "#444", "rgba(0,0,0,0)"),
                "line": {"color": "#444", "width": 1.5},
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x_eval,
            y=truth,
            mode="lines",
            name=t["truth"],
            line={"color": COLORS["truth"], "dash": "dash", "width": 2},
        )
    )
    fig.add_trace(
        go.Scatter(x=x_eval, y=fit, mode="lines", name=t["fit"], line={"color": COLORS["bias2"], "width": 3})
    )
    return finish(fig, t["title"], height=380, yaxis={"range": [-2.5, 2.5]})


DIST_TEXT = {
    "title": "Bootstrap distribution against the true sampling distribution",
    "boot": "bootstrap: {b} resamples of one data set",
    "fresh": "truth: {f} fresh data sets",
    "interval": "{level:.0%} percentile interval",
    "true": "true value",
    "estimate": "on the data set",
    "value": "value of the statistic",
    "density": "density",
}


def distribution_figure(
    boot: np.ndarray,
    fresh: np.ndarray,
    interval: np.ndarray,
    true_value: float,
    estimate: float,
    level: float,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Both distributions as overlaid density histograms on the same bins, the percentile interval
    shaded, the true value and the data set's own value as lines.

    Args:
        boot: (B,). fresh: (F,). interval: (2,). level: of the interval.
        text: translations of :data:`DIST_TEXT` (fields {b}, {f}, {level}).
    """
    t = texts(DIST_TEXT, text)
    both = np.concatenate([boot, fresh])
    lo, hi = np.quantile(both, [0.005, 0.995])  # a few far outliers must not squash the picture
    bins = {"start": float(lo), "end": float(hi), "size": float(hi - lo) / 50 or 1.0}
    fig = go.Figure(
        [
            go.Histogram(
                x=fresh,
                name=t["fresh"].format(f=len(fresh)),
                histnorm="probability density",
                xbins=bins,
                marker_color=COLORS["truth"],
                opacity=0.35,
            ),
            go.Histogram(
                x=boot,
                name=t["boot"].format(b=len(boot)),
                histnorm="probability density",
                xbins=bins,
                marker_color=COLORS["variance"],
                opacity=0.6,
            ),
        ]
    )
    fig.add_vrect(
        x0=float(interval[0]),
        x1=float(interval[1]),
        fillcolor=COLORS["variance"],
        opacity=0.12,
        line_width=0,
        annotation_text=t["interval"].format(level=level),
        annotation_position="top left",
    )
    fig.add_vline(
        x=true_value,
        line={"color": COLORS["measured"], "width": 3},
        annotation_text=t["true"],
        annotation_position="top right",
    )
    fig.add_vline(
        x=estimate,
        line={"color": COLORS["bias2"], "width": 2, "dash": "dash"},
        annotation_text=t["estimate"],
        annotation_position="bottom right",
    )
    return finish(
        fig,
        t["title"],
        height=400,
        barmode="overlay",
        xaxis_title=t["value"],
        yaxis_title=t["density"],
        xaxis={"range": [float(lo), float(hi)]},
    )


COVER_TEXT = {
    "title": "{k} of {n} intervals contain the true value ({rate:.1%}, nominal {level:.0%})",
    "covers": "contains it",
    "misses": "misses it",
    "true": "true value",
    "repeat": "data set",
    "value": "value of the statistic",
}
COVER_SHOWN = 100


def coverage_figure(
    lo: np.ndarray,
    hi: np.ndarray,
    estimate: np.ndarray,
    true_value: float,
    level: float,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """The percentile interval of each repeated data set as a horizontal bar (the first
    :data:`COVER_SHOWN`), coloured by whether it contains the true value; the title counts all.

    Args:
        lo, hi, estimate: (M,). level: nominal coverage.
        text: translations of :data:`COVER_TEXT` (title fields {k}, {n}, {rate}, {level}).
    """
    t = texts(COVER_TEXT, text)
    hit = (lo <= true_value) & (true_value <= hi)
    shown = np.arange(min(len(lo), COVER_SHOWN))
    fig = go.Figure()
    for mask, key, color in (
        (hit[shown], "covers", COLORS["bias2"]),
        (~hit[shown], "misses", COLORS["measured"]),
    ):
        idx = shown[mask]
        xs = np.column_stack([lo[idx], hi[idx], np.full(len(idx), np.nan)]).ravel()
        ys = np.repeat(idx + 1, 3).astype(float)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=t[key], line={"color": color, "width": 2}))
        fig.add_trace(
            go.Scatter(
                x=estimate[idx],
                y=idx + 1,
                mode="markers",
                showlegend=False,
                marker={"color": color, "size": 4},
                hoverinfo="skip",
            )
        )
    fig.add_vline(
        x=true_value,
        line={"color": COLORS["truth"], "width": 2, "dash": "dash"},
        annotation_text=t["true"],
        annotation_position="top right",
    )
    k, n = int(hit.sum()), len(hit)
    title = t["title"].format(k=k, n=n, rate=k / max(n, 1), level=level)
    return finish(fig, title, height=460, xaxis_title=t["value"], yaxis_title=t["repeat"])


FOLDS_TEXT = {
    "title": "Which fold holds each point out",
    "kfold": "k-fold: {k} folds in each of {r} shuffles",
    "holdout": "hold-out: one split per repeat",
    "repeat": "repeat",
    "point": "points (sorted by x)",
    "held": "held out",
    "fold": "fold {j}",
}


def folds_figure(
    x: np.ndarray, folds: np.ndarray, held: np.ndarray, *, text: Mapping[str, str] | None = None
) -> go.Figure:
    """The splits as drawn: for every repeat (row) and point (column, sorted by x), the fold that
    holds it out (colour); beside it, the hold-out split of every repeat (dark: held out).

    Args:
        x: (n,). folds: (R, n) fold ids. held: (R, n) bool.
        text: translations of :data:`FOLDS_TEXT` (fields {k}, {r}, {j}).
    """
    t = texts(FOLDS_TEXT, text)
    order = np.argsort(x)
    k = int(folds.max()) + 1
    r = len(folds)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.06,
        subplot_titles=[t["kfold"].format(k=k, r=r), t["holdout"]],
    )
    ks = max(k - 1, 1)
    scale = [[j / ks, fold_color(j)] for j in range(k)] if k > 1 else [[0, fold_color(0)], [1, fold_color(0)]]
    fig.add_trace(
        go.Heatmap(
            z=folds[:, order],
            y=np.arange(1, r + 1),
            colorscale=scale,
            zmin=0,
            zmax=ks,
            showscale=False,
            xgap=1,
            ygap=1,
            hovertemplate=t["repeat"] + " %{y}: " + t["fold"].replace("{j}", "%{z}") + "<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Heatmap(
            z=held[:, order].astype(int),
            y=np.arange(1, r + 1),
            showscale=False,
            xgap=1,
            ygap=1,
            colorscale=[[0, "#EEEEEE"], [1, "#333333"]],
            zmin=0,
            zmax=1,
            hovertemplate=t["repeat"] + " %{y}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text=t["point"], showticklabels=False)
    fig.update_yaxes(title_text=t["repeat"], autorange="reversed", row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=2)
    return finish(fig, t["title"], height=360)


ESTIMATES_TEXT = {
    "title": "The estimate over repeated splits",
    "kfold": "k-fold ({k} folds)",
    "holdout": "hold-out ({p:.0%})",
    "loo": "leave-one-out",
    "true": "true test error",
    "error": "estimated test error (MSE)",
    "sd": "sd {sd:.3f}",
}


def estimates_figure(
    kfold: np.ndarray,
    holdout: np.ndarray,
    loo: float,
    true_err: float,
    k: int,
    holdout_fraction: float,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Each repeat's k-fold and hold-out estimate (points and a box), leave-one-out's one value,
    and the true test error of the model trained on all the data (a line).

    Args:
        kfold, holdout: (R,). loo: NaN if not run. true_err: exact.
        text: translations of :data:`ESTIMATES_TEXT`.
    """
    t = texts(ESTIMATES_TEXT, text)
    fig = go.Figure()
    for key, vals, label in (
        ("kfold", kfold, t["kfold"].format(k=k)),
        ("holdout", holdout, t["holdout"].format(p=holdout_fraction)),
    ):
        label = f"{label}<br>{t['sd'].format(sd=float(np.std(vals)))}"
        fig.add_trace(
            go.Box(
                y=vals,
                x=[label] * len(vals),
                name=label,
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": COLORS[key], "size": 7},
                line={"color": COLORS[key]},
                fillcolor="rgba(0,0,0,0)",
            )
        )
    if np.isfinite(loo):
        fig.add_trace(
            go.Scatter(
                x=[t["loo"]],
                y=[loo],
                mode="markers",
                name=t["loo"],
                marker={"color": COLORS["loo"], "size": 14, "symbol": "diamond"},
            )
        )
    fig.add_hline(
        y=true_err,
        line={"color": COLORS["truth"], "dash": "dash", "width": 2},
        annotation_text=t["true"],
        annotation_position="top left",
    )
    return finish(fig, t["title"], height=420, yaxis_title=t["error"], showlegend=False)


SERIES_TEXT = {
    "title": "Shuffled folds fill gaps; rolling-origin folds forecast",
    "shuffled": "shuffled k-fold: each point predicted by the model that left it out",
    "rolling": "rolling origin: each block forecast from the window before it; then the later period",
    "data": "series",
    "truth": "trend + season",
    "pred": "prediction",
    "forecast": "forecast",
    "later": "later period (never seen)",
    "window": "training window",
    "time": "time step",
}


def series_figure(
    t_steps: np.ndarray,
    y: np.ndarray,
    truth: np.ndarray,
    n: int,
    shuffled_fold: np.ndarray,
    shuffled_pred: np.ndarray,
    rolling_pred: np.ndarray,
    final_pred: np.ndarray,
    blocks: np.ndarray,
    window: int,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Two stacked panels of one series. Top: points coloured by their shuffled fold and each
    point's prediction by the model that left it out. Bottom: rolling-origin test blocks (shaded
    windows before them), each block's forecast, and the final model's forecast of the later period.

    Args:
        t_steps: (T + H,). y, truth: (T + H,). n: observed steps T. shuffled_fold: (T,).
        shuffled_pred, rolling_pred: (T,). final_pred: (T + H,). blocks: (k, 2). window: steps.
        text: translations of :data:`SERIES_TEXT`.
    """
    tx = texts(SERIES_TEXT, text)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=[tx["shuffled"], tx["rolling"]],
    )
    obs = t_steps[:n]
    for row in (1, 2):
        fig.add_trace(
            go.Scatter(
                x=t_steps,
                y=truth,
                mode="lines",
                name=tx["truth"],
                showlegend=row == 1,
                legendgroup="truth",
                line={"color": "#BBBBBB", "width": 2},
            ),
            row=row,
            col=1,
        )
    colors = [fold_color(int(j)) for j in shuffled_fold]
    fig.add_trace(
        go.Scatter(
            x=obs,
            y=y[:n],
            mode="markers",
            name=tx["data"],
            legendgroup="data",
            marker={"color": colors, "size": 6},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=obs,
            y=shuffled_pred,
            mode="lines",
            name=tx["pred"],
            line={"color": COLORS["shuffled"], "width": 2},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=t_steps,
            y=y,
            mode="markers",
            name=tx["data"],
            showlegend=False,
            legendgroup="data",
            marker={"color": "#555", "size": 5},
        ),
        row=2,
        col=1,
    )
    for j, (a, b) in enumerate(blocks):
        fig.add_vrect(
            x0=a - window - 0.5,
            x1=a - 0.5,
            fillcolor="#1F77B4",
            opacity=0.04 + 0.02 * j,
            line_width=0,
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=t_steps[a:b],
                y=rolling_pred[a:b],
                mode="lines",
                name=tx["forecast"],
                showlegend=j == 0,
                legendgroup="forecast",
                line={"color": COLORS["rolling"], "width": 2.5},
            ),
            row=2,
            col=1,
        )
    fig.add_vrect(
        x0=n - 0.5,
        x1=t_steps[-1] + 0.5,
        fillcolor="#111",
        opacity=0.08,
        line_width=0,
        annotation_text=tx["later"],
        annotation_position="top left",
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=t_steps[n:],
            y=final_pred[n:],
            mode="lines",
            name=tx["later"],
            line={"color": COLORS["later"], "width": 3},
        ),
        row=2,
        col=1,
    )
    fig.update_xaxes(title_text=tx["time"], row=2, col=1)
    return finish(fig, tx["title"], height=560)


TS_EST_TEXT = {
    "title": "What each validation reports, and what the forecaster really does",
    "shuffled": "shuffled k-fold",
    "rolling": "rolling origin",
    "later": "later period (honest)",
    "error": "forecast error (MSE)",
    "series": "each series",
    "mean": "mean over {s} series (± 2 SE)",
}


def ts_estimates_figure(
    shuffled: np.ndarray, rolling: np.ndarray, later: np.ndarray, *, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Each series' three numbers (points joined by a thin line) and their means with ± 2 standard
    errors: shuffled k-fold sits far below the later period, rolling origin near it.

    Args:
        shuffled, rolling, later: (S,).
        text: translations of :data:`TS_EST_TEXT`.
    """
    t = texts(TS_EST_TEXT, text)
    names = [t["shuffled"], t["rolling"], t["later"]]
    vals = np.stack([shuffled, rolling, later])  # (3, S)
    fig = go.Figure()
    for s in range(vals.shape[1]):
        fig.add_trace(
            go.Scatter(
                x=names,
                y=vals[:, s],
                mode="lines+markers",
                name=t["series"],
                legendgroup="series",
                showlegend=s == 0,
                hoverinfo="y",
                line={"color": "#CCCCCC", "width": 1},
                marker={"color": "#999", "size": 5},
            )
        )
    se = vals.std(axis=1, ddof=1) / np.sqrt(vals.shape[1]) if vals.shape[1] > 1 else np.zeros(3)
    fig.add_trace(
        go.Bar(
            x=names,
            y=vals.mean(axis=1),
            name=t["mean"].format(s=vals.shape[1]),
            opacity=0.55,
            marker_color=[COLORS["shuffled"], COLORS["rolling"], COLORS["later"]],
            error_y={"type": "data", "array": 2 * se, "visible": True},
            texttemplate="%{y:.3f}",
            textposition="outside",
        )
    )
    return finish(fig, t["title"], height=420, yaxis_title=t["error"])
