"""Benchmark of the batch-size lab (prints, never asserts).

* The default study: 6 batch sizes x 4 seeds, 2,000 Adam steps, a 2-32-32-1 tanh MLP on 2,048
  two-moons points, curves every 50 steps: cold (with compiles) and warm.
* The same study as a plain PyTorch CPU loop (one model per run, ``torch.optim.Adam``, a
  ``randperm`` per epoch, the same evaluation points).
* Sharpness of one solution: top Hessian eigenvalue (20 Lanczos HVPs) and epsilon-sharpness at two
  epsilons (3 starts x 20 ascent steps each), warm.
* The two-basin study (``batch.basin_fractions`` with its defaults: SGD and SAM x 8 batch sizes x
  200 seeds x 2,000 steps with the engine's mini-batch noise), cold and warm.

    .venv/bin/python -m bench.b_batch
"""

from __future__ import annotations

import time

import jax
import jax.numpy as jnp
import numpy as np

from studies import batch

CONFIG = batch.StudyConfig(
    optimizer="adam",
    hp=(("lr", 1e-3),),
    batch_sizes=(16, 32, 64, 256, 1024, 2048),
    seeds=4,
    steps=2000,
    records=40,
)


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def torch_study(cfg: batch.StudyConfig, ds, seeds: int | None = None) -> tuple[np.ndarray, float]:
    """The same study as a PyTorch loop over ``seeds`` seeds (default: the config's).

    Returns:
        (final train losses (nB, seeds), seconds).
    """
    import torch

    # One thread: for these tiny layers two threads were 2-6x SLOWER per step on this shared 2-core
    # machine (0.32 vs 1.98 ms at B=16, 0.87 vs 2.09 ms at B=2048), so this is torch at its best here.
    torch.set_num_threads(1)
    x_tr, y_tr = torch.from_numpy(ds.x_train), torch.from_numpy(ds.y_train.astype(np.float32))
    x_te, y_te = torch.from_numpy(ds.x_test), torch.from_numpy(ds.y_test.astype(np.float32))
    n = len(x_tr)
    every = -(-cfg.steps // cfg.records)
    lossf = torch.nn.BCEWithLogitsLoss()
    seeds = cfg.seeds if seeds is None else seeds
    finals = np.zeros((len(cfg.batch_sizes), seeds))
    t0 = time.perf_counter()
    for i, b in enumerate(cfg.batch_sizes):
        for s in range(seeds):
            torch.manual_seed(s)
            net = torch.nn.Sequential(
                torch.nn.Linear(2, cfg.width),
                torch.nn.Tanh(),
                torch.nn.Linear(cfg.width, cfg.width),
                torch.nn.Tanh(),
                torch.nn.Linear(cfg.width, 1),
            )
            opt = torch.optim.Adam(net.parameters(), lr=dict(cfg.hp)["lr"])
            per_epoch = n // b
            perm = torch.randperm(n)
            for t in range(cfg.steps):
                k = t % per_epoch
                if k == 0:
                    perm = torch.randperm(n)
                idx = perm[k * b : (k + 1) * b]
                opt.zero_grad()
                loss = lossf(net(x_tr[idx])[:, 0], y_tr[idx])
                loss.backward()
                opt.step()
                if (t + 1) % every == 0:
                    with torch.no_grad():
                        tr = lossf(net(x_tr)[:, 0], y_tr)
                        lossf(net(x_te)[:, 0], y_te)
                        ((net(x_tr)[:, 0] > 0).float() == y_tr).float().mean()
                        ((net(x_te)[:, 0] > 0).float() == y_te).float().mean()
            finals[i, s] = float(tr)
    return finals, time.perf_counter() - t0


def run() -> dict[str, float]:
    """Run the benchmark and print its figures; returns them."""
    ds = batch.make_data(CONFIG)
    res, cold = _timed(batch.run_study, CONFIG, ds=ds)
    res, warm = _timed(batch.run_study, CONFIG, ds=ds)
    print(
        f"default study {len(CONFIG.batch_sizes)} batch sizes x {CONFIG.seeds} seeds x "
        f"{CONFIG.steps} steps (2-32-32-1, {CONFIG.n_train} points): cold {cold:.2f} s, "
        f"warm {warm:.2f} s (target < 10 s)"
    )
    per_b = []
    data = tuple(jnp.asarray(a) for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test))
    spec = batch.make_spec(CONFIG, ds)
    hp = {k: np.float32(v) for k, v in batch.validate(CONFIG).items()}
    seeds = jnp.arange(CONFIG.seeds, dtype=jnp.uint32)
    every = -(-CONFIG.steps // CONFIG.records)
    for b in CONFIG.batch_sizes:
        out, dt = _timed(
            lambda b=b: jax.block_until_ready(
                batch.train_seeds(spec, CONFIG.optimizer, int(b), CONFIG.steps, every, data, hp, seeds)
            )
        )
        per_b.append(f"B={b}: {dt:.2f} s")
    print("  warm per batch size (4 seeds each): " + ", ".join(per_b))

    one = res._replace(final_w=res.final_w[:1, :1], diverged=res.diverged[:1, :1])
    batch.measure_sharpness(one, ds)
    _, sharp_t = _timed(batch.measure_sharpness, one, ds)
    print(
        "sharpness of one solution (top eigenvalue + eps-sharpness at 2 eps), warm: "
        f"{sharp_t * 1e3:.0f} ms (target < 100 ms)"
    )

    finals, torch_t = torch_study(CONFIG, ds)
    print(
        f"PyTorch CPU loop of the same study (1 thread): {torch_t:.1f} s -> JAX warm is "
        f"{torch_t / warm:.1f}x faster (target >= 20x)"
    )
    print(
        f"  final train loss per batch size, mean of {CONFIG.seeds} seeds, JAX vs torch: "
        f"{np.round(res.train_loss[..., -1].mean(1), 3)} vs {np.round(finals.mean(1), 3)}"
    )
    basins, basin_cold = _timed(batch.basin_fractions)
    _, basin_warm = _timed(batch.basin_fractions)
    n_runs = basins.final_w.shape[0] * basins.final_w.shape[1] * basins.final_w.shape[2]
    print(
        f"two-basin study ({n_runs:,} noisy runs x 2,000 steps): cold {basin_cold:.1f} s, warm "
        f"{basin_warm:.1f} s ({basin_warm / (n_runs * 2000) * 1e6:.2f} us per run-step)"
    )
    return {
        "study_cold_s": cold,
        "study_warm_s": warm,
        "sharpness_s": sharp_t,
        "torch_s": torch_t,
        "speedup": torch_t / warm,
        "basins_warm_s": basin_warm,
    }


if __name__ == "__main__":
    run()
