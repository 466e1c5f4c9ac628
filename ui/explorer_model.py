"""The Landscape explorer's model: its controls (share-link schema) and the cached study calls. Kept out
of ``pages/explorer.py`` so the page stays thin and tests can rebuild the same calls.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import landscapes
import optimizers
from optimizers import runner
from studies import endings
from studies import explorer as ex

from . import explorer_hd_model, surface_controls, widgets
from .race_model import ExpressionError, custom_surface  # one cache of formula surfaces for the app
from .url import Param

__all__ = ["ExpressionError"]

PAGE = "explorer"
CUSTOM = "custom"
VIEWS = ("critical", "basins", "escape")
VIEWS += ("network",)  # a network's landscape along its training path (ui.explorer_net_model)
NO_SURFACE = ("network",)  # views that draw no analytic surface (no surface picker)
VIEWS += ("hd",)  # saddles dominate in high dimensions (ui.explorer_hd_model)
NO_SURFACE += ("hd",)
SIDES = ("a", "b")
DEFAULT_EXPR = "x^4 - 2*x^2 + y^2"  # two minima and a saddle between them
GRID = 160  # points per axis of the contour
GRID_3D = 60
DEFAULTS: dict[str, Any] = {
    "surf": "himmelblau",
    "a_opt": "sgd",
    "a_lr": 0.01,
    "b_opt": "momentum",
    "b_lr": 0.01,
    "b_mu": 0.9,
}
E_DELTAS = 15  # distances of the escape runs, log-spaced from 1e-8 to 1e-1 of the radius


def base_schema() -> list[Param]:
    """Controls that exist whatever the surface and view."""
    names = tuple(optimizers.names())
    out = [
        Param("view", "choice", "critical", choices=VIEWS),
        Param("surf", "choice", DEFAULTS["surf"], choices=(*landscapes.names(), CUSTOM)),
        Param("seeds", "int", 24, 8, 64),
        Param("show3d", "bool", False),
        Param("b_n", "int", 128, 16, ex.MAX_BASIN_SIDE),
        Param("b_steps", "int", 500, 20, 2000),
        Param("e_saddle", "int", 0, 0, 31),
        widgets.float_param("e_lr", 0.01, 1e-4, 0.5, log=True),
        widgets.float_param("e_radius", 0.1, 0.01, 0.4),
        Param("e_steps", "int", 2000, 100, optimizers.MAX_STEPS),
        widgets.float_param("e_delta", 1e-6, 1e-9, 0.5, log=True),
        widgets.float_param("e_mu", 0.9, 0.0, 0.99),
        widgets.float_param("e_noise", 1.0, 0.0, 10.0),
    ]
    for side in SIDES:
        out += [
            Param(f"{side}_opt", "choice", DEFAULTS.get(f"{side}_opt", "sgd"), choices=names),
            widgets.float_param(f"{side}_lr", DEFAULTS.get(f"{side}_lr", 0.01), 1e-5, 1.0, log=True),
            widgets.float_param(f"{side}_mu", DEFAULTS.get(f"{side}_mu", 0.9), 0.0, 0.99),
        ]
    out += explorer_hd_model.schema()  # the high-dimension view's controls
    return out


EXPR = Param("expr", "text", DEFAULT_EXPR)  # declared only while the surface is the user's formula


def surface_schema(surf: str, s: landscapes.Landscape) -> list[Param]:
    """The surface's parameters."""
    return surface_controls.parameter_schema(surf, s)


def all_params() -> list[Param]:
    """Every control the page can show (for checking presets)."""
    from . import explorer_net_model

    out = base_schema() + [EXPR] + explorer_net_model.schema()
    for surf in landscapes.names():
        out += surface_schema(surf, landscapes.get(surf))
    return out


class Where(NamedTuple):
    """The surface part of every cache key."""

    surf: str
    expr: str  # "" unless surf is CUSTOM
    params: tuple[tuple[str, float], ...]

    def landscape(self) -> landscapes.Landscape:
        s = custom_surface(self.expr) if self.surf == CUSTOM else landscapes.get(self.surf)
        return s.with_params(**dict(self.params)) if self.params else s


def where_for(values: dict[str, Any]) -> Where:
    """The surface that control values describe (a preset's, a link's), the rest at defaults."""
    v = {p.name: p.default for p in base_schema()}
    v.update(values)
    surf = v["surf"]
    if surf == CUSTOM:
        return Where(CUSTOM, v.get("expr", DEFAULT_EXPR), ())
    s = landscapes.get(surf)
    sp = {p.name: p.default for p in surface_schema(surf, s)}
    sp.update(v)
    return Where(surf, "", tuple((n, float(sp[f"{surf}.{n}"])) for n, _, _ in s.param_spec))


def hp_for(opt: str, lr: float, mu: float) -> tuple[tuple[str, float], ...]:
    """The hyperparameters a basin side sets: its learning rate, and mu for rules with a momentum."""
    out = {"lr": float(lr)}
    param = optimizers.get(opt).momentum_param
    if param is not None:
        out[param] = float(mu)
    return tuple(out.items())


def has_momentum(opt: str) -> bool:
    return optimizers.get(opt).momentum_param is not None


def basin_fit(n: int, steps: int) -> int | None:
    """None if an n x n map of ``steps`` steps is within the runner's limit of updates per call, else
    the most steps that fit at n x n (for a message in the page's terms)."""
    if n * n * steps <= runner.MAX_RUN_STEPS:
        return None
    return runner.MAX_RUN_STEPS // (n * n)


# Cached calls: hashable arguments only, NumPy results.


@st.cache_data(show_spinner=False, max_entries=32)
def grid(w: Where, points: int = GRID) -> landscapes.Grid:
    return landscapes.grid(w.landscape(), points)


@st.cache_data(show_spinner=False, max_entries=32)
def critical(w: Where, seeds: int) -> ex.CriticalView:
    return ex.critical_view(w.landscape(), n_seeds=seeds)


@st.cache_data(show_spinner=False, max_entries=32)
def minima(w: Where) -> tuple[endings.Minimum, ...]:
    return endings.minima(w.landscape())


@st.cache_data(show_spinner=False, max_entries=16)
def basins(w: Where, opt: str, hp: tuple[tuple[str, float], ...], n: int, steps: int) -> ex.BasinMap:
    return ex.basin_map(w.landscape(), opt, dict(hp), n=n, steps=steps, minima=minima(w))


@st.cache_data(show_spinner=False, max_entries=16)
def escape(w: Where, saddle: tuple[float, float], lr: float, radius_frac: float, steps: int) -> ex.Escape:
    s = w.landscape()
    (x0, x1), (y0, y1) = s.bounds
    r = radius_frac * max(x1 - x0, y1 - y0)
    deltas = r * np.logspace(-8, -1, E_DELTAS)
    return ex.escape_steps(s, saddle, deltas, hp={"lr": lr}, radius=r, steps=steps)


def warm_defaults() -> None:
    """Compile what the landing view runs (the critical points of the default surface, its grid)."""
    w = where_for({})
    ex.critical_view(w.landscape(), n_seeds=24)
    landscapes.grid(w.landscape(), GRID)


@st.cache_data(show_spinner=False, max_entries=16)
def escape_race(
    w: Where,
    saddle: tuple[float, float],
    lr: float,
    radius_frac: float,
    steps: int,
    delta_frac: float,
    mu: float,
    noise: float,
) -> ex.EscapeRace:
    s = w.landscape()
    (x0, x1), (y0, y1) = s.bounds
    r = radius_frac * max(x1 - x0, y1 - y0)
    return ex.escape_race(s, saddle, delta_frac * r, lr=lr, mu=mu, noise=noise, radius=r, steps=steps)


def zoom_bounds(race: ex.EscapeRace) -> tuple[tuple[float, float], tuple[float, float]]:
    """A square view 3 radii wide around the saddle (for the escape paths)."""
    (cx, cy), h = race.saddle, 1.5 * race.radius
    return (float(cx - h), float(cx + h)), (float(cy - h), float(cy + h))


@st.cache_data(show_spinner=False, max_entries=16)
def zoom_background(w: Where, bounds):
    """The Race map's static layers (image and contour lines) over ``bounds``."""
    from viz.race import layers

    g = landscapes.grid(w.landscape(), 160, bounds=bounds)
    return layers.background(g.x, g.y, g.z, False)


def snap_to_pixel(b: ex.BasinMap, x: float, y: float) -> tuple[float, float]:
    """The start of the basin-map pixel nearest (x, y): a click shows that pixel's own run."""
    j = int(np.argmin(np.abs(b.xs - x)))
    i = int(np.argmin(np.abs(b.ys - y)))
    return float(b.xs[j]), float(b.ys[i])


def clicked_point(selection: Any) -> tuple[float, float] | None:
    """(x, y) of the first clicked point of a chart's selection state (None if there is none)."""
    try:
        pts = selection["selection"]["points"]
    except (KeyError, TypeError):
        pts = getattr(getattr(selection, "selection", None), "points", None)
    if not pts:
        return None
    p = pts[0]
    try:
        return float(p["x"]), float(p["y"])
    except (KeyError, TypeError, ValueError):
        return None


@st.cache_data(show_spinner=False, max_entries=32)
def pick_paths(w: Where, settings: tuple, start: tuple[float, float], steps: int) -> np.ndarray:
    """(S, steps + 1, 2) the path of each (optimizer, hp) setting from ``start`` (the same runs as the
    basin map's pixel there, through ``optimizers.simulate``)."""
    runs = [(opt, dict(hp)) for opt, hp in settings]
    res = optimizers.simulate(w.landscape(), runs, start=start, steps=steps, record="path")
    return np.asarray(res.path, np.float64)


@st.cache_data(show_spinner=False, max_entries=16)
def net_background(plane):
    """The network view's map layers (image, contour lines) of a plane (``studies.explorer_net.Plane``)."""
    from viz import explorer_net

    return explorer_net.background(plane)
