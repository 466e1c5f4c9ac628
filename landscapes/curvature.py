"""Curvature of a surface: Hessian eigenvalues at points and along a path.

What a surface is does not depend on how it is minimised: the curvature an update rule tolerates
(its stability limit) belongs to the optimizer registry (``optimizers.quadratic``), and the
studies compare the two (``studies.curvature``).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .compiled import family_jit


@family_jit(static_argnames=("family",))
def _hessian_eigs(family, params, points):
    """Eigen-decomposition of the Hessian of ``family(., params)`` at each row of ``points`` (T, 2)."""
    bad = ~jnp.all(jnp.isfinite(points), axis=-1)
    safe = jnp.where(bad[:, None], jnp.zeros_like(points), points)
    hess = jax.vmap(jax.hessian(lambda xy: family(xy, params)))(safe)
    bad = bad | ~jnp.all(jnp.isfinite(hess), axis=(-2, -1))
    # Symmetrise: forward-over-reverse differentiation leaves round-off asymmetry.
    hess = 0.5 * (hess + jnp.swapaxes(hess, -1, -2))
    hess = jnp.where(bad[:, None, None], jnp.broadcast_to(jnp.eye(2, dtype=hess.dtype), hess.shape), hess)
    vals, vecs = jnp.linalg.eigh(hess)
    vals = jnp.where(bad[:, None], jnp.nan, vals)
    vecs = jnp.where(bad[:, None, None], jnp.nan, vecs)
    return vals, vecs


def hessian_eigs(landscape, points) -> tuple[np.ndarray, np.ndarray]:
    """Hessian eigenvalues and eigenvectors of ``landscape`` at each point.

    The Hessian comes from ``jax.hessian`` (exact up to round-off), compiled once per surface family;
    the surface's parameters are traced, so new parameter values do not recompile.

    Args:
        landscape: a ``Landscape``.
        points: array of shape (T, 2) (any leading shape ``(..., 2)`` works). Rows containing NaN or
            inf (e.g. a diverged trajectory) give NaN rows instead of an error, as do points where
            the Hessian itself is not finite.

    Returns:
        ``(eigenvalues, eigenvectors)`` as NumPy arrays of shapes (T, 2) and (T, 2, 2): eigenvalues
        in ascending order, ``eigenvectors[t][:, k]`` the unit eigenvector of ``eigenvalues[t, k]``.
        The dtype follows ``points`` (float32 unless float64 points are given with x64 enabled).

    Raises:
        ValueError: ``points`` does not end in an axis of length 2.
    """
    pts = jnp.asarray(points)
    if pts.ndim == 0 or pts.shape[-1] != 2:
        raise ValueError(f"points must have shape (T, 2); got shape {tuple(pts.shape)}")
    if not jnp.issubdtype(pts.dtype, jnp.floating):
        pts = pts.astype(jnp.float32)
    lead = pts.shape[:-1]
    flat = pts.reshape(-1, 2)
    if flat.shape[0] == 0:
        return np.zeros((*lead, 2), flat.dtype), np.zeros((*lead, 2, 2), flat.dtype)
    params = jnp.asarray(landscape.params, dtype=flat.dtype)
    vals, vecs = _hessian_eigs(landscape.fn_p, params, flat)
    return np.asarray(vals).reshape(*lead, 2), np.asarray(vecs).reshape(*lead, 2, 2)


def top_eigenvalue_along(landscape, path) -> np.ndarray:
    """The largest Hessian eigenvalue at every point of a trajectory.

    Args:
        landscape: a ``Landscape``.
        path: positions, shape (T, 2) (or (R, T, 2) for several runs); NaN rows (after divergence)
            give NaN.

    Returns:
        NumPy array of shape ``path.shape[:-1]``.
    """
    vals, _ = hessian_eigs(landscape, path)
    return vals[..., -1]
