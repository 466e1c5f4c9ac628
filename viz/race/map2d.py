"""The race's 2-D map: the surface (image and contour lines), its minima and saddle points, each run's
path, the animated comets, divergence marks, and the vector arrows and look-ahead points of the step
shown.

The comets, arrows and look-ahead points follow the animation's frames (:mod:`viz.race.animation`);
with ``grow`` the paths do too (each frame shows every path so far) instead of being drawn whole.
The static layers come from :mod:`viz.race.layers`. Arrows are scatter traces (a shaft and an
arrow-head marker turned along it), not layout annotations: only traces move with a frame that is
drawn without a full redraw. Traces are built as plain dicts from arrays in shapes known to be
valid, and the figure skips plotly's per-property validation (it cost more than the rest of a
rerun); tests validate a figure of each kind once.
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
    animation_steps,
    b64,
    build_frames,
    comet_at,
    frame_indices,
    frame_slider,
    grown_steps,
    nearest_frame,
    play_buttons,
)
from .layers import Background

if TYPE_CHECKING:  # the vectors are computed by studies.race; drawing only reads their fields
    from studies.race import Vectors

__all__ = [
    "ARROWS",
    "LABELS",
    "MAP_HEIGHT",
    "MAX_PATH_POINTS",
    "OVERLAYS",
    "arrow_ends",
    "contour_figure",
    "last_finite",
]

MAX_PATH_POINTS = 1000  # points per static path on the 2-D figure
MAP_HEIGHT = 520  # pixels of the 2-D race
OVERLAYS = ("grad", "moment", "step", "lookahead")  # the vector overlays a page may show
# The arrows: which vector (and its sign), length as a fraction of the view, shaft width, head size,
# dash and opacity. Directions at a fixed length; the page's table gives magnitudes.
ARROWS = {
    "grad": (-1.0, 0.08, 2.0, 11, "solid", 1.0),  # descent direction -gradient: thin
    "moment": (-1.0, 0.10, 4.0, 15, "solid", 0.45),  # -velocity / first moment: thick, pale
    "step": (1.0, 0.056, 1.5, 9, "dot", 1.0),  # the step actually taken: dotted, small head
}
# The figure's words when the caller passes none (a shell, a test); pages pass translated ones.
LABELS = {
    "play": "Play",
    "pause": "Pause",
    "step": "step",
    "start": "start",
    "minimum": "global minimum",
    "local_minimum": "local minimum",
    "saddle": "saddle point",
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
    local_minima: Sequence[tuple[float, float]] = (),
    saddles: Sequence[tuple[float, float]] = (),
    at: int | None = None,
    vectors: Vectors | None = None,
    show: Sequence[str] = (),
    grow: bool = False,
    speed_ms: int = 40,
    labels: dict[str, str] | None = None,
    animate: bool = True,
    height: int = MAP_HEIGHT,
    axis_titles: tuple[str, str] | None = None,
    slider_x: float = 0.26,
) -> go.Figure:
    """The 2-D race: surface image, contour lines, landmarks, paths, comets, arrows, look-ahead points.

    Args:
        bg: static layers from :func:`viz.race.layers.background`.
        names: legend name per run; colors: colour per run.
        path: (R, T+1, 2) trajectories (NaN after divergence).
        diverged_at: (R,) first bad step or -1.
        start: the start point (drawn as a ring).
        minima: global minimisers (white stars); local_minima: other minima (grey stars);
            saddles: saddle points (open diamonds).
        at: the step shown before Play (comets, arrows, grown paths; default: the last step). The
            frame slider starts on the frame nearest to it.
        vectors: the race's vectors at every step (:func:`studies.race.vectors`), for the arrows
            and look-ahead points; None draws neither.
        show: which of :data:`OVERLAYS` to draw: arrows for "grad", "moment", "step" (one trace per
            run and kind), "lookahead" the points where look-ahead rules took their gradient.
        grow: the paths grow with the animation (each frame shows every path up to its step)
            instead of being drawn whole.
        speed_ms: milliseconds per animation frame.
        labels: translated texts: the keys of :data:`LABELS` (English for those left out).
        animate: add frames and the Play/Pause/slider controls.
        height: pixels.
        axis_titles: titles drawn on the x and y axes (None: the Race's bare "x" and "y", which
            plotly.js 3 does not draw).
        slider_x: where the frame slider starts (:func:`viz.race.animation.frame_slider`).

    Returns:
        The figure. Trace order: contour lines, global minima, local minima, saddle points, start,
        one path per run, the comets, divergence marks, then for each kind of arrow shown one
        trace per run (named by the kind: "grad", "moment", "step"), then the look-ahead points.
        Frames (named "0", "1", ...: frame j shows step ``animation_steps(T + 1, at)[j]``) move the
        comets, arrows and look-ahead points, and with ``grow`` the paths.
    """
    lab = {**LABELS, **(labels or {})}
    n_steps = path.shape[1] - 1
    k0 = n_steps if at is None else int(np.clip(at, 0, n_steps))
    fidx = animation_steps(path.shape[1], k0)
    (x0, x1), (y0, y1) = bg.bounds
    span = max(x1 - x0, y1 - y0)
    kinds = [k for k in ARROWS if k in show] if vectors is not None else []
    data = [
        _contour_lines(bg),
        _landmarks(minima, lab["minimum"], "star", 15, "white"),
        _landmarks(local_minima, lab["local_minimum"], "star", 12, "#b8b8b8"),
        _landmarks(saddles, lab["saddle"], "diamond-open", 10, "black"),
        _start(start, lab["start"]),
    ]
    first_path = len(data)
    data += _paths(names, colors, path, grown_steps(fidx, k0) if grow else None)
    comet = len(data)
    data.append(_comets(names, colors, path, fidx, k0))
    data.append(_divergence_marks(colors, path, diverged_at, lab["diverged"]))
    first_arrow = len(data)
    for kind in kinds:
        data += _arrows(vectors, kind, k0, colors, span)
    lookahead = None
    if vectors is not None and "lookahead" in show:
        lookahead = len(data)
        data.append(_lookahead_points(vectors, k0, colors, lab["lookahead"]))
    layout = _layout(bg, height)
    if axis_titles is not None:
        layout["xaxis"]["title"] = dict(text=axis_titles[0])
        layout["yaxis"]["title"] = dict(text=axis_titles[1])
    if not (animate and len(fidx) > 1):
        return go.Figure(data=data, layout=layout, _validate=False)
    layout["updatemenus"] = [play_buttons(lab, speed_ms)]
    layout["margin"] = dict(l=50, r=10, t=40, b=40)  # room above the plot for the buttons and slider
    moving = [comet] + list(range(first_arrow, first_arrow + len(kinds) * len(names)))
    moving += [lookahead] if lookahead is not None else []
    moving += list(range(first_path, first_path + len(names))) if grow else []

    def frame(j: int) -> list[dict]:
        k = int(fidx[j])
        cx, cy = comet_at(path, fidx, k)
        out = [dict(type="scatter", x=b64(cx), y=b64(cy))]
        for kind in kinds:
            out += [_xy(e) for e in arrow_ends(vectors, kind, k, span)]
        if lookahead is not None:
            out.append(_xy(vectors.lookahead[:, k]))
        if grow:
            out += [_xy(p) for p in path[:, fidx[: j + 1]]]
        return out

    frames = build_frames(len(fidx), moving, frame)
    return AnimatedFigure(
        data, layout, frames, [frame_slider(fidx, nearest_frame(fidx, k0), lab["step"], slider_x)]
    )


def _xy(points: np.ndarray) -> dict:
    """A frame's update of one trace: its (n, 2) points as base64 float32 x and y."""
    return dict(type="scatter", x=b64(points[:, 0]), y=b64(points[:, 1]))


def arrow_ends(vectors: Vectors, kind: str, step: int, span: float) -> list[np.ndarray]:
    """Each run's arrow of ``kind`` at ``step`` as its two points (tail, head).

    Args:
        vectors: the race's vectors (:class:`studies.race.Vectors`).
        kind: a key of :data:`ARROWS`.
        step: the step.
        span: the view's larger side (the arrow's length is a fixed fraction of it).

    Returns:
        One (2, 2) float64 array per run: tail at the run's position, head at a fixed length along
        the vector (with the kind's sign); NaN where the run has no step there or the vector is 0.
    """
    sign, frac = ARROWS[kind][:2]
    w = vectors.at[:, step]
    v = sign * getattr(vectors, kind)[:, step]
    n = np.hypot(v[:, 0], v[:, 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        head = w + v / np.where(n > 0, n, np.nan)[:, None] * frac * span
    ok = np.all(np.isfinite(head), axis=1)  # no arrow at all, not a lone tail, where there is none
    return [np.stack([w[i], head[i]]) if ok[i] else np.full((2, 2), np.nan) for i in range(len(w))]


def _arrows(vectors: Vectors, kind: str, step: int, colors: Sequence[str], span: float) -> list[dict]:
    """One arrow trace per run: a shaft from the run's position and a head turned along it."""
    _, _, width, head, dash, opacity = ARROWS[kind]
    return [
        dict(
            type="scatter",
            x=e[:, 0].astype(np.float32),
            y=e[:, 1].astype(np.float32),
            mode="lines+markers",
            name=kind,
            showlegend=False,
            hoverinfo="skip",
            opacity=opacity,
            line=dict(color=c, width=width, dash=dash),
            # the head: an arrow marker on the second point, turned along the segment that ends there
            marker=dict(symbol="arrow", angleref="previous", size=[0, head], color=c, line=dict(width=0)),
        )
        for e, c in zip(arrow_ends(vectors, kind, step, span), colors, strict=True)
    ]


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


def _landmarks(points: Sequence[tuple[float, float]], label: str, symbol: str, size: int, color: str) -> dict:
    """Points of one kind (global or local minima, saddles) as markers; out of the legend when none."""
    pts = np.array(points, dtype=np.float64).reshape(-1, 2)
    return dict(
        type="scatter",
        x=pts[:, 0],
        y=pts[:, 1],
        mode="markers",
        name=label,
        showlegend=bool(len(pts)),
        marker=dict(symbol=symbol, size=size, color=color, line=dict(color="black", width=1.5)),
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


def _paths(
    names: Sequence[str], colors: Sequence[str], path: np.ndarray, steps: np.ndarray | None
) -> list[dict]:
    """Each run's path, pale (one legend entry per run): the whole path thinned to
    :data:`MAX_PATH_POINTS`, or (a growing path) its points at ``steps``."""
    idx = frame_indices(path.shape[1], MAX_PATH_POINTS) if steps is None else steps
    return [
        dict(
            type="scatter",
            x=p[idx, 0].astype(np.float32),
            y=p[idx, 1].astype(np.float32),
            mode="lines",
            name=name,
            legendgroup=name,
            line=dict(color=rgba(c, 0.55), width=2),
            hoverinfo="skip",
        )
        for name, c, p in zip(names, colors, path, strict=True)
    ]


def _comets(
    names: Sequence[str], colors: Sequence[str], path: np.ndarray, fidx: np.ndarray, step: int
) -> dict:
    """Every run's comet with its head at ``step``, in one trace: a tail of growing dots and a ringed head."""
    cx, cy = comet_at(path, fidx, step)
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


def _lookahead_points(vectors: Vectors, step: int, colors: Sequence[str], label: str) -> dict:
    """Where each look-ahead rule took its gradient at ``step`` (open diamonds; NaN for the others)."""
    la = vectors.lookahead[:, step]
    return dict(
        type="scatter",
        x=la[:, 0].astype(np.float32),
        y=la[:, 1].astype(np.float32),
        mode="markers",
        name=label,
        showlegend=bool(np.isfinite(vectors.lookahead).any()),
        marker=dict(symbol="diamond-open", size=12, line=dict(width=2.5), color=list(colors)),
        hovertemplate=f"{label} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    )


def _layout(bg: Background, height: int) -> dict:
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
    )


def last_finite(path: np.ndarray) -> np.ndarray:
    """(R, 2) last finite position of each path (NaN if none)."""
    out = np.full((path.shape[0], 2), np.nan)
    for i, p in enumerate(path):
        ok = np.flatnonzero(np.all(np.isfinite(p), axis=1))
        if ok.size:
            out[i] = p[ok[-1]]
    return out
