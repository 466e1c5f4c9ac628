"""The runner in other dimensions than 2 and with or without its per-coordinate carry.

``run_groups`` is generic in the parameter dimension d: parameter vectors of up to SPLIT_DIM
coordinates are carried coordinate by coordinate in groups of at least SPLIT_RUNS runs, larger ones
whole. Checked here against the closed form of gradient descent on a diagonal quadratic (also
block by block, see ``runner._in_blocks``), and the two carries against each other for every
optimizer, recording everything.
"""

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import optimizers
from optimizers import runner


def _quadratic(w, p):
    """0.5 * sum_i p_i w_i^2 in any dimension (p: the curvatures)."""
    return 0.5 * jnp.sum(p * w * w)


def _group(hp: dict, start: np.ndarray, steps: int, target: float = -np.inf) -> runner.Group:
    n = start.shape[0]
    return runner.Group(
        hp={k: np.asarray(v, np.float32) for k, v in hp.items()},
        start=start.astype(np.float32),
        seed=np.zeros(n, np.uint32),
        sched_kind=np.zeros(n, np.int32),
        sched_params=np.tile(np.array([100.0, 0.5, 0.01, 0.0, 50.0], np.float32), (n, 1)),
        batch=np.full(n, runner.N_SAMPLES, np.float32),
        noise=np.zeros(n, np.float32),
        steps=np.full(n, steps, np.int32),
        target=np.full(n, target, np.float32),
    )


@pytest.mark.parametrize(
    "d, n, block",
    [(3, 80, None), (runner.SPLIT_DIM + 4, 80, None), (3, 75, 32)],  # per coordinate / whole / 3 blocks
)
def test_gradient_descent_in_d_dimensions_is_the_closed_form(d, n, block, monkeypatch):
    if block:  # a new run count, so a new compile that sees the small BLOCK
        monkeypatch.setattr(runner, "BLOCK", block)
    steps = 50  # n >= SPLIT_RUNS
    h = np.linspace(1.0, 10.0, d).astype(np.float32)
    lrs = np.geomspace(0.01, 0.25, n).astype(np.float32)  # the last ones: lr * 10 > 2 diverges
    start = np.tile(np.linspace(1.0, -1.0, d), (n, 1))
    view = (np.zeros(d, np.float32), np.float32(1e3))
    g = _group({"lr": lrs}, start, steps, target=1e-4)
    ((_, final),) = runner.run_groups(_quadratic, (("sgd", False, False),), steps, "final", h, (g,), view)
    factor = 1.0 - lrs[:, None] * h[None]  # w_t = (1 - lr h)^t w_0, coordinate by coordinate
    stable = np.all(np.abs(factor) < 1.0, axis=1)
    assert stable.any() and (~stable).any()
    want = factor[stable] ** steps * start[stable]
    np.testing.assert_allclose(np.asarray(final.w)[stable], want, rtol=1e-4, atol=1e-6)
    assert np.all(np.asarray(final.diverged_at)[stable] == -1)
    # unstable: the largest coordinate grows by |1 - lr h_max| per step until it leaves the view
    grow = np.abs(factor[~stable, -1])
    first_out = np.ceil(np.log(1e3 / np.abs(start[0, -1])) / np.log(grow)).astype(int)
    first_out = np.where(first_out <= steps, first_out, -1)  # later than the last step: never
    div = np.asarray(final.diverged_at)[~stable]
    assert (div > 0).any() and np.all(np.abs(div - first_out) <= 1), (div, first_out)
    # arrival: the first step whose loss is <= 1e-4, from the closed form
    ts = np.arange(steps + 1)[:, None, None]
    loss_t = 0.5 * np.sum(h * (factor[stable] ** ts * start[stable]) ** 2, axis=-1)  # (T+1, runs)
    hit = np.where((loss_t <= 1e-4).any(0), np.argmax(loss_t <= 1e-4, axis=0), -1)
    got = np.asarray(final.hit_at)[stable]
    assert np.all(np.abs(got - hit) <= 1) and np.mean(got == hit) > 0.9


@pytest.mark.parametrize("name", optimizers.names())
def test_per_coordinate_carry_changes_nothing(name):
    """Every optimizer, full record, d = 3 (a saddle: the last coordinate runs away, and leaves the
    view for the larger rates; the first run starts at NaN): the split carry gives the whole
    carry's results."""
    n, steps, d = 8, 30, 3
    opt = optimizers.get(name)
    h = np.array([1.0, 4.0, -1.0], np.float32)
    hp = {k: np.full(n, v, np.float32) for k, v in opt.defaults.items()}
    hp["lr"] = np.geomspace(1e-3, 0.3, n).astype(np.float32)
    start = np.tile(np.array([1.0, -0.5, 0.25]), (n, 1))
    start[0, 1] = np.nan
    g = _group(hp, start, steps, target=-0.01)
    view = (jnp.zeros(d), jnp.float32(3.0))
    f = partial(_quadratic, p=jnp.asarray(h))
    axes = runner.Group(*([0] * len(runner.Group._fields)))

    def run(split):
        one = partial(runner._scan_one, opt, f, False, steps, "full", jnp.float32, split=split)
        return jax.jit(jax.vmap(one, in_axes=(axes, None)))(g, view)

    (trace_a, final_a), (trace_b, final_b) = run(True), run(False)
    # equal up to float32 rounding (XLA contracts multiply-adds differently in the two layouts)
    for a, b in zip(jax.tree.leaves((trace_a, final_a)), jax.tree.leaves((trace_b, final_b)), strict=True):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(final_a.diverged_at, final_b.diverged_at)
    np.testing.assert_array_equal(final_a.hit_at, final_b.hit_at)
    div = np.asarray(final_a.diverged_at)
    assert div[0] == 0 and (div[1:] == -1).any()
    assert np.asarray(trace_a.path).shape == (n, steps + 1, d)
