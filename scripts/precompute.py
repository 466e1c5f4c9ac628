"""Compute and store the results the app ships precomputed (``presets/precomputed/``).

    python scripts/precompute.py            # compute what is missing, delete stale files
    python scripts/precompute.py --force    # recompute everything

Each page model lists its slow computations (``precomputed_jobs()``: the default views and the slow
presets); each is run by the same function the app's worker runs and saved with
:func:`studies.store.save`. ``tests/test_precomputed.py`` fails when a preset changes and its
file is not recomputed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import optimizers  # noqa: E402  (the XLA:CPU flags before any computation)
from studies import store  # noqa: E402
from ui import (  # noqa: E402
    activations_model,
    batch_model,
    explorer_hd_model,
    explorer_net_model,
    regularization_model,
    selection_model,
)
from ui.jobs import resolve  # noqa: E402

MODELS = (batch_model, activations_model, regularization_model, selection_model)
MODELS += (explorer_net_model,)
MODELS += (explorer_hd_model,)


def wanted() -> list:
    """Every computation that ships precomputed, from every page model."""
    return [spec for m in MODELS for spec in m.precomputed_jobs()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="recompute files that exist")
    args = ap.parse_args(argv)
    optimizers.enable_disk_cache()
    specs = wanted()
    keep = {store.path_of(s.func, s.args) for s in specs}
    for spec in specs:
        path = store.path_of(spec.func, spec.args)
        if path.exists() and not args.force:
            print(f"have  {path.name}")
            continue
        t0 = time.perf_counter()
        result = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
        took = time.perf_counter() - t0
        size = store.save(path, result)
        print(
            f"wrote {path.name}: {size / 1024:.0f} KiB, computed in {took:.1f} s "
            f"(estimate {spec.estimate:.1f} s)"
        )
    for stale in sorted(set(store.FOLDER.glob("*.npz")) - keep):
        stale.unlink()
        print(f"removed stale {stale.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
