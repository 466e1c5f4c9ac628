"""Runs per second against the number of devices the runs are split over (#17).

For 1, 2 and 4 forced host CPU devices (``--xla_force_host_platform_device_count``; JAX fixes the
count when it starts, so each count is its own process), warm, the minimum of a few calls:

(1) the basin map: 512 x 512 starts x 500 steps of momentum on Himmelblau, final values;
(2) the learning-rate sweep: 4,096 Adam rates x 1,000 steps on Rosenbrock, final values;
(3) the memory one device needs per run of (1), from XLA's own accounting of the compiled program
    (arguments, output and temporaries of one device), and the largest map that would fit in
    1 GiB of a device's memory.

Forced host devices are threads of one process: they share this machine's cores. Each CPU device
runs its share of the runs in its own thread, so with 2 cores at most 2 of them compute at once, and
4 devices cannot beat 2 (XLA:CPU also parallelises inside one device's program, so 1 device already
uses both cores for part of its work). GPUs (``jax[cuda12]``) are separate chips: there each one
adds its own throughput.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTS = (1, 2, 4)
ROUNDS = 5

_CHILD = textwrap.dedent(
    """
    import json, sys, time
    import numpy as np
    import jax
    import landscapes, optimizers
    from optimizers import devices, runner
    from bench.b_engine import BASIN_HP, BASIN_SIDE, BASIN_STEPS, SWEEP_RATES, SWEEP_STEPS

    def best(fn, rounds):
        fn()
        wall = cpu = float("inf")
        for _ in range(rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
        return wall, cpu

    h, r = landscapes.get("himmelblau"), landscapes.get("rosenbrock")
    (x0, x1), (y0, y1) = h.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, BASIN_SIDE), np.linspace(y0, y1, BASIN_SIDE))
    starts = np.stack([xs.ravel(), ys.ravel()], axis=-1)
    lrs = np.logspace(-4, 0.5, SWEEP_RATES)
    rounds = int(sys.argv[1])
    out = {"devices": len(jax.devices())}
    out["basin"] = best(lambda: optimizers.run_batch(h, "momentum", starts=starts, hp=BASIN_HP,
                                                     steps=BASIN_STEPS), rounds)
    out["sweep"] = best(lambda: optimizers.run_batch(r, "adam", hp={"lr": lrs}, steps=SWEEP_STEPS), rounds)
    # XLA's accounting of the basin map's program on this many devices (per device)
    n, d = starts.shape[0], len(jax.devices())
    o = optimizers.check_options(h, optimizers.RunOptions(start=starts, steps=BASIN_STEPS, record="final"),
                                 runs=n, many=True)
    captured = {}
    real = runner.run_group_sharded if d > 1 else runner.run_group
    def spy(*a, **k):
        captured["call"] = (a, k)
        return real(*a, **k)
    if d > 1:
        runner.run_group_sharded = spy
    else:
        runner.run_group = spy
    optimizers.run_batch(h, "momentum", starts=starts, hp=BASIN_HP, steps=BASIN_STEPS)
    a, k = captured["call"]
    fn = real.shared if hasattr(real, "shared") else real
    mem = fn.lower(*a, **k).compile().memory_analysis()
    # a program split over devices is compiled per device: its sizes are one device's
    out["bytes_per_device"] = mem.argument_size_in_bytes + mem.output_size_in_bytes + mem.temp_size_in_bytes
    out["runs_per_device"] = -(-n // d)
    print("RESULT " + json.dumps(out))
    """
)


def _child(n_devices: int) -> dict:
    env = dict(os.environ)
    env["XLA_FLAGS"] = (
        f"{env.get('XLA_FLAGS', '')} --xla_force_host_platform_device_count={n_devices}".strip()
    )
    env.pop("GRADIENT_ATLAS_DEVICES", None)  # all of them
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROUNDS)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    if done.returncode or not lines:
        raise RuntimeError(f"{n_devices} devices: {done.stderr[-2000:]}")
    return json.loads(lines[-1].removeprefix("RESULT "))


def run() -> None:
    from bench.b_engine import BASIN_SIDE, BASIN_STEPS, SWEEP_RATES, SWEEP_STEPS

    runs = {"basin": BASIN_SIDE * BASIN_SIDE, "sweep": SWEEP_RATES}
    what = {
        "basin": f"(1) basin map {BASIN_SIDE}x{BASIN_SIDE} x {BASIN_STEPS} steps",
        "sweep": f"(2) Adam lr sweep {SWEEP_RATES} x {SWEEP_STEPS} steps",
    }
    found = {d: _child(d) for d in COUNTS}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"forced host CPU devices on {cores} cores; warm, best of {ROUNDS}; runs/s and speed-up over 1 device"
    )
    for key in ("basin", "sweep"):
        base = found[1][key][0]
        print(what[key])
        for d in COUNTS:
            wall, cpu = found[d][key]
            print(
                f"    {d} device(s): {wall:7.3f} s  {runs[key] / wall:12,.0f} runs/s  x{base / wall:4.2f}"
                f"  (CPU {cpu:6.2f} s: {cpu / wall:3.1f} cores busy)"
            )
    print("(3) memory of the basin map's program, per device (XLA: arguments + output + temporaries)")
    for d in COUNTS:
        b = found[d]["bytes_per_device"]
        per_run = b / found[d]["runs_per_device"]
        print(
            f"    {d} device(s): {b / 2**20:7.1f} MiB for {found[d]['runs_per_device']:,} runs"
            f" ({per_run:.0f} B/run): 1 GiB holds ~{2**30 / per_run:,.0f} runs"
            f" (a {int((2**30 / per_run) ** 0.5):,}^2 map) per device"
        )
    from optimizers import runner

    print(
        f"    a call is capped at {runner.MAX_RUNS:,} runs and {runner.MAX_RUN_STEPS:,} run-steps"
        " (the library's limits for a shared server):\n    today the cap, not a device's memory, bounds a map"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"why it does not scale here: {cores} cores. Each forced host device runs its share in its own\n"
        "  thread of one process on the same cores (a block of runs is one single-threaded kernel, so 1\n"
        "  device is ~1 core): on an idle 2-core machine 2 devices can at most double the rate, 4 cannot\n"
        f"  beat 2. Load average now {load:.1f} (other processes): 'cores busy' is the share this process\n"
        "  got, and the differences between rows are mostly that contention. GPUs are separate chips."
    )
