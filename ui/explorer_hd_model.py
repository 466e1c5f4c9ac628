"""The Landscape explorer's high-dimension view ("hd"): its controls (share-link schema) and its job.

The experiment (:func:`studies.explorer_hd.run`) takes seconds, so it runs as a job
(:func:`ui.progress.result`: a worker process with a progress bar), and the default view's and the
presets' results ship precomputed (``presets/precomputed/``, :func:`precomputed_jobs`).
"""

from __future__ import annotations

from typing import Any

from studies import explorer_hd as hd

from .progress import JobSpec
from .url import Param

VIEW = "hd"
FUNC = "studies.explorer_hd:run"
SLOT = "hd"
AUTOSTART_S = 20.0  # a configuration estimated longer does not start from a link by itself
PRECOMPUTE_OVER_S = 2.0  # the default view and presets estimated longer ship their results
D = hd.HDConfig()


def schema() -> list[Param]:
    """The view's controls (appended to the page's base schema)."""
    return [
        Param("hd_family", "choice", D.family, choices=hd.FAMILIES),
        Param("hd_nmin", "int", D.n_min, 1, hd.MAX_DIM),
        Param("hd_nmax", "int", D.n_max, 1, hd.MAX_DIM),
        Param("hd_functions", "int", D.functions, 1, 64),
        Param("hd_seeds", "int", D.seeds, 4, 256),
        Param("hd_seed", "int", D.seed, 0, 999),
        Param("hd_mlp", "bool", True),
        Param("hd_data", "choice", D.mlp_data, choices=hd.MLP_DATA),
        Param("hd_width", "int", D.mlp_width, 2, 8),
        Param("hd_starts", "int", D.mlp_starts, 8, 256),
    ]


def config(v: dict[str, Any]) -> hd.HDConfig:
    """The experiment the control values describe (validated: a ValueError names what is wrong)."""
    cfg = hd.HDConfig(
        n_min=int(v["hd_nmin"]),
        n_max=int(v["hd_nmax"]),
        family=str(v["hd_family"]),
        functions=int(v["hd_functions"]),
        seeds=int(v["hd_seeds"]),
        seed=int(v["hd_seed"]),
        goe_samples=D.goe_samples,
        mlp_data=str(v["hd_data"]),
        mlp_width=int(v["hd_width"]),
        mlp_starts=int(v["hd_starts"]) if v["hd_mlp"] else 0,
    )
    return hd.validate(cfg)


def job(v: dict[str, Any]) -> JobSpec:
    cfg = config(v)
    return JobSpec(SLOT, FUNC, (cfg,), hd.estimate_seconds(cfg))


def values_with(overrides: dict[str, Any]) -> dict[str, Any]:
    """The view's control values: defaults, then ``overrides`` (a preset's)."""
    v = {p.name: p.default for p in schema()}
    v.update({k: val for k, val in overrides.items() if k in v})
    return v


def precomputed_jobs() -> list[JobSpec]:
    """The default view's job and every hd preset's, when estimated over :data:`PRECOMPUTE_OVER_S`."""
    import presets

    candidates = [values_with({})]
    candidates += [
        values_with(p.values) for p in presets.for_page("explorer") if p.values.get("view") == VIEW
    ]
    out: list[JobSpec] = []
    for v in candidates:
        spec = job(v)
        if spec.estimate > PRECOMPUTE_OVER_S and spec not in out:
            out.append(spec)
    return out
