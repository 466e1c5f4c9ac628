"""WHAT is minimised: analytic 2-D surfaces, user formulas, small-network losses, and tools to
slice and measure them (curvature, critical points)."""

from __future__ import annotations

from .analytic import CATEGORIES, SURFACES
from .base import Landscape
from .critical import CriticalPoint, critical_points
from .curvature import hessian_eigs, top_eigenvalue_along
from .expression import ExpressionError, from_expression
from .grid import MAX_GRID, Grid, grid

__all__ = [
    "CATEGORIES",
    "CriticalPoint",
    "ExpressionError",
    "Grid",
    "Landscape",
    "MAX_GRID",
    "critical_points",
    "from_expression",
    "get",
    "grid",
    "hessian_eigs",
    "names",
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
