"""Local curvature for the learning-rate studies, on top of ``landscapes.curvature`` (what a surface
is) and the optimizer registry (how each rule behaves on a quadratic): the stability threshold and
limit factor c of a rule, its closed-form per-step contraction, and Hessian eigenvalues together
with exact gradients (for the reasons of rising steps).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jax
import numpy as np

import optimizers
from landscapes.compiled import family_jit
from landscapes.curvature import hessian_eigs, top_eigenvalue_along

__all__ = [
    "eigs_and_grads",
    "hessian_eigs",
    "limit_factor",
    "linear_rules",
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


def linear_rules() -> list[str]:
    """The registered rules with a closed form on a quadratic (their ``quadratic`` is set)."""
    return [n for n in optimizers.names() if optimizers.get(n).quadratic is not None]


def limit_factor(name: str, hp: Mapping[str, float]) -> float | None:
    """``c`` such that the rule is stable on a quadratic iff 0 < lr * lambda < c for every eigenvalue.

    The rule's own ``stability``: 2 (GD), 2 + 2 mu (heavy ball), (2 + 2 mu) / (1 + 2 mu) (NAG);
    None for rules whose step is not a fixed linear map there (see ``optimizers.quadratic``).
    """
    return optimizers.get(name).stability(hp)


def stability_threshold(optimizer_name: str, hp: Mapping[str, Any] | None = None) -> float | None:
    """The largest curvature ``lambda`` at which a rule is stable on a quadratic, at its learning rate.

    On ``f(w) = lambda w^2 / 2`` a rule with a closed form (``optimizers.quadratic``) converges for
    every ``lambda`` in ``(0, threshold)`` and diverges above it (at the threshold an eigenvalue of
    its step map is -1: the iterate oscillates without growing or shrinking). The threshold is
    ``c / lr`` with ``c`` the rule's limit factor (:func:`limit_factor`).

    Args:
        optimizer_name: a registered optimizer name (``optimizers.names()``).
        hp: hyperparameters; missing ones take the optimizer's defaults.

    Returns:
        The threshold curvature as a float, or None for rules without one.

    Raises:
        ValueError: unknown optimizer name (the message lists the choices) or a non-positive ``lr``.
    """
    opt = optimizers.get(optimizer_name)  # raises ValueError listing the valid names
    c = opt.stability(hp)
    if c is None:
        return None
    lr = float({**opt.defaults, **dict(hp or {})}["lr"])
    if not lr > 0:
        raise ValueError(f"lr = {lr!r} must be positive for a stability threshold")
    return c / lr


def spectral_radius(name: str, lr, mu, lam) -> np.ndarray:
    """Theoretical per-step contraction of a rule with a closed form on one eigenvalue ``lam``.

    Args:
        name: a rule in :func:`linear_rules` (GD, heavy ball, NAG).
        lr, mu, lam: broadcastable arrays; mu is the rule's momentum (ignored by plain GD).

    Returns:
        the largest root modulus of the characteristic polynomial (< 1: converges):
        z^2 - (1 + mu - h) z + mu (heavy ball), z^2 - (1 + mu)(1 - h) z + mu (1 - h) (NAG), h = lr lam.
    """
    opt = optimizers.get(name)
    if opt.quadratic is None:
        raise ValueError(f"no closed-form rate for {name!r}; choose one of: {', '.join(linear_rules())}")
    return opt.quadratic.rate(lr, mu, lam)
