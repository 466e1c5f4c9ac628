"""The Optimizer Race's model: its controls (share-link schema), its configuration and the cached calls.

Kept out of ``pages/race.py`` so that the page stays thin and the tests (and the benchmark) can build
the same configuration and compare with ``optimizers.simulate``.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import landscapes
import optimizers
from i18n import STRINGS, t
from studies import endings
from studies import race as rs
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
        Param("grow", "bool", False),  # paths grow during Play instead of being drawn whole
        Param("xaxis", "choice", "step", choices=rs.X_AXES),
        Param("eq", "bool", False),  # one key = one step: the rule's equation with the step's numbers
        Param("eq_run", "int", 1, 1, MAX_OPT),  # ... of this run (1-based, as the slots are numbered)
        Param("show3d", "bool", False),  # WebGL is the costliest chart to re-create on each change
    ]


EXPR = Param("expr", "text", DEFAULT_EXPR)  # declared only while the surface is the user's formula


def sched_schema(kind: str, prefix: str = "") -> list[Param]:
    """The parameters of the chosen schedule kind.

    Args:
        kind: the schedule's kind.
        prefix: "" for the run settings' schedule (``sched.gamma``, ...), ``o<i>.`` for slot i's own
            (``o<i>.sched.gamma``, ...).
    """
    spec = {
        "step_size": Param(f"{prefix}sched.step_size", "int", 100, 1, optimizers.MAX_STEPS),
        "gamma": widgets.float_param(f"{prefix}sched.gamma", 0.5, 0.001, 1.0),
        "decay": widgets.float_param(f"{prefix}sched.decay", 0.01, 1e-5, 10.0, log=True),
        "min_frac": widgets.float_param(f"{prefix}sched.min_frac", 0.0, 0.0, 1.0),
        "warmup": Param(f"{prefix}sched.warmup", "int", 50, 0, optimizers.MAX_STEPS),
    }
    return [spec[f] for f in SCHED_FIELDS[kind]]


SAME = "run"  # a slot's schedule that is the run settings' one
SAME_BATCH = 0  # a slot's batch size that is the run settings' one
BATCH_CHOICES = (SAME_BATCH, 1, 2, 4, 8, 16, 32, 64, optimizers.N_SAMPLES)  # a slot's batch-size stops


def surface_schema(surf: str, s: landscapes.Landscape, steps: int) -> list[Param]:
    """Controls that depend on the surface: its parameters, colour scale, start, the vector step."""
    return [
        *surface_controls.parameter_schema(surf, s),
        Param(f"{surf}.logc", "bool", bool(s.log_color)),
        *surface_controls.start_schema(surf, s),
        Param("at", "int", steps, 0, steps),
    ]


def optimizer_schema(n: int) -> list[Param]:
    """Per slot: the optimizer's name, its batch size and its schedule (each "as in the run settings"
    by default, so that a link from before slots had their own still means the same race)."""
    names = optimizers.names()
    out = []
    for i in range(n):
        out += [
            Param(f"o{i}", "choice", _default(f"o{i}", DEFAULT_ORDER[i]), choices=tuple(names)),
            Param(f"o{i}.batch", "int", SAME_BATCH, 0, optimizers.N_SAMPLES),
            Param(f"o{i}.sched", "choice", SAME, choices=(SAME, *optimizers.SCHEDULES)),
        ]
    return out


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
        for kind in SCHED_FIELDS:
            out += [p for p in sched_schema(kind, f"o{i}.") if p.name not in {q.name for q in out}]
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
def surface_landmarks(surf: str, expr: str, params: tuple[tuple[str, float], ...]) -> endings.Landmarks:
    """Every minimum of the surface in its view (known global ones and local ones found) and its
    saddle points."""
    try:
        return endings.landmarks(_base_surface(surf, expr, params))
    except ValueError:  # no finite critical point search on this surface: nothing to mark
        return endings.Landmarks((), ())


def surface_minima(
    surf: str, expr: str, params: tuple[tuple[str, float], ...]
) -> tuple[endings.Minimum, ...]:
    """Every minimum of the surface in its view (known global ones and local ones found)."""
    return surface_landmarks(surf, expr, params).minima


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
    # each run's own (batch size, Schedule fields); () = every run uses ``batch`` and ``schedule``
    per_run: tuple = ()

    def run_options(self, i: int) -> tuple[int, tuple]:
        """Run i's (batch size, Schedule fields)."""
        return self.per_run[i] if self.per_run else (self.batch, self.schedule)


def slot_options(values: dict[str, Any], i: int) -> tuple[int, tuple]:
    """Slot i's (batch size, Schedule fields) from control values: its own where it has them, else the
    run settings' (``batch``, ``sched``)."""
    b = int(values.get(f"o{i}.batch", SAME_BATCH))
    kind = values.get(f"o{i}.sched", SAME)
    sched = sched_values(values["sched"], values) if kind == SAME else sched_values(kind, values, f"o{i}.")
    return (int(values["batch"]) if b == SAME_BATCH else b), sched


def default_config() -> RaceConfig:
    """The race of the page's landing view (what the server pre-compiles)."""
    schema = {p.name: p for p in base_schema()}
    surf = schema["surf"].default
    s = landscapes.get(surf)
    runs = []
    for i in range(schema["n"].default):
        name = _default(f"o{i}", DEFAULT_ORDER[i])
        runs.append((name, tuple((q.name.rsplit(".", 1)[1], q.default) for q in hp_schema(i, name))))
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
        per_run=((schema["batch"].default, sched_values("constant", {})),) * len(runs),
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
    v = {**{p.name: p.default for p in optimizer_schema(int(v["n"]))}, **v}
    runs = []
    for i in range(int(v["n"])):
        name = v[f"o{i}"]
        hp = {p.name.rsplit(".", 1)[1]: float(v.get(p.name, p.default)) for p in hp_schema(i, name)}
        runs.append((name, tuple(hp.items())))
        if v[f"o{i}.sched"] != SAME:
            v = {**{p.name: p.default for p in sched_schema(v[f"o{i}.sched"], f"o{i}.")}, **v}
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
        per_run=tuple(slot_options(v, i) for i in range(len(runs))),
    )


def simulate_config(cfg: RaceConfig) -> optimizers.SimResult:
    """The race for ``cfg`` (uncached; the tests call this to compare with the page)."""
    s = surface_for(cfg.surf, cfg.expr, cfg.params)
    own = [cfg.run_options(i) for i in range(len(cfg.runs))]
    return optimizers.simulate(
        s,
        [
            (name, dict(hp), {"batch_size": b, "schedule": optimizers.Schedule(*sched)})
            for (name, hp), (b, sched) in zip(cfg.runs, own, strict=True)
        ],
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
    """The race's trajectories as CSV, one label per run."""
    res = run_race(cfg)
    return export.trajectories_csv(labels, res.path, res.loss, res.grad_norm)


@st.cache_data(show_spinner=False, max_entries=4)
def gif_export(cfg: RaceConfig, log: bool, fmt: str, labels: tuple[str, ...], title: str, step: str) -> bytes:
    """The race as an animated GIF or MP4 for slides: map with axes, legend (``labels``), ``title``
    and a step counter (``step``: the translated word)."""
    res = run_race(cfg)
    layers = static_layers(cfg.surf, cfg.expr, cfg.params, log)
    colors = [optimizer_color(i) for i in range(len(cfg.runs))]
    frames = export.render_frames(
        layers.bg, colors, res.path, names=labels, title=title, step_label=step, start=cfg.start
    )
    return export.gif_bytes(frames) if fmt == "gif" else export.mp4_bytes(frames)


@st.cache_data(show_spinner=False, max_entries=64)
def lr_curve(schedule: tuple, lr: float, steps: int) -> np.ndarray:
    """The learning rate of each of ``steps`` steps under ``schedule`` (Schedule fields)."""
    return optimizers.schedules.curve(optimizers.Schedule(*schedule), lr, steps)


def worked_step(res: optimizers.SimResult, i: int, k: int) -> str | None:
    """Run ``i``'s step ``k`` written out with its numbers (its rule's ``step_latex``).

    Returns:
        LaTeX; None when the run has no step k (it diverged, or k is its last point) or its rule
        cannot write a step out.
    """
    spec = res.runs[i]
    opt = optimizers.get(spec.optimizer)
    if opt.step_latex is None or not 0 <= k < spec.steps:
        return None
    lr = lr_curve(tuple(spec.schedule), float(spec.hp["lr"]), int(spec.steps))[k]
    sv = rs.step_values(res.path, res.aux, i, k, spec.hp, float(lr))
    return None if sv is None else opt.step_latex(sv)


def sched_values(kind: str, values: dict[str, Any], prefix: str = "") -> tuple:
    """The Schedule fields (kind first) from the page's values; fields the kind does not use keep defaults.

    Args:
        kind: the schedule's kind.
        values: control values.
        prefix: "" for the run settings' schedule, ``o<i>.`` for slot i's own.
    """
    d = optimizers.Schedule()
    return (kind, *(float(values.get(f"{prefix}sched.{f}", getattr(d, f))) for f in d._fields[1:]))


# --------------------------------------------------------------------------------------------
# Legend labels


def short_number(v: float) -> str:
    """A hyperparameter for a legend: 3 significant digits, exponents without padding (1e-8)."""
    text = f"{float(v):.3g}"
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m.group(1) == "-" else "") + m.group(2), text)


def hp_label(opt_name: str, hp: str) -> str:
    """Translated label of a hyperparameter (the rule's own where it has one: SAM's ρ)."""
    for key in (f"race.hp.{hp}_{opt_name}", f"race.hp.{hp}"):
        if key in STRINGS:
            return t(key)
    return hp  # a hyperparameter added to the registry later: its own name until translated


def symbol(opt_name: str, hp: str) -> str:
    """A hyperparameter's symbol for a legend (η, μ, ε, ...): the last word of its label, which
    ends with it in both languages ("Learning rate η", "학습률 η")."""
    return hp_label(opt_name, hp).split()[-1]


def run_labels(cfg: RaceConfig) -> list[str]:
    """A legend label per run that tells runs of the same rule apart.

    A rule raced once is its title ("Adam"); runs of the same rule add what differs between them:
    hyperparameters ("SGD η = 0.18" / "SGD η = 0.22"), batch size ("SGD B = 1") and schedule. Runs
    identical in everything are numbered ("SGD", "SGD (2)").
    """
    out = []
    for i, (name, hp) in enumerate(cfg.runs):
        same = [j for j, (other, _) in enumerate(cfg.runs) if other == name]
        parts = []
        for k, v in hp:
            if len({dict(cfg.runs[j][1]).get(k) for j in same}) > 1:
                parts.append(f"{symbol(name, k)} = {short_number(v)}")
        opts = [cfg.run_options(j) for j in same]
        b, sched = cfg.run_options(i)
        if len({o[0] for o in opts}) > 1:
            parts.append(f"B = {b}")
        if len({o[1] for o in opts}) > 1:
            parts.append(schedule_text(sched, [o[1] for o in opts]))
        label = optimizers.get(name).title + (" " + ", ".join(parts) if parts else "")
        out.append(label)
    for i, label in enumerate(list(out)):
        n = out[:i].count(label)
        if n:
            out[i] = f"{label} ({n + 1})"
    return out


def sched_symbol(field: str) -> str:
    """A schedule parameter in a legend: γ (the last word of its label), else a short word."""
    return t("race.sched.gamma").split()[-1] if field == "gamma" else t(f"race.sym.sched.{field}")


def schedule_text(sched: tuple, others: list[tuple]) -> str:
    """A schedule in a legend: its name, then the parameters in which it differs from ``others`` of
    the same kind."""
    kind = sched[0]
    text = t(f"race.sched.{kind}")
    fields = optimizers.Schedule()._fields
    diff = [
        f"{sched_symbol(f)} = {short_number(v)}"
        for f, v, n in zip(fields[1:], sched[1:], range(1, len(fields)), strict=True)
        if f in SCHED_FIELDS[kind] and len({o[n] for o in others if o[0] == kind}) > 1
    ]
    return text + (" " + ", ".join(diff) if diff else "")


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
