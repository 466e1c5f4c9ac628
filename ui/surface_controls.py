"""The surface controls the labs share: which surface, its parameters, and the start point.

Each lab declares them in its schema (:func:`parameter_schema`, :func:`start_schema`: the share-link
names ``surf``, ``<surface>.<parameter>``, ``<surface>.x0`` and ``<surface>.y0``) and draws them with
:func:`picker`, :func:`parameters` and :func:`start`. Labels are the lab's own i18n keys under its
prefix: ``<prefix>.surface``, ``<prefix>.param.<name>`` (or ``<prefix>.param`` with the name),
``<prefix>.x0`` and ``<prefix>.y0``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

import landscapes
from i18n import STRINGS, t

from . import state, widgets
from .url import Param

START_WIDGETS = ("slider", "number")  # how a lab lets the start be set: sliders or typed numbers


def parameter_schema(
    surf: str, s: landscapes.Landscape, defaults: Mapping[str, Any] | None = None
) -> list[Param]:
    """One control per adjustable parameter of surface ``surf`` (``s``), log-scale over wide ranges.

    Args:
        surf: the surface's name (the controls are ``<surf>.<parameter>``).
        s: the surface.
        defaults: a lab's own defaults by control name; the surface's values otherwise.
    """
    out = []
    for (pname, lo, hi), v in zip(s.param_spec, s.adjustable, strict=True):
        name = f"{surf}.{pname}"
        default = (defaults or {}).get(name, v)
        out.append(widgets.float_param(name, default, lo, hi, log=lo > 0 and hi / lo >= 100))
    return out


def start_schema(surf: str, s: landscapes.Landscape) -> list[Param]:
    """The start point's two controls (``<surf>.x0``, ``<surf>.y0``) over the surface's view."""
    (x0, x1), (y0, y1) = s.bounds
    return [
        Param(f"{surf}.x0", "float", float(s.start[0]), float(x0), float(x1)),
        Param(f"{surf}.y0", "float", float(s.start[1]), float(y0), float(y1)),
    ]


def picker(ps: state.PageState, prefix: str, format_func: Callable[[str], str]) -> str:
    """The surface picker (control ``surf``, declared); returns the chosen surface's name."""
    return widgets.control(ps, ps.schema["surf"], t(f"{prefix}.surface"), format_func=format_func)


def parameters(
    ps: state.PageState, prefix: str, surf: str, s: landscapes.Landscape
) -> tuple[tuple[str, float], ...]:
    """A slider per parameter of ``s`` (declared with :func:`parameter_schema`).

    Returns:
        ((name, value), ...) in the surface's order.
    """
    out = []
    for pname, _, _ in s.param_spec:
        key = f"{prefix}.param.{pname}"
        label = t(key) if key in STRINGS else t(f"{prefix}.param", name=pname)
        out.append((pname, float(widgets.control(ps, ps.schema[f"{surf}.{pname}"], label))))
    return tuple(out)


def start(ps: state.PageState, prefix: str, surf: str, widget: str = "slider") -> tuple[float, float]:
    """The start point's controls (declared with :func:`start_schema`).

    Args:
        ps, prefix, surf: the page's state, its i18n prefix and the surface.
        widget: "slider" (one under the other) or "number" (typed, side by side; the Race page, whose
            map also sets the start with a click).

    Returns:
        (x, y).
    """
    if widget not in START_WIDGETS:
        raise ValueError(f"Unknown start widget {widget!r}; choose one of: {', '.join(START_WIDGETS)}")
    params = (ps.schema[f"{surf}.x0"], ps.schema[f"{surf}.y0"])
    labels = (t(f"{prefix}.x0"), t(f"{prefix}.y0"))
    if widget == "slider":
        x, y = (widgets.control(ps, p, label) for p, label in zip(params, labels, strict=True))
        return float(x), float(y)
    x, y = (
        col.number_input(
            label,
            min_value=p.low,
            max_value=p.high,
            step=(p.high - p.low) / 100,
            format="%.4g",
            key=ps.key(p.name),
        )
        for col, p, label in zip(st.columns(2), params, labels, strict=True)
    )
    return float(x), float(y)
