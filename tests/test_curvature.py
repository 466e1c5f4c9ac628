"""Hessian eigenvalues against analytic Hessians; stability thresholds (the optimizer registry's, read
by ``studies.curvature``) against simulation."""

from functools import partial

import jax
import jax.flatten_util
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
import optimizers
from landscapes import curvature, hessian_eigs, top_eigenvalue_along
from studies import stability_threshold
from tests.helpers import assert_no_recompile


def _rosenbrock_hessian(x, y):
    return np.array([[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200.0]])


def test_rosenbrock_matches_analytic_hessian():
    rng = np.random.default_rng(0)
    pts = rng.uniform(-2, 2, size=(64, 2))
    with jax.enable_x64(True):
        vals, vecs = hessian_eigs(landscapes.get("rosenbrock"), pts)
    assert vals.shape == (64, 2) and vecs.shape == (64, 2, 2)
    for (x, y), lam, v in zip(pts, vals, vecs, strict=True):
        h = _rosenbrock_hessian(x, y)
        np.testing.assert_allclose(lam, np.linalg.eigvalsh(h), rtol=1e-10, atol=1e-9)
        assert lam[0] <= lam[1]
        np.testing.assert_allclose(h @ v, v * lam[None, :], rtol=1e-8, atol=1e-7)  # H v_k = lam_k v_k
        np.testing.assert_allclose(v.T @ v, np.eye(2), atol=1e-12)


@pytest.mark.parametrize("kappa,theta", [(1.0, 0.0), (10.0, 0.3), (250.0, -2.0)])
def test_rotated_quadratic_eigenpairs(kappa, theta):
    s = landscapes.get("quadratic").with_params(condition=kappa, rotation=theta)
    pts = np.array([[0.0, 0.0], [1.5, -2.0], [-3.0, 3.0]])
    with jax.enable_x64(True):
        vals, vecs = hessian_eigs(s, pts)
    np.testing.assert_allclose(vals, np.tile([1.0, kappa], (3, 1)), rtol=1e-12)
    if kappa > 1:  # the stiff direction is v = (-sin, cos), up to sign
        stiff = np.array([-np.sin(theta), np.cos(theta)])
        np.testing.assert_allclose(np.abs(vecs[:, :, 1] @ stiff), 1.0, rtol=1e-12)


def test_saddle_has_one_negative_eigenvalue_along_x_minus():
    vals, vecs = hessian_eigs(landscapes.get("saddle"), np.array([[0.3, -1.2]], np.float32))
    assert vals.dtype == np.float32
    np.testing.assert_allclose(vals[0], [-2.0, 2.0], rtol=1e-6)
    np.testing.assert_allclose(np.abs(vecs[0][:, 0]), [0.0, 1.0], atol=1e-6)  # descends along y


def test_nan_points_give_nan_rows_not_errors():
    pts = np.array([[1.0, 1.0], [np.nan, np.nan], [np.inf, 0.0], [0.0, 0.0]], np.float32)
    vals, vecs = hessian_eigs(landscapes.get("rosenbrock"), pts)
    assert np.all(np.isnan(vals[1:3])) and np.all(np.isnan(vecs[1:3]))
    assert np.all(np.isfinite(vals[[0, 3]]))
    np.testing.assert_allclose(vals[3], np.linalg.eigvalsh(_rosenbrock_hessian(0.0, 0.0)), rtol=1e-5)


def test_top_eigenvalue_along_paths_of_any_leading_shape():
    s = landscapes.get("rosenbrock")
    paths = np.random.default_rng(1).uniform(-1, 1, size=(3, 5, 2)).astype(np.float32)
    top = top_eigenvalue_along(s, paths)
    assert top.shape == (3, 5)
    want = [[np.linalg.eigvalsh(_rosenbrock_hessian(*p))[-1] for p in run] for run in paths.astype(float)]
    np.testing.assert_allclose(top, want, rtol=1e-4)
    assert top_eigenvalue_along(s, np.zeros((0, 2), np.float32)).shape == (0,)


def test_bad_shape_is_a_clear_error():
    with pytest.raises(ValueError, match=r"shape \(T, 2\)"):
        hessian_eigs(landscapes.get("saddle"), np.zeros((4, 3)))


def test_new_surface_parameters_do_not_recompile():
    q = landscapes.get("quadratic")
    pts = np.zeros((4, 2), np.float32)
    hessian_eigs(q, pts)
    with assert_no_recompile(curvature._hessian_eigs, what="new condition numbers"):
        for kappa in (2.0, 30.0, 400.0):
            vals, _ = hessian_eigs(q.with_params(condition=kappa), pts)
            np.testing.assert_allclose(vals[:, 1], kappa, rtol=1e-5)


# ---- stability thresholds -------------------------------------------------------------------


def test_threshold_formulas():
    assert stability_threshold("sgd", {"lr": 0.1}) == pytest.approx(20.0)
    assert stability_threshold("momentum", {"lr": 0.1, "momentum": 0.9}) == pytest.approx(38.0)
    assert stability_threshold("nag", {"lr": 0.1, "momentum": 0.9}) == pytest.approx(3.8 / 0.28)
    # mu = 0: all three are gradient descent
    for name in ("momentum", "nag"):
        assert stability_threshold(name, {"lr": 0.5, "momentum": 0.0}) == pytest.approx(4.0)
    # missing hyperparameters take the defaults (lr 1e-3, momentum 0.9)
    assert stability_threshold("momentum") == pytest.approx(3.8e3)


@pytest.mark.parametrize("name", ["adagrad", "adadelta", "rmsprop", "adam", "adamw", "nadam", "sam"])
def test_no_threshold_for_rules_that_are_not_linear_maps(name):
    assert stability_threshold(name, {"lr": 0.1}) is None


def test_threshold_errors():
    with pytest.raises(ValueError, match="choose one of: sgd, momentum"):
        stability_threshold("adamm", {"lr": 0.1})
    with pytest.raises(ValueError, match="lr"):
        stability_threshold("sgd", {"lr": 0.0})


@partial(jax.jit, static_argnames=("name", "steps"))
def _simulate_1d(name, lam, hp, steps):
    """|w| after ``steps`` updates of the project's own rule on f = lam w^2 / 2 from w = 1."""
    opt = optimizers.get(name)
    grad_fn = lambda w: lam * w
    w0 = jnp.ones((1,), lam.dtype)

    def body(carry, _):
        w, state = carry
        w, state, _ = opt.update(grad_fn, w, state, hp)
        return (w, state), None

    (w, _), _ = jax.lax.scan(body, (w0, opt.init(w0, hp)), None, length=steps)
    return jnp.abs(w[0])


def _one_step_matrix(name, lam, hp):
    """The linear map (w, state) -> (w', state') of one update on the 1-D quadratic, as a matrix."""
    opt = optimizers.get(name)
    w0 = jnp.ones((1,), jnp.float64)
    state0 = opt.init(w0, hp)
    flat0, unravel = jax.flatten_util.ravel_pytree((w0, state0))

    def step(flat):
        w, state = unravel(flat)
        w, state, _ = opt.update(lambda u: lam * u, w, state, hp)
        return jax.flatten_util.ravel_pytree((w, state))[0]

    return np.asarray(jax.jacfwd(step)(flat0))


@pytest.mark.parametrize(
    "name,hp",
    [
        ("sgd", {"lr": 0.05}),
        ("momentum", {"lr": 0.05, "momentum": 0.9}),
        ("momentum", {"lr": 0.2, "momentum": 0.5}),
        ("nag", {"lr": 0.05, "momentum": 0.9}),
        ("nag", {"lr": 0.2, "momentum": 0.3}),
    ],
)
def test_threshold_separates_convergence_from_divergence(name, hp):
    thr = stability_threshold(name, hp)
    with jax.enable_x64(True):
        hpj = {k: jnp.asarray(v, jnp.float64) for k, v in hp.items()}
        # the spectral radius of the actual update map crosses 1 exactly at the threshold
        for factor, stable in ((1 - 1e-4, True), (1 + 1e-4, False)):
            rho = np.max(np.abs(np.linalg.eigvals(_one_step_matrix(name, factor * thr, hpj))))
            assert (rho < 1) == stable, (factor, rho)
        # and simulation shows it: a little below decays, a little above blows up
        below = float(_simulate_1d(name, jnp.asarray(0.98 * thr), hpj, 3000))
        above = float(_simulate_1d(name, jnp.asarray(1.02 * thr), hpj, 3000))
    assert below < 1e-6, below
    assert above > 1e6, above
