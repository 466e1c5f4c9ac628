"""The race's curves: loss (above the known minimum), distance to the nearest minimum and gradient
norm, one panel each, side by side, against steps, epochs or gradient evaluations; with a cursor that
follows the map's animation (frames of the same names)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .animation import AnimatedFigure, animation_steps, b64, build_frames, frame_indices

__all__ = ["CURSOR", "CURVES_HEIGHT", "MAX_LINE_POINTS", "curves_figure", "cursor_points"]

MAX_LINE_POINTS = 2000  # points per curve (loss, distance, gradient norm)
CURVES_HEIGHT = 300  # pixels of the loss / distance / gradient-norm panels
CURSOR = "cursor"  # the name of each panel's cursor trace
FLOOR = 1e-12  # values drawn on a log axis are at least this


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
    x_scale: Sequence[float] | None = None,
    at: int | None = None,
    height: int = CURVES_HEIGHT,
) -> AnimatedFigure:
    """Loss (minus the known minimum, log y), distance to the nearest minimum and gradient norm.

    Args:
        names, colors: per run.
        loss, grad_norm: (R, T+1); dist: (R, T+1) or None (no known minimum).
        diverged_at: (R,) (a cross marks the last finite value of a diverged run).
        min_value: the surface's global minimum value, or None (then the loss is drawn as is, on a
            linear axis when it can be negative).
        titles: translated "loss", "loss_gap", "dist", "grad", and "step": the x-axis title.
        x_scale: (R,) how far one step moves each run along x (:func:`studies.race.x_scales`:
            1 for steps, B/N for epochs, samples per step for gradient evaluations); None: steps.
        at: the step the cursor shows before the animation (default: the last).
        height: pixels.

    Returns:
        One figure with up to three panels side by side (axes x/y, x2/y2, x3/y3). Trace order: per
        panel, per run, the curve then (if diverged) its cross; then one cursor trace per panel
        (named :data:`CURSOR`: each run's value at the step shown as a dot, and in step units a
        vertical line). Frames "0", "1", ... (frame j: step ``animation_steps(T + 1, at)[j]``, as
        the map's) move the cursors.
    """
    panels = [("loss", titles["loss_gap"] if min_value is not None else titles["loss"])]
    if dist is not None:
        panels.append(("dist", titles["dist"]))
    panels.append(("grad", titles["grad"]))
    n_steps = loss.shape[1] - 1
    idx = frame_indices(loss.shape[1], MAX_LINE_POINTS)
    scale = np.ones(len(names)) if x_scale is None else np.asarray(x_scale, np.float64)
    in_steps = bool(np.all(scale == 1.0))
    # in steps every curve shares one x array (it travels once); otherwise each run has its own
    xs = [idx.astype(np.float32)] * len(names) if in_steps else [(idx * f).astype(np.float32) for f in scale]
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
    shown: list[tuple[str, np.ndarray]] = []  # (axis suffix, values as drawn) per panel
    for col, (kind, title) in enumerate(panels, start=1):
        sx = "" if col == 1 else str(col)
        vals = series[kind]
        finite = vals[np.isfinite(vals)]
        log_axis = kind != "loss" or min_value is not None or (finite.size > 0 and bool(np.all(finite > 0)))
        drawn = np.where(np.isfinite(vals), np.maximum(vals, FLOOR), np.nan) if log_axis else vals
        shown.append((sx, drawn))
        for i, (name, c) in enumerate(zip(names, colors, strict=True)):
            data.append(
                dict(
                    type="scatter",
                    x=xs[i],
                    y=drawn[i, idx].astype(np.float32),
                    mode="lines",
                    name=name,
                    legendgroup=name,
                    xaxis=f"x{sx}",
                    yaxis=f"y{sx}",
                    line=dict(color=c, width=2),
                    hovertemplate=f"{name}<br>{titles['step']} %{{x:.4g}}: %{{y:.3g}}<extra></extra>",
                )
            )
            k = int(diverged_at[i])
            if k > 0 and np.isfinite(vals[i, k - 1]):
                data.append(
                    dict(
                        type="scatter",
                        x=[(k - 1) * float(scale[i])],
                        y=[float(drawn[i, k - 1])],
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
        if not in_steps:  # the span every run covers: a run with a small batch covers the least
            ends = [n_steps * f for f in scale]
            layout[f"xaxis{sx}"]["range"] = [0.0, float(min(ends))]
        layout[f"yaxis{sx}"] = dict(
            type="log" if log_axis else "linear",
            anchor=f"x{sx}",
            exponentformat="power",
            minorloglabels="none",  # the small digits between decades are 3/4 size: unreadable on a phone
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
    k0 = n_steps if at is None else int(np.clip(at, 0, n_steps))
    fidx = animation_steps(loss.shape[1], k0)  # the map's frames, so the names match
    first = len(data)
    spans = [finite_span(drawn) for _, drawn in shown]  # once per panel, not per frame
    for (sx, drawn), span in zip(shown, spans, strict=True):
        x, y = cursor_points(drawn, scale, k0, in_steps, span)
        data.append(
            dict(
                type="scatter",
                x=x,
                y=y,
                mode="lines+markers" if in_steps else "markers",
                name=CURSOR,
                xaxis=f"x{sx}",
                yaxis=f"y{sx}",
                hoverinfo="skip",
                line=dict(color="rgba(120,120,120,0.7)", width=1, dash="dot"),
                marker=dict(
                    size=([0, 0, 0] if in_steps else []) + [9] * len(names),
                    color=(["rgba(0,0,0,0)"] * 3 if in_steps else []) + list(colors),
                    line=dict(color="white", width=1.5),
                ),
            )
        )

    def frame(j: int) -> list[dict]:
        out = []
        for (_, drawn), span in zip(shown, spans, strict=True):
            x, y = cursor_points(drawn, scale, int(fidx[j]), in_steps, span)
            out.append(dict(type="scatter", x=b64(x), y=b64(y)))
        return out

    frames = build_frames(len(fidx), range(first, len(data)), frame)
    return AnimatedFigure(data, layout, frames)


def finite_span(drawn: np.ndarray) -> tuple[float, float]:
    """The lowest and highest finite value of a panel (NaN, NaN if none): its cursor line's ends."""
    finite = drawn[np.isfinite(drawn)]
    return (float(finite.min()), float(finite.max())) if finite.size else (np.nan, np.nan)


def cursor_points(
    drawn: np.ndarray, scale: np.ndarray, step: int, line: bool, span: tuple[float, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One panel's cursor at ``step``: each run's (x, value) there, after a vertical line if ``line``.

    Args:
        drawn: (R, T+1) the panel's values as drawn (floored on a log axis).
        scale: (R,) x per step of each run.
        step: the step.
        line: lead with a vertical line over the panel's finite values (steps on x: one x for all),
            then a gap.
        span: :func:`finite_span` of ``drawn`` when the caller has it (it is the same at every step).

    Returns:
        (x, y) float32: ``[x, x, nan]`` and ``[low, high, nan]`` when ``line``, then one point per run
        (NaN where its value is not finite: it diverged).
    """
    x = step * scale
    y = drawn[:, step]
    if line:
        lo, hi = finite_span(drawn) if span is None else span
        x = np.concatenate([[step, step, np.nan], x])
        y = np.concatenate([[lo, hi, np.nan], y])
    return x.astype(np.float32), y.astype(np.float32)
