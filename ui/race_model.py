"""The Optimizer Race's model: its controls (share-link schema), its configuration and the cached calls.

Kept out of ``pages/race.py`` so that the page stays thin and the tests (and the benchmark) can build
the same configuration and compare with ``optimizers.simulate``.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import landscapes
import optimizers
from i18n import STRINGS, t
from studies import endings
from viz import export
from viz import race as rv
from viz.colors import optimizer_color

from . import surface_controls, widgets
from .url import Param

PAGE = "race"
CUSTOM = "custom"
MAX_OPT = 10
DEFAULT_ORDER = ("sgd", "momentum", "rmsprop", "adam", "nag", "adagrad", "adadelta", "adamw", "nadam", "sam")
# The landing view: a classic comparison on Rosenbrock (other slots take the registry's defaults).
DEFAULTS: dict[str, Any] = {
    "surf": "rosenbrock",
    "n": 4,
    "steps": 1000,
    "o0.sgd.lr": 1e-3,
    "o1.momentum.lr": 1e-3,
    "o2.rmsprop.lr": 1e-2,
    "o3.adam.lr": 5e-2,
}
DEFAULT_EXPR = "x**2 + 5*y**2"
SCHED_FIELDS = {
    "constant": (),
    "step": ("step_size", "gamma"),
    "exponential": ("gamma",),
    "inverse_time": ("decay",),
    "cosine": ("min_frac",),
    "warmup_cosine": ("warmup", "min_frac"),
}
TRAITS = {
    "quadratic": "bowl",
    "rosenbrock": "valley",
    "saddle": "saddle",
    "beale": "plateau",
    "convex": "bowl",
    "valley": "valley",
    "saddle_cat": "saddle",
    "plateau": "plateau",
    "sharp-flat": "sharpflat",
    "cliff": "cliff",
}

try:  # user formulas arrive with landscapes.from_expression (branch land); guard until then
    from landscapes import ExpressionError, from_expression
except ImportError:  # pragma: no cover - depends on the landscapes version
    from_expression = None

    class ExpressionError(ValueError):
        """Placeholder type: never raised when from_expression is missing."""


# --------------------------------------------------------------------------------------------
# Schema


def _default(name: str, fallback: Any) -> Any:
    return DEFAULTS.get(name, fallback)


def base_schema() -> list[Param]:
    """Controls that exist whatever the surface and optimizers."""
    return [
        Param("surf", "choice", _default("surf", "rosenbrock"), choices=(*landscapes.names(), CUSTOM)),
        Param("steps", "int", _default("steps", 500), 10, optimizers.MAX_STEPS),
        Param("budget", "bool", False),
        widgets.float_param("tol", 1e-3, 1e-8, 1.0, log=True),
        Param("sched", "choice", "constant", choices=optimizers.SCHEDULES),
        Param("batch", "int", optimizers.N_SAMPLES, 1, optimizers.N_SAMPLES),
        Param("noise", "float", 0.0, 0.0, 10.0),
        Param("seed", "int", 0, 0, 9999),
        Param("n", "int", _default("n", 4), 1, MAX_OPT),
        Param("speed", "int", 40, 10, 500),
        Param("ov", "multi", (), choices=rv.OVERLAYS),
        Param("show3d", "bool", False),  # WebGL is the costliest chart to re-create on each change
    ]


EXPR = Param("expr", "text", DEFAULT_EXPR)  # declared only while the surface is the user's formula


def sched_schema(kind: str) -> list[Param]:
    """The parameters of the chosen schedule kind."""
    spec = {
        "step_size": Param("sched.step_size", "int", 100, 1, optimizers.MAX_STEPS),
        "gamma": widgets.float_param("sched.gamma", 0.5, 0.001, 1.0),
        "decay": widgets.float_param("sched.decay", 0.01, 1e-5, 10.0, log=True),
        "min_frac": widgets.float_param("sched.min_frac", 0.0, 0.0, 1.0),
        "warmup": Param("sched.warmup", "int", 50, 0, optimizers.MAX_STEPS),
    }
    return [spec[f] for f in SCHED_FIELDS[kind]]


def surface_schema(surf: str, s: landscapes.Landscape, steps: int) -> list[Param]:
    """Controls that depend on the surface: its parameters, colour scale, start, the vector step."""
    return [
        *surface_controls.parameter_schema(surf, s),
        Param(f"{surf}.logc", "bool", bool(s.log_color)),
        *surface_controls.start_schema(surf, s),
        Param("at", "int", steps, 0, steps),
    ]


def optimizer_schema(n: int) -> list[Param]:
    """One optimizer-name control per slot."""
    names = optimizers.names()
    return [
        Param(f"o{i}", "choice", _default(f"o{i}", DEFAULT_ORDER[i]), choices=tuple(names)) for i in range(n)
    ]


def hp_schema(i: int, name: str) -> list[Param]:
    """The hyperparameter controls of slot ``i`` running optimizer ``name`` (registry defaults and ranges)."""
    opt = optimizers.get(name)
    out = []
    for hp, default in opt.defaults.items():
        r = opt.ranges[hp]
        out.append(
            widgets.float_param(
                f"o{i}.{name}.{hp}", _default(f"o{i}.{name}.{hp}", default), r.low, r.high, log=r.log
            )
        )
    return out


def all_params() -> list[Param]:
    """Every control the page can show (any surface, slot, optimizer, schedule), for checking presets."""
    out = base_schema() + [EXPR]
    for kind in SCHED_FIELDS:
        out += [p for p in sched_schema(kind) if p.name not in {q.name for q in out}]
    for surf in landscapes.names():
        out += [p for p in surface_schema(surf, landscapes.get(surf), optimizers.MAX_STEPS) if p.name != "at"]
    out.append(Param("at", "int", optimizers.MAX_STEPS, 0, optimizers.MAX_STEPS))
    out += optimizer_schema(MAX_OPT)
    for i in range(MAX_OPT):
        for name in optimizers.names():
            out += hp_schema(i, name)
    return out


def param_named(name: str) -> Param:
    """The control called ``name`` (see :func:`all_params`); raises KeyError if there is none."""
    for p in all_params():
        if p.name == name:
            return p
    raise KeyError(f"no race control named {name!r}")


# --------------------------------------------------------------------------------------------
# Cached computations (hashable arguments only)


def click_step(span: float) -> float:
    """The grid a clicked start snaps to: the largest 1, 2 or 5 x 10^k at most 1/100 of ``span``."""
    raw = span / 100
    k = math.floor(math.log10(raw))  # may come out one low (log10(1000) = 2.9999...): try k + 1 too
    return max(m * 10.0**e for e in (k, k + 1) for m in (1, 2, 5) if m * 10.0**e <= raw * (1 + 1e-9))


def snap_start(bounds, x: float, y: float) -> tuple[float, float]:
    """A clicked point as a start: on the :func:`click_step` grid of the view, inside the view.

    A click lands a pixel or so off the point meant; a teacher wants (1, 0), not (0.9968, 0.0003).
    """
    (x0, x1), (y0, y1) = bounds
    step = click_step(max(x1 - x0, y1 - y0))
    snap = lambda v, lo, hi: round(float(np.clip(round(v / step) * step, lo, hi)), 10)  # noqa: E731
    return snap(x, x0, x1), snap(y, y0, y1)


@st.cache_resource(show_spinner=False, max_entries=64)
def custom_surface(expr: str) -> landscapes.Landscape:
    """The user's formula as a Landscape, one object per text. Its compiled runs are shared by every
    formula of the same structure (numbers are traced) and bounded in number (landscapes.compiled)."""
    return from_expression(expr)


def _base_surface(surf: str, expr: str, params: tuple[tuple[str, float], ...]) -> landscapes.Landscape:
    s = custom_surface(expr) if surf == CUSTOM else landscapes.get(surf)
    return s.with_params(**dict(params)) if params else s


@st.cache_data(show_spinner=False, max_entries=32)
def surface_minima(surf: str, expr: str, params: tuple[tuple[str, float], ...]
                   ) -> tuple[endings.Minimum, ...]:
    """Every minimum of the surface in its view (known global ones and local ones found)."""
    try:
        return endings.minima(_base_surface(surf, expr, params))
    except ValueError:  # no finite critical point search on this surface: no minima to show
        return ()


def surface_for(surf: str, expr: str, params: tuple[tuple[str, float], ...]) -> landscapes.Landscape:
    """The Landscape for the controls (raises ExpressionError for a bad formula). A surface without
    known minimisers (a user's formula) gets the lowest minima found in its view."""
    return endings.with_found_minima(_base_surface(surf, expr, params), surface_minima(surf, expr, params))


GRID = 200  # points per axis of the 2-D background
GRID_3D = 60  # points per axis of the 3-D surface


class Static(NamedTuple):
    """What is drawn the same whatever the optimizers do."""

    bg: rv.Background
    x3: np.ndarray
    y3: np.ndarray
    z3: np.ndarray


@st.cache_data(show_spinner=False, max_entries=32)
def static_layers(surf: str, expr: str, params: tuple, log: bool) -> Static:
    """Background image + contour lines (200 x 200 grid) and a 60 x 60 grid for the 3-D view."""
    s = _base_surface(surf, expr, params)
    g = landscapes.grid(s, GRID)
    g3 = landscapes.grid(s, GRID_3D)
    return Static(rv.background(g.x, g.y, g.z, log), g3.x, g3.y, g3.z)


class RaceConfig(NamedTuple):
    """Everything a race depends on (hashable: the cache key)."""

    surf: str
    expr: str
    params: tuple
    runs: tuple  # ((name, ((hp, value), ...)), ...)
    start: tuple[float, float]
    steps: int
    schedule: tuple  # Schedule fields
    batch: int
    noise: float
    seed: int
    budget: bool
    tol: float


def default_config() -> RaceConfig:
    """The race of the page's landing view (what the server pre-compiles)."""
    schema = {p.name: p for p in base_schema()}
    surf = schema["surf"].default
    s = landscapes.get(surf)
    runs = []
    for p in optimizer_schema(schema["n"].default):
        name = p.default
        runs.append(
            (name, tuple((q.name.rsplit(".", 1)[1], q.default) for q in hp_schema(int(p.name[1:]), name)))
        )
    return RaceConfig(
        surf=surf,
        expr="",
        params=tuple(s.param_dict.items()),
        runs=tuple(runs),
        start=tuple(map(float, s.start)),
        steps=schema["steps"].default,
        schedule=sched_values("constant", {}),
        batch=schema["batch"].default,
        noise=schema["noise"].default,
        seed=schema["seed"].default,
        budget=False,
        tol=schema["tol"].default,
    )


def config_for(values: dict[str, Any]) -> RaceConfig:
    """The race that control values describe (a preset's, a link's), every other control at its
    default: what the page runs for them (a test checks it for every preset)."""
    v = {p.name: p.default for p in base_schema()}
    v.update(values)
    surf = v["surf"]
    base = landscapes.get(surf) if surf != CUSTOM else custom_surface(v.get("expr", DEFAULT_EXPR))
    v = {**{p.name: p.default for p in surface_schema(surf, base, int(v["steps"]))}, **v}
    v = {**{p.name: p.default for p in sched_schema(v["sched"])}, **v}
    runs = []
    for i in range(int(v["n"])):
        name = v.get(f"o{i}", optimizer_schema(int(v["n"]))[i].default)
        hp = {p.name.rsplit(".", 1)[1]: float(v.get(p.name, p.default)) for p in hp_schema(i, name)}
        runs.append((name, tuple(hp.items())))
    return RaceConfig(
        surf=surf,
        expr=v.get("expr", DEFAULT_EXPR) if surf == CUSTOM else "",
        params=tuple((n, float(v[f"{surf}.{n}"])) for n, _, _ in base.param_spec),
        runs=tuple(runs),
        start=(float(v[f"{surf}.x0"]), float(v[f"{surf}.y0"])),
        steps=int(v["steps"]),
        schedule=sched_values(v["sched"], v),
        batch=int(v["batch"]),
        noise=float(v["noise"]),
        seed=int(v["seed"]),
        budget=bool(v["budget"]),
        tol=float(v["tol"]),
    )


def simulate_config(cfg: RaceConfig) -> optimizers.SimResult:
    """The race for ``cfg`` (uncached; the tests call this to compare with the page)."""
    s = surface_for(cfg.surf, cfg.expr, cfg.params)
    return optimizers.simulate(
        s,
        [(name, dict(hp)) for name, hp in cfg.runs],
        start=cfg.start,
        steps=cfg.steps,
        schedule=optimizers.Schedule(*cfg.schedule),
        batch_size=cfg.batch,
        noise=cfg.noise,
        seed=cfg.seed,
        budget=cfg.steps if cfg.budget else None,
        tol=cfg.tol,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def run_race(cfg: RaceConfig) -> optimizers.SimResult:
    """Cached :func:`simulate_config`."""
    return simulate_config(cfg)


@st.cache_data(show_spinner=False, max_entries=4)
def csv_export(cfg: RaceConfig, labels: tuple[str, ...]) -> str:
    res = run_race(cfg)
    return export.trajectories_csv(labels, res.path, res.loss, res.grad_norm)


@st.cache_data(show_spinner=False, max_entries=4)
def gif_export(cfg: RaceConfig, log: bool, fmt: str) -> bytes:
    res = run_race(cfg)
    layers = static_layers(cfg.surf, cfg.expr, cfg.params, log)
    colors = [optimizer_color(i) for i in range(len(cfg.runs))]
    frames = export.render_frames(layers.bg, colors, res.path, start=cfg.start)
    return export.gif_bytes(frames) if fmt == "gif" else export.mp4_bytes(frames)


def sched_values(kind: str, values: dict[str, Any]) -> tuple:
    """The Schedule fields (kind first) from the page's values; fields the kind does not use keep defaults."""
    d = optimizers.Schedule()
    return (kind, *(float(values.get(f"sched.{f}", getattr(d, f))) for f in d._fields[1:]))


# --------------------------------------------------------------------------------------------
# Small helpers


def trait(s: landscapes.Landscape, surf: str) -> str:
    """Which kind of surface this is, for the "what to look for" notes."""
    if surf in TRAITS:
        return TRAITS[surf]
    cat = "saddle_cat" if s.category == "saddle" else s.category
    return TRAITS.get(cat, "other")


def look_for(opt_name: str, kind: str) -> str:
    """The note on what to watch for this optimizer on this kind of surface (written per family of
    rules, the optimizer's ``family``; the surface's general note where its family has none)."""
    key = f"race.look.{kind}.{optimizers.get(opt_name).family}"
    return t(key) if key in STRINGS else t(f"race.look.{kind}")
