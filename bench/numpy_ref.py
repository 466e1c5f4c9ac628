"""Plain NumPy implementations of the project's update rules: the benchmark's baseline.

Written from the equations (torch.optim's forms, as the project runs them), not from the JAX code.
Every step function is shape-generic: ``w`` is ``(2,)`` for one run (the loop form) or ``(R, 2)``
for R runs at once (the vectorised form; hyperparameters then broadcast as ``(R, 1)`` columns).
Runs follow the project's semantics: a run whose loss or position turns non-finite, or leaves the
view by more than 100 view spans, stops, is marked with the step, and holds NaN afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Grad = Callable[[np.ndarray], np.ndarray]

# ---------------------------------------------------------------- surfaces (value, gradient)


def rosenbrock(w: np.ndarray) -> np.ndarray:
    x, y = w[..., 0], w[..., 1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosenbrock_grad(w: np.ndarray) -> np.ndarray:
    x, y = w[..., 0], w[..., 1]
    return np.stack([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], axis=-1)


def himmelblau(w: np.ndarray) -> np.ndarray:
    x, y = w[..., 0], w[..., 1]
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def himmelblau_grad(w: np.ndarray) -> np.ndarray:
    x, y = w[..., 0], w[..., 1]
    a, b = x * x + y - 11, x + y * y - 7
    return np.stack([4 * x * a + 2 * b, 2 * a + 4 * y * b], axis=-1)


def minibatch_grad(grad: Grad, n_samples: int, batch: int, noise: float, seed: int) -> Grad:
    """``grad`` plus the mean of ``batch`` of ``n_samples`` fixed per-sample offsets, drawn without
    replacement afresh at every call (one call per step for every rule but SAM): the project's
    mini-batch model (``optimizers.runner``), written the NumPy way with ``Generator.choice``."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((n_samples, 2))
    u = (u - u.mean(0)) / u.std(0) * noise

    def noisy(w: np.ndarray) -> np.ndarray:
        return grad(w) + u[rng.choice(n_samples, batch, replace=False)].mean(0)

    return noisy


# ---------------------------------------------------------------- update rules


def _norm(g: np.ndarray) -> np.ndarray:
    return np.sqrt(np.sum(g * g, axis=-1, keepdims=True))


def init(name: str, w: np.ndarray) -> dict[str, Any]:
    z = np.zeros_like(w)
    return {
        "sgd": {},
        "momentum": {"v": z},
        "nag": {"v": z},
        "adagrad": {"G": None},  # filled from the initial accumulator at the first step
        "adadelta": {"Eg2": z, "Edx2": z.copy()},
        "rmsprop": {"v": z},
        "adam": {"m": z, "v": z.copy(), "t": 0},
        "adamw": {"m": z, "v": z.copy(), "t": 0},
        "nadam": {"m": z, "v": z.copy(), "t": 0, "mu_prod": 1.0},
        "sam": {"v": z},
    }[name]


def step(name: str, w: np.ndarray, s: dict[str, Any], grad: Grad, hp: dict[str, Any]) -> np.ndarray:
    """One update of rule ``name``; updates the state dict ``s`` in place and returns the new w."""
    lr = hp["lr"]
    if name == "sgd":
        return w - lr * grad(w)
    if name == "momentum":
        s["v"] = hp["momentum"] * s["v"] + grad(w)
        return w - lr * s["v"]
    if name == "nag":
        g = grad(w - lr * hp["momentum"] * s["v"])
        s["v"] = hp["momentum"] * s["v"] + g
        return w - lr * s["v"]
    if name == "adagrad":
        g = grad(w)
        G0 = hp["initial_accumulator"] * np.ones_like(w) if s["G"] is None else s["G"]
        s["G"] = G0 + g * g
        return w - lr * g / (np.sqrt(s["G"]) + hp["eps"])
    if name == "adadelta":
        rho, eps, g = hp["rho"], hp["eps"], grad(w)
        s["Eg2"] = rho * s["Eg2"] + (1 - rho) * g * g
        dx = np.sqrt(s["Edx2"] + eps) / np.sqrt(s["Eg2"] + eps) * g
        s["Edx2"] = rho * s["Edx2"] + (1 - rho) * dx * dx
        return w - lr * dx
    if name == "rmsprop":
        g = grad(w)
        s["v"] = hp["alpha"] * s["v"] + (1 - hp["alpha"]) * g * g
        return w - lr * g / (np.sqrt(s["v"]) + hp["eps"])
    if name in ("adam", "adamw", "nadam"):
        b1, b2, g = hp["b1"], hp["b2"], grad(w)
        s["t"] += 1
        t = s["t"]
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["v"] = b2 * s["v"] + (1 - b2) * g * g
        if name == "nadam":
            mu = b1 * (1 - 0.5 * 0.96 ** (t * hp["momentum_decay"]))
            mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * hp["momentum_decay"]))
            s["mu_prod"] = s["mu_prod"] * mu
            denom = np.sqrt(s["v"] / (1 - b2**t)) + hp["eps"]
            return (
                w
                - lr * (1 - mu) / (1 - s["mu_prod"]) * g / denom
                - lr * mu_next / (1 - s["mu_prod"] * mu_next) * s["m"] / denom
            )
        direction = (s["m"] / (1 - b1**t)) / (np.sqrt(s["v"] / (1 - b2**t)) + hp["eps"])
        if name == "adamw":
            w = w * (1 - lr * hp["weight_decay"])
        return w - lr * direction
    if name == "sam":
        g = grad(w)
        g_sam = grad(w + hp["rho"] * g / (_norm(g) + 1e-12))
        s["v"] = hp["momentum"] * s["v"] + g_sam
        return w - lr * s["v"]
    raise ValueError(f"unknown rule {name!r}")


# ---------------------------------------------------------------- drivers


def run_loop(name: str, hp: dict[str, float], start, steps: int, f, grad: Grad, view) -> dict[str, Any]:
    """One run, one step at a time, recording path, loss and gradient norm (the loop baseline).

    ``view`` = (centre (2,), reach): farther than ``reach`` from ``centre`` counts as diverged.
    """
    mid, reach = view
    w = np.array(start, dtype=np.float64)
    s = init(name, w)
    path = np.full((steps + 1, 2), np.nan)
    loss = np.full(steps + 1, np.nan)
    gnorm = np.full(steps + 1, np.nan)
    path[0], loss[0], gnorm[0] = w, f(w), np.linalg.norm(grad(w))
    diverged_at = -1
    with np.errstate(all="ignore"):
        for t in range(steps):
            w = step(name, w, s, grad, hp)
            fw = f(w)
            if not (np.isfinite(fw) and np.all(np.isfinite(w)) and np.all(np.abs(w - mid) <= reach)):
                diverged_at = t + 1
                break
            path[t + 1], loss[t + 1], gnorm[t + 1] = w, fw, np.linalg.norm(grad(w))
    return {"path": path, "loss": loss, "grad_norm": gnorm, "diverged_at": diverged_at}


def run_vectorised(
    name: str, hp: dict[str, Any], starts: np.ndarray, steps: int, f, grad: Grad, view, dtype=np.float32
):
    """R runs of one rule at once on ``(R, 2)`` arrays, keeping only the final state (the study form).

    Hyperparameters may be scalars or ``(R,)`` arrays. ``dtype`` float32 matches the project's default
    precision. Returns final positions (last finite), final losses and the step at which each run
    diverged (-1 if never).
    """
    mid, reach = np.asarray(view[0], dtype), dtype(view[1])
    hp = {k: (np.asarray(v, dtype)[:, None] if np.ndim(v) else v) for k, v in hp.items()}
    w = np.array(starts, dtype=dtype)
    s = init(name, w)
    loss = f(w)
    alive = np.isfinite(loss) & np.all(np.isfinite(w), axis=-1)
    diverged_at = np.where(alive, -1, 0)
    with np.errstate(all="ignore"):
        for t in range(steps):
            w_new = step(name, w, s, grad, hp)
            loss_new = f(w_new)
            escaped = np.any(~np.isfinite(w_new) | (np.abs(w_new - mid) > reach), axis=-1)
            bad = ~np.isfinite(loss_new) | escaped
            diverged_at[alive & bad] = t + 1
            alive &= ~bad
            keep = alive[:, None]
            # a stopped run keeps its last finite position; its state no longer matters
            w = np.where(keep, w_new, w)
            loss = np.where(alive, loss_new, loss)
    return {"final_w": w, "final_loss": loss, "diverged_at": diverged_at}
