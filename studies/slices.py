"""Low-dimensional views of a network's loss around its solutions.

* 1-D linear interpolation between two solutions (Goodfellow et al. 2015; Keskar et al. 2017,
  Fig. 3): ``f(alpha * w_b + (1 - alpha) * w_a)``, so alpha = 0 is ``w_a`` and alpha = 1 is ``w_b``.
* 2-D slices ``f(w + a d1 + b d2)`` along filter-normalised random directions (Li et al. 2018):
  each filter (output unit: a column of a weight matrix) of a Gaussian direction is rescaled to
  the norm of the same filter of the weights, and bias directions are zeroed, so that slices of
  networks with different weight scales are comparable.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import jax
import jax.numpy as jnp

from landscapes import mlp
from landscapes.compiled import family_jit

MAX_SLICE_GRID = 101


def filter_normalize(direction, weights):
    """Li et al.'s filter normalisation of a direction pytree (MLP layout of :mod:`landscapes.mlp`).

    Args:
        direction: layers ``[{"w": (n_in, n_out), "b": (n_out,)}, ...]``.
        weights: the weights, same structure.

    Returns:
        The direction with column j of every "w" scaled to ``|weights w[:, j]|`` and every "b" zero.
    """
    out = []
    for d, p in zip(direction, weights, strict=True):
        d_norm = jnp.linalg.norm(d["w"], axis=0, keepdims=True)
        p_norm = jnp.linalg.norm(p["w"], axis=0, keepdims=True)
        out.append({"w": d["w"] * p_norm / (d_norm + 1e-10), "b": jnp.zeros_like(d["b"])})
    return out


@partial(jax.jit, static_argnames=("spec",))
def random_direction(spec: mlp.MLPSpec, w_flat, key):
    """A Gaussian direction, filter-normalised to the flat weights ``w_flat``; returned flat (d,)."""
    weights = mlp.unflatten(spec, w_flat)
    shapes = mlp.template(spec)
    direction = jax.tree.map(
        lambda a, k: jax.random.normal(k, a.shape, a.dtype), shapes, _split_like(shapes, key)
    )  # every entry ~ N(0, 1)
    return mlp.flatten(filter_normalize(direction, weights))


def _split_like(tree, key):
    leaves, treedef = jax.tree.flatten(tree)
    return jax.tree.unflatten(treedef, list(jax.random.split(key, len(leaves))))


@family_jit(static_argnames=("f",))
def interpolate(f: Callable, w_a, w_b, alphas, args=()):
    """``f((1 - alpha) w_a + alpha w_b, *args)`` for each alpha (A,) -> (A,)."""
    return jax.vmap(lambda a: f((1.0 - a) * w_a + a * w_b, *args))(alphas)


@family_jit(static_argnames=("f",))
def slice_2d(f: Callable, w, d1, d2, coords, args=()):
    """``z[i, j] = f(w + coords[j] d1 + coords[i] d2, *args)`` on the grid coords x coords.

    Args:
        f: loss (static). w, d1, d2: (d,) point and directions. coords: (n,) offsets.
        args: traced extra arguments of ``f``.

    Returns:
        (n, n) losses; rows follow d2, columns d1 (as a heatmap draws them).
    """
    row = lambda b: jax.vmap(lambda a: f(w + a * d1 + b * d2, *args))(coords)
    return jax.lax.map(row, coords)
