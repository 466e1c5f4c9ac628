"""WHAT is minimised: analytic 2-D surfaces, user formulas, small-network losses, and tools to
slice and measure them (curvature, critical points)."""

from __future__ import annotations

from .analytic import SURFACES
from .base import Landscape
from .curvature import hessian_eigs, stability_threshold, top_eigenvalue_along
from .grid import MAX_GRID, Grid, grid

__all__ = [
    "Grid", "Landscape", "MAX_GRID", "get", "grid", "hessian_eigs", "names", "stability_threshold",
    "top_eigenvalue_along",
]


def names() -> list[str]:
    """Names of the analytic surfaces, in display order."""
    return list(SURFACES)


def get(name: str) -> Landscape:
    """The analytic surface called ``name``.

    Raises:
        ValueError: the name is unknown; the message lists the valid names.
    """
    try:
        return SURFACES[name]
    except KeyError:
        raise ValueError(f"Unknown landscape {name!r}; choose one of: {', '.join(SURFACES)}") from None
