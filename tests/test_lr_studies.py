"""The learning-rate lab's other studies: three panels, rising steps, stability overlay,
schedules, grid vs random search, and the error messages."""

import numpy as np
import pytest

import landscapes
import optimizers
import studies
from optimizers import schedules

Q10 = landscapes.get("quadratic")  # eigenvalues 1 and 10, rotation 0


def test_three_panels_on_a_quadratic_follow_the_curvature():
    p = studies.three_panels(Q10, "sgd", start=(-2.5, 1.5), steps=60)
    assert p.source == "curvature"
    np.testing.assert_allclose([p.lam_start, p.lam_ref], [10.0, 10.0], rtol=1e-5)
    np.testing.assert_allclose(p.lrs, [0.1 / 20, 0.1, 1.25 * 0.2], rtol=1e-5)
    assert list(p.diverged_at[:2]) == [-1, -1] and p.diverged_at[2] > 0
    # Gradient descent below lr * lambda = 2 never raises the loss on a quadratic.
    assert p.rises[0] == () and p.rises[1] == ()
    r = p.rises[2][0]
    assert r.step == 0 and r.reason == "unstable"
    np.testing.assert_allclose([r.lr_lambda, r.limit], [2.5, 2.0], rtol=1e-5)
    st = p.stability[2]
    np.testing.assert_allclose(st.lam[: st.diverged_at], 10.0, rtol=1e-4)
    np.testing.assert_allclose(st.limit, 2.0 / 0.25, rtol=1e-5)
    assert st.first_unstable == 0 and st.diverged_at == p.diverged_at[2]
    assert not p.stability[1].unstable.any()


def test_three_panels_momentum_and_adaptive():
    ros = landscapes.get("rosenbrock")
    p = studies.three_panels(ros, "momentum", {"momentum": 0.9}, steps=150)
    c = 2 + 2 * 0.9
    np.testing.assert_allclose(p.limit_factor, c)
    np.testing.assert_allclose(p.lr_limit, c / p.lam_ref)
    assert p.lam_ref >= p.lam_start and p.diverged_at[1] == -1
    assert p.loss[1, -1] < p.loss[1, 0]
    a = studies.three_panels(ros, "adam", steps=150)
    assert a.source == "sweep" and np.isnan(a.limit_factor)
    assert a.lrs[0] < a.lrs[1] <= a.lrs[2]
    assert all(s.limit is None for s in a.stability)


def test_rise_reasons_are_checked_against_the_exact_gradient():
    # Heavy ball overshoots a quadratic minimum: some rises are carried uphill by the velocity.
    hp = {"lr": 0.01, "momentum": 0.95}
    res = optimizers.simulate(Q10, [("momentum", hp)], start=(-2.5, 1.5), steps=200, record="path")
    rises = studies.loss_rises(Q10, "momentum", {**hp}, res.path[0], res.loss[0])
    assert rises
    h = np.diag([1.0, 10.0])  # the Hessian; gradient = H w (rotation 0)
    for r in rises:
        w, w1 = res.path[0, r.step], res.path[0, r.step + 1]
        assert res.loss[0, r.step + 1] > res.loss[0, r.step]
        uphill = (h @ w) @ (w1 - w) > 0
        assert (r.reason == "uphill") == uphill
        assert r.reason in studies.REASONS
        np.testing.assert_allclose(r.lr_lambda, 0.01 * 10.0, rtol=1e-5)
    assert any(r.reason == "uphill" for r in rises)


def test_stability_along_uses_the_schedule():
    sch = optimizers.Schedule("step", step_size=10, gamma=0.5)
    res = optimizers.simulate(
        Q10, [("sgd", {"lr": 0.25})], start=(0.5, 0.5), steps=40, schedule=sch, record="path"
    )
    st = studies.stability_along(Q10, "sgd", {"lr": 0.25}, res.path[0], int(res.diverged_at[0]), schedule=sch)
    lr_k = schedules.curve(sch, 0.25, 40)
    np.testing.assert_allclose(st.limit[:40], 2.0 / lr_k, rtol=1e-6)
    # lr * 10 = 2.5 > 2 for the first 10 steps only, 1.25 after.
    assert st.unstable[:10].all() and not st.unstable[10:].any()


def test_schedules_comparison_applies_each_schedule():
    steps = 120
    cmp = studies.compare_schedules(Q10, "sgd", {"lr": 0.05}, steps=steps, start=(-2.5, 1.5))
    assert [s.kind for s in cmp.schedules] == list(schedules.KINDS)
    for i, s in enumerate(cmp.schedules):
        np.testing.assert_allclose(cmp.lr[i], schedules.curve(s, 0.05, steps), rtol=1e-6)
        # Independent: on 0.5 (u^2 + 10 v^2), GD multiplies u by (1 - lr_k) and v by (1 - 10 lr_k).
        u = -2.5 * np.cumprod(1 - cmp.lr[i])
        v = 1.5 * np.cumprod(1 - 10 * cmp.lr[i])
        np.testing.assert_allclose(cmp.loss[i, 1:], 0.5 * (u**2 + 10 * v**2), rtol=2e-4, atol=1e-9)
    # warm-up starts at lr 0
    np.testing.assert_allclose(cmp.lr[:, 0], [0.05, 0.05, 0.05, 0.05, 0.05, 0.0], rtol=1e-5)
    assert cmp.lr[5, 6] == pytest.approx(0.05 * 6 / 12)  # lr * t / warmup (warm-up of 12 steps)
    assert cmp.lr[1, steps // 4] == pytest.approx(0.025)  # step: halves every T/4 steps
    np.testing.assert_allclose(cmp.lr[2, -1], 0.05 * 16 ** (-(steps - 1) / steps), rtol=1e-4)


def test_grid_vs_random_search_same_budget():
    q = landscapes.get("quadratic").with_params(condition=100.0)
    r = studies.hp_search(
        q, "adam", {"lr": (1e-3, 0.5), "eps": (1e-12, 1e-8)}, budget=16, steps=150, seed=3, background=16
    )
    assert r.grid_pts.shape == (16, 2) and r.random_pts.shape == (16, 2)
    assert r.distinct("grid") == (4, 4) and r.distinct("random") == (16, 16)
    # eps far below the gradients does nothing; lr decides everything.
    assert r.importance[0] > 1.0 and r.importance[1] < 0.1 * r.importance[0]
    pt, loss = r.best("random")
    assert loss == r.random_loss.min()
    # A sample's loss equals a single run at that point.
    one = optimizers.simulate(q, [("adam", {"lr": pt[0], "eps": pt[1]})], steps=150, record="final")
    # float32 near the bottom of the bowl: batched and single compiled programs may round differently
    np.testing.assert_allclose(loss, one.final_loss[0], rtol=1e-4, atol=1e-10)
    assert np.all((r.random_pts[:, 0] >= 1e-3) & (r.random_pts[:, 0] <= 0.5))


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: studies.lr_sweep(Q10, ["adamm"]), "Unknown optimizer 'adamm'; choose one of"),
        (lambda: studies.lr_sweep(Q10, ["sgd"] * 5), "a sweep takes 1 to 4"),
        (lambda: studies.lr_sweep(Q10, ["sgd"], n=5000), r"\[1, 4096\]"),
        (lambda: studies.lr_sweep(Q10, ["sgd"], lr_range=(1e-9, 1.0)), r"sgd.lr = 1e-09 is outside"),
        (lambda: studies.lr_sweep(Q10, ["sgd"], lr_range=(1.0, 0.1)), "0 < low <= high"),
        (lambda: studies.phase_map(Q10, "sgd"), "No phase map for 'sgd'; choose one of"),
        (lambda: studies.phase_map(Q10, "momentum", n_lr=1000), r"n_lr = 1000"),
        (lambda: studies.phase_map(Q10, "momentum", n_lr=256, n_second=256, steps=3000), "run-steps"),
        (lambda: studies.phase_map(Q10, "momentum", second_range=(0.5, 1.5)), "momentum.momentum = 1.5"),
        (lambda: studies.hp_search(Q10, "adam", {"lr": None, "nope": None}), "Unknown hyperparameter 'nope'"),
        (lambda: studies.hp_search(Q10, "adam", budget=2), r"budget = 2"),
        (lambda: studies.hp_search(Q10, "sgd"), "a search needs two"),
        (
            lambda: studies.compare_schedules(Q10, kinds=["linear"]),
            "Unknown schedule 'linear'; choose one of",
        ),
        (lambda: studies.measured_rate(np.zeros((3, 2))), "path must have shape"),
        (lambda: studies.three_panels(Q10, "sgd", steps=0), "steps must be a positive integer"),
    ],
)
def test_bad_input_names_the_value(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_plateau_start_takes_the_curvature_at_the_minimum():
    # f = 1 - exp(-|w|^2 / 2): almost flat at the start, Hessian = I at the minimum.
    lrs, source, lam0, lam_ref, c, limit = studies.three_rates(landscapes.get("plateau"), "sgd", steps=50)
    assert source == "curvature" and lam0 < 1e-3
    np.testing.assert_allclose([lam_ref, limit], [1.0, 2.0], rtol=1e-4)
    np.testing.assert_allclose(lrs, [0.05, 1.0, 2.5], rtol=1e-4)


def test_phase_map_runs_at_its_advertised_256_by_256_and_the_labs_default_steps():
    # Issue #18.10: the memory limit counted all 301 iterates of each of the 65,536 runs, though the
    # map keeps every 10th.
    pm = studies.phase_map(Q10, "momentum", lr_range=(1e-3, 0.3), n_lr=256, n_second=256, steps=300)
    assert pm.rate.shape == (256, 256) and pm.steps == 300
    assert pm.converging.mean() > 0.5 and (pm.diverged_at >= 0).any()
    # stable heavy ball on the (1, 10) bowl contracts; the theory's edge lies inside the lr range
    assert np.nanmin(pm.rate) < 0.8 and np.all(pm.edge > 1e-3)


def test_phase_size_check_is_what_phase_map_raises():
    studies.check_phase_size(256, 256, 300)
    studies.check_phase_size(256, 256, 1510)
    for steps in (301, 1520, 3000):  # 301: no stride of 10, 5 or 2 divides it, every iterate is kept
        with pytest.raises(optimizers.LimitError):
            studies.check_phase_size(256, 256, steps)
    with pytest.raises(ValueError, match=r"n_second = 1 must be an integer in \[2, 256\]"):
        studies.check_phase_size(16, 1, 100)
