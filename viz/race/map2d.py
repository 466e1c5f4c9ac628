"""The race's 2-D map: the surface (image and contour lines), each run's path, the animated comets,
divergence marks and the vector arrows of the chosen step.

Everything is static except the comet trace, which the animation's frames move
(:mod:`viz.race.animation`); the static layers come from :mod:`viz.race.layers`. Traces are
built as plain dicts from arrays in shapes known to be valid, and the figure skips plotly's
per-property validation (it cost more than the rest of a rerun); tests validate a figure of each
kind once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go

from ..colors import rgba
from .animation import (
    TAIL,
    AnimatedFigure,
    comet_frames,
    comet_points,
    frame_indices,
    frame_slider,
    play_buttons,
)
from .layers import Background

if TYPE_CHECKING:  # the vectors are computed by studies.race; drawing only reads their fields
    from studies.race import Overlay

__all__ = [
    "LABELS", "MAP_HEIGHT", "MAX_PATH_POINTS", "OVERLAYS", "contour_figure", "last_finite",
    "overlay_annotations",
]

MAX_PATH_POINTS = 1000  # points per static path on the 2-D figure
MAP_HEIGHT = 520  # pixels of the 2-D race
OVERLAYS = ("grad", "moment", "step", "lookahead")  # the vector overlays a page may show
# The figure's words when the caller passes none (a shell, a test); pages pass translated ones.
LABELS = {
    "play": "Play",
    "pause": "Pause",
    "step": "step",
    "start": "start",
    "minimum": "minimum",
    "diverged": "diverged",
    "lookahead": "look-ahead",
}


def contour_figure(
    bg: Background,
    names: Sequence[str],
    colors: Sequence[str],
    path: np.ndarray,
    diverged_at: np.ndarray,
    *,
    start: tuple[float, float],
    minima: Sequence[tuple[float, float]] = (),
    frame: int | None = None,
    overlays: Sequence[Overlay | None] = (),
    show: Sequence[str] = (),
    speed_ms: int = 40,
    labels: dict[str, str] | None = None,
    animate: bool = True,
    height: int = MAP_HEIGHT,
) -> go.Figure:
    """The 2-D race: surface image, contour lines, static paths, animated comets, overlays.

    Args:
        bg: static layers from :func:`viz.race.layers.background`.
        names: legend name per run; colors: colour per run.
        path: (R, T+1, 2) trajectories (NaN after divergence).
        diverged_at: (R,) first bad step or -1.
        start: the start point (drawn as a ring).
        minima: known minimisers (stars).
        frame: frame shown before Play (default: the last).
        overlays, show: the vectors of each run (:func:`studies.race.overlays_at`) and which kinds
            to draw as arrows (:func:`overlay_annotations`); "lookahead" draws each look-ahead point.
        speed_ms: milliseconds per animation frame.
        labels: translated texts: "play", "pause", "step", "start", "minimum", "diverged",
            "lookahead" (English :data:`LABELS` for those left out).
        animate: add frames and the Play/Pause/slider controls.
        height: pixels.

    Returns:
        The figure. Trace order: contour lines, minima, start, one static path per
        run, one comet per run, divergence marks, look-ahead points.
    """
    lab = {**LABELS, **(labels or {})}
    fidx = frame_indices(path.shape[1])
    j0 = len(fidx) - 1 if frame is None else int(np.clip(frame, 0, len(fidx) - 1))
    data = [
        _contour_lines(bg),
        _minima(minima, lab["minimum"]),
        _start(start, lab["start"]),
        *_paths(names, colors, path),
    ]
    comet = len(data)
    data.append(_comets(names, colors, path, fidx, j0))
    data.append(_divergence_marks(colors, path, diverged_at, lab["diverged"]))
    if "lookahead" in show:
        data.append(_lookahead_points(overlays, colors, lab["lookahead"]))
    (x0, x1), (y0, y1) = bg.bounds
    arrows = overlay_annotations(overlays, colors, show, max(x1 - x0, y1 - y0)) if overlays else []
    layout = _layout(bg, height, arrows)
    if not (animate and len(fidx) > 1):
        return go.Figure(data=data, layout=layout, _validate=False)
    layout["updatemenus"] = [play_buttons(lab, speed_ms)]
    layout["margin"] = dict(l=50, r=10, t=40, b=40)  # room above the plot for the buttons and slider
    frames = comet_frames(path, fidx, comet)
    return AnimatedFigure(data, layout, frames, [frame_slider(fidx, j0, lab["step"])])


def _contour_lines(bg: Background) -> dict:
    """Every contour line of the background as one NaN-separated line."""
    return dict(
        type="scatter",
        x=bg.line_x,
        y=bg.line_y,
        mode="lines",
        line=dict(color="rgba(40,40,40,0.35)", width=1),
        hoverinfo="skip",
        showlegend=False,
        name="contours",
    )


def _minima(minima: Sequence[tuple[float, float]], label: str) -> dict:
    """The known minimisers as stars (an empty trace, out of the legend, when none is known)."""
    mins = np.array(minima, dtype=np.float64).reshape(-1, 2)
    return dict(
        type="scatter",
        x=mins[:, 0],
        y=mins[:, 1],
        mode="markers",
        name=label,
        showlegend=bool(len(mins)),
        marker=dict(symbol="star", size=15, color="white", line=dict(color="black", width=1.5)),
        hovertemplate=f"{label} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    )


def _start(start: tuple[float, float], label: str) -> dict:
    """The start point as a ring."""
    return dict(
        type="scatter",
        x=[start[0]],
        y=[start[1]],
        mode="markers",
        name=label,
        marker=dict(symbol="circle-open", size=14, color="black", line=dict(width=2.5)),
        hovertemplate=f"{label} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    )


def _paths(names: Sequence[str], colors: Sequence[str], path: np.ndarray) -> list[dict]:
    """Each run's whole path, pale, thinned to :data:`MAX_PATH_POINTS` (one legend entry per run)."""
    lidx = frame_indices(path.shape[1], MAX_PATH_POINTS)
    return [
        dict(
            type="scatter",
            x=p[lidx, 0].astype(np.float32),
            y=p[lidx, 1].astype(np.float32),
            mode="lines",
            name=name,
            legendgroup=name,
            line=dict(color=rgba(c, 0.55), width=2),
            hoverinfo="skip",
        )
        for name, c, p in zip(names, colors, path, strict=True)
    ]


def _comets(names: Sequence[str], colors: Sequence[str], path: np.ndarray, fidx: np.ndarray, j: int) -> dict:
    """Every run's comet at frame ``j`` in one trace: a tail of growing dots and a ringed head."""
    cx, cy = comet_points(path, fidx, j)
    sizes = np.tile(np.r_[np.linspace(3.0, 7.0, TAIL), 13.0], len(names)).astype(np.float32)
    return dict(
        type="scatter",
        x=cx,
        y=cy,
        mode="markers",
        showlegend=False,
        name="comets",
        marker=dict(
            size=sizes,
            color=[c for c in colors for _ in range(TAIL + 1)],
            line=dict(color="white", width=np.tile(np.r_[np.zeros(TAIL), 1.5], len(names))),
        ),
        text=[n for n in names for _ in range(TAIL + 1)],
        hovertemplate="%{text}<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    )


def _divergence_marks(colors: Sequence[str], path: np.ndarray, diverged_at: np.ndarray, label: str) -> dict:
    """A cross at the last finite point of each diverged run."""
    ends = last_finite(path)
    div = [i for i, d in enumerate(diverged_at) if d >= 0 and np.all(np.isfinite(ends[i]))]
    return dict(
        type="scatter",
        x=[ends[i, 0] for i in div],
        y=[ends[i, 1] for i in div],
        mode="markers",
        name=label,
        showlegend=bool(div),
        marker=dict(symbol="x-thin", size=18, line=dict(width=4), color=[colors[i] for i in div]),
        hovertemplate=f"{label}<extra></extra>",
    )


def _lookahead_points(overlays: Sequence[Overlay | None], colors: Sequence[str], label: str) -> dict:
    """Where each look-ahead rule took its gradient at the chosen step (open diamonds)."""
    la = [(o.lookahead, colors[i]) for i, o in enumerate(overlays) if o is not None and o.lookahead]
    return dict(
        type="scatter",
        x=[p[0] for p, _ in la],
        y=[p[1] for p, _ in la],
        mode="markers",
        name=label,
        showlegend=bool(la),
        marker=dict(symbol="diamond-open", size=12, line=dict(width=2.5), color=[c for _, c in la]),
        hovertemplate=f"{label} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    )


def _layout(bg: Background, height: int, annotations: list[dict]) -> dict:
    """Fixed axes over the view, the surface image below the traces, the legend underneath."""
    (x0, x1), (y0, y1) = bg.bounds
    return dict(
        height=height,
        margin=dict(l=50, r=10, t=10, b=40),
        hovermode="closest",
        dragmode="zoom",
        xaxis=dict(range=[x0, x1], title="x", showgrid=False, zeroline=False, constrain="domain"),
        yaxis=dict(range=[y0, y1], title="y", showgrid=False, zeroline=False),
        images=[
            dict(
                source=bg.image,
                xref="x",
                yref="y",
                x=x0,
                y=y1,
                sizex=x1 - x0,
                sizey=y1 - y0,
                sizing="stretch",
                layer="below",
                opacity=1.0,
            )
        ],
        legend=dict(orientation="h", y=-0.12, x=0),
        plot_bgcolor="white",
        uirevision="race",
        annotations=annotations,
    )


def last_finite(path: np.ndarray) -> np.ndarray:
    """(R, 2) last finite position of each path (NaN if none)."""
    out = np.full((path.shape[0], 2), np.nan)
    for i, p in enumerate(path):
        ok = np.flatnonzero(np.all(np.isfinite(p), axis=1))
        if ok.size:
            out[i] = p[ok[-1]]
    return out


def overlay_annotations(
    overs: Sequence[Overlay | None], colors: Sequence[str], show: Sequence[str], span: float
) -> list[dict]:
    """Arrow annotations: descent direction -grad (thin), -moment (thick, pale), the step (dotted head).

    Arrows show directions at a fixed length (8 % of the view); the page's table gives magnitudes.
    """
    ann = []
    L = 0.08 * span
    for o, c in zip(overs, colors, strict=True):
        if o is None:
            continue
        x0, y0 = o.at
        if "grad" in show:
            ann.append(_arrow(x0, y0, -o.grad[0], -o.grad[1], L, c, 2, 2))
        if "moment" in show:
            ann.append(_arrow(x0, y0, -o.moment[0], -o.moment[1], L * 1.25, c, 4, 3, 0.45))
        if "step" in show:
            ann.append(_arrow(x0, y0, o.step[0], o.step[1], L * 0.7, c, 1.5, 6))
    return [a for a in ann if a is not None]


def _arrow(x0, y0, vx, vy, length, color, width, head, opacity=1.0) -> dict | None:
    """An arrow of ``length`` from (x0, y0) along (vx, vy); None for a zero or non-finite vector."""
    n = float(np.hypot(vx, vy))
    if not np.isfinite(n) or n == 0:
        return None
    return dict(
        x=x0 + vx / n * length,
        y=y0 + vy / n * length,
        ax=x0,
        ay=y0,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=head,
        arrowwidth=width,
        arrowcolor=color,
        arrowsize=1,
        opacity=opacity,
        text="",
    )
