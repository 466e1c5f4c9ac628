"""Larger chart text for the projector: every font size of a figure's layout scaled by one factor.

Pure (a layout dict in, a new one out) so that any figure builder's output can be enlarged without the
builder knowing: the presenter view (``ui.widgets.chart``, ``ui.live_chart``) calls it.
"""

from __future__ import annotations

import re
from typing import Any

BASE_SIZE = 13  # the size the live chart and Streamlit's Plotly theme give text that sets none
AXIS = re.compile(r"[xy]axis\d*")  # a 2-D figure's axes (xaxis, yaxis2, ...)
PRESENTER_SCALE = 1.6  # chart text in the presenter view: 13 px -> 21 px, 12 px slider labels -> 19 px


def scale_fonts(layout: dict[str, Any], scale: float, base: float = BASE_SIZE) -> dict[str, Any]:
    """A copy of ``layout`` whose text is ``scale`` times larger.

    Args:
        layout: a Plotly layout as a dict (``fig.to_dict()["layout"]``).
        scale: the factor (1 leaves the sizes as they are).
        base: the size of text that sets none (the figure-wide ``font.size`` when absent).

    Returns:
        The new layout: ``font.size`` set to ``base * scale`` unless the layout sets it (then scaled),
        every other ``size`` inside a ``font`` / ``*font`` dict (axis ticks and titles, legend,
        annotations, buttons, slider labels) multiplied by ``scale``, and the axes' tick and title text
        and the legend's that set no size given the figure-wide one.
    """

    def walk(v: Any, in_font: bool) -> Any:
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if in_font and k == "size" and isinstance(x, (int, float)) and not isinstance(x, bool):
                    out[k] = round(x * scale, 1)
                else:
                    out[k] = walk(x, k.endswith("font"))
            return out
        if isinstance(v, list):
            return [walk(x, in_font) for x in v]
        return v

    out = walk(layout, False)
    font = dict(out.get("font") or {})
    font.setdefault("size", round(base * scale, 1))
    out["font"] = font
    size = font["size"]
    # Streamlit's Plotly theme sets the axes' and the legend's text sizes in the browser, where they win
    # over the figure-wide font: say them here (a size the figure sets itself was scaled above).
    for key in [k for k in out if AXIS.fullmatch(k)] or ["xaxis", "yaxis"]:
        axis = dict(out.get(key) or {})
        axis["tickfont"] = {"size": size, **(axis.get("tickfont") or {})}
        title = axis.get("title")
        if isinstance(title, dict):  # a bare string stays as it is: plotly.js >= 3 draws no such title,
            # and turning it into one here would draw text the normal view does not show
            axis["title"] = {**title, "font": {"size": size, **(title.get("font") or {})}}
        out[key] = axis
    legend = dict(out.get("legend") or {})
    legend["font"] = {"size": size, **(legend.get("font") or {})}
    out["legend"] = legend
    return out
