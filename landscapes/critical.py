"""Critical points of a 2-D surface: where the gradient vanishes, found and classified.

Newton's method on the gradient (``w <- w - H^-1 g``) converges to any nondegenerate critical point
nearby, minimum, maximum or saddle alike, which plain descent never reaches. It runs from every point
of a grid of seeds over the view at once (``vmap``), compiled once per surface family. Steps are
damped to at most half a grid cell, so a seed settles on a critical point near it instead of jumping
across the view, and the inverse is taken through the eigen-decomposition, ignoring directions of
(near-)zero curvature, so a singular Hessian (the monkey saddle's origin, a flat plateau) gives a
finite step instead of NaN. Converged seeds are deduplicated and classified by the signs of the
Hessian eigenvalues there.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from .compiled import family_jit

KINDS = ("minimum", "maximum", "saddle", "degenerate")
MAX_SEEDS = 128  # per axis
DEGENERATE_CLUSTER = 1e-3  # degenerate points closer than this (of the view's span) are one point


class CriticalPoint(NamedTuple):
    """One critical point of a surface."""

    xy: tuple[float, float]  # position
    value: float  # f there
    kind: str  # "minimum", "maximum", "saddle" or "degenerate" (an eigenvalue ~ 0)
    eigenvalues: tuple[float, float]  # of the Hessian, ascending
    eigenvectors: np.ndarray  # (2, 2); column k is the unit eigenvector of eigenvalues[k]


@family_jit(static_argnames=("family", "iters"))
def _newton(family, params, seeds, max_step, iters):
    """Damped Newton iterations on the gradient from each seed (N, 2).

    Returns (points, last step length, gradient norm, value, Hessian eigenvalues, eigenvectors, and
    at the seeds: gradient norm and largest absolute Hessian eigenvalue, the surface's scales).
    """
    f = lambda w: family(w, params)
    grad, hess = jax.grad(f), jax.hessian(f)

    def newton_step(w):
        g, h = grad(w), hess(w)
        h = 0.5 * (h + h.T)
        lam, vec = jnp.linalg.eigh(h)
        cut = 1e-10 * jnp.max(jnp.abs(lam))
        inv = jnp.where(jnp.abs(lam) > cut, 1.0 / jnp.where(lam == 0, 1.0, lam), 0.0)
        d = vec @ (inv * (vec.T @ g))  # pseudo-inverse: finite even for a singular Hessian
        n = jnp.linalg.norm(d)
        d = d * jnp.minimum(1.0, max_step / jnp.where(n > 0, n, 1.0))
        ok = jnp.all(jnp.isfinite(d))
        return jnp.where(ok, d, jnp.zeros_like(d)), ok

    def body(carry, _):
        w, _, alive = carry
        d, ok = newton_step(w)
        return (w - d, jnp.where(ok & alive, jnp.linalg.norm(d), jnp.inf), alive & ok), None

    def run(w0):
        init = (w0, jnp.asarray(jnp.inf, w0.dtype), jnp.asarray(True))
        (w, last, _), _ = jax.lax.scan(body, init, None, length=iters)
        h = hess(w)
        lam, vec = jnp.linalg.eigh(0.5 * (h + h.T))
        h_seed = jnp.max(jnp.abs(jnp.linalg.eigvalsh(hess(w0))))
        return w, last, jnp.linalg.norm(grad(w)), f(w), lam, vec, jnp.linalg.norm(grad(w0)), h_seed

    return jax.vmap(run)(seeds)


def critical_points(landscape, n_seeds: int = 24, iters: int = 80, bounds=None) -> tuple[CriticalPoint, ...]:
    """Find and classify the critical points of ``landscape`` inside its view.

    Always computed in float64 (x64 is switched on for this call only): whether an eigenvalue is
    zero, and so the kind of a point, is not decidable in float32 on ill-conditioned surfaces.

    Args:
        landscape: a ``Landscape``.
        n_seeds: seeds per axis (n_seeds^2 in all), 2 to 128. Critical points closer together than
            about a grid cell may be missed; raise it for busy surfaces (Rastrigin, Ackley).
        iters: Newton iterations per seed (10 to 500).
        bounds: ``((x_min, x_max), (y_min, y_max))``; the landscape's view if None.

    Returns:
        Tuple of :class:`CriticalPoint`, sorted by value (lowest first), one per point (degenerate
        points within :data:`DEGENERATE_CLUSTER` of the span of each other count once). A point is
        "degenerate" when an eigenvalue is zero to within 1e-9 of the larger one there or of the
        Hessian's typical size over the view; otherwise minimum (both > 0), maximum (both < 0) or
        saddle. Empty for a constant surface (every point critical).

    Raises:
        ValueError: n_seeds or iters out of range, or empty bounds.
    """
    if not isinstance(n_seeds, (int, np.integer)) or not 2 <= n_seeds <= MAX_SEEDS:
        raise ValueError(f"n_seeds = {n_seeds!r} must be an integer in [2, {MAX_SEEDS}]")
    if not isinstance(iters, (int, np.integer)) or not 10 <= iters <= 500:
        raise ValueError(f"iters = {iters!r} must be an integer in [10, 500]")
    (x0, x1), (y0, y1) = bounds if bounds is not None else landscape.bounds
    if not (x1 > x0 and y1 > y0):
        raise ValueError(f"empty bounds {((x0, x1), (y0, y1))!r}")
    with jax.enable_x64(True):
        view = (float(x0), float(x1), float(y0), float(y1))
        return _critical_points(landscape, int(n_seeds), int(iters), *view)


def _critical_points(landscape, n_seeds, iters, x0, x1, y0, y1) -> tuple[CriticalPoint, ...]:
    eps = float(np.finfo(np.float64).eps)
    # seeds at cell centres, so that none sits exactly on a symmetry line or a view edge
    cx = x0 + (np.arange(n_seeds) + 0.5) * (x1 - x0) / n_seeds
    cy = y0 + (np.arange(n_seeds) + 0.5) * (y1 - y0) / n_seeds
    seeds = np.stack(np.meshgrid(cx, cy), axis=-1).reshape(-1, 2)
    cell = max(x1 - x0, y1 - y0) / n_seeds
    params = jnp.asarray(landscape.params, jnp.float64)
    out = _newton(landscape.fn_p, params, jnp.asarray(seeds, jnp.float64), 0.5 * cell, iters)
    w, last, gnorm, val, lam, vec, g_seed, h_seed = (np.asarray(a) for a in out)

    # the surface's own scales over the view (typical gradient and curvature at the seeds)
    g_scale = float(np.nanmedian(np.where(np.isfinite(g_seed), g_seed, np.nan)))
    h_scale = float(np.nanmedian(np.where(np.isfinite(h_seed), h_seed, np.nan)))
    if not (g_scale > 0 or h_scale > 0):
        return ()  # a constant surface: every point is critical, none is worth marking
    g_scale = g_scale if g_scale > 0 else 1.0
    h_scale = h_scale if h_scale > 0 else 1.0
    span = max(x1 - x0, y1 - y0)
    step_tol = 1e4 * eps * span  # Newton's last step: quadratic convergence ends at round-off
    grad_tol = 10 * eps**0.5 * g_scale  # rejects spots where only a zero-curvature direction is left
    eig_tol = 1e-9 * h_scale
    margin = 1e-9 * span
    ok = (
        np.isfinite(val)
        & np.all(np.isfinite(lam), axis=1)
        & (last <= step_tol)
        & (gnorm <= grad_tol)
        & (w[:, 0] >= x0 - margin)
        & (w[:, 0] <= x1 + margin)
        & (w[:, 1] >= y0 - margin)
        & (w[:, 1] <= y1 + margin)
    )

    def kind(l1: float, l2: float) -> str:
        if min(abs(l1), abs(l2)) <= max(eig_tol, 1e-9 * max(abs(l1), abs(l2))):
            return "degenerate"
        if l1 > 0:
            return "minimum"
        return "maximum" if l2 < 0 else "saddle"

    dedup = 1e-6 * span
    # Newton converges only linearly to a degenerate point (x^2 + y^4: y shrinks by 2/3 per step) and
    # stops where the flat direction's curvature falls under the pseudo-inverse's cut, a little off it
    # on each side: seeds from both sides leave a small cluster there, one point.
    cluster = DEGENERATE_CLUSTER * span
    flat = {int(i): kind(float(lam[i, 0]), float(lam[i, 1])) == "degenerate" for i in np.flatnonzero(ok)}
    kept: list[int] = []
    for i in np.flatnonzero(ok)[np.argsort(gnorm[ok], kind="stable")]:
        if all(np.hypot(*(w[i] - w[k])) > (cluster if flat[int(i)] and flat[k] else dedup) for k in kept):
            kept.append(int(i))

    points = [
        CriticalPoint(
            xy=(float(w[i, 0]), float(w[i, 1])),
            value=float(val[i]),
            kind=kind(float(lam[i, 0]), float(lam[i, 1])),
            eigenvalues=(float(lam[i, 0]), float(lam[i, 1])),
            eigenvectors=vec[i].astype(np.float64),
        )
        for i in kept
    ]
    return tuple(sorted(points, key=lambda p: (p.value, p.xy)))
