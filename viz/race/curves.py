"""The race's curves: loss (above the known minimum), distance to the nearest minimum and gradient
norm against the step, one panel each, side by side."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .animation import frame_indices

__all__ = ["CURVES_HEIGHT", "MAX_LINE_POINTS", "curves_figure"]

MAX_LINE_POINTS = 2000  # points per curve (loss, distance, gradient norm)
CURVES_HEIGHT = 300  # pixels of the loss / distance / gradient-norm panels


def curves_figure(
    names: Sequence[str],
    colors: Sequence[str],
    loss: np.ndarray,
    grad_norm: np.ndarray,
    dist: np.ndarray | None,
    diverged_at: np.ndarray,
    *,
    min_value: float | None,
    titles: dict[str, str],
    height: int = CURVES_HEIGHT,
) -> go.Figure:
    """Loss (minus the known minimum, log y), distance to the nearest minimum and gradient norm vs step.

    Args:
        names, colors: per run.
        loss, grad_norm: (R, T+1); dist: (R, T+1) or None (no known minimum).
        diverged_at: (R,) (a cross marks the last finite value of a diverged run).
        min_value: the surface's global minimum value, or None (then the loss is drawn as is, on a
            linear axis when it can be negative).
        titles: translated "loss", "loss_gap", "dist", "grad", "step".

    Returns:
        One figure with up to three panels side by side (axes x/y, x2/y2, x3/y3); x is the step.
        Trace order: per panel, per run, the curve then (if diverged) its cross.
    """
    panels = [("loss", titles["loss_gap"] if min_value is not None else titles["loss"])]
    if dist is not None:
        panels.append(("dist", titles["dist"]))
    panels.append(("grad", titles["grad"]))
    idx = frame_indices(loss.shape[1], MAX_LINE_POINTS)
    steps = idx.astype(np.float32)
    series = {"loss": loss - (min_value if min_value is not None else 0.0), "dist": dist, "grad": grad_norm}
    gap = 0.07
    width = (1 - gap * (len(panels) - 1)) / len(panels)
    data: list[dict] = []
    layout: dict = dict(
        height=height,
        margin=dict(l=50, r=10, t=30, b=40),
        showlegend=False,
        uirevision="curves",
        annotations=[],
        hovermode="closest",
    )
    for col, (kind, title) in enumerate(panels, start=1):
        sx = "" if col == 1 else str(col)
        vals = series[kind]
        finite = vals[np.isfinite(vals)]
        log_axis = kind != "loss" or min_value is not None or (finite.size > 0 and bool(np.all(finite > 0)))
        for i, (name, c) in enumerate(zip(names, colors, strict=True)):
            v = vals[i, idx].astype(np.float64)
            if log_axis:
                v = np.where(np.isfinite(v), np.maximum(v, 1e-12), np.nan)
            data.append(
                dict(
                    type="scatter",
                    x=steps,
                    y=v.astype(np.float32),
                    mode="lines",
                    name=name,
                    legendgroup=name,
                    xaxis=f"x{sx}",
                    yaxis=f"y{sx}",
                    line=dict(color=c, width=2),
                    hovertemplate=f"{name}<br>{titles['step']} %{{x}}: %{{y:.3g}}<extra></extra>",
                )
            )
            k = int(diverged_at[i])
            if k > 0 and np.isfinite(vals[i, k - 1]):
                yk = float(vals[i, k - 1])
                data.append(
                    dict(
                        type="scatter",
                        x=[k - 1],
                        y=[max(yk, 1e-12) if log_axis else yk],
                        mode="markers",
                        legendgroup=name,
                        xaxis=f"x{sx}",
                        yaxis=f"y{sx}",
                        hoverinfo="skip",
                        marker=dict(symbol="x", size=11, color=c),
                    )
                )
        x0 = (col - 1) * (width + gap)
        layout[f"xaxis{sx}"] = dict(domain=[x0, x0 + width], title=dict(text=titles["step"]), anchor=f"y{sx}")
        layout[f"yaxis{sx}"] = dict(
            type="log" if log_axis else "linear", anchor=f"x{sx}", exponentformat="power"
        )
        layout["annotations"].append(
            dict(
                text=title,
                x=x0 + width / 2,
                y=1.0,
                xref="paper",
                yref="paper",
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=13),
            )
        )
    return go.Figure(data=data, layout=layout, _validate=False)
