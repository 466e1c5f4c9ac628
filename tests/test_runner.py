"""The compiled runner: mini-batch noise, divergence, budgets, step buckets, limits, hit_at, record
modes and the persistent compilation cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
import optimizers
from landscapes import Landscape
from optimizers import N_SAMPLES, runner
from tests.helpers import assert_no_recompile

ROOT = Path(__file__).resolve().parents[1]
# f = |w|^2 / 2, so the exact gradient at w is w itself
BOWL = landscapes.get("quadratic").with_params(condition=1.0, rotation=0.0)


# ---------------------------------------------------------------- mini-batch noise


def _offsets(res) -> np.ndarray:
    """Per-step gradient offsets (runs, steps, 2): gradient used minus the exact one (w on BOWL)."""
    n = res.steps.max()
    return res.aux.grad[:, :n] - res.path[:, :n]


def test_full_batch_is_exact_gradient_descent():
    """B = N uses every sample: the offsets average to exactly zero, even inside a noisy group."""
    exact = optimizers.simulate(BOWL, [("sgd", {"lr": 0.1})], start=(2.0, -1.0), steps=50, record="path")
    runs = [("sgd", {"lr": 0.1}, {"batch_size": b}) for b in (N_SAMPLES, 4)]
    noisy = optimizers.simulate(BOWL, runs, start=(2.0, -1.0), steps=50, noise=3.0, seed=11)
    off = _offsets(noisy)
    assert np.all(off[0] == 0.0)  # bit for bit: the gradient used is the exact one at every step
    assert np.abs(off[1]).min() > 0  # while the B = 4 run in the same call is noisy
    # same arithmetic; two compiled programs may round the last float32 bit differently
    np.testing.assert_allclose(noisy.path[0], exact.path[0], rtol=1e-6, atol=1e-7)
    assert np.abs(noisy.path[1] - exact.path[0]).max() > 1e-2


@pytest.mark.parametrize("batch", [1, 8, 32, 100, 127])
def test_minibatch_variance(batch):
    """Sampling B of N without replacement from offsets of population variance s^2 gives a mean of
    variance s^2 (N - B) / (B (N - 1)) per coordinate, and mean zero."""
    noise, seeds, steps = 2.0, 48, 200
    runs = [("sgd", {"lr": 1e-4}, {"seed": s}) for s in range(seeds)]
    res = optimizers.simulate(BOWL, runs, start=(0.5, 0.5), steps=steps, batch_size=batch, noise=noise)
    off = _offsets(res).reshape(-1, 2)
    n = len(off)
    expected = noise**2 * (N_SAMPLES - batch) / (batch * (N_SAMPLES - 1))
    var = off.var(axis=0)
    # the sample variance of n near-Gaussian draws has relative std sqrt(2 / n) (~1.4% here)
    assert np.all(np.abs(var / expected - 1) < 5 * np.sqrt(2 / n)), (var, expected)
    assert np.all(np.abs(off.mean(axis=0)) < 5 * np.sqrt(expected / n))


@pytest.mark.parametrize("n, batch", [(8, 3), (6, 1), (6, 5)])
def test_every_subset_is_equally_likely(n, batch):
    """The sampler draws a uniformly random B-subset: with u = I, B * offset is the subset's mask.
    Every draw has exactly B rows, and the C(n, B) subsets appear with equal frequency (chi-square
    test, p > 1e-4 for a correct sampler)."""
    import math

    import jax
    from scipy import stats

    keys = jax.random.split(jax.random.PRNGKey(7), 40_000)
    masks = np.asarray(jax.vmap(lambda k: runner.minibatch_offset(jnp.eye(n), k, batch))(keys)) * batch
    assert np.allclose(masks, np.round(masks)) and np.all(np.round(masks).sum(1) == batch)
    codes = np.round(masks).astype(int) @ (1 << np.arange(n))
    counts = np.bincount(codes, minlength=1 << n)[[c for c in range(1 << n) if bin(c).count("1") == batch]]
    assert len(counts) == math.comb(n, batch) and counts.min() > 0
    assert stats.chisquare(counts).pvalue > 1e-4


def test_noise_is_seeded():
    def run(seed):
        return optimizers.simulate(
            BOWL, ["sgd"], start=(1.0, 1.0), steps=30, batch_size=5, noise=1.0, seed=seed, record="path"
        ).path[0]

    np.testing.assert_array_equal(run(3), run(3))
    assert np.abs(run(3) - run(4)).max() > 0


# ---------------------------------------------------------------- divergence


def _escape_step(lr: float, w0: float, reach: float) -> int:
    """First k with |w_k| > reach for gradient descent on w^2 / 2 (w_k = (1 - lr)^k w0)."""
    w, k = w0, 0
    while abs(w) <= reach:
        w, k = (1 - lr) * w, k + 1
    return k


def test_divergence_is_isolated_and_exact():
    start = (1.0, 0.5)
    res = optimizers.simulate(BOWL, [("sgd", {"lr": 2.5}), ("adam", {"lr": 0.1})], start=start, steps=200)
    alone = optimizers.simulate(BOWL, [("adam", {"lr": 0.1})], start=start, steps=200)
    # the view is [-3, 3]^2, so a run escapes at 100 view spans = 600 from the centre
    k = _escape_step(2.5, 1.0, 600.0)
    assert res.diverged_at[0] == k and res.diverged_at[1] == -1
    assert np.all(np.isfinite(res.path[0, :k])) and np.all(np.isnan(res.path[0, k:]))
    assert np.all(np.isnan(res.loss[0, k:])) and np.all(np.isnan(res.aux.grad[0, k - 1 :]))
    assert np.all(np.isfinite(res.path[0, k - 1])) and np.abs(res.path[0, k - 1]).max() <= 600
    np.testing.assert_array_equal(res.final_w[0], res.path[0, k - 1])  # last finite position
    np.testing.assert_array_equal(res.path[1], alone.path[0])
    np.testing.assert_array_equal(res.aux.moment2[1], alone.aux.moment2[0])


def _sqrt_valley(xy, p):
    return xy[0] ** 2 + jnp.sqrt(xy[1])


SQRT = Landscape(
    name="sqrt_valley",
    title="x^2 + sqrt(y)",
    fn_p=_sqrt_valley,
    bounds=((-2.0, 2.0), (0.0, 4.0)),
    start=(0.5, 1.0),
)


def test_nonfinite_loss_is_divergence():
    """Finite position, non-finite loss: sqrt(y) once gradient descent pushes y below zero."""
    lr, y, k = 0.5, 1.0, 0
    while y >= 0:
        y, k = y - lr * 0.5 / np.sqrt(y), k + 1
    res = optimizers.simulate(SQRT, [("sgd", {"lr": lr})], steps=20)
    assert res.diverged_at[0] == k
    assert np.isfinite(res.loss[0, k - 1]) and np.all(np.isnan(res.loss[0, k:]))


def test_nonfinite_start_is_divergence_at_zero():
    res = optimizers.simulate(SQRT, ["sgd"], start=(0.0, -1.0), steps=10)
    assert res.diverged_at[0] == 0 and np.all(np.isnan(res.path[0]))


# ---------------------------------------------------------------- budget mode


def test_budget_gives_each_optimizer_the_same_gradient_evaluations():
    s = landscapes.get("rosenbrock")
    res = optimizers.simulate(s, ["sgd", "sam", ("nag", {"lr": 1e-4})], budget=300, record="full")
    assert list(res.steps) == [300, 150, 300]
    assert list(res.grad_evals) == [1, 2, 1]
    assert list(res.steps * res.grad_evals) == [300, 300, 300]
    assert res.path.shape == (3, 301, 2)
    # SAM holds still after its 150 steps; its overlays there are NaN (no step taken)
    np.testing.assert_array_equal(res.path[1, 150:], np.broadcast_to(res.path[1, 150], (151, 2)))
    assert np.all(np.isnan(res.aux.step[1, 150:])) and np.all(np.isfinite(res.aux.step[1, :150]))
    np.testing.assert_array_equal(res.final_w[1], res.path[1, 150])
    alone = optimizers.simulate(s, ["sam"], steps=150, record="path")
    np.testing.assert_array_equal(alone.path[0], res.path[1, :151])
    with pytest.raises(optimizers.LimitError, match="budget = 1 is too small for sam"):
        optimizers.simulate(s, ["sgd", "sam"], budget=1)


# ---------------------------------------------------------------- step buckets and limits


def test_bucket_steps_covers_the_slider():
    seen = {runner.bucket_steps(n) for n in range(1, runner.MAX_STEPS + 1)}
    assert seen == set(runner.STEP_BUCKETS)
    for b in runner.STEP_BUCKETS[:-1]:
        assert runner.bucket_steps(b) == b and runner.bucket_steps(b + 1) > b


def test_steps_in_one_bucket_compile_once():
    s = landscapes.get("quadratic")
    buckets = (0,) + runner.STEP_BUCKETS
    for lo, hi in zip(buckets[:-1], buckets[1:], strict=True):
        optimizers.simulate(s, ["sgd"], steps=hi, record="final")
        with assert_no_recompile(runner.run_group, what=f"steps {lo + 1}..{hi}, one bucket"):
            for n in sorted({lo + 1, (lo + hi) // 2, hi - 1}):
                res = optimizers.simulate(s, ["sgd"], steps=n, record="final")
                assert res.steps[0] == n


def test_steps_are_exact_within_a_bucket():
    s = landscapes.get("rosenbrock")
    short = optimizers.simulate(s, [("adam", {"lr": 0.01})], steps=137)
    long = optimizers.simulate(s, [("adam", {"lr": 0.01})], steps=200)
    assert short.path.shape == (1, 138, 2)
    np.testing.assert_array_equal(short.path[0], long.path[0, :138])
    np.testing.assert_array_equal(short.final_w[0], long.path[0, 137])


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"steps": 20_001}, "steps = 20001 exceeds the limit of 20000"),
        ({"steps": 0}, "steps must be a positive integer"),
        ({"runs": 10_000, "steps": 20_000, "record": "final"}, "exceeds the limit of 160,000,000 run-steps"),
        ({"runs": 2_000, "steps": 2_000, "record": "full"}, "over the limit of 40,000,000"),
        ({"runs": runner.MAX_RUNS + 1, "steps": 1}, "exceed the limit of 262144 runs per call"),
        ({"record": "everything"}, "Unknown record mode 'everything'"),
    ],
)
def test_limits_raise_before_compiling(kwargs, pattern):
    s = landscapes.get("quadratic")
    n_runs = kwargs.pop("runs", 1)
    runs = [("adam", {"lr": 0.01}, {"start": (1.0, float(i % 7))}) for i in range(min(n_runs, 2))]
    runs = runs * (n_runs // len(runs)) + runs[: n_runs % len(runs)]
    with assert_no_recompile(runner.run_group, what="a call over the limits"):
        with pytest.raises(optimizers.LimitError, match=pattern):
            optimizers.simulate(s, runs, **kwargs)


# ---------------------------------------------------------------- hit_at and record modes


def test_hit_at_is_the_first_step_within_tol():
    s = landscapes.get("quadratic")
    runs = [("momentum", {"lr": 0.05}), ("sgd", {"lr": 1e-5}), ("adam", {"lr": 0.05}, {"start": (0.0, 0.0)})]
    res = optimizers.simulate(s, runs, steps=400, tol=1e-3)
    hits = res.loss[0] <= 1e-3
    assert hits.any() and res.hit_at[0] == np.argmax(hits)
    assert res.loss[0, res.hit_at[0] - 1] > 1e-3
    assert res.hit_at[1] == -1 and np.all(res.loss[1] > 1e-3)
    assert res.hit_at[2] == 0  # starting at the minimum counts as arrived
    no_min = optimizers.simulate(landscapes.get("saddle"), ["sgd"], steps=50)
    assert no_min.hit_at[0] == -1  # no known minimum: never "arrived"


def test_record_modes_agree():
    s = landscapes.get("rosenbrock")
    runs = [("nag", {"lr": 5e-4}), ("nag", {"lr": 0.01}), ("nag", {"lr": 2e-4, "momentum": 0.5})]
    kw = dict(steps=300, batch_size=16, noise=0.5, seed=2)
    full = optimizers.simulate(s, runs, record="full", **kw)
    path = optimizers.simulate(s, runs, record="path", **kw)
    final = optimizers.simulate(s, runs, record="final", **kw)
    assert path.aux is None and path.grad_norm is None and final.path is None and final.loss is None
    # each record mode is its own compiled program: XLA may fuse (and contract multiply-adds)
    # differently, so the same steps agree to float32 rounding, not bit for bit
    np.testing.assert_allclose(full.path, path.path, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(full.loss, path.loss, rtol=1e-5, atol=1e-6)
    assert full.diverged_at[1] > 0 and full.diverged_at[0] == -1  # lr 0.01 leaves Rosenbrock
    for r in (path, final):
        for field in ("diverged_at", "hit_at", "steps"):
            np.testing.assert_array_equal(getattr(full, field), getattr(r, field), err_msg=field)
        for field in ("final_w", "final_loss"):
            np.testing.assert_allclose(getattr(full, field), getattr(r, field), rtol=1e-5, err_msg=field)
    # grad_norm is the exact gradient's norm at each recorded point
    x, y = full.path[0, :, 0], full.path[0, :, 1]
    g = np.stack([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], axis=-1)
    np.testing.assert_allclose(full.grad_norm[0], np.linalg.norm(g, axis=-1), rtol=1e-4)


# ---------------------------------------------------------------- persistent compilation cache

_CHILD = textwrap.dedent(
    """
    import sys
    import jax
    import jax.monitoring
    hits = []
    jax.monitoring.register_event_listener(
        lambda event, **kw: hits.append(event) if event == "/jax/compilation_cache/cache_hits" else None
    )
    import landscapes, optimizers
    optimizers.enable_disk_cache(sys.argv[1])
    res = optimizers.simulate(landscapes.get("beale"), [("adam", {"lr": 0.01})], steps=50, record="final")
    assert res.diverged_at[0] == -1
    print("HITS", len(hits))
    """
)


def test_disk_cache_is_written_then_read(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JAX_PLATFORMS": "cpu"}

    def child() -> int:
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(tmp_path)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr[-2000:]
        return int(out.stdout.split("HITS")[-1])

    assert child() == 0
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files, "the first process wrote no cache entries"
    assert child() >= 1


# ---------------------------------------------------------------- run_batch: many runs as arrays


def test_run_batch_equals_simulate_and_blocks(monkeypatch):
    """Arrays in, same runs out as simulate(); a group larger than BLOCK runs block by block
    (here BLOCK = 4: 11 runs = 3 blocks, the last padded) with the same results."""
    s = landscapes.get("beale")
    lrs = np.geomspace(1e-3, 0.3, 11)
    starts = np.stack([np.linspace(-1, 2, 11), np.linspace(1.5, -0.5, 11)], axis=-1)
    monkeypatch.setattr(runner, "BLOCK", 4)
    res = optimizers.run_batch(
        s,
        "adam",
        starts=starts,
        hp={"lr": lrs, "b1": 0.8},
        steps=120,
        batch_size=16,
        noise=0.3,
        seeds=np.arange(11),
        record="path",
    )
    ref = optimizers.simulate(
        s,
        [
            ("adam", {"lr": lr, "b1": 0.8}, {"start": tuple(x), "seed": i})
            for i, (lr, x) in enumerate(zip(lrs, starts, strict=True))
        ],
        steps=120,
        batch_size=16,
        noise=0.3,
        record="path",
    )
    assert res.runs == () and res.path.shape == (11, 121, 2) and list(res.steps) == [120] * 11
    np.testing.assert_allclose(res.path, ref.path, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(res.diverged_at, ref.diverged_at)
    np.testing.assert_array_equal(res.hit_at, ref.hit_at)
    np.testing.assert_allclose(res.final_w, ref.final_w, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"hp": {"lr": np.array([0.1, -1.0, 0.2])}}, r"adam.lr = -1 \(entry 1\) is outside its valid range"),
        ({"hp": {"beta": 0.9}}, r"Unknown hyperparameter 'beta' for adam; choose from: lr, b1"),
        ({"starts": np.zeros((3, 3))}, r"starts must have shape \(2,\) or \(runs, 2\)"),
        ({"starts": np.array([[0.0, 1.0], [np.nan, 0.0]])}, r"starts\[1\] = \(nan, 0\) is not two finite"),
        ({"hp": {"lr": np.full(3, 0.1)}, "starts": np.zeros((4, 2))}, "every per-run input needs 1 or 4"),
        ({"hp": {"lr": np.full(513 * 512, 0.01)}}, "runs exceed the limit"),
        ({"steps": 30_000}, "exceeds the limit of 20000"),
        ({"seeds": 0.5}, "seeds must be integers"),
        ({"batch_size": 0, "noise": 1.0}, r"batch_size = 0 is outside \[1, 128\]"),
    ],
)
def test_run_batch_validates_before_compiling(kwargs, pattern):
    with assert_no_recompile(runner.run_group, what="a call with bad inputs"):
        with pytest.raises(ValueError, match=pattern):
            optimizers.run_batch(landscapes.get("rosenbrock"), "adam", **kwargs)


def test_run_batch_new_values_do_not_recompile():
    s = landscapes.get("rosenbrock")
    optimizers.run_batch(s, "rmsprop", hp={"lr": np.geomspace(1e-4, 1e-1, 64)}, steps=300)
    with assert_no_recompile(runner.run_group, what="new rates, alpha, steps, start, schedule, tol"):
        optimizers.run_batch(
            s,
            "rmsprop",
            hp={"lr": np.geomspace(1e-3, 1.0, 64), "alpha": 0.9},
            steps=250,
            starts=(0.5, -0.5),
            schedule=optimizers.Schedule("cosine"),
            tol=0.1,
        )


def test_cpu_loop_flag_is_added_once_and_respects_the_user(monkeypatch):
    from optimizers import xla_cpu

    monkeypatch.setenv("XLA_FLAGS", "--xla_force_host_platform_device_count=1")
    assert xla_cpu.tune_cpu_loops(12345) is True
    flags = os.environ["XLA_FLAGS"]
    assert flags.startswith("--xla_force_host_platform_device_count=1 ")
    assert flags.endswith(
        " --xla_cpu_prefer_vector_width=512"
        " --xla_backend_extra_options=xla_cpu_small_while_loop_byte_threshold=12345,"
        "xla_cpu_use_multi_output_fusion=true"
    )
    assert xla_cpu.tune_cpu_loops(999) is False and os.environ["XLA_FLAGS"] == flags
    monkeypatch.setenv("XLA_FLAGS", "--xla_backend_extra_options=xla_cpu_small_while_loop_byte_threshold=0")
    assert xla_cpu.tune_cpu_loops() is False  # the user's own setting wins
    monkeypatch.setenv("XLA_FLAGS", "--xla_cpu_prefer_vector_width=256")
    assert xla_cpu.tune_cpu_loops(7) is True  # their vector width stays, the loop flags are added
    assert os.environ["XLA_FLAGS"] == (
        f"--xla_cpu_prefer_vector_width=256 --xla_force_host_platform_device_count={xla_cpu.usable_cores()}"
        " --xla_backend_extra_options="
        "xla_cpu_small_while_loop_byte_threshold=7,xla_cpu_use_multi_output_fusion=true"
    )


def test_one_host_device_per_usable_core(monkeypatch):
    """The app gives JAX one CPU device per usable core; a user's own device count wins (as
    conftest's: each pytest-xdist worker takes its share of the cores), and JAX follows the flag."""
    import jax

    from optimizers import devices, xla_cpu

    assert xla_cpu.usable_cores() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("XLA_FLAGS", "")
    assert xla_cpu.tune_cpu_loops() is True
    assert f"--xla_force_host_platform_device_count={xla_cpu.usable_cores()} " in os.environ["XLA_FLAGS"]
    monkeypatch.setenv("XLA_FLAGS", "--xla_force_host_platform_device_count=3")
    assert xla_cpu.tune_cpu_loops() is True
    assert os.environ["XLA_FLAGS"].count("device_count") == 1
    monkeypatch.undo()
    count = int(os.environ["XLA_FLAGS"].split("xla_force_host_platform_device_count=")[1].split()[0])
    assert len(jax.devices()) == count == len(devices.resolve())
