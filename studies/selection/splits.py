"""How data are split for validation: k-fold, one hold-out split, leave-one-out, bootstrap
resamples and rolling-origin (time-series) folds, as index arrays and as per-sample weights.

The k-fold and time-series rules are scikit-learn's (``KFold``, ``TimeSeriesSplit``): the tests
compare the indices with theirs. Weights are how the networks see a split (:mod:`.nets`): a
training set is a 0/1 mask over the data, a bootstrap resample a vector of counts.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "MAX_FOLDS",
    "bootstrap_counts",
    "fold_masks",
    "holdout_mask",
    "kfold_assignment",
    "kfold_tests",
    "rolling_origin",
]

MAX_FOLDS = 512


def kfold_tests(n: int, k: int, seed: int | None = None) -> list[np.ndarray]:
    """The test indices of each of the ``k`` folds of ``n`` samples (scikit-learn's ``KFold``).

    The first ``n % k`` folds hold ``n // k + 1`` samples, the others ``n // k``; without a seed
    they are consecutive blocks, with one the samples are shuffled first by
    ``np.random.RandomState(seed).permutation`` (what ``KFold(shuffle=True, random_state=seed)``
    does), and each fold's indices are sorted.

    Args:
        n: samples. k: folds, in [2, n].
        seed: shuffle with this seed; None keeps the order.

    Returns:
        k sorted index arrays that partition ``range(n)``.

    Raises:
        ValueError: k outside [2, n].
    """
    if not 2 <= k <= min(n, MAX_FOLDS):
        raise ValueError(f"k = {k} folds is outside [2, {min(n, MAX_FOLDS)}] for {n} samples")
    order = np.arange(n) if seed is None else np.random.RandomState(seed).permutation(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    ends = np.cumsum(sizes)
    return [np.sort(order[e - s : e]) for s, e in zip(sizes, ends, strict=True)]


def kfold_assignment(n: int, k: int, seed: int | None = None) -> np.ndarray:
    """The fold (0..k-1) that holds each sample out, (n,) int: :func:`kfold_tests` as labels."""
    fold = np.empty(n, np.int64)
    for j, test in enumerate(kfold_tests(n, k, seed)):
        fold[test] = j
    return fold


def fold_masks(fold: np.ndarray, k: int) -> np.ndarray:
    """Training masks (k, n) float32 of a fold assignment: 1 where a sample trains fold j."""
    return (np.asarray(fold)[None, :] != np.arange(k)[:, None]).astype(np.float32)


def holdout_mask(n: int, test_fraction: float, rng: np.random.Generator) -> np.ndarray:
    """One random hold-out split: True for the round(test_fraction * n) held-out samples, (n,)."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"hold-out fraction {test_fraction!r} is outside (0, 1)")
    n_test = min(max(1, round(test_fraction * n)), n - 1)
    held = np.zeros(n, bool)
    held[rng.permutation(n)[:n_test]] = True
    return held


def bootstrap_counts(rng: np.random.Generator, n: int, size: tuple[int, ...]) -> np.ndarray:
    """How often each of ``n`` samples is drawn in resamples of ``n`` draws with replacement:
    (*size, n) int64 counts, each row summing to ``n``."""
    return rng.multinomial(n, np.full(n, 1.0 / n), size=size)


def rolling_origin(
    n: int, n_splits: int, test_size: int | None = None, gap: int = 0, max_train_size: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Rolling-origin folds of a time-ordered series (scikit-learn's ``TimeSeriesSplit``).

    Fold j tests the block of ``test_size`` steps that starts at n - (n_splits - j) * test_size and
    trains on every step before it (less ``gap`` steps, at most the last ``max_train_size``), so no
    fold ever trains on a time after its test block.

    Args:
        n: steps. n_splits: folds (>= 2).
        test_size: steps per test block; default n // (n_splits + 1).
        gap: steps left out between the training part and the test block.
        max_train_size: keep at most this many of the latest training steps (a sliding window).

    Returns:
        [(train indices, test indices)] in time order.

    Raises:
        ValueError: when the blocks do not fit in the series.
    """
    if not 2 <= n_splits <= MAX_FOLDS:
        raise ValueError(f"n_splits = {n_splits} is outside [2, {MAX_FOLDS}]")
    test_size = n // (n_splits + 1) if test_size is None else test_size
    if test_size < 1 or n - gap - n_splits * test_size <= 0:
        raise ValueError(f"{n_splits} test blocks of {test_size} steps (gap {gap}) do not fit in {n} steps")
    out = []
    for start in range(n - n_splits * test_size, n, test_size):
        end_train = start - gap
        begin = 0 if max_train_size is None else max(0, end_train - max_train_size)
        out.append((np.arange(begin, end_train), np.arange(start, start + test_size)))
    return out
