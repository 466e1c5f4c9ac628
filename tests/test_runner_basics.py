"""Contract of optimizers.simulate: shapes, start row, divergence, limits, no recompiles."""

import numpy as np
import pytest

import landscapes
import optimizers
from optimizers import runner
from tests.helpers import assert_no_recompile


def test_contract_shapes_and_start():
    s = landscapes.get("rosenbrock")
    res = optimizers.simulate(
        s,
        [("adam", {"lr": 0.05}), ("momentum", {"lr": 1e-3, "momentum": 0.9})],
        start=(-1.5, 2.0),
        steps=60,
    )
    assert res.path.shape == (2, 61, 2)
    assert res.loss.shape == (2, 61)
    np.testing.assert_allclose(res.path[:, 0], [[-1.5, 2.0], [-1.5, 2.0]])
    np.testing.assert_allclose(res.loss[:, 0], [(1 + 1.5) ** 2 + 100 * (2 - 2.25) ** 2] * 2, rtol=1e-6)
    assert list(res.diverged_at) == [-1, -1]
    assert res.names == ["adam", "momentum"]
    # path[:, k] is after k updates: the first momentum step is -lr * g(start).
    x, y = -1.5, 2.0
    g = np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    np.testing.assert_allclose(res.path[1, 1], np.array([x, y]) - 1e-3 * g, rtol=1e-5)


def test_divergence_is_marked_and_isolated():
    s = landscapes.get("quadratic").with_params(condition=100.0)
    runs = [("sgd", {"lr": 0.0205}), ("sgd", {"lr": 0.0195})]
    res = optimizers.simulate(s, runs, start=(1.0, 1.0), steps=2000)
    k = res.diverged_at[0]
    assert k > 0 and res.diverged_at[1] == -1
    assert np.all(np.isnan(res.path[0, k:])) and np.all(np.isfinite(res.path[0, :k]))
    assert np.all(np.isnan(res.loss[0, k:]))
    assert np.all(np.isfinite(res.path[1]))


def test_limits_are_checked_before_compiling():
    s = landscapes.get("rosenbrock")
    with pytest.raises(optimizers.LimitError, match="20000"):
        optimizers.simulate(s, ["sgd"], steps=20_001)
    with pytest.raises(ValueError, match="Unknown optimizer 'adamm'"):
        optimizers.simulate(s, ["adamm"], steps=10)
    with pytest.raises(ValueError, match="outside its valid range"):
        optimizers.simulate(s, [("adam", {"lr": -1.0})], steps=10)
    with pytest.raises(optimizers.LimitError, match="run-steps"):
        runner.check_limits(100_000, 20_000, "final")


def test_new_hyperparameters_do_not_recompile():
    s = landscapes.get("beale")
    runs = lambda lr, mu: [("adam", {"lr": lr}), ("nag", {"lr": lr / 10, "momentum": mu})]
    optimizers.simulate(s, runs(0.01, 0.9), steps=90)
    with assert_no_recompile(runner.run_group, what="new hyperparameters, start, seed, schedule, steps"):
        for lr, mu in [(0.02, 0.5), (0.003, 0.99), (0.1, 0.0)]:
            optimizers.simulate(
                s,
                runs(lr, mu),
                steps=90,
                start=(lr, -lr),
                seed=int(lr * 1000),
                schedule=optimizers.Schedule("cosine", min_frac=mu / 2),
            )
        optimizers.simulate(s, runs(0.01, 0.9), steps=75)  # same step bucket
