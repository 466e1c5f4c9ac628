"""The Activations lab's controls (share-link schema) and its computations.

Plain Python except one cache decorator: :func:`schema` lists every control; the ``*_config``
functions turn control values into the studies' configs, and :func:`view_job` into the job a view
runs (:func:`ui.progress.job`: a worker process, or a result shipped precomputed for the presets and
the default views, :mod:`studies.store`). The selected pair of the signal view (~0.5 s) and the
input-normalization surfaces (NumPy, milliseconds) are computed in the page's own process.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import optimizers
from landscapes import activations as acts
from landscapes import data as data_mod
from studies import store
from studies.activations import dying, inputs, linear, norm, training
from studies.activations import signal as sg
from ui.progress import JobSpec  # one job record for every lab
from ui.state import Param
from ui.widgets import float_param

PAGE = "activations"
# the lecture's order: data normalization, activation functions and initialization, non-linearity,
# dying ReLU, batch normalization
VIEWS = ("inputs", "signal", "training", "linear", "dying", "norm")
DEFAULT_VIEW = "signal"
LR_CHOICES = ("0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
BIAS_CHOICES = ("-1", "-0.5", "-0.1", "0", "0.1", "0.5", "1")
# Each initializer's variance and uniform bound (g: the gain; square layers as in the signal view).
FORMULAS = {
    "lecun": r"\mathrm{Var}(W) = \frac{g^2}{n_{in}}, \qquad a = g\sqrt{\frac{3}{n_{in}}}",
    "xavier": r"\mathrm{Var}(W) = g^2\,\frac{2}{n_{in} + n_{out}}, "
    r"\qquad a = g\sqrt{\frac{6}{n_{in} + n_{out}}}",
    "he": r"\mathrm{Var}(W) = g^2\,\frac{2}{n_{in}}, \qquad a = g\sqrt{\frac{6}{n_{in}}}",
}
AUTOSTART_S = 20.0  # a configuration estimated longer does not start from a link by itself
PRECOMPUTE_OVER_S = 2.0


def schema() -> list[Param]:
    """Every control of the page (names are the share-link parameters)."""
    opts = tuple(optimizers.names())
    return [
        Param("view", "choice", DEFAULT_VIEW, choices=VIEWS),
        # signal at initialization
        Param("act", "choice", "tanh", choices=acts.ACTIVATIONS),
        Param("init", "choice", "xavier", choices=acts.INITS),
        Param("dist", "choice", "normal", choices=acts.DISTS),
        float_param("gain", 1.0, 0.25, sg.MAX_GAIN),
        float_param("sigma_b", 0.0, 0.0, sg.MAX_SIGMA_B),
        Param("depth", "int", 50, 2, sg.MAX_DEPTH),
        Param("width", "choice", "512", choices=("64", "128", "256", "512")),
        Param("inputs", "choice", "1024", choices=tuple(str(n) for n in sg.INPUT_CHOICES)),
        Param("seed", "int", 0, 0, 9),
        # training
        Param("t_data", "choice", "moons", choices=data_mod.KINDS),
        Param("t_n", "choice", "512", choices=("256", "512", "1024", "2048")),
        Param("t_act", "choice", "sigmoid", choices=acts.ACTIVATIONS),
        Param("t_init", "choice", "xavier", choices=acts.INITS),
        float_param("t_gain", 1.0, 0.25, 2.0),
        Param("t_depth", "choice", "10", choices=("2", "4", "6", "8", "10", "15", "20")),
        Param("t_width", "choice", "64", choices=("16", "32", "64", "128")),
        Param("t_opt", "choice", "sgd", choices=opts),
        float_param("t_lr", 0.1, 1e-4, 3.0, log=True),
        Param("t_batch", "choice", "64", choices=("16", "32", "64", "128", "256")),
        Param("t_steps", "choice", "1000", choices=tuple(str(s) for s in training.STEP_CHOICES)),
        # why non-linearity
        Param("l_act", "choice", "tanh", choices=acts.ACTIVATIONS),
        Param("l_depth", "int", 3, 1, 6),
        Param("l_width", "choice", "16", choices=("4", "8", "16", "32")),
        Param("l_steps", "choice", "1000", choices=("200", "500", "1000", "2000")),
        # input normalization
        float_param("i_scale", 10.0, 1.0, 100.0, log=True),
        float_param("i_corr", 0.0, -0.9, 0.9),
        float_param("i_c", 1.5, 0.1, 2.2),
        Param("i_steps", "int", 200, 10, 1000),
        # dying ReLU
        Param("d_depth", "choice", "8", choices=("2", "4", "8")),
        Param("d_width", "choice", "16", choices=("8", "16", "32")),
        Param("d_lrs", "multi", ("0.01", "0.03", "0.1", "0.3", "1"), choices=LR_CHOICES),
        Param("d_biases", "multi", ("-0.5", "-0.1", "0", "0.1", "0.5"), choices=BIAS_CHOICES),
        Param("d_seeds", "int", 4, 1, 8),
        Param("d_steps", "choice", "1000", choices=("200", "500", "1000", "2000")),
        Param("d_pick_lr", "choice", "1", choices=LR_CHOICES),
        Param("d_pick_bias", "choice", "0", choices=BIAS_CHOICES),
        # normalization layers
        Param("n_act", "choice", "relu", choices=acts.ACTIVATIONS),
        Param("n_init", "choice", "lecun", choices=acts.INITS),
        Param("n_depth", "choice", "10", choices=("4", "6", "10", "15", "20")),
        Param("n_width", "choice", "32", choices=("16", "32", "64")),
        Param("n_steps", "choice", "500", choices=("200", "500", "1000")),
        Param("n_seeds", "int", 2, 1, 4),
        Param("n_pick_lr", "choice", "0.1", choices=LR_CHOICES),
    ]


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every control's value: the defaults with ``overrides`` (a preset's values) applied."""
    return {**{p.name: p.default for p in schema()}, **overrides}


def signal_config(v: dict[str, Any]) -> sg.SignalConfig:
    """The network at initialization that the control values describe."""
    return sg.SignalConfig(
        v["act"],
        v["init"],
        v["dist"],
        float(v["gain"]),
        float(v["sigma_b"]),
        int(v["depth"]),
        int(v["width"]),
        int(v["inputs"]),
        int(v["seed"]),
    )


def train_config(v: dict[str, Any]) -> training.TrainConfig:
    """The training run of the control values (the batch is capped at the training-set size)."""
    n = int(v["t_n"])
    return training.TrainConfig(
        dataset=v["t_data"],
        n_train=n,
        width=int(v["t_width"]),
        depth=int(v["t_depth"]),
        activation=v["t_act"],
        init=v["t_init"],
        gain=float(v["t_gain"]),
        optimizer=v["t_opt"],
        lr=float(v["t_lr"]),
        batch=min(int(v["t_batch"]), n),
        steps=int(v["t_steps"]),
    )


def linear_config(v: dict[str, Any]) -> linear.LinearConfig:
    """The why-non-linearity comparison of the control values."""
    return linear.LinearConfig(
        width=int(v["l_width"]), depth=int(v["l_depth"]), activation=v["l_act"], steps=int(v["l_steps"])
    )


def inputs_config(v: dict[str, Any]) -> inputs.InputsConfig:
    """The input-normalization comparison of the control values."""
    return inputs.InputsConfig(
        scale=float(v["i_scale"]), corr=float(v["i_corr"]), c=float(v["i_c"]), steps=int(v["i_steps"])
    )


def _nearest(value: str, grid: tuple[float, ...]) -> float:
    """The grid value closest to ``value`` (the picked run must be one of the grid's)."""
    x = float(value)
    return min(grid, key=lambda g: abs(g - x))


def dying_config(v: dict[str, Any]) -> dying.DyingConfig:
    """The dying-ReLU study of the control values (an empty grid falls back to the defaults; the
    picked run snaps to the nearest rate and bias in the grid)."""
    d = dying.DyingConfig()
    lrs = tuple(sorted(float(x) for x in v["d_lrs"])) or d.lrs
    biases = tuple(sorted(float(x) for x in v["d_biases"])) or d.biases
    return d._replace(
        depth=int(v["d_depth"]),
        width=int(v["d_width"]),
        lrs=lrs,
        biases=biases,
        seeds=int(v["d_seeds"]),
        steps=int(v["d_steps"]),
        pick_lr=_nearest(v["d_pick_lr"], lrs),
        pick_bias=_nearest(v["d_pick_bias"], biases),
    )


def norm_config(v: dict[str, Any]) -> norm.NormConfig:
    """The normalization-layer comparison of the control values."""
    d = norm.NormConfig()
    return d._replace(
        activation=v["n_act"],
        init=v["n_init"],
        depth=int(v["n_depth"]),
        width=int(v["n_width"]),
        steps=int(v["n_steps"]),
        seeds=int(v["n_seeds"]),
        pick_lr=_nearest(v["n_pick_lr"], d.lrs),
    )


def pairs_job(v: dict[str, Any]) -> JobSpec:
    """Every activation x initializer pair of the signal view's network (its own pair is ignored, so
    changing the activation or init does not recompute it)."""
    cfg = signal_config(v)._replace(activation="tanh", init="xavier")
    sg.validate(cfg)
    n_pairs = len(acts.ACTIVATIONS) * (len(acts.INITS) - 1)
    return JobSpec(
        "pairs",
        "studies.activations.signal:propagate_all",
        (cfg,),
        sg.estimate_seconds(cfg, n_pairs, sg.GRID_PRODUCTS),
    )


def training_job(v: dict[str, Any]) -> JobSpec:
    cfg = train_config(v)
    training.validate(cfg)
    return JobSpec("training", "studies.activations.training:run", (cfg,), training.estimate_seconds(cfg))


def linear_job(v: dict[str, Any]) -> JobSpec:
    cfg = linear_config(v)
    linear.validate(cfg)
    return JobSpec("linear", "studies.activations.linear:run", (cfg,), 2.0 + cfg.steps * 2e-3)


def dying_job(v: dict[str, Any]) -> JobSpec:
    cfg = dying_config(v)
    dying.validate(cfg)
    return JobSpec("dying", "studies.activations.dying:run", (cfg,), dying.estimate_seconds(cfg))


def norm_job(v: dict[str, Any]) -> JobSpec:
    cfg = norm_config(v)
    norm.validate(cfg)
    return JobSpec("norm", "studies.activations.norm:run", (cfg,), norm.estimate_seconds(cfg))


JOBS = {
    "signal": pairs_job,
    "training": training_job,
    "linear": linear_job,
    "dying": dying_job,
    "norm": norm_job,
}


def view_job(v: dict[str, Any]) -> JobSpec | None:
    """The job the chosen view runs (None for the input-normalization view, which needs none)."""
    make = JOBS.get(v["view"])
    return None if make is None else make(v)


SIGNAL_FUNC = "studies.activations.signal:propagate_one"


def precomputed_jobs() -> list[JobSpec]:
    """The computations whose results ship with the app (``presets/precomputed/``): each view's
    default and every preset's, when estimated over :data:`PRECOMPUTE_OVER_S` seconds, and the
    selected pair of the signal view's default and presets (compiling it is the first visitor's
    slowest step)."""
    import presets

    candidates = [values_with({"view": view}) for view in VIEWS]
    candidates += [values_with(p.values) for p in presets.for_page(PAGE)]
    out: list[JobSpec] = []
    for v in candidates:
        spec = view_job(v)
        if spec is not None and spec.estimate > PRECOMPUTE_OVER_S and spec not in out:
            out.append(spec)
        if v["view"] == "signal":
            one = JobSpec(
                "signal", SIGNAL_FUNC, (signal_config(v),), sg.estimate_seconds(signal_config(v), 1)
            )
            if one not in out:
                out.append(one)
    return out


@st.cache_data(show_spinner=False, max_entries=32)
def signal_pair(cfg: sg.SignalConfig) -> sg.Propagation:
    """The selected pair's statistics (stored for the default view and the presets)."""
    stored = store.lookup(SIGNAL_FUNC, (cfg,))
    return stored if stored is not None else sg.propagate_one(cfg)


@st.cache_data(show_spinner=False, max_entries=32)
def input_surfaces(cfg: inputs.InputsConfig) -> inputs.InputsView:
    """Both input-normalization surfaces and descents."""
    return inputs.run(cfg)


def warm_defaults() -> None:
    """Compile the signal view's program for its default width and inputs (server start-up)."""
    v = values_with({})
    sg.propagate(signal_config(v)._replace(depth=2))


def verdict_groups(p: sg.Propagation) -> dict[str, list[str]]:
    """Pairs by what happens over the depth: "both" kept, signal vanished, signal exploded, gradient
    vanished, gradient exploded (a pair can be in two groups); each pair as "activation + init"."""
    out: dict[str, list[str]] = {
        "both": [],
        "sig_vanishes": [],
        "sig_explodes": [],
        "grad_vanishes": [],
        "grad_explodes": [],
    }
    for k, (a, i) in enumerate(zip(p.activations, p.inits, strict=True)):
        v = sg.verdict(p, k)
        name = f"{a}+{i}"
        if v.signal == "kept" and v.gradient == "kept":
            out["both"].append(name)
        if v.signal != "kept":
            out[f"sig_{v.signal}"].append(name)
        if v.gradient != "kept":
            out[f"grad_{v.gradient}"].append(name)
    return out


def optimizer_title(name: str) -> str:
    """Display name of a registered optimizer."""
    return optimizers.get(name).title
