"""Benchmark of the Regularization lab (prints, never asserts).

* Each view's default computation, cold (with compiles) and warm: the polynomial capacity curve,
  the early-stopping study, the side-by-side comparison (training alone, then the whole view with
  sharpness and decision boundaries), the weight-decay sweep, the penalised surface.
* The comparison's training as a plain PyTorch CPU loop (one model per run, each regularizer as
  torch writes it: ``weight_decay`` through ``torch.optim.AdamW``, ``nn.Dropout``,
  ``nn.BatchNorm1d``, penalties added to the loss, mixup and noise by hand), the same data, steps,
  batch and evaluation points. One seed per configuration is timed and the time scaled to the
  view's seeds (the runs are independent).

    .venv/bin/python -m bench.b_regularization
"""

from __future__ import annotations

import time

import numpy as np

from studies import regularization as reg
from studies import regularization_net as rn
from ui import regularization_model as rm

CPU = {}  # label -> CPU seconds of the last timed call (all threads of this process)


def _timed(fn, *args, label: str = "", **kwargs):
    """(result, wall seconds); the call's CPU seconds go to ``CPU[label]`` (on a shared machine the
    steadier figure)."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn(*args, **kwargs)
    CPU[label] = time.process_time() - c0
    return out, time.perf_counter() - t0


def torch_train(task: reg.Task, regs: np.ndarray, sets: reg.Sets, seeds: int) -> tuple[np.ndarray, float]:
    """Train ``task``'s network under each row of ``regs`` for ``seeds`` seeds with torch.

    Returns:
        (final test error (C, seeds), seconds).
    """
    import torch

    torch.set_num_threads(1)  # tiny layers: one thread is torch at its fastest on 2 shared cores
    f32 = lambda a: torch.from_numpy(np.asarray(a, np.float32))
    x_tr, y_tr = f32(sets.x_train), f32(sets.y_train)
    evals = [
        (f32(sets.x_train), f32(sets.y_train)),
        (f32(sets.x_val), f32(sets.y_val)),
        (f32(sets.x_test), f32(sets.y_test)),
    ]
    n, b = len(x_tr), min(task.batch, task.n_train)
    every = reg.every_of(task)
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}[task.activation]
    out = np.zeros((len(regs), seeds))
    t0 = time.perf_counter()
    for c, row in enumerate(regs):
        r = dict(zip(rn.REGULARIZERS, (float(v) for v in row), strict=True))
        for s in range(seeds):
            torch.manual_seed(s)
            layers, d = [], 2
            for _ in range(task.depth):
                layers.append(torch.nn.Linear(d, task.width))
                if r["batch_norm"]:
                    layers.append(torch.nn.BatchNorm1d(task.width))
                layers.append(act())
                if r["dropout"]:
                    layers.append(torch.nn.Dropout(r["dropout"]))
                d = task.width
            net = torch.nn.Sequential(*layers, torch.nn.Linear(d, 1))
            params = list(net.parameters())
            if r["weight_decay"]:
                opt = torch.optim.AdamW(params, lr=task.lr, weight_decay=r["weight_decay"])
            else:
                opt = torch.optim.Adam(params, lr=task.lr)
            beta = torch.distributions.Beta(max(r["mixup"], 1e-3), max(r["mixup"], 1e-3))
            for t in range(task.steps):
                net.train()
                idx = torch.randint(0, n, (b,))
                xb, yb = x_tr[idx], y_tr[idx] * (1 - r["label_smoothing"]) + r["label_smoothing"] / 2
                if r["input_noise"]:
                    xb = xb + r["input_noise"] * torch.randn_like(xb)
                if r["mixup"]:
                    lam, j = beta.sample((b,)), torch.randint(0, b, (b,))
                    xb = lam[:, None] * xb + (1 - lam[:, None]) * xb[j]
                    yb = lam * yb + (1 - lam) * yb[j]
                saved = None
                if r["weight_noise"]:
                    saved = [p.detach().clone() for p in params]
                    with torch.no_grad():
                        for p in params:
                            p.add_(r["weight_noise"] * torch.randn_like(p))
                opt.zero_grad()
                loss = bce(net(xb)[:, 0], yb)
                if r["l2"]:
                    loss = loss + r["l2"] / 2 * sum((p * p).sum() for p in params)
                if r["l1"]:
                    loss = loss + r["l1"] * sum(p.abs().sum() for p in params)
                loss.backward()
                if saved is not None:
                    with torch.no_grad():
                        for p, q in zip(params, saved, strict=True):
                            p.copy_(q)
                opt.step()
                if (t + 1) % every == 0 or t + 1 == task.steps:
                    net.eval()
                    with torch.no_grad():
                        errs = [((net(x)[:, 0] > 0).float() != y).float().mean() for x, y in evals]
                        [bce(net(x)[:, 0], y) for x, y in evals]
                        torch.sqrt(sum((p * p).sum() for p in params))
            out[c, s] = float(errs[2])
    return out, time.perf_counter() - t0


def run() -> dict[str, float]:
    """Run the benchmark and print its figures; returns them."""
    v = rm.values_with({})
    figures: dict[str, float] = {}

    _, poly = _timed(reg.poly_capacity)
    _, poly_w = _timed(reg.poly_capacity)
    print(f"capacity, polynomials (default, least squares): cold {poly:.2f} s, warm {poly_w * 1e3:.0f} ms")

    et = rm.early_config(v)
    _, e_cold = _timed(reg.early_view, et)
    _, e_warm = _timed(reg.early_view, et)
    print(
        f"early stopping ({et.seeds} runs x {et.steps} steps, {et.records} records on 4 sets): "
        f"cold {e_cold:.1f} s, warm {e_warm:.1f} s (estimate {reg.early_estimate(et):.1f} s)"
    )

    cfg = rm.compare_config(v)
    task = cfg.task
    regs = np.array([rn.strengths()] + [s for _, s in cfg.configs], np.float32)
    sets = reg.make_sets(task)
    trained, t_cold = _timed(reg.train, task, regs, sets)
    trained, t_warm = _timed(reg.train, task, regs, sets, label="train")
    _, v_cold = _timed(reg.compare_view, cfg)
    _, v_warm = _timed(reg.compare_view, cfg, label="view")
    print(
        f"comparison, training alone ({len(regs)} configurations x {task.seeds} seeds x {task.steps} steps, "
        f"batch {task.batch}, 2-{task.width}-{task.width}-1; {len(reg.groups(regs))} programs, one per "
        f"group of costly regularizers): cold {t_cold:.1f} s, warm {t_warm:.2f} s ({CPU['train']:.2f} CPU-s)"
    )
    print(
        f"  the whole view (+ top eigenvalues, decision boundaries): cold {v_cold:.1f} s, "
        f"warm {v_warm:.2f} s "
        f"({CPU['view']:.1f} CPU-s) "
        f"(estimate {reg.compare_estimate(cfg):.1f} s)"
    )

    sc = rm.sweep_config(v)
    _, s_cold = _timed(reg.sweep_view, sc)
    _, s_warm = _timed(reg.sweep_view, sc)
    print(f"sweep ({sc.n} strengths x {sc.task.seeds} seeds): cold {s_cold:.1f} s, warm {s_warm:.2f} s")

    _, f_cold = _timed(rm.surface_view.__wrapped__, "rosenbrock", 3.0)
    _, f_warm = _timed(rm.surface_view.__wrapped__, "rosenbrock", 4.0)
    print(
        f"penalised surface (grid, minima, curvature): cold {f_cold:.2f} s, new lambda {f_warm * 1e3:.0f} ms"
    )

    (torch_err, torch_t1), _ = _timed(torch_train, task, regs, sets, seeds=1, label="torch")
    torch_t = torch_t1 * task.seeds
    torch_cpu = CPU["torch"] * task.seeds
    print(
        f"PyTorch CPU loop of the comparison's training, 1 seed per configuration: {torch_t1:.1f} s; "
        f"scaled to {task.seeds} seeds {torch_t:.1f} s -> JAX warm is {torch_t / t_warm:.0f}x faster "
        f"(target >= 20x); in CPU seconds {torch_cpu:.1f} vs {CPU['train']:.2f}: "
        f"{torch_cpu / CPU['train']:.0f}x"
    )
    jax_err = reg.summary(trained)["test_error"][:, 0]
    labels = ("none",) + tuple(label for label, _ in cfg.configs)
    print(
        "  final test error, JAX (mean of seeds) vs torch (seed 0): "
        + ", ".join(
            f"{lab} {j:.3f}/{t:.3f}" for lab, j, t in zip(labels, jax_err, torch_err[:, 0], strict=True)
        )
    )
    figures.update(
        poly_warm_s=poly_w,
        early_warm_s=e_warm,
        train_warm_s=t_warm,
        compare_warm_s=v_warm,
        sweep_warm_s=s_warm,
        torch_s=torch_t,
        speedup=torch_t / t_warm,
    )
    return figures


if __name__ == "__main__":
    run()
