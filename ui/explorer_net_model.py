"""The explorer's network view: its controls (share-link schema), the study config they describe and the
job that computes it (:mod:`studies.explorer_net`). Kept out of ``pages/explorer.py`` so the page stays
thin and tests can rebuild the same job.
"""

from __future__ import annotations

from typing import Any

import optimizers
from landscapes import data as data_mod
from landscapes import mlp
from studies import explorer_net as en
from ui.progress import JobSpec  # one job record for every lab

from . import widgets
from .url import Param

N_TRAIN = 2048  # the batch lab's training set size; the speed target is set on it
BATCHES = ("full", "16", "32", "64", "128", "256", "512")
PLANES = ("pca", "random")
SLOT = "net_path"  # the page's job slot
FUNC = "studies.explorer_net:run"
AUTOSTART_S = 30.0  # a configuration estimated longer waits for the Run button when it came with a link


def schema() -> list[Param]:
    """The network view's controls (declared only while the view is shown)."""
    d = en.NetConfig()
    return [
        Param("p_data", "choice", d.dataset, choices=data_mod.KINDS),
        Param("p_width", "int", d.width, 2, en.MAX_WIDTH),
        Param("p_depth", "int", d.depth, 1, en.MAX_DEPTH),
        Param("p_act", "choice", d.activation, choices=mlp.ACTIVATIONS),
        Param("p_opt", "choice", d.optimizer, choices=tuple(optimizers.names())),
        widgets.float_param("p_lr", dict(d.hp)["lr"], 1e-4, 1.0, log=True),
        Param("p_batch", "choice", "full", choices=BATCHES),
        Param("p_steps", "int", d.steps, 20, en.MAX_STEPS),
        Param("p_records", "int", d.records, 10, en.MAX_RECORDS),
        Param("p_grid", "int", d.grid, 11, en.MAX_GRID),
        Param("p_seed", "int", d.seed, 0, 99),
        Param("p_plane", "choice", "pca", choices=PLANES),
        Param("p_3d", "bool", False),
    ]


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every control's value: the defaults with ``overrides`` (a preset's, a link's) applied."""
    return {**{p.name: p.default for p in schema()}, **overrides}


def config(v: dict[str, Any]) -> en.NetConfig:
    """The study the controls describe."""
    v = values_with(v)
    return en.NetConfig(
        dataset=v["p_data"],
        n_train=N_TRAIN,
        width=int(v["p_width"]),
        depth=int(v["p_depth"]),
        activation=v["p_act"],
        optimizer=v["p_opt"],
        hp=(("lr", float(v["p_lr"])),),
        batch=0 if v["p_batch"] == "full" else int(v["p_batch"]),
        steps=int(v["p_steps"]),
        records=min(int(v["p_records"]), int(v["p_steps"])),
        seed=int(v["p_seed"]),
        grid=int(v["p_grid"]),
    )


def job(v: dict[str, Any]) -> JobSpec:
    """The view's job; raises ValueError (a message naming the bad value) for a config that cannot run."""
    cfg = config(v)
    en.validate(cfg)
    return JobSpec(SLOT, FUNC, (cfg,), en.estimate_seconds(cfg))


def precomputed_jobs() -> list[JobSpec]:
    """The computations whose results ship with the app (``presets/precomputed/``): the network view's
    default and its presets' (the two presets share one run: the plane is only what is drawn)."""
    import presets

    out: list[JobSpec] = []
    candidates = [{}] + [
        dict(p.values) for p in presets.for_page("explorer") if p.values.get("view") == "network"
    ]
    for v in candidates:
        spec = job(v)
        if spec not in out:
            out.append(spec)
    return out
