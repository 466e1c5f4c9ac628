"""``simulate``: the friendly front of the compiled runner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from . import registry, runner
from .base import Aux
from .runner import ESCAPE_FACTOR, N_SAMPLES, Group, LimitError
from .schedules import Schedule


class RunSpec(NamedTuple):
    """One run, fully resolved."""

    optimizer: str
    hp: dict[str, float]
    start: tuple[float, ...]
    schedule: Schedule
    batch_size: int  # N_SAMPLES = exact gradient
    noise: float  # std of the per-sample gradient offsets
    seed: int
    steps: int


class SimResult(NamedTuple):
    """What :func:`simulate` returns. Leading axis: runs, in the order they were requested."""

    runs: tuple[RunSpec, ...]
    path: np.ndarray | None  # (R, T+1, d): path[:, 0] is the start, path[:, k] after k updates
    loss: np.ndarray | None  # (R, T+1)
    grad_norm: np.ndarray | None  # (R, T+1): norm of the exact gradient at path[:, k]
    aux: Aux | None  # each (R, T+1, d): aux[:, k] is the step from path[:, k] to path[:, k+1]
    diverged_at: np.ndarray  # (R,) first step with a non-finite or out-of-range loss/position; -1
    hit_at: np.ndarray  # (R,) first step with loss <= target; -1 if never
    final_w: np.ndarray  # (R, d) last position before any divergence
    final_loss: np.ndarray  # (R,)
    steps: np.ndarray  # (R,) steps each run takes (differs per run in budget mode)
    grad_evals: np.ndarray  # (R,) gradient evaluations per step

    @property
    def names(self) -> list[str]:
        return [r.optimizer for r in self.runs]


def _as_spec(item: Any) -> tuple[str, Mapping[str, float], Mapping[str, Any]]:
    if isinstance(item, str):
        return item, {}, {}
    if isinstance(item, Mapping):
        item = dict(item)
        name = item.pop("optimizer")
        return name, item.pop("hp", {}) or {}, item
    if isinstance(item, (tuple, list)) and 1 <= len(item) <= 3:
        name = item[0]
        hp = item[1] if len(item) > 1 else {}
        extra = item[2] if len(item) > 2 else {}
        return name, hp or {}, extra or {}
    raise ValueError(f"Cannot read run {item!r}; give (name, hyperparameters) or a dict")


def resolve(
    landscape,
    runs: Sequence[Any],
    *,
    start=None,
    steps: int = 500,
    schedule: Schedule | None = None,
    batch_size: int | None = None,
    noise: float = 0.0,
    seed: int = 0,
    budget: int | None = None,
) -> list[RunSpec]:
    """Validate and complete every run; raises ValueError (LimitError for limits) with a clear message."""
    if not runs:
        raise LimitError("at least one run is needed")
    if len(runs) > runner.MAX_RUNS:
        raise LimitError(f"{len(runs)} runs exceed the limit of {runner.MAX_RUNS} runs per call")
    out = []
    for item in runs:
        name, hp, extra = _as_spec(item)
        opt = registry.get(name)
        unknown = set(extra) - {"start", "schedule", "batch_size", "noise", "seed", "steps"}
        if unknown:
            raise ValueError(f"Unknown run option(s) {sorted(unknown)} for {name}")
        s0 = extra.get("start", start if start is not None else landscape.start)
        s0 = tuple(float(v) for v in s0)
        if len(s0) != 2 or not all(np.isfinite(s0)):
            raise ValueError(f"start must be two finite numbers, got {s0!r}")
        sch = extra.get("schedule", schedule) or Schedule()
        if isinstance(sch, Mapping):
            sch = Schedule(**sch)
        sch.validate()
        b = extra.get("batch_size", batch_size)
        b = N_SAMPLES if b is None else int(b)
        if not 1 <= b <= N_SAMPLES:
            raise ValueError(
                f"batch_size = {b} is outside [1, {N_SAMPLES}] (the surface has {N_SAMPLES} samples)"
            )
        nz = float(extra.get("noise", noise))
        if not (0.0 <= nz <= 1e3):
            raise ValueError(f"noise = {nz:g} is outside [0, 1000]")
        n = extra.get("steps", steps if budget is None else int(budget) // opt.grad_evals)
        if budget is not None and n < 1:
            raise LimitError(
                f"budget = {budget} is too small for {name} "
                f"({opt.grad_evals} gradient evaluations per step)"
            )
        runner.check_limits(1, int(n), "final")
        out.append(
            RunSpec(name, opt.validate(hp), s0, sch, b, nz, int(extra.get("seed", seed)) % 2**32, int(n))
        )
    return out


def simulate(
    landscape,
    runs: Sequence[Any],
    start=None,
    steps: int = 500,
    *,
    schedule: Schedule | None = None,
    batch_size: int | None = None,
    noise: float = 0.0,
    seed: int = 0,
    budget: int | None = None,
    tol: float = 1e-3,
    record: str = "full",
    dtype=jnp.float32,
) -> SimResult:
    """Run several optimizers on one surface in a single compiled call.

    Args:
        landscape: a :class:`landscapes.Landscape`.
        runs: each ``(name, hyperparameters)``, ``(name, hyperparameters, options)`` or a dict with
            ``optimizer``, ``hp`` and any option; options override the keyword defaults below per run:
            ``start``, ``schedule``, ``batch_size``, ``noise``, ``seed``, ``steps``.
        start: default start (x, y); the landscape's own start if None.
        steps: updates per run (1 .. 20,000).
        schedule: learning-rate schedule (constant if None).
        batch_size: mini-batch size B of N_SAMPLES = 128 per-sample losses
            f_i(w) = f(w) + noise * u_i . w (u_i centred, unit variance); None or 128 is exact.
        noise: std of the per-sample gradient offsets.
        seed: seed of the samples and of the batch draws.
        budget: if given, every run gets ``budget // gradient evaluations per step`` steps, so
            all spend the same number of gradient evaluations (SAM's step costs 2).
        tol: a run has arrived when loss <= known minimum + tol (``hit_at``).
        record: "full" (paths, losses, gradient norms, overlays), "path" (paths and losses) or
            "final" (the summary fields only).
        dtype: jnp.float32 (default) or jnp.float64 (needs jax x64 enabled).

    Returns:
        :class:`SimResult`.

    Raises:
        ValueError: unknown names, out-of-range values; LimitError (a ValueError) past a limit.
    """
    specs = resolve(
        landscape, runs, start=start, steps=steps, schedule=schedule, batch_size=batch_size,
        noise=noise, seed=seed, budget=budget,
    )
    n_steps = max(s.steps for s in specs)
    runner.check_limits(len(specs), n_steps, record, dim=2)
    if jnp.dtype(dtype) == jnp.float64 and not jax.config.jax_enable_x64:
        raise ValueError("dtype float64 needs jax_enable_x64 (use `with jax.enable_x64(True):`)")
    target = (landscape.min_value + tol) if landscape.min_value is not None else -np.inf
    return run_specs(landscape, specs, record=record, target=target, dtype=dtype)


def run_specs(
    landscape, specs: Sequence[RunSpec], *, record="full", target=-np.inf, dtype=jnp.float32
) -> SimResult:
    """The lower-level batched call: resolved runs -> one compiled call -> NumPy arrays."""
    np_dtype = np.dtype(jnp.dtype(dtype).name)
    order: dict[str, list[int]] = {}
    for i, s in enumerate(specs):
        order.setdefault(s.optimizer, []).append(i)
    structure, groups = [], []
    for name, idx in order.items():
        sub = [specs[i] for i in idx]
        noisy = any(s.batch_size < N_SAMPLES and s.noise > 0 for s in sub)
        structure.append((name, noisy))
        kinds, params = zip(*(s.schedule.as_arrays() for s in sub), strict=True)
        groups.append(
            Group(
                hp={k: np.array([s.hp[k] for s in sub], np_dtype) for k in sub[0].hp},
                start=np.array([s.start for s in sub], np_dtype),
                seed=np.array([s.seed for s in sub], np.uint32),
                sched_kind=np.array(kinds, np.int32),
                sched_params=np.array(params, np_dtype),
                batch=np.array([s.batch_size for s in sub], np_dtype),
                noise=np.array([s.noise for s in sub], np_dtype),
                steps=np.array([s.steps for s in sub], np.int32),
                target=np.full(len(sub), target, np_dtype),
            )
        )
    n_steps = max(s.steps for s in specs)
    (x0, x1), (y0, y1) = landscape.bounds
    view = (
        np.array([(x0 + x1) / 2, (y0 + y1) / 2], np_dtype),
        np.asarray(ESCAPE_FACTOR * max(x1 - x0, y1 - y0), np_dtype),
    )
    outs = runner.run_groups(
        landscape.fn_p,
        tuple(structure),
        runner.bucket_steps(n_steps),
        record,
        np.asarray(landscape.params, np_dtype),
        tuple(groups),
        view,
    )
    return _assemble(specs, order, outs, n_steps, record)


def _assemble(specs, order, outs, n_steps, record) -> SimResult:
    perm = np.concatenate([np.array(idx) for idx in order.values()])
    inv = np.argsort(perm)

    def cat(get, cut=True):
        a = np.concatenate([np.asarray(get(o)) for o in outs])[inv]
        return a[:, : n_steps + 1] if cut else a

    finals = [o[1] for o in outs]
    div = np.concatenate([np.asarray(f.diverged_at) for f in finals])[inv]
    hit = np.concatenate([np.asarray(f.hit_at) for f in finals])[inv]
    steps = np.array([s.steps for s in specs])
    div = np.where(div > steps, -1, div)
    hit = np.where(hit > steps, -1, hit)
    path = loss = gn = aux = None
    if record != "final":
        path = cat(lambda o: o[0].path)
        loss = cat(lambda o: o[0].loss)
    if record == "full":
        gn = cat(lambda o: o[0].grad_norm)
        aux = Aux(*(cat(lambda o, i=i: o[0].aux[i]) for i in range(len(Aux._fields))))
    return SimResult(
        runs=tuple(specs),
        path=path,
        loss=loss,
        grad_norm=gn,
        aux=aux,
        diverged_at=div,
        hit_at=hit,
        final_w=np.concatenate([np.asarray(f.w) for f in finals])[inv],
        final_loss=np.concatenate([np.asarray(f.loss) for f in finals])[inv],
        steps=steps,
        grad_evals=np.array([registry.get(s.optimizer).grad_evals for s in specs]),
    )
