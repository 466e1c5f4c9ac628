"""What an update rule does on a quadratic ``f(w) = w^T H w / 2``, for the rules whose step is a
fixed linear map there: plain gradient descent, heavy-ball momentum and NAG.

A rule declares one of :data:`GD`, :data:`HEAVY_BALL`, :data:`NESTEROV` as its ``quadratic`` (and which
of its hyperparameters is the momentum mu, ``momentum_param``); everything below is then known for
it: the stability limit, the closed-form contraction per step and, where there is one, the fastest
setting. Along one eigenvector of ``H`` with eigenvalue ``lam`` the iteration is linear in
``(w, v)``; with ``h = lr * lam`` its characteristic polynomial is

- gradient descent: ``z - (1 - h)``: stable while ``|1 - h| < 1``, i.e. ``h < 2``;
- heavy ball (torch form ``v' = mu v + g``, ``w' = w - lr v'``): ``z^2 - (1 + mu - h) z + mu``;
  Jury's conditions give ``h < 2 + 2 mu``;
- NAG (look-ahead form; in the variable ``p = w - lr mu v`` it is the usual Nesterov iteration):
  ``z^2 - (1 + mu)(1 - h) z + mu (1 - h)``. Jury's conditions, ``|mu (1 - h)| < 1`` and
  ``(1 + mu)(h - 1) < 1 - mu (h - 1)``, give ``h < 1 + 1 / (1 + 2 mu)``, the tighter of the two:
  ``h < (2 + 2 mu) / (1 + 2 mu)``.

At ``mu = 0`` all three are gradient descent (limit 2). The adaptive rules (Adagrad, Adadelta,
RMSprop, Adam, AdamW, NAdam) have no such number: their step is ``lr / (sqrt(accumulated g^2) +
eps)``, which depends on the gradient history, so the iteration is not a fixed linear map and its
stability is not a function of ``lam`` and the hyperparameters alone. SAM's ascent step moves by
``rho`` along the normalised gradient, which is not linear in ``w`` either. They declare none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np


class Optimum(NamedTuple):
    """The fastest constant setting of a rule on a quadratic with eigenvalues in [l_min, l_max]."""

    lr: float
    mu: float  # the momentum (0 for gradient descent)
    rate: float  # the per-step contraction it reaches


class OnQuadratic(NamedTuple):
    """The closed-form behaviour on a quadratic of one kind of linear update rule."""

    kind: str  # "gd", "heavy_ball" or "nag"; the pages' theory texts are keyed by it
    limit: Callable[[float], float]  # mu -> c: stable iff 0 < lr * lam < c for every eigenvalue lam
    rate: Callable[[Any, Any, Any], np.ndarray]  # (lr, mu, lam) -> per-step contraction (< 1: converges)
    optimum: Callable[[float, float], Optimum] | None  # (l_min, l_max) -> the fastest setting; None: unknown


def _largest_root(b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Largest root modulus of ``z^2 - b z + c`` (real b, c)."""
    disc = b * b - 4.0 * c
    sq = np.sqrt(np.abs(disc))
    real = np.maximum(np.abs(b + sq), np.abs(b - sq)) / 2.0
    return np.where(disc >= 0, real, np.sqrt(np.abs(c)))  # complex pair: |z|^2 = c


def _h_mu(lr, mu, lam) -> tuple[np.ndarray, np.ndarray]:
    h = np.asarray(lr, np.float64) * np.asarray(lam, np.float64)
    return np.broadcast_arrays(h, np.asarray(mu, np.float64))


def _gd_rate(lr, mu, lam) -> np.ndarray:
    h, _ = _h_mu(lr, mu, lam)  # mu is ignored: broadcast only, so every kind returns one shape
    return np.abs(1.0 - h)


def _heavy_ball_rate(lr, mu, lam) -> np.ndarray:
    h, mu = _h_mu(lr, mu, lam)
    return _largest_root(1.0 + mu - h, mu)


def _nag_rate(lr, mu, lam) -> np.ndarray:
    h, mu = _h_mu(lr, mu, lam)
    return _largest_root((1.0 + mu) * (1.0 - h), mu * (1.0 - h))


def _gd_optimum(l_min: float, l_max: float) -> Optimum:
    """lr = 2 / (l_min + l_max) balances the two extreme eigenvalues: rate (kappa - 1) / (kappa + 1)."""
    k = l_max / l_min
    return Optimum(lr=2.0 / (l_min + l_max), mu=0.0, rate=(k - 1.0) / (k + 1.0))


def _heavy_ball_optimum(l_min: float, l_max: float) -> Optimum:
    """Polyak's tuning: a double root at sqrt(mu) on both extreme eigenvalues."""
    lo, hi = np.sqrt(l_min), np.sqrt(l_max)
    rate = float((hi - lo) / (hi + lo))
    return Optimum(lr=float((2.0 / (lo + hi)) ** 2), mu=rate**2, rate=rate)


GD = OnQuadratic("gd", lambda mu: 2.0, _gd_rate, _gd_optimum)
HEAVY_BALL = OnQuadratic("heavy_ball", lambda mu: 2.0 + 2.0 * mu, _heavy_ball_rate, _heavy_ball_optimum)
NESTEROV = OnQuadratic("nag", lambda mu: (2.0 + 2.0 * mu) / (1.0 + 2.0 * mu), _nag_rate, None)
KINDS = (GD, HEAVY_BALL, NESTEROV)
