"""Benchmark of the learning-rate lab: the 4,096-rate sweep and the 128 x 128 phase map, each
against an idiomatic vectorised NumPy version of the same computation (all runs as array lanes,
a Python loop over steps, the same divergence / arrival bookkeeping and the same rate fit).

Run: ``.venv/bin/python -m bench.b_lr`` (or through ``python -m bench``). Prints; asserts nothing.
"""

from __future__ import annotations

import time

import numpy as np

import landscapes
import optimizers
import studies
from bench import numpy_ref, verdict
from optimizers import runner

SWEEP_RATES, SWEEP_STEPS = 4096, 1000
SWEEP4 = ("sgd", "momentum", "nag", "adam")
TARGET_RATIO, TARGET_S = 10.0, 1.0  # issue 4: >= 10x vectorised NumPy and < 1 s warm
PHASE_SIDE, PHASE_STEPS = 128, 200


def _best_of(fn, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def numpy_sweep(lrs: np.ndarray, steps: int, start=(-1.5, 2.0), target: float = 1e-3, reach: float = 400.0):
    """GD on Rosenbrock for every rate at once: final loss, steps to target, divergence step."""
    x = np.full(lrs.shape, start[0], np.float32)
    y = np.full(lrs.shape, start[1], np.float32)
    lr = lrs.astype(np.float32)
    loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
    alive = np.ones(lrs.shape, bool)
    div = np.full(lrs.shape, -1)
    hit = np.full(lrs.shape, -1)
    with np.errstate(all="ignore"):
        for t in range(steps):
            r = y - x * x
            nx = x - lr * (-2 * (1 - x) - 400 * x * r)
            ny = y - lr * (200 * r)
            nl = (1 - nx) ** 2 + 100 * (ny - nx * nx) ** 2
            bad = ~np.isfinite(nl) | (np.abs(nx) > reach) | (np.abs(ny - 1) > reach)
            move = alive & ~bad
            div[alive & bad] = t + 1
            hit[(hit < 0) & move & (nl <= target)] = t + 1
            x, y, loss = np.where(move, nx, x), np.where(move, ny, y), np.where(move, nl, loss)
            alive &= ~bad
    return loss, hit, div


def numpy_phase(
    lrs: np.ndarray, mus: np.ndarray, steps: int, kappa: float = 100.0, start=(-2.5, 1.5), stride: int = 1
):
    """Heavy ball on 0.5 (x^2 + kappa y^2) over the (mu, lr) grid, every ``stride``-th iterate kept
    (as studies.phase_map keeps them), rate fitted."""
    ll, mm = (a.ravel().astype(np.float32) for a in np.meshgrid(lrs, mus))
    w = np.tile(np.array(start, np.float32), (ll.size, 1))
    v = np.zeros_like(w)
    h = np.array([1.0, kappa], np.float32)
    path = np.empty((ll.size, steps // stride + 1, 2), np.float32)
    path[:, 0] = w
    alive = np.ones(ll.size, bool)
    with np.errstate(all="ignore"):
        for t in range(steps):
            v = mm[:, None] * v + h * w
            w = w - ll[:, None] * v
            alive &= np.all(np.isfinite(w), axis=1) & np.all(np.abs(w) < 600, axis=1)
            if (t + 1) % stride == 0:
                path[:, (t + 1) // stride] = np.where(alive[:, None], w, np.nan)
        # The same fit as studies.measured_rate: envelope of distances to the minimum, tail slope.
        d = np.linalg.norm(path[:, 1:], axis=2)
        env = np.maximum.accumulate(d[:, ::-1], axis=1)[:, ::-1]
        floor = np.maximum(1e-5 * env[:, :1], 8 * np.finfo(np.float32).eps * (1 + np.abs(path[:, 1:]).max(2)))
        usable = np.cumprod(env > floor, axis=1).astype(bool)
        n_use = usable.sum(1)
        j = np.arange(steps // stride, dtype=np.float32)[None]
        k = (j + 1) * stride - 1  # in steps
        win = usable & (j >= np.maximum(n_use // 2, 1)[:, None])
        wt = win.astype(np.float32)
        n = np.maximum(wt.sum(1), 1)
        y = np.log(np.where(win, env, 1.0))
        kb, yb = (wt * k).sum(1) / n, (wt * y).sum(1) / n
        slope = (wt * (k - kb[:, None]) * (y - yb[:, None])).sum(1) / np.maximum(
            (wt * (k - kb[:, None]) ** 2).sum(1), 1e-30
        )
    return np.where(alive, np.exp(slope), np.nan).reshape(mus.size, lrs.size)


def numpy_sweep4(lrs: np.ndarray, steps: int, land, start=(-1.5, 2.0)) -> list[dict]:
    """The four-optimizer sweep with bench.numpy_ref's vectorised rules (final values, divergence)."""
    (x0, x1), (y0, y1) = land.bounds
    view = (np.array([(x0 + x1) / 2, (y0 + y1) / 2]), runner.ESCAPE_FACTOR * max(x1 - x0, y1 - y0))
    starts = np.tile(np.array(start), (lrs.size, 1))
    return [
        numpy_ref.run_vectorised(
            name,
            {**optimizers.get(name).defaults, "lr": lrs},
            starts,
            steps,
            numpy_ref.rosenbrock,
            numpy_ref.rosenbrock_grad,
            view,
        )
        for name in SWEEP4
    ]


def _line(ours: float, base: float) -> str:
    ratio = base / ours
    return (
        f"warm {ours * 1e3:.0f} ms; NumPy {base * 1e3:.0f} ms -> {ratio:.1f}x "
        f"(target >= {TARGET_RATIO:g}x {verdict(ratio, TARGET_RATIO)}; "
        f"< {TARGET_S:g} s {verdict(ours, TARGET_S, higher_is_better=False)})"
    )


def run() -> dict[str, float]:
    """Time both studies warm (best of 3) against NumPy and print the figures."""
    ros = landscapes.get("rosenbrock")
    quad = landscapes.get("quadratic").with_params(condition=100.0)
    out: dict[str, float] = {}

    lrs = np.geomspace(1e-5, 1e-2, SWEEP_RATES)
    sweep = lambda names: studies.lr_sweep(  # noqa: E731
        ros, names, lr_range=(1e-5, 1e-2), n=SWEEP_RATES, steps=SWEEP_STEPS, start=(-1.5, 2.0)
    )
    t0 = time.perf_counter()
    sw = sweep(["sgd"])
    out["sweep_first_s"] = time.perf_counter() - t0
    out["sweep_jax_s"] = _best_of(lambda: sweep(["sgd"]))
    out["sweep_numpy_s"] = _best_of(lambda: numpy_sweep(lrs, SWEEP_STEPS), repeat=2)
    nl, nh, nd = numpy_sweep(lrs, SWEEP_STEPS)
    agree = np.mean(
        np.isclose(sw.final_loss[0], nl, rtol=1e-3, atol=1e-6) | ((sw.diverged_at[0] >= 0) & (nd >= 0))
    )
    sw4 = sweep(list(SWEEP4))
    out["sweep4_jax_s"] = _best_of(lambda: sweep(list(SWEEP4)))
    out["sweep4_numpy_s"] = _best_of(lambda: numpy_sweep4(lrs, SWEEP_STEPS, ros), repeat=1)
    ref4 = numpy_sweep4(lrs, SWEEP_STEPS, ros)
    same4 = np.mean([(sw4.diverged_at[i] >= 0) == (r["diverged_at"] >= 0) for i, r in enumerate(ref4)])

    phase = lambda: studies.phase_map(  # noqa: E731
        quad,
        "momentum",
        lr_range=(1e-4, 0.1),
        second_range=(0.0, 0.99),
        n_lr=PHASE_SIDE,
        n_second=PHASE_SIDE,
        steps=PHASE_STEPS,
        start=(-2.5, 1.5),
    )
    t0 = time.perf_counter()
    pm = phase()
    out["phase_first_s"] = time.perf_counter() - t0
    out["phase_jax_s"] = _best_of(phase)
    stride = studies.path_stride(PHASE_STEPS)
    run_np = lambda: numpy_phase(pm.lrs, pm.second, PHASE_STEPS, stride=stride)  # noqa: E731
    out["phase_numpy_s"] = _best_of(run_np, repeat=2)
    nrate = run_np()
    both = np.isfinite(nrate) & np.isfinite(pm.rate)
    rate_diff = float(np.nanmax(np.abs(nrate - pm.rate)[both]))

    print(f"lr sweep: {SWEEP_RATES} rates x {SWEEP_STEPS} steps (Rosenbrock, one run_batch call each)")
    print(
        f"  GD: first call (compile) {out['sweep_first_s']:.2f} s; "
        f"{_line(out['sweep_jax_s'], out['sweep_numpy_s'])}; final losses agree on {agree:.1%} of rates"
    )
    print(
        f"  {' + '.join(SWEEP4)}: {_line(out['sweep4_jax_s'], out['sweep4_numpy_s'])}; "
        f"same divergence verdict for {same4:.1%} of rates"
    )
    print(
        f"phase map: {PHASE_SIDE} x {PHASE_SIDE} (lr, mu) x {PHASE_STEPS} steps, heavy ball, kappa 100, "
        f"every {stride}th iterate fitted"
    )
    print(
        f"  first call (compile) {out['phase_first_s']:.2f} s; "
        f"{_line(out['phase_jax_s'], out['phase_numpy_s'])}; max |rate difference| {rate_diff:.2e}"
    )
    return out


if __name__ == "__main__":
    run()
