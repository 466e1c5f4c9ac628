"""Critical points: positions and kinds against known values; completeness against Bezout's bound."""

from collections import Counter

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
from landscapes import CriticalPoint, critical_points, from_expression

# Himmelblau: maximum (Wikipedia: -0.270845, -0.923039, f = 181.617) and the four saddles; digits by
# Newton's method in 30-digit arithmetic (mpmath) on the sympy gradient.
HIMMELBLAU_MAX = (-0.270844590667, -0.92303855648, 181.616521523)
HIMMELBLAU_SADDLES = [
    (0.0866775045554, 2.88425470117, 67.7191500875),
    (3.38515418361, 0.0738518798377, 13.3119262704),
    (-3.07302575076, -0.081353044288, 104.015162918),
    (-0.127961346731, -1.95371498024, 178.337239202),
]


def _check_common(s, cps):
    """Inside the view, sorted by value, gradient zero in float64, kind consistent with eigenvalues."""
    (x0, x1), (y0, y1) = s.bounds
    assert [c.value for c in cps] == sorted(c.value for c in cps)
    with jax.enable_x64(True):
        for c in cps:
            assert isinstance(c, CriticalPoint)
            assert x0 <= c.xy[0] <= x1 and y0 <= c.xy[1] <= y1
            w = jnp.asarray(c.xy, jnp.float64)
            g = np.asarray(jax.grad(lambda u: s.fn_p(u, jnp.asarray(s.params, jnp.float64)))(w))
            assert np.linalg.norm(g) < 1e-8 * (1 + abs(c.value)), (c, g)
            assert c.value == pytest.approx(float(s.fn(w)), abs=1e-12)
            l1, l2 = c.eigenvalues
            assert l1 <= l2
            want = {"minimum": l1 > 0, "maximum": l2 < 0, "saddle": l1 < 0 < l2}.get(c.kind, True)
            assert want, c
            v = c.eigenvectors
            np.testing.assert_allclose(v.T @ v, np.eye(2), atol=1e-12)


def test_himmelblau_four_minima_one_maximum_four_saddles():
    s = landscapes.get("himmelblau")
    cps = critical_points(s)
    _check_common(s, cps)
    kinds = Counter(c.kind for c in cps)
    # the gradient is a pair of cubics: at most 3 * 3 = 9 isolated zeros (Bezout), so 9 is all of them
    assert kinds == {"minimum": 4, "saddle": 4, "maximum": 1}
    minima = sorted(c.xy for c in cps if c.kind == "minimum")
    np.testing.assert_allclose(minima, sorted(s.minima), atol=1e-10)
    assert all(abs(c.value) < 1e-20 for c in cps if c.kind == "minimum")
    (mx,) = [c for c in cps if c.kind == "maximum"]
    np.testing.assert_allclose((*mx.xy, mx.value), HIMMELBLAU_MAX, rtol=1e-10)
    saddles = sorted((*c.xy, c.value) for c in cps if c.kind == "saddle")
    np.testing.assert_allclose(saddles, sorted(HIMMELBLAU_SADDLES), rtol=1e-10, atol=1e-11)


def test_hyperbolic_saddle_from_a_formula():
    s = from_expression("x^2 - y^2")
    (c,) = critical_points(s)
    assert c.kind == "saddle"
    np.testing.assert_allclose(c.xy, (0.0, 0.0), atol=1e-12)
    np.testing.assert_allclose(c.eigenvalues, (-2.0, 2.0), rtol=1e-12)
    np.testing.assert_allclose(np.abs(c.eigenvectors), [[0.0, 1.0], [1.0, 0.0]], atol=1e-12)


def test_six_hump_camel():
    """Six minima (two global), two maxima, seven saddles: the gradient's equations have degrees 5 and 3,
    so Bezout allows at most 15 isolated zeros, and all 15 are real and inside the usual view."""
    s = landscapes.get("six_hump_camel")
    cps = critical_points(s)
    _check_common(s, cps)
    assert Counter(c.kind for c in cps) == {"minimum": 6, "saddle": 7, "maximum": 2}
    minima = [c for c in cps if c.kind == "minimum"]
    np.testing.assert_allclose(sorted(c.xy for c in minima[:2]), sorted(s.minima), atol=1e-10)
    assert minima[0].value == pytest.approx(s.min_value, abs=1e-13)
    assert minima[2].value > s.min_value + 0.5  # the other four are only local
    # published local minima (Dixon & Szego): (+-1.7036, -+0.7961) and (+-1.6071, +-0.5687)
    local = sorted(np.round([c.xy for c in minima[2:]], 4).tolist())
    assert local == sorted([[1.7036, -0.7961], [-1.7036, 0.7961], [1.6071, 0.5687], [-1.6071, -0.5687]])
    # the function is odd-symmetric: f(-x, -y) = f(x, y), so critical points come in +- pairs
    pts = np.array([c.xy for c in cps])
    for p in pts:
        assert np.min(np.linalg.norm(pts + p, axis=1)) < 1e-9


@pytest.mark.parametrize("kappa,theta", [(10.0, 0.3), (400.0, -1.0)])
def test_quadratic_has_one_minimum_with_eigenvalues_one_and_kappa(kappa, theta):
    s = landscapes.get("quadratic").with_params(condition=kappa, rotation=theta)
    (c,) = critical_points(s)
    assert c.kind == "minimum"
    np.testing.assert_allclose(c.xy, (0.0, 0.0), atol=1e-12)
    np.testing.assert_allclose(c.eigenvalues, (1.0, kappa), rtol=1e-12)
    stiff = np.array([-np.sin(theta), np.cos(theta)])
    assert abs(c.eigenvectors[:, 1] @ stiff) == pytest.approx(1.0, abs=1e-12)


def test_degenerate_and_other_catalogue_surfaces():
    (c,) = critical_points(landscapes.get("monkey_saddle"))  # Hessian vanishes at the origin
    assert c.kind == "degenerate" and np.allclose(c.xy, 0.0, atol=1e-8)
    kinds = Counter(c.kind for c in critical_points(landscapes.get("bounded_saddle")))
    assert kinds == {"minimum": 2, "saddle": 1}
    cps = critical_points(landscapes.get("sharp_flat"))
    assert [c.kind for c in cps] == ["minimum", "minimum", "saddle"]
    assert cps[0].eigenvalues[0] > 10 * cps[1].eigenvalues[1]  # the deeper one is the sharp one
    # Rosenbrock's minimum (condition number ~2500) is a minimum, not "degenerate"
    (c,) = critical_points(landscapes.get("rosenbrock"))
    assert c.kind == "minimum" and np.allclose(c.xy, (1.0, 1.0), atol=1e-10)


def test_constant_surface_and_bad_arguments():
    assert critical_points(from_expression("3")) == ()
    s = landscapes.get("saddle")
    with pytest.raises(ValueError, match="n_seeds"):
        critical_points(s, n_seeds=1)
    with pytest.raises(ValueError, match="iters"):
        critical_points(s, iters=5)
    with pytest.raises(ValueError, match="empty bounds"):
        critical_points(s, bounds=((1, 0), (0, 1)))
    # bounds restrict the search: only the saddle's part of the view is searched
    assert critical_points(landscapes.get("himmelblau"), bounds=((2.5, 4.5), (1.0, 3.0)))[0].xy == (
        pytest.approx(3.0, abs=1e-10),
        pytest.approx(2.0, abs=1e-10),
    )


@pytest.mark.parametrize("expr", ["x^2 + y^4", "x^4 + y^2", "x^4 + y^4", "(x - 1)^2 + (y + 0.5)^4"])
def test_a_degenerate_minimum_found_from_both_sides_is_one_point(expr):
    # Newton creeps towards a quartic direction and stops a little off the point on each side: one point
    (c,) = critical_points(from_expression(expr))
    assert c.kind == "degenerate"
    want = (1.0, -0.5) if "- 1" in expr else (0.0, 0.0)
    assert np.hypot(c.xy[0] - want[0], c.xy[1] - want[1]) < 1e-4


def test_a_line_of_critical_points_is_not_merged_into_one():
    # x^2 is critical along the whole line x = 0: one degenerate point per seed row, a cell apart
    cps = critical_points(from_expression("x^2"), n_seeds=24)
    assert len(cps) == 24 and {c.kind for c in cps} == {"degenerate"}
    ys = sorted(c.xy[1] for c in cps)
    assert np.min(np.diff(ys)) > 0.1
