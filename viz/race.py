"""Figures of the Optimizer Race: pure functions from NumPy arrays to ``go.Figure``.

The 2-D figure keeps everything static except one "comet" trace per optimizer (current point plus a
short tail): the coloured surface is a PNG in ``layout.images`` and the contour lines one scatter
trace, because Plotly drops contour/heatmap layers when an animation with ``redraw: False`` starts
(plotly.js#4491). Frames are subsampled to at most :data:`MAX_FRAMES`.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import NamedTuple

import contourpy
import numpy as np
import plotly.graph_objects as go
from PIL import Image

from .colors import colormap, colorscale, rgba

MAX_FRAMES = 200  # animation frames (data only: cheap to draw)
MAX_SLIDER_STEPS = 40  # steps of the in-chart frame slider: each is DOM plus a measured label, and
# 200 of them made the slider ~40 % of the chart's drawing time (measured in headless Chromium)
MAX_LINE_POINTS = 2000  # points per curve (loss, distance, gradient norm)
MAX_PATH_POINTS = 1000  # points per static path on the 2-D figure
MAX_3D_POINTS = 300  # points per 3-D path
TAIL = 8  # frame points in a comet's tail
N_LEVELS = 14  # contour lines
MAP_HEIGHT = 520  # pixels of the 2-D race
CURVES_HEIGHT = 300  # pixels of the loss / distance / gradient-norm panels
SURFACE_HEIGHT = 520  # pixels of the 3-D view
OVERLAYS = ("grad", "moment", "step", "lookahead")


class Background(NamedTuple):
    """The static layers of the 2-D figure for one surface and view."""

    bounds: tuple[tuple[float, float], tuple[float, float]]
    image: str  # PNG data URI of the coloured surface (row 0 = top = y max)
    line_x: np.ndarray  # contour lines, NaN-separated
    line_y: np.ndarray
    rgb: np.ndarray  # (ny, nx, 3) uint8, row 0 = y min (for exports)
    lo: float  # colour range in shading units
    hi: float
    log: bool  # shading is log10(f - min + eps)
    offset: float  # f - offset is shaded on the log scale
    eps: float


def shade(z: np.ndarray, log: bool) -> tuple[np.ndarray, float, float, float, float]:
    """Shading values of a surface grid and their colour range.

    Args:
        z: (ny, nx) surface values, NaN where undefined.
        log: shade log10(z - min + eps) (surfaces spanning decades) instead of z.

    Returns:
        (s, lo, hi, offset, eps): s = shading values; colours span [lo, hi] (robust percentiles for
        the linear scale so unbounded surfaces keep contrast); offset/eps define the log transform.
    """
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        return np.full_like(z, np.nan), 0.0, 1.0, 0.0, 1.0
    offset = float(finite.min())
    eps = max(1e-12, 1e-6 * float(finite.max() - offset)) if log else 1.0
    if log:
        s = np.log10(np.maximum(z - offset, 0.0) + eps)
        lo, hi = float(np.nanmin(s)), float(np.nanmax(s))
    else:
        s = z.astype(np.float64)
        lo, hi = (float(v) for v in np.percentile(finite, [1.0, 99.0]))
    if not hi > lo:
        hi = lo + 1.0
    return s, lo, hi, offset, eps


def shade_values(f: np.ndarray, bg: Background) -> np.ndarray:
    """Losses in the background's shading units (for the 3-D paths)."""
    if bg.log:
        return np.log10(np.maximum(f - bg.offset, 0.0) + bg.eps)
    return np.asarray(f, dtype=np.float64)


def contour_lines(x: np.ndarray, y: np.ndarray, s: np.ndarray, levels: Sequence[float]):
    """Iso-lines of ``s`` over the grid as two NaN-separated arrays (one scatter trace draws all)."""
    gen = contourpy.contour_generator(x, y, np.ma.masked_invalid(s), line_type="Separate")
    xs, ys = [], []
    for level in levels:
        for seg in gen.lines(level):
            if len(seg) < 2:
                continue
            xs.append(seg[:, 0])
            ys.append(seg[:, 1])
            xs.append([np.nan])
            ys.append([np.nan])
    if not xs:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys).astype(np.float32)


def png_data_uri(rgb: np.ndarray) -> str:
    """A PNG data URI of an (h, w, 3) uint8 image."""
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def b64(a: np.ndarray) -> dict:
    """Plotly's typed-array form of a 1-D float32 array (what ``to_json`` would make of it, done once
    here: plotly's generic conversion inspects every array and dominates the cost of 300 frames)."""
    a = np.ascontiguousarray(a, dtype=np.float32)
    return {"dtype": "f4", "bdata": base64.b64encode(a.tobytes()).decode()}


def unb64(v) -> np.ndarray:
    """Inverse of :func:`b64` (also accepts plain lists); for tests and exports."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), np.dtype(v["dtype"])).reshape(v.get("shape", -1))
    return np.asarray(v, dtype=np.float64)


def background(x: np.ndarray, y: np.ndarray, z: np.ndarray, log: bool) -> Background:
    """The static layers for a surface sampled on a grid.

    Args:
        x: (nx,) grid x; y: (ny,) grid y; z: (ny, nx) values (NaN where undefined).
        log: colour on a log scale.

    Returns:
        :class:`Background`.
    """
    s, lo, hi, offset, eps = shade(z, log)
    u = (s - lo) / (hi - lo)
    rgb = colormap(u)
    levels = np.linspace(lo, hi, N_LEVELS + 2)[1:-1]
    lx, ly = contour_lines(x, y, s, levels)
    bounds = ((float(x[0]), float(x[-1])), (float(y[0]), float(y[-1])))
    return Background(bounds, png_data_uri(rgb[::-1]), lx, ly, rgb, lo, hi, log, offset, eps)


def frame_indices(n_points: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """Evenly spaced step indices 0 .. n_points-1 (both ends included), at most ``max_frames``."""
    if n_points <= max_frames:
        return np.arange(n_points)
    return np.unique(np.round(np.linspace(0, n_points - 1, max_frames)).astype(int))


def slider_frames(n_frames: int, current: int, max_steps: int = MAX_SLIDER_STEPS) -> np.ndarray:
    """The frames the in-chart slider can jump to: evenly spaced, first, last and ``current`` included.

    Args:
        n_frames: number of animation frames.
        current: the frame shown before Play (so the slider's handle starts on it).
        max_steps: at most this many evenly spaced frames (plus ``current``).

    Returns:
        Sorted unique frame indices.
    """
    even = frame_indices(n_frames, max_steps)
    return np.unique(np.r_[even, np.clip(current, 0, n_frames - 1)]).astype(int)


def nearest_frame(fidx: np.ndarray, step: int) -> int:
    """Index of the frame whose step is nearest ``step``."""
    return int(np.argmin(np.abs(fidx - step)))


def last_finite(path: np.ndarray) -> np.ndarray:
    """(R, 2) last finite position of each path (NaN if none)."""
    out = np.full((path.shape[0], 2), np.nan)
    for i, p in enumerate(path):
        ok = np.flatnonzero(np.all(np.isfinite(p), axis=1))
        if ok.size:
            out[i] = p[ok[-1]]
    return out


def comet_points(path: np.ndarray, fidx: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
    """All runs' comets at frame ``j``: run i's last TAIL+1 frame points, concatenated run by run.

    Returns:
        (x, y), each (R * (TAIL + 1),) float32; early frames repeat the start to keep the length.
    """
    pick = fidx[np.clip(np.arange(j - TAIL, j + 1), 0, None)]
    pts = path[:, pick]  # (R, TAIL+1, 2)
    return pts[..., 0].reshape(-1).astype(np.float32), pts[..., 1].reshape(-1).astype(np.float32)


class Overlay(NamedTuple):
    """Vectors of one optimizer at the chosen step, for arrows on the 2-D figure."""

    at: tuple[float, float]  # position
    grad: tuple[float, float]  # gradient used by the step
    moment: tuple[float, float]  # velocity / first moment
    step: tuple[float, float]  # displacement taken
    lookahead: tuple[float, float] | None  # where the gradient was taken, if not ``at``


def overlays_at(path: np.ndarray, aux, step: int) -> list[Overlay | None]:
    """The :class:`Overlay` of every run at ``step`` (None where the run has no step there).

    Args:
        path: (R, T+1, 2).
        aux: :class:`optimizers.Aux` of (R, T+1, 2) arrays (row k = step from k to k+1).
        step: a step index 0..T.
    """
    out: list[Overlay | None] = []
    for i in range(path.shape[0]):
        w = path[i, step]
        g, m, d, la = (
            np.asarray(a[i, step], np.float64) for a in (aux.grad, aux.moment1, aux.step, aux.lookahead)
        )
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(d))):
            out.append(None)
            continue
        ahead = None if np.allclose(la, w, rtol=0, atol=1e-12 * (1 + np.abs(w).max())) else tuple(la)
        out.append(Overlay(tuple(w), tuple(g), tuple(m), tuple(d), ahead))
    return out


def _arrow(x0, y0, vx, vy, length, color, width, head, opacity=1.0):
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


def overlay_annotations(
    overs: Sequence[Overlay | None], colors: Sequence[str], show: Sequence[str], span: float
):
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
    axis_titles: tuple[str, str] = ("x", "y"),
    slider_x: float = 0.26,
) -> go.Figure:
    """The 2-D race: surface image, contour lines, static paths, animated comets, overlays.

    Args:
        bg: static layers from :func:`background`.
        names: legend name per run; colors: colour per run.
        path: (R, T+1, 2) trajectories (NaN after divergence).
        diverged_at: (R,) first bad step or -1.
        start: the start point (drawn as a ring).
        minima: known minimisers (stars).
        frame: frame shown before Play (default: the last).
        overlays, show: arrows of :func:`overlay_annotations` and which kinds to draw;
            "lookahead" draws each look-ahead point.
        speed_ms: milliseconds per animation frame.
        labels: translated texts: "play", "pause", "step", "start", "minimum", "diverged",
            "lookahead".
        animate: add frames and the Play/Pause/slider controls.
        height: pixels.
        axis_titles: titles of the x and y axes.
        slider_x: where the frame slider starts (fraction of the plot width), clear of Play and
            Pause: 0.26 suits a ~600 px plot; a narrower one needs more.

    Returns:
        The figure. Trace order: contour lines, minima, start, one static path per
        run, one comet per run, divergence marks, look-ahead points.
    """
    lab = {
        "play": "Play",
        "pause": "Pause",
        "step": "step",
        "start": "start",
        "minimum": "minimum",
        "diverged": "diverged",
        "lookahead": "look-ahead",
        **(labels or {}),
    }
    (x0, x1), (y0, y1) = bg.bounds
    xt, yt = axis_titles
    n_pts = path.shape[1]
    fidx = frame_indices(n_pts)
    j0 = len(fidx) - 1 if frame is None else int(np.clip(frame, 0, len(fidx) - 1))
    data: list[dict] = [
        dict(
            type="scatter",
            x=bg.line_x,
            y=bg.line_y,
            mode="lines",
            line=dict(color="rgba(40,40,40,0.35)", width=1),
            hoverinfo="skip",
            showlegend=False,
            name="contours",
        )
    ]
    mins = np.array(minima, dtype=np.float64).reshape(-1, 2)
    data.append(
        dict(
            type="scatter",
            x=mins[:, 0],
            y=mins[:, 1],
            mode="markers",
            name=lab["minimum"],
            showlegend=bool(len(mins)),
            marker=dict(symbol="star", size=15, color="white", line=dict(color="black", width=1.5)),
            hovertemplate=f"{lab['minimum']} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
        )
    )
    data.append(
        dict(
            type="scatter",
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            name=lab["start"],
            marker=dict(symbol="circle-open", size=14, color="black", line=dict(width=2.5)),
            hovertemplate=f"{lab['start']} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
        )
    )
    lidx = frame_indices(n_pts, MAX_PATH_POINTS)
    for name, c, p in zip(names, colors, path, strict=True):
        data.append(
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
        )
    comet = len(data)
    cx, cy = comet_points(path, fidx, j0)
    sizes = np.tile(np.r_[np.linspace(3.0, 7.0, TAIL), 13.0], len(names)).astype(np.float32)
    data.append(
        dict(
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
    )
    ends = last_finite(path)
    div = [i for i, d in enumerate(diverged_at) if d >= 0 and np.all(np.isfinite(ends[i]))]
    data.append(
        dict(
            type="scatter",
            x=[ends[i, 0] for i in div],
            y=[ends[i, 1] for i in div],
            mode="markers",
            name=lab["diverged"],
            showlegend=bool(div),
            marker=dict(symbol="x-thin", size=18, line=dict(width=4), color=[colors[i] for i in div]),
            hovertemplate=f"{lab['diverged']}<extra></extra>",
        )
    )
    if "lookahead" in show:
        la = [(o.lookahead, colors[i]) for i, o in enumerate(overlays) if o is not None and o.lookahead]
        data.append(
            dict(
                type="scatter",
                x=[p[0] for p, _ in la],
                y=[p[1] for p, _ in la],
                mode="markers",
                name=lab["lookahead"],
                showlegend=bool(la),
                marker=dict(symbol="diamond-open", size=12, line=dict(width=2.5), color=[c for _, c in la]),
                hovertemplate=f"{lab['lookahead']} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
            )
        )
    layout = dict(
        height=height,
        margin=dict(l=50, r=10, t=10, b=40),
        hovermode="closest",
        dragmode="zoom",
        xaxis=dict(range=[x0, x1], title=dict(text=xt), showgrid=False, zeroline=False, constrain="domain"),
        yaxis=dict(range=[y0, y1], title=dict(text=yt), showgrid=False, zeroline=False),
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
        annotations=overlay_annotations(overlays, colors, show, max(x1 - x0, y1 - y0)) if overlays else [],
    )
    # Built from arrays in shapes known to be valid: skip plotly's per-property validation (it
    # costs more than the rest of the rerun); tests validate a figure of each kind once.
    if not (animate and len(fidx) > 1):
        return go.Figure(data=data, layout=layout, _validate=False)
    anim = dict(
        frame=dict(duration=int(speed_ms), redraw=False),
        transition=dict(duration=0),
        fromcurrent=True,
        mode="immediate",
    )
    jump = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    layout["updatemenus"] = [
        dict(
            type="buttons",
            direction="left",
            x=0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
            pad=dict(t=0, r=4),
            showactive=False,
            buttons=[
                dict(label="▶ " + lab["play"], method="animate", args=[None, anim]),
                dict(
                    label="⏸ " + lab["pause"],
                    method="animate",
                    args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")],
                ),
            ],
        )
    ]
    layout["margin"] = dict(l=50, r=10, t=40, b=40)
    sliders = [
        dict(
            active=int(np.searchsorted(slider_frames(len(fidx), j0), j0)),
            x=slider_x,  # clear of the Play and Pause buttons (about 0.24 of a 600 px plot)
            len=1.0 - slider_x,
            y=1.0,
            yanchor="bottom",
            pad=dict(t=0, b=2),
            # its own colour: unset, it would take the (transparent) tick-label font below
            currentvalue=dict(prefix=lab["step"] + " ", font=dict(size=12, color="#808495")),
            ticklen=0,
            minorticklen=0,
            font=dict(size=1, color="rgba(0,0,0,0)"),
            steps=[
                dict(method="animate", label=str(int(fidx[j])), args=[[str(j)], jump])
                for j in slider_frames(len(fidx), j0)
            ],
        )
    ]
    frames = []
    for j in range(len(fidx)):
        fx, fy = comet_points(path, fidx, j)
        frames.append(dict(data=[dict(type="scatter", x=b64(fx), y=b64(fy))], traces=[comet], name=str(j)))
    return AnimatedFigure(data, layout, frames, sliders)


class AnimatedFigure(go.Figure):
    """A ``go.Figure`` whose frames and frame slider are kept as ready-made JSON-able dicts.

    Plotly would validate ~300 frames and slider steps and then inspect every value of them again
    in ``to_dict`` (its base64 conversion); together that cost several times the rest of a rerun.
    They are built here from arrays in a fixed, valid shape (arrays already in plotly's base64
    form), so ``to_dict`` (used by ``st.plotly_chart``, ``to_json`` and ``to_html``) appends them
    as they are. Static traces and layout are ordinary (unvalidated) figure content.
    """

    def __init__(self, data: list, layout: dict, frames: list[dict], sliders: list[dict]):
        super().__init__(data=data, layout=layout, _validate=False)
        self._ga_frames = frames
        self._ga_sliders = sliders

    def to_dict(self) -> dict:
        """The figure as a dict, frames and slider included."""
        res = super().to_dict()
        res["frames"] = self._ga_frames
        res["layout"]["sliders"] = self._ga_sliders
        return res


def frames_of(fig: go.Figure) -> list[dict]:
    """The animation frames of a figure (as dicts)."""
    return fig.to_dict().get("frames", [])


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


def distance_to_minima(path: np.ndarray, minima: Sequence[tuple[float, float]]) -> np.ndarray | None:
    """(R, T+1) distance from each point to the nearest known minimiser; None if none is known."""
    if not minima:
        return None
    m = np.asarray(minima, dtype=np.float64)  # (M, 2)
    d = np.linalg.norm(path[:, :, None, :].astype(np.float64) - m[None, None], axis=-1)
    return d.min(axis=-1)


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


OVERFLOW_LOSS = 1e30  # a loss this large: its gradient and step overflow float32 (max ~3.4e38)


def divergence_reason(loss_row: np.ndarray, diverged_at: int, unbounded: bool) -> str:
    """Why a run diverged, as a key: "" (it did not), "start", "overflow", "curvature" or "unbounded".

    Args:
        loss_row: (T+1,) the run's losses (NaN from the divergence on).
        diverged_at: first bad step (-1 if none).
        unbounded: the surface has no known minimum value (it may go to -infinity).

    Returns:
        "unbounded" when the run was still going downhill when it left (it escaped down an
        unbounded surface), "start" when the loss is not finite at the start point itself (it
        overflows there), "overflow" when the loss before it was astronomically large (over
        OVERFLOW_LOSS: float32 overflows), else "curvature" (the loss grew: the step was too large for the
        curvature there), "" if it did not diverge.
    """
    if diverged_at < 0:
        return ""
    if diverged_at == 0:
        return "start"  # the loss (or the start itself) is not finite before any step
    finite = loss_row[: max(diverged_at, 1)]
    finite = finite[np.isfinite(finite)]
    if finite.size >= 2 and unbounded and finite[-1] < finite[0]:
        return "unbounded"
    if finite.size and np.abs(finite).max() > OVERFLOW_LOSS:
        return "overflow"  # astronomically large values: float32 arithmetic overflows (~3.4e38)
    return "curvature"
