"""Benchmark of the Landscape explorer: the 512 x 512 x 500-step basin map against an idiomatic
vectorised NumPy version of the same runs (every start an array lane, a Python loop over the steps,
the same divergence bookkeeping and the same labels), the critical points of a surface, warm, and the
high-dimension view's default experiment, warm.

The network view's plane (issue 13.5): the loss on a 51 x 51 grid of a 2-32-32-1 MLP's PCA plane over
2,048 points in one call, against Li et al.'s way (a separate evaluation per grid point from a Python
loop, here a jitted loss called 2,601 times) and the plain vmapped evaluation.

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
from studies import explorer_hd as hd

SIDE, STEPS, LR = 512, 500, 0.01
TARGET_S, TARGET_RATIO = 1.0, 20.0  # issue 13: < 1 s warm and >= 20x vectorised NumPy
CRIT_TARGET_S = 0.5
HD_TARGET_S = 5.0  # issue 13: the high-dimension experiment's default settings, warm


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
    run_hd()
    run_network()


def run_hd() -> None:
    """The high-dimension view's default experiment, warm (compiled; a new seed, so nothing is reused but
    the compiled code), and its parts."""
    cfg = hd.HDConfig()
    hd.run(cfg)  # compile every dimension's Newton and the network's search
    fresh = cfg._replace(seed=cfg.seed + 1)
    t0, c0 = time.perf_counter(), time.process_time()
    hd.run(fresh)
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    hd.random_critical_points(
        fresh.dims, family=fresh.family, functions=fresh.functions, seeds=fresh.seeds, seed=7
    )
    t_rand = time.perf_counter() - t0
    t0 = time.perf_counter()
    hd.goe_pd_monte_carlo(fresh.dims, fresh.goe_samples, np.random.default_rng(7))
    t_goe = time.perf_counter() - t0
    t0 = time.perf_counter()
    hd.mlp_critical_points(fresh.mlp_data, fresh.mlp_width, fresh.mlp_starts, seed=7)
    t_mlp = time.perf_counter() - t0
    print(
        f"high-dimension view, default settings (n = {cfg.n_min}..{cfg.n_max}, {cfg.functions} functions"
        f" x {cfg.seeds} Newton starts, {cfg.goe_samples:,} GOE matrices per n, MLP {cfg.mlp_starts} starts),"
        " warm:"
    )
    print(
        f"  {total:.2f} s  [{verdict(total, HD_TARGET_S, False)} < {HD_TARGET_S} s]"
        f"  (CPU time of this process {cpu:.2f} s: wall time minus other processes' share of the cores;"
        f" estimate the page uses: {hd.estimate_seconds(cfg):.1f} s)"
    )
    print(
        f"  parts: random functions {t_rand:.2f} s, GOE Monte Carlo {t_goe:.2f} s,"
        f" MLP critical points {t_mlp:.2f} s"
    )
    th = hd.effective_theta(hd.MAX_DIM - 1)
    print(f"  theta from the exact P(GOE PD) at n = 10..12: {th:.5f} (ln 3 / 4 = {hd.THETA:.5f})")


NET_GRID, NET_TARGET_S = 51, 0.5  # issue 13: a 51 x 51 plane of a 2-32-32-1 MLP over 2,048 points < 0.5 s


def run_network() -> None:
    import jax
    import jax.numpy as jnp

    from landscapes import mlp
    from studies import explorer_net as en

    cfg = en.NetConfig(grid=NET_GRID)
    net = en.run(cfg)  # trains and compiles
    spec, ds = en.make_spec(cfg), en.make_data(cfg)
    x, y = jnp.asarray(ds.x_train), jnp.asarray(ds.y_train)
    w = jnp.asarray(net.weights[-1])
    d1, d2 = (jnp.asarray(v) for v in net.pca.directions)
    gx, gy = np.meshgrid(net.pca.xs, net.pca.ys)
    ab = jnp.asarray(np.stack([gx.ravel(), gy.ravel()], 1), jnp.float32)
    ours = _best_of(lambda: en.plane_losses(spec, w, d1, d2, ab, x, y).block_until_ready(), 5)
    en.plane_losses_naive(spec, w, d1, d2, ab, x, y).block_until_ready()
    plain = _best_of(lambda: en.plane_losses_naive(spec, w, d1, d2, ab, x, y).block_until_ready())
    obj = mlp.Objective(spec)
    loss = jax.jit(lambda v: obj(v, x, y))
    loss(w).block_until_ready()
    pts = np.asarray(ab)

    def per_point():
        out = np.empty(len(pts))
        for i, (a, b) in enumerate(pts):
            out[i] = float(loss(w + a * d1 + b * d2))
        return out

    t = time.perf_counter()
    ref = per_point()
    loop_s = time.perf_counter() - t
    agree = float(np.max(np.abs(ref.reshape(NET_GRID, NET_GRID) - net.pca.z)))
    print(
        f"network plane {NET_GRID} x {NET_GRID} on a {'-'.join(map(str, spec.sizes))} MLP "
        f"({spec.n_params} parameters), {cfg.n_train} points, warm:"
    )
    print(f"  ours (one call) {ours:.3f} s  [{verdict(ours, NET_TARGET_S, False)} < {NET_TARGET_S} s]")
    print(f"  plain vmapped evaluation {plain:.3f} s  ratio {plain / ours:.1f}x")
    print(f"  per-grid-point loop (Li et al.'s way) {loop_s:.2f} s  ratio {loop_s / ours:.1f}x")
    print(f"  largest difference from the loop's values {agree:.2g}")
    full = _best_of(lambda: en.run(cfg._replace(hp=(("lr", 0.0101),))), 2)
    print(f"  the whole view (train 500 Adam steps, PCA, both planes, slices), warm: {full:.2f} s")


if __name__ == "__main__":
    import optimizers

    optimizers.tune_cpu_loops()
    run()
