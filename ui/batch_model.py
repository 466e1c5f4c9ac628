"""The Batch-size lab's controls (share-link schema) and its computations.

Plain Python except one cache decorator: the page reads widgets through ``ui.state`` with
:func:`schema`; :func:`view_job` turns the values into the computation the view needs, which the
page hands to :func:`ui.progress.job` (it runs in a worker process, or comes precomputed for the
presets and the default view: :mod:`studies.store`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import streamlit as st

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from studies import batch
from ui.progress import JobSpec  # one job record for every lab
from ui.url import Param
from ui.widgets import float_param

PAGE = "batch_lab"
VIEWS = ("network", "basins", "concept")
# the network study's figures: one is drawn at a time (and named in the link), so a visitor's first
# view sends and renders one chart group instead of all six (issue #9: first view <= 3 s)
FIGS = ("curves", "gap", "sharp", "interp", "slices", "bounds")
BATCH_CHOICES = ("4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048", "4096")
N_TRAIN_CHOICES = ("128", "256", "512", "1024", "2048", "4096")
STEP_CHOICES = ("50", "100", "200", "500", "1000", "2000", "4000", "8000", "16384")
BASIN_BATCHES = ("1", "2", "3", "4", "6", "8", "16", "32", "64", "128")


def schema() -> list[Param]:
    """Every control of the page (names are the share-link parameters)."""
    return [
        Param("view", "choice", "network", choices=VIEWS),
        Param("fig", "choice", "curves", choices=FIGS),
        # network study
        Param("data", "choice", "moons", choices=data_mod.KINDS),
        Param("n_train", "choice", "2048", choices=N_TRAIN_CHOICES),
        Param("noise", "float", 0.2, 0.0, 1.0),
        Param("label_noise", "float", 0.1, 0.0, 0.5),
        Param("width", "int", 32, 2, 128),
        Param("depth", "int", 2, 1, 4),
        Param("act", "choice", "tanh", choices=mlp.ACTIVATIONS),
        Param("init", "choice", "lecun", choices=mlp.INITS),
        Param("opt", "choice", "adam", choices=tuple(optimizers.names())),
        float_param("lr", 1e-3, 1e-5, 1.0, log=True),
        float_param("rho", 0.05, 1e-3, 1.0, log=True),
        Param("scaling", "choice", "none", choices=batch.LR_SCALINGS),
        Param("batches", "multi", ("16", "32", "64", "256", "1024", "2048"), choices=BATCH_CHOICES),
        Param("seeds", "int", 4, 1, 8),
        Param("steps", "choice", "2000", choices=STEP_CHOICES),
        Param("sym", "bool", False),
        # two-basin surface
        Param("b_noise", "float", 4.0, 0.0, 20.0),
        float_param("b_lr", 0.05, 1e-3, 0.07, log=True),
        Param("b_rho", "float", 0.5, 0.0, 2.0),
        Param("b_seeds", "int", 40, 10, 400),
        Param("b_steps", "choice", "1000", choices=("500", "1000", "2000", "5000")),
        Param("b_start", "choice", "sharp", choices=batch.BASIN_STARTS),
        Param("b_batches", "multi", ("1", "2", "4", "8", "128"), choices=BASIN_BATCHES),
        # concept
        Param("c_shift", "float", 0.25, -1.0, 1.0),
        Param("c_sharp", "float", 0.15, 0.05, 0.9),
    ]


def study_config(v: dict[str, Any]) -> batch.StudyConfig:
    """The network study that the control values describe (batch sizes above n_train are dropped)."""
    n_train = int(v["n_train"])
    sizes = tuple(sorted({int(b) for b in v["batches"] if int(b) <= n_train}))
    hp: tuple[tuple[str, float], ...] = (("lr", float(v["lr"])),)
    if optimizers.get(v["opt"]).family == "sam":  # the page's radius control is SAM's rho
        hp += (("rho", float(v["rho"])),)
    steps = int(v["steps"])
    return batch.StudyConfig(
        dataset=v["data"],
        n_train=n_train,
        n_test=n_train,
        noise=float(v["noise"]),
        label_noise=float(v["label_noise"]),
        width=int(v["width"]),
        depth=int(v["depth"]),
        activation=v["act"],
        init=v["init"],
        optimizer=v["opt"],
        hp=hp,
        lr_scaling=v["scaling"],
        batch_sizes=sizes,
        seeds=int(v["seeds"]),
        steps=steps,
        records=min(40, steps),
    )


class BasinConfig(NamedTuple):
    """The two-basin experiment (hashable: a cache key)."""

    noise: float
    lr: float
    rho: float
    seeds: int
    steps: int
    start: str
    batch_sizes: tuple[int, ...]


def basin_config(v: dict[str, Any]) -> BasinConfig:
    """The two-basin experiment that the control values describe."""
    sizes = tuple(sorted({int(b) for b in v["b_batches"]})) or (1, 128)
    return BasinConfig(
        float(v["b_noise"]),
        float(v["b_lr"]),
        float(v["b_rho"]),
        int(v["b_seeds"]),
        int(v["b_steps"]),
        v["b_start"],
        sizes,
    )


AUTOSTART_S = 20.0  # settings estimated to take longer do not start from a link by themselves


def network_job(v: dict[str, Any]) -> JobSpec:
    """The network study of the control values (raises ValueError for settings that cannot run)."""
    cfg = study_config(v)
    batch.validate(cfg)
    est = batch.check_budget(cfg)
    return JobSpec("network", "studies.batch:network_view", (cfg, bool(v["sym"])), est)


def basin_job(v: dict[str, Any]) -> JobSpec:
    """The two-basin experiment of the control values."""
    c = basin_config(v)
    args = (c.batch_sizes, c.lr, c.rho, c.seeds, c.steps, c.noise, c.start)
    est = batch.basin_estimate_seconds(len(c.batch_sizes), c.seeds, c.steps)
    return JobSpec("basins", "studies.batch:basin_view", args, est)


def view_job(v: dict[str, Any]) -> JobSpec | None:
    """The computation the chosen view needs (None for the concept view, which needs none)."""
    return {"network": network_job, "basins": basin_job}.get(v["view"], lambda _: None)(v)


PRECOMPUTE_OVER_S = 2.0  # presets and default views estimated longer than this ship their results


def precomputed_jobs() -> list[JobSpec]:
    """The computations whose results ship with the app (``presets/precomputed/``): each view's
    default and every preset that takes over :data:`PRECOMPUTE_OVER_S` seconds."""
    import presets

    candidates = [values_with({"view": view}) for view in VIEWS]
    candidates += [values_with(p.values) for p in presets.for_page(PAGE)]
    out: list[JobSpec] = []
    for v in candidates:
        spec = view_job(v)
        if spec is not None and spec.estimate > PRECOMPUTE_OVER_S and spec not in out:
            out.append(spec)
    return out


SHARPER = 1.2  # one minimum counts as sharper than another when its top eigenvalue is 20% larger
GAP_DIFF = 0.02  # a generalization gap counts as larger or smaller when it differs by more (loss units)


def verdict_keys(e_small: float, e_large: float, g_small: float, g_large: float) -> tuple[str, str]:
    """How the largest batch compares with the smallest: ("sharper" | "flatter" | "same",
    "larger" | "smaller" | "same"), from the mean top eigenvalues and the mean gaps."""
    sharp = "sharper" if e_large > SHARPER * e_small else "flatter" if e_small > SHARPER * e_large else "same"
    gap = "larger" if g_large > g_small + GAP_DIFF else "smaller" if g_large < g_small - GAP_DIFF else "same"
    return sharp, gap


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every control's value: the defaults with ``overrides`` (a preset's values) applied."""
    return {**{p.name: p.default for p in schema()}, **overrides}


@st.cache_data(show_spinner=False, max_entries=4)
def surface_grid(n: int = 120):
    """The two-basin surface on a grid, for the end-point map."""
    import landscapes

    g = landscapes.grid(batch.sharp_flat_surface(), n)
    return g.x, g.y, g.z


def optimizer_title(name: str) -> str:
    """Display name of a registered optimizer."""
    return optimizers.get(name).title
