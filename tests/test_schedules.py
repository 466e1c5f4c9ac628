"""Learning-rate schedules: closed forms, torch.optim.lr_scheduler, use in the runner, traced params."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import torch

import landscapes
import optimizers
from optimizers import Schedule, runner, schedules
from tests.helpers import assert_no_recompile

T = 300
LR = 0.1


def factors64(s: Schedule, steps: int = T) -> np.ndarray:
    """The schedule's multipliers at t = 0 .. steps-1 in float64."""
    with jax.enable_x64(True):
        k, p = s.validate().as_arrays()
        f = jax.vmap(lambda t: schedules.factor(k, jnp.asarray(p, jnp.float64), t, steps))
        return np.asarray(f(jnp.arange(steps, dtype=jnp.float64)))


def torch_lrs(make, steps: int = T) -> np.ndarray:
    """The lr torch uses at each of ``steps`` optimizer steps (scheduler stepped after each)."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=LR)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return np.array(out)


def closed_form(s: Schedule, steps: int = T) -> np.ndarray:
    t = np.arange(steps, dtype=np.float64)
    cos = lambda u, n: s.min_frac + (1 - s.min_frac) * 0.5 * (1 + np.cos(np.pi * np.clip(u / n, 0, 1)))  # noqa: E731
    return {
        "constant": np.ones(steps),
        "step": s.gamma ** np.floor(t / s.step_size),
        "exponential": s.gamma**t,
        "inverse_time": 1 / (1 + s.decay * t),
        "cosine": cos(t, steps),
        "warmup_cosine": np.where(t < s.warmup, t / s.warmup, cos(t - s.warmup, steps - s.warmup)),
    }[s.kind]


CASES = [
    Schedule("constant"),
    Schedule("step", step_size=40, gamma=0.3),
    Schedule("step", step_size=7, gamma=0.9),
    Schedule("exponential", gamma=0.98),
    Schedule("inverse_time", decay=0.05),
    Schedule("cosine", min_frac=0.0),
    Schedule("cosine", min_frac=0.2),
    Schedule("warmup_cosine", warmup=30, min_frac=0.1),
    Schedule("warmup_cosine", warmup=1, min_frac=0.0),
]


@pytest.mark.parametrize("s", CASES, ids=lambda s: f"{s.kind}")
def test_closed_form(s):
    np.testing.assert_allclose(factors64(s), closed_form(s), rtol=1e-12, atol=1e-15)
    # the float32 curve for plotting agrees to float32 precision (gamma's rounding grows like t)
    np.testing.assert_allclose(schedules.curve(s, LR, T), LR * closed_form(s), rtol=1e-5, atol=1e-7 * LR)


TORCH = [
    (Schedule("step", step_size=40, gamma=0.3), lambda o: torch.optim.lr_scheduler.StepLR(o, 40, 0.3)),
    (Schedule("step", step_size=7, gamma=0.9), lambda o: torch.optim.lr_scheduler.StepLR(o, 7, gamma=0.9)),
    (Schedule("exponential", gamma=0.98), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.98)),
    (Schedule("cosine", min_frac=0.0), lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=T)),
    (
        Schedule("cosine", min_frac=0.2),
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=T, eta_min=0.2 * LR),
    ),
]


@pytest.mark.parametrize("s, make", TORCH, ids=lambda x: getattr(x, "kind", ""))
def test_against_torch(s, make):
    # torch's cosine is computed recursively, so it carries ~1e-13 of rounding
    np.testing.assert_allclose(LR * factors64(s), torch_lrs(make), rtol=1e-9, atol=1e-12)


def test_warmup_cosine_by_hand():
    s = Schedule("warmup_cosine", warmup=10, min_frac=0.0)
    f = factors64(s, 110)
    assert f[0] == 0.0 and f[5] == pytest.approx(0.5) and f[9] == pytest.approx(0.9)  # lr * t / warmup
    assert f[10] == pytest.approx(1.0)  # cosine starts at the top
    assert f[60] == pytest.approx(0.5)  # halfway through the 100 cosine steps
    assert f[109] == pytest.approx(0.5 * (1 + math.cos(math.pi * 99 / 100)))
    assert np.all(np.diff(f[:11]) > 0) and np.all(np.diff(f[10:]) < 0)
    # a fractional warm-up never overshoots the base rate
    assert factors64(Schedule("warmup_cosine", warmup=2.5), 20).max() <= 1.0


@pytest.mark.parametrize(("warmup", "min_frac"), [(10, 0.0), (30, 0.1), (1, 0.0), (199, 0.5)])
def test_warmup_cosine_equals_optax(warmup, min_frac):
    optax = pytest.importorskip("optax")
    sched = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=LR, warmup_steps=warmup, decay_steps=T, end_value=min_frac * LR
    )
    expected = np.array([float(sched(t)) for t in range(T)])
    got = LR * factors64(Schedule("warmup_cosine", warmup=warmup, min_frac=min_frac))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7 * LR)  # optax computes in float32


def test_inverse_time_formula():
    f = factors64(Schedule("inverse_time", decay=0.5), 5)
    np.testing.assert_allclose(f, [1, 1 / 1.5, 1 / 2, 1 / 2.5, 1 / 3], rtol=1e-12)


def test_validation_names_the_bad_field():
    with pytest.raises(ValueError, match="Unknown schedule 'cosin'; choose one of: constant, step"):
        Schedule("cosin").validate()
    with pytest.raises(ValueError, match=r"schedule.gamma = 1.5 is outside \[1e-06, 1\]"):
        Schedule("step", gamma=1.5).validate()
    with pytest.raises(ValueError, match="schedule.step_size"):
        bad = Schedule("step", step_size=0)
        optimizers.simulate(landscapes.get("quadratic"), ["sgd"], steps=10, schedule=bad)


def test_runner_applies_the_schedule_per_run():
    """SGD's step is -lr_t g, so |step| / |g| recovers the learning rate the runner used at each step."""
    s = landscapes.get("quadratic")
    scheds = [Schedule("step", step_size=20, gamma=0.5), Schedule("warmup_cosine", warmup=15, min_frac=0.1)]
    lengths = (80, 100)
    runs = [("sgd", {"lr": 0.05}, {"schedule": c, "steps": n}) for c, n in zip(scheds, lengths, strict=True)]
    res = optimizers.simulate(s, runs, steps=100, start=(2.0, 1.0))
    for i, (sc, n) in enumerate(zip(scheds, lengths, strict=True)):
        lr_used = np.linalg.norm(res.aux.step[i, :n], axis=1) / np.linalg.norm(res.aux.grad[i, :n], axis=1)
        # the schedule runs over this run's own number of steps
        np.testing.assert_allclose(lr_used, 0.05 * closed_form(sc, n), rtol=1e-4)


def test_schedule_kind_and_params_are_traced():
    s = landscapes.get("beale")
    base = [("adam", {"lr": 0.01}), ("rmsprop", {"lr": 0.01})]
    optimizers.simulate(s, base, steps=150, schedule=Schedule("constant"), record="path")
    variants = [
        Schedule("step", step_size=13, gamma=0.7),
        Schedule("exponential", gamma=0.99),
        Schedule("inverse_time", decay=0.3),
        Schedule("cosine", min_frac=0.3),
        Schedule("warmup_cosine", warmup=40, min_frac=0.05),
    ]
    with assert_no_recompile(runner.run_group, what="another schedule kind"):
        for sc in variants:
            optimizers.simulate(s, base, steps=150, schedule=sc, record="path")
    # different kinds inside one call: permuting them is still the same compiled program
    mixed = lambda scs: [("adam", {"lr": 0.01}, {"schedule": sc}) for sc in scs]  # noqa: E731
    optimizers.simulate(s, mixed(variants), steps=150, record="path")
    with assert_no_recompile(runner.run_group, what="schedule kinds permuted"):
        optimizers.simulate(s, mixed(variants[::-1]), steps=150, record="path")
