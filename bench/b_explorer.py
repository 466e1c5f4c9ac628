"""Benchmark of the Landscape explorer: the 512 x 512 x 500-step basin map against an idiomatic
vectorised NumPy version of the same runs (every start an array lane, a Python loop over the steps,
the same divergence bookkeeping and the same labels), and the critical points of a surface, warm.

Run: ``.venv/bin/python -m bench.b_explorer`` (or through ``python -m bench``). Prints; asserts nothing.
"""

from __future__ import annotations

import time

import numpy as np

import landscapes
from bench import verdict
from optimizers.simulate import ESCAPE_FACTOR
from studies import endings
from studies import explorer as ex

SIDE, STEPS, LR = 512, 500, 0.01
TARGET_S, TARGET_RATIO = 1.0, 20.0  # issue 13: < 1 s warm and >= 20x vectorised NumPy
CRIT_TARGET_S = 0.5


def _best_of(fn, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def numpy_himmelblau_map(b: ex.BasinMap, steps: int, lr: float, minima) -> np.ndarray:
    """GD on Himmelblau from every start of ``b``'s grid at once, labelled like :func:`ex.basin_map`."""
    w0 = b.starts().astype(np.float32)
    x, y = w0[:, 0].copy(), w0[:, 1].copy()
    lr = np.float32(lr)
    div = np.full(len(x), -1)
    lastx, lasty = x.copy(), y.copy()
    reach = np.float32(ESCAPE_FACTOR * 10.0)  # Himmelblau's view is [-5, 5]^2, centred at 0
    with np.errstate(all="ignore"):
        for t in range(steps):
            a, c = x * x + y - 11, x + y * y - 7
            gx, gy = 4 * x * a + 2 * c, 2 * a + 4 * y * c
            x, y = x - lr * gx, y - lr * gy
            loss = (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2
            # the runner's out-of-range test: farther than ESCAPE_FACTOR x the view's span from its centre
            bad = (div < 0) & ~(np.isfinite(loss) & (np.abs(x) <= reach) & (np.abs(y) <= reach))
            div[bad] = t + 1
            ok = div < 0
            lastx[ok], lasty[ok] = x[ok], y[ok]
    s = landscapes.get("himmelblau")
    return ex.label_endings(np.stack([lastx, lasty], axis=1), div, minima, s).reshape(b.label.shape)


def run() -> None:
    s = landscapes.get("himmelblau")
    found = endings.minima(s)
    b = ex.basin_map(s, "sgd", {"lr": LR}, n=SIDE, steps=STEPS, minima=found)  # compile
    ours = _best_of(lambda: ex.basin_map(s, "sgd", {"lr": LR * 1.01}, n=SIDE, steps=STEPS, minima=found))
    t = time.perf_counter()
    ref = numpy_himmelblau_map(b, STEPS, LR, found)
    numpy_s = time.perf_counter() - t
    agree = float(np.mean(ref == b.label))
    ratio = numpy_s / ours
    print(f"basin map {SIDE} x {SIDE} starts x {STEPS} steps (GD on Himmelblau), warm, new lr:")
    print(f"  ours {ours:.3f} s  [{verdict(ours, TARGET_S, higher_is_better=False)} < {TARGET_S} s]")
    print(
        f"  vectorised NumPy {numpy_s:.2f} s  ratio {ratio:.1f}x"
        f"  [{verdict(ratio, TARGET_RATIO)} >= {TARGET_RATIO}x]"
    )
    print(f"  labels agree with NumPy's on {agree:.2%} of the pixels")
    for name in ("himmelblau", "six_hump_camel", "monkey_saddle"):
        surf = landscapes.get(name)
        ex.critical_view(surf)
        warm = _best_of(lambda surf=surf: ex.critical_view(surf))
        print(
            f"critical points of {name}, warm: {warm:.3f} s"
            f"  [{verdict(warm, CRIT_TARGET_S, False)} < {CRIT_TARGET_S} s]"
        )


if __name__ == "__main__":
    import optimizers

    optimizers.tune_cpu_loops()
    run()
