"""The compiled runner: every requested run in one jit call.

Structure (static, so it compiles): the landscape family, which optimizers with how many runs each,
whether each group is noisy, the step bucket and what is recorded. Everything else is traced:
hyperparameters, schedules, starts, seeds, batch sizes, noise scales, surface parameters. Within one
call each optimizer is a ``lax.scan`` over steps ``vmap``-ped over its runs.
"""

from __future__ import annotations

import functools
from functools import partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from landscapes.compiled import family_jit

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
BLOCK = 1024  # runs stepped together; larger groups run block after block (see _in_blocks)


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
    With ``split`` (static) small parameter vectors are carried coordinate by coordinate
    (:class:`_Coords`).
    """
    grad_f = jax.grad(f)
    mid, reach = view
    hp0 = {k: jnp.asarray(v, dtype) for k, v in g.hp.items()}
    w0 = jnp.asarray(g.start, dtype)
    if noisy:
        table_key, step_key = jax.random.split(jax.random.PRNGKey(g.seed))
        u = noise_table(table_key, w0.shape[0], dtype) * g.noise

    coords = _Coords(w0.shape[0], (w0, opt.init(w0, hp0)), split)
    rows = _Rows()

    def lr_factor(t):
        return schedules.factor(g.sched_kind, g.sched_params, t, g.steps)

    def body(carry, x):
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
        carry = (ws, loss, div_at, hit_at)
        if record == "final":
            return carry, None
        w, alive = coords.join(ws)[0], div_at < 0
        nan = jnp.asarray(jnp.nan, dtype)
        out = {"path": jnp.where(alive, w, nan), "loss": jnp.where(alive, loss, nan)}
        if record == "full":
            out["grad_norm"] = jnp.where(alive, _norm(grad_f(w)), nan)
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
    ts = jnp.arange(n_steps, dtype=jnp.int32)
    xs = (ts, jax.vmap(lr_factor)(ts) if shared_schedule else None)
    if every == 1:
        carry, outs = jax.lax.scan(body, carry0, xs)
    else:  # an outer scan over the kept steps; the steps between them record nothing

        def stretch(carry, xs):
            carry, _ = jax.lax.scan(lambda c, x: (body(c, x)[0], None), carry, xs)
            ws, loss, div_at, _ = carry
            w, alive, nan = coords.join(ws)[0], div_at < 0, jnp.asarray(jnp.nan, dtype)
            return carry, rows.pack({"path": jnp.where(alive, w, nan), "loss": jnp.where(alive, loss, nan)})

        xs = jax.tree.map(lambda a: a.reshape(n_steps // every, every), xs)
        carry, outs = jax.lax.scan(stretch, carry0, xs)
    (w, _), loss, div_at, hit_at = coords.join(carry[0]), *carry[1:]
    final = Final(w=w, loss=loss, diverged_at=div_at, hit_at=hit_at)
    if record == "final":
        return None, final
    outs = rows.unpack(outs)
    nan = jnp.asarray(jnp.nan, dtype)
    first = lambda a: jnp.where(ok0, a, nan)[None]  # noqa: E731
    path = jnp.concatenate([first(w0), outs["path"]])
    loss_tr = jnp.concatenate([first(loss0), outs["loss"]])
    gn, trace_aux = None, None
    if record == "full":
        gn = jnp.concatenate([first(_norm(grad_f(w0))), outs["grad_norm"]])
        # aux[k] describes the step from path[k] to path[k+1]; the last row has no step (NaN).
        trace_aux = jax.tree.map(
            lambda a: jnp.concatenate([a, jnp.full((1,) + a.shape[1:], nan)]), outs["aux"]
        )
    return Trace(path=path, loss=loss_tr, grad_norm=gn, aux=trace_aux), final


@family_jit(static_argnames=("family", "structure", "n_steps", "record", "every"))
def run_groups(family, structure, n_steps, record, land_params, groups, view, every=1):
    """Run every group in one compiled call.

    Args:
        family: the landscape's ``fn_p(xy, p)`` (static).
        structure: tuple of (optimizer name, noisy, shared) per group (static). ``shared`` is
            False (every field has a leading runs axis) or the tuple of hyperparameter names that
            vary per run: then those and start and seed have the runs axis, and everything else
            (the other hyperparameters, schedule, batch size, noise, steps, target) is one value
            for all runs, so work that depends only on them is done once per step, not per run.
        n_steps: the scan length, a bucket from STEP_BUCKETS (static).
        record: "full", "path" or "final" (static).
        land_params: the surface parameters (traced).
        groups: tuple of :class:`Group`, one per entry of ``structure`` (traced).
        view: (centre, reach) for the out-of-range test (traced).
        every: keep the path after every ``every``-th step only (static; one of RECORD_EVERY,
            record "path" only; 1 keeps every step).

    Returns:
        tuple of (Trace or None, Final) per group.
    """
    from . import registry  # the registry imports this module

    dtype = view[0].dtype
    f = lambda xy: family(xy, land_params)  # noqa: E731
    out = []
    for (name, noisy, shared), g in zip(structure, groups, strict=True):
        one = partial(
            _scan_one, registry.get(name), f, noisy, n_steps, record, dtype, every=every,
            shared_schedule=shared is not False, split=g.start.shape[0] >= SPLIT_RUNS,
        )
        axes = Group(*([0] * len(Group._fields)))
        if shared is not False:
            axes = SHARED_AXES._replace(hp={k: (0 if k in shared else None) for k in g.hp})
        out.append(_in_blocks(jax.vmap(one, in_axes=(axes, None)), g, axes, view))
    return tuple(out)


def _in_blocks(vmapped, g: Group, axes: Group, view):
    """``vmapped(g, view)``, run BLOCK runs at a time when there are more.

    Stepping 262,144 runs together streams every intermediate through memory at each step; a
    block of runs keeps its whole scan in cache (and, under the XLA:CPU loop threshold, in one
    kernel). 1,024 runs (4 kB per carried value) keep a step's arrays in the L1 cache: a 4,096-rate
    gradient-descent sweep ran 1.5x faster than in one block of 4,096, the 512 x 512 basin map
    1.7x faster than in blocks of 8,192 (measured on 2 cores, AVX-512; 512 runs did as well, 2,048
    10-20% worse). The last block is padded with copies of the last run, dropped afterwards.
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
    map, 256 blocks, spent ~40% of its time so). One array is written in place.
    """
    counts = jnp.stack([final.diverged_at, final.hit_at], axis=-1).astype(final.w.dtype)
    return jnp.concatenate([final.w, final.loss[..., None], counts], axis=-1)


def _unpack_final(packed) -> Final:
    """Inverse of :func:`_pack_final`."""
    d = packed.shape[-1] - 3
    counts = packed[..., d + 1 :].astype(jnp.int32)
    return Final(w=packed[..., :d], loss=packed[..., d], diverged_at=counts[..., 0], hit_at=counts[..., 1])
