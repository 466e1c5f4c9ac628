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

MAX_SEED = 2**32 - 1  # seeds are uint32 inside the compiled call
MAX_NOISE = 1e3
START_LIMIT = float(np.finfo(np.float32).max)  # starts must be finite in float32, the default dtype
MAX_TOL = START_LIMIT


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
    if budget is not None:  # in gradient evaluations: no run may get more than MAX_STEPS steps
        budget = _int_in("budget", budget, 1, runner.MAX_STEPS)
    if len(runs) > runner.MAX_RUNS:
        raise LimitError(f"{len(runs)} runs exceed the limit of {runner.MAX_RUNS} runs per call")
    out = []
    for item in runs:
        name, hp, extra = _as_spec(item)
        opt = registry.get(name)
        unknown = set(extra) - {"start", "schedule", "batch_size", "noise", "seed", "steps"}
        if unknown:
            raise ValueError(f"Unknown run option(s) {sorted(unknown)} for {name}")
        s0 = _check_start(extra.get("start", start if start is not None else landscape.start))
        sch = extra.get("schedule", schedule) or Schedule()
        if isinstance(sch, Mapping):
            sch = Schedule(**sch)
        sch.validate()
        b, nz = _check_noise(extra.get("batch_size", batch_size), extra.get("noise", noise))
        n = extra.get("steps", steps if budget is None else budget // opt.grad_evals)
        if budget is not None and n < 1:
            raise LimitError(
                f"budget = {budget} is too small for {name} "
                f"({opt.grad_evals} gradient evaluations per step)"
            )
        runner.check_limits(1, n, "final")
        seed_n = _int_in("seed", extra.get("seed", seed), 0, MAX_SEED)
        out.append(RunSpec(name, opt.validate(hp), s0, sch, b, nz, seed_n, int(n)))
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

    Returns:
        :class:`SimResult`.

    Raises:
        ValueError: unknown names, out-of-range or wrongly typed values (naming the parameter and its
            range: ``seed=-1``, ``steps=1.5``, ``start=(1e308, 0)``); LimitError (a ValueError) past
            a limit.
    """
    tol = _real_in("tol", tol, 0.0, MAX_TOL)
    specs = resolve(
        landscape, runs, start=start, steps=steps, schedule=schedule, batch_size=batch_size,
        noise=noise, seed=seed, budget=budget,
    )
    n_steps = max(s.steps for s in specs)
    runner.check_limits(len(specs), n_steps, record, dim=2)
    _check_dtype(dtype)
    target = (landscape.min_value + tol) if landscape.min_value is not None else -np.inf
    return run_specs(landscape, specs, record=record, target=target, dtype=dtype)


def run_specs(
    landscape, specs: Sequence[RunSpec], *, record="full", target=-np.inf, dtype=jnp.float32
) -> SimResult:
    """The lower-level batched call: resolved runs -> one compiled call -> NumPy arrays.

    Args:
        landscape: the surface.
        specs: resolved runs (see :func:`resolve`); grouped by optimizer inside the call.
        record: "full", "path" or "final".
        target: loss at or below which a run counts as arrived (``hit_at``).
        dtype: jnp.float32 or jnp.float64.

    Returns:
        :class:`SimResult`, runs in the order of ``specs``.
    """
    np_dtype = np.dtype(jnp.dtype(dtype).name)
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
                target=np.full(len(sub), target, np_dtype),
            )
        )
    n_steps = max(s.steps for s in specs)
    outs = _call(landscape, structure, groups, n_steps, record, np_dtype)
    inv = np.argsort(np.concatenate([np.array(idx) for idx in order.values()]))
    steps = np.array([s.steps for s in specs])
    grad_evals = np.array([registry.get(s.optimizer).grad_evals for s in specs])
    return _assemble(tuple(specs), steps, grad_evals, inv, outs, n_steps, record)


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
    opt = registry.get(optimizer)
    xy = np.asarray(landscape.start if starts is None else starts, np.float64)
    xy = xy[None] if xy.ndim == 1 else xy
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"starts must have shape (2,) or (runs, 2), got {np.shape(starts)}")
    ok = np.all(np.abs(xy) <= START_LIMIT, axis=1)  # NaN fails too
    if not np.all(ok):
        i = int(np.argmin(ok))
        raise ValueError(
            f"starts[{i}] = ({xy[i, 0]:g}, {xy[i, 1]:g}) is not two finite numbers within the float32 "
            f"range [{-START_LIMIT:g}, {START_LIMIT:g}]"
        )
    unknown = set(hp or {}) - set(opt.defaults)
    if unknown:
        raise ValueError(
            f"Unknown hyperparameter(s) {sorted(unknown)} for {optimizer}; "
            f"choose from: {', '.join(opt.defaults)}"
        )
    values = {k: np.asarray((hp or {}).get(k, d), np.float64) for k, d in opt.defaults.items()}
    seed_arr = np.asarray(seeds)
    lengths = {"starts": len(xy)}
    for k, v in {"seeds": seed_arr, **values}.items():
        if v.ndim > 1:
            raise ValueError(f"{k} must be a scalar or a 1-D array, got shape {v.shape}")
        lengths[k] = v.shape[0] if v.ndim == 1 else 1
    n = max(lengths.values())
    wrong = {k: m for k, m in lengths.items() if m not in (1, n)}
    if wrong:
        raise ValueError(f"every per-run input needs 1 or {n} entries; got {wrong}")
    for k, v in values.items():
        rng = opt.ranges[k]
        bad = ~(np.isfinite(v) & (v >= rng.low) & (v <= rng.high))
        if np.any(bad):
            i = int(np.argmax(np.atleast_1d(bad)))
            x = float(np.atleast_1d(v)[i])
            raise ValueError(
                f"{optimizer}.{k} = {x:g} (entry {i}) is outside its valid range [{rng.low:g}, {rng.high:g}]"
            )
    if not np.issubdtype(seed_arr.dtype, np.integer):
        raise ValueError(f"seeds must be integers in [0, {MAX_SEED}], got {seed_arr.dtype}")
    bad_seed = (seed_arr < 0) | (seed_arr > MAX_SEED)
    if np.any(bad_seed):
        i = int(np.argmax(np.atleast_1d(bad_seed)))
        raise ValueError(
            f"seeds = {int(np.atleast_1d(seed_arr)[i])} (entry {i}) is outside [0, {MAX_SEED}]"
        )
    tol = _real_in("tol", tol, 0.0, MAX_TOL)
    sch = Schedule(**schedule) if isinstance(schedule, Mapping) else (schedule or Schedule())
    sch.validate()
    b, nz = _check_noise(batch_size, noise)
    runner.check_limits(n, steps, record, dim=2, every=every)  # counts the iterates ``every`` keeps
    _check_every(every, steps, record)
    _check_dtype(dtype)
    np_dtype = np.dtype(jnp.dtype(dtype).name)
    kind, params = sch.as_arrays()
    target = (landscape.min_value + tol) if landscape.min_value is not None else -np.inf
    per_run = tuple(k for k, v in values.items() if v.ndim == 1)  # the others: one value for all
    group = Group(
        hp={k: (v.astype(np_dtype) if k in per_run else np_dtype.type(v)) for k, v in values.items()},
        start=np.broadcast_to(xy, (n, 2)).astype(np_dtype),
        seed=np.broadcast_to(seed_arr, (n,)).astype(np.uint32),
        sched_kind=np.int32(kind),
        sched_params=np.array(params, np_dtype),
        batch=np_dtype.type(b),
        noise=np_dtype.type(nz),
        steps=np.int32(steps),
        target=np_dtype.type(target),
    )
    structure = [(optimizer, b < N_SAMPLES and nz > 0, per_run)]
    outs = _call(landscape, structure, [group], steps, record, np_dtype, every)
    return _assemble(
        (), np.full(n, steps), np.full(n, opt.grad_evals), None, outs, steps, record, every
    )


def _check_every(every, steps: int, record: str) -> None:
    if not isinstance(every, (int, np.integer)) or int(every) not in runner.RECORD_EVERY:
        choices = ", ".join(map(str, runner.RECORD_EVERY))
        raise ValueError(f"every = {every!r} must be one of: {choices}")
    if every > 1 and record != "path":
        raise ValueError(f"every = {every} needs record='path', got record={record!r}")
    if steps % every:
        raise ValueError(f"every = {every} must divide steps = {steps}")


def _int_in(name: str, value: Any, low: int, high: int, note: str = "") -> int:
    """``value`` as an int in [low, high]; floats (even 10.0), strings and bools are refused.

    Raises:
        ValueError: naming ``name``, the value and the range (``note`` appended to the message).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer in [{low}, {high}]{note}, got {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} = {int(value)} is outside [{low}, {high}]{note}")
    return int(value)


def _real_in(name: str, value: Any, low: float, high: float) -> float:
    """``value`` as a float in [low, high]; NaN, strings and bools are refused.

    Raises:
        ValueError: naming ``name``, the value and the range.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number in [{low:g}, {high:g}], got {value!r}")
    if not low <= float(value) <= high:  # NaN fails too
        raise ValueError(f"{name} = {float(value):g} is outside [{low:g}, {high:g}]")
    return float(value)


def _check_start(value: Any) -> tuple[float, float]:
    """A start point: two real numbers, finite in float32 (NaN, inf and 1e308 are refused).

    Raises:
        ValueError: naming the start and the valid range.
    """
    try:
        s0 = tuple(_real_in("start", v, -START_LIMIT, START_LIMIT) for v in value)
    except (TypeError, ValueError):
        s0 = None
    if s0 is None or len(s0) != 2:
        raise ValueError(
            f"start must be two finite numbers within the float32 range [{-START_LIMIT:g}, "
            f"{START_LIMIT:g}], got {value!r}"
        )
    return s0


def _check_noise(batch_size, noise) -> tuple[int, float]:
    samples = f" (the surface has {N_SAMPLES} samples)"
    b = N_SAMPLES if batch_size is None else _int_in("batch_size", batch_size, 1, N_SAMPLES, samples)
    return b, _real_in("noise", noise, 0.0, MAX_NOISE)


def _check_dtype(dtype) -> None:
    if jnp.dtype(dtype) not in (jnp.dtype(jnp.float32), jnp.dtype(jnp.float64)):
        raise ValueError(f"dtype must be float32 or float64, got {jnp.dtype(dtype)}")
    if jnp.dtype(dtype) == jnp.float64 and not jax.config.jax_enable_x64:
        raise ValueError("dtype float64 needs jax_enable_x64 (use `with jax.enable_x64(True):`)")


def _call(landscape, structure, groups, n_steps, record, np_dtype, every=1):
    (x0, x1), (y0, y1) = landscape.bounds
    view = (
        np.array([(x0 + x1) / 2, (y0 + y1) / 2], np_dtype),
        np.asarray(ESCAPE_FACTOR * max(x1 - x0, y1 - y0), np_dtype),
    )
    return runner.run_groups(
        landscape.fn_p,
        tuple(structure),
        runner.bucket_steps(n_steps),
        record,
        np.asarray(landscape.params, np_dtype),
        tuple(groups),
        view,
        every=int(every),
    )


def _assemble(runs, steps, grad_evals, inv, outs, n_steps, record, every=1) -> SimResult:
    """Device outputs -> NumPy, runs back in request order (``inv``; None: already), cut to ``n_steps``
    (``n_steps // every`` kept steps when the path keeps every ``every``-th step)."""

    def cat(get, cut=True):
        parts = [np.asarray(get(o)) for o in outs]
        a = parts[0] if len(parts) == 1 else np.concatenate(parts)
        a = a if inv is None else a[inv]
        return a[:, : n_steps // every + 1] if cut else a

    div = cat(lambda o: o[1].diverged_at, cut=False)
    hit = cat(lambda o: o[1].hit_at, cut=False)
    path = loss = gn = aux = None
    if record != "final":
        path = cat(lambda o: o[0].path)
        loss = cat(lambda o: o[0].loss)
    if record == "full":
        gn = cat(lambda o: o[0].grad_norm)
        aux = Aux(*(cat(lambda o, i=i: o[0].aux[i]) for i in range(len(Aux._fields))))
    return SimResult(
        runs=runs,
        path=path,
        loss=loss,
        grad_norm=gn,
        aux=aux,
        diverged_at=np.where(div > steps, -1, div),
        hit_at=np.where(hit > steps, -1, hit),
        final_w=cat(lambda o: o[1].w, cut=False),
        final_loss=cat(lambda o: o[1].loss, cut=False),
        steps=steps,
        grad_evals=grad_evals,
    )
