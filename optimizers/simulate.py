"""``simulate``: the friendly front of the compiled runner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import jax.numpy as jnp
import numpy as np

from . import registry, runner
from .base import Aux
from .options import RunOptions, check_options
from .runner import ESCAPE_FACTOR, N_SAMPLES, Group, LimitError
from .schedules import Schedule


class RunSpec(NamedTuple):
    """One run, fully resolved: the rule, its hyperparameters and its own run options
    (:class:`RunOptions` fields, checked by :func:`check_options`)."""

    optimizer: str
    hp: dict[str, float]
    start: tuple[float, ...]
    schedule: Schedule
    batch_size: int  # N_SAMPLES = exact gradient
    noise: float  # std of the per-sample gradient offsets
    seed: int
    steps: int


DIM = 2  # coordinates of a surface's points
PER_RUN = RunSpec._fields[2:]  # the options one run of simulate may set for itself


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


def resolve(landscape, runs: Sequence[Any], options: RunOptions | None = None) -> list[RunSpec]:
    """Validate and complete every run.

    Args:
        landscape: the surface.
        runs: as for :func:`simulate`.
        options: shared options (the defaults if None); a run's own options (``PER_RUN``) override them.

    Returns:
        one :class:`RunSpec` per run.

    Raises:
        ValueError (LimitError for limits) with a clear message.
    """
    options = RunOptions() if options is None else options
    if not runs:
        raise LimitError("at least one run is needed")
    if len(runs) > runner.MAX_RUNS:
        raise LimitError(f"{len(runs)} runs exceed the limit of {runner.MAX_RUNS} runs per call")
    # the shared options, the budget included, once before the runs; runs without options of their
    # own reuse the result (checking them again cost ~20 us per run, a tenth of a warm race)
    checked = {None: check_options(landscape, options)}
    out = []
    for item in runs:
        name, hp, extra = _as_spec(item)
        opt = registry.get(name)
        unknown = set(extra) - set(PER_RUN)
        if unknown:
            raise ValueError(f"Unknown run option(s) {sorted(unknown)} for {name}")
        own = options._replace(**extra)
        if options.budget is not None and "steps" not in extra:
            own = own._replace(steps=int(options.budget) // opt.grad_evals)
            if own.steps < 1:
                raise LimitError(
                    f"budget = {options.budget} is too small for {name} "
                    f"({opt.grad_evals} gradient evaluations per step)"
                )
        if extra:
            own = check_options(landscape, own)
        else:  # only the budget's step count differs from the shared options
            key = None if own.steps == options.steps else own.steps
            if key not in checked:
                checked[key] = check_options(landscape, own)
            own = checked[key]
        out.append(RunSpec(name, opt.validate(hp), *(getattr(own, f) for f in PER_RUN)))
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
    devices=None,
) -> SimResult:
    """Run several optimizers on one surface: one compiled call per optimizer, each compiled once
    per rule and run-count bucket, so any combination or order of rules that have run compiles
    nothing.

    Args:
        landscape: a :class:`landscapes.Landscape`.
        runs: each ``(name, hyperparameters)``, ``(name, hyperparameters, options)`` or a dict with
            ``optimizer``, ``hp`` and any option; options override the keyword defaults below per run:
            ``start``, ``schedule``, ``batch_size``, ``noise``, ``seed``, ``steps``.
        start: default start (x, y), two numbers finite in float32 (|v| <= 3.4e38); the
            landscape's own start if None.
        steps: updates per run, an integer in [1, 20,000].
        schedule: learning-rate schedule (constant if None).
        batch_size: mini-batch size B, an integer in [1, 128], of N_SAMPLES = 128 per-sample losses
            f_i(w) = f(w) + noise * u_i . w (u_i centred, unit variance); None or 128 is exact.
        noise: std of the per-sample gradient offsets, in [0, 1000].
        seed: seed of the samples and of the batch draws, an integer in [0, 2**32 - 1].
        budget: if given (an integer in [1, 20,000]), every run gets ``budget // gradient
            evaluations per step`` steps, so all spend the same number of gradient evaluations
            (SAM's step costs 2).
        tol: a run has arrived when loss <= known minimum + tol (``hit_at``); tol >= 0.
        record: "full" (paths, losses, gradient norms, overlays), "path" (paths and losses) or
            "final" (the summary fields only).
        dtype: jnp.float32 (default) or jnp.float64 (needs jax x64 enabled).
        devices: where the runs compute (``optimizers.devices``: "all", a count, "cpu:2", device
            ids or ``jax.Device`` objects); None: ``GRADIENT_ATLAS_DEVICES``, else all devices. With
            more than one, the runs of a rule that has at least 16 are split over them; the results
            are those of one device.

    Returns:
        :class:`SimResult`.

    Raises:
        ValueError: unknown names, out-of-range or wrongly typed values (naming the parameter and its
            range: ``seed=-1``, ``steps=1.5``, ``start=(1e308, 0)``); LimitError (a ValueError) past
            a limit.
    """
    options = RunOptions(
        start=start,
        steps=steps,
        schedule=schedule,
        batch_size=batch_size,
        noise=noise,
        seed=seed,
        budget=budget,
        tol=tol,
        record=record,
        dtype=dtype,
        devices=devices,
    )
    return run_specs(landscape, resolve(landscape, runs, options), options)


def run_specs(landscape, specs: Sequence[RunSpec], options: RunOptions | None = None) -> SimResult:
    """The lower-level batched call: resolved runs -> one compiled call per optimizer -> NumPy arrays.

    Args:
        landscape: the surface.
        specs: resolved runs (see :func:`resolve`); the runs of one optimizer go in one call.
        options: what the call records (``record``, ``dtype``) and when a run has arrived
            (``tol``); the defaults if None. Each run's own options are in its spec.

    Returns:
        :class:`SimResult`, runs in the order of ``specs``.
    """
    options = RunOptions() if options is None else options
    n_steps = max(s.steps for s in specs)
    call = RunOptions(
        steps=n_steps, tol=options.tol, record=options.record, dtype=options.dtype, devices=options.devices
    )
    o = check_options(landscape, call, runs=len(specs))
    np_dtype, record = o.dtype, o.record
    order: dict[str, list[int]] = {}
    for i, s in enumerate(specs):
        order.setdefault(s.optimizer, []).append(i)
    structure, groups = [], []
    for name, idx in order.items():
        sub = [specs[i] for i in idx]
        noisy = any(s.batch_size < N_SAMPLES and s.noise > 0 for s in sub)
        structure.append((name, noisy, False))
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
                target=np.full(len(sub), o.target(landscape), np_dtype),
            )
        )
    outs = _call(landscape, structure, groups, n_steps, record, np_dtype, devices=o.devices)
    steps = np.array([s.steps for s in specs])
    grad_evals = np.array([registry.get(s.optimizer).grad_evals for s in specs])
    return _assemble(tuple(specs), steps, grad_evals, list(order.values()), outs, n_steps, record)


def run_batch(
    landscape,
    optimizer: str,
    *,
    starts=None,
    hp: Mapping[str, Any] | None = None,
    steps: int = 500,
    schedule: Schedule | None = None,
    batch_size: int | None = None,
    noise: float = 0.0,
    seeds: Any = 0,
    tol: float = 1e-3,
    record: str = "final",
    dtype=jnp.float32,
    every: int = 1,
    devices=None,
) -> SimResult:
    """Many runs of ONE optimizer given as arrays: a learning-rate sweep, a basin map, a seed study.

    Nothing is done per run in Python, so 512 x 512 starts cost what their arithmetic costs. Each of
    ``starts``, every hyperparameter and ``seeds`` is either one value or one value per run; the
    schedule, batch size, noise and step count are shared by all runs.

    Args:
        landscape: the surface.
        optimizer: a registered name.
        starts: (2,) or (R, 2), finite in float32; the landscape's start if None.
        hp: name -> scalar or (R,) array; the optimizer's defaults fill the rest.
        steps: updates per run, an integer in [1, 20,000].
        schedule: learning-rate schedule (constant if None).
        batch_size: mini-batch size of N_SAMPLES (None = exact gradient); see :func:`simulate`.
        noise: std of the per-sample gradient offsets, in [0, 1000].
        seeds: int or (R,) ints, each in [0, 2**32 - 1].
        tol: a run has arrived when loss <= known minimum + tol (``hit_at``).
        record: "final" (default), "path" or "full".
        dtype: jnp.float32 (default) or jnp.float64 (needs jax x64 enabled).
        devices: where the runs compute (``optimizers.devices``: "all", a count, "cpu:2", device
            ids or ``jax.Device`` objects); None: ``GRADIENT_ATLAS_DEVICES``, else all devices. With
            more than one, the runs of a rule that has at least 16 are split over them; the results
            are those of one device.
        every: with record "path", keep the iterate after every ``every``-th step only
            (``path[:, j]`` is the iterate after ``j * every`` steps); one of 1, 2, 5, 10, 25, 50,
            dividing ``steps``. The runs are the same; far less is stored for long, many-run studies.

    Returns:
        :class:`SimResult` with ``runs = ()`` (the runs are the rows of the arrays given); with
        ``every`` > 1, ``path`` and ``loss`` have ``steps // every + 1`` columns.

    Raises:
        ValueError: unknown names, bad shapes, out-of-range values (naming the first bad entry);
        LimitError (a ValueError) past a limit. All before anything is compiled.
    """
    options = RunOptions(
        start=starts,
        steps=steps,
        schedule=schedule,
        batch_size=batch_size,
        noise=noise,
        seed=seeds,
        tol=tol,
        record=record,
        dtype=dtype,
        every=every,
        devices=devices,
    )
    return run_columns(landscape, optimizer, hp, options)


def run_columns(landscape, optimizer: str, hp: Mapping[str, Any] | None, options: RunOptions) -> SimResult:
    """:func:`run_batch` with its options as one record (what the studies call).

    Args:
        landscape: the surface.
        optimizer: a registered name.
        hp: name -> scalar or (R,) array (a column: one value per run); defaults fill the rest.
        options: ``start`` (2,) or (R, 2) and ``seed`` int or (R,) ints, one per run or one for
            all; the rest shared by all runs. No ``budget``: every run takes ``steps`` steps.

    Returns:
        as :func:`run_batch`.
    """
    opt = registry.get(optimizer)
    if options.budget is not None:
        raise ValueError(f"budget = {options.budget!r} is for simulate; these runs all take `steps` steps")
    o = check_options(landscape, options, many=True)
    values = {k: np.asarray(v) for k, v in opt.validate(hp).items()}
    n_runs = {"starts": len(o.start)}
    for k, v in {"seeds": o.seed, **values}.items():
        n_runs[k] = v.shape[0] if v.ndim == 1 else 1
    n = max(n_runs.values())
    wrong = {k: m for k, m in n_runs.items() if m not in (1, n)}
    if wrong:
        raise ValueError(f"every per-run input needs 1 or {n} entries; got {wrong}")
    runner.check_limits(n, o.steps, o.record, dim=2, every=o.every)  # the size of the whole call
    np_dtype = o.dtype
    kind, params = o.schedule.as_arrays()
    per_run = tuple(k for k, v in values.items() if v.ndim == 1)  # the others: one value for all
    group = Group(
        hp={k: (v.astype(np_dtype) if k in per_run else np_dtype.type(v)) for k, v in values.items()},
        start=np.broadcast_to(o.start, (n, 2)).astype(np_dtype),
        seed=np.broadcast_to(o.seed, (n,)),
        sched_kind=np.int32(kind),
        sched_params=np.array(params, np_dtype),
        batch=np_dtype.type(o.batch_size),
        noise=np_dtype.type(o.noise),
        steps=np.int32(o.steps),
        target=np_dtype.type(o.target(landscape)),
    )
    structure = [(optimizer, o.batch_size < N_SAMPLES and o.noise > 0, per_run)]
    outs = _call(landscape, structure, [group], o.steps, o.record, np_dtype, o.every, o.devices)
    return _assemble(
        (), np.full(n, o.steps), np.full(n, opt.grad_evals), None, outs, o.steps, o.record, o.every
    )


def _call(landscape, structure, groups, n_steps, record, np_dtype, every=1, devices=None):
    (x0, x1), (y0, y1) = landscape.bounds
    view = (
        np.array([(x0 + x1) / 2, (y0 + y1) / 2], np_dtype),
        np.asarray(ESCAPE_FACTOR * max(x1 - x0, y1 - y0), np_dtype),
    )
    return runner.run_rows(
        landscape.fn_p,
        tuple(structure),
        runner.bucket_steps(n_steps),
        record,
        np.asarray(landscape.params, np_dtype),
        tuple(groups),
        view,
        every=int(every),
        devices=devices,
    )


def _assemble(runs, steps, grad_evals, positions, outs, n_steps, record, every=1) -> SimResult:
    """The groups' rows (:func:`runner.run_rows`) -> one :class:`SimResult`, runs in request order,
    records cut to ``n_steps`` (``n_steps // every`` kept steps when the path keeps every
    ``every``-th step).

    Args:
        positions: per group, the request positions of its runs; None: one group, already in order
            (its arrays are then read-only views of the compiled call's output, with no copy).
    """
    if positions is None:
        (rows,) = outs
    else:  # one contiguous copy per run; every array below is a view of ``rows``
        rows = np.empty((len(steps), outs[0].shape[1]), outs[0].dtype)
        for pos, part in zip(positions, outs, strict=True):
            rows[pos] = part
    compiled_rows = runner.bucket_steps(n_steps) // every + 1
    trace, final = runner.unpack(rows, record, compiled_rows, DIM)
    cols = n_steps // every + 1
    cut = lambda a: a[:, :cols]  # noqa: E731
    return SimResult(
        runs=runs,
        path=None if trace is None else cut(trace.path),
        loss=None if trace is None else cut(trace.loss),
        grad_norm=None if record != "full" else cut(trace.grad_norm),
        aux=None if record != "full" else Aux(*(cut(a) for a in trace.aux)),
        diverged_at=np.where(final.diverged_at > steps, -1, final.diverged_at),
        hit_at=np.where(final.hit_at > steps, -1, final.hit_at),
        final_w=final.w,
        final_loss=final.loss,
        steps=steps,
        grad_evals=grad_evals,
    )
