"""How the race's 2-D map animates: which steps become frames, the comets that move, the Play/Pause
buttons and frame slider, and a figure that carries its frames as ready-made JSON.

Frames carry only what moves: one "comet" trace (each run's current point and a short tail), its
arrays already in plotly's base64 form. Frames are subsampled to at most :data:`MAX_FRAMES`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "MAX_FRAMES", "MAX_SLIDER_STEPS", "TAIL", "AnimatedFigure", "b64", "comet_frames", "comet_points",
    "frame_indices", "frame_slider", "frames_of", "nearest_frame", "play_buttons", "slider_frames", "unb64",
]

MAX_FRAMES = 200  # animation frames (data only: cheap to draw)
MAX_SLIDER_STEPS = 40  # steps of the in-chart frame slider: each is DOM plus a measured label, and
# 200 of them made the slider ~40 % of the chart's drawing time (measured in headless Chromium)
TAIL = 8  # frame points in a comet's tail


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


def comet_points(path: np.ndarray, fidx: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
    """All runs' comets at frame ``j``: run i's last TAIL+1 frame points, concatenated run by run.

    Returns:
        (x, y), each (R * (TAIL + 1),) float32; early frames repeat the start to keep the length.
    """
    pick = fidx[np.clip(np.arange(j - TAIL, j + 1), 0, None)]
    pts = path[:, pick]  # (R, TAIL+1, 2)
    return pts[..., 0].reshape(-1).astype(np.float32), pts[..., 1].reshape(-1).astype(np.float32)


def play_buttons(labels: Mapping[str, str], speed_ms: int) -> dict:
    """The Play / Pause buttons (an ``updatemenus`` entry); ``labels`` holds "play" and "pause"."""
    anim = dict(
        frame=dict(duration=int(speed_ms), redraw=False),
        transition=dict(duration=0),
        fromcurrent=True,
        mode="immediate",
    )
    return dict(
        type="buttons",
        direction="left",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="bottom",
        pad=dict(t=0, r=4),
        showactive=False,
        buttons=[
            dict(label="▶ " + labels["play"], method="animate", args=[None, anim]),
            dict(
                label="⏸ " + labels["pause"],
                method="animate",
                args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")],
            ),
        ],
    )


def frame_slider(fidx: np.ndarray, current: int, step_label: str) -> dict:
    """The in-chart slider over :func:`slider_frames` (a ``layout.sliders`` entry), on ``current``.

    Args:
        fidx: the step of each frame (:func:`frame_indices`).
        current: the frame shown before Play.
        step_label: the translated word before the step number.
    """
    jump = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    targets = slider_frames(len(fidx), current)
    return dict(
        active=int(np.searchsorted(targets, current)),
        x=0.26,  # clear of the Play and Pause buttons (about 0.24 of a 600 px plot)
        len=0.74,
        y=1.0,
        yanchor="bottom",
        pad=dict(t=0, b=2),
        # its own colour: unset, it would take the (transparent) tick-label font below
        currentvalue=dict(prefix=step_label + " ", font=dict(size=12, color="#808495")),
        ticklen=0,
        minorticklen=0,
        font=dict(size=1, color="rgba(0,0,0,0)"),
        steps=[dict(method="animate", label=str(int(fidx[j])), args=[[str(j)], jump]) for j in targets],
    )


def comet_frames(path: np.ndarray, fidx: np.ndarray, trace: int) -> list[dict]:
    """One frame per entry of ``fidx``: the comets (:func:`comet_points`) of trace number ``trace``."""
    frames = []
    for j in range(len(fidx)):
        fx, fy = comet_points(path, fidx, j)
        frames.append(dict(data=[dict(type="scatter", x=b64(fx), y=b64(fy))], traces=[trace], name=str(j)))
    return frames


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
