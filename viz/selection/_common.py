"""What the model-selection figures share: the template, the colours of each error term and of each
method, and how a figure's English texts are overridden by a page's translations."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.colors import qualitative

TEMPLATE = "plotly_white"
# One colour per term of the decomposition and per method, the same on every figure of the page.
COLORS = {
    "bias2": "#1F77B4",
    "variance": "#FF7F0E",
    "noise": "#7F7F7F",
    "total": "#111111",
    "measured": "#D62728",
    "train": "#2CA02C",
    "truth": "#111111",
    "single": "#9467BD",
    "bagged": "#17BECF",
    "kfold": "#1F77B4",
    "holdout": "#FF7F0E",
    "loo": "#2CA02C",
    "shuffled": "#D62728",
    "rolling": "#1F77B4",
    "later": "#111111",
    "grid": "#8C564B",
    "random": "#2CA02C",
    "tpe": "#9467BD",
}
FOLD_COLORS = qualitative.Plotly + qualitative.D3  # 20 distinguishable fold colours
MARGIN = {"t": 60, "b": 45, "l": 60, "r": 15}


def texts(defaults: Mapping[str, str], text: Mapping[str, str] | None) -> dict[str, str]:
    """The figure's English ``defaults`` with the page's translations ``text`` laid over them."""
    unknown = set(text or {}) - set(defaults)
    if unknown:
        raise KeyError(f"unknown figure text(s) {sorted(unknown)}; this figure has {sorted(defaults)}")
    return {**defaults, **(text or {})}


def finish(fig: go.Figure, title: str, height: int = 400, **layout) -> go.Figure:
    """The page's common layout: template, title, margins, legend on top."""
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        height=height,
        margin=MARGIN,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        **layout,
    )
    return fig


def fold_color(j: int) -> str:
    """The colour of fold ``j``."""
    return FOLD_COLORS[j % len(FOLD_COLORS)]
