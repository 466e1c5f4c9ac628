"""Curvature and slices against dense / direct computations."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from landscapes import mlp
from studies import sharpness, slices


def _tiny():
    spec = mlp.make_spec(d_in=2, width=3, depth=1, activation="tanh")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int32)
    w = np.asarray(mlp.init_flat(spec, jax.random.PRNGKey(0)), np.float64)
    w = w + 0.3 * rng.normal(size=spec.n_params)
    return mlp.Objective(spec), w, (x, y)


def _fd_hessian(f, w, args, h=1e-5):
    g = jax.grad(f)
    cols = [
        (np.asarray(g(w + h * e, *args)) - np.asarray(g(w - h * e, *args))) / (2 * h) for e in np.eye(len(w))
    ]
    return np.array(cols).T


def test_hvp_equals_dense_hessian_on_a_tiny_net():
    with jax.enable_x64(True):
        f, w, args = _tiny()
        w = jnp.asarray(w)
        args = tuple(jnp.asarray(a) for a in args)
        dense = np.asarray(jax.hessian(f)(w, *args))
        fd = _fd_hessian(f, w, args)
        np.testing.assert_allclose(dense, fd, atol=1e-6)  # the reference itself, by finite differences
        hv = np.array([np.asarray(sharpness.hvp(f, w, e, args)) for e in np.eye(len(w))]).T
        np.testing.assert_allclose(hv, dense, atol=1e-10)
        v = np.random.default_rng(1).normal(size=len(w))
        np.testing.assert_allclose(sharpness.hvp(f, w, jnp.asarray(v), args), dense @ v, atol=1e-10)


def test_power_iteration_and_lanczos_match_eigh():
    with jax.enable_x64(True):
        f, w, args = _tiny()
        w = jnp.asarray(w)
        args = tuple(jnp.asarray(a) for a in args)
        ev = np.linalg.eigvalsh(np.asarray(jax.hessian(f)(w, *args)))
        dominant = ev[np.argmax(np.abs(ev))]
        lam, vec = sharpness.power_iteration(f, w, args, jax.random.PRNGKey(0), iters=500)
        assert float(lam) == pytest.approx(dominant, rel=1e-6)
        top = sharpness.top_eigenvalue(f, w, args, method="power", iters=500)
        assert float(top) == pytest.approx(dominant, rel=1e-6)
        ritz = np.asarray(sharpness.lanczos(f, w, args, jax.random.PRNGKey(0), iters=50))
        assert len(ritz) == len(w)  # capped at d: then exact
        np.testing.assert_allclose(ritz, ev, atol=1e-8)
        top = sharpness.top_eigenvalue(f, w, args, method="lanczos", iters=8)
        assert float(top) == pytest.approx(ev[-1], rel=1e-4)
    with pytest.raises(ValueError, match="Unknown eigenvalue method 'qr'"):
        sharpness.top_eigenvalue(f, w, args, method="qr")


def _quad(w):
    return 0.5 * (w[0] ** 2 + 100.0 * w[1] ** 2)


def _rosen(w):
    return (1 - w[0]) ** 2 + 100.0 * (w[1] - w[0] ** 2) ** 2


def _box_max(f, w, eps, n=401):
    """Direct maximisation over the box: a dense grid, in float64 NumPy."""
    b = eps * (np.abs(w) + 1.0)
    gx, gy = np.meshgrid(np.linspace(-b[0], b[0], n), np.linspace(-b[1], b[1], n))
    vals = f(np.stack([w[0] + gx, w[1] + gy]))
    f0 = f(w)
    return 100.0 * (vals.max() - f0) / (1.0 + f0)


@pytest.mark.parametrize("f,w", [(_quad, (0.0, 0.0)), (_rosen, (1.0, 1.0))])
@pytest.mark.parametrize("eps", [1e-3, 5e-4])
def test_eps_sharpness_matches_direct_box_maximisation(f, w, eps):
    w = np.array(w)
    direct = _box_max(f, w, eps)
    ours, y = sharpness.eps_sharpness(f, jnp.asarray(w, jnp.float32), (), eps, jax.random.PRNGKey(0))
    assert float(ours) == pytest.approx(direct, rel=0.02)
    assert np.all(np.abs(np.asarray(y)) <= eps * (np.abs(w) + 1) * (1 + 1e-6))
    if f is _quad:  # the maximum is a corner: 0.5 (1 + 100) eps^2
        assert direct == pytest.approx(100 * 50.5 * eps**2, rel=1e-9)


def test_symmetric_eps_sharpness_cancels_the_gradient_term():
    # On a tilted quadratic away from its minimum, the plain measure is dominated by the slope;
    # the symmetric one sees only the curvature: 0.5 (f(w+y) + f(w-y)) - f(w) = 0.5 y.Hy.
    f = lambda w: 0.5 * (w[0] ** 2 + 100.0 * w[1] ** 2)
    w = jnp.array([0.5, 0.05])
    eps = 1e-3
    plain, _ = sharpness.eps_sharpness(f, w, (), eps, jax.random.PRNGKey(0))
    sym, _ = sharpness.eps_sharpness(f, w, (), eps, jax.random.PRNGKey(0), symmetric=True)
    b = eps * (np.abs(np.asarray(w)) + 1)
    f0 = float(f(w))
    expect_sym = 100 * 0.5 * (b[0] ** 2 + 100 * b[1] ** 2) / (1 + f0)
    assert float(sym) == pytest.approx(expect_sym, rel=0.02)
    assert float(plain) > 20 * float(sym)


def test_filter_normalisation_gives_each_filter_the_weight_filter_norm():
    spec = mlp.make_spec(d_in=2, width=7, depth=2, n_classes=3)
    w = mlp.init_flat(spec, jax.random.PRNGKey(3)) * 1.7
    d = slices.random_direction(spec, w, jax.random.PRNGKey(4))
    wp, dp = mlp.unflatten(spec, w), mlp.unflatten(spec, d)
    for lw, ld in zip(wp, dp, strict=True):
        norms_d, norms_w = np.linalg.norm(ld["w"], axis=0), np.linalg.norm(lw["w"], axis=0)
        np.testing.assert_allclose(norms_d, norms_w, rtol=1e-5)
        assert not np.any(np.asarray(ld["b"]))
    # the direction of each filter is still random (not the weights themselves)
    assert abs(np.corrcoef(np.asarray(wp[1]["w"]).ravel(), np.asarray(dp[1]["w"]).ravel())[0, 1]) < 0.5


def test_interpolation_and_slice_hit_the_solutions():
    f, w, (x, y) = _tiny()
    w_a = jnp.asarray(w, jnp.float32)
    w_b = w_a * 0.5 + 0.1
    args = (jnp.asarray(x, jnp.float32), jnp.asarray(y))
    vals = slices.interpolate(f, w_a, w_b, jnp.array([0.0, 1.0, 0.5]), args)
    np.testing.assert_allclose(vals[0], f(w_a, *args), rtol=1e-6)
    np.testing.assert_allclose(vals[1], f(w_b, *args), rtol=1e-6)
    np.testing.assert_allclose(vals[2], f(0.5 * (w_a + w_b), *args), rtol=1e-6)
    d1 = jnp.zeros_like(w_a).at[0].set(1.0)
    d2 = jnp.zeros_like(w_a).at[1].set(1.0)
    coords = jnp.linspace(-1.0, 1.0, 5)
    z = slices.slice_2d(f, w_a, d1, d2, coords, args)
    np.testing.assert_allclose(z[2, 2], f(w_a, *args), rtol=1e-6)
    corner = w_a + jnp.zeros_like(w_a).at[0].set(-1.0).at[1].set(1.0)  # a = -1 on d1, b = +1 on d2
    np.testing.assert_allclose(z[4, 0], f(corner, *args), rtol=1e-6)
