"""The race in 3-D: the surface with every path drawn on it, heights in the 2-D map's shading units
(so a log-coloured map is a log-height surface)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..colors import colorscale
from .animation import frame_indices
from .layers import Background, shade_values

__all__ = ["MAX_3D_POINTS", "SURFACE_HEIGHT", "surface_figure"]

MAX_3D_POINTS = 300  # points per 3-D path
SURFACE_HEIGHT = 520  # pixels of the 3-D view


def surface_figure(
    x: np.ndarray,
    y: np.ndarray,
    z: np.ndarray,
    bg: Background,
    names: Sequence[str],
    colors: Sequence[str],
    path: np.ndarray,
    loss: np.ndarray,
    *,
    z_title: str = "f",
    height: int = SURFACE_HEIGHT,
) -> go.Figure:
    """The surface in 3-D with every path drawn on it (heights in the 2-D figure's shading units)."""
    s = np.clip(shade_values(z, bg), bg.lo, bg.hi)
    lift = 0.01 * (bg.hi - bg.lo)
    data: list = [
        go.Surface(
            x=x,
            y=y,
            z=s.astype(np.float32),
            colorscale=colorscale(),
            cmin=bg.lo,
            cmax=bg.hi,
            showscale=False,
            opacity=0.92,
            hoverinfo="skip",
            name="surface",
        )
    ]
    idx = frame_indices(path.shape[1], MAX_3D_POINTS)
    for name, c, p, f in zip(names, colors, path, loss, strict=True):
        zz = np.clip(shade_values(f[idx], bg), bg.lo, bg.hi) + lift
        data.append(
            go.Scatter3d(
                x=p[idx, 0].astype(np.float32),
                y=p[idx, 1].astype(np.float32),
                z=zz.astype(np.float32),
                mode="lines",
                name=name,
                line=dict(color=c, width=6),
                hovertemplate=f"{name}<extra></extra>",
            )
        )
    (x0, x1), (y0, y1) = bg.bounds
    layout = go.Layout(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        showlegend=False,
        uirevision="race3d",
        scene=dict(
            xaxis=dict(range=[x0, x1], title="x"),
            yaxis=dict(range=[y0, y1], title="y"),
            zaxis=dict(range=[bg.lo, bg.hi + 2 * lift], title=z_title),
            aspectmode="manual",
            aspectratio=dict(x=1, y=1, z=0.6),
        ),
    )
    return go.Figure(data=data, layout=layout)
