"""The lecture's picture: train and test loss as one curve shifted, and the gap at a flat and a sharp
minimum.

A 1-D loss with a wide well and a narrow one (:func:`concept_loss`); the test loss is the same curve
moved by a small shift (the train/test mismatch). Whatever the shift, the gap (test - train at the
training minimiser) is larger at the sharp minimum: the picture behind "flat minima generalise".
NumPy only, no runs.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

__all__ = ["Concept", "concept_curves", "concept_loss"]


class Concept(NamedTuple):
    """The conceptual 1-D figure's data."""

    x: np.ndarray  # (n,)
    train: np.ndarray  # (n,) training loss
    test: np.ndarray  # (n,) the same curve shifted by ``shift``
    minima: np.ndarray  # (2,) flat and sharp training minimisers
    gaps: np.ndarray  # (2,) test - train at each minimiser
    shift: float


def concept_loss(x, shift: float = 0.0, flat_width: float = 1.0, sharp_width: float = 0.15):
    """1-D loss with a flat minimum near x = -1.5 and a sharp one near x = 1.5 (NumPy, vectorised).

    ``shift`` moves the whole curve: the test loss is ``concept_loss(x, shift)``.
    """
    u = np.asarray(x, np.float64) - shift
    return (
        1.0
        - 0.8 * np.exp(-0.5 * ((u + 1.5) / flat_width) ** 2)
        - 0.85 * np.exp(-0.5 * ((u - 1.5) / sharp_width) ** 2)
        + 0.02 * u * u
    )


def concept_curves(
    shift: float = 0.25, flat_width: float = 1.0, sharp_width: float = 0.15, n: int = 801
) -> Concept:
    """The data of the lecture's figure: the gap is larger at the sharp minimum for any shift.

    Args:
        shift: horizontal offset of the test curve (the train/test mismatch), |shift| <= 1.
        flat_width, sharp_width: widths of the two wells (sharp_width < flat_width).
        n: points on [-4, 4].

    Returns:
        :class:`Concept` (minimisers refined to 1e-9 by golden-section search).

    Raises:
        ValueError: a shift or widths out of range.
    """
    if not abs(shift) <= 1.0:
        raise ValueError(f"shift = {shift} is outside [-1, 1]")
    if not 0.02 <= sharp_width < flat_width <= 2.0:
        raise ValueError(f"need 0.02 <= sharp_width < flat_width <= 2, got {sharp_width}, {flat_width}")
    x = np.linspace(-4.0, 4.0, n)
    f = lambda v: concept_loss(v, 0.0, flat_width, sharp_width)
    mins = []
    for lo, hi in ((-3.0, 0.0), (0.0, 3.0)):
        xs = np.linspace(lo, hi, 3001)
        i = int(np.argmin(f(xs)))
        mins.append(_golden(f, xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]))
    mins_a = np.array(mins)
    gaps = concept_loss(mins_a, shift, flat_width, sharp_width) - f(mins_a)
    return Concept(x, f(x), concept_loss(x, shift, flat_width, sharp_width), mins_a, gaps, float(shift))


def _golden(f, a: float, b: float, tol: float = 1e-9) -> float:
    """The minimiser of a unimodal ``f`` on [a, b] to within ``tol`` (golden-section search)."""
    r = (math.sqrt(5) - 1) / 2
    c, d = b - r * (b - a), a + r * (b - a)
    while b - a > tol:
        if f(c) < f(d):
            b, d = d, c
            c = b - r * (b - a)
        else:
            a, c = c, d
            d = a + r * (b - a)
    return (a + b) / 2
