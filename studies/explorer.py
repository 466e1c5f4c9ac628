"""The Landscape explorer's studies: the critical points of a surface with a look past the Hessian where
it says nothing, the basins of attraction of one optimizer, and the time to escape a saddle.

* :func:`critical_view` finds and classifies every critical point in the view
  (:func:`landscapes.critical_points`: damped Newton from a grid of seeds, kinds from the signs of the
  Hessian eigenvalues) and, at each degenerate one, takes the third-order look (:func:`higher_order`):
  the cubic term of the Taylor series and the sign of f - f(p) around a small circle, which tell a
  monkey saddle (three ways down) from a flat minimum (none).
* :func:`basin_map` runs one optimizer from every pixel of a grid of starts in one vmapped call (the
  runner's many-starts mode) and labels each start by the minimum it ends at, or diverged / not
  arrived; :func:`basin_shares` gives the share of starts per label.
* :func:`escape_steps` measures the steps gradient descent needs to leave a ball around a saddle from a
  start a distance delta off it, beside the closed form for a quadratic saddle.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import landscapes
import optimizers
from landscapes.compiled import family_jit
from optimizers import runner

from . import endings
from .explorer_hd import RandomCritical, random_critical_points  # the high-dimension view's study

__all__ = [
    "BasinMap",
    "CriticalView",
    "DIVERGED",
    "Escape",
    "HigherOrder",
    "MAX_BASIN_SIDE",
    "MIN_BASIN_SIDE",
    "NOT_ARRIVED",
    "RandomCritical",
    "basin_map",
    "basin_shares",
    "critical_view",
    "escape_steps",
    "escape_theory",
    "higher_order",
    "random_critical_points",
]

DIVERGED = -1  # basin label of a run that left the finite numbers or the runner's range
NOT_ARRIVED = -2  # basin label of a run that stopped away from every minimum
MIN_BASIN_SIDE = 8
MAX_BASIN_SIDE = 512
CIRCLE = 720  # directions sampled around a degenerate point


# --------------------------------------------------------------------------------------------
# Critical points and the third-order look


class HigherOrder(NamedTuple):
    """What the Taylor terms past the Hessian say at a degenerate critical point ``xy``."""

    xy: tuple[float, float]
    cubic: tuple[
        float, float, float, float
    ]  # c such that f'''[u,u,u]/6 = c0 x^3 + c1 x^2 y + c2 x y^2 + c3 y^3
    cubic_sign_changes: int  # zeros of the cubic term around the circle (0, 2, 4 or 6)
    radius: float  # of the circle on which f - f(p) was sampled
    down_sectors: int  # arcs of that circle where f < f(p): the number of ways down
    verdict: str  # "minimum" (no way down), "maximum" (no way up), "saddle" (both), "flat"


def _sign_changes(v: np.ndarray) -> int:
    """Sign changes around a closed curve (zeros skipped)."""
    s = np.sign(v[v != 0])
    if len(s) < 2:
        return 0
    return int(np.sum(s != np.roll(s, 1)))


@family_jit(static_argnames=("family",))
def _third_order(family, params, p, u, r):
    """The third-derivative tensor (2, 2, 2) at ``p`` and f - f(p) at ``p + r u`` for each row of u."""
    f = lambda w: family(w, params)  # noqa: E731
    t = jax.jacfwd(jax.hessian(f))(p)
    ring = jax.vmap(f)(p[None, :] + r * u) - f(p)
    return t, ring


def higher_order(landscape: landscapes.Landscape, xy, radius: float | None = None) -> HigherOrder:
    """The third-order look at a point where the second-order test fails.

    The cubic term of the Taylor series, ``f'''(p)[u, u, u] / 6``, is a binary cubic; each sign change
    of it around the point is a direction where the surface turns from rising to falling. The monkey
    saddle's ``x^3 - 3xy^2`` changes sign six times: three valleys down and three ridges up. Where the
    cubic term vanishes too (``x^4 + y^4``), the sign of ``f - f(p)`` on a small circle decides.

    Args:
        landscape: the surface.
        xy: the point (2,).
        radius: of the sampled circle; 1 % of the view's span if None.

    Returns:
        :class:`HigherOrder`.
    """
    (x0, x1), (y0, y1) = landscape.bounds
    r = float(radius) if radius is not None else 0.01 * max(x1 - x0, y1 - y0)
    if not (r > 0 and math.isfinite(r)):
        raise ValueError(f"radius = {radius!r} must be a positive number")
    th = np.linspace(0.0, 2 * np.pi, CIRCLE, endpoint=False)
    u = np.stack([np.cos(th), np.sin(th)], axis=1)
    with jax.enable_x64(True):
        params = jnp.asarray(landscape.params, jnp.float64)
        out = _third_order(landscape.fn_p, params, jnp.asarray(xy, jnp.float64), jnp.asarray(u), r)
        t, ring = (np.asarray(a) for a in out)
    cubic = (t[0, 0, 0] / 6, t[0, 0, 1] / 2, t[0, 1, 1] / 2, t[1, 1, 1] / 6)
    c_vals = np.einsum("ijk,ni,nj,nk->n", t, u, u, u) / 6
    ring_scale = float(np.max(np.abs(ring)))
    # the cubic term counts only where it is a visible part of f - f(p) at radius r (x^4 + y^4 has
    # none: round-off leaves ~1e-15 there)
    if float(np.max(np.abs(c_vals))) * r**3 <= 1e-6 * ring_scale:
        c_vals = np.zeros_like(c_vals)
        cubic = (0.0, 0.0, 0.0, 0.0)
    tiny = 1e-12 * max(1.0, ring_scale)
    down = ring < -tiny
    up = ring > tiny
    if down.all():
        sectors = 1
    else:
        # arcs of consecutive "down" samples around the closed circle
        sectors = int(np.sum(down & ~np.roll(down, 1)))
    if not down.any() and not up.any():
        verdict = "flat"
    elif not down.any():
        verdict = "minimum"
    elif not up.any():
        verdict = "maximum"
    else:
        verdict = "saddle"
    return HigherOrder(
        xy=(float(xy[0]), float(xy[1])),
        cubic=tuple(float(c) for c in cubic),
        cubic_sign_changes=_sign_changes(c_vals),
        radius=r,
        down_sectors=sectors if down.any() else 0,
        verdict=verdict,
    )


class CriticalView(NamedTuple):
    """The critical points of a surface in its view, as arrays for figures and tables."""

    points: tuple[landscapes.CriticalPoint, ...]  # sorted by value
    xy: np.ndarray  # (K, 2)
    value: np.ndarray  # (K,)
    kind: tuple[str, ...]  # (K,) one of landscapes.critical.KINDS
    eigenvalues: np.ndarray  # (K, 2) ascending
    eigenvectors: np.ndarray  # (K, 2, 2); [k, :, j] is the unit eigenvector of eigenvalues[k, j]
    higher: tuple[HigherOrder | None, ...]  # (K,) the third-order look at degenerate points, else None

    def count(self, kind: str) -> int:
        return sum(k == kind for k in self.kind)


def critical_view(landscape: landscapes.Landscape, n_seeds: int = 24) -> CriticalView:
    """Every critical point in the view, classified, with the third-order look at degenerate ones.

    Args:
        landscape: the surface (analytic or a user's formula).
        n_seeds: Newton seeds per axis, 2 to 128 (see :func:`landscapes.critical_points`).

    Returns:
        :class:`CriticalView`.

    Raises:
        ValueError: n_seeds out of range.
    """
    pts = landscapes.critical_points(landscape, n_seeds=n_seeds)
    k = len(pts)
    return CriticalView(
        points=pts,
        xy=np.array([p.xy for p in pts], np.float64).reshape(k, 2),
        value=np.array([p.value for p in pts], np.float64),
        kind=tuple(p.kind for p in pts),
        eigenvalues=np.array([p.eigenvalues for p in pts], np.float64).reshape(k, 2),
        eigenvectors=np.array([p.eigenvectors for p in pts], np.float64).reshape(k, 2, 2),
        higher=tuple(higher_order(landscape, p.xy) if p.kind == "degenerate" else None for p in pts),
    )


# --------------------------------------------------------------------------------------------
# Basins of attraction


class BasinMap(NamedTuple):
    """Which minimum each start of a grid ends at, for one optimizer and its hyperparameters."""

    xs: np.ndarray  # (n,) pixel centres along x
    ys: np.ndarray  # (n,) along y
    label: np.ndarray  # (n, n) int, [row = y, column = x]: index into minima, DIVERGED or NOT_ARRIVED
    minima: tuple[endings.Minimum, ...]  # lowest first
    final_w: np.ndarray  # (n, n, 2) where each run stopped (last finite point)
    optimizer: str
    hp: tuple[tuple[str, float], ...]  # the hyperparameters run (defaults filled in)
    steps: int

    def starts(self) -> np.ndarray:
        """(n * n, 2) the starts, row-major like ``label.ravel()``."""
        gx, gy = np.meshgrid(self.xs, self.ys)
        return np.stack([gx.ravel(), gy.ravel()], axis=1)


def _check_side(n) -> int:
    if (
        isinstance(n, bool)
        or not isinstance(n, (int, np.integer))
        or not MIN_BASIN_SIDE <= n <= MAX_BASIN_SIDE
    ):
        raise ValueError(
            f"n = {n!r} must be an integer in [{MIN_BASIN_SIDE}, {MAX_BASIN_SIDE}] (starts per axis)"
        )
    return int(n)


def basin_map(
    landscape: landscapes.Landscape,
    optimizer: str,
    hp: dict[str, float] | None = None,
    *,
    n: int = 128,
    steps: int = 500,
    minima: tuple[endings.Minimum, ...] | None = None,
    bounds=None,
) -> BasinMap:
    """Run ``optimizer`` from the centre of every cell of an ``n`` x ``n`` grid over the view, all in one
    vmapped call, and label each start by where it ended.

    A run ended at a minimum when its last point is within ``endings.NEAR`` of the view's span of it
    (the nearest one); it "diverged" when the runner flagged it (non-finite or out of range); else it
    did "not arrive" (still on its way, or stuck at a saddle or on a plateau).

    Args:
        landscape: the surface.
        optimizer: a registered optimizer name.
        hp: its hyperparameters (the registry's defaults fill the rest); scalars, shared by all starts.
        n: starts per axis, 8 to 512.
        steps: updates per run (the runner's limits apply to n * n * steps).
        minima: the surface's minima; found with :func:`studies.endings.minima` if None.
        bounds: the region of starts; the landscape's view if None.

    Returns:
        :class:`BasinMap`.

    Raises:
        ValueError: unknown optimizer, bad hyperparameters, n out of range, empty bounds;
            optimizers.LimitError (a ValueError) past the runner's limits.
    """
    n = _check_side(n)
    opt = optimizers.get(optimizer)
    hp_full = {k: float(v) for k, v in {**opt.defaults, **(hp or {})}.items()}
    (x0, x1), (y0, y1) = bounds if bounds is not None else landscape.bounds
    if not (x1 > x0 and y1 > y0):
        raise ValueError(f"empty bounds {((x0, x1), (y0, y1))!r}")
    runner.check_limits(n * n, steps, "final")
    if minima is None:
        minima = endings.minima(landscape)
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
    gx, gy = np.meshgrid(xs, ys)
    starts = np.stack([gx.ravel(), gy.ravel()], axis=1)
    res = optimizers.run_batch(landscape, optimizer, starts=starts, hp=hp_full, steps=steps)
    label = label_endings(res.final_w, res.diverged_at, minima, landscape)
    return BasinMap(
        xs=xs,
        ys=ys,
        label=label.reshape(n, n),
        minima=tuple(minima),
        final_w=np.asarray(res.final_w, np.float64).reshape(n, n, 2),
        optimizer=optimizer,
        hp=tuple(hp_full.items()),
        steps=int(steps),
    )


@jax.jit
def _labels(w, diverged_at, minima_xy, near2):
    """Index of the nearest of ``minima_xy`` (K, 2; padded with inf) to each point of ``w`` (R, 2);
    NOT_ARRIVED where it is farther than ``sqrt(near2)``; DIVERGED where the run diverged or its point
    is not finite. One fused float32 pass, the minima in order (the first of equals wins; an argmin
    over an (R, K) array cost 20x more)."""
    x, y = w[:, 0], w[:, 1]
    best = jnp.full(x.shape, jnp.inf, jnp.float32)
    out = jnp.full(x.shape, NOT_ARRIVED, jnp.int32)
    for k in range(minima_xy.shape[0]):
        d2 = jnp.square(x - minima_xy[k, 0]) + jnp.square(y - minima_xy[k, 1])
        closer = d2 < best  # NaN and the inf padding compare False
        best = jnp.where(closer, d2, best)
        out = jnp.where(closer, k, out)
    out = jnp.where(best <= near2, out, NOT_ARRIVED)
    bad = (diverged_at >= 0) | ~jnp.isfinite(x) | ~jnp.isfinite(y)
    return jnp.where(bad, DIVERGED, out)


def label_endings(final_w, diverged_at, minima, landscape) -> np.ndarray:
    """The basin label of each run: index of the minimum within NEAR of its last point, DIVERGED or
    NOT_ARRIVED (see :func:`basin_map`). Distances are float32 (the runs' own precision); the minima
    are padded to a multiple of 8 so that another surface reuses the compiled pass."""
    span = max(hi - lo for lo, hi in landscape.bounds)
    padded = np.full((max(1, -(-len(minima) // 8)) * 8, 2), np.inf, np.float32)  # no minima: all inf
    for k, mm in enumerate(minima):
        padded[k] = mm.xy
    near2 = np.float32((endings.NEAR * span) ** 2)
    return np.array(_labels(np.asarray(final_w, np.float32), np.asarray(diverged_at), padded, near2))


def basin_shares(b: BasinMap) -> np.ndarray:
    """Share of the starts per label: one entry per minimum (in ``b.minima``'s order), then diverged,
    then not arrived. Sums to 1."""
    lab = b.label.ravel()
    counts = [np.sum(lab == i) for i in range(len(b.minima))] + [
        np.sum(lab == DIVERGED),
        np.sum(lab == NOT_ARRIVED),
    ]
    return np.asarray(counts, np.float64) / lab.size


def global_share(b: BasinMap) -> float:
    """Share of the starts that end at a global minimum."""
    s = basin_shares(b)
    return float(sum(s[i] for i, m in enumerate(b.minima) if m.is_global))


# --------------------------------------------------------------------------------------------
# Escaping a saddle


class Escape(NamedTuple):
    """Steps to leave a ball around a saddle, measured and (for GD on a quadratic saddle) predicted."""

    deltas: np.ndarray  # (D,) distances of the start from the saddle
    steps: np.ndarray  # (D,) int: first step whose iterate is farther than radius; -1 if never
    theory: np.ndarray  # (D,) log(radius/delta) / log(1 + lr |lambda_min|) (NaN when not a saddle)
    radius: float
    lam_min: float  # the most negative Hessian eigenvalue at the saddle
    direction: np.ndarray  # (2,) the unit vector the starts are displaced along


def escape_theory(deltas, radius: float, lr: float, lam_min: float) -> np.ndarray:
    """Steps gradient descent needs to leave a ball of ``radius`` on a quadratic saddle from ``delta``
    off it along the unstable direction: the offset grows by (1 + lr |lambda_min|) per step, so it
    leaves after log(radius / delta) / log(1 + lr |lambda_min|) steps (the next integer).

    Returns:
        (D,) the real-valued estimate; NaN where ``lam_min`` >= 0 (no way down: no escape).
    """
    d = np.asarray(deltas, np.float64)
    if not lam_min < 0:
        return np.full(d.shape, np.nan)
    return np.log(radius / d) / np.log1p(lr * abs(lam_min))


def escape_steps(
    landscape: landscapes.Landscape,
    saddle,
    deltas,
    *,
    optimizer: str = "sgd",
    hp: dict[str, float] | None = None,
    radius: float | None = None,
    steps: int = 2000,
    angle: float = 0.0,
) -> Escape:
    """Start ``optimizer`` at ``saddle + delta * u`` for each delta and count the steps until the iterate
    is farther than ``radius`` from the saddle, all deltas in one vmapped call.

    ``u`` is the Hessian's unstable eigenvector (most negative eigenvalue) turned by ``angle`` radians:
    0 starts exactly on the way down, where the closed form is exact for GD on a quadratic saddle.

    Args:
        landscape: the surface.
        saddle: (2,) the saddle point.
        deltas: (D,) positive distances (down to 1e-8 and below: the runs are in float64).
        optimizer, hp: the rule and its hyperparameters.
        radius: of the ball; 10 % of the view's span if None.
        steps: at most this many updates.
        angle: turn of the start direction away from the unstable eigenvector, radians.

    Returns:
        :class:`Escape`.
    """
    d = np.atleast_1d(np.asarray(deltas, np.float64))
    if d.ndim != 1 or not np.all(np.isfinite(d)) or np.any(d <= 0):
        raise ValueError("deltas must be positive finite numbers")
    (x0, x1), (y0, y1) = landscape.bounds
    r = 0.1 * max(x1 - x0, y1 - y0) if radius is None else float(radius)
    if not (r > 0 and math.isfinite(r)):
        raise ValueError(f"radius = {radius!r} must be a positive number")
    if np.any(d >= r):
        raise ValueError(f"every delta must be smaller than the radius {r:g}")
    p = np.asarray(saddle, np.float64)
    with jax.enable_x64(True):  # offsets down to 1e-8 of a saddle away from the origin need float64
        lam, vec = landscapes.hessian_eigs(landscape, p[None])
    lam, vec = np.asarray(lam[0], np.float64), np.asarray(vec[0], np.float64)
    u0 = vec[:, 0]
    c, s = math.cos(angle), math.sin(angle)
    u = np.array([c * u0[0] - s * u0[1], s * u0[0] + c * u0[1]])
    opt = optimizers.get(optimizer)
    hp_full = {k: float(v) for k, v in {**opt.defaults, **(hp or {})}.items()}
    starts = p[None] + d[:, None] * u[None]
    with jax.enable_x64(True):
        res = optimizers.run_batch(
            landscape, optimizer, starts=starts, hp=hp_full, steps=steps, record="path", dtype=jnp.float64
        )
    dist = np.linalg.norm(np.asarray(res.path, np.float64) - p[None, None], axis=2)
    out = dist > r
    first = np.where(out.any(axis=1), np.argmax(out, axis=1), -1)
    return Escape(
        deltas=d,
        steps=first.astype(np.int64),
        theory=escape_theory(d, r, hp_full.get("lr", np.nan), float(lam[0])),
        radius=r,
        lam_min=float(lam[0]),
        direction=u,
    )


ESCAPE_RULES = ("gd", "momentum", "nag", "sgd", "adam")  # the rules of an escape race, in order


class EscapeRace(NamedTuple):
    """Several optimizers started the same distance off a saddle: their paths and escape steps."""

    names: tuple[str, ...]  # ESCAPE_RULES: "gd", "momentum", "nag", "sgd" (noisy mini-batch), "adam"
    path: np.ndarray  # (R, T + 1, 2) every iterate (float64)
    steps: np.ndarray  # (R,) first step farther than radius from the saddle; -1 if never
    start: np.ndarray  # (2,) saddle + delta * unstable eigenvector
    saddle: np.ndarray  # (2,)
    radius: float
    lam_min: float
    theory_gd: float  # log(radius / delta) / log(1 + lr |lam_min|)
    theory_momentum: float  # log(radius / delta) / log(rho), rho the heavy ball's growth factor


def momentum_growth(lr: float, mu: float, lam_min: float) -> float:
    """Growth factor per step of heavy-ball momentum (v <- mu v + g, w <- w - lr v) along a direction of
    curvature lam_min < 0: the larger root of z^2 - (1 + mu + lr |lam|) z + mu = 0 (> 1 + lr |lam|)."""
    b = 1.0 + mu + lr * abs(lam_min)
    return 0.5 * (b + math.sqrt(b * b - 4.0 * mu))


def escape_race(
    landscape: landscapes.Landscape,
    saddle,
    delta: float,
    *,
    lr: float = 0.01,
    mu: float = 0.9,
    noise: float = 1.0,
    batch_size: int = 16,
    seed: int = 0,
    radius: float | None = None,
    steps: int = 2000,
) -> EscapeRace:
    """GD, momentum, NAG, noisy mini-batch SGD and Adam, all at learning rate ``lr``, started ``delta`` off
    the saddle along its downhill eigenvector (float64, one compiled call per rule).

    Args:
        landscape: the surface.
        saddle: (2,) the saddle.
        delta: distance of the start from the saddle, in (0, radius).
        lr: every rule's learning rate; mu: momentum and NAG's momentum.
        noise, batch_size, seed: the noisy SGD run's per-sample gradient noise, batch size and seed.
        radius: of the ball; 10 % of the view's span if None.
        steps: updates per run.

    Returns:
        :class:`EscapeRace`.
    """
    d = float(delta)
    (x0, x1), (y0, y1) = landscape.bounds
    r = 0.1 * max(x1 - x0, y1 - y0) if radius is None else float(radius)
    if not (r > 0 and math.isfinite(r)):
        raise ValueError(f"radius = {radius!r} must be a positive number")
    if not (0 < d < r):
        raise ValueError(f"delta = {delta!r} must be in (0, {r:g}) (inside the ball)")
    p = np.asarray(saddle, np.float64)
    with jax.enable_x64(True):
        lam, vec = landscapes.hessian_eigs(landscape, p[None])
        lam0, u = float(lam[0, 0]), np.asarray(vec[0, :, 0], np.float64)
        start = p + d * u
        runs = [
            ("sgd", {"lr": lr}),
            ("momentum", {"lr": lr, "momentum": mu}),
            ("nag", {"lr": lr, "momentum": mu}),
            ("sgd", {"lr": lr}, {"batch_size": int(batch_size), "noise": float(noise), "seed": int(seed)}),
            ("adam", {"lr": lr}),
        ]
        res = optimizers.simulate(
            landscape, runs, start=tuple(start), steps=steps, record="path", dtype=jnp.float64
        )
    path = np.asarray(res.path, np.float64)
    out = np.linalg.norm(path - p[None, None], axis=2) > r
    first = np.where(out.any(axis=1), np.argmax(out, axis=1), -1)
    if lam0 < 0:
        t_gd = math.log(r / d) / math.log1p(lr * abs(lam0))
        t_mom = math.log(r / d) / math.log(momentum_growth(lr, mu, lam0))
    else:
        t_gd = t_mom = float("nan")
    return EscapeRace(ESCAPE_RULES, path, first.astype(np.int64), start, p, r, lam0, t_gd, t_mom)
