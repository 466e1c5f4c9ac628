"""The Landscape explorer's studies: critical points and the third-order look (against sympy), basin maps
(pixels against single runs, shares), saddle escape (against the closed form)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import landscapes
import optimizers
from optimizers import runner
from studies import endings
from studies import explorer as ex
from tests.helpers import assert_no_recompile

X, Y = sp.symbols("x y")


def _kinds(v: ex.CriticalView) -> dict[str, int]:
    return {k: v.count(k) for k in ("minimum", "maximum", "saddle", "degenerate") if v.count(k)}


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("himmelblau", {"minimum": 4, "maximum": 1, "saddle": 4}),
        ("six_hump_camel", {"minimum": 6, "maximum": 2, "saddle": 7}),
        ("monkey_saddle", {"degenerate": 1}),
    ],
)
def test_critical_view_counts_match_the_known_catalogue(name, want):
    s = landscapes.get(name)
    v = ex.critical_view(s)
    assert _kinds(v) == want
    assert v.xy.shape == (len(v.points), 2) and v.eigenvectors.shape == (len(v.points), 2, 2)
    # the sign pattern of the eigenvalues is the kind (the degenerate one has a zero one)
    for kind, lam in zip(v.kind, v.eigenvalues, strict=True):
        assert {"minimum": lam[0] > 0, "maximum": lam[1] < 0, "saddle": lam[0] < 0 < lam[1]}.get(kind, True)
    assert [h is not None for h in v.higher] == [k == "degenerate" for k in v.kind]


def test_monkey_saddle_third_order_look_three_ways_down():
    (h,) = [h for h in ex.critical_view(landscapes.get("monkey_saddle")).higher if h is not None]
    # f = x^3 - 3 x y^2 is its own cubic term
    np.testing.assert_allclose(h.cubic, (1.0, 0.0, -3.0, 0.0), atol=1e-12)
    assert h.cubic_sign_changes == 6  # cos(3θ) r^3: six zeros around the point
    assert h.down_sectors == 3 and h.verdict == "saddle"


@pytest.mark.parametrize(
    ("expr", "verdict", "down", "changes"),
    [
        ("x^4 + y^4", "minimum", 0, 0),  # flat at second and third order, a minimum at fourth
        ("-(x^4 + y^4)", "maximum", 1, 0),
        ("x^2 + y^3", "saddle", 1, 2),  # one eigenvalue 2, one 0; y^3 goes down on one side
        ("x^3 - 3*x*y^2", "saddle", 3, 6),
    ],
)
def test_degenerate_points_of_formulas(expr, verdict, down, changes):
    s = landscapes.from_expression(expr)
    h = ex.higher_order(s, (0.0, 0.0))
    assert (h.verdict, h.down_sectors, h.cubic_sign_changes) == (verdict, down, changes)


@pytest.mark.parametrize(("name", "xy"), [("six_hump_camel", (0.7, -0.3)), ("himmelblau", (1.0, 2.0))])
def test_cubic_term_equals_sympy_third_derivatives(name, xy):
    s = landscapes.get(name)
    f = {
        "six_hump_camel": (4 - sp.Rational(21, 10) * X**2 + X**4 / 3) * X**2 + X * Y + (-4 + 4 * Y**2) * Y**2,
        "himmelblau": (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2,
    }[name]
    at = {X: xy[0], Y: xy[1]}
    want = (
        float(sp.diff(f, X, 3).subs(at)) / 6,
        float(sp.diff(f, X, 2, Y).subs(at)) / 2,
        float(sp.diff(f, X, Y, 2).subs(at)) / 2,
        float(sp.diff(f, Y, 3).subs(at)) / 6,
    )
    h = ex.higher_order(s, xy)
    np.testing.assert_allclose(h.cubic, want, rtol=1e-10, atol=1e-10)


def test_higher_order_rejects_a_bad_radius():
    with pytest.raises(ValueError, match="radius"):
        ex.higher_order(landscapes.get("monkey_saddle"), (0, 0), radius=0.0)


# --------------------------------------------------------------------------------------------
# Basins


@pytest.fixture(scope="module")
def himmelblau_minima():
    return endings.minima(landscapes.get("himmelblau"))


def test_basin_pixels_equal_single_runs_and_shares_sum_to_one(himmelblau_minima):
    s = landscapes.get("himmelblau")
    b = ex.basin_map(s, "momentum", {"lr": 0.005, "momentum": 0.9}, n=32, steps=300, minima=himmelblau_minima)
    assert b.label.shape == (32, 32)
    shares = ex.basin_shares(b)
    assert shares.shape == (len(b.minima) + 2,)
    assert shares.sum() == pytest.approx(1.0, abs=1e-12)
    starts = b.starts()
    rng = np.random.default_rng(0)
    for k in rng.choice(32 * 32, size=6, replace=False):
        i, j = divmod(int(k), 32)
        assert tuple(starts[k]) == (b.xs[j], b.ys[i])
        one = optimizers.simulate(
            s, [("momentum", {"lr": 0.005, "momentum": 0.9})], start=tuple(starts[k]), steps=300
        )
        np.testing.assert_allclose(b.final_w[i, j], one.final_w[0], rtol=1e-5, atol=1e-5)
        want = ex.label_endings(one.final_w, one.diverged_at, b.minima, s)[0]
        assert b.label[i, j] == want


@pytest.mark.parametrize("n_minima", [0, 1, 4, 11])
def test_labels_are_the_nearest_minimum_within_reach_like_a_plain_loop(n_minima):
    """The fused labelling against a plain float64 loop over points: nearest minimum (the first of
    equals), not arrived beyond NEAR of the view's span, diverged when flagged or not finite; more
    than 8 minima (padding to 16) and none at all."""
    from studies import endings

    s = landscapes.get("himmelblau")
    rng = np.random.default_rng(n_minima)
    minima = tuple(
        endings.Minimum(xy=tuple(rng.uniform(-4, 4, 2)), value=float(k), is_global=k == 0)
        for k in range(n_minima)
    )
    if n_minima > 1:
        minima = minima + (minima[0],)  # a duplicate: the first of equals wins
    w = rng.uniform(-5, 5, (400, 2)).astype(np.float32)
    for k, mm in enumerate(minima[:3]):  # some points next to a minimum, inside and just beyond reach
        w[10 * k : 10 * k + 10] = np.asarray(mm.xy) + rng.normal(0, 0.05, (10, 2))
    w[50], w[51, 1] = np.nan, np.inf
    diverged = np.where(np.arange(400) % 37 == 0, 3, -1)
    got = ex.label_endings(w, diverged, minima, s)
    reach = endings.NEAR * max(hi - lo for lo, hi in s.bounds)
    for i, (p, d) in enumerate(zip(w.astype(np.float64), diverged, strict=True)):
        if d >= 0 or not np.all(np.isfinite(p)):
            want = ex.DIVERGED
        else:
            dist = [np.hypot(*(p - np.asarray(mm.xy))) for mm in minima]
            want = int(np.argmin(dist)) if dist and min(dist) <= reach else ex.NOT_ARRIVED
        assert got[i] == want, (i, p, d)
    assert np.any(got >= 0) == (n_minima > 0) and np.sum(got == ex.DIVERGED) == 11 + 2
    if n_minima > 1:
        assert not np.any(got == len(minima) - 1)  # the duplicate never wins over the first


def test_gd_on_himmelblau_every_start_arrives_and_a_large_rate_diverges(himmelblau_minima):
    s = landscapes.get("himmelblau")
    b = ex.basin_map(s, "sgd", {"lr": 0.01}, n=24, steps=500, minima=himmelblau_minima)
    shares = ex.basin_shares(b)
    assert shares[-2:].sum() == 0.0  # none diverged, none stuck
    assert np.all(shares[:4] > 0.15)  # four basins, each a fair part of the square
    assert ex.global_share(b) == pytest.approx(1.0)  # all four minima are global (f = 0)
    # a start at a minimum's own pixel ends there
    for m_index, m in enumerate(b.minima):
        j, i = np.argmin(np.abs(b.xs - m.xy[0])), np.argmin(np.abs(b.ys - m.xy[1]))
        assert b.label[i, j] == m_index
    big = ex.basin_map(s, "sgd", {"lr": 0.05}, n=24, steps=200, minima=himmelblau_minima)
    assert ex.basin_shares(big)[-2] > 0.5  # lr * curvature far past 2 in most of the square


def test_six_hump_camel_basins_of_local_and_global_minima():
    s = landscapes.get("six_hump_camel")
    b = ex.basin_map(s, "sgd", {"lr": 0.01}, n=32, steps=800)
    assert len(b.minima) == 6 and sum(m.is_global for m in b.minima) == 2
    shares = ex.basin_shares(b)
    assert shares.sum() == pytest.approx(1.0)
    assert 0 < ex.global_share(b) < 1  # some starts end in a local minimum
    # labels agree with each start's nearest minimum after the run, by construction of the label
    w = b.final_w.reshape(-1, 2)
    lab = b.label.ravel()
    for i, m in enumerate(b.minima):
        if np.any(lab == i):
            assert np.max(np.linalg.norm(w[lab == i] - m.xy, axis=1)) <= endings.NEAR * 4.0


def test_new_hyperparameters_do_not_recompile(himmelblau_minima):
    s = landscapes.get("himmelblau")
    ex.basin_map(s, "sgd", {"lr": 0.01}, n=16, steps=100, minima=himmelblau_minima)
    with assert_no_recompile(runner.run_group, what="a new learning rate of the basin map"):
        ex.basin_map(s, "sgd", {"lr": 0.02}, n=16, steps=100, minima=himmelblau_minima)


def test_basin_map_limits():
    s = landscapes.get("himmelblau")
    for n in (4, 513, 8.0, True):
        with pytest.raises(ValueError, match="starts per axis"):
            ex.basin_map(s, "sgd", n=n, minima=())
    with pytest.raises(optimizers.LimitError):
        ex.basin_map(s, "sgd", n=512, steps=5000, minima=())
    with pytest.raises(ValueError, match="Unknown optimizer"):
        ex.basin_map(s, "sgdd", n=8, minima=())
    with pytest.raises(ValueError, match="empty bounds"):
        ex.basin_map(s, "sgd", n=8, minima=(), bounds=((1, 0), (0, 1)))


# --------------------------------------------------------------------------------------------
# Escaping a saddle


@pytest.mark.parametrize(("expr", "lr"), [("x^2 - y^2", 0.05), ("x^2 + 3*x*y - y^2", 0.02)])
def test_gd_escape_steps_match_the_closed_form_within_one_step(expr, lr):
    s = landscapes.from_expression(expr)
    deltas = [1e-1, 1e-3, 1e-5, 1e-8]
    e = ex.escape_steps(s, (0.0, 0.0), deltas, hp={"lr": lr}, radius=0.5, steps=2000)
    # independent: the eigenvalues of the constant Hessian by NumPy
    h = np.array(sp.hessian(sp.sympify(expr.replace("^", "**")), (X, Y)), float)
    lam_min = np.linalg.eigvalsh(h)[0]
    assert e.lam_min == pytest.approx(lam_min, rel=1e-6)
    want = np.log(0.5 / np.asarray(deltas)) / math.log(1 + lr * abs(lam_min))
    np.testing.assert_allclose(e.theory, want, rtol=1e-6)
    assert np.all(e.steps >= 0)
    assert np.all(np.abs(e.steps - e.theory) <= 1.0), (e.steps, e.theory)


def test_escape_needs_a_saddle_and_valid_deltas():
    bowl = landscapes.from_expression("x^2 + y^2")
    e = ex.escape_steps(bowl, (0.0, 0.0), [1e-2], hp={"lr": 0.1}, radius=0.5, steps=200)
    assert np.isnan(e.theory).all() and (e.steps == -1).all()  # a minimum is never escaped
    with pytest.raises(ValueError, match="positive"):
        ex.escape_steps(bowl, (0.0, 0.0), [0.0])
    with pytest.raises(ValueError, match="smaller than the radius"):
        ex.escape_steps(bowl, (0.0, 0.0), [1.0], radius=0.5)


def test_escape_race_rules_against_theory_and_each_other():
    s = landscapes.from_expression("x^2 - y^2")
    lr, mu, r, delta = 0.05, 0.9, 0.5, 1e-8
    race = ex.escape_race(s, (0.0, 0.0), delta, lr=lr, mu=mu, noise=1.0, radius=r, steps=1000)
    assert race.names == ex.ESCAPE_RULES and race.path.shape == (5, 1001, 2)
    np.testing.assert_allclose(race.start, (0.0, delta), atol=1e-20)  # along the downhill eigenvector (0, ±1)
    steps = dict(zip(race.names, race.steps, strict=True))
    alone = ex.escape_steps(s, (0.0, 0.0), [delta], hp={"lr": lr}, radius=r, steps=1000)
    assert steps["gd"] == alone.steps[0] and abs(steps["gd"] - race.theory_gd) <= 1
    # the heavy ball's growth factor is the larger root of z^2 - (1 + mu + lr|lam|) z + mu (NumPy's roots)
    rho = max(np.roots([1.0, -(1 + mu + lr * 2.0), mu]).real)
    assert ex.momentum_growth(lr, mu, -2.0) == pytest.approx(rho, rel=1e-12)
    assert race.theory_momentum == pytest.approx(math.log(r / delta) / math.log(rho), rel=1e-12)
    assert 0 <= steps["momentum"] - race.theory_momentum <= 3  # starts at rest: a few steps of transient
    assert steps["momentum"] < steps["gd"] and steps["nag"] < steps["gd"]
    assert steps["sgd"] < steps["gd"]  # the gradient noise pushes it off; it does not wait for δ to grow
    assert 0 <= steps["adam"] < steps["gd"]  # steps of size ~lr whatever the gradient


def test_escape_race_without_noise_sgd_is_gd():
    s = landscapes.from_expression("x^2 - y^2")
    race = ex.escape_race(s, (0.0, 0.0), 1e-6, lr=0.05, noise=0.0, radius=0.5, steps=400)
    np.testing.assert_array_equal(race.path[0], race.path[3])
    with pytest.raises(ValueError, match="inside the ball"):
        ex.escape_race(s, (0.0, 0.0), 0.6, radius=0.5)


def test_minima_become_rare_among_critical_points_as_the_dimension_grows():
    r = ex.random_critical_points(dims=(1, 2, 4), functions=16, seeds=64)
    assert np.all(r.counts >= 30)
    # n = 1: minima and maxima of a smooth function alternate, so half of the critical points are minima
    assert abs(r.minima_share[0] - 0.5) <= 2 * r.stderr[0]
    assert r.minima_share[0] > r.minima_share[1] > r.minima_share[2]
    assert r.minima_share[2] < 0.15
    # Dauphin et al.'s picture: the higher the loss at a critical point, the more directions go down
    for i, v in zip(r.index[1:], r.value[1:], strict=True):
        assert np.corrcoef(i, v)[0, 1] > 0.5
    # every critical point counted is one: |grad| < 1e-9 was required; indices are fractions k / n
    for n, i in zip(r.dims, r.index, strict=True):
        np.testing.assert_allclose(i * n, np.round(i * n), atol=1e-12)


def test_random_critical_points_limits():
    for kw in ({"dims": (0,)}, {"dims": (13,)}, {"dims": ()}, {"functions": 0}, {"seeds": 300}, {"box": 0.0}):
        with pytest.raises(ValueError):
            ex.random_critical_points(**kw)
