"""The static layers of the race's 2-D map for one surface and view: the coloured surface as a PNG
and the contour lines as one NaN-separated line.

Plotly drops ``go.Contour`` / ``go.Heatmap`` layers when an animation with ``redraw: False`` starts
(plotly.js#4491), so the map shows the surface as an image in ``layout.images`` and its contour
lines as a scatter trace; both survive the animation. The 3-D view and the GIF/MP4 export reuse
the same colours (:func:`shade_values`, ``Background.rgb``).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import NamedTuple

import contourpy
import numpy as np
from PIL import Image

from ..colors import colormap

__all__ = ["N_LEVELS", "Background", "background", "contour_lines", "png_data_uri", "shade", "shade_values"]

N_LEVELS = 14  # contour lines


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
