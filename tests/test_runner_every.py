"""run_batch(..., record="path", every=k): the same runs, every k-th iterate kept."""

import numpy as np
import pytest

import landscapes
import optimizers
from optimizers import runner
from tests.helpers import assert_no_recompile

Q = landscapes.get("quadratic").with_params(condition=100.0)
LRS = np.array([1e-3, 1e-2, 0.019, 0.05, 0.1])  # with momentum 0.5 the last two diverge (> 3 / 100)


@pytest.mark.parametrize("every, steps", [(5, 60), (2, 44), (10, 60)])
def test_every_keeps_every_kth_iterate_of_the_same_runs(every, steps):
    hp = {"lr": LRS, "momentum": 0.5}
    full = optimizers.run_batch(Q, "momentum", starts=(1.0, 1.0), hp=hp, steps=steps, record="path")
    thin = optimizers.run_batch(
        Q, "momentum", starts=(1.0, 1.0), hp=hp, steps=steps, record="path", every=every
    )
    assert thin.path.shape == (LRS.size, steps // every + 1, 2)
    assert thin.loss.shape == (LRS.size, steps // every + 1)
    # Same compiled step, so the kept iterates are bit for bit the full path's (NaN after divergence).
    np.testing.assert_array_equal(thin.path, full.path[:, ::every])
    np.testing.assert_array_equal(thin.loss, full.loss[:, ::every])
    for f in ("diverged_at", "hit_at", "final_w", "final_loss"):
        np.testing.assert_array_equal(getattr(thin, f), getattr(full, f))
    assert (thin.diverged_at[-2:] > 0).all() and (thin.diverged_at[:3] == -1).all()


def test_every_needs_a_valid_stride_that_divides_steps_and_a_path():
    with pytest.raises(ValueError, match=r"every = 3 must be one of: 1, 2, 5, 10, 25, 50"):
        optimizers.run_batch(Q, "sgd", hp={"lr": LRS}, steps=60, record="path", every=3)
    with pytest.raises(ValueError, match=r"every = 5 must divide steps = 62"):
        optimizers.run_batch(Q, "sgd", hp={"lr": LRS}, steps=62, record="path", every=5)
    with pytest.raises(ValueError, match=r"every = 5 needs record='path'"):
        optimizers.run_batch(Q, "sgd", hp={"lr": LRS}, steps=60, record="final", every=5)


def test_every_does_not_recompile_on_new_values():
    optimizers.run_batch(Q, "nag", hp={"lr": LRS}, steps=40, record="path", every=5)
    q10 = Q.with_params(condition=10.0)
    with assert_no_recompile(runner.run_group, what="new values with every=5"):
        hp = {"lr": LRS * 0.5, "momentum": 0.3}
        optimizers.run_batch(Q, "nag", hp=hp, steps=45, record="path", every=5)
        optimizers.run_batch(q10, "nag", hp={"lr": LRS}, steps=50, record="path", every=5)


def test_the_memory_limit_counts_the_iterates_kept():
    # 256 x 256 runs x 300 steps, every 10th iterate kept: 65,536 x 31 x 4 values, well within the
    # limit; all 301 iterates would be 78.9 M values, over it (issue #18.10).
    runner.check_limits(256 * 256, 300, "path", every=10)
    with pytest.raises(optimizers.LimitError, match=r"78,905,344 values, over the limit of 40,000,000") as e:
        runner.check_limits(256 * 256, 300, "path")
    # the library's own message still names the arguments a library user can change
    assert "record='final'" in str(e.value) and "every=" in str(e.value)
    with pytest.raises(optimizers.LimitError, match=r"after every 10 steps needs 40,108,032 values"):
        runner.check_limits(256 * 256, 1520, "path", every=10)
    # "full" keeps every step whatever every says; a stride run_batch rejects counts as 1
    with pytest.raises(optimizers.LimitError, match="values, over the limit"):
        runner.check_limits(256 * 256, 300, "full", every=10)
    with pytest.raises(optimizers.LimitError, match="values, over the limit"):
        runner.check_limits(256 * 256, 300, "path", every=3)


def test_run_batch_passes_every_to_the_limit():
    hp = {"lr": np.full(256 * 256, 1e-3)}
    with pytest.raises(optimizers.LimitError, match="values, over the limit"):
        optimizers.run_batch(Q, "sgd", hp=hp, steps=300, record="path", every=1)
    res = optimizers.run_batch(Q, "sgd", hp=hp, steps=300, record="path", every=50)
    assert res.path.shape == (256 * 256, 7, 2)
