"""The MLP: flat <-> pytree, init scales, and losses against an independent NumPy forward pass."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from landscapes import mlp


def _np_forward(spec, params, x):
    h = np.asarray(x, np.float64)
    acts = {
        "relu": lambda z: np.maximum(z, 0),
        "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
        "tanh": np.tanh,
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    }
    for i, layer in enumerate(params):
        h = h @ np.asarray(layer["w"], np.float64) + np.asarray(layer["b"], np.float64)
        if i < len(params) - 1:
            h = acts[spec.activation](h)
    return h


def _np_loss(spec, out, y):
    if spec.n_classes == 0:
        return np.mean(0.5 * (out[:, 0] - y) ** 2)
    if spec.n_classes == 2:
        t = 2.0 * y - 1.0
        if spec.loss == "cross_entropy":
            p = 1 / (1 + np.exp(-out[:, 0]))
            return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
        return np.mean(0.5 * (out[:, 0] - t) ** 2)
    if spec.loss == "cross_entropy":
        z = out - out.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return np.mean(-logp[np.arange(len(y)), y])
    return np.mean(0.5 * ((out - np.eye(spec.n_classes)[y]) ** 2).sum(axis=1))


def test_shapes_and_flat_round_trip():
    spec = mlp.make_spec(d_in=2, width=32, depth=2)
    assert spec.sizes == (2, 32, 32, 1)
    assert spec.n_params == 2 * 32 + 32 + 32 * 32 + 32 + 32 + 1
    p = mlp.init_params(spec, jax.random.PRNGKey(0))
    flat = mlp.flatten(p)
    assert flat.shape == (spec.n_params,)
    back = mlp.unflatten(spec, flat)
    for a, b in zip(jax.tree.leaves(p), jax.tree.leaves(back), strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(mlp.init_flat(spec, jax.random.PRNGKey(0)), flat)


@pytest.mark.parametrize(
    "init,var",
    [("lecun", lambda i, o: 1 / i), ("xavier", lambda i, o: 2 / (i + o)), ("he", lambda i, o: 2 / i)],
)
def test_init_variance(init, var):
    spec = mlp.make_spec(d_in=300, width=200, depth=1, init=init)
    p = mlp.init_params(spec, jax.random.PRNGKey(1))
    w = np.asarray(p[0]["w"])
    assert abs(w.var() / var(300, 200) - 1) < 0.03
    assert not np.any(np.asarray(p[0]["b"]))


@pytest.mark.parametrize("activation", mlp.ACTIVATIONS)
@pytest.mark.parametrize(
    "n_classes,loss", [(2, "cross_entropy"), (2, "mse"), (3, "cross_entropy"), (3, "mse"), (0, "mse")]
)
def test_loss_and_accuracy_match_numpy(activation, n_classes, loss):
    spec = mlp.make_spec(d_in=2, width=5, depth=2, n_classes=n_classes, activation=activation, loss=loss)
    p = mlp.init_params(spec, jax.random.PRNGKey(2))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2)).astype(np.float32)
    if n_classes == 0:
        y = rng.normal(size=40).astype(np.float32)
    else:
        y = rng.integers(0, n_classes, 40).astype(np.int32)
    out = _np_forward(spec, p, x)
    np.testing.assert_allclose(mlp.loss(spec, p, x, y), _np_loss(spec, out, y), rtol=1e-5)
    np.testing.assert_allclose(mlp.Objective(spec)(mlp.flatten(p), x, y), _np_loss(spec, out, y), rtol=1e-5)
    acc = float(mlp.accuracy(spec, p, x, y))
    if n_classes == 0:
        assert np.isnan(acc)
    else:
        pred = (out[:, 0] > 0).astype(int) if n_classes == 2 else out.argmax(axis=1)
        assert acc == pytest.approx(np.mean(pred == y))


def test_objective_is_hashable_by_value():
    a = mlp.Objective(mlp.make_spec(width=8))
    b = mlp.Objective(mlp.make_spec(width=8))
    assert a == b and hash(a) == hash(b)
    assert a != mlp.Objective(mlp.make_spec(width=9))


def test_bad_specs_name_the_value():
    with pytest.raises(ValueError, match="Unknown activation 'gelu'.*relu"):
        mlp.make_spec(activation="gelu")
    with pytest.raises(ValueError, match="Unknown init 'orthogonal'"):
        mlp.make_spec(init="orthogonal")
    with pytest.raises(ValueError, match="regression"):
        mlp.make_spec(n_classes=0, loss="cross_entropy")
    with pytest.raises(ValueError, match="width = 0"):
        mlp.make_spec(width=0)
    with pytest.raises(ValueError, match="depth = 9"):
        mlp.make_spec(depth=9)


def test_gradient_flows_through_flat_vector():
    spec = mlp.make_spec(width=4, depth=1)
    with jax.enable_x64(True):
        w = mlp.init_flat(spec, jax.random.PRNGKey(0)).astype(jnp.float64)
        x = jnp.ones((3, 2), jnp.float64)
        y = jnp.array([0, 1, 1], jnp.int32)
        f = mlp.Objective(spec)
        g = jax.grad(f)(w, x, y)
        eps = 1e-6
        fd = [(f(w + e, x, y) - f(w - e, x, y)) / (2 * eps) for e in eps * np.eye(len(w))]
        np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-9)
