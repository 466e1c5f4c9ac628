"""One learning-rate sweep (or basin map) over the devices of several processes or hosts.

Start the same command once per process; each joins with ``jax.distributed.initialize`` and the
runs are split over the devices of all of them (``optimizers.devices``: "all" means every device
of every process). Every process gets the whole result; process 0 prints it and, with ``--out``,
saves it.

Two processes on one machine, two forced CPU devices each (what tests/test_sharding.py checks)::

    export XLA_FLAGS=--xla_force_host_platform_device_count=2
    .venv/bin/python scripts/multihost_sweep.py --coordinator 127.0.0.1:12355 --processes 2 --process-id 0 &
    .venv/bin/python scripts/multihost_sweep.py --coordinator 127.0.0.1:12355 --processes 2 --process-id 1

On N hosts: the same command on each, ``--coordinator`` the address of host 0 and
``--process-id`` 0 .. N-1 (under SLURM or on Cloud TPU, leave all three out: JAX finds them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--coordinator", help="host:port of process 0 (omit where JAX detects the cluster)")
    ap.add_argument("--processes", type=int, help="number of processes")
    ap.add_argument("--process-id", type=int, help="this process's index, 0 .. processes - 1")
    ap.add_argument("--study", choices=("sweep", "basin"), default="sweep")
    ap.add_argument("--surface", default="rosenbrock")
    ap.add_argument("--optimizer", default="adam")
    ap.add_argument("--runs", type=int, default=4096, help="rates of the sweep; starts per side of the map")
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--devices", default="all", help='as GRADIENT_ATLAS_DEVICES: "all", a count, ...')
    ap.add_argument("--out", help="process 0 saves the result here (.npz)")
    args = ap.parse_args(argv)

    import jax

    # CPU devices of different processes gather the result through gloo (GPUs use NCCL by themselves).
    # Nothing may compute before initialize(): the project's modules are imported after it.
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    jax.distributed.initialize(
        coordinator_address=args.coordinator, num_processes=args.processes, process_id=args.process_id
    )
    import numpy as np

    import landscapes
    import optimizers

    land = landscapes.get(args.surface)
    if args.study == "sweep":
        lrs = np.geomspace(1e-5, 1.0, args.runs)
        res = optimizers.run_batch(
            land, args.optimizer, hp={"lr": lrs}, steps=args.steps, devices=args.devices
        )
    else:
        (x0, x1), (y0, y1) = land.bounds
        gx, gy = np.meshgrid(np.linspace(x0, x1, args.runs), np.linspace(y0, y1, args.runs))
        starts = np.stack([gx.ravel(), gy.ravel()], 1)
        res = optimizers.run_batch(
            land, args.optimizer, starts=starts, steps=args.steps, devices=args.devices
        )
    if jax.process_index() == 0:
        summary = {
            "processes": jax.process_count(),
            "devices": [f"{d.platform}:{d.id}" for d in optimizers.devices.resolve(args.devices)],
            "runs": int(res.final_loss.shape[0]),
            "diverged": int((res.diverged_at >= 0).sum()),
            "best_loss": float(np.nanmin(res.final_loss)),
        }
        print(json.dumps(summary), flush=True)
        if args.out:
            np.savez(args.out, final_w=res.final_w, final_loss=res.final_loss, diverged_at=res.diverged_at)
    jax.distributed.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
