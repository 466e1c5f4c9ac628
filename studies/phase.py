"""Measured convergence rates and (learning rate, momentum) phase maps, with the quadratic theory.

Definitions.
* The measured per-step contraction of a run is ``rho = exp(slope)`` of a least-squares line through
  ``log e_k - poly * log k`` over the tail of the run, where ``e_k`` is the upper envelope (running
  maximum from the end) of the distances ``|w_{k+1} - w*|`` to the nearest known minimiser (unless
  the run settled away from every known one), or, where there is none, of the step lengths
  ``|w_{k+1} - w_k|`` (these shrink at the same asymptotic rate but weigh stiff directions by
  their curvature, so short runs show the fast mode longer). The envelope removes the dips of
  oscillating (complex-root) runs. ``poly = 1`` removes the ``k rho^k`` factor of a critically
  damped run. The tail is the second half of the steps before the envelope falls under float32
  resolution.
* A run that left the finite / in-view region (``diverged_at >= 0``) has no rate (NaN).
* What a phase map shows: on a convex quadratic, for a rule with a closed form (gradient descent,
  heavy ball, NAG), the exact per-step contraction, the spectral radius of the rule's update map at
  the larger of the two curvatures' (``PhaseMap.source == "theory"``); elsewhere (other surfaces,
  the adaptive rules) the measured rate below (``"measured"``).
* A phase map keeps only every ``path_stride(steps)``-th iterate of its runs (every 10th for 200
  steps: 20 samples) and fits the same line over those samples, with k counted in steps. On the
  (1, 100) quadratic's 128 x 128 heavy-ball map (lr 1e-4 .. 0.1, momentum 0 .. 0.99, 200 steps)
  the fitted rates of cells whose closed-form rate is < 0.97 differ from it by a median 6e-6 and
  a 90th percentile 0.006 (every iterate kept: 7e-6 and 0.004); the stability edge lands on the
  same cell in every row either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import optimizers
from optimizers import quadratic
from optimizers.runner import check_limits

from . import _runs, curvature

MAX_SIDE = 256  # cells per axis of a phase map
REL_FLOOR = 1e-5  # the envelope is usable down to this fraction of its start ...
ABS_FLOOR = 8 * float(np.finfo(np.float32).eps)  # ... and above float32 spacing at the iterate
MIN_SAMPLES = 20  # iterates a phase map keeps per run for its rate fit (at least)


@partial(jax.jit, static_argnames=("poly",))
def _rate(path, minima, near, poly, stride):
    # Time-major (steps, runs) throughout: every operation is over contiguous rows of runs, and the
    # sums over steps accumulate rows. With the envelope loop and the closed-form sums below, the fit
    # of 16,384 runs x 40 samples takes ~4 ms instead of ~9 ms (runs-major, associative_scan; 2 cores).
    finite = jnp.all(jnp.isfinite(path), axis=(1, 2))
    p = jnp.transpose(jnp.where(finite[:, None, None], path, 0.0), (1, 2, 0))  # (T+1, 2, R)
    x, y = p[:, 0], p[:, 1]
    step = jnp.sqrt(jnp.diff(x, axis=0) ** 2 + jnp.diff(y, axis=0) ** 2)  # (T, R)
    if minima.shape[0]:  # the nearest known minimiser to the last iterate (static: how many)
        d = jnp.sqrt((x[-1][:, None] - minima[None, :, 0]) ** 2 + (y[-1][:, None] - minima[None, :, 1]) ** 2)
        target = minima[jnp.argmin(d, axis=1)]  # (R, 2)
        close = jnp.min(d, axis=1) <= near
        # Still moving (not settled at some other stationary point): its distance is meaningful too.
        moving = step[-1] > 1e-3 * step[0]
        dist = jnp.sqrt((x[1:] - target[None, :, 0]) ** 2 + (y[1:] - target[None, :, 1]) ** 2)  # (T, R)
        sig = jnp.where((close | moving)[None, :], dist, step)
    else:
        sig = step
    # Upper envelope (running max from the end) and the usable prefix length n_use (the first sample
    # whose envelope is under the floor) in one loop over rows from the end. XLA's cummax on CPU is a
    # windowed reduction, O(T^2) per run, and an associative_scan is all fusible slices, which XLA
    # may recompute inside each consumer; the loop computes each row once.
    n_t = sig.shape[0]
    top0 = jnp.max(sig, axis=0)  # the envelope's first value
    scale = 1.0 + jnp.maximum(jnp.abs(x[1:]), jnp.abs(y[1:]))  # (T, R)
    floor = jnp.maximum(REL_FLOOR * top0[None, :], ABS_FLOOR * scale)

    def from_end(carry, row):
        top, n_use = carry
        sig_j, floor_j, j = row
        top = jnp.maximum(top, sig_j)
        return (top, jnp.where(top <= floor_j, j, n_use)), top

    init = (jnp.full_like(top0, -jnp.inf), jnp.full(top0.shape, n_t, jnp.int32))
    (_, n_use), env = jax.lax.scan(
        from_end, init, (sig, floor, jnp.arange(n_t, dtype=jnp.int32)), reverse=True
    )
    # Least squares over the window [first, n_use) of samples, contiguous per run: the centred sums
    # of the sample index have a closed form, so one masked pass over the envelope remains.
    j_int = jnp.arange(step.shape[0], dtype=jnp.int32)[:, None]  # sample index
    j = j_int.astype(path.dtype)
    k = (j + 1) * stride  # in steps: sample j + 1 is the iterate after (j + 1) * stride steps
    first = jnp.maximum(n_use // 2, 1)
    n_win = jnp.maximum(n_use - first, 0)
    win = (j_int >= first[None, :]) & (j_int < n_use[None, :])
    jbar = (first + n_use - 1).astype(path.dtype) / 2
    yv = jnp.log(jnp.where(win, env, 1.0)) - poly * jnp.log(jnp.maximum(k, 1.0))
    sxy = jnp.where(win, (j - jbar[None, :]) * yv, 0.0).sum(axis=0)
    nf = n_win.astype(path.dtype)
    sxx = nf * (nf * nf - 1) / 12  # sum of (j - jbar)^2 over n consecutive integers
    rate = jnp.exp(sxy / jnp.where(sxx > 0, sxx, 1.0) / stride)  # per step
    # Too few usable steps for a line: the average contraction over what there is.
    last = jnp.take_along_axis(env, jnp.maximum(n_use - 1, 0)[None, :], axis=0)[0]
    span = jnp.maximum(n_use - 1, 1).astype(path.dtype) * stride
    avg = jnp.where(n_use > 1, (last / jnp.maximum(top0, 1e-30)) ** (1.0 / span), 0.0)
    rate = jnp.where(n_win < 3, avg, rate)
    rate = jnp.where(top0 > floor[0], rate, 0.0)
    return jnp.where(finite, rate, jnp.nan)


def measured_rate(
    path: np.ndarray, poly: int = 0, minima=None, near: float = 0.05, stride: int = 1
) -> np.ndarray:
    """Per-step contraction fitted over the tail of each run (see the module docstring).

    Args:
        path: (R, T+1, 2) iterates (NaN after divergence).
        poly: power of k divided out before fitting (0: plain rho^k; 1: critically damped k rho^k).
        minima: known minimisers (M, 2); a run whose last iterate lies within ``near`` of one, or
            that is still moving (last step > 1e-3 x first step), is measured by its distance to
            the nearest; the others (settled elsewhere) by their step lengths.
        near: that radius.
        stride: steps between consecutive iterates of ``path`` (a path kept every ``stride``-th
            step, as ``optimizers.run_batch(..., every=stride)`` returns it); the rate is per step.

    Returns:
        (R,) rate; NaN for runs with a non-finite iterate; 0 for runs that stop moving at once.
    """
    path = np.asarray(path)
    if path.ndim != 3 or path.shape[-1] != 2 or path.shape[1] < 3:
        raise ValueError(f"path must have shape (runs, steps + 1 >= 3, 2), got {path.shape}")
    if poly not in (0, 1, 2):
        raise ValueError(f"poly = {poly!r} must be 0, 1 or 2")
    if not isinstance(stride, (int, np.integer)) or stride < 1:
        raise ValueError(f"stride = {stride!r} must be a positive integer")
    dtype = np.float64 if path.dtype == np.float64 and jax.config.jax_enable_x64 else np.float32
    m = np.asarray(minima if minima is not None else (), dtype).reshape(-1, 2)
    near_, stride_ = np.asarray(near, dtype), np.asarray(stride, dtype)
    rate = _rate(path.astype(dtype, copy=False), m, near_, int(poly), stride_)
    return np.asarray(rate, np.float64)


def path_stride(steps: int) -> int:
    """Steps between the iterates a phase map keeps for its rate fit: the largest of 10, 5, 2, 1
    that divides ``steps`` and still leaves at least MIN_SAMPLES iterates."""
    for s in (10, 5, 2):
        if steps % s == 0 and steps // s >= MIN_SAMPLES:
            return s
    return 1


def check_phase_size(n_lr: int, n_second: int, steps: int) -> None:
    """Raise what :func:`phase_map` would raise for a map of this size, at once and without running it.

    Args:
        n_lr, n_second: cells per axis.
        steps: updates per run.

    Raises:
        ValueError: a side outside [2, MAX_SIDE]; ``optimizers.LimitError`` (a ValueError): steps not
        a positive integer, or the runs, steps or kept iterates (every ``path_stride(steps)``-th)
        past the runner's limits.
    """
    for n, what in ((n_lr, "n_lr"), (n_second, "n_second")):
        if not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_SIDE:
            raise ValueError(f"{what} = {n!r} must be an integer in [2, {MAX_SIDE}]")
    if not isinstance(steps, (int, np.integer)) or steps < 1:
        raise optimizers.LimitError(f"steps must be a positive integer, got {steps!r}")
    check_limits(int(n_lr) * int(n_second), int(steps), "path", every=path_stride(int(steps)))


class QuadTheory(NamedTuple):
    """Closed-form facts of a quadratic with Hessian eigenvalues l_min <= l_max."""

    l_min: float
    l_max: float
    kappa: float
    gd_edge: float  # GD diverges for lr > 2 / l_max
    gd_lr: float  # optimal GD rate 2 / (l_min + l_max) ...
    gd_rate: float  # ... contracting at (kappa - 1) / (kappa + 1)
    hb_lr: float  # optimal heavy ball: (2 / (sqrt(l_min) + sqrt(l_max)))^2
    hb_mu: float  # ((sqrt(l_max) - sqrt(l_min)) / (sqrt(l_max) + sqrt(l_min)))^2
    hb_rate: float  # (sqrt(kappa) - 1) / (sqrt(kappa) + 1)


def phase_optimizers() -> list[str]:
    """The registered rules a phase map can vary (those that declare a ``phase_axis``)."""
    return [n for n in optimizers.names() if optimizers.get(n).phase_axis is not None]


def quadratic_theory(landscape, rtol: float = 1e-3) -> QuadTheory | None:
    """The closed-form theory if ``landscape`` is a convex quadratic (constant, positive-definite
    Hessian at the start, the view centre and the view corners), else None."""
    (x0, x1), (y0, y1) = landscape.bounds
    pts = np.array([landscape.start, ((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0), (x1, y1), (x0, y1), (x1, y0)])
    e = curvature.hessian_eigs(landscape, pts.astype(np.float32))[0].astype(np.float64)
    if not np.all(np.isfinite(e)) or np.max(np.abs(e - e[0])) > rtol * max(np.max(np.abs(e)), 1e-12):
        return None
    lo, hi = float(e[0, 0]), float(e[0, 1])
    if lo <= 0:
        return None
    gd, hb = quadratic.GD.optimum(lo, hi), quadratic.HEAVY_BALL.optimum(lo, hi)
    return QuadTheory(
        l_min=lo,
        l_max=hi,
        kappa=hi / lo,
        gd_edge=quadratic.GD.limit(0.0) / hi,
        gd_lr=gd.lr,
        gd_rate=gd.rate,
        hb_lr=hb.lr,
        hb_mu=hb.mu,
        hb_rate=hb.rate,
    )


def edge_lr(name: str, second: np.ndarray, l_max: float) -> np.ndarray | None:
    """The theoretical stability edge lr = c / l_max at each value of the rule's phase axis
    (``c`` its limit factor; None for rules without one)."""
    opt = optimizers.get(name)
    if opt.quadratic is None:
        return None
    axis = opt.phase_axis.name if opt.phase_axis is not None else None
    return np.array([opt.stability({axis: float(m)} if axis else {}) / l_max for m in np.ravel(second)])


class PhaseMap(NamedTuple):
    """A (learning rate, second hyperparameter) map. Grids are (len(second), len(lrs))."""

    optimizer: str
    axis: str  # the second hyperparameter
    lrs: np.ndarray  # (n,) log-spaced learning rates (x)
    second: np.ndarray  # (m,) values of ``axis`` (y)
    rate: np.ndarray  # (m, n) measured per-step contraction; NaN where diverged
    final_loss: np.ndarray  # (m, n)
    diverged_at: np.ndarray  # (m, n) first bad step or -1
    steps: int
    theory: QuadTheory | None  # for convex quadratics
    theory_rate: np.ndarray | None  # (m, n) closed-form contraction (quadratics, rules with a closed form)
    edge: np.ndarray | None  # (m,) theoretical stability edge in lr (quadratics, rules with a limit)
    optimum: optimizers.Optimum | None  # the fastest (lr, axis value) in theory (quadratics, heavy ball)
    shown: np.ndarray  # (m, n) the rate the page shows: theory_rate where there is one, else rate
    source: str  # "theory" (spectral radius of the update map) or "measured" (fitted on the runs)

    @property
    def converging(self) -> np.ndarray:
        """(m, n) True where the run neither diverged nor stopped contracting (by the shown rate)."""
        return (self.diverged_at < 0) & (self.shown < 1.0)


def phase_map(
    landscape,
    optimizer: str = "momentum",
    *,
    lr_range: tuple[float, float] = (1e-4, 1.0),
    second_range: tuple[float, float] | None = None,
    n_lr: int = 128,
    n_second: int = 128,
    start=None,
    steps: int = 200,
    hp: Mapping[str, float] | None = None,
) -> PhaseMap:
    """Run every (lr, second) pair of a grid in one compiled call and measure each run's rate.

    Args:
        landscape: the surface.
        optimizer: one of :func:`phase_optimizers`; the map varies the rule's ``phase_axis``
            (momentum for heavy ball and NAG, b1 for the Adam family, alpha for RMSprop).
        lr_range: (low, high) of the log-spaced learning rates.
        second_range: (low, high) of the linearly spaced second hyperparameter (the phase axis's
            own span if None).
        n_lr, n_second: cells per axis (2 .. 256).
        start: start point (the surface's own if None).
        steps: updates per run.
        hp: other hyperparameters of the optimizer (defaults otherwise).

    Returns:
        :class:`PhaseMap`.
    """
    if optimizer not in phase_optimizers():
        raise ValueError(f"No phase map for {optimizer!r}; choose one of: {', '.join(phase_optimizers())}")
    check_phase_size(n_lr, n_second, steps)
    opt = optimizers.get(optimizer)
    axis = opt.phase_axis.name
    lrs = _runs.log_range(*lr_range, n_lr)
    lo, hi = (opt.phase_axis.low, opt.phase_axis.high) if second_range is None else second_range
    lo, hi = float(lo), float(hi)
    if not lo <= hi:
        raise ValueError(f"{axis} range ({lo:g}, {hi:g}) must satisfy low <= high")
    _runs.check_range(opt, "lr", lrs[0], lrs[-1])
    _runs.check_range(opt, axis, lo, hi)
    second = np.linspace(lo, hi, n_second)
    ll, ss = np.meshgrid(lrs, second)
    grid = {"lr": ll.ravel(), axis: ss.ravel()}
    every = path_stride(steps)
    options = optimizers.RunOptions(start=start, steps=steps, record="path", every=every)
    res = _runs.batch(landscape, optimizer, hp, grid, options)
    shape = (n_second, n_lr)
    rate = measured_rate(res.path, minima=landscape.minima, stride=every).reshape(shape)
    div = res.diverged_at.reshape(shape)
    rate = np.where(div >= 0, np.nan, rate)
    theory = quadratic_theory(landscape)
    trate = edge = optimum = None
    if theory is not None and opt.quadratic is not None:
        cells = {**{k: v for k, v in (hp or {}).items() if k not in grid}, "lr": ll, axis: ss}
        trate = np.maximum(opt.linear_rate(cells, theory.l_min), opt.linear_rate(cells, theory.l_max))
        edge = edge_lr(optimizer, second, theory.l_max)
        if opt.quadratic.optimum is not None and axis == opt.momentum_param:
            optimum = opt.quadratic.optimum(theory.l_min, theory.l_max)
    # On a quadratic a rule with a closed form has an exact rate: the spectral radius of its update
    # map. A fit over 200 float32 steps of a near-critically damped run sees its envelope "beat" and
    # can report a rate faster than any setting can reach, so the exact one is shown there.
    shown, source = (np.where(div >= 0, np.nan, trate), "theory") if trate is not None else (rate, "measured")
    return PhaseMap(
        optimizer,
        axis,
        lrs,
        second,
        rate,
        res.final_loss.reshape(shape),
        div,
        int(steps),
        theory,
        trate,
        edge,
        optimum,
        shown,
        source,
    )
