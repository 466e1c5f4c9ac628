"""The Regularization lab's controls (share-link schema) and its computations.

Plain Python except one cache decorator: the page reads widgets through ``ui.state`` with
:func:`schema`; :func:`view_job` turns the values into the computation a view needs, which the page
hands to :func:`ui.progress.job` (it runs in a worker process, or comes precomputed for the presets
and the default views: :mod:`studies.store`). The polynomial capacity and the weight-decay surface
take milliseconds and are computed in the page's run (cached).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import landscapes
from landscapes import penalised as pen
from studies import regularization as reg
from studies import regularization_net as rn
from ui.progress import JobSpec  # one job record for every lab
from ui.state import Param
from ui.widgets import float_param

PAGE = "regularization"
VIEWS = ("capacity", "early", "surface", "compare", "sweep")  # the lecture notes' order
CAP_MODELS = ("poly", "mlp_reg", "mlp_cls")
REG_WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
CLS_WIDTHS = (1, 2, 4, 8, 16, 32, 64)
DEGREES = tuple(range(1, 16))  # the polynomial experiment's degrees (poly_capacity's default max_degree)
# which capacities' fits are drawn beside the capacity plot, per model (empty: lowest, best, highest)
SHOWN_PARAM = {"poly": "cap_show_deg", "mlp_reg": "cap_show_w", "mlp_cls": "cap_show_cls"}
N_TRAIN_CHOICES = ("100", "200", "400", "800")
BATCH_CHOICES = ("8", "16", "32", "64", "128", "full")
STEP_CHOICES = ("500", "1000", "2000", "3000", "4000", "6000")
SWEPT = tuple(n for n in rn.REGULARIZERS if n != "batch_norm")
# Each regularizer's default strength when switched on (chosen so that each does something visible
# on the default task; the sweep shows the whole range).
DEFAULT_STRENGTH = {
    "l2": 1e-3,
    "weight_decay": 0.1,
    "l1": 1e-4,
    "dropout": 0.3,
    "input_noise": 0.15,
    "weight_noise": 0.05,
    "label_smoothing": 0.1,
    "mixup": 0.4,
    "batch_norm": 1.0,
}
SURFACES = ("booth", "rosenbrock", "beale", "himmelblau", "matyas", "three_hump_camel", "quadratic")
AUTOSTART_S = 20.0  # settings estimated to take longer do not start from a link by themselves
PRECOMPUTE_OVER_S = 2.0


def strength_param(name: str) -> Param:
    """The strength control of regularizer ``name`` (log scale except the bounded ones)."""
    lo, hi = rn.RANGES[name]
    if name in ("dropout", "label_smoothing"):
        return Param(name, "float", DEFAULT_STRENGTH[name], lo, hi)
    low = {
        "l2": 1e-6,
        "weight_decay": 1e-6,
        "l1": 1e-7,
        "input_noise": 1e-3,
        "weight_noise": 1e-4,
        "mixup": 0.05,
    }[name]
    return float_param(name, DEFAULT_STRENGTH[name], low, hi, log=True)


def schema() -> list[Param]:
    """Every control of the page (names are the share-link parameters)."""
    out = [
        Param("view", "choice", "capacity", choices=VIEWS),
        # 1. capacity
        Param("cap_model", "choice", "poly", choices=CAP_MODELS),
        Param("cap_n", "int", 30, 10, 100),
        Param("cap_noise", "float", 0.3, 0.0, 1.0),
        Param("cap_seeds", "int", 8, 1, 16),
        Param("cap_depth", "int", 1, 1, 3),
        Param("cap_label_noise", "float", 0.2, 0.0, 0.4),
        Param("cap_steps", "choice", "3000", choices=STEP_CHOICES),
        Param("cap_show_deg", "multi", (), choices=tuple(str(d) for d in DEGREES)),
        Param("cap_show_w", "multi", (), choices=tuple(str(w) for w in REG_WIDTHS)),
        Param("cap_show_cls", "multi", (), choices=tuple(str(w) for w in CLS_WIDTHS)),
        # 2. early stopping
        Param("e_label_noise", "float", 0.3, 0.0, 0.45),
        Param("e_width", "int", 64, 8, 128),
        float_param("e_lr", 0.02, 1e-4, 0.1, log=True),
        Param("e_steps", "choice", "3000", choices=STEP_CHOICES),
        Param("e_seeds", "int", 16, 2, 16),
        Param("e_patience", "int", 5, 1, 30),
        Param("e_metric", "choice", "loss", choices=("loss", "error")),
        # 3. the weight-decay surface
        Param("surf", "choice", "booth", choices=SURFACES),
        Param("lam", "float", 5.0, 0.0, 50.0),
        # 4-5. the network task of the comparison and the sweep
        Param("data", "choice", "moons", choices=reg.DATASETS),
        Param("n_train", "choice", "200", choices=N_TRAIN_CHOICES),
        Param("noise", "float", 0.25, 0.0, 1.0),
        Param("label_noise", "float", 0.2, 0.0, 0.45),
        Param("width", "int", 32, 4, 128),
        Param("depth", "int", 2, 1, 3),
        Param("act", "choice", "relu", choices=tuple(rn.ACTIVATIONS)),
        Param("opt", "choice", "adam", choices=reg.OPTIMIZERS),
        float_param("lr", 0.01, 1e-4, 1.0, log=True),
        Param("batch", "choice", "32", choices=BATCH_CHOICES),
        Param("steps", "choice", "2000", choices=STEP_CHOICES),
        Param("seeds", "int", 3, 1, 8),
        Param("pairs", "bool", False),
    ]
    for name in rn.REGULARIZERS:
        out.append(Param(f"on_{name}", "bool", True))
        if name != "batch_norm":
            out.append(strength_param(name))
    out += [
        Param("sw_name", "choice", "weight_decay", choices=SWEPT),
        Param("sw_n", "int", 13, 3, 24),
        Param("sw_seeds", "int", 6, 1, 8),
    ]
    return out


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every control's value: the defaults with ``overrides`` (a preset's values) applied."""
    return {**{p.name: p.default for p in schema()}, **overrides}


def task_of(v: dict[str, Any], seeds: int | None = None) -> reg.Task:
    """The network task of the comparison and the sweep."""
    n = int(v["n_train"])
    batch = n if v["batch"] == "full" else int(v["batch"])
    steps = int(v["steps"])
    return reg.Task(
        dataset=v["data"],
        n_train=n,
        noise=float(v["noise"]),
        label_noise=float(v["label_noise"]),
        width=int(v["width"]),
        depth=int(v["depth"]),
        activation=v["act"],
        optimizer=v["opt"],
        lr=float(v["lr"]),
        batch=batch,
        steps=steps,
        seeds=int(seeds or v["seeds"]),
        records=min(40, steps),
    )


def compare_config(v: dict[str, Any]) -> reg.CompareConfig:
    """The side-by-side comparison of the switched-on regularizers."""
    configs = tuple(
        (name, rn.strengths(**{name: float(v.get(name, 1.0)) if name != "batch_norm" else 1.0}))
        for name in rn.REGULARIZERS
        if v[f"on_{name}"]
    )
    return reg.CompareConfig(task_of(v), configs, bool(v["pairs"]))


def sweep_range(name: str) -> tuple[float, float]:
    """The swept interval of regularizer ``name``."""
    return {
        "l2": (1e-6, 1.0),
        "weight_decay": (1e-6, 1.0),
        "l1": (1e-7, 1e-1),
        "dropout": (0.0, 0.8),
        "input_noise": (1e-3, 1.0),
        "weight_noise": (1e-4, 0.5),
        "label_smoothing": (0.0, 0.45),
        "mixup": (0.05, 8.0),
    }[name]


def sweep_config(v: dict[str, Any]) -> reg.SweepConfig:
    """The sweep of one strength (the others off)."""
    lo, hi = sweep_range(v["sw_name"])
    return reg.SweepConfig(task_of(v, int(v["sw_seeds"])), v["sw_name"], lo, hi, int(v["sw_n"]))


def early_config(v: dict[str, Any]) -> reg.Task:
    """The early-stopping experiment's task."""
    steps = int(v["e_steps"])
    return reg.early_task(
        label_noise=float(v["e_label_noise"]),
        width=int(v["e_width"]),
        lr=float(v["e_lr"]),
        steps=steps,
        seeds=int(v["e_seeds"]),
        records=min(60, steps),
    )


def shown_of(v: dict[str, Any]) -> tuple[int, ...]:
    """The capacities the teacher chose to draw for the current model (empty: the default three;
    the library checks the count: :func:`studies.regularization.choose_shown`)."""
    return tuple(int(c) for c in v[SHOWN_PARAM[v["cap_model"]]])


def capacity_config(v: dict[str, Any]) -> reg.CapacityConfig:
    """The MLP capacity sweep (regression curve or two moons)."""
    steps = int(v["cap_steps"])
    if v["cap_model"] == "mlp_reg":
        return reg.CapacityConfig(
            "regression",
            REG_WIDTHS,
            int(v["cap_depth"]),
            int(v["cap_n"]),
            float(v["cap_noise"]),
            0.0,
            steps=steps,
            seeds=min(int(v["cap_seeds"]), 8),
        )
    return reg.CapacityConfig(
        "moons",
        CLS_WIDTHS,
        int(v["cap_depth"]),
        200,
        0.25,
        float(v["cap_label_noise"]),
        steps=steps,
        seeds=min(int(v["cap_seeds"]), 8),
    )


def view_job(v: dict[str, Any]) -> JobSpec | None:
    """The computation the chosen view needs (None for the ones computed in the page's run).

    Raises:
        ValueError: settings the library refuses (the message names the value).
    """
    view = v["view"]
    if view == "capacity":
        if v["cap_model"] == "poly":
            return None
        c = capacity_config(v)
        reg.check_capacity(c)
        return JobSpec("capacity", "studies.regularization:mlp_capacity", (c,), reg.capacity_estimate(c))
    if view == "early":
        t = early_config(v)
        reg.check_task(t)
        return JobSpec("early", "studies.regularization:early_view", (t,), reg.early_estimate(t))
    if view == "compare":
        c = compare_config(v)
        reg.check_task(c.task)
        return JobSpec("compare", "studies.regularization:compare_view", (c,), reg.compare_estimate(c))
    if view == "sweep":
        c = sweep_config(v)
        reg.check_task(c.task)
        return JobSpec("sweep", "studies.regularization:sweep_view", (c,), reg.sweep_estimate(c))
    return None


def precomputed_jobs() -> list[JobSpec]:
    """The computations whose results ship with the app (``presets/precomputed/``): each view's
    default and every preset that takes over :data:`PRECOMPUTE_OVER_S` seconds."""
    import presets

    values = [values_with({"view": view}) for view in VIEWS]
    values += [values_with(p.values) for p in presets.for_page(PAGE)]
    specs = (view_job(v) for v in values)
    return list(dict.fromkeys(s for s in specs if s is not None and s.estimate > PRECOMPUTE_OVER_S))


RESULT_TYPES = {
    "capacity": reg.MLPCapacity,
    "early": reg.EarlyView,
    "compare": reg.CompareView,
    "sweep": reg.SweepView,
}  # what each slot's job returns


@st.cache_data(show_spinner=False, max_entries=16)
def poly(n_train: int, noise: float, seeds: int, shown: tuple[int, ...] = ()) -> reg.PolyCapacity:
    """The polynomial capacity experiment (milliseconds); ``shown``: the degrees whose fits are drawn."""
    return reg.poly_capacity(n_train=n_train, noise=noise, seeds=seeds, shown=shown)


class SurfaceView(NamedTuple):
    """The weight-decay surface view's data."""

    xs: np.ndarray
    ys: np.ndarray
    z_base: np.ndarray  # (n, n)
    z_pen: np.ndarray
    base_min: tuple  # CriticalPoint of the surface (its lowest minimum)
    pen_min: tuple  # CriticalPoint of the penalised surface nearest the path's end
    lams: np.ndarray  # (L,) the path's strengths
    path: np.ndarray  # (L, 2) the minimum as lambda grows from 0 to the chosen value
    lam: float


@st.cache_data(show_spinner=False, max_entries=32)
def surface_view(name: str, lam: float, n: int = 121) -> SurfaceView:
    """Both surfaces on one grid, their minima (``landscapes.critical_points``) and the path of the
    minimum as lambda grows (:func:`landscapes.penalised.minimum_path`)."""
    s = landscapes.get(name)
    p = pen.penalised(s, lam)
    g0, g1 = landscapes.grid(s, n), landscapes.grid(p, n)
    base = [c for c in landscapes.critical_points(s) if c.kind == "minimum"][0]
    lams = np.linspace(0.0, lam, 41)
    path = pen.minimum_path(s, base.xy, lams)
    mins = [c for c in landscapes.critical_points(p) if c.kind == "minimum"]
    end = path[-1]
    pen_min = min(mins, key=lambda c: np.hypot(c.xy[0] - end[0], c.xy[1] - end[1]))
    return SurfaceView(g0.x, g0.y, g0.z, g1.z, base, pen_min, lams, path, float(lam))


def warm_defaults() -> None:
    """Compile the weight-decay surface of the default surface (its preset opens there; ~7 s cold on
    2 loaded cores, ~0.15 s warm). The landing view is least squares in NumPy and the network views
    ship precomputed: nothing else to compile ahead."""
    sch = {p.name: p for p in schema()}
    surface_view.__wrapped__(sch["surf"].default, float(sch["lam"].default))
