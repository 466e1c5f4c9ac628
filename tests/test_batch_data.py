"""Data sets made in code: determinism, geometry at zero noise, label noise only on training."""

import numpy as np
import pytest

from landscapes import data


@pytest.mark.parametrize("name", data.KINDS)
def test_deterministic_per_seed_and_shapes(name):
    a = data.make(name, n_train=100, n_test=50, seed=3, label_noise=0.1)
    b = data.make(name, n_train=100, n_test=50, seed=3, label_noise=0.1)
    c = data.make(name, n_train=100, n_test=50, seed=4, label_noise=0.1)
    for u, v in zip(a[1:5], b[1:5], strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a.x_train, c.x_train)
    assert a.x_train.shape == (100, a.d_in) and a.x_test.shape == (50, a.d_in)
    assert a.x_train.dtype == np.float32
    if name == "regression":
        assert a.n_classes == 0 and a.d_in == 1 and a.y_train.dtype == np.float32
    else:
        assert a.y_train.dtype == np.int32 and set(np.unique(a.y_test)) <= set(range(a.n_classes))


def test_zero_noise_geometry():
    m = data.make("moons", n_train=500, n_test=10, noise=0.0)
    x, y = m.x_train, m.y_train
    upper = np.hypot(x[y == 0, 0], x[y == 0, 1])
    lower = np.hypot(x[y == 1, 0] - 1.0, x[y == 1, 1] - 0.5)
    np.testing.assert_allclose(upper, 1.0, atol=1e-5)
    np.testing.assert_allclose(lower, 1.0, atol=1e-5)
    assert np.all(x[y == 0, 1] >= -1e-6) and np.all(x[y == 1, 1] <= 0.5 + 1e-6)
    c = data.make("circles", n_train=500, n_test=10, noise=0.0)
    r = np.hypot(c.x_train[:, 0], c.x_train[:, 1])
    np.testing.assert_allclose(r, np.where(c.y_train == 0, 1.0, 0.5), atol=1e-5)
    xo = data.make("xor", n_train=500, n_test=10, noise=0.0)
    np.testing.assert_array_equal(xo.y_train, (xo.x_train[:, 0] * xo.x_train[:, 1] < 0).astype(np.int32))
    rg = data.make("regression", n_train=200, n_test=10, noise=0.0)
    np.testing.assert_allclose(rg.y_train, data.regression_curve(rg.x_train[:, 0]), atol=1e-5)
    b = data.make("blobs", n_train=600, n_test=10, classes=4)
    assert b.n_classes == 4 and set(np.unique(b.y_train)) == {0, 1, 2, 3}
    s = data.make("spirals", n_train=300, n_test=10, classes=3)
    assert s.n_classes == 3


@pytest.mark.parametrize("name", ["moons", "blobs", "regression"])
def test_label_noise_corrupts_only_training_targets(name):
    clean = data.make(name, n_train=4000, n_test=300, seed=1, label_noise=0.0)
    noisy = data.make(name, n_train=4000, n_test=300, seed=1, label_noise=0.2)
    np.testing.assert_array_equal(clean.x_train, noisy.x_train)  # the same points ...
    np.testing.assert_array_equal(clean.y_test, noisy.y_test)  # ... the test set untouched
    changed = clean.y_train != noisy.y_train
    np.testing.assert_array_equal(changed, noisy.flipped)  # every flip changes the target
    assert abs(noisy.flipped.mean() - 0.2) < 0.02
    assert not clean.flipped.any()


def test_bad_input_names_the_value():
    with pytest.raises(ValueError, match="Unknown data set 'moon'.*moons"):
        data.make("moon")
    with pytest.raises(ValueError, match="label_noise"):
        data.make("moons", label_noise=0.9)
    with pytest.raises(ValueError, match="n_train"):
        data.make("moons", n_train=0)
    with pytest.raises(ValueError, match="only spirals and blobs"):
        data.make("moons", classes=3)
    with pytest.raises(ValueError, match="exceeds"):
        data.make("moons", n_train=40_000, n_test=20_000)
