"""Curvature of a surface: Hessian eigenvalues along a path, and where a step size stops being stable.

The stability overlay compares the top Hessian eigenvalue along a trajectory with the largest
curvature an update rule tolerates at its learning rate (the "edge of stability": plain gradient
descent on a quadratic of curvature lambda diverges once lambda > 2/lr).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from .compiled import family_jit

# Rules whose step is a fixed linear map on a quadratic, so a curvature threshold exists.
_LINEAR_RULES = ("sgd", "momentum", "nag")


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


def stability_threshold(optimizer_name: str, hp: Mapping[str, Any] | None = None) -> float | None:
    """The largest curvature ``lambda`` at which a rule is stable on a quadratic, at its learning rate.

    On ``f(w) = lambda w^2 / 2`` the linear rules iterate a fixed linear map; they converge for every
    ``lambda`` in ``(0, threshold)`` and diverge above it (at the threshold an eigenvalue of the map
    is -1: the iterate oscillates without growing or shrinking). With ``h = lr * lambda``:

    - ``sgd``: ``w' = (1 - h) w``, stable while ``|1 - h| < 1``: threshold ``2 / lr``.
    - ``momentum`` (torch form ``v' = mu v + g``, ``w' = w - lr v'``): characteristic polynomial
      ``z^2 - (1 + mu - h) z + mu``; Jury's conditions give ``h < 2 + 2 mu``: ``(2 + 2 mu) / lr``.
    - ``nag`` (look-ahead form; in the variable ``p = w - lr mu v`` it is the usual Nesterov
      iteration): ``z^2 - (1 + mu)(1 - h) z + mu (1 - h)``. Jury's conditions: ``|mu (1 - h)| < 1``
      and ``(1 + mu)(h - 1) < 1 - mu (h - 1)``, i.e. ``h < 1 + 1 / (1 + 2 mu)``, the tighter of the
      two: threshold ``(2 + 2 mu) / (lr (1 + 2 mu))``. At ``mu = 0`` all three agree on ``2 / lr``.

    The adaptive rules (adagrad, adadelta, rmsprop, adam, adamw, nadam) have no such number: their
    step is ``lr / (sqrt(accumulated g^2) + eps)``, which depends on the gradient history, so the
    iteration is not a fixed linear map and its stability is not a function of ``lambda`` and the
    hyperparameters alone. SAM's ascent step moves by ``rho`` along the normalised gradient, which
    is not linear in ``w`` either. For all of them this returns None.

    Args:
        optimizer_name: a registered optimizer name (``optimizers.names()``).
        hp: hyperparameters; missing ones take the optimizer's defaults.

    Returns:
        The threshold curvature as a float, or None for rules without one.

    Raises:
        ValueError: unknown optimizer name (the message lists the choices) or a non-positive ``lr``.
    """
    import optimizers  # local: landscapes does not need the optimizers package to import

    opt = optimizers.get(optimizer_name)  # raises ValueError listing the valid names
    if opt.name not in _LINEAR_RULES:
        return None
    values = {**opt.defaults, **dict(hp or {})}
    lr = float(values["lr"])
    if not lr > 0:
        raise ValueError(f"lr = {lr!r} must be positive for a stability threshold")
    if opt.name == "sgd":
        return 2.0 / lr
    mu = float(values["momentum"])
    if opt.name == "momentum":
        return (2.0 + 2.0 * mu) / lr
    return (2.0 + 2.0 * mu) / (lr * (1.0 + 2.0 * mu))
