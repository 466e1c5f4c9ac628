"""Exports of a race: CSV of trajectories, standalone HTML, animated GIF / MP4 drawn with Pillow.

All functions are pure (arrays in, bytes or text out), so they are tested without Streamlit.
"""

from __future__ import annotations

import csv
import functools
import io
import os
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont

from .colors import hex_to_rgb
from .race.animation import frame_indices
from .race.layers import Background

GIF_FRAMES = 60
SIZE = (720, 600)  # a slide's animation: the map, its axes, title, step counter and legend
FONT_SIZE = 14
# Fonts tried in order: one with Hangul (Korean labels) and Greek (η, μ, ε), then one with Greek only.
# A user's browser brings its own fonts; a server-made image needs one installed (fonts-noto-cjk).
FONT_FILES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK KR"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", None),
)


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


def _to_px(bounds, size, offset=(0, 0)):
    """Data coordinates -> pixels of a ``size`` box whose top left is at ``offset``."""
    (x0, x1), (y0, y1) = bounds
    w, h = size
    ox, oy = offset

    def f(x, y):
        return ox + (x - x0) / (x1 - x0) * (w - 1), oy + (y1 - y) / (y1 - y0) * (h - 1)

    return f


@functools.cache
def _font_source() -> tuple[str, int] | None:
    """The first of :data:`FONT_FILES` found, as (path, face index); None if none is installed."""
    for path, face in FONT_FILES:
        if not os.path.exists(path):
            continue
        for index in range(8 if path.endswith(".ttc") else 1):
            try:
                f = ImageFont.truetype(path, FONT_SIZE, index=index)
            except OSError:
                break
            if face is None or f.getname()[0] == face:
                return path, index
    return None


def font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The labels' font at ``size``: the first of :data:`FONT_FILES` found (the Korean face of a
    collection), else Pillow's own scalable default (Latin only). A new object per call: FreeType
    faces are not shared between the threads of concurrent sessions."""
    src = _font_source()
    return ImageFont.truetype(src[0], size, index=src[1]) if src else ImageFont.load_default(size)


class SlideLayout(NamedTuple):
    """Where a slide's parts go (pixels; the origin is the image's top left)."""

    size: tuple[int, int]  # (width, height) of the image
    plot: tuple[int, int, int, int]  # (left, top, right, bottom) of the map
    legend: tuple[tuple[int, int, int], ...]  # per run: (x, y, width) of its legend entry
    title_size: int  # the title's font size (shrunk until the title fits on its line)


LEGEND_LINE = 22  # pixels per legend row
SWATCH = 22  # pixels of a legend entry's coloured line, before its text


def slide_layout(size: tuple[int, int], names: Sequence[str], title: str, counter: str) -> SlideLayout:
    """Lay out a slide: title and step counter on top, the map with its axes, the legend under it.

    Legend entries wrap onto as many rows as they need and the title shrinks to fit beside the
    counter: no label is ever cut.

    Args:
        size: (width, height) of the image.
        names: legend text per run.
        title: the slide's title.
        counter: the widest step counter text (e.g. "step 1000 / 1000").
    """
    w, h = size
    f = font()
    pad, gap = 12, 18
    legend: list[tuple[int, int, int]] = []
    x, row = pad, 0
    for name in names:
        width = SWATCH + 6 + int(np.ceil(f.getlength(name)))
        if x > pad and x + width > w - pad:
            x, row = pad, row + 1
        legend.append((x, row, width))
        x += width + gap
    rows = row + 1 if names else 0
    left, top, right = 64, 40, w - 24
    bottom = h - 56 - rows * LEGEND_LINE  # under the map: tick labels, the axis title, the legend
    ly = bottom + 50
    legend_xy = tuple((lx, ly + r * LEGEND_LINE, lw) for lx, r, lw in legend)
    room = w - 2 * pad - 16 - f.getlength(counter)
    size_t = 18
    while size_t > 8 and font(size_t).getlength(title) > room:
        size_t -= 1
    return SlideLayout(size, (left, top, right, bottom), legend_xy, size_t)


def nice_ticks(lo: float, hi: float, n: int = 5) -> np.ndarray:
    """Round tick values inside [lo, hi]: a 1, 2 or 5 x 10^k step giving about ``n`` ticks."""
    raw = (hi - lo) / max(n, 1)
    if not raw > 0:
        return np.array([lo])
    k = np.floor(np.log10(raw))
    step = min((m * 10.0**k for m in (1, 2, 5, 10) if m * 10.0**k >= raw), default=10.0 ** (k + 1))
    ticks = np.arange(np.ceil(lo / step) * step, hi + step * 1e-9, step)
    return np.round(ticks, 12)


def render_frames(
    bg: Background,
    colors: Sequence[str],
    path: np.ndarray,
    *,
    names: Sequence[str] = (),
    title: str = "",
    step_label: str = "step",
    n_frames: int = GIF_FRAMES,
    size: tuple[int, int] = SIZE,
    start: tuple[float, float] | None = None,
) -> list[np.ndarray]:
    """Draw the race as slides: a title, a step counter, the map with its axes, each path so far and
    its head, and a legend.

    Args:
        bg: static layers (its ``rgb`` image and contour lines).
        colors: hex colour per run.
        path: (R, T+1, 2).
        names: legend text per run (none: no legend).
        title: the slide's title (e.g. the surface).
        step_label: the word before the step counter ("step").
        n_frames: number of images (evenly spaced steps, first and last included).
        size: (width, height) in pixels.
        start: drawn as a ring if given.

    Returns:
        List of (height, width, 3) uint8 arrays.
    """
    n_steps = path.shape[1] - 1
    counter = lambda k: f"{step_label} {k:,} / {n_steps:,}"  # noqa: E731
    lay = slide_layout(size, names, title, counter(n_steps))
    left, top, right, bottom = lay.plot
    f, ft = font(), font(lay.title_size)
    base = Image.new("RGB", size, (255, 255, 255))
    surface = Image.fromarray(bg.rgb[::-1]).resize((right - left, bottom - top), Image.BILINEAR)
    base.paste(surface, (left, top))
    draw = ImageDraw.Draw(base)
    px = _to_px(bg.bounds, (right - left, bottom - top), (left, top))
    xs, ys = bg.line_x, bg.line_y
    breaks = np.flatnonzero(~np.isfinite(xs))
    lo = 0
    for hi in list(breaks) + [len(xs)]:
        if hi - lo >= 2:
            pts = [px(float(a), float(b)) for a, b in zip(xs[lo:hi], ys[lo:hi], strict=True)]
            draw.line(pts, fill=(60, 60, 60), width=1)
        lo = hi + 1
    _axes(draw, bg.bounds, lay.plot, px, f)
    draw.text((12, 8), title, fill=(30, 30, 30), font=ft)
    for (lx, ly, _), name, c in zip(lay.legend, names, colors, strict=False):
        draw.line([(lx, ly + 10), (lx + SWATCH, ly + 10)], fill=hex_to_rgb(c), width=4)
        draw.text((lx + SWATCH + 6, ly), name, fill=(30, 30, 30), font=f)
    if start is not None:
        sx, sy = px(*start)
        draw.ellipse([sx - 7, sy - 7, sx + 7, sy + 7], outline=(0, 0, 0), width=2)
    fidx = frame_indices(path.shape[1], n_frames)
    out = []
    for k in fidx:
        img = base.copy()
        d = ImageDraw.Draw(img)
        d.rectangle([left, top, right, bottom], outline=(80, 80, 80))
        text = counter(int(k))
        d.text((size[0] - 12 - f.getlength(text), 10), text, fill=(30, 30, 30), font=f)
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


def _axes(draw: ImageDraw.ImageDraw, bounds, plot, px, f) -> None:
    """Tick marks, tick labels and axis titles around the map."""
    (x0, x1), (y0, y1) = bounds
    left, top, right, bottom = plot
    for v in nice_ticks(x0, x1):
        x, _ = px(float(v), y0)
        draw.line([(x, bottom), (x, bottom + 5)], fill=(60, 60, 60))
        label = f"{v:g}"
        draw.text((x - f.getlength(label) / 2, bottom + 7), label, fill=(60, 60, 60), font=f)
    for v in nice_ticks(y0, y1):
        _, y = px(x0, float(v))
        draw.line([(left - 5, y), (left, y)], fill=(60, 60, 60))
        label = f"{v:g}"
        draw.text((left - 8 - f.getlength(label), y - 9), label, fill=(60, 60, 60), font=f)
    draw.text(((left + right) / 2 - 4, bottom + 26), "x", fill=(30, 30, 30), font=f)
    draw.text((12, (top + bottom) / 2 - 9), "y", fill=(30, 30, 30), font=f)


def gif_bytes(frames: Sequence[np.ndarray], fps: float = 15.0) -> bytes:
    """An endlessly looping animated GIF of ``frames``."""
    import imageio.v3 as iio

    buf = io.BytesIO()
    iio.imwrite(buf, np.stack(frames), extension=".gif", duration=int(1000 / fps), loop=0)
    return buf.getvalue()


def mp4_bytes(frames: Sequence[np.ndarray], fps: float = 15.0) -> bytes:
    """An H.264 MP4 of ``frames`` (ffmpeg from the imageio-ffmpeg wheel)."""
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
