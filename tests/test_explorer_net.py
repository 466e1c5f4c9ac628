"""The explorer's network view (studies.explorer_net): training records the registry's optimizer, the PCA of
the path against an independent eigen-decomposition, the reconstruction identity, the plane's values
against the network evaluated point by point, filter normalisation, and the limits."""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from landscapes import mlp
from studies import explorer_net as en

SMALL = en.NetConfig(n_train=256, width=8, steps=60, records=12, grid=11, slice_points=9, hp=(("lr", 0.05),))


@functools.cache
def small() -> en.NetLandscape:
    return en.run(SMALL)


def _data(cfg):
    ds = en.make_data(cfg)
    return en.make_spec(cfg), ds, (jnp.asarray(ds.x_train), jnp.asarray(ds.y_train))


def test_training_records_full_batch_gradient_descent_step_by_step():
    cfg = SMALL._replace(optimizer="sgd", hp=(("lr", 0.3),), steps=10, records=5)
    steps, ws, loss, _ = en.train_path(cfg)
    spec, _, (x, y) = _data(cfg)
    obj = mlp.Objective(spec)
    w = mlp.init_flat(spec, jax.random.PRNGKey(cfg.seed))
    grad = jax.jit(jax.grad(obj))
    expect = [np.asarray(w)]
    for t in range(1, 11):
        w = w - 0.3 * grad(w, x, y)
        if t % 2 == 0:
            expect.append(np.asarray(w))
    assert list(steps) == [0, 2, 4, 6, 8, 10]
    np.testing.assert_allclose(ws, np.stack(expect), rtol=2e-5, atol=2e-6)
    np.testing.assert_allclose(loss, [float(obj(jnp.asarray(v), x, y)) for v in expect], rtol=1e-5)


def test_mini_batches_and_any_registered_rule_train():
    cfg = SMALL._replace(optimizer="momentum", hp=(("lr", 0.05),), batch=32)
    _, ws, loss, acc = en.train_path(cfg)
    assert np.all(np.isfinite(ws)) and loss[-1] < 0.8 * loss[0] and acc[-1] > 0.7


def test_pca_directions_are_orthonormal_and_match_an_eigendecomposition_of_the_gram_matrix():
    net = small()
    d = net.pca.directions.astype(np.float64)
    np.testing.assert_allclose(d @ d.T, np.eye(2), atol=1e-6)
    assert net.explained.sum() == pytest.approx(1.0, abs=1e-12) and np.all(np.diff(net.explained) <= 0)
    assert net.explained[:2].sum() <= 1.0
    # independently: the eigenvalues of M M^T are the squared singular values; v_k = M^T u_k / s_k
    m = net.weights.astype(np.float64) - net.weights[-1]
    lam, u = np.linalg.eigh(m @ m.T)
    lam, u = lam[::-1], u[:, ::-1]
    np.testing.assert_allclose(net.explained, (lam / lam.sum())[: len(net.explained)], atol=1e-9)
    np.testing.assert_allclose(net.singular**2, lam[: len(net.singular)], rtol=1e-6, atol=1e-9 * lam[0])
    for k in range(2):
        v = m.T @ u[:, k] / np.sqrt(lam[k])
        assert abs(float(v @ d[k])) == pytest.approx(1.0, abs=1e-5)  # the same direction up to its sign
    # NumPy's SVD
    s = np.linalg.svd(m, compute_uv=False)
    np.testing.assert_allclose(net.explained, s**2 / np.sum(s**2), atol=1e-12)
    # the sign convention: the start sits at negative coordinates, the path runs towards +
    assert np.all(net.pca.path[0] <= 0)


def test_projected_path_reconstructs_the_weights_up_to_the_unexplained_part():
    net = small()
    m = net.weights.astype(np.float64) - net.weights[-1]
    d = net.pca.directions.astype(np.float64)
    c = net.pca.path
    np.testing.assert_allclose(c, m @ d.T, rtol=1e-5, atol=1e-6)
    residual = float(np.sum((m - c @ d) ** 2))
    total = float(np.sum(m**2))
    assert residual == pytest.approx((1.0 - net.explained[:2].sum()) * total, rel=1e-4, abs=1e-9 * total)
    assert net.pca.captured == pytest.approx(net.explained[:2].sum(), abs=1e-9)


def test_plane_values_are_the_network_s_loss_at_those_weights():
    net = small()
    spec, _, (x, y) = _data(SMALL)
    obj = mlp.Objective(spec)
    w = net.weights[-1]
    for plane in (net.pca, net.random):
        d1, d2 = plane.directions
        for i, j in ((0, 0), (3, 7), (10, 10), (5, 2)):
            p = w + plane.xs[j] * d1 + plane.ys[i] * d2
            assert plane.z[i, j] == pytest.approx(float(obj(jnp.asarray(p, jnp.float32), x, y)), rel=2e-5)
        # the 1-D slices and the loss at the projected path are the same function
        k = 2
        assert plane.slices[0, k] == pytest.approx(
            float(obj(jnp.asarray(w + plane.slice_t[k] * d1, jnp.float32), x, y)), rel=2e-5
        )
        # the path's end is the plane's origin: the final loss
        np.testing.assert_allclose(plane.path[-1], (0.0, 0.0), atol=1e-7)
        assert plane.path_loss[-1] == pytest.approx(net.loss[-1], rel=1e-5)


def test_fast_plane_equals_the_plain_evaluation():
    net = small()
    spec, _, data = _data(SMALL)
    rng = np.random.default_rng(0)
    ab = jnp.asarray(rng.normal(size=(37, 2)), jnp.float32)
    args = (jnp.asarray(net.weights[-1]), *(jnp.asarray(v) for v in net.random.directions))
    fast = en.plane_losses(spec, *args, ab, *data, chunk=8)
    plain = en.plane_losses_naive(spec, *args, ab, *data)
    np.testing.assert_allclose(np.asarray(fast), np.asarray(plain), rtol=1e-5)


def test_when_two_directions_hold_the_whole_path_the_plane_gives_the_loss_along_it():
    cfg = SMALL._replace(records=2, steps=40)  # three points: the displacements span a plane exactly
    net = en.run(cfg)
    assert net.explained[:2].sum() == pytest.approx(1.0, abs=1e-9)
    np.testing.assert_allclose(net.pca.path_loss, net.loss, rtol=1e-4)
    # the default-sized run: most but not all of the path in the plane; the random plane holds little
    big = small()
    assert big.explained[:2].sum() > 0.9
    # two random directions in d dimensions catch ~2/d of a fixed displacement (not exactly: filter
    # normalisation weights some coordinates more and leaves the biases out)
    assert big.random.captured < 5 * 2 / big.n_params < 0.1 < big.pca.captured


def test_random_directions_are_filter_normalised_to_the_final_weights():
    net = small()
    spec = en.make_spec(SMALL)
    wp = mlp.unflatten(spec, jnp.asarray(net.weights[-1]))
    for d in net.random.directions:
        dp = mlp.unflatten(spec, jnp.asarray(d))
        for lw, ld in zip(wp, dp, strict=True):
            np.testing.assert_allclose(
                np.linalg.norm(ld["w"], axis=0), np.linalg.norm(lw["w"], axis=0), rtol=1e-5
            )  # each neuron's incoming weights
            assert not np.any(np.asarray(ld["b"]))
    # least squares on a non-orthogonal pair: a point of the plane is found exactly
    r = net.random.directions.astype(np.float64)
    w = np.stack([net.weights[-1] + 0.3 * r[0] - 0.7 * r[1], net.weights[-1]]).astype(np.float64)
    coords, captured = en.project(w, r)
    np.testing.assert_allclose(coords[0], (0.3, -0.7), rtol=1e-6)
    assert captured == pytest.approx(1.0)


def test_the_grid_and_the_plane_s_work_are_limited_with_clear_messages():
    with pytest.raises(ValueError, match=r"grid = 102 is outside \[5, 101\]"):
        en.validate(en.NetConfig(grid=102))
    with pytest.raises(ValueError, match="too much work"):
        en.validate(en.NetConfig(grid=101, n_train=8192, width=128, depth=4))
    with pytest.raises(ValueError, match="Unknown optimizer"):
        en.validate(en.NetConfig(optimizer="adamm"))
    with pytest.raises(ValueError, match="sgd.lr"):
        en.validate(en.NetConfig(optimizer="sgd", hp=(("lr", -1.0),)))
    with pytest.raises(ValueError, match="records = 300"):
        en.validate(en.NetConfig(records=300))
    with pytest.raises(ValueError, match="batch = 5000"):
        en.validate(en.NetConfig(batch=5000))
    en.validate(en.NetConfig(grid=101))  # Li et al.'s resolution and more on the default network
    spec, _, data = _data(SMALL)
    w = jnp.zeros(spec.n_params)
    with pytest.raises(ValueError, match=f"at most {en.MAX_POINTS} points"):
        en.plane_losses(spec, w, w, w, jnp.zeros((en.MAX_POINTS + 1, 2)), *data)


def test_a_diverged_run_is_reported_without_planes():
    # squared error on the regression curve with lr 2: the outputs grow without bound within 100 steps
    net = en.run(SMALL._replace(dataset="regression", optimizer="sgd", hp=(("lr", 2.0),), steps=100))
    assert net.diverged_at > 0 and net.pca is None and net.random is None
    assert not np.isfinite(net.loss[-1]) and np.isfinite(net.loss[0])
