"""The compiled runner: one compiled program per update rule and run-count bucket.

Structure (static, so it compiles): the landscape family, the rule, whether its runs are noisy,
which hyperparameters vary per run, the step bucket, what is recorded, and the number of runs
rounded up to a bucket (:func:`bucket_runs`). Everything else is traced: hyperparameters,
schedules, starts, seeds, batch sizes, noise scales, surface parameters. One call of
:func:`run_group` is a ``lax.scan`` over steps ``vmap``-ped over the runs of one rule;
:func:`run_groups` makes one such call per rule, so a race of any combination, order and count
of rules that have run before compiles nothing (when one program held every rule of a call, each
new combination compiled 0.36-0.75 s on an idle machine; students waited 5-13 s per change on a
busy class server).
"""

from __future__ import annotations

import functools
import math
from functools import partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import NamedSharding, PartitionSpec

from landscapes.compiled import family_jit

from . import devices as devs
from . import schedules
from .base import Aux, Optimizer

MAX_STEPS = 20_000
MAX_RUNS = 512 * 512  # the basin map's starts
MAX_RUN_STEPS = 160_000_000  # runs x steps in one call (a 512 x 512 x 500 basin map is 131 M)
MAX_RECORDED = 40_000_000  # floats kept in memory for recorded trajectories
N_SAMPLES = 128  # per-sample losses behind each surface's mini-batch noise
STEP_BUCKETS = (50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000)
ESCAPE_FACTOR = 100.0  # a run farther than this many view spans from the view centre diverged
RECORD_MODES = ("full", "path", "final")
RECORD_EVERY = (1, 2, 5, 10, 25, 50)  # path sampling strides: each divides every step bucket
SPLIT_DIM = 8  # positions of up to this many coordinates are carried coordinate by coordinate...
SPLIT_RUNS = 64  # ...in groups of at least this many runs (for a few runs the extra ops cost more)
BLOCK = 512  # runs stepped together; larger groups run block after block (see _in_blocks)
SHARD_FROM = 16  # with several devices, a group of this many runs or more is split over them (a race's
# few runs of a rule stay on one device: splitting them would cost more transfers than it saves)


class LimitError(ValueError):
    """A request exceeds one of the runner's limits; the message names the limit.

    The message speaks to library users (it names arguments such as ``record=``); a page checks its
    request first (e.g. ``studies.phase.check_phase_size``) and words the problem in its own controls.
    """


class Group(NamedTuple):
    """Traced inputs of the runs that share one optimizer (leading axis: runs)."""

    hp: dict[str, Any]  # name -> (R,) values
    start: Any  # (R, d) starting points
    seed: Any  # (R,) uint32 seeds of the per-sample offsets and batch draws
    sched_kind: Any  # (R,) int32 index into schedules.KINDS
    sched_params: Any  # (R, 5) schedule parameters
    batch: Any  # (R,) mini-batch size B (B = N_SAMPLES is exact gradient descent)
    noise: Any  # (R,) std of the per-sample gradient offsets u_i (0 = exact)
    steps: Any  # (R,) steps this run takes (it holds still after)
    target: Any  # (R,) loss at or below which the run counts as having arrived


# vmap axes of a group whose per-call settings are shared by all its runs
SHARED_AXES = Group(
    hp=0, start=0, seed=0, sched_kind=None, sched_params=None, batch=None, noise=None, steps=None, target=None
)


class Trace(NamedTuple):
    """Per-step records of one group, leading axes (runs, steps + 1)."""

    path: Any
    loss: Any
    grad_norm: Any
    aux: Aux | None


class Final(NamedTuple):
    """Per-run summary of one group, leading axis runs."""

    w: Any  # (R, d) last finite position
    loss: Any  # (R,) loss there
    diverged_at: Any  # (R,) first bad step, -1 if none
    hit_at: Any  # (R,) first step with loss <= target, -1 if never


def bucket_steps(steps: int) -> int:
    """The compiled scan length for ``steps``: the smallest bucket that holds it."""
    for b in STEP_BUCKETS:
        if steps <= b:
            return b
    raise LimitError(f"steps = {steps} exceeds the limit of {MAX_STEPS}")


def bucket_runs(n_runs: int) -> int:
    """The compiled number of runs for ``n_runs`` runs of one rule.

    The next power of two up to :data:`BLOCK`, then whole blocks: a race of 1-10 runs of a rule
    shares 5 programs, and a large study pads less than one block (the padding copies the last
    run; its results are dropped).
    """
    if n_runs < 1:
        raise LimitError("at least one run is needed")
    if n_runs <= BLOCK:
        return min(1 << (n_runs - 1).bit_length(), BLOCK)
    return -(-n_runs // BLOCK) * BLOCK


def check_limits(n_runs: int, steps: int, record: str, dim: int = 2, every: int = 1) -> None:
    """Raise LimitError naming the limit if a request is too big; called before compiling.

    Args:
        n_runs: runs in the call.
        steps: updates per run.
        record: "full", "path" or "final".
        dim: coordinates of a position.
        every: with record "path", only every ``every``-th iterate is kept (``run_batch(...,
            every=k)``): the memory limit counts what is kept, ``steps // every + 1`` per run.
    """
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise LimitError(f"steps must be a positive integer in [1, {MAX_STEPS}], got {steps!r}")
    if steps > MAX_STEPS:
        raise LimitError(f"steps = {steps} exceeds the limit of {MAX_STEPS}")
    if n_runs < 1:
        raise LimitError("at least one run is needed")
    if n_runs > MAX_RUNS:
        raise LimitError(f"{n_runs} runs exceed the limit of {MAX_RUNS} runs per call")
    if n_runs * steps > MAX_RUN_STEPS:
        raise LimitError(
            f"{n_runs} runs x {steps} steps = {n_runs * steps:,} exceeds the limit of "
            f"{MAX_RUN_STEPS:,} run-steps per call"
        )
    if record not in RECORD_MODES:
        raise LimitError(f"Unknown record mode {record!r}; choose one of: {', '.join(RECORD_MODES)}")
    per_step = {"full": 3 + 6 * dim, "path": 2 + dim, "final": 0}[record]
    every = int(every) if record == "path" and every in RECORD_EVERY else 1  # run_batch rejects others
    kept = steps // every + 1
    values = n_runs * kept * per_step
    if values > MAX_RECORDED:
        sampled = f" keeping the iterate after every {every} steps" if every > 1 else ""
        fewer = ", keep fewer iterates (a larger every=)" if record == "path" else ""
        raise LimitError(
            f"recording {record!r} for {n_runs} runs x {steps} steps{sampled} needs "
            f"{values:,} values, over the limit of {MAX_RECORDED:,}; "
            f"record less (record='final'){fewer} or use fewer runs or steps"
        )


def noise_table(key, dim: int, dtype) -> jax.Array:
    """N_SAMPLES per-sample gradient offsets u_i: exactly centred, population std exactly 1."""
    u = jax.random.normal(key, (N_SAMPLES, dim), dtype)
    u = u - u.mean(axis=0, keepdims=True)
    return u / jnp.sqrt((u * u).mean(axis=0, keepdims=True))


def minibatch_offset(u, key, batch):
    """Mean of ``batch`` rows of ``u`` drawn without replacement (``batch`` is traced).

    The rows are drawn by selection sampling (Knuth's Algorithm S): row i is taken with
    probability (B - rows taken so far) / (N - i). Every B-subset is equally likely and exactly B
    rows are taken, as with a random permutation cut after B, but without a sort: the step stays
    elementwise, so it fuses into the runner's loop (a permutation per step cost ~13 us per
    run-step; 8 noisy runs x 2,000 steps went from 208 ms to ~16 ms).

    With u centred and of population variance s^2, the mean has variance
    s^2 (N - B) / (B (N - 1)): zero at B = N.
    """
    n = u.shape[0]
    r = jax.random.uniform(key, (n,), u.dtype)
    b = jnp.asarray(batch, u.dtype)  # a whole number, exact in any float type

    def take_row(i, carry):
        taken, total = carry
        take = r[i] * (n - i).astype(r.dtype) < b - taken.astype(r.dtype)
        return taken + take.astype(taken.dtype), total + jnp.where(take, u[i], jnp.zeros_like(u[i]))

    zero = (jnp.zeros((), jnp.int32), jnp.zeros(u.shape[1:], u.dtype))
    _, total = jax.lax.fori_loop(0, n, take_row, zero, unroll=8)
    mean = total / b
    # B = N is the full sum: exactly zero, not zero up to the rounding of the centring
    return jnp.where(b >= n, jnp.zeros_like(mean), mean)


def _norm(x):
    """``jnp.linalg.norm`` of a short vector as a chain of adds: elementwise, so it fuses with the
    rest of the step (a reduction over the 2 coordinates of every run was its own slow loop)."""
    return jnp.sqrt(functools.reduce(jnp.add, [x[i] * x[i] for i in range(x.shape[0])]))


class _Coords:
    """The scan carries every length-``d`` leaf of (w, state) as ``d`` separate scalars (``d`` <=
    SPLIT_DIM; larger leaves stay whole; nothing is split unless ``split``). Vmapped, each is a
    contiguous (runs,) array of the same shape as the per-run bookkeeping (loss, divergence and
    arrival steps), so XLA:CPU's multi-output fusion can merge their loops over the runs; a
    (runs, d) carry has another shape and stayed in loops of its own (a 4,096-rate
    gradient-descent sweep: 4.5 ms -> 3.1 ms). For a handful of runs the extra ops cost more.
    """

    def __init__(self, d: int, example, split: bool = True):
        leaves, self.tree = jax.tree.flatten(example)
        self.cut = tuple(split and d <= SPLIT_DIM and jnp.shape(x) == (d,) for x in leaves)

    def part(self, tree):
        """(w, state) -> the carried form: a tuple of leaves (w first), the chosen ones as tuples
        of scalars."""
        leaves = jax.tree.leaves(tree)
        return tuple(
            tuple(x[i] for i in range(x.shape[0])) if c else x for x, c in zip(leaves, self.cut, strict=True)
        )

    def join(self, parts):
        """The carried form -> (w, state)."""
        leaves = [jnp.stack(x) if c else x for x, c in zip(parts, self.cut, strict=True)]
        return jax.tree.unflatten(self.tree, leaves)


class _Rows:
    """A step's records (path, loss, ...) packed into one vector, so the scan stacks one array.

    With XLA:CPU's multi-output fusion on (see :mod:`optimizers.xla_cpu`), the scan's per-output
    updates of the stacked records were fused together, and a fusion of several
    dynamic-update-slices is not done in place: every step copied every whole record buffer
    (60x slower for 8 optimizers x 2,000 steps). One stacked array is updated in place.
    """

    def __init__(self):
        self.tree, self.shapes = None, ()

    def pack(self, tree) -> jax.Array:
        """The leaves of ``tree`` (one dtype) raveled into one vector; remembers the layout."""
        leaves, self.tree = jax.tree.flatten(tree)
        self.shapes = tuple(jnp.shape(x) for x in leaves)
        return jnp.concatenate([jnp.reshape(x, (-1,)) for x in leaves])

    def unpack(self, stacked):
        """``stacked`` (..., K) of packed vectors -> the tree, each leaf with the leading axes."""
        lead, out, i = stacked.shape[:-1], [], 0
        for shape in self.shapes:
            n = int(np.prod(shape, dtype=int))
            out.append(stacked[..., i : i + n].reshape(lead + shape))
            i += n
        return jax.tree.unflatten(self.tree, out)


def _all_close(coords, mid, reach):
    """Every coordinate of one run (a tuple of scalars or a vector) within ``reach`` of ``mid``; a
    chain of ands, not a reduction over the coordinates, for the same reason as :func:`_norm`."""
    parts = coords if isinstance(coords, tuple) else [coords[i] for i in range(coords.shape[0])]
    return functools.reduce(jnp.logical_and, [jnp.abs(x - mid[i]) <= reach for i, x in enumerate(parts)])


def _scan_one(
    opt: Optimizer,
    f,
    noisy: bool,
    n_steps: int,
    record: str,
    dtype,
    g: Group,
    view,
    every: int = 1,
    shared_schedule: bool = False,
    split: bool = False,
):
    """Run one optimizer from one start for ``n_steps`` (static) steps; vmapped by the caller.

    ``view`` = (centre (d,), reach ()) : a position farther than ``reach`` from ``centre`` in any
    coordinate counts as diverged. With ``every`` > 1 (record "path" only) the path and loss are
    kept after every ``every``-th step only: the steps are the same, fewer of them are stored.
    With ``shared_schedule`` (static; the schedule is not vmapped) the learning-rate factor of
    every step is computed once, before the scan: computed inside the step, XLA fused its
    exp / cos / log into the loop over runs and evaluated them for every run at every step.
    (Tabulating per-run schedules the same way did not make a race measurably faster here, and XLA
    then contracted the update's multiply-adds differently: results moved by an ulp.) With
    ``split`` (static) small parameter vectors are carried coordinate by coordinate
    (:class:`_Coords`).
    """
    grad_f = jax.grad(f)
    mid, reach = view
    hp0 = {k: jnp.asarray(v, dtype) for k, v in g.hp.items()}
    w0 = jnp.asarray(g.start, dtype)
    nan = jnp.asarray(jnp.nan, dtype)
    if noisy:
        table_key, step_key = jax.random.split(jax.random.PRNGKey(g.seed))
        u = noise_table(table_key, w0.shape[0], dtype) * g.noise

    coords = _Coords(w0.shape[0], (w0, opt.init(w0, hp0)), split)
    rows = _Rows()

    def lr_factor(t):
        return schedules.factor(g.sched_kind, g.sched_params, t, g.steps)

    def step(carry, x):
        """One update of the carry; also the step's overlays and whether the run moved."""
        (t, factor), (ws, loss, div_at, hit_at) = x, carry
        w, state = coords.join(ws)
        hp = {**hp0, "lr": hp0["lr"] * (lr_factor(t) if factor is None else factor)}
        if noisy:
            # One mini-batch per step: look-ahead rules (NAG, SAM) reuse it for both gradients.
            offset = minibatch_offset(u, jax.random.fold_in(step_key, t), g.batch)
            grad_fn = lambda x: grad_f(x) + offset  # noqa: E731
        else:
            grad_fn = grad_f
        w_new, state_new, aux = opt.update(grad_fn, w, state, hp)
        loss_new = f(w_new)
        ws_new = coords.part((w_new, state_new))  # ws_new[0] is w_new
        # NaN and inf fail ``<= reach`` too, so one test covers non-finite and escaped positions
        bad = ~(jnp.isfinite(loss_new) & _all_close(ws_new[0], mid, reach))
        active = (div_at < 0) & (t < g.steps)  # a run is alive until its first bad step
        move = active & ~bad
        # a stopped run keeps w (leaf 0); its state is never read again
        ws = (jax.tree.map(lambda a, b: jnp.where(move, a, b), ws_new[0], ws[0]),) + ws_new[1:]
        loss = jnp.where(move, loss_new, loss)
        div_at = jnp.where(active & bad, t + 1, div_at)
        hit_at = jnp.where((hit_at < 0) & move & (loss_new <= g.target), t + 1, hit_at)
        return (ws, loss, div_at, hit_at), aux, move

    def kept(carry):
        """The records of the iterate in ``carry``: NaN once its run has diverged."""
        ws, loss, div_at, _ = carry
        w, alive = coords.join(ws)[0], div_at < 0
        return {"path": jnp.where(alive, w, nan), "loss": jnp.where(alive, loss, nan)}

    def grad_norm(carry):
        """The norm of the exact gradient at the iterate in ``carry``; NaN once it diverged."""
        ws, _, div_at, _ = carry
        return jnp.where(div_at < 0, _norm(grad_f(coords.join(ws)[0])), nan)

    def body(carry, x):
        """Row t of the records (the iterate after t steps, the step from it), then step t."""
        if record != "full":
            out = kept(carry)
            return step(carry, x)[0], rows.pack(out)
        # The gradient norm at the iterate rides in the carry, computed right after the step that
        # reached it: taken at the start of the next step instead, XLA merged it with that step's
        # own gradient and contracted its multiply-adds differently (results moved by an ulp).
        carry, gn = carry
        out = {**kept(carry), "grad_norm": gn}
        carry, aux, move = step(carry, x)
        carry = (carry, grad_norm(carry))
        # aux[t] describes the step from path[t] to path[t+1]; NaN where the run did not move
        out["aux"] = jax.tree.map(lambda a: jnp.where(move, a, nan), aux)
        return carry, rows.pack(out)

    loss0 = f(w0)
    ok0 = jnp.isfinite(loss0) & jnp.all(jnp.isfinite(w0))
    carry0 = (
        coords.part((w0, opt.init(w0, hp0))),
        loss0,
        jnp.where(ok0, -1, 0).astype(jnp.int32),  # a start that is not finite is bad at step 0
        jnp.where(ok0 & (loss0 <= g.target), 0, -1).astype(jnp.int32),
    )
    # Records with every step keep n_steps + 1 rows: the scan takes one more step, past every
    # run's last (it moves nothing: t >= steps), so that row t is written in iteration t and no
    # row is prepended afterwards (a copy of every record).
    extra = record != "final" and every == 1
    ts = jnp.arange(n_steps + extra, dtype=jnp.int32)
    xs = (ts, jax.vmap(lr_factor)(ts) if shared_schedule else None)
    if record == "final":
        carry, _ = jax.lax.scan(lambda c, x: (step(c, x)[0], None), carry0, xs)
    elif every == 1:
        if record == "full":
            (carry, _), outs = jax.lax.scan(body, (carry0, grad_norm(carry0)), xs)
        else:
            carry, outs = jax.lax.scan(body, carry0, xs)
    else:  # an outer scan over the kept steps; the steps between them record nothing

        def stretch(carry, xs):
            carry, _ = jax.lax.scan(lambda c, x: (step(c, x)[0], None), carry, xs)
            return carry, rows.pack(kept(carry))

        xs = jax.tree.map(lambda a: a.reshape(n_steps // every, every), xs)
        first = rows.pack(kept(carry0))
        carry, outs = jax.lax.scan(stretch, carry0, xs)
        outs = jnp.concatenate([first[None], outs])
    (w, _), loss, div_at, hit_at = coords.join(carry[0]), *carry[1:]
    final = Final(w=w, loss=loss, diverged_at=div_at, hit_at=hit_at)
    if record == "final":
        return None, final
    outs = rows.unpack(outs)
    trace = Trace(path=outs["path"], loss=outs["loss"], grad_norm=outs.get("grad_norm"), aux=outs.get("aux"))
    return trace, final


def group_axes(g: Group, shared) -> Group:
    """The vmap axes of ``g``'s fields: 0 for a field with a runs axis, None for one value shared by
    all runs (``shared`` as in :func:`run_group`)."""
    if shared is False:
        return Group(hp={k: 0 for k in g.hp}, **{k: 0 for k in Group._fields[1:]})
    return SHARED_AXES._replace(hp={k: (0 if k in shared else None) for k in g.hp})


def _per_run_fields(axes: Group):
    """``axes`` with True where a field has a runs axis, for ``jax.tree.map`` over a group."""
    return jax.tree.map(lambda a: a == 0, axes, is_leaf=lambda a: a is None)


def pad_runs(g: Group, shared, n_runs: int) -> Group:
    """``g`` (NumPy fields) with ``n_runs`` runs: copies of its last run appended to each field
    that has a runs axis (their results are dropped)."""
    n = g.start.shape[0]
    if n_runs == n:
        return g
    idx = np.minimum(np.arange(n_runs), n - 1)
    per_run = _per_run_fields(group_axes(g, shared))
    return jax.tree.map(lambda p, x: np.asarray(x)[idx] if p else x, per_run, g)


# A program per rule: a student who races all 10 rules on a formula of their own, with and without
# noise, and sweeps a few of them holds some 30 programs of that family; past 16 (the default) all of
# them were dropped and compiled again.
@family_jit(
    static_argnames=("family", "optimizer", "noisy", "shared", "n_steps", "record", "every"), max_programs=48
)
def run_group(family, optimizer, noisy, shared, n_steps, record, land_params, group, view, every=1):
    """The runs of one rule in one compiled call.

    One program per rule, structure and number of runs (the caller rounds that up with
    :func:`bucket_runs`), so any combination of rules reuses the programs of each.

    Args:
        family: the landscape's ``fn_p(xy, p)`` (static).
        optimizer: the rule's registered name (static).
        noisy: whether its runs draw mini-batches (static).
        shared: False (every field of ``group`` has a leading runs axis) or the tuple of
            hyperparameter names that vary per run (static): then those and start and seed have
            the runs axis, and everything else (the other hyperparameters, schedule, batch size,
            noise, steps, target) is one value for all runs, so work that depends only on them is
            done once per step, not per run.
        n_steps: the scan length, a bucket from STEP_BUCKETS (static).
        record: "full", "path" or "final" (static).
        land_params: the surface parameters (traced).
        group: a :class:`Group` (traced).
        view: (centre, reach) for the out-of-range test (traced).
        every: keep the path after every ``every``-th step only (static; one of RECORD_EVERY,
            record "path" only; 1 keeps every step).

    Returns:
        One (runs, values) array of the position's dtype, read by :func:`unpack`: per run its
        records, then its final values. One output, not a dozen (each output of a call costs its
        own transfer), and run by run, so that the host puts runs in order with one contiguous
        copy per run.
    """
    split = group.start.shape[0] >= SPLIT_RUNS
    args = (family, optimizer, noisy, shared, n_steps, record, land_params, group, view, every, split)
    return _group_rows(*args)


def _group_rows(family, optimizer, noisy, shared, n_steps, record, land_params, group, view, every, split):
    """The body of :func:`run_group` (and, on each device's share of the runs, of
    :func:`run_group_sharded`); ``split`` as for :class:`_Coords`."""
    from . import registry  # the registry imports this module

    dtype = view[0].dtype
    f = lambda xy: family(xy, land_params)  # noqa: E731
    n_runs = group.start.shape[0]
    axes = group_axes(group, shared)
    one = partial(
        _scan_one,
        registry.get(optimizer),
        f,
        noisy,
        n_steps,
        record,
        dtype,
        every=every,
        shared_schedule=shared is not False,
        split=split,
    )
    trace, final = _in_blocks(jax.vmap(one, in_axes=(axes, None)), group, axes, view)
    parts = [] if trace is None else [trace.path, trace.loss]
    if record == "full":
        parts += [trace.grad_norm, *trace.aux]
    counts = [x.astype(dtype) for x in (final.diverged_at, final.hit_at)]  # exact: < 2^24
    parts += [final.w, final.loss, *counts]
    return jnp.concatenate([jnp.reshape(x, (n_runs, -1)) for x in parts], axis=1)


def shard_runs(n_runs: int, n_devices: int) -> int:
    """Runs per device when ``n_runs`` runs of one rule are split over ``n_devices`` devices: the
    bucket (:func:`bucket_runs`) of an even share. Every device gets as many; the padding (copies
    of the last run, at the end) is dropped from the results."""
    return bucket_runs(-(-n_runs // n_devices))


@family_jit(
    static_argnames=("family", "optimizer", "noisy", "shared", "n_steps", "record", "every", "mesh", "split"),
    max_programs=48,
)
def run_group_sharded(
    family, optimizer, noisy, shared, n_steps, record, land_params, group, view, every=1, *, mesh, split
):
    """:func:`run_group` with its runs split over the devices of ``mesh`` (``jax.shard_map``).

    Every device runs :func:`run_group`'s body on its share of the runs (the fields with a runs
    axis are split along the mesh axis, the rest are copied to every device), with no
    communication: each run's arithmetic is the same as on one device.

    Args:
        family ... every: as for :func:`run_group`; ``group`` holds ``shard_runs(n, D) * D`` runs.
        mesh: a one-axis mesh (``optimizers.devices.mesh``; static).
        split: carry positions coordinate by coordinate (:class:`_Coords`; static): chosen from the
            runs of a device, as :func:`run_group` chooses it from the runs of its call.

    Returns:
        As :func:`run_group`, an array split by runs over the mesh's devices.
    """
    axes = group_axes(group, shared)
    specs = jax.tree.map(
        lambda a: PartitionSpec(devs.AXIS) if a == 0 else PartitionSpec(), axes, is_leaf=lambda a: a is None
    )

    def local(land_params, group, view):
        return _group_rows(
            family, optimizer, noisy, shared, n_steps, record, land_params, group, view, every, split
        )

    everywhere = PartitionSpec()
    # check_vma=False: the body has no collectives, and its loops mix shared and per-device values in
    # their carries (a value's "varying over devices" type would have to be cast in each of them)
    return jax.shard_map(
        local,
        mesh=mesh,
        in_specs=(everywhere, specs, everywhere),
        out_specs=PartitionSpec(devs.AXIS),
        check_vma=False,
    )(land_params, group, view)


def _place(mesh, shared, land_params, group, view):
    """The inputs of :func:`run_group_sharded` laid out on ``mesh``: each device gets its runs, and
    the shared values go to every device (``optimizers.devices.place``)."""
    per_run = _per_run_fields(group_axes(group, shared))
    runs, every = NamedSharding(mesh, PartitionSpec(devs.AXIS)), NamedSharding(mesh, PartitionSpec())
    shardings = (
        jax.tree.map(lambda _: every, land_params),
        jax.tree.map(lambda p: runs if p else every, per_run),
        jax.tree.map(lambda _: every, view),
    )
    return devs.place((land_params, group, view), shardings)


def unpack(rows: np.ndarray, record: str, n_rows: int, d: int) -> tuple[Trace | None, Final]:
    """:func:`run_group`'s output (or rows of it) -> (Trace or None, Final) of NumPy views (no
    copies but the two step counts, made integers).

    Args:
        rows: (runs, values per run), on the host.
        record: the call's record mode.
        n_rows: records per run (steps + 1, or steps // every + 1).
        d: coordinates of a position.
    """
    n_runs, at = rows.shape[0], 0

    def take(*shape: int) -> np.ndarray:
        nonlocal at
        size = math.prod(shape)
        at += size
        return rows[:, at - size : at].reshape((n_runs, *shape))

    trace = None
    if record != "final":
        path, loss = take(n_rows, d), take(n_rows)
        grad_norm = aux = None
        if record == "full":
            grad_norm = take(n_rows)
            aux = Aux(*(take(n_rows, d) for _ in Aux._fields))
        trace = Trace(path=path, loss=loss, grad_norm=grad_norm, aux=aux)
    w, loss = take(d), take()
    div_at, hit_at = take().astype(np.int32), take().astype(np.int32)
    return trace, Final(w=w, loss=loss, diverged_at=div_at, hit_at=hit_at)


def run_rows(
    family, structure, n_steps, record, land_params, groups, view, every=1, devices=None
) -> tuple[np.ndarray, ...]:
    """Run every group, one compiled call per group (:func:`run_group`, or with more than one
    device :func:`run_group_sharded` for a group of at least :data:`SHARD_FROM` runs).

    Args:
        family, n_steps, record, land_params, view, every: as for :func:`run_group`.
        structure: tuple of (optimizer name, noisy, shared) per group, as for :func:`run_group`.
        groups: tuple of :class:`Group` of NumPy arrays, one per entry of ``structure``.
        devices: the devices to compute on (``optimizers.devices.resolve``); None: JAX's default
            device. One device other than the default runs there; more split the runs.

    Returns:
        per group, its runs' rows of :func:`run_group`'s output (the padding dropped), as read-only
        NumPy views; :func:`unpack` reads them.
    """
    if devices is not None and len(devices) == 1 and devices[0] != devs.default_device():
        with jax.default_device(devices[0]):
            return run_rows(family, structure, n_steps, record, land_params, groups, view, every)
    many = devices is not None and len(devices) > 1
    calls = []
    for (name, noisy, shared), g in zip(structure, groups, strict=True):
        n = int(np.shape(g.start)[0])
        if many and n >= SHARD_FROM:
            per_device = shard_runs(n, len(devices))
            m = devs.mesh(tuple(devices))
            args = _place(m, shared, land_params, pad_runs(g, shared, per_device * len(devices)), view)
            out = run_group_sharded(
                family,
                name,
                noisy,
                shared,
                n_steps,
                record,
                *args,
                every=every,
                mesh=m,
                split=per_device >= SPLIT_RUNS,
            )
        else:
            padded = pad_runs(g, shared, bucket_runs(n))
            args = (family, name, noisy, shared, n_steps, record, land_params, padded, view)
            out = run_group(*args, every=every)
        calls.append((n, out))
    return tuple((devs.to_host(rows) if many else np.asarray(rows))[:n] for n, rows in calls)


def run_groups(family, structure, n_steps, record, land_params, groups, view, every=1, devices=None):
    """:func:`run_rows`, each group's rows read by :func:`unpack`.

    Returns:
        tuple of (Trace or None, Final) per group, NumPy arrays (read-only views but the step
        counts).
    """
    args = (family, structure, n_steps, record, land_params, groups, view)
    rows = run_rows(*args, every=every, devices=devices)
    d = int(np.shape(view[0])[0])
    return tuple(unpack(r, record, n_steps // every + 1, d) for r in rows)


def _in_blocks(vmapped, g: Group, axes: Group, view):
    """``vmapped(g, view)``, run BLOCK runs at a time when there are more.

    Stepping 262,144 runs together streams every intermediate through memory at each step; a
    block of runs keeps its whole scan in cache (and, under the XLA:CPU loop threshold, in one
    kernel). The carried values of a block should fit the L1 cache: on an AMD EPYC, 1,024 runs
    (4 kB per carried value) made a 4,096-rate gradient-descent sweep 1.5x faster than one block of
    4,096 and the 512 x 512 basin map 1.7x faster than blocks of 8,192, with 512 as good. On an
    Intel Xeon (48 kB L1d) Adam's and RMSprop's sweeps (a dozen carried values per run) ran 1.3x
    faster in blocks of 512 than of 1,024 (momentum, NAG, SAM 1.1-1.3x; the basin map and GD
    alike), so 512. The caller pads the runs to whole blocks (:func:`bucket_runs`); a last block
    that is not whole (a direct call) is padded with copies of the last run, dropped afterwards.
    """
    n = g.start.shape[0]
    if n <= BLOCK:
        return vmapped(g, view)
    n_blocks = -(-n // BLOCK)
    pad = n_blocks * BLOCK - n

    def split(x):
        x = jnp.concatenate([x, jnp.repeat(x[-1:], pad, axis=0)]) if pad else x
        return x.reshape((n_blocks, BLOCK) + x.shape[1:])

    # split the fields (and hyperparameters) that have a runs axis; the others go in whole
    batched = jax.tree.map(lambda a, x: x if a == 0 else None, axes, g, is_leaf=lambda a: a is None)
    whole = jax.tree.map(lambda a, x: None if a == 0 else x, axes, g, is_leaf=lambda a: a is None)
    blocks = jax.tree.map(split, batched)

    def one_block(part):
        merged = jax.tree.map(
            lambda a, b, w: b if a == 0 else w, axes, part, whole, is_leaf=lambda a: a is None
        )
        trace, final = vmapped(merged, view)
        return trace, _pack_final(final)

    out = jax.lax.map(one_block, blocks)
    trace, final = jax.tree.map(lambda x: x.reshape((n_blocks * BLOCK,) + x.shape[2:])[:n], out)
    return trace, _unpack_final(final)


def _pack_final(final: Final) -> jax.Array:
    """:class:`Final` of R runs as one (R, d + 3) array of the position's dtype: w, loss and the
    two step counts (exact: counts are at most MAX_STEPS + 1 < 2^24).

    ``lax.map`` writes each output of a block into its slot of the whole result. XLA:CPU's
    multi-output fusion fused the writes of outputs of one shape (the two step counts) and a
    fused write is not done in place: every block copied both whole arrays (the 512 x 512 basin
    map, in 256 blocks of 1,024, spent ~40% of its time so). One array is written in place.
    """
    counts = jnp.stack([final.diverged_at, final.hit_at], axis=-1).astype(final.w.dtype)
    return jnp.concatenate([final.w, final.loss[..., None], counts], axis=-1)


def _unpack_final(packed) -> Final:
    """Inverse of :func:`_pack_final`."""
    d = packed.shape[-1] - 3
    counts = packed[..., d + 1 :].astype(jnp.int32)
    return Final(w=packed[..., :d], loss=packed[..., d], diverged_at=counts[..., 0], hit_at=counts[..., 1])
