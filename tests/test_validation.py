"""One validation path: a bad hyperparameter or run option gets the same message from every entry
point (the rule's ``validate`` and ``optimizers.check_options`` are the only checks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import landscapes
import optimizers
import studies
from optimizers.simulate import PER_RUN
from studies import _runs, batch

ROOT = Path(__file__).resolve().parents[1]
Q = landscapes.get("quadratic").with_params(condition=10.0)


def message(call) -> str:
    with pytest.raises(ValueError) as info:
        call()
    return str(info.value)


# Each case: a bad hyperparameter of adam, given as a number, and the calls that take it.
HP_CASES = {
    "unknown": ("beta", 0.9),
    "outside": ("b2", 1.5),
    "nan": ("eps", float("nan")),
    "not a number": ("b2", "fast"),
}


@pytest.mark.parametrize("case", HP_CASES)
def test_a_bad_hyperparameter_reads_the_same_everywhere(case):
    key, value = HP_CASES[case]
    want = message(lambda: optimizers.get("adam").validate({key: value}))
    calls = {
        "simulate": lambda: optimizers.simulate(Q, [("adam", {key: value})], steps=10),
        "run_batch": lambda: optimizers.run_batch(Q, "adam", hp={key: value}, steps=10),
        "lr_sweep": lambda: studies.lr_sweep(Q, [("adam", {key: value})], n=4, steps=10),
        "three_panels": lambda: studies.three_panels(Q, "adam", {key: value}, steps=10),
        "compare_schedules": lambda: studies.compare_schedules(Q, "adam", {key: value}, steps=10),
        "phase_map": lambda: studies.phase_map(Q, "adam", hp={key: value}, n_lr=4, n_second=4, steps=20),
        "batch_study": lambda: batch.validate(batch.StudyConfig(optimizer="adam", hp=((key, value),))),
    }
    if case != "not a number":  # a search axis takes bounds, not values
        calls["hp_search"] = lambda: studies.hp_search(Q, "adam", {"lr": None, key: (value, value + 1)})
    got = {where: message(call) for where, call in calls.items()}
    assert got == dict.fromkeys(calls, want)
    assert f"adam.{key}" in want or f"'{key}'" in want


def test_a_bad_entry_of_an_array_reads_the_same_everywhere():
    lrs = np.array([0.1, 0.2, -1.0, 0.3])
    want = message(lambda: optimizers.get("sgd").validate({"lr": lrs}))
    assert want == "sgd.lr = -1 (entry 2) is outside its valid range [1e-06, 10]"
    assert message(lambda: optimizers.run_batch(Q, "sgd", hp={"lr": lrs})) == want
    assert message(lambda: _runs.batch(Q, "sgd", {}, {"lr": lrs}, optimizers.RunOptions(steps=5))) == want
    base = _runs.base_spec(Q, "sgd", {}, optimizers.RunOptions(steps=5))
    assert message(lambda: _runs.vary(base, {"lr": lrs})) == want
    assert message(lambda: optimizers.get("sgd").validate({"lr": np.zeros((2, 2))})) == (
        "sgd.lr must be a number or a 1-D array of numbers, got shape (2, 2)"
    )


def test_a_range_end_is_named_as_given():
    """A study's range is checked at its ends, as the numbers the caller typed."""
    want = message(lambda: optimizers.get("momentum").validate({"lr": 1e-9}))
    assert message(lambda: studies.lr_sweep(Q, ["momentum"], lr_range=(1e-9, 1.0), n=8)) == want
    assert message(lambda: studies.phase_map(Q, "momentum", lr_range=(1e-9, 1.0), n_lr=4, n_second=4)) == want
    assert message(lambda: studies.hp_search(Q, "momentum", {"lr": (1e-9, 1.0), "momentum": None})) == want


OPTION_CASES = {
    "tol": ({"tol": -1.0}, "tol = -1 is outside [0, 3.40282e+38]"),
    "steps": ({"steps": 0}, "steps must be a positive integer in [1, 20000], got 0"),
    "too many steps": ({"steps": 30_000}, "steps = 30000 exceeds the limit of 20000"),
    "batch_size": ({"batch_size": 0, "noise": 1.0}, "batch_size = 0 is outside [1, 128]"),
    "noise": ({"noise": -1.0}, "noise = -1 is outside [0, 1000]"),
    "schedule": ({"schedule": optimizers.Schedule("cosin")}, "Unknown schedule 'cosin'; choose one of"),
    "record": ({"record": "all"}, "Unknown record mode 'all'; choose one of"),
}


@pytest.mark.parametrize("case", OPTION_CASES)
def test_a_bad_run_option_reads_the_same_everywhere(case):
    kw, start = OPTION_CASES[case]
    want = message(lambda: optimizers.check_options(Q, optimizers.RunOptions(**kw)))
    assert want.startswith(start)
    calls = {
        "simulate": lambda: optimizers.simulate(Q, ["sgd"], **kw),
        "simulate, per run": lambda: optimizers.simulate(
            Q,
            [("sgd", {}, {k: v for k, v in kw.items() if k in PER_RUN})],
            **{k: v for k, v in kw.items() if k not in PER_RUN},
        ),
        "run_batch": lambda: optimizers.run_batch(Q, "sgd", **kw),
        "run_columns": lambda: optimizers.run_columns(Q, "sgd", {}, optimizers.RunOptions(**kw)),
    }
    if set(kw) <= {"tol", "steps"}:  # what the studies take as arguments
        calls["lr_sweep"] = lambda: studies.lr_sweep(Q, ["sgd"], n=4, **kw)
        calls["compare_schedules"] = lambda: studies.compare_schedules(Q, "sgd", {"lr": 0.01}, **kw)
    got = {where: message(call) for where, call in calls.items()}
    assert got == dict.fromkeys(calls, want)


def test_import_optimizers_tunes_xla_for_library_users():
    """The app, the benchmark and the tests call ``tune_cpu_loops`` themselves; a library user who
    only imports ``optimizers`` (before computing anything) gets the same flags."""
    env = {k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}
    code = "import os, optimizers; print(os.environ.get('XLA_FLAGS', ''))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert optimizers.xla_cpu.FLAG in out and optimizers.xla_cpu.FUSION in out
