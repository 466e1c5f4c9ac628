"""Weight decay on a 2-D surface: f(w) + lambda/2 ||w||^2, as a Landscape with lambda traced.

The penalty adds lambda to every Hessian eigenvalue at every point (its Hessian is lambda I) and
moves the minimum towards the origin. On a quadratic f = 1/2 (w - w*)' H (w - w*) the new minimum is
(H + lambda I)^-1 H w*: in H's eigenbasis each coordinate of w* shrinks by h_i / (h_i + lambda), the
flat directions most (Goodfellow et al., Deep Learning, section 7.1.1).
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from .base import Landscape
from .compiled import family_jit

MAX_LAMBDA = 100.0


class Penalised(NamedTuple):
    """The family ``(xy, p) -> base(xy, p[1:]) + p[0] / 2 * ||xy||^2``.

    A NamedTuple, so two penalised families of the same base compare equal and share their compiled
    programs (a static argument is keyed by value); lambda is ``p[0]``, a traced parameter.
    """

    base: Any  # the base surface's family fn_p

    def __call__(self, xy, p):
        return self.base(xy, p[1:]) + 0.5 * p[0] * jnp.vdot(xy, xy)


def penalised(surface: Landscape, lam: float) -> Landscape:
    """``surface`` plus lambda/2 ||w||^2.

    Args:
        surface: any Landscape (its parameters are kept, after lambda).
        lam: the penalty strength in [0, MAX_LAMBDA].

    Returns:
        A Landscape whose ``params`` start with lambda (adjustable as "weight_decay"); its known
        minima are left empty (they move: find them with ``landscapes.critical_points``).

    Raises:
        ValueError: lambda out of range.
    """
    if not 0.0 <= float(lam) <= MAX_LAMBDA:
        raise ValueError(f"weight decay lambda = {lam!r} is outside [0, {MAX_LAMBDA:g}]")
    return dataclasses.replace(
        surface,
        name=f"{surface.name}+l2",
        title=f"{surface.title} + λ/2‖w‖²",
        fn_p=Penalised(surface.fn_p),
        params=(float(lam),) + tuple(surface.params),
        param_spec=(("weight_decay", 0.0, MAX_LAMBDA),) + tuple(surface.param_spec),
        minima=(),
        min_value=None,
        latex=surface.latex + r" + \tfrac{\lambda}{2}\lVert w\rVert^2",
    )


@family_jit(static_argnames=("family", "iters"))
def _follow(family, params, start, lams, iters):
    """Newton's method on the penalised gradient, continued along ``lams`` from ``start``."""

    def at(w, lam):
        p = jnp.concatenate([lam[None], params])
        f = lambda v: family(v, p)
        g, h = jax.grad(f), jax.hessian(f)

        def body(_, v):
            hv = h(v)
            step = jnp.linalg.solve(0.5 * (hv + hv.T), g(v))
            ok = jnp.all(jnp.isfinite(step))
            return v - jnp.where(ok, step, 0.0)

        w = jax.lax.fori_loop(0, iters, body, w)
        return w, w

    _, path = jax.lax.scan(at, start, lams)
    return path


def minimum_path(surface: Landscape, start, lams, iters: int = 30) -> np.ndarray:
    """Where the minimum of ``surface`` + lambda/2 ||w||^2 goes as lambda grows.

    Starting from a minimum of ``surface`` (lambda = 0), each lambda of ``lams`` (ascending) starts
    Newton's method from the previous minimum: the path follows one minimum continuously.

    Args:
        surface: the unpenalised surface.
        start: (2,) a minimum of ``surface``.
        lams: (L,) ascending strengths, each in [0, MAX_LAMBDA].
        iters: Newton iterations per lambda.

    Returns:
        (L, 2) float64 minimisers (NaN where Newton's method failed).
    """
    lams = np.asarray(lams, np.float64)
    if lams.ndim != 1 or np.any(np.diff(lams) < 0) or lams.min() < 0 or lams.max() > MAX_LAMBDA:
        raise ValueError(f"lams must be ascending values in [0, {MAX_LAMBDA:g}]")
    with jax.enable_x64(True):
        path = _follow(
            Penalised(surface.fn_p),
            jnp.asarray(surface.params, jnp.float64),
            jnp.asarray(start, jnp.float64),
            jnp.asarray(lams),
            iters,
        )
        return np.asarray(path)
