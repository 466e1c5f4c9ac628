"""Saddles dominate in high dimensions: the Landscape explorer's fourth view, as plain functions.

* :func:`random_critical_points` finds critical points of random smooth functions in n = 1..12
  dimensions by damped Newton from many seeds (all functions and seeds of one n in one vmapped,
  float64 call) and reports the share of minima among them, the index (fraction of negative Hessian
  eigenvalues) and the value at each. Two families: random Fourier-feature samples of a Gaussian
  process (``"cosines"``) and random quartics ``sum x_i^4 / 4 + x'Ax / 2 + b'x`` (``"quartic"``).
* :func:`goe_pd_exact` is the probability that an n x n matrix of the Gaussian orthogonal ensemble
  (GOE) is positive definite, exactly (de Bruijn's Pfaffian of the Vandermonde integral over the
  positive half-line, divided by Mehta's integral), and :func:`goe_pd_monte_carlo` the same share
  counted with ``numpy.linalg.eigvalsh`` on random matrices: the independent check. Dean & Majumdar
  (2006) show it falls like exp(-theta n^2) with theta = ln(3) / 4 (:data:`THETA`);
  :func:`effective_theta` reads theta off the exact values.
* :func:`mlp_critical_points` finds critical points of a small MLP's loss on a batch-lab data set
  by minimising the squared gradient norm from many starts at once (Adam on 1/2 |grad L|^2, whose
  gradient is the Hessian-vector product H grad L, taken with ``jax.jvp`` of the gradient), then
  polishing with Levenberg-Marquardt steps on the gradient; those with a tiny gradient are kept,
  with their loss and index (Dauphin et al. 2014, Fig. 1).
* :func:`run` does all of it for one :class:`HDConfig` (a page's job), reporting progress.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from landscapes import data as datasets
from landscapes import mlp

__all__ = [
    "FAMILIES",
    "HDConfig",
    "HDResult",
    "MAX_DIM",
    "MLPCritical",
    "RandomCritical",
    "THETA",
    "effective_theta",
    "estimate_seconds",
    "goe_pd_exact",
    "goe_pd_monte_carlo",
    "mlp_critical_points",
    "one_dim_share",
    "random_critical_points",
    "run",
    "validate",
]

FAMILIES = ("cosines", "quartic")
MAX_DIM = 12
THETA = math.log(3.0) / 4.0  # Dean & Majumdar (2006): P(GOE_n is positive definite) ~ exp(-THETA n^2)
GRAD_TOL = 1e-9  # a point is critical when its gradient norm is below this (float64 runs)
EIG_TOL = 1e-6  # |eigenvalue| below this counts as zero (such points are left out: degenerate)
NEWTON_STEPS = 60
QUARTIC_SCALE = 2.0  # the quartic family's A is this times a GOE matrix: more negative curvature
MLP_DATA = tuple(k for k in datasets.KINDS if datasets.n_classes(k) in (0, 2))  # one output unit
MLP_POINTS = 64  # training points of the MLP's loss
MLP_WEIGHT_DECAY = 1e-3  # makes its critical points isolated (no flat directions of dead units)
MLP_TRAIN_STEPS = 2000  # the longest stretch of training before a start (starts are spread over it)
MLP_TRAIN_LR = 0.5
MLP_ADAM_STEPS = 500
MLP_ADAM_LR = 1e-3
MLP_LM_STEPS = 100


# --------------------------------------------------------------------------------------------
# Random smooth functions


class RandomCritical(NamedTuple):
    """Critical points of random smooth functions in n dimensions, found by Newton's method."""

    family: str
    dims: np.ndarray  # (D,)
    minima_share: np.ndarray  # (D,) minima among the distinct critical points found, pooled over functions
    stderr: np.ndarray  # (D,) binomial standard error of that share
    counts: np.ndarray  # (D,) distinct critical points found
    index: tuple[np.ndarray, ...]  # per n: fraction of negative Hessian eigenvalues at each point
    value: tuple[np.ndarray, ...]  # per n: the function's value there


def _cosines(x, p):
    w, b = p
    return jnp.sqrt(2.0 / w.shape[0]) * jnp.sum(jnp.cos(w @ x + b))


def _quartic(x, p):
    a, b = p
    return 0.25 * jnp.sum(x**4) + 0.5 * x @ (a @ x) + b @ x


_FUNCS = {"cosines": _cosines, "quartic": _quartic}


@partial(jax.jit, static_argnames=("family",))
def _newton_nd(family: str, params, seeds):
    """Damped Newton on the gradient from every seed of every function.

    params: a pair of arrays with a leading function axis F; seeds (F, S, n). Returns the points, the
    gradient norms, the Hessian eigenvalues and the values, each with leading axes (F, S)."""
    fn = _FUNCS[family]

    def per_function(p, sf):
        f = lambda x: fn(x, p)  # noqa: E731
        g, h = jax.grad(f), jax.hessian(f)

        def step(x, _):
            d = jnp.linalg.solve(h(x), g(x))  # a singular Hessian (measure zero) gives no step
            d = jnp.where(jnp.all(jnp.isfinite(d)), d, jnp.zeros_like(d))
            n = jnp.linalg.norm(d)
            return x - d * jnp.minimum(1.0, 0.3 / jnp.where(n > 0, n, 1.0)), None

        def one(x0):
            x, _ = jax.lax.scan(step, x0, None, length=NEWTON_STEPS)
            return x, jnp.linalg.norm(g(x)), jnp.linalg.eigvalsh(h(x)), f(x)

        return jax.vmap(one)(sf)

    return jax.vmap(per_function)(params, seeds)


def _draw(family: str, rng: np.random.Generator, n: int, functions: int, terms: int):
    """The random parameters of ``functions`` functions of ``family`` in n dimensions."""
    if family == "cosines":
        return rng.standard_normal((functions, terms, n)), rng.uniform(0, 2 * np.pi, (functions, terms))
    g = rng.standard_normal((functions, n, n))
    a = QUARTIC_SCALE * (g + np.swapaxes(g, 1, 2)) / 2  # a GOE matrix: N(0, 1) diagonal, N(0, 1/2) off it
    return a, rng.standard_normal((functions, n))


def _distinct(x, ok, tol=1e-6) -> list[int]:
    kept: list[int] = []
    for si in np.flatnonzero(ok):
        if all(np.linalg.norm(x[si] - x[k]) > tol for k in kept):
            kept.append(int(si))
    return kept


def _check_int(name: str, v, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
        raise ValueError(f"{name} = {v!r} must be an integer in [{lo}, {hi}]")
    return int(v)


def random_critical_points(
    dims=(1, 2, 3, 4, 6, 8),
    *,
    family: str = "cosines",
    functions: int = 16,
    seeds: int = 64,
    terms: int = 64,
    box: float = 2.0,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> RandomCritical:
    """The share of minima among the critical points of random smooth functions, against the dimension.

    ``"cosines"``: a random Fourier-feature sample of a Gaussian process with a unit squared-exponential
    kernel, f(x) = sqrt(2/K) sum_k cos(w_k . x + b_k), w_k ~ N(0, I), b_k ~ U(0, 2 pi); critical points
    inside the box [-box, box]^n count. ``"quartic"``: f(x) = sum_i x_i^4 / 4 + x'Ax / 2 + b'x with A a
    GOE matrix times :data:`QUARTIC_SCALE` and b ~ N(0, I); it grows in every direction, so every
    critical point counts.
    Newton's method from ``seeds`` uniform starts in the box (float64, all functions and seeds in one
    vmapped call per n) finds critical points of every kind; converged ones (gradient below
    :data:`GRAD_TOL`, no Hessian eigenvalue within :data:`EIG_TOL` of 0) are deduplicated per function.

    Args:
        dims: dimensions, each 1 to 12.
        family: one of :data:`FAMILIES`.
        functions, seeds, terms: random functions per dimension, Newton starts per function, cosines
            per function (each 1 to 256).
        box: half-width of the cube of starts.
        seed: of the random functions and starts.
        progress: called with (dimensions done, dimensions) after each one.

    Returns:
        :class:`RandomCritical`.
    """
    dims = tuple(int(n) for n in dims)
    if not dims or any(not 1 <= n <= MAX_DIM for n in dims):
        raise ValueError(f"dims = {dims!r} must be dimensions in [1, {MAX_DIM}]")
    if family not in FAMILIES:
        raise ValueError(f"Unknown family {family!r}; choose one of: {', '.join(FAMILIES)}")
    for name, v in (("functions", functions), ("seeds", seeds), ("terms", terms)):
        _check_int(name, v, 1, 256)
    if not (0 < box <= 10):
        raise ValueError(f"box = {box!r} must be in (0, 10]")
    rng = np.random.default_rng(seed)
    shares, errs, counts, index, value = [], [], [], [], []
    for done, n in enumerate(dims):
        p = _draw(family, rng, n, functions, terms)
        s0 = rng.uniform(-box, box, (functions, seeds, n))
        with jax.enable_x64(True):
            out = _newton_nd(family, tuple(jnp.asarray(a) for a in p), jnp.asarray(s0))
            x, gn, lam, val = (np.asarray(a) for a in out)
        idx, vals = [], []
        for fi in range(functions):
            ok = (gn[fi] < GRAD_TOL) & np.all(np.abs(lam[fi]) > EIG_TOL, axis=1)
            if family == "cosines":
                ok &= np.all(np.abs(x[fi]) <= box, axis=1)
            for si in _distinct(x[fi], ok):
                idx.append(float(np.mean(lam[fi, si] < 0)))
                vals.append(float(val[fi, si]))
        idx_a = np.asarray(idx)
        k = len(idx_a)
        share = float(np.mean(idx_a == 0)) if k else float("nan")
        shares.append(share)
        errs.append(float(np.sqrt(share * (1 - share) / k)) if k else float("nan"))
        counts.append(k)
        index.append(idx_a)
        value.append(np.asarray(vals))
        if progress is not None:
            progress(done + 1, len(dims))
    return RandomCritical(
        family,
        np.asarray(dims),
        np.asarray(shares),
        np.asarray(errs),
        np.asarray(counts),
        tuple(index),
        tuple(value),
    )


def one_dim_share(family: str) -> float:
    """The expected share of minima among the critical points of the family's functions at n = 1.

    Cosines: minima and maxima of a smooth function on a line alternate, so half are minima.
    Quartic: f'(x) = x^3 + a x + b has one real root (a minimum) or, when its discriminant
    -4a^3 - 27b^2 is positive, three (two minima and a maximum); with p3 = P(three roots) for
    a ~ N(0, s^2) (s = :data:`QUARTIC_SCALE`), b ~ N(0, 1), pooled over functions the share is
    (1 + p3) / (1 + 2 p3). p3 is one integral: P(a < 0 and |b| < 2 (|a| / 3)^(3/2)).
    """
    if family == "cosines":
        return 0.5
    if family == "quartic":
        p3 = quartic_three_roots()
        return (1 + p3) / (1 + 2 * p3)
    raise ValueError(f"Unknown family {family!r}; choose one of: {', '.join(FAMILIES)}")


@lru_cache(maxsize=1)
def quartic_three_roots() -> float:
    """P(x^3 + a x + b has three real roots) for a ~ N(0, QUARTIC_SCALE^2), b ~ N(0, 1) independent (see
    :func:`one_dim_share`): the integral over u = -a / s > 0 of phi(u) P(|b| < 2 (s u / 3)^(3/2))."""
    from scipy import integrate, special, stats

    def inner(u):
        return stats.norm.pdf(u) * special.erf(2 * (QUARTIC_SCALE * u / 3) ** 1.5 / math.sqrt(2))

    val, _ = integrate.quad(inner, 0, np.inf, epsabs=1e-13, epsrel=1e-12)
    return float(val)


# --------------------------------------------------------------------------------------------
# Gaussian random matrices


@lru_cache(maxsize=MAX_DIM + 1)
def goe_pd_exact(n: int) -> float:
    """P(an n x n GOE matrix is positive definite), exactly.

    The eigenvalues of a GOE matrix have the density |Vandermonde| prod exp(-l^2 / 2) / Z (up to scale,
    which does not change the sign of any eigenvalue). Restricted to l > 0, the integral is n! times the
    Pfaffian of A_ij = int int_{x, y > 0} sign(y - x) x^i y^j exp(-(x^2 + y^2) / 2) (de Bruijn 1955; for
    odd n the matrix is bordered by int x^i exp(-x^2 / 2)); in polar coordinates A_ij is a Gamma
    function times an incomplete Beta function. Z is Mehta's integral
    (2 pi)^(n/2) prod_{j<=n} Gamma(1 + j/2) / Gamma(3/2). Computed with 40 digits (mpmath).
    """
    import mpmath as mp

    n = _check_int("n", n, 1, MAX_DIM)
    with mp.workdps(40):
        half = mp.mpf(1) / 2

        def moment(i):  # int_0^inf x^i exp(-x^2/2) dx
            return mp.mpf(2) ** ((i - 1) * half) * mp.gamma((i + 1) * half)

        m = n + n % 2
        a = mp.zeros(m, m)
        for i in range(n):
            for j in range(i + 1, n):
                radial = mp.mpf(2) ** ((i + j) * half) * mp.gamma((i + j + 2) * half)
                # int_0^{pi/2} sign(theta - pi/4) cos^i sin^j: t = sin^2(theta) splits at 1/2
                p, q = (j + 1) * half, (i + 1) * half
                angular = half * (mp.betainc(p, q, half, 1) - mp.betainc(p, q, 0, half))
                a[i, j], a[j, i] = radial * angular, -radial * angular
            if n % 2:
                a[i, n], a[n, i] = moment(i), -moment(i)
        pf = mp.sqrt(mp.det(a))  # Pf(A)^2 = det(A); the Pfaffian is the (positive) integral
        mehta = (2 * mp.pi) ** (n * half) * mp.fprod(
            mp.gamma(1 + j * half) / mp.gamma(3 * half) for j in range(1, n + 1)
        )
        return float(mp.factorial(n) * pf / mehta)


def effective_theta(n: int) -> float:
    """theta read off the exact values at n: -(log P_{n+1} - 2 log P_n + log P_{n-1}) / 2, for
    2 <= n <= 11 (the second difference removes the terms linear in n); tends to :data:`THETA`."""
    n = _check_int("n", n, 2, MAX_DIM - 1)
    lp = [math.log(goe_pd_exact(k)) for k in (n - 1, n, n + 1)]
    return -(lp[2] - 2 * lp[1] + lp[0]) / 2


def goe_pd_monte_carlo(dims, samples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The share of ``samples`` random GOE matrices (A = (G + G') / 2, G with N(0, 1) entries) that are
    positive definite (smallest ``numpy.linalg.eigvalsh`` eigenvalue > 0), per n; and its standard
    error."""
    p, err = [], []
    for n in dims:
        hits, left = 0, int(samples)
        while left:  # chunks keep the memory small at n = 12
            k = min(left, 20_000)
            g = rng.standard_normal((k, n, n))
            hits += int(np.sum(np.linalg.eigvalsh((g + np.swapaxes(g, 1, 2)) / 2)[:, 0] > 0))
            left -= k
        share = hits / samples
        p.append(share)
        err.append(math.sqrt(max(share * (1 - share), 0.0) / samples))
    return np.asarray(p), np.asarray(err)


# --------------------------------------------------------------------------------------------
# A small network


class MLPCritical(NamedTuple):
    """Critical points of a one-hidden-layer tanh MLP's loss (MSE + weight decay) on a data set."""

    data: str
    width: int
    n_params: int
    weights: np.ndarray  # (K, P) the distinct critical points kept (flat weights, float64)
    loss: np.ndarray  # (K,) the objective there (mean squared error + weight decay)
    index: np.ndarray  # (K,) fraction of negative Hessian eigenvalues
    grad_norm: np.ndarray  # (K,)
    found: int  # starts that converged (before removing duplicates)
    starts: int


def mlp_problem(data: str, width: int, seed: int = 0):
    """(spec, x, y): the network and the data :func:`mlp_critical_points` uses (x float64, y labels or
    targets)."""
    if data not in MLP_DATA:
        raise ValueError(f"Unknown data set {data!r}; choose one of: {', '.join(MLP_DATA)}")
    width = _check_int("width", width, 1, 8)
    ds = datasets.make(data, n_train=MLP_POINTS, n_test=1, noise=0.2, seed=seed)
    spec = mlp.make_spec(
        datasets.input_dim(data), width=width, depth=1, n_classes=datasets.n_classes(data), loss="mse"
    )
    return spec, np.asarray(ds.x_train, np.float64), np.asarray(ds.y_train)


def _objective(spec):
    obj = mlp.Objective(spec)

    def loss(w, x, y):
        return obj(w, x, y) + 0.5 * MLP_WEIGHT_DECAY * jnp.sum(w * w)

    return loss


@partial(jax.jit, static_argnames=("spec",))
def _mlp_find(spec, w0, k_train, x, y):
    """From each start (rows of w0), train k_train steps of GD, then minimise 1/2 |grad|^2 with Adam
    (gradient: H grad by jax.jvp of the gradient), then Levenberg-Marquardt steps on the gradient.
    Returns the points, their gradient norms, the Hessian eigenvalues and the objective."""
    loss = _objective(spec)
    f = lambda w: loss(w, x, y)  # noqa: E731
    g = jax.grad(f)

    def one(w, kt):
        def train(w, t):
            return jnp.where(t < kt, w - MLP_TRAIN_LR * g(w), w), None

        w, _ = jax.lax.scan(train, w, jnp.arange(MLP_TRAIN_STEPS, dtype=kt.dtype))

        def adam(c, t):
            w, m, v = c
            gw = g(w)
            d = jax.jvp(g, (w,), (gw,))[1]  # grad of |g|^2 / 2 = H g
            m = 0.9 * m + 0.1 * d
            v = 0.999 * v + 0.001 * d * d
            mh, vh = m / (1 - 0.9 ** (t + 1)), v / (1 - 0.999 ** (t + 1))
            return (w - MLP_ADAM_LR * mh / (jnp.sqrt(vh) + 1e-12), m, v), None

        z = jnp.zeros_like(w)
        (w, _, _), _ = jax.lax.scan(adam, (w, z, z), jnp.arange(MLP_ADAM_STEPS, dtype=w.dtype))

        def lm(c, _):  # Gauss-Newton on the residual g with Jacobian H, damped by mu (kept if |g| falls)
            w, mu = c
            gw = g(w)
            lam, vec = jnp.linalg.eigh(jax.hessian(f)(w))
            wn = w - vec @ (lam / (lam * lam + mu) * (vec.T @ gw))
            better = jnp.linalg.norm(g(wn)) < jnp.linalg.norm(gw)
            return (jnp.where(better, wn, w), jnp.where(better, mu / 4, mu * 4)), None

        (w, _), _ = jax.lax.scan(lm, (w, jnp.asarray(1e-2, w.dtype)), None, length=MLP_LM_STEPS)
        return w, jnp.linalg.norm(g(w)), jnp.linalg.eigvalsh(jax.hessian(f)(w)), f(w)

    return jax.vmap(one)(w0, k_train)


def canonical(spec, w: np.ndarray) -> np.ndarray:
    """The same network written one way: a one-hidden-layer tanh net is unchanged by flipping the signs
    of a unit's incoming weights, bias and outgoing weight, and by permuting units; make every outgoing
    weight >= 0 and sort the units by it (then equal networks have equal weights)."""
    layers = mlp.unflatten(spec, jnp.asarray(w))
    w1, b1 = np.array(layers[0]["w"]), np.array(layers[0]["b"])
    w2 = np.array(layers[1]["w"])
    s = np.where(w2[:, 0] < 0, -1.0, 1.0)
    w1, b1, w2 = w1 * s[None], b1 * s, w2 * s[:, None]
    order = np.lexsort((b1, w2[:, 0]))
    layers = [{"w": w1[:, order], "b": b1[order]}, {"w": w2[order], "b": np.array(layers[1]["b"])}]
    return np.asarray(mlp.flatten(layers), np.float64)


def mlp_critical_points(data: str = "moons", width: int = 4, starts: int = 64, seed: int = 0) -> MLPCritical:
    """Critical points of the loss of a 1-hidden-layer tanh MLP (``width`` units, MSE on one output,
    weight decay :data:`MLP_WEIGHT_DECAY`) on :data:`MLP_POINTS` points of a batch-lab data set.

    Each start is a random (LeCun) initialisation trained by gradient descent for a number of steps
    spread geometrically from 0 to :data:`MLP_TRAIN_STEPS` (so the starts have high and low losses);
    from there the squared gradient norm is minimised (see :func:`_mlp_find`), all starts in one
    vmapped float64 call. Points with gradient norm below :data:`GRAD_TOL` and no Hessian eigenvalue
    within :data:`EIG_TOL` of 0 are kept, one per network up to the symmetries of its hidden units
    (:func:`canonical`, compared in float32).

    Args:
        data: a data set with one output (:data:`MLP_DATA`).
        width: hidden units, 1 to 8.
        starts: 1 to 256.
        seed: of the data and the initialisations.

    Returns:
        :class:`MLPCritical`.
    """
    starts = _check_int("starts", starts, 1, 256)
    spec, x, y = mlp_problem(data, width, seed)
    keys = jax.random.split(jax.random.PRNGKey(seed), starts)
    w0 = np.stack([np.asarray(mlp.init_flat(spec, k), np.float64) for k in keys])
    k_train = np.round(np.geomspace(1, MLP_TRAIN_STEPS + 1, starts)).astype(np.int32) - 1
    with jax.enable_x64(True):
        out = _mlp_find(spec, jnp.asarray(w0), jnp.asarray(k_train), jnp.asarray(x), jnp.asarray(y))
        w, gn, lam, val = (np.asarray(a) for a in out)
    ok = (gn < GRAD_TOL) & np.all(np.abs(lam) > EIG_TOL, axis=1)  # isolated, nondegenerate points
    canon = np.stack([canonical(spec, wi) for wi in w]) if len(w) else w
    kept = _distinct(canon, ok, tol=1e-5)
    return MLPCritical(
        data=data,
        width=int(width),
        n_params=spec.n_params,
        weights=w[kept],
        loss=val[kept],
        index=np.mean(lam[kept] < 0, axis=1) if kept else np.zeros(0),
        grad_norm=gn[kept],
        found=int(np.sum(ok)),
        starts=starts,
    )


# --------------------------------------------------------------------------------------------
# The view's experiment


class HDConfig(NamedTuple):
    """What the page's high-dimension view runs (every field a plain number or name)."""

    n_min: int = 1
    n_max: int = 6
    family: str = "cosines"
    functions: int = 16
    seeds: int = 64
    seed: int = 0
    goe_samples: int = 20_000
    mlp_data: str = "moons"
    mlp_width: int = 4
    mlp_starts: int = 64  # 0: no network

    @property
    def dims(self) -> tuple[int, ...]:
        return tuple(range(self.n_min, self.n_max + 1))


class HDResult(NamedTuple):
    """Everything the view draws."""

    config: HDConfig
    random: RandomCritical
    one_dim: float  # the family's analytic share of minima at n = 1
    goe_exact: np.ndarray  # (D,) P(GOE is positive definite) per n in config.dims
    goe_mc: np.ndarray  # (D,) its Monte Carlo estimate (numpy eigvalsh)
    goe_mc_err: np.ndarray  # (D,)
    asymptote: np.ndarray  # (D,) exp(-THETA n^2)
    mlp: MLPCritical | None


def validate(cfg: HDConfig) -> HDConfig:
    """Check every field; a ValueError names the bad one."""
    _check_int("n_min", cfg.n_min, 1, MAX_DIM)
    _check_int("n_max", cfg.n_max, 1, MAX_DIM)
    if cfg.n_min > cfg.n_max:
        raise ValueError(f"n_min = {cfg.n_min} must not exceed n_max = {cfg.n_max}")
    if cfg.family not in FAMILIES:
        raise ValueError(f"Unknown family {cfg.family!r}; choose one of: {', '.join(FAMILIES)}")
    _check_int("functions", cfg.functions, 1, 64)
    _check_int("seeds", cfg.seeds, 1, 256)
    _check_int("seed", cfg.seed, 0, 2**31 - 1)
    _check_int("goe_samples", cfg.goe_samples, 100, 200_000)
    _check_int("mlp_starts", cfg.mlp_starts, 0, 256)
    if cfg.mlp_starts:
        mlp_problem(cfg.mlp_data, cfg.mlp_width)
    return cfg


def estimate_seconds(cfg: HDConfig) -> float:
    """A rough warm run time on the class server (2 cores; measured: see bench.b_explorer)."""
    per_point = sum(2.5e-4 * (1 + 0.05 * n * n) for n in cfg.dims)
    goe = sum(cfg.goe_samples * 2e-6 * (1 + 0.02 * n * n) for n in cfg.dims)
    net = cfg.mlp_starts * 0.02 * (1 + cfg.mlp_width / 4)
    return 0.2 + cfg.functions * cfg.seeds * per_point + goe + net


def run(cfg: HDConfig, progress: Callable[[float, Any], None] | None = None) -> HDResult:
    """The whole experiment of the view, reporting ``progress(fraction, (stage, done, total))``."""
    validate(cfg)
    dims = cfg.dims
    total = len(dims) + (1 if cfg.mlp_starts else 0) + 1

    def report(done: int, what: str, k: int, of: int) -> None:
        if progress is not None:
            progress(done / total, (what, k, of))

    report(0, "dims", 0, len(dims))
    rc = random_critical_points(
        dims,
        family=cfg.family,
        functions=cfg.functions,
        seeds=cfg.seeds,
        seed=cfg.seed,
        progress=lambda k, of: report(k, "dims", k, of),
    )
    report(len(dims), "goe", 0, 1)
    mc, err = goe_pd_monte_carlo(dims, cfg.goe_samples, np.random.default_rng(cfg.seed + 1))
    exact = np.array([goe_pd_exact(n) for n in dims])
    net = None
    if cfg.mlp_starts:
        report(len(dims) + 1, "mlp", 0, 1)
        net = mlp_critical_points(cfg.mlp_data, cfg.mlp_width, cfg.mlp_starts, cfg.seed)
    report(total, "done", 1, 1)
    return HDResult(
        config=cfg,
        random=rc,
        one_dim=one_dim_share(cfg.family),
        goe_exact=exact,
        goe_mc=mc,
        goe_mc_err=err,
        asymptote=np.exp(-THETA * np.asarray(dims, np.float64) ** 2),
        mlp=net,
    )
