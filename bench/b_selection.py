"""Benchmark of the Model-selection lab (prints, never asserts), against the issue's targets
(warm, on the project's 2-core machine):

* bias-variance at 10 capacities x 100 training sets: polynomials, and tanh MLPs (one compiled call
  per width; each width is its own program, so the first run compiles 10 of them): < 5 s warm;
* k-fold of 10 folds x 20 repeats of an MLP (the cross-validation view's default): < 5 s warm;
* every view's default computation, cold (first in this process) and warm (a new noise level or
  seed: same shapes, no recompile): < 5 s warm.

    .venv/bin/python -m bench.b_selection
"""

from __future__ import annotations

import time

from bench import verdict
from studies import selection as sel
from ui import selection_model as sm
from ui.jobs import resolve

TARGET_S = 5.0


def _timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def _row(name: str, cold: float, warm: float, estimate: float) -> None:
    print(
        f"{name:<44} cold {cold:6.2f} s   warm {warm:6.2f} s   estimate {estimate:6.2f} s   "
        f"{verdict(warm, TARGET_S, higher_is_better=False)} (< {TARGET_S:g} s warm)"
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
