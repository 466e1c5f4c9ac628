"""Truth checks of the learning-rate lab against closed-form theory on the (1, 100) quadratic."""

import numpy as np
import pytest

import landscapes
import optimizers
import studies
from optimizers import runner
from tests.helpers import assert_no_recompile
from ui import lr_model as lm

Q = landscapes.get("quadratic").with_params(condition=100.0)  # Hessian eigenvalues 1 and 100


def test_quadratic_theory_values():
    th = studies.quadratic_theory(Q)
    assert th is not None
    np.testing.assert_allclose([th.l_min, th.l_max], [1.0, 100.0], rtol=1e-5)
    np.testing.assert_allclose(th.gd_lr, 2 / 101, rtol=1e-5)
    np.testing.assert_allclose(th.hb_lr, 4 / 121, rtol=1e-5)
    np.testing.assert_allclose(th.hb_mu, (9 / 11) ** 2, rtol=1e-5)
    np.testing.assert_allclose(th.hb_rate, 9 / 11, rtol=1e-5)
    assert studies.quadratic_theory(landscapes.get("rosenbrock")) is None
    assert studies.quadratic_theory(landscapes.get("saddle")) is None  # not convex


def test_gd_converges_below_two_over_lambda_and_diverges_above():
    sw = studies.lr_sweep(Q, ["sgd"], lr_range=(1.95 / 100, 2.05 / 100), n=2, start=(1.0, 1.0), steps=2000)
    assert sw.diverged_at[0, 0] == -1 and sw.final_loss[0, 0] < 1e-6
    assert sw.diverged_at[0, 1] > 0
    np.testing.assert_allclose(sw.edge[0], 2.05 / 100)
    # The same edge through the curvature: lr * lambda_max against c = 2.
    lam = studies.top_eigenvalue_along(Q, np.array([[1.0, 1.0]]))[0]
    np.testing.assert_allclose(lam, 100.0, rtol=1e-5)
    assert 1.95 / 100 * lam < studies.limit_factor("sgd", {}) < 2.05 / 100 * lam


def test_measured_gd_contraction_at_two_over_l_min_plus_l_max():
    res = optimizers.simulate(Q, [("sgd", {"lr": 2 / 101})], start=(-2.5, 1.5), steps=400, record="path")
    for minima in (None, Q.minima):  # step lengths and distances give the same rate
        rho = studies.measured_rate(res.path, minima=minima)[0]
        assert abs(rho - 99 / 101) < 0.01 * 99 / 101
        assert abs(rho - 99 / 101) < 1e-4  # in fact much closer


def test_measured_heavy_ball_contraction_at_the_optimum():
    th = studies.quadratic_theory(Q)
    res = optimizers.simulate(
        Q, [("momentum", {"lr": th.hb_lr, "momentum": th.hb_mu})], start=(-2.5, 1.5), steps=200, record="path"
    )
    # Critically damped: the error is (a + b k) rho^k, so divide out k before fitting.
    rho = studies.measured_rate(res.path, poly=1, minima=Q.minima)[0]
    assert abs(rho - 9 / 11) < 0.01 * 9 / 11
    # The theory function agrees: a double root at sqrt(mu) on both eigenvalues.
    for lam in (1.0, 100.0):
        np.testing.assert_allclose(
            studies.spectral_radius("momentum", th.hb_lr, th.hb_mu, lam), 9 / 11, rtol=1e-6
        )


def test_spectral_radius_matches_iterating_the_recurrence():
    # Independent check of the closed form: iterate the 2x2 linear map in NumPy and take the growth.
    rng = np.random.default_rng(0)
    for name in ("momentum", "nag"):
        for _ in range(20):
            lr, mu, lam = 10 ** rng.uniform(-3, -1), rng.uniform(0, 0.98), 100.0
            h = lr * lam
            if name == "momentum":  # (w, u = lr v)
                m = np.array([[1 - h, -mu], [h, mu]])
            else:
                m = np.array([[1 - h * (1 + mu), -mu * mu], [h, mu]])
            expect = np.max(np.abs(np.linalg.eigvals(m)))
            np.testing.assert_allclose(studies.spectral_radius(name, lr, mu, lam), expect, rtol=1e-9)


def _first_bad(pm):
    bad = ~pm.converging
    return np.where(bad.any(axis=1), np.argmax(bad, axis=1), pm.lrs.size)


@pytest.mark.parametrize("name, n", [("momentum", 128), ("nag", 64)])
def test_phase_map_edge_sits_at_the_theoretical_limit(name, n):
    pm = studies.phase_map(
        Q, name, lr_range=(1e-4, 0.2), second_range=(0.0, 0.95), n_lr=n, n_second=n, steps=200
    )
    assert pm.rate.shape == (n, n)
    edge_theory = np.array([studies.limit_factor(name, {"momentum": m}) / 100.0 for m in pm.second])
    np.testing.assert_allclose(pm.edge, edge_theory, rtol=1e-6)
    # The first cell that does not converge vs the first cell past lr * lambda_max = c(mu).
    expect = np.searchsorted(pm.lrs, edge_theory)
    got = _first_bad(pm)
    assert np.all(np.abs(got - expect) <= 1), np.abs(got - expect).max()


def test_phase_map_rates_match_theory_inside_the_stable_region():
    pm = studies.phase_map(
        Q, "momentum", lr_range=(1e-3, 0.05), second_range=(0.0, 0.9), n_lr=48, n_second=48, steps=300
    )
    th = pm.theory_rate
    inside = np.isfinite(pm.rate) & (th < 0.97)
    assert inside.sum() > 200
    err = np.abs(pm.rate - th)[inside]
    assert np.median(err) < 1e-3 and np.percentile(err, 90) < 0.02


def _nag_floor(kappa: float) -> float:
    """NAG's fastest rate on a quadratic with curvatures 1 and kappa, independently: the spectral
    radius of its look-ahead update map (NumPy, float64) minimised over a fine (lr, mu) grid. Its
    known value is 1 - 2 / sqrt(3 kappa + 1) (Lessard, Recht & Packard 2016)."""
    best = 1.0
    for lr in np.geomspace(0.2 / kappa, 1.5 / kappa, 400):
        for mu in np.linspace(0.0, 0.999, 400):
            rho = 0.0
            for lam in (1.0, kappa):
                # w' = w - lr v',  v' = mu v + lam (w - lr mu v): state (w, v)
                m = np.array([[1 - lr * lam, -lr * mu * (1 - lr * lam)], [lam, mu * (1 - lr * lam)]])
                rho = max(rho, np.max(np.abs(np.linalg.eigvals(m))))
            best = min(best, rho)
    return best


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1000.0])
@pytest.mark.parametrize("name", ["momentum", "nag"])
def test_phase_map_shows_no_rate_faster_than_theory_allows(kappa, name):
    """#11.1: a 200-step float32 fit reported 0.8147 on kappa = 100, faster than any heavy-ball
    setting can contract ((sqrt(kappa) - 1) / (sqrt(kappa) + 1) = 0.8182)."""
    q = landscapes.get("quadratic").with_params(condition=kappa, rotation=0.0)
    pm = studies.phase_map(
        q, name, lr_range=(1e-4 * 100 / kappa, 0.1 * 100 / kappa), n_lr=128, n_second=128, steps=200
    )
    assert pm.source == "theory"
    floor = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1) if name == "momentum" else _nag_floor(kappa)
    if name == "nag":
        assert floor == pytest.approx(1 - 2 / np.sqrt(3 * kappa + 1), abs=2e-3)
    shown = pm.shown[np.isfinite(pm.shown)]
    assert shown.min() >= floor - 1e-6
    i, j = lm.best_cell(pm)
    assert pm.shown[i, j] == pytest.approx(floor, rel=0.01)  # the best cell is within 1% of theory


def test_measured_rate_of_a_critically_damped_run_divides_out_k():
    """poly = 1 fits log(e_k) - log(k) with k the steps after which each kept iterate was taken."""
    rho, steps = 0.9, 200
    for stride in (1, 5, 10):
        k = np.arange(0, steps + 1, stride, dtype=np.float64)
        dist = k * rho**k
        path = np.stack([dist, np.zeros_like(dist)], -1)[None]  # the minimiser at the origin
        got = studies.measured_rate(path, poly=1, minima=[(0.0, 0.0)], stride=stride)[0]
        assert got == pytest.approx(rho, abs=2e-4), stride


def test_sweep_equals_single_runs():
    s = landscapes.get("rosenbrock")
    sw = studies.lr_sweep(
        s, ["sgd", ("momentum", {"momentum": 0.8})], lr_range=(1e-5, 1e-2), n=64, steps=300, tol=0.05
    )
    for i, (name, hp) in enumerate(zip(sw.names, sw.hps, strict=True)):
        for j in (0, 20, 45, 52, 63):
            one = optimizers.simulate(
                s, [(name, {**hp, "lr": float(sw.lrs[j])})], steps=300, tol=0.05, record="final"
            )
            np.testing.assert_allclose(sw.final_loss[i, j], one.final_loss[0], rtol=1e-5)
            assert sw.hit_at[i, j] == one.hit_at[0]
            assert sw.diverged_at[i, j] == one.diverged_at[0]
    # The edge is the smallest diverging rate and the best rate is reported per optimizer.
    for i in range(2):
        d = sw.diverged_at[i] >= 0
        if d.any():
            assert sw.edge[i] == sw.lrs[np.flatnonzero(d)[0]] and not d[: np.flatnonzero(d)[0]].any()
        assert set(sw.tuned()) <= set(sw.names)


def test_best_index_rules():
    final = np.array([[1.0, 0.5, 0.1, 0.2, np.nan]])
    hit = np.array([[-1, 30, 10, 10, -1]])
    div = np.array([[-1, -1, -1, -1, 5]])
    assert studies.best_index(final, hit, div)[0] == 2  # fewest steps, then lower loss
    assert studies.best_index(final, np.full_like(hit, -1), div)[0] == 2  # lowest final loss
    assert studies.best_index(final, hit, np.full_like(div, 3))[0] == -1  # all diverged


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_best_index_never_ranks_a_run_that_never_arrived_first(dtype):
    # the runner returns int32 steps: an int64 sentinel used to wrap to -1 and win
    final = np.array([[0.3, 0.5, 0.1, 0.2]])
    hit = np.array([[-1, 40, -1, 25]], dtype)
    div = np.array([[-1, -1, -1, -1]], dtype)
    assert studies.best_index(final, hit, div)[0] == 3


def test_default_sweep_best_rate_arrives():
    # the LR lab's default sweep (quadratic, kappa = 25): every optimizer with an arriving rate
    # reports a best rate whose run arrived, with the fewest steps among the arriving runs
    q = landscapes.get("quadratic").with_params(condition=25.0)
    sw = studies.lr_sweep(q, ["sgd", "momentum", "adam"], lr_range=(1e-4, 1.0), n=64, steps=200)
    for i in range(len(sw.names)):
        arrived = (sw.hit_at[i] >= 0) & (sw.diverged_at[i] < 0)
        if arrived.any():
            b = sw.best[i]
            assert arrived[b], sw.names[i]
            assert sw.hit_at[i, b] == sw.hit_at[i][arrived].min()
    assert (sw.hit_at[1] >= 0).any()  # momentum arrives at some rate on this bowl


def test_new_ranges_do_not_recompile():
    studies.lr_sweep(Q, ["sgd", "nag"], lr_range=(1e-4, 1e-2), n=32, steps=150)
    studies.phase_map(Q, "nag", lr_range=(1e-4, 1e-2), n_lr=16, n_second=16, steps=150)
    with assert_no_recompile(runner.run_group, what="new ranges, momentum, condition number"):
        studies.lr_sweep(Q, ["sgd", "nag"], lr_range=(3e-3, 0.5), n=32, steps=150)
        studies.lr_sweep(Q, ["sgd", ("nag", {"momentum": 0.5})], lr_range=(1e-5, 1.0), n=32, steps=120)
        studies.phase_map(
            Q.with_params(condition=30.0),
            "nag",
            lr_range=(1e-3, 1.0),
            second_range=(0.2, 0.9),
            n_lr=16,
            n_second=16,
            steps=150,
        )
