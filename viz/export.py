"""Exports of a race: CSV of trajectories, standalone HTML, animated GIF / MP4 drawn with Pillow.

All functions are pure (arrays in, bytes or text out), so they are tested without Streamlit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from .colors import hex_to_rgb
from .race.animation import frame_indices
from .race.layers import Background

GIF_FRAMES = 60
SIZE = (640, 520)


def trajectories_csv(
    names: Sequence[str], path: np.ndarray, loss: np.ndarray, grad_norm: np.ndarray | None = None
) -> str:
    """Every recorded point of every run as CSV.

    Args:
        names: label per run.
        path: (R, T+1, 2); loss: (R, T+1); grad_norm: (R, T+1) or None.

    Returns:
        CSV text with a header ``run,optimizer,step,x,y,loss[,grad_norm]``; rows stop where a run
        diverged (its later entries are NaN).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["run", "optimizer", "step", "x", "y", "loss"] + (["grad_norm"] if grad_norm is not None else [])
    )
    for i, name in enumerate(names):
        ok = np.all(np.isfinite(path[i]), axis=1) & np.isfinite(loss[i])
        for k in np.flatnonzero(ok):
            row = [
                i,
                name,
                int(k),
                repr(float(path[i, k, 0])),
                repr(float(path[i, k, 1])),
                repr(float(loss[i, k])),
            ]
            if grad_norm is not None:
                row.append(repr(float(grad_norm[i, k])))
            w.writerow(row)
    return buf.getvalue()


def animation_html(fig: go.Figure, title: str = "Gradient Atlas race") -> str:
    """A standalone HTML page of the figure with plotly.js inlined (works offline)."""
    html = fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False, config={"displaylogo": False})
    return html.replace("<head>", f"<head><title>{title}</title>", 1)


def _to_px(bounds, size):
    (x0, x1), (y0, y1) = bounds
    w, h = size

    def f(x, y):
        return (x - x0) / (x1 - x0) * (w - 1), (y1 - y) / (y1 - y0) * (h - 1)

    return f


def render_frames(
    bg: Background,
    colors: Sequence[str],
    path: np.ndarray,
    *,
    n_frames: int = GIF_FRAMES,
    size: tuple[int, int] = SIZE,
    start: tuple[float, float] | None = None,
) -> list[np.ndarray]:
    """Draw the race as images: surface colours, contour lines, each path so far and its head.

    Args:
        bg: static layers (its ``rgb`` image and contour lines).
        colors: hex colour per run.
        path: (R, T+1, 2).
        n_frames: number of images (evenly spaced steps, first and last included).
        size: (width, height) in pixels.
        start: drawn as a ring if given.

    Returns:
        List of (height, width, 3) uint8 arrays.
    """
    base = Image.fromarray(bg.rgb[::-1]).resize(size, Image.BILINEAR)
    draw = ImageDraw.Draw(base)
    px = _to_px(bg.bounds, size)
    xs, ys = bg.line_x, bg.line_y
    breaks = np.flatnonzero(~np.isfinite(xs))
    lo = 0
    for hi in list(breaks) + [len(xs)]:
        if hi - lo >= 2:
            pts = [px(float(a), float(b)) for a, b in zip(xs[lo:hi], ys[lo:hi], strict=True)]
            draw.line(pts, fill=(60, 60, 60), width=1)
        lo = hi + 1
    if start is not None:
        sx, sy = px(*start)
        draw.ellipse([sx - 7, sy - 7, sx + 7, sy + 7], outline=(0, 0, 0), width=2)
    fidx = frame_indices(path.shape[1], n_frames)
    out = []
    for k in fidx:
        img = base.copy()
        d = ImageDraw.Draw(img)
        for i, c in enumerate(colors):
            seg = path[i, : k + 1]
            seg = seg[np.all(np.isfinite(seg), axis=1)]
            if len(seg) == 0:
                continue
            stride = max(1, len(seg) // 400)
            pts = [px(float(a), float(b)) for a, b in seg[::stride]] + [
                px(float(seg[-1, 0]), float(seg[-1, 1]))
            ]
            rgb = hex_to_rgb(c)
            if len(pts) >= 2:
                d.line(pts, fill=rgb, width=3)
            hx, hy = pts[-1]
            d.ellipse([hx - 6, hy - 6, hx + 6, hy + 6], fill=rgb, outline=(255, 255, 255), width=2)
        out.append(np.asarray(img))
    return out


def gif_bytes(frames: Sequence[np.ndarray], fps: float = 15.0) -> bytes:
    """An endlessly looping animated GIF of ``frames``."""
    import imageio.v3 as iio

    buf = io.BytesIO()
    iio.imwrite(buf, np.stack(frames), extension=".gif", duration=int(1000 / fps), loop=0)
    return buf.getvalue()


def mp4_bytes(frames: Sequence[np.ndarray], fps: float = 15.0) -> bytes:
    """An H.264 MP4 of ``frames`` (ffmpeg from the imageio-ffmpeg wheel)."""
    import os
    import tempfile

    import imageio.v2 as iio2

    h, w = frames[0].shape[:2]
    even = [f[: h - h % 2, : w - w % 2] for f in frames]  # H.264 needs even sizes
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.join(tmp, "race.mp4")
        with iio2.get_writer(
            name, fps=fps, codec="libx264", quality=7, macro_block_size=1, ffmpeg_log_level="error"
        ) as writer:
            for f in even:
                writer.append_data(f)
        with open(name, "rb") as fh:
            return fh.read()
