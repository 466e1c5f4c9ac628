"""simulate / run_batch refuse what they cannot run faithfully, naming the parameter and its range
(#18.12): starts outside float32, seeds outside uint32, step counts that are not integers, and the
same for batch_size, noise, tol and budget. All before anything is compiled."""

import math

import numpy as np
import pytest

import landscapes
import optimizers
from optimizers import runner
from tests.helpers import assert_no_recompile

S = landscapes.get("rosenbrock")
RUN = [("adam", {"lr": 0.01})]


@pytest.mark.parametrize(
    "kwargs,pattern",
    [
        ({"start": (1e308, 0.0)}, r"start must be two finite numbers within the float32 range"),
        ({"start": (-1e39, 0.0)}, r"float32 range \[-3.40282e\+38, 3.40282e\+38\]"),
        ({"start": (math.nan, 0.0)}, r"start must be two finite numbers"),
        ({"start": (0.0, math.inf)}, r"start must be two finite numbers"),
        ({"start": ("1", 0.0)}, r"start must be two finite numbers"),
        ({"start": (1.0, 2.0, 3.0)}, r"start must be two finite numbers"),
        ({"start": 3.0}, r"start must be two finite numbers"),
        ({"seed": -1}, r"seed = -1 is outside \[0, 4294967295\]"),
        ({"seed": 2**64}, r"seed = 18446744073709551616 is outside \[0, 4294967295\]"),
        ({"seed": 1.5}, r"seed must be an integer in \[0, 4294967295\], got 1.5"),
        ({"seed": True}, r"seed must be an integer"),
        ({"steps": math.nan}, r"steps must be a positive integer in \[1, 20000\], got nan"),
        ({"steps": 1.5}, r"steps must be a positive integer in \[1, 20000\], got 1.5"),
        ({"steps": "10"}, r"steps must be a positive integer in \[1, 20000\], got '10'"),
        ({"steps": True}, r"steps must be a positive integer in \[1, 20000\], got True"),
        ({"steps": 10.0}, r"steps must be a positive integer"),
        ({"batch_size": 0, "noise": 1.0}, r"batch_size = 0 is outside \[1, 128\]"),
        ({"batch_size": 16.5}, r"batch_size must be an integer in \[1, 128\]"),
        ({"batch_size": "16"}, r"batch_size must be an integer in \[1, 128\]"),
        ({"noise": math.nan}, r"noise = nan is outside \[0, 1000\]"),
        ({"noise": -0.1}, r"noise = -0.1 is outside \[0, 1000\]"),
        ({"noise": "1"}, r"noise must be a number in \[0, 1000\], got '1'"),
        ({"tol": math.nan}, r"tol = nan is outside \[0, 3.40282e\+38\]"),
        ({"tol": -1e-3}, r"tol = -0.001 is outside"),
        ({"tol": None}, r"tol must be a number"),
        ({"budget": 0}, r"budget = 0 is outside \[1, 20000\]"),
        ({"budget": 2.5}, r"budget must be an integer in \[1, 20000\], got 2.5"),
        ({"budget": 10**9}, r"budget = 1000000000 is outside \[1, 20000\]"),
    ],
)
def test_simulate_names_the_parameter_and_its_range(kwargs, pattern):
    with assert_no_recompile(runner.run_group, what="a refused simulate call"):  # refused before compiling
        with pytest.raises(ValueError, match=pattern):
            optimizers.simulate(S, RUN, **{"steps": 10, **kwargs})


def test_per_run_options_are_checked_the_same_way():
    with pytest.raises(ValueError, match=r"seed = -3 is outside"):
        optimizers.simulate(S, [("sgd", {}, {"seed": -3})], steps=10)
    with pytest.raises(ValueError, match=r"steps must be a positive integer in \[1, 20000\], got 2.5"):
        optimizers.simulate(S, [("sgd", {}, {"steps": 2.5})], steps=10)
    with pytest.raises(ValueError, match=r"start must be two finite numbers"):
        optimizers.simulate(S, [("sgd", {}, {"start": (0.0, 1e300)})], steps=10)


def test_valid_edges_and_numpy_types_are_accepted():
    big = float(np.finfo(np.float32).max)
    res = optimizers.simulate(
        S,
        RUN,
        start=(np.float32(-1.5), np.float64(2.0)),
        steps=np.int64(20),
        seed=2**32 - 1,
        batch_size=np.int32(16),
        noise=np.float32(0.5),
        tol=0.0,
        budget=None,
    )
    assert res.runs[0].seed == 2**32 - 1 and res.path.shape == (1, 21, 2)
    far = optimizers.simulate(S, RUN, start=(big, 0.0), steps=10, record="final")  # finite in float32
    assert far.diverged_at[0] == 0  # a start where the loss overflows is bad at step 0, as NaN would be


@pytest.mark.parametrize(
    "kwargs,pattern",
    [
        ({"starts": np.array([[0.0, 1.0], [1e308, 0.0]])}, r"starts\[1\] = \(1e\+308, 0\) is not two finite"),
        ({"seeds": -1}, r"seeds = -1 \(entry 0\) is outside \[0, 4294967295\]"),
        ({"seeds": np.array([0, 2**33])}, r"seeds = 8589934592 \(entry 1\) is outside"),
        ({"steps": math.nan}, r"steps must be a positive integer in \[1, 20000\], got nan"),
        ({"steps": 1.5}, r"steps must be a positive integer in \[1, 20000\]"),
        ({"batch_size": 1.5}, r"batch_size must be an integer in \[1, 128\]"),
        ({"noise": math.inf}, r"noise = inf is outside \[0, 1000\]"),
        ({"tol": math.nan}, r"tol = nan is outside"),
    ],
)
def test_run_batch_names_the_parameter_and_its_range(kwargs, pattern):
    with assert_no_recompile(runner.run_group, what="a refused run_batch call"):
        with pytest.raises(ValueError, match=pattern):
            optimizers.run_batch(S, "adam", **{"steps": 10, **kwargs})
