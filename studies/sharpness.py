"""Sharpness of a minimum, two ways, for any loss ``f(w, *args)`` of a flat parameter vector ``w``.

* The largest Hessian eigenvalue, from Hessian-vector products (forward-over-reverse: the jvp of
  the gradient; the Hessian is never formed): Lanczos (default) or power iteration.
* Keskar et al. (2017)'s epsilon-sharpness: the largest loss in the box
  ``C_eps = {y : |y_i| <= eps (|w_i| + 1)}`` around ``w``, reported as
  ``(max_{y in C_eps} f(w + y) - f(w)) / (1 + f(w)) * 100``. Keskar et al. maximise with L-BFGS-B;
  here projected sign-gradient ascent from several starts (one of them the corner the gradient
  points to) keeps the best value seen.

``f`` is a static jit argument: pass a module-level function or a hashable callable such as
:class:`landscapes.mlp.Objective`, never a fresh lambda (that would compile on every call).
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from landscapes.compiled import family_jit


def hvp(f: Callable, w, v, args=()):
    """Hessian-vector product H(w) v of ``f(w, *args)`` (forward-over-reverse)."""
    g = lambda u: jax.grad(f)(u, *args)
    return jax.jvp(g, (w,), (v,))[1]


def _unit(v):
    return v / jnp.linalg.norm(v)


@family_jit(static_argnames=("f", "iters"))
def power_iteration(f: Callable, w, args, key, iters: int = 100):
    """Dominant Hessian eigenpair by power iteration: v <- Hv / |Hv|.

    Args:
        f: loss ``f(w, *args)`` (static).
        w: (d,) point.
        args: tuple of traced extra arguments of ``f`` (e.g. data).
        key: PRNG key of the random start.
        iters: iterations (static).

    Returns:
        (eigenvalue, unit eigenvector): the eigenvalue of largest MAGNITUDE (the Rayleigh quotient
        v.Hv at the last iterate). At a minimum it is the top eigenvalue.
    """
    v0 = _unit(jax.random.normal(key, w.shape, w.dtype))
    v = jax.lax.fori_loop(0, iters, lambda i, v: _unit(hvp(f, w, v, args)), v0)
    return jnp.vdot(v, hvp(f, w, v, args)), v


@family_jit(static_argnames=("f", "iters"))
def lanczos(f: Callable, w, args, key, iters: int = 20):
    """Extreme Hessian eigenvalues by ``iters`` Lanczos steps with full reorthogonalisation.

    Args:
        f: loss ``f(w, *args)`` (static).
        w: (d,) point.
        args: tuple of traced extra arguments of ``f``.
        key: PRNG key of the start vector.
        iters: Krylov dimension (static; capped at d, where the result is exact).

    Returns:
        (k,) Ritz values in ascending order: the last approximates the largest eigenvalue, the first
        the smallest. Each costs one Hessian-vector product.
    """
    d = w.shape[0]
    k = min(iters, d)
    v0 = _unit(jax.random.normal(key, w.shape, w.dtype))

    def body(i, carry):
        basis, alpha, beta, v, v_prev, b_prev = carry
        basis = basis.at[i].set(v)
        u = hvp(f, w, v, args)
        a = jnp.vdot(u, v)
        u = u - a * v - b_prev * v_prev
        for _ in range(2):  # twice is enough (Kahan): keeps the Krylov basis orthogonal
            u = u - basis.T @ (basis @ u)
        b = jnp.linalg.norm(u)
        ok = b > 1e-6 * (jnp.abs(a) + 1.0)  # breakdown: the Krylov space is invariant
        v_next = jnp.where(ok, u / jnp.where(ok, b, 1.0), 0.0)
        b = jnp.where(ok, b, 0.0)
        return basis, alpha.at[i].set(a), beta.at[i].set(b), v_next, v, b

    zeros = jnp.zeros((k,), w.dtype)
    carry0 = (jnp.zeros((k, d), w.dtype), zeros, zeros, v0, jnp.zeros_like(w), jnp.zeros((), w.dtype))
    _, alpha, beta, *_ = jax.lax.fori_loop(0, k, body, carry0)
    off = beta[: k - 1]
    tri = jnp.diag(alpha) + jnp.diag(off, 1) + jnp.diag(off, -1)
    return jnp.linalg.eigvalsh(tri)


def top_eigenvalue(f: Callable, w, args=(), *, method: str = "lanczos", iters: int = 20, seed: int = 0):
    """The largest Hessian eigenvalue of ``f`` at ``w``.

    Args:
        f, w, args: as in :func:`lanczos`.
        method: "lanczos" (largest algebraic eigenvalue) or "power" (largest in magnitude).
        iters: Hessian-vector products (static).
        seed: seed of the start vector.

    Returns:
        A JAX scalar.

    Raises:
        ValueError: an unknown method.
    """
    key = jax.random.PRNGKey(seed)
    if method == "lanczos":
        return lanczos(f, w, args, key, iters=iters)[-1]
    if method == "power":
        return power_iteration(f, w, args, key, iters=iters)[0]
    raise ValueError(f"Unknown eigenvalue method {method!r}; choose one of: lanczos, power")


@family_jit(static_argnames=("f", "steps", "starts", "symmetric"))
def eps_sharpness(f: Callable, w, args, eps, key, steps: int = 20, starts: int = 3, symmetric: bool = False):
    """Keskar et al.'s epsilon-sharpness of ``f`` at ``w``.

    Args:
        f: loss ``f(w, *args)`` (static).
        w: (d,) point.
        args: tuple of traced extra arguments of ``f``.
        eps: relative box size (traced), e.g. 1e-3 or 5e-4.
        key: PRNG key of the random starts.
        steps: ascent steps per start (static).
        starts: number of starts (static, >= 1): the gradient-sign corner, then uniform points.
        symmetric: maximise 0.5 (f(w + y) + f(w - y)) instead of f(w + y). The symmetric form
            cancels the first-order (gradient) term, which otherwise dominates at a noisy iterate
            that is not exactly at a minimum.

    Returns:
        (sharpness, y_best): 100 (max - f(w)) / (1 + f(w)) and the maximising offset (d,).
    """
    f0 = f(w, *args)
    bound = eps * (jnp.abs(w) + 1.0)
    if symmetric:
        obj = lambda y: 0.5 * (f(w + y, *args) + f(w - y, *args))
    else:
        obj = lambda y: f(w + y, *args)
    val_grad = jax.value_and_grad(obj)
    corner = bound * jnp.sign(jax.grad(f)(w, *args))
    rand = jax.random.uniform(key, (max(starts - 1, 0),) + w.shape, w.dtype, -1.0, 1.0) * bound[None]
    y0 = jnp.concatenate([corner[None], rand])[:starts]

    def ascend(y):
        def body(i, carry):
            y, best, best_y = carry
            val, g = val_grad(y)
            better = val > best
            best, best_y = jnp.where(better, val, best), jnp.where(better, y, best_y)
            step = bound * (1.0 - i / steps)  # shrinking sign steps: corner to corner, then settle
            return jnp.clip(y + step * jnp.sign(g), -bound, bound), best, best_y

        y, best, best_y = jax.lax.fori_loop(0, steps, body, (y, -jnp.inf * jnp.ones((), w.dtype), y))
        last = obj(y)
        better = last > best
        return jnp.where(better, last, best), jnp.where(better, y, best_y)

    best, best_y = jax.vmap(ascend)(y0)
    i = jnp.argmax(best)
    return 100.0 * (best[i] - f0) / (1.0 + f0), best_y[i]
