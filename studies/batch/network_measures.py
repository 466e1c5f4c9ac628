"""What the network study measures on its trained solutions (:class:`~studies.batch.network.StudyResult`).

Per solution: the top Hessian eigenvalue and Keskar's epsilon-sharpness (:mod:`studies.sharpness`);
the 1-D interpolation between the smallest- and largest-batch solutions of each seed (Keskar et al.,
Fig. 3); 2-D filter-normalised slices (:mod:`studies.slices`) and decision boundaries around one
seed's solutions; and the per-batch-size summary (means and standard deviations over seeds) whose
gap is test - train loss and train - test accuracy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from landscapes import data as data_mod
from landscapes import mlp
from studies import sharpness, slices

from .network import StudyResult, evaluate, make_spec

__all__ = [
    "EPSILONS",
    "Interpolation",
    "Sharpness",
    "Slices",
    "decision_grids",
    "interpolation",
    "measure_sharpness",
    "slices_2d",
    "summary",
]

EPSILONS = (1e-3, 5e-4)  # box sizes of the epsilon-sharpness


class Sharpness(NamedTuple):
    """Sharpness of every solution of a study. Axes: batch size, seed."""

    top_eig: np.ndarray  # (nB, S) largest Hessian eigenvalue of the training loss
    eps_sharpness: np.ndarray  # (nB, S, E) Keskar's measure, one column per epsilon
    epsilons: tuple[float, ...]


@partial(jax.jit, static_argnames=("spec", "iters", "steps", "starts", "symmetric"))
def _sharpness_all(spec, ws, data, epsilons, key, iters, steps, starts, symmetric):
    obj = mlp.Objective(spec)
    args = (data[0], data[1])

    def one(w):
        eig = sharpness.lanczos(obj, w, args, key, iters=iters)[-1]
        eps_vals = jax.vmap(
            lambda e: sharpness.eps_sharpness(
                obj, w, args, e, key, steps=steps, starts=starts, symmetric=symmetric
            )[0]
        )(epsilons)
        return eig, eps_vals

    return jax.lax.map(one, ws)


def measure_sharpness(
    result: StudyResult,
    ds: data_mod.Dataset,
    *,
    epsilons: Sequence[float] = EPSILONS,
    iters: int = 20,
    steps: int = 20,
    starts: int = 3,
    symmetric: bool = False,
    seed: int = 0,
) -> Sharpness:
    """Top Hessian eigenvalue (Lanczos) and epsilon-sharpness of every solution, on the training set.

    Args:
        result: a trained study.
        ds: its data set.
        epsilons: box sizes for the epsilon-sharpness.
        iters: Lanczos steps (Hessian-vector products).
        steps, starts: projected ascent steps and starts per epsilon.
        symmetric: use the symmetric form (see :func:`studies.sharpness.eps_sharpness`).
        seed: seed of the Lanczos start and the random ascent starts.

    Returns:
        :class:`Sharpness`.
    """
    spec = make_spec(result.config, ds)
    nb, s, d = result.final_w.shape
    data = (jnp.asarray(ds.x_train), jnp.asarray(ds.y_train))
    eig, eps_vals = _sharpness_all(
        spec,
        jnp.asarray(result.final_w.reshape(nb * s, d)),
        data,
        jnp.asarray(epsilons, jnp.float32),
        jax.random.PRNGKey(seed),
        iters,
        steps,
        starts,
        symmetric,
    )
    return Sharpness(
        np.asarray(eig).reshape(nb, s),
        np.asarray(eps_vals).reshape(nb, s, -1),
        tuple(float(e) for e in epsilons),
    )


class Interpolation(NamedTuple):
    """Loss and accuracy along alpha * w_large + (1 - alpha) * w_small, one row per seed."""

    alphas: np.ndarray  # (A,)
    train_loss: np.ndarray  # (S, A)
    test_loss: np.ndarray  # (S, A)
    train_acc: np.ndarray  # (S, A)
    test_acc: np.ndarray  # (S, A)
    small: int  # batch size at alpha = 0
    large: int  # batch size at alpha = 1


@partial(jax.jit, static_argnames=("spec",))
def _interp_all(spec, w_small, w_large, alphas, data):
    def one(wa, wb):
        return jax.vmap(lambda a: evaluate(spec, (1.0 - a) * wa + a * wb, data))(alphas)

    return jax.vmap(one)(w_small, w_large)


def interpolation(
    result: StudyResult,
    ds: data_mod.Dataset,
    *,
    small: int | None = None,
    large: int | None = None,
    n: int = 61,
    lo: float = -1.0,
    hi: float = 2.0,
) -> Interpolation:
    """Keskar et al.'s Fig. 3: the straight line from the small-batch to the large-batch solution.

    Args:
        result, ds: a trained study and its data.
        small, large: batch sizes at alpha = 0 and 1 (default: the smallest and the largest).
        n: points in [lo, hi].

    Returns:
        :class:`Interpolation` (each seed pairs its own two solutions, which share an init).

    Raises:
        ValueError: a batch size that is not in the study.
    """
    bs = list(result.batch_sizes)
    small = min(bs) if small is None else small
    large = max(bs) if large is None else large
    for b in (small, large):
        if b not in bs:
            raise ValueError(f"batch size {b} is not in the study; choose one of: {bs}")
    spec = make_spec(result.config, ds)
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    alphas = np.linspace(lo, hi, n).astype(np.float32)
    out = np.asarray(
        _interp_all(
            spec,
            jnp.asarray(result.final_w[bs.index(small)]),
            jnp.asarray(result.final_w[bs.index(large)]),
            jnp.asarray(alphas),
            data,
        )
    )
    return Interpolation(alphas, out[..., 0], out[..., 1], out[..., 2], out[..., 3], int(small), int(large))


class Slices(NamedTuple):
    """2-D filter-normalised slices around one seed's solutions, one per batch size."""

    coords: np.ndarray  # (n,) offsets along each direction
    train: np.ndarray  # (nB, n, n) training loss; rows follow direction 2
    test: np.ndarray  # (nB, n, n) test loss
    batch_sizes: np.ndarray  # (nB,)


@partial(jax.jit, static_argnames=("spec",))
def _slices_all(spec, ws, coords, key, data):
    obj = mlp.Objective(spec)
    k1, k2 = jax.random.split(key)

    def one(w):
        d1 = slices.random_direction(spec, w, k1)
        d2 = slices.random_direction(spec, w, k2)
        return (
            slices.slice_2d(obj, w, d1, d2, coords, (data[0], data[1])),
            slices.slice_2d(obj, w, d1, d2, coords, (data[2], data[3])),
        )

    return jax.lax.map(one, ws)


def slices_2d(
    result: StudyResult,
    ds: data_mod.Dataset,
    *,
    seed_index: int = 0,
    n: int = 31,
    span: float = 1.0,
    direction_seed: int = 0,
) -> Slices:
    """Filter-normalised 2-D slices (Li et al. 2018) around each batch size's solution of one seed.

    Every solution uses the same two Gaussian draws (``direction_seed``), each rescaled filter by
    filter to that solution's weights, so the pictures are comparable on one colour scale.

    Args:
        result, ds: a trained study and its data.
        seed_index: which seed's solutions.
        n: grid points per axis (3..MAX_SLICE_GRID).
        span: the grid covers [-span, span] in units of the filter-normalised directions.
        direction_seed: seed of the two random directions.

    Returns:
        :class:`Slices`.

    Raises:
        ValueError: a bad seed index, grid size or span.
    """
    if not 0 <= seed_index < result.final_w.shape[1]:
        raise ValueError(f"seed_index = {seed_index} is outside [0, {result.final_w.shape[1] - 1}]")
    if not 3 <= n <= slices.MAX_SLICE_GRID:
        raise ValueError(f"grid size n = {n} is outside [3, {slices.MAX_SLICE_GRID}]")
    if not 0 < span <= 10:
        raise ValueError(f"span = {span} is outside (0, 10]")
    spec = make_spec(result.config, ds)
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    coords = np.linspace(-span, span, n).astype(np.float32)
    tr, te = _slices_all(
        spec,
        jnp.asarray(result.final_w[:, seed_index]),
        jnp.asarray(coords),
        jax.random.PRNGKey(direction_seed),
        data,
    )
    return Slices(coords, np.asarray(tr), np.asarray(te), result.batch_sizes)


@partial(jax.jit, static_argnames=("spec",))
def _outputs_all(spec, ws, points):
    def one(w):
        out = mlp.apply(spec, mlp.unflatten(spec, w), points)
        if spec.n_classes == 2:
            return jax.nn.sigmoid(out[:, :1])
        if spec.n_classes > 2:
            return jax.nn.softmax(out, axis=-1)
        return out

    return jax.lax.map(one, ws)


def decision_grids(result: StudyResult, ds: data_mod.Dataset, *, seed_index: int = 0, n: int = 101):
    """Each batch size's solution (one seed) evaluated on a grid over the data.

    Returns:
        (axes, values). For 2-D inputs: axes = (xs (n,), ys (n,)) and values (nB, n, n, K): class
        probabilities (K = 1: probability of class 1 for binary problems). For 1-D regression:
        axes = (xs (n,),) and values (nB, n, 1): the network's prediction.

    Raises:
        ValueError: inputs that are neither 1-D nor 2-D, or a bad seed index / grid size.
    """
    if not 0 <= seed_index < result.final_w.shape[1]:
        raise ValueError(f"seed_index = {seed_index} is outside [0, {result.final_w.shape[1] - 1}]")
    if not 2 <= n <= 400:
        raise ValueError(f"grid size n = {n} is outside [2, 400]")
    spec = make_spec(result.config, ds)
    ws = jnp.asarray(result.final_w[:, seed_index])
    bounds = ds.bounds
    if ds.d_in == 1:
        xs = np.linspace(*bounds[0], n).astype(np.float32)
        return (xs,), np.asarray(_outputs_all(spec, ws, jnp.asarray(xs[:, None])))
    if ds.d_in != 2:
        raise ValueError(f"decision boundaries need 1-D or 2-D inputs, got {ds.d_in}-D")
    xs = np.linspace(*bounds[0], n).astype(np.float32)
    ys = np.linspace(*bounds[1], n).astype(np.float32)
    gx, gy = np.meshgrid(xs, ys)
    pts = jnp.asarray(np.stack([gx.ravel(), gy.ravel()], 1))
    vals = np.asarray(_outputs_all(spec, ws, pts))
    return (xs, ys), vals.reshape(len(ws), n, n, -1)


def summary(result: StudyResult, sharp: Sharpness | None = None) -> dict[str, np.ndarray]:
    """Per-batch-size means and standard deviations over seeds (diverged runs excluded).

    Returns:
        name -> (nB, 2) array of (mean, std) for: train_loss, test_loss, gap_loss, train_acc,
        test_acc, gap_acc, and, given ``sharp``, top_eig and eps_sharpness_<eps>.
    """
    cols = {
        "train_loss": result.train_loss[..., -1],
        "test_loss": result.test_loss[..., -1],
        "gap_loss": result.gap_loss,
        "train_acc": result.train_acc[..., -1],
        "test_acc": result.test_acc[..., -1],
        "gap_acc": result.gap_acc,
    }
    if sharp is not None:
        cols["top_eig"] = sharp.top_eig
        for j, e in enumerate(sharp.epsilons):
            cols[f"eps_sharpness_{e:g}"] = sharp.eps_sharpness[..., j]
    ok = ~result.diverged
    out = {}
    for name, a in cols.items():
        a = np.where(ok, a, np.nan)
        with np.errstate(invalid="ignore"):
            cnt = np.sum(np.isfinite(a), axis=1)
            mean = np.where(cnt > 0, np.nansum(a, axis=1) / np.maximum(cnt, 1), np.nan)
            var = np.nansum((a - mean[:, None]) ** 2, axis=1) / np.maximum(cnt, 1)
        out[name] = np.stack([mean, np.sqrt(var)], axis=1)
    return out
