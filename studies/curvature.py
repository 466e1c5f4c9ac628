"""Local curvature for the learning-rate studies: Hessian eigenvalues at points and along paths,
and the largest stable learning rate of the momentum family on a local quadratic model.

The landscape side of curvature (``landscapes/curvature.py``) is being written on another branch;
these helpers evaluate the same quantities for 2-D surfaces (exact Hessians, closed-form 2 x 2
eigenvalues) so the studies do not wait for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

# stable iff 0 < lr * lambda < LIMIT(hp) on every Hessian eigenvalue lambda of a quadratic
GD_FAMILY = ("sgd", "momentum", "nag")


@partial(jax.jit, static_argnames=("family",))
def _eigs_grads(family, params, pts):
    """Eigenvalues (ascending) of the Hessian and the gradient at each of ``pts`` (N, 2)."""

    def one(xy):
        h = jax.hessian(family)(xy, params)
        a, b, c = h[0, 0], 0.5 * (h[0, 1] + h[1, 0]), h[1, 1]
        mid = 0.5 * (a + c)
        rad = jnp.sqrt(0.25 * (a - c) ** 2 + b * b)
        return jnp.stack([mid - rad, mid + rad]), jax.grad(family)(xy, params)

    return jax.vmap(one)(pts)


def hessian_eigs(landscape, points) -> np.ndarray:
    """Hessian eigenvalues at each point.

    Args:
        landscape: a :class:`landscapes.Landscape`.
        points: array (..., 2); non-finite points give NaN.

    Returns:
        np.ndarray (..., 2): the two eigenvalues, ascending.
    """
    eigs, _ = eigs_and_grads(landscape, points)
    return eigs


def eigs_and_grads(landscape, points) -> tuple[np.ndarray, np.ndarray]:
    """(Hessian eigenvalues (..., 2) ascending, exact gradients (..., 2)) at ``points`` (..., 2)."""
    pts = np.asarray(points, dtype=np.float32)
    if pts.shape[-1] != 2:
        raise ValueError(f"points must have a last axis of 2 (x, y), got shape {pts.shape}")
    flat = pts.reshape(-1, 2)
    ok = np.all(np.isfinite(flat), axis=1)
    safe = np.where(ok[:, None], flat, 0.0).astype(np.float32)
    e, g = _eigs_grads(landscape.fn_p, np.asarray(landscape.params, np.float32), safe)
    e = np.where(ok[:, None], np.asarray(e, np.float64), np.nan)
    g = np.where(ok[:, None], np.asarray(g, np.float64), np.nan)
    return e.reshape(pts.shape), g.reshape(pts.shape)


def top_eigenvalue_along(landscape, path) -> np.ndarray:
    """Largest Hessian eigenvalue at every point of ``path`` (..., T+1, 2); NaN after divergence."""
    return hessian_eigs(landscape, path)[..., 1]


def limit_factor(name: str, hp: Mapping[str, float]) -> float | None:
    """``c`` such that the rule is stable on a quadratic iff 0 < lr * lambda < c for every eigenvalue.

    Gradient descent: 2. Heavy ball (torch form v <- mu v + g, w <- w - lr v): 2 + 2 mu.
    NAG (look-ahead form): (2 + 2 mu) / (1 + 2 mu). From the roots of the characteristic
    polynomials z^2 - (1 + mu - h) z + mu and z^2 - (1 + mu)(1 - h) z + mu (1 - h), h = lr lambda
    (Jury's test). None for rules whose step is rescaled per coordinate (no single such limit).
    """
    if name == "sgd":
        return 2.0
    if name == "momentum":
        return 2.0 + 2.0 * float(hp["momentum"])
    if name == "nag":
        mu = float(hp["momentum"])
        return (2.0 + 2.0 * mu) / (1.0 + 2.0 * mu)
    return None


def stability_threshold(name: str, hp: Mapping[str, float]) -> float | None:
    """The largest stable curvature ``lambda`` at ``hp['lr']``: limit_factor / lr (None if none)."""
    c = limit_factor(name, hp)
    return None if c is None else c / float(hp["lr"])


def spectral_radius(name: str, lr, mu, lam) -> np.ndarray:
    """Theoretical per-step contraction of GD / heavy ball / NAG on one eigenvalue ``lam``.

    Args:
        name: "sgd", "momentum" or "nag".
        lr, mu, lam: broadcastable arrays (mu ignored for "sgd").

    Returns:
        the largest root modulus of the characteristic polynomial (< 1: converges).
    """
    h = np.asarray(lr, np.float64) * np.asarray(lam, np.float64)
    mu = np.zeros_like(h) if name == "sgd" else np.broadcast_to(np.asarray(mu, np.float64), h.shape)
    if name == "sgd":
        return np.abs(1.0 - h)
    if name == "momentum":
        b, c = 1.0 + mu - h, mu  # z^2 - b z + c
    elif name == "nag":
        b, c = (1.0 + mu) * (1.0 - h), mu * (1.0 - h)
    else:
        raise ValueError(f"no closed-form rate for {name!r}; choose one of: {', '.join(GD_FAMILY)}")
    disc = b * b - 4.0 * c
    sq = np.sqrt(np.abs(disc))
    real = np.maximum(np.abs(b + sq), np.abs(b - sq)) / 2.0
    return np.where(disc >= 0, real, np.sqrt(np.abs(c)))
