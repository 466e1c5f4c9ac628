"""Benchmark of the Activations lab (prints, never asserts).

* Signal at initialization, depth 50 x width 512 on 1,024 inputs: the selected pair (the page's
  direct call, float32) and every activation x initializer pair (the grid: one compiled program, a
  call per activation split over the CPU devices, bfloat16 operands), cold and warm, with the
  machine's float32 and bfloat16 rates on one layer's product (the floors that the matrix products
  set); the same forward and backward pass of one pair in NumPy (float32 BLAS) as the baseline.
* The training view's default (10 layers of 64, 1,000 SGD steps on 512 points), cold and warm; the
  dying-ReLU, normalization and non-linearity views' defaults as the page runs them, cold and warm
  (beside the estimates the page shows).
* The first view of ``/activations`` right after a server start, in headless Chromium (its default
  view ships precomputed; the server pre-warms the signal view's program in the background).

    .venv/bin/python -m bench activations
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

import jax
import numpy as np

from bench import median_time, verdict
from studies.activations import signal as sg
from studies.activations import training
from ui import activations_model as am

ROOT = Path(__file__).resolve().parents[1]
PAIRS_TARGET_S = 2.0
TRAIN_TARGET_S = 5.0
FIRST_VIEW_TARGET_S = 10.0


def numpy_pair(cfg: sg.SignalConfig) -> float:
    """Seconds of one pair's forward pass (tanh) and backward pass in NumPy on the same draws."""
    w, b, x, g = (np.asarray(a) for a in sg.base_draws(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs))
    std = np.float32(np.sqrt(sg.sigma_w2(cfg.init, cfg.width, cfg.gain) / cfg.width))
    t0 = time.perf_counter()
    h, slopes = x, []
    for i in range(cfg.depth):
        z = std * (h @ w[i])
        h = np.tanh(z)
        slopes.append(1.0 - h * h)
        _ = (np.mean(z * z), z.std(), h.std(), np.mean(np.abs(slopes[-1]) < 0.05))
    delta = g * slopes[-1]
    for i in range(cfg.depth - 2, -1, -1):
        delta = slopes[i] * (std * (delta @ w[i + 1].T))
        delta /= np.sqrt(np.mean(delta * delta))
    return time.perf_counter() - t0


def matmul_gflops(cfg: sg.SignalConfig, repeats: int = 30, dtype: str = "float32") -> tuple[float, float]:
    """The machine's rate on one layer's product (n_inputs x width @ width x width, jitted, the least
    disturbed of ``repeats``; ``dtype`` operands, float32 sums): GFLOP/s by the wall clock and per
    CPU-second."""
    import jax
    import jax.numpy as jnp

    a = jnp.ones((cfg.n_inputs, cfg.width), dtype)
    w = jnp.ones((cfg.width, cfg.width), dtype)
    mm = jax.jit(lambda a, w: jnp.dot(a, w, preferred_element_type=jnp.float32))
    mm(a, w).block_until_ready()
    wall = cpu = float("inf")
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        mm(a, w).block_until_ready()
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    flops = 2.0 * cfg.n_inputs * cfg.width**2
    return flops / wall / 1e9, flops / max(cpu, 1e-9) / 1e9


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def first_view() -> float | None:
    """Seconds from opening /activations on a freshly started server to every chart drawn."""
    from playwright.sync_api import sync_playwright

    from bench.b_firstview import _ready

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, served_app

    if not Path(CHROMIUM).exists():
        return None
    with served_app() as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t0 = time.perf_counter()
        page.goto(f"{base}/activations")
        _ready(page)
        took = time.perf_counter() - t0
        browser.close()
    return took


def run() -> dict[str, float]:
    """Run the benchmark and print its figures; returns them."""
    cfg = am.signal_config(am.values_with({}))  # the page's default: tanh + Xavier, 50 x 512, 1,024 inputs
    _, cold_one = _timed(sg.propagate, cfg)
    warm_one, cpu_one = median_time(lambda: sg.propagate(cfg), repeats=3)
    _, cold_all = _timed(sg.propagate_all, cfg)
    warm_all, cpu_all = median_time(lambda: sg.propagate_all(cfg), repeats=3)
    numpy_one = min(numpy_pair(cfg) for _ in range(2))
    pairs = len(sg.all_pairs())
    print(f"signal at init, depth {cfg.depth} x width {cfg.width}, {cfg.n_inputs} inputs:")
    print(
        f"  one pair: cold {cold_one:.2f} s, warm {warm_one:.2f} s ({cpu_one:.2f} CPU-s); NumPy forward + "
        f"backward {numpy_one:.2f} s -> {numpy_one / warm_one:.1f}x"
    )
    print(
        f"  every pair ({pairs} shown, {pairs * 2 // 3} computed: Xavier = LeCun in square layers; "
        f"no histograms, bfloat16 operands, split over {len(jax.devices())} CPU device(s)): cold "
        f"{cold_all:.2f} s, warm {warm_all:.2f} s ({cpu_all:.2f} CPU-s), target < {PAIRS_TARGET_S:.0f} s "
        f"{verdict(warm_all, PAIRS_TARGET_S, higher_is_better=False)}"
    )
    flops = 4.0 * cfg.n_inputs * cfg.width**2 * cfg.depth * pairs * 2 / 3
    rate, rate_cpu = matmul_gflops(cfg)
    low, low_cpu = matmul_gflops(cfg, dtype="bfloat16")
    print(
        f"    {flops / 1e9:.0f} GFLOP of matrix products: {flops / 1e9 / warm_all:.0f} GFLOP/s achieved; "
        f"this machine's best product of one layer: float32 {rate:.0f} GFLOP/s ({rate_cpu:.0f} per CPU-s), "
        f"bfloat16 {low:.0f} GFLOP/s ({low_cpu:.0f} per CPU-s), so the products alone need >= "
        f"{flops / 1e9 / rate:.2f} s in float32, >= {flops / 1e9 / low:.2f} s in bfloat16"
    )
    with open("/proc/loadavg") as f:
        print(f"    load average while measured: {' '.join(f.read().split()[:3])}")

    tcfg = am.train_config(am.values_with({"view": "training"}))  # the page's default view
    _, cold_t = _timed(training.run, tcfg)
    warm_t, _ = median_time(lambda: training.run(tcfg), repeats=3)
    print(
        f"training view default ({tcfg.depth} x {tcfg.width}, {tcfg.steps} steps, batch {tcfg.batch}): cold "
        f"{cold_t:.2f} s, warm {warm_t:.2f} s, target < {TRAIN_TARGET_S:.0f} s "
        f"{verdict(warm_t, TRAIN_TARGET_S, higher_is_better=False)} "
        f"(estimate {training.estimate_seconds(tcfg):.1f} s)"
    )
    out = {
        "one_warm_s": warm_one,
        "all_warm_s": warm_all,
        "all_cpu_s": cpu_all,
        "train_warm_s": warm_t,
        "numpy_one_s": numpy_one,
        "floor_s": flops / 1e9 / rate,
        "floor_bf16_s": flops / 1e9 / low,
    }
    # the page's default views of the other studies, as the page runs them (its jobs)
    for view in ("dying", "norm", "linear"):
        spec = am.JOBS[view](am.values_with({"view": view}))
        module, func = spec.func.split(":")
        fn = getattr(importlib.import_module(module), func)
        _, cold = _timed(fn, *spec.args)
        _, warm = _timed(fn, *spec.args)
        est = spec.estimate
        print(f"{view} view default: cold {cold:.1f} s, warm {warm:.1f} s (page's estimate {est:.1f} s)")
        out[f"{view}_warm_s"] = warm
    took = first_view()
    if took is None:
        print("first view: skipped (no Chromium)")
    else:
        print(
            f"first view of /activations after a server start: {took:.2f} s, "
            f"target < {FIRST_VIEW_TARGET_S:.0f} s "
            f"{verdict(took, FIRST_VIEW_TARGET_S, higher_is_better=False)}"
        )
        out["first_view_s"] = took
    return out


if __name__ == "__main__":
    run()
