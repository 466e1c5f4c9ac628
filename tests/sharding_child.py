"""Run by tests/test_sharding.py in a fresh process with 4 forced CPU devices (JAX fixes the device
count when it starts): every many-run study on 1 device and on all 4, and what the comparison found,
printed as one JSON line. Not a test module itself (pytest collects ``test_*.py`` only)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")

import jax  # noqa: E402
import numpy as np  # noqa: E402

import optimizers  # noqa: E402  (sets the app's XLA:CPU flags before anything computes)

jax.config.update("jax_numpy_rank_promotion", "raise")  # as tests/conftest.py
jax.config.update("jax_numpy_dtype_promotion", "strict")

import landscapes  # noqa: E402
from optimizers import devices, runner  # noqa: E402
from studies import batch, phase, sweep  # noqa: E402
from studies.activations import signal as act_signal  # noqa: E402
from tests.helpers import assert_no_recompile  # noqa: E402

out: dict = {"devices": [f"{d.platform}:{d.id}" for d in devices.resolve()]}

# every sharded call's output, before it goes to the host
SHARDED = runner.run_group_sharded
arrays: list = []


def spy(*args, **kwargs):
    result = SHARDED(*args, **kwargs)
    arrays.append(result)
    return result


runner.run_group_sharded = spy


def under(setting: str, fn):
    """``fn()`` with GRADIENT_ATLAS_DEVICES = ``setting``; also how many calls were sharded."""
    os.environ[devices.ENV] = setting
    before = len(arrays)
    try:
        return fn(), len(arrays) - before
    finally:
        del os.environ[devices.ENV]


def compare(a, b) -> dict:
    """Field -> "same" (bit for bit, NaN where NaN), or the largest difference."""
    res = {}
    for name in a._fields:
        x, y = getattr(a, name), getattr(b, name)
        if hasattr(x, "_fields"):
            res.update({f"{name}.{k}": v for k, v in compare(x, y).items()})
            continue
        if not isinstance(x, np.ndarray) or x.dtype == object:
            res[name] = "same" if repr(x) == repr(y) else f"{x!r} != {y!r}"
            continue
        if x.shape != y.shape:
            res[name] = f"shape {x.shape} != {y.shape}"
        elif np.array_equal(x, y, equal_nan=x.dtype.kind == "f"):
            res[name] = "same"
        else:
            res[name] = float(np.nanmax(np.abs(x.astype(np.float64) - y.astype(np.float64))))
    return res


def both(name: str, fn) -> None:
    """``fn`` on one device and on all four: the comparison and the number of sharded calls."""
    one, n_one = under("1", fn)
    many, n_many = under("all", fn)
    out[name] = {"fields": compare(one, many), "sharded_calls": [n_one, n_many]}


rosen, himmel = landscapes.get("rosenbrock"), landscapes.get("himmelblau")
# an lr sweep: 3 optimizers x 50 rates (50 = 4 x 12 + 2: padded to 4 x 16)
both(
    "lr_sweep",
    lambda: sweep.lr_sweep(rosen, ("sgd", "momentum", "adam"), lr_range=(1e-5, 1e-1), n=50, steps=100),
)
# the Activations lab's every-pair table: its 6 calls dispatched over the devices
launched_on: list[str] = []
LAUNCH = act_signal._launch


def launch_spy(*args, **kwargs):
    launched_on.append(str(kwargs.get("device")))
    return LAUNCH(*args, **kwargs)


act_signal._launch = launch_spy
act_cfg = act_signal.SignalConfig(depth=12, width=64, n_inputs=256, sigma_b=0.2)
grid_one, _ = under("1", lambda: act_signal.propagate_all(act_cfg))
on_one = set(launched_on)
launched_on.clear()
grid_many, _ = under("all", lambda: act_signal.propagate_all(act_cfg))
out["activation_grid"] = {
    "fields": compare(grid_one, grid_many),
    "devices": [len(on_one), len(set(launched_on))],
}
# a phase map: 9 x 7 cells, paths recorded every 5th step
both("phase_map", lambda: phase.phase_map(rosen, "momentum", n_lr=9, n_second=7, steps=100))
# the two-basin batch study: 2 optimizers x 2 batch sizes x 30 seeds, mini-batch noise
both("batch_basins", lambda: batch.basin_fractions(batch_sizes=(4, 128), n_seeds=30, steps=200))

# a basin map through the library argument: 15 x 15 = 225 starts (225 = 4 x 56 + 1)
gx, gy = np.meshgrid(np.linspace(-5, 5, 15), np.linspace(-5, 5, 15))
starts = np.stack([gx.ravel(), gy.ravel()], 1)
hp = {"lr": 2e-3, "momentum": 0.9}
one = optimizers.run_batch(himmel, "momentum", starts=starts, hp=hp, steps=200, devices=1)
before = len(arrays)
many = optimizers.run_batch(himmel, "momentum", starts=starts, hp=hp, steps=200, devices="all")
out["basin_map"] = {
    "fields": compare(one, many),
    "sharded_calls": [0, len(arrays) - before],
    "runs": len(many.final_loss),
}
arr = arrays[-1]
shards = sorted(arr.addressable_shards, key=lambda s: s.index[0].start)
out["layout"] = {
    "shape": list(arr.shape),
    "spec": str(arr.sharding.spec),
    "shards": [[f"{s.device.platform}:{s.device.id}", s.index[0].start, s.index[0].stop] for s in shards],
}
# recorded paths of a noisy sweep of 37 runs (37 = 4 x 9 + 1), every record mode's layout
lrs = np.geomspace(1e-4, 1e-2, 37)
kw = dict(hp={"lr": lrs}, steps=100, batch_size=16, noise=1.0, seeds=np.arange(37))
out["noisy_full"] = {
    "fields": compare(
        optimizers.run_batch(rosen, "nag", record="full", devices=1, **kw),
        optimizers.run_batch(rosen, "nag", record="full", devices="all", **kw),
    )
}

# one device that is not JAX's default: the plain path, run there
on_two = optimizers.run_batch(rosen, "nag", record="full", devices=[2], **kw)
out["one_other_device"] = {
    "fields": compare(optimizers.run_batch(rosen, "nag", record="full", devices=1, **kw), on_two)
}

# new hyperparameters, starts and seeds under sharding: no new trace, no compile
try:
    with assert_no_recompile(SHARDED, what="new lr, momentum, starts under sharding"):
        optimizers.run_batch(
            himmel,
            "momentum",
            starts=starts * 0.5,
            hp={"lr": 1e-3, "momentum": 0.5},
            steps=200,
            devices="all",
        )
        optimizers.run_batch(rosen, "nag", record="full", devices="all", **{**kw, "hp": {"lr": lrs * 2}})
    out["no_recompile"] = "ok"
except AssertionError as err:
    out["no_recompile"] = str(err)

# the network batch study: its seed axis split (5 seeds over 4 devices: padded to 8)
cfg = batch.StudyConfig(
    n_train=128,
    n_test=128,
    width=8,
    depth=1,
    optimizer="sgd",
    hp=(("lr", 0.3),),
    batch_sizes=(8, 128),
    seeds=5,
    steps=40,
    records=4,
)
net_one = batch.run_study(cfg, devices=1)
net_many = batch.run_study(cfg, devices="all")
# the same 2 seeds on one device in a call of 2 seeds instead of 5: does the seed count matter there?
net_two = batch.run_study(cfg._replace(seeds=2), devices=1)
first_two = {"w0": net_one.w0[:2], **{f: getattr(net_one, f)[:, :2] for f in ("train_loss", "final_w")}}
out["network"] = {
    "fields": compare(net_one, net_many),
    "seed_count_on_one_device": {
        f: "same" if np.array_equal(x, getattr(net_two, f)) else "differs" for f, x in first_two.items()
    },
    "rel": float(
        max(
            np.max(np.abs(net_one.final_w - net_many.final_w) / (np.abs(net_one.final_w) + 1e-3)),
            np.max(np.abs(net_one.train_loss - net_many.train_loss) / net_one.train_loss),
        )
    ),
}
try:
    with assert_no_recompile(batch.train_seeds_sharded, what="new lr under sharding"):
        batch.run_study(cfg._replace(hp=(("lr", 0.1),)), devices="all")
    out["network_no_recompile"] = "ok"
except AssertionError as err:
    out["network_no_recompile"] = str(err)

print("RESULT " + json.dumps(out), flush=True)
