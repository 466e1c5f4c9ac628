"""Evaluate a surface on a regular grid (for contour plots, 3-D surfaces and grid searches)."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from .compiled import family_jit

MAX_GRID = 1024  # points per axis


class Grid(NamedTuple):
    x: np.ndarray  # (nx,) x coordinates
    y: np.ndarray  # (ny,) y coordinates
    z: np.ndarray  # (ny, nx) f(x_j, y_i); non-finite values are NaN


@family_jit(static_argnames=("family",))
def _eval(family, params, xs, ys):
    f = lambda x, y: family(jnp.stack([x, y]), params)
    z = jax.vmap(lambda y: jax.vmap(lambda x: f(x, y))(xs))(ys)
    return jnp.where(jnp.isfinite(z), z, jnp.nan)


def grid(landscape, n: int = 200, bounds=None) -> Grid:
    """``landscape`` on an n x n grid over ``bounds`` (its default view if None).

    Raises:
        ValueError: n outside [2, MAX_GRID] or empty bounds.
    """
    if not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_GRID:
        raise ValueError(f"grid size n = {n!r} must be an integer in [2, {MAX_GRID}]")
    (x0, x1), (y0, y1) = bounds if bounds is not None else landscape.bounds
    if not (x1 > x0 and y1 > y0):
        raise ValueError(f"empty view bounds {((x0, x1), (y0, y1))!r}")
    xs = np.linspace(x0, x1, n, dtype=np.float32)
    ys = np.linspace(y0, y1, n, dtype=np.float32)
    z = _eval(landscape.fn_p, jnp.asarray(landscape.params, jnp.float32), xs, ys)
    return Grid(xs, ys, np.asarray(z))
