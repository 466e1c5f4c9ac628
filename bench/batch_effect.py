"""Search for a reproducible configuration where large batches find sharper minima that generalise
worse (Keskar et al. 2017), and print what each configuration shows. A script, not a test:

    .venv/bin/python -m bench.batch_effect [name ...]

For each configuration: per batch size, mean +- std over seeds of the final train / test loss, the
gap (test - train), the accuracy gap (train - test), the top Hessian eigenvalue of the training loss
(Lanczos, 20 HVPs) and Keskar's epsilon-sharpness at eps = 1e-3 and 5e-4 (plain and symmetric).
"""

from __future__ import annotations

import sys
import time

import numpy as np

import optimizers
from studies import batch

optimizers.tune_cpu_loops()  # the app's XLA:CPU flags (they count only before JAX first computes)

CONFIGS = {
    # RECIPES.md: equal STEPS, Adam lr 1e-3, 10% flipped labels.
    "adam_equal_steps": batch.StudyConfig(
        label_noise=0.1,
        optimizer="adam",
        hp=(("lr", 1e-3),),
        batch_sizes=(16, 64, 256, 2048),
        seeds=4,
        steps=16_384,
        records=32,
    ),
    # The page's default size: 2,000 steps.
    "adam_2000": batch.StudyConfig(
        label_noise=0.1,
        optimizer="adam",
        hp=(("lr", 1e-3),),
        batch_sizes=(16, 32, 64, 256, 1024, 2048),
        seeds=4,
        steps=2000,
        records=20,
    ),
    "adam_sqrt_4000": batch.StudyConfig(
        label_noise=0.1,
        optimizer="adam",
        hp=(("lr", 1e-3),),
        lr_scaling="sqrt",
        batch_sizes=(16, 64, 256, 2048),
        seeds=4,
        steps=4000,
        records=20,
    ),
    "sgd_equal_steps": batch.StudyConfig(
        label_noise=0.1,
        optimizer="sgd",
        hp=(("lr", 0.1),),
        batch_sizes=(16, 64, 256, 2048),
        seeds=4,
        steps=16_384,
        records=32,
    ),
}


def report(name: str, cfg: batch.StudyConfig) -> dict[str, np.ndarray]:
    """Run one configuration and print its table; returns the summary."""
    t0 = time.perf_counter()
    ds = batch.make_data(cfg)
    res = batch.run_study(cfg, ds=ds)
    t1 = time.perf_counter()
    sharp = batch.measure_sharpness(res, ds)
    sym = batch.measure_sharpness(res, ds, symmetric=True)
    t2 = time.perf_counter()
    s = batch.summary(res, sharp)
    print(f"\n== {name}: {cfg}")
    print(f"   train {t1 - t0:.1f} s, sharpness {t2 - t1:.1f} s")
    print(
        "   B      train_loss     test_loss      gap(loss)      gap(acc)       top_eig        "
        "eps1e-3        eps5e-4        sym_eps1e-3"
    )
    for i, b in enumerate(res.batch_sizes):
        cols = [
            s["train_loss"][i],
            s["test_loss"][i],
            s["gap_loss"][i],
            s["gap_acc"][i],
            s["top_eig"][i],
            s["eps_sharpness_0.001"][i],
            s["eps_sharpness_0.0005"][i],
        ]
        sym_col = sym.eps_sharpness[i, :, 0]
        cells = "".join(f"{m:7.3f}+-{sd:<5.3f} " for m, sd in cols)
        print(f"   {b:<6d} {cells}{sym_col.mean():7.3f}+-{sym_col.std():<5.3f}")
    small, large = 0, len(res.batch_sizes) - 1
    per_seed_eig = sharp.top_eig[large] > sharp.top_eig[small]
    per_seed_gap = res.gap_loss[large] > res.gap_loss[small]
    print(
        f"   largest vs smallest batch: eig larger in {per_seed_eig.sum()}/{len(per_seed_eig)} seeds, "
        f"gap larger in {per_seed_gap.sum()}/{len(per_seed_gap)} seeds"
    )
    return s


def main(argv: list[str]) -> None:
    names = argv or list(CONFIGS)
    for name in names:
        report(name, CONFIGS[name])


if __name__ == "__main__":
    main(sys.argv[1:])
