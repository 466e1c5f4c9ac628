"""Small data sets made in code (no downloads) for the network landscapes.

Every set is drawn with NumPy from one seed, so the same arguments give the same arrays. The
train / test split is fixed by the seed too: ``n_train + n_test`` points are drawn together and
split by a seeded permutation. Label noise flips (classification) or replaces (regression) a
fraction of the TRAINING targets only; the test set stays clean, so the train/test gap measures how
much a solution memorised the noise.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

KINDS = ("moons", "circles", "spirals", "xor", "blobs", "regression")
MAX_POINTS = 50_000  # train + test
MAX_CLASSES = 8


class Dataset(NamedTuple):
    """A train / test pair. Classification: integer labels 0..n_classes-1; regression: floats."""

    name: str
    x_train: np.ndarray  # (n_train, d_in) float32 inputs
    y_train: np.ndarray  # (n_train,) int32 labels (after label noise) or float32 targets
    x_test: np.ndarray  # (n_test, d_in) float32
    y_test: np.ndarray  # (n_test,) clean labels / targets
    n_classes: int  # 0 for regression
    flipped: np.ndarray  # (n_train,) bool: this training target was corrupted by label noise

    @property
    def d_in(self) -> int:
        return int(self.x_train.shape[1])

    @property
    def is_classification(self) -> bool:
        return self.n_classes > 0

    @property
    def bounds(self) -> tuple[tuple[float, float], ...]:
        """A view (per input dimension) that holds every point with a 10% margin."""
        x = np.concatenate([self.x_train, self.x_test])
        lo, hi = x.min(axis=0), x.max(axis=0)
        pad = 0.1 * (hi - lo) + 1e-6
        return tuple((float(a - p), float(b + p)) for a, b, p in zip(lo, hi, pad, strict=True))


def _moons(rng, n, noise, classes):
    t = rng.uniform(0.0, np.pi, n)
    y = rng.integers(0, 2, n)
    x = np.where(
        y[:, None] == 0, np.stack([np.cos(t), np.sin(t)], 1), np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], 1)
    )
    return x + noise * rng.normal(size=(n, 2)), y


def _circles(rng, n, noise, classes):
    t = rng.uniform(0.0, 2 * np.pi, n)
    y = rng.integers(0, 2, n)
    r = np.where(y == 0, 1.0, 0.5)
    x = r[:, None] * np.stack([np.cos(t), np.sin(t)], 1)
    return x + noise * rng.normal(size=(n, 2)), y


def _spirals(rng, n, noise, classes):
    y = rng.integers(0, classes, n)
    s = rng.uniform(0.0, 1.0, n)  # position along the arm
    r = 0.15 + 0.85 * s
    angle = 3.0 * np.pi * s + 2 * np.pi * y / classes
    x = r[:, None] * np.stack([np.cos(angle), np.sin(angle)], 1)
    return x + noise * 0.5 * rng.normal(size=(n, 2)), y


def _xor(rng, n, noise, classes):
    x = rng.uniform(-1.0, 1.0, (n, 2))
    x = x + np.sign(x) * 0.1  # a small margin between the quadrants
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)
    return x + noise * rng.normal(size=(n, 2)), y


def _blobs(rng, n, noise, classes):
    y = rng.integers(0, classes, n)
    angle = 2 * np.pi * np.arange(classes) / classes
    centres = 1.5 * np.stack([np.cos(angle), np.sin(angle)], 1)
    return centres[y] + (0.3 + noise) * rng.normal(size=(n, 2)), y


def regression_curve(x: np.ndarray) -> np.ndarray:
    """The noiseless target of the 1-D regression set: sin(3x) + 0.3x on [-2, 2]."""
    return np.sin(3.0 * x) + 0.3 * x


def _regression(rng, n, noise, classes):
    x = rng.uniform(-2.0, 2.0, (n, 1))
    return x, regression_curve(x[:, 0]) + noise * rng.normal(size=n)


_MAKERS = {
    "moons": _moons,
    "circles": _circles,
    "spirals": _spirals,
    "xor": _xor,
    "blobs": _blobs,
    "regression": _regression,
}
_DEFAULT_CLASSES = {"moons": 2, "circles": 2, "spirals": 2, "xor": 2, "blobs": 3, "regression": 0}


def input_dim(name: str) -> int:
    """Input dimension of data set ``name`` (1 for the regression curve, 2 for the others)."""
    return 1 if name == "regression" else 2


def n_classes(name: str) -> int:
    """Default number of classes of data set ``name`` (0 for regression)."""
    return _DEFAULT_CLASSES[name]


def make(
    name: str = "moons",
    n_train: int = 2048,
    n_test: int = 2048,
    noise: float = 0.2,
    label_noise: float = 0.0,
    seed: int = 0,
    classes: int | None = None,
) -> Dataset:
    """Draw a data set.

    Args:
        name: one of :data:`KINDS`.
        n_train, n_test: sizes (each >= 1, together <= MAX_POINTS).
        noise: input noise (std of Gaussian jitter; for "regression" the target noise), in [0, 2].
        label_noise: fraction in [0, 0.5] of training targets corrupted: a classification label is
            replaced by a different class drawn uniformly; a regression target by a value drawn
            uniformly from the targets' range. The test set is never corrupted.
        seed: fixes the points, the split and the corruption.
        classes: number of classes for "spirals" and "blobs" (2..MAX_CLASSES); the others are fixed.

    Returns:
        :class:`Dataset` (float32 inputs).

    Raises:
        ValueError: an unknown name or a value out of range; the message names it.
    """
    if name not in _MAKERS:
        raise ValueError(f"Unknown data set {name!r}; choose one of: {', '.join(KINDS)}")
    for label, v in (("n_train", n_train), ("n_test", n_test)):
        if not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{label} must be a positive integer, got {v!r}")
    if n_train + n_test > MAX_POINTS:
        raise ValueError(f"n_train + n_test = {n_train + n_test} exceeds the limit of {MAX_POINTS}")
    if not 0.0 <= float(noise) <= 2.0:
        raise ValueError(f"noise = {noise!r} is outside [0, 2]")
    if not 0.0 <= float(label_noise) <= 0.5:
        raise ValueError(f"label_noise = {label_noise!r} is outside [0, 0.5]")
    k = _DEFAULT_CLASSES[name]
    if classes is not None and int(classes) != k:
        if name not in ("spirals", "blobs"):
            raise ValueError(
                f"{name} has a fixed number of classes ({k or 'regression'}); "
                "only spirals and blobs take `classes`"
            )
        if not 2 <= int(classes) <= MAX_CLASSES:
            raise ValueError(f"classes = {classes!r} is outside [2, {MAX_CLASSES}]")
        k = int(classes)
    rng = np.random.default_rng(np.random.SeedSequence([int(seed) % 2**32, KINDS.index(name)]))
    n = n_train + n_test
    x, y = _MAKERS[name](rng, n, float(noise), k)
    order = rng.permutation(n)
    x, y = x[order], y[order]
    x_tr, y_tr, x_te, y_te = x[:n_train], y[:n_train].copy(), x[n_train:], y[n_train:]
    flipped = rng.uniform(size=n_train) < float(label_noise)
    if k:
        shift = rng.integers(1, k, n_train)  # a different class, uniformly
        y_tr = np.where(flipped, (y_tr + shift) % k, y_tr)
        cast = lambda a: a.astype(np.int32)  # noqa: E731
    else:
        lo, hi = y.min(), y.max()
        y_tr = np.where(flipped, rng.uniform(lo, hi, n_train), y_tr)
        cast = lambda a: a.astype(np.float32)  # noqa: E731
    return Dataset(
        name=name,
        x_train=x_tr.astype(np.float32),
        y_train=cast(y_tr),
        x_test=x_te.astype(np.float32),
        y_test=cast(y_te),
        n_classes=k,
        flipped=flipped,
    )
