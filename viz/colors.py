"""Colours: one per optimizer slot (the same on every figure and export) and the surface's colour map."""

from __future__ import annotations

import numpy as np

# Saturated and distinct from each other and from the pale surface colours below (D3 palette).
PALETTE: tuple[str, ...] = (
    "#D62728",
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#9467BD",
    "#E377C2",
    "#17BECF",
    "#8C564B",
    "#BCBD22",
    "#111111",
)
# Viridis, lightened towards white so trajectories stand out on it.
SURFACE_STOPS: tuple[str, ...] = (
    "#440154",
    "#482878",
    "#3e4989",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6ece58",
    "#b5de2b",
    "#fde725",
)
LIGHTEN = 0.45  # fraction of white mixed into the surface colours


def optimizer_color(i: int) -> str:
    """The colour of optimizer slot ``i`` (0-based); cycles after 10."""
    return PALETTE[i % len(PALETTE)]


def hex_to_rgb(h: str) -> tuple[int, int, int]:
    """``"#RRGGBB"`` -> (r, g, b) in 0..255."""
    h = h.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def rgba(h: str, alpha: float) -> str:
    """A CSS ``rgba(...)`` string of hex colour ``h`` with opacity ``alpha``."""
    r, g, b = hex_to_rgb(h)
    return f"rgba({r},{g},{b},{alpha:g})"


def _stops() -> np.ndarray:
    rgb = np.array([hex_to_rgb(s) for s in SURFACE_STOPS], dtype=np.float64)
    return rgb * (1 - LIGHTEN) + 255.0 * LIGHTEN


def colorscale() -> list[list]:
    """The surface colours as a Plotly colourscale (for colour bars and the 3-D surface)."""
    st = _stops()
    n = len(st)
    return [[i / (n - 1), "rgb({:.0f},{:.0f},{:.0f})".format(*st[i])] for i in range(n)]


def colormap(u: np.ndarray) -> np.ndarray:
    """Map values in [0, 1] (NaN allowed) to RGB.

    Args:
        u: array of any shape; NaN (undefined surface) maps to white.

    Returns:
        uint8 array of shape ``u.shape + (3,)``.
    """
    st = _stops()
    pos = np.linspace(0.0, 1.0, len(st))
    v = np.clip(np.nan_to_num(u, nan=0.0), 0.0, 1.0)
    out = np.stack([np.interp(v, pos, st[:, c]) for c in range(3)], axis=-1)
    out[np.isnan(u)] = 255.0
    return np.round(out).astype(np.uint8)
