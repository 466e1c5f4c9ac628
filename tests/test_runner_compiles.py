"""Compiles do not grow with combinations (issue #10.6): the runner compiles one program per rule
and run-count bucket, so once each rule has run, any combination, order or count of runs within a
bucket compiles nothing, and a rule's results do not depend on the other rules in the race."""

from __future__ import annotations

import numpy as np
import pytest

import landscapes
import optimizers
from optimizers import runner

STEPS = 200  # every race below stays in this step bucket
RECORD = "full"


def _compiles(run) -> int:
    """The runner programs compiled while ``run()`` runs (the one place this file counts them)."""
    before = runner.run_group._cache_size()
    run()
    return runner.run_group._cache_size() - before


def _random_run(rng: np.random.Generator, name: str):
    """A run of ``name`` with its own random hyperparameters, start, seed, step count and
    schedule (all traced: none of them may compile)."""
    opt = optimizers.get(name)
    lr = opt.hyperparam("lr")
    hp = {"lr": float(np.clip(opt.defaults["lr"] * 10 ** rng.uniform(-1.0, 0.3), lr.low, lr.high))}
    kind = optimizers.SCHEDULES[rng.integers(len(optimizers.SCHEDULES))]
    own = {
        "start": (float(rng.uniform(-2.0, 2.0)), float(rng.uniform(-1.0, 3.0))),
        "seed": int(rng.integers(2**32)),
        "steps": int(rng.integers(STEPS // 2 + 1, STEPS + 1)),
        "schedule": optimizers.Schedule(kind),
    }
    return name, hp, own


def test_bucket_runs():
    for n in range(1, 3 * runner.BLOCK + 2):
        b = runner.bucket_runs(n)
        assert b >= n and b == runner.bucket_runs(b)
        if n <= runner.BLOCK:  # powers of two: a race of 1-10 runs of a rule shares 5 programs
            assert b & (b - 1) == 0 and b < 2 * n
        else:  # whole blocks: a study pads less than one block
            assert b % runner.BLOCK == 0 and b - n < runner.BLOCK
    with pytest.raises(optimizers.LimitError, match="at least one run"):
        runner.bucket_runs(0)


def test_any_combination_of_seen_rules_compiles_nothing():
    s = landscapes.get("rosenbrock")
    names = optimizers.names()
    assert len(names) == 10
    rng = np.random.default_rng(10)
    # each registered rule once with one run and once with two (run-count buckets 1 and 2)
    for name in names:
        for count in (1, 2):
            optimizers.simulate(s, [_random_run(rng, name) for _ in range(count)], steps=STEPS, record=RECORD)
    for _ in range(20):  # random subsets, orders and duplicates (at most 2 runs of a rule: bucket <= 2)
        picked = list(rng.choice(names, size=rng.integers(1, 8), replace=False))
        picked += list(rng.choice(picked, size=rng.integers(0, len(picked) + 1), replace=False))
        rng.shuffle(picked)
        runs = [_random_run(rng, str(n)) for n in picked]
        res = None

        def race(runs=runs):
            nonlocal res
            res = optimizers.simulate(s, runs, steps=STEPS, record=RECORD)

        assert _compiles(race) == 0, [r[0] for r in runs]
        assert res.names == [r[0] for r in runs]
        # each rule's runs as they run without the other rules: the company and the order of the
        # rules change nothing (bit for bit; runs of one rule share their compiled lanes, so they
        # are compared among the same runs of that rule)
        for name in set(picked):
            mine = [i for i, r in enumerate(runs) if r[0] == name]
            alone = optimizers.simulate(s, [runs[i] for i in mine], steps=STEPS, record=RECORD)
            for j, i in enumerate(mine):
                n = runs[i][2]["steps"] + 1
                np.testing.assert_array_equal(res.path[i, :n], alone.path[j, :n])
                np.testing.assert_array_equal(res.aux.step[i, :n], alone.aux.step[j, :n])
                np.testing.assert_array_equal(res.grad_norm[i, :n], alone.grad_norm[j, :n])
                assert (res.diverged_at[i], res.hit_at[i]) == (alone.diverged_at[j], alone.hit_at[j])
                np.testing.assert_array_equal(res.final_w[i], alone.final_w[j])


def test_run_counts_within_a_bucket_compile_nothing():
    s = landscapes.get("rosenbrock")
    lrs = np.geomspace(1e-4, 1e-2, 2 * runner.BLOCK)  # two blocks
    whole = optimizers.run_batch(s, "momentum", hp={"lr": lrs}, steps=150, record="path", every=10)
    for n in (runner.BLOCK + 1, runner.BLOCK + 37, 2 * runner.BLOCK - 1):
        part = None

        def batch(n=n):
            nonlocal part
            part = optimizers.run_batch(s, "momentum", hp={"lr": lrs[:n]}, steps=150, record="path", every=10)

        assert _compiles(batch) == 0, n
        assert part.path.shape == (n, 16, 2)
        np.testing.assert_array_equal(part.path, whole.path[:n])
        np.testing.assert_array_equal(part.diverged_at, whole.diverged_at[:n])


def test_a_new_rule_compiles_one_program_and_the_race_the_rest():
    s = landscapes.get("beale")
    optimizers.simulate(s, ["adam", "sgd"], steps=40, record="path")
    # one rule more: its own program only; the two seen rules reuse theirs
    assert _compiles(lambda: optimizers.simulate(s, ["sgd", "rmsprop", "adam"], steps=40, record="path")) == 1
    assert _compiles(lambda: optimizers.simulate(s, ["rmsprop", "adam", "sgd"], steps=40, record="path")) == 0


def test_a_formula_keeps_a_program_for_every_rule():
    """A user formula's programs are its family's own (freed when it is evicted) and capped; the cap
    leaves room for every rule in two run-count buckets, so a student's formula races any
    combination of rules without compiling."""
    from landscapes import compiled

    s = landscapes.from_expression("x^2 + 3*y^2 + 0.25*x*y*y")
    names = optimizers.names()
    for name in names:
        for count in (1, 2):
            optimizers.simulate(s, [name] * count, steps=40, record="final")
    assert s.fn_p.compiled_count == 2 * len(names) > compiled.MAX_PROGRAMS
    mixed = [*names, *names[::3]]
    assert _compiles(lambda: optimizers.simulate(s, mixed[::-1], steps=40, record="final")) == 0
