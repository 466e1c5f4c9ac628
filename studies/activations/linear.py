"""Why non-linearity: a stack of linear layers is one linear map (its product matrix), so its decision
boundary is a straight line however deep it is; the same stack with an activation between the layers
fits two moons.

Both networks have the same structure and the same initial weights and are trained the same way
(full-batch Adam); only the activation differs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax.numpy as jnp
import numpy as np

from landscapes import activations as acts
from landscapes import deep

from . import _train, training

RECORDS = 40
GRID = 80


class LinearConfig(NamedTuple):
    """The comparison (hashable)."""

    dataset: str = "moons"
    n_train: int = 512
    noise: float = 0.15
    width: int = 16
    depth: int = 3
    activation: str = "tanh"
    lr: float = 0.01
    steps: int = 1000
    seed: int = 0


class Collapse(NamedTuple):
    """The linear stack as the one layer it computes: out = x @ matrix + offset."""

    matrix: np.ndarray  # (d_in, d_out) product of the weight matrices
    offset: np.ndarray  # (d_out,) the biases carried through the later layers


class LinearView(NamedTuple):
    """What the view draws; index 0 is the linear stack, 1 the one with the activation."""

    config: LinearConfig
    record_steps: np.ndarray  # (T + 1,)
    loss: np.ndarray  # (2, T + 1)
    accuracy: np.ndarray  # (2, T + 1)
    collapse: Collapse  # of the trained linear stack
    layer_shapes: tuple[tuple[int, int], ...]  # the stack's weight matrices, input first
    xs: np.ndarray  # (GRID,) grid axes over the data
    ys: np.ndarray  # (GRID,)
    prob: np.ndarray  # (2, GRID, GRID) probability of class 1
    x_train: np.ndarray
    y_train: np.ndarray


def collapse(p: dict) -> Collapse:
    """The product matrix and offset of a linear stack's parameters ``p`` (:mod:`landscapes.deep`,
    no normalization): x W_in + b_in, then (.) W_l + b_l for each hidden layer, then the output."""
    mats = deep.hidden_weights(p) + [p["w_out"]]
    biases = [p["b_in"]] + [p["b"][i] for i in range(p["b"].shape[0])] + [p["b_out"]]
    m = np.asarray(mats[0], np.float64)
    c = np.asarray(biases[0], np.float64)
    for w, b in zip(mats[1:], biases[1:], strict=True):
        w = np.asarray(w, np.float64)
        m, c = m @ w, c @ w + np.asarray(b, np.float64)
    return Collapse(m, c)


def validate(cfg: LinearConfig) -> None:
    """Raise ValueError naming the first bad value of ``cfg``."""
    acts.check_activation(cfg.activation)
    if not 1 <= cfg.depth <= 10 or not 2 <= cfg.width <= 64:
        raise ValueError(f"depth = {cfg.depth} (1-10) or width = {cfg.width} (2-64) out of range")
    if not 1e-4 <= cfg.lr <= 1.0 or not 10 <= cfg.steps <= 5000:
        raise ValueError(f"lr = {cfg.lr} (1e-4-1) or steps = {cfg.steps} (10-5000) out of range")


def run(cfg: LinearConfig, progress: Callable[[float, tuple], None] | None = None) -> LinearView:
    """Train the linear stack and the non-linear one (same initial weights, Adam, full batch).

    Args:
        cfg: the comparison (checked).
        progress: called once at the start, ``progress(0.0, ("linear", 0, 0, 0))``.

    Returns:
        :class:`LinearView`.
    """
    validate(cfg)
    if progress is not None:
        progress(0.0, ("linear", 0, 0, 0))
    ds = training.make_data(cfg)
    hp = _train.full_hp("adam", {"lr": cfg.lr}, 1)
    (x0, x1), (y0, y1) = ds.bounds
    xs, ys = np.linspace(x0, x1, GRID, dtype=np.float32), np.linspace(y0, y1, GRID, dtype=np.float32)
    gx, gy = np.meshgrid(xs, ys)
    pts = jnp.asarray(np.stack([gx.ravel(), gy.ravel()], 1))
    curves, probs, lin = [], [], None
    for name in (acts.LINEAR, cfg.activation):
        spec = training.spec_for(ds, cfg.width, cfg.depth, name)
        r = _train.train_runs(
            spec,
            "adam",
            "xavier",
            "normal",
            cfg.n_train,
            cfg.steps,
            RECORDS,
            ds.x_train,
            ds.y_train,
            hp,
            np.ones(1),
            np.zeros(1),
            np.array([cfg.seed]),
        )
        p = deep.unflatten(spec, jnp.asarray(r.w_final[0]))
        logits = np.asarray(deep.forward(spec, p, pts)[0][:, 0])
        probs.append((1.0 / (1.0 + np.exp(-logits))).reshape(GRID, GRID))
        curves.append((r.loss[0], r.accuracy[0]))
        if name == acts.LINEAR:
            lin = p
            steps = r.record_steps
    shapes = tuple(tuple(int(s) for s in np.shape(w)) for w in deep.hidden_weights(lin) + [lin["w_out"]])
    return LinearView(
        cfg,
        steps,
        np.stack([c[0] for c in curves]),
        np.stack([c[1] for c in curves]),
        collapse(lin),
        shapes,
        xs,
        ys,
        np.stack(probs),
        ds.x_train,
        ds.y_train,
    )
