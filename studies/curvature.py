"""Local curvature for the learning-rate studies, on top of ``landscapes.curvature``: the
limit factor c of the momentum family, the closed-form per-step contraction on a quadratic, and
Hessian eigenvalues together with exact gradients (for the reasons of rising steps).
"""

from __future__ import annotations

from collections.abc import Mapping

import jax
import numpy as np

from landscapes.compiled import family_jit
from landscapes.curvature import hessian_eigs, stability_threshold, top_eigenvalue_along

GD_FAMILY = ("sgd", "momentum", "nag")

__all__ = [
    "GD_FAMILY",
    "eigs_and_grads",
    "hessian_eigs",
    "limit_factor",
    "spectral_radius",
    "stability_threshold",
    "top_eigenvalue_along",
]


@family_jit(static_argnames=("family",))
def _grads(family, params, pts):
    return jax.vmap(jax.grad(family), in_axes=(0, None))(pts, params)


def eigs_and_grads(landscape, points) -> tuple[np.ndarray, np.ndarray]:
    """Hessian eigenvalues (N, 2), ascending, and exact gradients (N, 2) at ``points`` (N, 2).

    Non-finite points give NaN rows.
    """
    pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
    vals, _ = hessian_eigs(landscape, pts)
    ok = np.all(np.isfinite(pts), axis=1)
    g = _grads(landscape.fn_p, np.asarray(landscape.params, np.float32), np.where(ok[:, None], pts, 0.0))
    g = np.where(ok[:, None], np.asarray(g, np.float64), np.nan)
    return np.asarray(vals, np.float64), g


def limit_factor(name: str, hp: Mapping[str, float]) -> float | None:
    """``c`` such that the rule is stable on a quadratic iff 0 < lr * lambda < c for every eigenvalue.

    ``stability_threshold`` at lr = 1: 2 (GD), 2 + 2 mu (heavy ball), (2 + 2 mu) / (1 + 2 mu) (NAG);
    None for rules whose step is rescaled per coordinate.
    """
    return stability_threshold(name, {**dict(hp), "lr": 1.0})


def spectral_radius(name: str, lr, mu, lam) -> np.ndarray:
    """Theoretical per-step contraction of GD / heavy ball / NAG on one eigenvalue ``lam``.

    Args:
        name: "sgd", "momentum" or "nag".
        lr, mu, lam: broadcastable arrays (mu ignored for "sgd").

    Returns:
        the largest root modulus of the characteristic polynomial (< 1: converges):
        z^2 - (1 + mu - h) z + mu (heavy ball), z^2 - (1 + mu)(1 - h) z + mu (1 - h) (NAG), h = lr lam.
    """
    h = np.asarray(lr, np.float64) * np.asarray(lam, np.float64)
    if name == "sgd":
        return np.abs(1.0 - h)
    mu = np.broadcast_to(np.asarray(mu, np.float64), h.shape)
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
