"""The Batch-size lab's controls (share-link schema) and cached calls into ``studies.batch``.

Everything here is plain Python except the two cache decorators: the page reads widgets through
``ui.state`` with :func:`schema`, turns the values into configs with :func:`study_config` and
:func:`basin_config`, and calls the cached functions below.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from studies import batch
from ui.state import Param
from ui.widgets import float_param

PAGE = "batch_lab"
VIEWS = ("network", "basins", "concept")
BATCH_CHOICES = ("4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048", "4096")
N_TRAIN_CHOICES = ("128", "256", "512", "1024", "2048", "4096")
STEP_CHOICES = ("50", "100", "200", "500", "1000", "2000", "4000", "8000", "16384")
BASIN_BATCHES = ("1", "2", "3", "4", "6", "8", "16", "32", "64", "128")
STUDY_OPTIMIZERS = ("sgd", "momentum", "nag", "rmsprop", "adam", "adamw", "nadam", "sam")


def schema() -> list[Param]:
    """Every control of the page (names are the share-link parameters)."""
    return [
        Param("view", "choice", "network", choices=VIEWS),
        # network study
        Param("data", "choice", "moons", choices=data_mod.KINDS),
        Param("n_train", "choice", "2048", choices=N_TRAIN_CHOICES),
        Param("noise", "float", 0.2, 0.0, 1.0),
        Param("label_noise", "float", 0.1, 0.0, 0.5),
        Param("width", "int", 32, 2, 128),
        Param("depth", "int", 2, 1, 4),
        Param("act", "choice", "tanh", choices=mlp.ACTIVATIONS),
        Param("init", "choice", "lecun", choices=mlp.INITS),
        Param("opt", "choice", "adam", choices=STUDY_OPTIMIZERS),
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
    if v["opt"] == "sam":
        hp += (("rho", float(v["rho"])),)
    steps = int(v["steps"])
    return batch.StudyConfig(
        dataset=v["data"], n_train=n_train, n_test=n_train, noise=float(v["noise"]),
        label_noise=float(v["label_noise"]), width=int(v["width"]), depth=int(v["depth"]),
        activation=v["act"], init=v["init"], optimizer=v["opt"], hp=hp, lr_scaling=v["scaling"],
        batch_sizes=sizes, seeds=int(v["seeds"]), steps=steps, records=min(40, steps),
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
    return BasinConfig(float(v["b_noise"]), float(v["b_lr"]), float(v["b_rho"]), int(v["b_seeds"]),
                       int(v["b_steps"]), v["b_start"], sizes)


class StudyOut(NamedTuple):
    """Everything the network view draws (NumPy only)."""

    result: batch.StudyResult
    sharp: batch.Sharpness
    interp: batch.Interpolation | None  # None with a single batch size
    slices: batch.Slices
    grid_axes: tuple
    grid_values: np.ndarray
    x_train: np.ndarray
    y_train: np.ndarray
    summary: dict[str, np.ndarray]


@st.cache_data(show_spinner=False, max_entries=16)
def run_study(cfg: batch.StudyConfig, symmetric: bool, _progress=None) -> StudyOut:
    """Train the study and measure everything the page shows (cached per config).

    Args:
        cfg: the study.
        symmetric: use the symmetric epsilon-sharpness.
        _progress: ``progress(fraction, text)`` (not part of the cache key).
    """
    ds = batch.make_data(cfg)
    n_b = len(cfg.batch_sizes)

    def on_batch(done: int, total: int, b: int) -> None:
        if _progress is not None:
            _progress(0.8 * done / total, ("train", b, done, total))

    res = batch.run_study(cfg, progress=on_batch, ds=ds)
    if _progress is not None:
        _progress(0.82, ("measure", 0, 0, 0))
    sharp = batch.measure_sharpness(res, ds, symmetric=symmetric)
    interp = batch.interpolation(res, ds) if n_b > 1 else None
    if _progress is not None:
        _progress(0.9, ("slices", 0, 0, 0))
    sl = batch.slices_2d(res, ds, n=25, span=1.0)
    axes, values = batch.decision_grids(res, ds, n=60)
    return StudyOut(res, sharp, interp, sl, axes, values, ds.x_train, ds.y_train, batch.summary(res, sharp))


@st.cache_data(show_spinner=False, max_entries=16)
def run_basins(cfg: BasinConfig) -> batch.BasinFractions:
    """The two-basin experiment: SGD and SAM at each batch size (cached per config)."""
    runs = (("sgd", {"lr": cfg.lr}), ("sam", {"lr": cfg.lr, "rho": cfg.rho}))
    return batch.basin_fractions(batch_sizes=cfg.batch_sizes, runs=runs, n_seeds=cfg.seeds, steps=cfg.steps,
                                 noise=cfg.noise, start=cfg.start)


@st.cache_data(show_spinner=False, max_entries=4)
def surface_grid(n: int = 120):
    """The two-basin surface on a grid, for the end-point map."""
    import landscapes

    g = landscapes.grid(batch.sharp_flat_surface(), n)
    return g.x, g.y, g.z


def optimizer_title(name: str) -> str:
    """Display name of a registered optimizer."""
    return optimizers.get(name).title
