"""Mean-field theory of signal propagation in a wide random network (Poole et al. 2016, Schoenholz
et al. 2017): the variance map and the gradient's per-layer factor, by Gauss-Hermite quadrature.

A layer computes ``z = W h + b`` with ``Var(W_ij) = sigma_w2 / n_in`` and ``Var(b_i) = sigma_b2``,
then ``h = phi(z)``. For a wide layer the pre-activations are Gaussian, and their variance
``q_l = E[z_l^2]`` follows

    q_{l+1} = sigma_w2 * E_{z ~ N(0, q_l)}[phi(z)^2] + sigma_b2,

while a gradient sent back through the layer is multiplied in mean square by

    chi_l = sigma_w2 * E_{z ~ N(0, q_l)}[phi'(z)^2]

(for layers of equal width). Pure NumPy in float64: the curves the page overlays on what it
measures.
"""

from __future__ import annotations

import functools

import jax.numpy as jnp
import numpy as np

from landscapes import activations as acts

NODES = 100  # Gauss-Hermite nodes: an even number puts none at the kink z = 0, and the symmetric
# nodes give ReLU's E[phi(z)^2] = q/2 and E[phi'(z)^2] = 1/2 exactly


@functools.lru_cache(maxsize=4)
def _rule(n: int) -> tuple[np.ndarray, np.ndarray]:
    x, w = np.polynomial.hermite_e.hermegauss(n)  # weight exp(-x^2 / 2)
    return x, w / np.sqrt(2.0 * np.pi)


@functools.lru_cache(maxsize=16)
def _tables(name: str):
    """phi and phi' as NumPy callables, evaluated by the very definitions the networks use."""

    def phi(z: np.ndarray) -> np.ndarray:
        return np.asarray(acts.apply(name, jnp.asarray(z, jnp.float32)), np.float64)

    def slope(z: np.ndarray) -> np.ndarray:
        _, d = acts.apply_and_slope(name, jnp.asarray(z, jnp.float32))
        return np.asarray(d, np.float64)

    return phi, slope


def expect(fn, q: np.ndarray | float, n: int = NODES) -> np.ndarray:
    """E_{z ~ N(0, q)}[fn(z)] for each variance in ``q`` (Gauss-Hermite with ``n`` nodes).

    Args:
        fn: elementwise NumPy function.
        q: variance(s) >= 0.
        n: number of nodes.

    Returns:
        Array shaped like ``q``.
    """
    x, w = _rule(n)
    q = np.asarray(q, np.float64)
    z = np.sqrt(np.maximum(q, 0.0))[..., None] * x
    return np.sum(w * fn(z), axis=-1)


def second_moment(name: str, q) -> np.ndarray:
    """E[phi(z)^2] for z ~ N(0, q)."""
    phi, _ = _tables(name)
    return expect(lambda z: phi(z) ** 2, q)


def slope_moment(name: str, q) -> np.ndarray:
    """E[phi'(z)^2] for z ~ N(0, q)."""
    _, slope = _tables(name)
    return expect(lambda z: slope(z) ** 2, q)


def variance_curve(name: str, q1: float, sigma_w2: float, sigma_b2: float, depth: int) -> np.ndarray:
    """The mean-field pre-activation variances q_1 .. q_depth (q_1 given).

    Args:
        name: an activation of :data:`landscapes.activations.ACTIVATIONS` (or "linear").
        q1: the first layer's variance (sigma_w2 * E[x^2] + sigma_b2 for inputs x).
        sigma_w2: n_in * Var(W) (1 for LeCun, 2 for He, times gain^2).
        sigma_b2: Var(b).
        depth: number of layers.

    Returns:
        (depth,) float64.
    """
    q = np.empty(depth)
    q[0] = q1
    for i in range(1, depth):
        q[i] = sigma_w2 * float(second_moment(name, q[i - 1])) + sigma_b2
    return q


def gradient_curve(name: str, q: np.ndarray, sigma_w2: float, top: float = 1.0) -> np.ndarray:
    """Mean-field mean square of the back-propagated gradient dL/dz_l at each layer.

    The last layer receives ``top * E[phi'(z_L)^2]`` (a random unit-variance signal from above); each
    layer below multiplies it by ``sigma_w2 * E[phi'(z_l)^2]``.

    Args:
        name: the activation.
        q: (L,) pre-activation variances (:func:`variance_curve`).
        sigma_w2: n_in * Var(W).
        top: mean square of the signal sent into the last layer.

    Returns:
        (L,) float64.
    """
    m = slope_moment(name, q)
    out = np.empty(len(q))
    out[-1] = top * m[-1]
    for i in range(len(q) - 2, -1, -1):
        out[i] = sigma_w2 * m[i] * out[i + 1]
    return out


def layer_gain(name: str, q: float, sigma_w2: float) -> float:
    """chi = sigma_w2 * E[phi'(z)^2]: the gradient's mean-square factor per layer at variance q."""
    return float(sigma_w2 * slope_moment(name, q))


__all__ = ["expect", "gradient_curve", "layer_gain", "second_moment", "slope_moment", "variance_curve"]
