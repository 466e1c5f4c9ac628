"""Saddles dominate in high dimensions (studies/explorer_hd.py): the GOE theory against closed forms and
Monte Carlo, the families' one-dimensional shares against independent counts, and the MLP's critical
points against an independently written loss and its exact Hessian."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from studies import explorer_hd as hd


def test_goe_exact_matches_closed_forms_and_monte_carlo():
    assert hd.goe_pd_exact(1) == pytest.approx(0.5, abs=1e-15)
    # 2 x 2: with u, v the rotated eigenvalue coordinates, P = 1/2 - 1/(2 sqrt 2) = (2 - sqrt 2) / 4
    assert hd.goe_pd_exact(2) == pytest.approx((2 - math.sqrt(2)) / 4, rel=1e-12)
    rng = np.random.default_rng(7)
    p, err = hd.goe_pd_monte_carlo((1, 2, 3, 4), 200_000, rng)
    exact = np.array([hd.goe_pd_exact(n) for n in (1, 2, 3, 4)])
    assert np.all(np.abs(p - exact) <= 4 * err)
    # and every value is a probability that falls with n
    all_n = np.array([hd.goe_pd_exact(n) for n in range(1, hd.MAX_DIM + 1)])
    assert np.all(all_n > 0) and np.all(np.diff(all_n) < 0)


def test_dean_majumdar_constant_read_off_the_exact_values():
    thetas = np.array([hd.effective_theta(n) for n in range(2, hd.MAX_DIM)])
    assert hd.THETA == pytest.approx(math.log(3) / 4)
    assert np.all(np.diff(thetas) > 0)  # approaches from below
    assert thetas[-1] == pytest.approx(hd.THETA, rel=1e-3)
    assert abs(thetas[0] - hd.THETA) > abs(thetas[-1] - hd.THETA)
    with pytest.raises(ValueError):
        hd.effective_theta(1)


def test_quartic_three_roots_probability_against_counting_real_roots():
    rng = np.random.default_rng(3)
    a = hd.QUARTIC_SCALE * rng.standard_normal(4000)
    b = rng.standard_normal(4000)
    # independent: count the real roots of x^3 + a x + b with numpy's polynomial solver
    three = np.array(
        [np.sum(np.abs(np.roots([1.0, 0.0, ai, bi]).imag) < 1e-9) == 3 for ai, bi in zip(a, b, strict=True)]
    )
    p = hd.quartic_three_roots()
    assert abs(three.mean() - p) <= 4 * math.sqrt(p * (1 - p) / len(a))
    assert hd.one_dim_share("quartic") == pytest.approx((1 + p) / (1 + 2 * p))
    assert hd.one_dim_share("cosines") == 0.5


@pytest.mark.parametrize("family", hd.FAMILIES)
def test_share_of_minima_at_n1_is_the_analytic_value_and_falls_with_n(family):
    r = hd.random_critical_points((1, 2, 4), family=family, functions=16, seeds=64, seed=1)
    assert np.all(r.counts >= 20)
    assert abs(r.minima_share[0] - hd.one_dim_share(family)) <= 2 * r.stderr[0]
    assert r.minima_share[0] > r.minima_share[1] > r.minima_share[2]
    for i, v in zip(r.index[1:], r.value[1:], strict=True):
        assert np.corrcoef(i, v)[0, 1] > 0.3
    for n, i in zip(r.dims, r.index, strict=True):
        np.testing.assert_allclose(i * n, np.round(i * n), atol=1e-12)


def test_the_explorer_module_reexports_the_same_study():
    from studies import explorer as ex

    assert ex.random_critical_points is hd.random_critical_points


def _independent_loss(width: int, x, y):
    """The objective written out by hand: flat weights [b1 (h), W1 (2 x h), b2 (1), W2 (h x 1)] (the
    ravel order of layers of {"b", "w"}), tanh hidden layer, 0.5 (out - t)^2 with t = +-1, plus
    0.5 * weight decay * |w|^2."""
    t = 2.0 * y - 1.0

    def loss(w):
        h = width
        b1, w1 = w[:h], w[h : h + 2 * h].reshape(2, h)
        b2, w2 = w[3 * h], w[3 * h + 1 : 4 * h + 1]
        out = jnp.tanh(x @ w1 + b1[None, :]) @ w2 + b2
        return 0.5 * jnp.mean((out - t) ** 2) + 0.5 * hd.MLP_WEIGHT_DECAY * jnp.sum(w * w)

    return loss


def test_mlp_critical_points_are_critical_with_the_exact_hessian_s_index():
    m = hd.mlp_critical_points("xor", width=2, starts=32, seed=0)
    assert m.n_params == 9 and len(m.loss) >= 2
    _, x, y = hd.mlp_problem("xor", 2)
    with jax.enable_x64(True):
        loss = _independent_loss(2, jnp.asarray(x), jnp.asarray(y, jnp.float64))
        for w, val, idx in zip(m.weights, m.loss, m.index, strict=True):
            w = jnp.asarray(w)
            assert float(jnp.linalg.norm(jax.grad(loss)(w))) < 1e-8
            assert float(loss(w)) == pytest.approx(val, rel=1e-10)
            lam = np.linalg.eigvalsh(np.asarray(jax.hessian(loss)(w)))
            assert np.min(np.abs(lam)) > 1e-6  # isolated: no flat direction
            assert np.mean(lam < 0) == idx
    assert len({round(v, 8) for v in m.loss}) == len(m.loss) or m.found > len(m.loss)


def test_mlp_index_rises_with_the_loss_on_the_default_setting():
    d = hd.HDConfig()
    m = hd.mlp_critical_points(d.mlp_data, d.mlp_width, d.mlp_starts, d.seed)
    assert len(m.loss) >= 5 and np.all(m.grad_norm < hd.GRAD_TOL)
    assert np.any(m.index == 0) and np.any(m.index > 0)  # minima and saddles both found
    assert np.corrcoef(m.index, m.loss)[0, 1] > 0.3
    # the lowest critical point is a minimum; the highest is not
    assert m.index[np.argmin(m.loss)] == 0 and m.index[np.argmax(m.loss)] > 0


def test_canonical_form_is_the_same_for_symmetric_networks():
    spec, x, y = hd.mlp_problem("moons", 3)
    rng = np.random.default_rng(0)
    w = rng.standard_normal(spec.n_params)
    h = 3
    b1, w1, b2, w2 = w[:h], w[h : 3 * h].reshape(2, h), w[3 * h], w[3 * h + 1 :]
    perm, sign = np.array([2, 0, 1]), np.array([-1.0, 1.0, -1.0])
    b1p, w1p, w2p = (b1 * sign)[perm], (w1 * sign)[:, perm], (w2 * sign)[perm]
    v = np.concatenate([b1p, w1p.ravel(), [b2], w2p])
    with jax.enable_x64(True):
        loss = _independent_loss(3, jnp.asarray(x), jnp.asarray(y, jnp.float64))
        assert float(loss(jnp.asarray(v))) == pytest.approx(float(loss(jnp.asarray(w))), rel=1e-12)
    np.testing.assert_allclose(hd.canonical(spec, v), hd.canonical(spec, w), atol=1e-12)
    assert not np.allclose(v, w)


def test_run_reports_progress_and_fills_every_field():
    cfg = hd.HDConfig(n_min=2, n_max=3, functions=4, seeds=16, goe_samples=1000, mlp_starts=8, mlp_width=2)
    seen = []
    r = hd.run(cfg, progress=lambda f, info: seen.append((f, info)))
    fr = [f for f, _ in seen]
    assert fr == sorted(fr) and fr[-1] == 1.0 and {i[0] for _, i in seen} == {"dims", "goe", "mlp", "done"}
    assert list(r.random.dims) == [2, 3] and r.goe_exact.shape == r.goe_mc.shape == (2,)
    np.testing.assert_allclose(r.asymptote, np.exp(-math.log(3) / 4 * np.array([4.0, 9.0])))
    assert r.mlp is not None and r.mlp.starts == 8
    assert hd.run(cfg._replace(mlp_starts=0)).mlp is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"n_min": 5, "n_max": 3}, "must not exceed"),
        ({"n_max": 13}, "n_max"),
        ({"n_min": 0}, "n_min"),
        ({"family": "sines"}, "Unknown family"),
        ({"seeds": 0}, "seeds"),
        ({"functions": 65}, "functions"),
        ({"mlp_data": "blobs"}, "Unknown data set"),
        ({"mlp_width": 9}, "width"),
        ({"goe_samples": 10}, "goe_samples"),
    ],
)
def test_bad_configurations_are_named(change, words):
    with pytest.raises(ValueError, match=words):
        hd.validate(hd.HDConfig()._replace(**change))
