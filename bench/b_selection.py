"""Benchmark of the Model-selection lab (prints, never asserts), against the issue's targets
(warm, on the project's 2-core machine):

* bias-variance at 10 capacities x 100 training sets: polynomials, and tanh MLPs (one compiled call
  per width bucket, the widths of a bucket masked inside it: 10 widths from 1 to 64 are 5 programs,
  and any other width up to 64 reuses one of them): < 5 s warm;
* k-fold of 10 folds x 20 repeats of an MLP (the cross-validation view's default): < 5 s warm;
* every view's default computation, cold (first in this process) and warm (a new noise level or
  seed: same shapes, no recompile): < 5 s warm.

Each row also prints the warm run's CPU seconds (all threads of this process): on the shared 2-core
machine the wall time follows the other users' load, the CPU time much less.

    .venv/bin/python -m bench.b_selection
"""

from __future__ import annotations

import time

from bench import verdict
from studies import selection as sel
from ui import selection_model as sm
from ui.jobs import resolve

TARGET_S = 5.0


def _timed(fn, *args) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn(*args)``."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0


def _row(name: str, cold: tuple[float, float], warm: tuple[float, float], estimate: float) -> None:
    ok = verdict(warm[0], TARGET_S, higher_is_better=False)
    print(
        f"{name:<44} cold {cold[0]:6.2f} s   warm {warm[0]:6.2f} s (CPU {warm[1]:5.2f} s)   "
        f"estimate {estimate:6.2f} s   {ok} (< {TARGET_S:g} s warm)"
    )


def run() -> None:
    widths = (1, 2, 3, 4, 6, 8, 12, 16, 32, 64)
    cases = [
        ("bias-variance: 10 degrees x 100 sets", sel.BVConfig(capacities=tuple(range(1, 11)), sets=100)),
        ("bias-variance: 10 MLP widths x 100 sets", sel.BVConfig(model="mlp", capacities=widths, sets=100)),
    ]
    for name, cfg in cases:
        cold = _timed(sel.run_bias_variance, cfg)
        warm = _timed(sel.run_bias_variance, cfg._replace(noise=cfg.noise + 0.1))
        _row(name, cold, warm, sel.bv_estimate(cfg))
    for view in sm.VIEWS:
        spec = sm.view_job(sm.values_with({"view": view}))
        (cfg,) = spec.args
        fn = resolve(spec.func)
        cold = _timed(fn, cfg)
        warm = _timed(fn, cfg._replace(seed=cfg.seed + 1))
        _row(f"default view: {view}", cold, warm, spec.estimate)


if __name__ == "__main__":
    run()
