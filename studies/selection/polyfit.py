"""Polynomial least squares of any degree, for many data sets at once (NumPy, float64).

A polynomial of degree d is fitted in the Legendre basis of x / 2 (the inputs lie in [-2, 2]), which
keeps the least-squares problem well conditioned up to the largest degree the lab offers; the fit
is the same polynomial as in the monomial basis. Weights make a bootstrap resample (counts) or a
training mask (0/1) out of one data set, exactly as the networks see them (:mod:`.nets`). Where the
degree reaches the number of distinct points the minimum-norm solution (pseudo-inverse) is taken.
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import legendre

__all__ = ["MAX_DEGREE", "fit", "predict"]

MAX_DEGREE = 20
_SCALE = 2.0  # x / 2 maps the data range [-2, 2] onto Legendre's [-1, 1]


def _basis(x: np.ndarray, degree: int) -> np.ndarray:
    return legendre.legvander(np.asarray(x, np.float64) / _SCALE, degree)


def fit(x: np.ndarray, y: np.ndarray, degree: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Weighted least-squares coefficients of a degree-``degree`` polynomial for each data set.

    Args:
        x, y: (..., n) data sets (leading axes are batches).
        degree: in [0, MAX_DEGREE].
        weights: (..., n) non-negative sample weights (None: all 1); x, y and weights broadcast
            together.

    Returns:
        (..., degree + 1) coefficients in the Legendre basis of x / 2 (use :func:`predict`).

    Raises:
        ValueError: a degree out of range.
    """
    if not 0 <= degree <= MAX_DEGREE:
        raise ValueError(f"degree = {degree} is outside [0, {MAX_DEGREE}]")
    w = np.ones(()) if weights is None else np.asarray(weights, np.float64)
    x, y, w = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64), w)
    sw = np.sqrt(w)
    a = _basis(x, degree) * sw[..., None]
    return (np.linalg.pinv(a) @ (sw * y)[..., None])[..., 0]


def predict(coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The polynomials ``coef`` (..., d + 1) at inputs ``x``: shared inputs (m,), or each
    polynomial's own inputs (..., n) with the same leading axes as ``coef``.

    Returns:
        (..., m) or (..., n) values.
    """
    coef = np.asarray(coef)
    b = _basis(x, coef.shape[-1] - 1)
    if np.ndim(x) == 1:
        return coef @ b.T
    return np.einsum("...nd,...d->...n", b, coef)
