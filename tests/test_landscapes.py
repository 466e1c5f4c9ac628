"""The analytic surfaces: metadata, listed minimisers against float64 evaluation, and a dense grid search
plus Newton polishing that finds nothing lower and no global minimiser the table leaves out."""

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes

NAMES = landscapes.names()
GRID_N = 1001


def _scale(s):
    return max(1.0, abs(s.min_value))


@partial(jax.jit, static_argnames=("family",))
def _grid_values(family, params, xs, ys):
    return jax.vmap(lambda y: jax.vmap(lambda x: family(jnp.stack([x, y]), params))(xs))(ys)


@partial(jax.jit, static_argnames=("family",))
def _newton(family, params, w0):
    """30 Newton steps on the gradient for each row of w0 (N, 2); a step that is not finite is skipped."""
    f = lambda w: family(w, params)
    g, h = jax.grad(f), jax.hessian(f)

    def step(w, _):
        d = jnp.linalg.solve(h(w), g(w))
        ok = jnp.all(jnp.isfinite(d))
        return jnp.where(ok, w - d, w), None

    w = jax.vmap(lambda w: jax.lax.scan(step, w, None, length=30)[0])(w0)
    return w, jax.vmap(f)(w), jax.vmap(lambda u: jnp.linalg.norm(g(u)))(w)


@partial(jax.jit, static_argnames=("family",))
def _derivs(family, params, pts):
    f = lambda w: family(w, params)
    return jax.vmap(f)(pts), jax.vmap(jax.grad(f))(pts), jax.vmap(jax.hessian(f))(pts)


def test_catalogue_size_and_lookup():
    assert len(NAMES) >= 20 and len(set(NAMES)) == len(NAMES)
    for required in (
        "quadratic",
        "saddle",
        "monkey_saddle",
        "rosenbrock",
        "beale",
        "booth",
        "matyas",
        "himmelblau",
        "three_hump_camel",
        "six_hump_camel",
        "goldstein_price",
        "mccormick",
        "rastrigin",
        "ackley",
        "levi13",
        "styblinski_tang",
        "sharp_flat",
        "plateau",
        "long_valley",
        "cliff",
    ):
        assert landscapes.get(required).name == required
    with pytest.raises(ValueError, match=r"Unknown landscape 'rosenbrok'; choose one of: quadratic, "):
        landscapes.get("rosenbrok")


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name):
    s = landscapes.get(name)
    (x0, x1), (y0, y1) = s.bounds
    assert x0 < x1 and y0 < y1
    inside = lambda p: x0 <= p[0] <= x1 and y0 <= p[1] <= y1
    assert inside(s.start), s.start
    assert all(inside(m) for m in s.minima)
    assert (s.min_value is None) == (len(s.minima) == 0)
    assert s.title and s.latex and s.source
    assert set(s.description) == {"en", "ko"}
    assert any("\uac00" <= ch <= "\ud7a3" for ch in s.description["ko"])  # Hangul, not a copy of en
    assert s.category in landscapes.CATEGORIES and s.category != "custom"
    assert s.smooth == (name != "ackley")


@pytest.mark.parametrize("name", [n for n in NAMES if landscapes.get(n).minima])
def test_value_gradient_and_curvature_at_listed_minimisers(name):
    s = landscapes.get(name)
    with jax.enable_x64(True):
        pts = jnp.asarray(s.minima, jnp.float64)
        vals, grads, hess = map(np.asarray, _derivs(s.fn_p, jnp.asarray(s.params, jnp.float64), pts))
    np.testing.assert_allclose(vals, s.min_value, rtol=0, atol=1e-12 * _scale(s))
    assert np.all(np.isfinite(grads))
    if s.smooth:
        assert np.max(np.abs(grads)) < 1e-9 * _scale(s), grads
        assert np.min(np.linalg.eigvalsh(hess)) > 0  # a strict minimum, not a saddle
    # the float32 surface agrees to float32 precision
    v32 = np.array([s.fn(jnp.asarray(m, jnp.float32)) for m in s.minima])
    np.testing.assert_allclose(v32, s.min_value, rtol=0, atol=2e-6 * _scale(s))


@pytest.mark.parametrize("name", NAMES)
def test_dense_grid_finds_nothing_lower_and_no_unlisted_global_minimiser(name):
    s = landscapes.get(name)
    (x0, x1), (y0, y1) = s.bounds
    with jax.enable_x64(True):
        xs, ys = np.linspace(x0, x1, GRID_N), np.linspace(y0, y1, GRID_N)
        params = jnp.asarray(s.params, jnp.float64)
        z = np.asarray(_grid_values(s.fn_p, params, xs, ys))
        assert np.all(np.isfinite(z)), "not finite over the whole view"
        if s.min_value is None:
            return
        tol = 1e-9 * _scale(s)
        assert z.min() >= s.min_value - tol, (z.min(), np.unravel_index(z.argmin(), z.shape))
        if not s.smooth:
            return
        # Grid cells lower than their 8 neighbours and close to the global value: polish each by Newton
        # and require that it lands on a listed minimiser (so the table misses none).
        inner = z[1:-1, 1:-1]
        is_min = np.ones_like(inner, bool)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                if di or dj:
                    is_min &= inner <= z[1 + di : GRID_N - 1 + di, 1 + dj : GRID_N - 1 + dj]
        h = max(x1 - x0, y1 - y0) / (GRID_N - 1)
        i, j = np.nonzero(is_min & (inner <= s.min_value + 0.05 * _scale(s) + 1e3 * h * h))
        seeds = np.stack([xs[j + 1], ys[i + 1]], axis=1)
        assert len(seeds) >= 1
        w, v, gn = (np.asarray(a) for a in _newton(s.fn_p, params, jnp.asarray(seeds)))
    assert np.all(v[np.isfinite(v)] >= s.min_value - tol)
    listed = np.asarray(s.minima)
    for wk, vk, gk in zip(w, v, gn, strict=True):
        if gk < 1e-9 * _scale(s) and vk <= s.min_value + tol:
            assert np.min(np.linalg.norm(listed - wk, axis=1)) < 1e-7, f"unlisted global minimiser {wk}"
    # every listed minimiser is found from the grid
    found = w[(gn < 1e-9 * _scale(s)) & (v <= s.min_value + tol)]
    for m in listed:
        assert np.min(np.linalg.norm(found - m, axis=1)) < 1e-7, f"listed minimiser {m} not found"


@pytest.mark.parametrize("name", NAMES)
def test_finite_in_float32_over_the_view(name):
    g = landscapes.grid(landscapes.get(name), n=101)
    assert np.all(np.isfinite(g.z))


def test_digits_against_published_tables_and_closed_forms():
    """The listed digits agree with the (rounded) published values and with independent closed forms."""
    get = landscapes.get
    # Himmelblau (Wikipedia / Himmelblau 1972, rounded to 6 digits)
    published = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    np.testing.assert_allclose(sorted(get("himmelblau").minima), sorted(published), atol=1e-6)
    # six-hump camel (Surjanovic & Bingham): (+-0.0898, -+0.7126), f* = -1.0316
    m = get("six_hump_camel")
    np.testing.assert_allclose(m.minima, [(0.0898, -0.7126), (-0.0898, 0.7126)], atol=1e-4)
    assert m.min_value == pytest.approx(-1.0316, abs=1e-4)
    # Styblinski-Tang: x* is the smallest real root of 4x^3 - 32x + 5 (NumPy's companion-matrix roots)
    r = np.sort(np.roots([4.0, 0.0, -32.0, 5.0]).real)[0]
    st = get("styblinski_tang")
    np.testing.assert_allclose(st.minima[0], (r, r), rtol=1e-14)
    assert st.min_value == pytest.approx(r**4 - 16 * r**2 + 5 * r, rel=1e-14)
    assert st.min_value / 2 == pytest.approx(-39.16617, abs=1e-5)
    # McCormick: x = 1/2 - pi/3, y = x - 1, f* = -sqrt(3)/2 - pi/3
    mc = get("mccormick")
    np.testing.assert_allclose(mc.minima[0], (0.5 - np.pi / 3, -0.5 - np.pi / 3), rtol=1e-15)
    assert mc.min_value == pytest.approx(-np.sqrt(3) / 2 - np.pi / 3, rel=1e-15)
    # tilted double well: the roots of 4x^3 - 4x + 0.3; the global one is the most negative
    r = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
    dw = get("double_well")
    assert dw.minima[0][0] == pytest.approx(r[0], rel=1e-14)
    assert dw.min_value == pytest.approx((r[0] ** 2 - 1) ** 2 + 0.3 * r[0], rel=1e-14)
    assert (r[2] ** 2 - 1) ** 2 + 0.3 * r[2] > dw.min_value  # the other well is shallower


def test_sharp_flat_has_a_sharp_deep_and_a_flat_shallower_basin():
    s = landscapes.get("sharp_flat")
    flat_min = np.array([[1.409227015464693, 0.0]])
    with jax.enable_x64(True):
        vals, _ = landscapes.hessian_eigs(s, np.array([s.minima[0], flat_min[0]]))
        f_flat = float(s.fn(jnp.asarray(flat_min[0])))
        g_flat = jax.grad(s.fn)(jnp.asarray(flat_min[0]))
    assert np.max(np.abs(np.asarray(g_flat))) < 1e-12  # the flat basin's minimum is where we say
    sharp, flat = vals
    assert sharp.min() > 10 * flat.max()  # sharp: curvature ~28; flat: ~1.6
    assert s.min_value < f_flat < s.min_value + 0.15  # the sharp one is deeper, but only slightly


def _final(name, runs, steps, **kw):
    import optimizers

    res = optimizers.simulate(landscapes.get(name), runs, steps=steps, record="final", **kw)
    assert np.all(res.diverged_at == -1)
    return res.final_w


def test_lecture_surfaces_show_what_their_descriptions_promise():
    # double well: gradient descent stops in the shallow well, momentum coasts into the deep one
    w = _final("double_well", [("sgd", {"lr": 0.02}), ("momentum", {"lr": 0.02, "momentum": 0.9})], 1000)
    assert w[0, 0] > 0.9 and w[1, 0] < -1.0
    # long valley: Adagrad's shrinking steps stall far from the minimum, RMSprop arrives
    w = _final("long_valley", [("adagrad", {"lr": 0.05}), ("rmsprop", {"lr": 0.05})], 1000)
    assert w[0, 0] < -5.0 and abs(w[1, 0]) < 0.1
    # plateau: SGD barely moves on the tiny gradient, Adam normalises it away
    w = _final("plateau", [("sgd", {"lr": 0.1}), ("adam", {"lr": 0.05})], 1000)
    assert np.linalg.norm(w[0] - landscapes.get("plateau").start) < 0.1 and np.linalg.norm(w[1]) < 0.05
    # sharp vs flat: a small step settles in the sharp minimum, a large one ends in the flat one
    w = _final("sharp_flat", [("sgd", {"lr": 0.02}), ("sgd", {"lr": 0.3})], 1000)
    assert w[0, 0] == pytest.approx(-1.4944, abs=1e-3) and w[1, 0] == pytest.approx(1.4092, abs=1e-3)
    # cliff: one step on the cliff face throws the point several units
    import optimizers

    res = optimizers.simulate(landscapes.get("cliff"), [("sgd", {"lr": 0.02})], steps=1000, record="path")
    assert np.max(np.linalg.norm(np.diff(res.path[0], axis=0), axis=1)) > 2.0
