"""Many-run studies split over several devices (#17): the same results as one device, bit for bit.

JAX fixes its device count when it starts, so the comparisons run in a fresh process with 4 forced
CPU devices (tests/sharding_child.py) and this module reads what it found; the multi-host check
starts two processes that join with ``jax.distributed.initialize`` (scripts/multihost_sweep.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import jax
import numpy as np
import pytest

import landscapes
import optimizers
from optimizers import devices, runner

ROOT = Path(__file__).resolve().parents[1]
FORCE = "--xla_force_host_platform_device_count"


def _env(n_devices: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != devices.ENV}
    # the parent's flags (conftest: one device per core) without their device count
    kept = [f for f in env.get("XLA_FLAGS", "").split() if not f.startswith(FORCE)]
    env["XLA_FLAGS"] = " ".join([*kept, f"{FORCE}={n_devices}"])
    env["GRADIENT_ATLAS_NO_DISK_CACHE"] = "1"
    return env


@pytest.fixture(scope="module")
def found() -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "sharding_child.py")],
        cwd=ROOT,
        env=_env(4),
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-4000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_the_child_sees_four_devices(found):
    assert found["devices"] == ["cpu:0", "cpu:1", "cpu:2", "cpu:3"]


@pytest.mark.parametrize(
    "study",
    [
        "lr_sweep",
        "phase_map",
        "basin_map",
        "batch_basins",
        "noisy_full",
        "one_other_device",
        "activation_grid",
    ],
)
def test_split_over_four_devices_equals_one_device_bit_for_bit(found, study):
    fields = found[study]["fields"]
    assert fields and all(v == "same" for v in fields.values()), fields
    if "devices" in found[study]:  # the Activations table: its calls went to every device
        assert found[study]["devices"] == [1, 4]
    if "sharded_calls" in found[study]:
        one, many = found[study]["sharded_calls"]
        assert one == 0 and many >= 1  # one device: the plain path; four: split


def test_each_devices_share_of_the_runs_lives_on_that_device(found):
    layout = found["layout"]
    assert layout["spec"] == "P('runs',)"
    n = layout["shape"][0]
    shards = layout["shards"]
    assert sorted(s[0] for s in shards) == ["cpu:0", "cpu:1", "cpu:2", "cpu:3"]
    assert [(s[1], s[2]) for s in shards] == [(k * n // 4, (k + 1) * n // 4) for k in range(4)]


def test_a_run_count_that_is_not_a_multiple_is_padded_and_the_padding_dropped(found):
    # 225 starts: 57 per device rounded up to 64 (a run bucket), 31 copies of the last run dropped
    assert found["layout"]["shape"][0] == 4 * runner.shard_runs(225, 4) == 256
    assert found["basin_map"]["runs"] == 225


def test_no_recompile_when_values_change_under_sharding(found):
    assert found["no_recompile"] == "ok"
    assert found["network_no_recompile"] == "ok"


def test_network_study_seeds_split_over_devices_agree_to_an_ulp_or_two(found):
    """The network study's matmuls round by the shape of the whole call, so its seeds are equal to
    float tolerance, not bit for bit, split or not: on ONE device, seeds 0-1 trained in a call of 2
    seeds differ in the last bit from the same seeds in a call of 5."""
    net = found["network"]
    fields = net["fields"]
    exact = {k for k, v in fields.items() if v == "same"}
    assert {"w0", "train_acc", "test_acc", "diverged", "lr", "record_steps"} <= exact, fields
    assert all(v == "same" or v < 1e-6 for v in fields.values()), fields  # absolute
    assert net["rel"] < 1e-5
    one_device = net["seed_count_on_one_device"]
    assert one_device["w0"] == "same" and one_device["final_w"] != "same", one_device


# ---- in this process (one CPU device per usable core: the app's flags, see optimizers.xla_cpu) ----

N = len(jax.devices())
SEEN = ", ".join(f"{d.id}:cpu" for d in jax.devices())


def test_device_choices():
    all_devices = tuple(jax.devices())
    assert devices.resolve() == devices.resolve("all") == all_devices
    assert devices.resolve(1) == devices.resolve("1") == devices.resolve("cpu:1") == all_devices[:1]
    assert devices.resolve("cpu") == tuple(jax.devices("cpu"))
    assert devices.resolve([all_devices[0].id]) == devices.resolve(all_devices[0]) == all_devices[:1]


@pytest.mark.parametrize(
    "bad, says",
    [
        (N + 4, f"the count must be 1 to {N}"),
        (0, f"the count must be 1 to {N}"),
        ("0,0", "listed twice"),
        ("7,8", "no device with id 7"),
        ("many", "choose"),
        (True, "not a device choice"),
        (2.0, "not a device choice"),
        ("tpu", "tpu"),
    ],
)
def test_a_bad_choice_says_what_is_wrong_and_what_there_is(bad, says):
    with pytest.raises(ValueError, match=says) as err:
        devices.resolve(bad)
    assert f"JAX sees {N} ({SEEN})" in str(err.value)


def test_a_bad_environment_setting_is_named_before_anything_runs(monkeypatch):
    monkeypatch.setenv(devices.ENV, str(N + 2))
    with pytest.raises(ValueError, match=f"{devices.ENV} = '{N + 2}'"):
        optimizers.run_batch(landscapes.get("rosenbrock"), "sgd", hp={"lr": np.full(20, 1e-3)}, steps=10)
    assert devices.describe()["error"].startswith(f"{devices.ENV} = '{N + 2}'")
    with pytest.raises(ValueError, match="devices = 9"):
        optimizers.simulate(landscapes.get("rosenbrock"), [("sgd", {})], steps=10, devices=9)


def test_one_device_runs_the_plain_path():
    before = runner.run_group_sharded._cache_size()
    res = optimizers.run_batch(
        landscapes.get("rosenbrock"), "sgd", hp={"lr": np.geomspace(1e-4, 1e-3, 40)}, steps=11, devices=1
    )
    assert res.final_loss.shape == (40,)
    assert runner.run_group_sharded._cache_size() == before


def test_describe_names_backend_and_devices():
    info = devices.describe()
    assert info["backend"] == "cpu" and info["available"] == N and info["processes"] == 1
    assert info["used"] == [f"cpu:{d.id} ({d.device_kind})" for d in jax.devices()] and info["error"] is None
    assert info["setting"] == os.environ.get(devices.ENV, "all")


# ---- two processes, two CPU devices each, one sweep over all four ----


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_processes_split_one_sweep_and_agree_with_one_device(tmp_path):
    port, out = _free_port(), tmp_path / "sweep.npz"
    common = ["--coordinator", f"127.0.0.1:{port}", "--processes", "2", "--runs", "50", "--steps", "100"]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "scripts" / "multihost_sweep.py"),
                *common,
                "--process-id",
                str(i),
                *(["--out", str(out)] if i == 0 else []),
            ],
            cwd=ROOT,
            env=_env(2),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    try:
        results = [p.communicate(timeout=240) for p in procs]
    finally:
        for p in procs:
            p.kill()
    assert [p.returncode for p in procs] == [0, 0], results[0][1][-3000:] + results[1][1][-3000:]
    summary = json.loads(results[0][0].strip().splitlines()[-1])
    assert summary["processes"] == 2 and summary["devices"] == ["cpu:0", "cpu:1", "cpu:2048", "cpu:2049"]
    got = np.load(out)
    ref = optimizers.run_batch(
        landscapes.get("rosenbrock"), "adam", hp={"lr": np.geomspace(1e-5, 1.0, 50)}, steps=100, devices=1
    )
    np.testing.assert_array_equal(got["final_w"], ref.final_w)
    np.testing.assert_array_equal(got["final_loss"], ref.final_loss)
    np.testing.assert_array_equal(got["diverged_at"], ref.diverged_at)


# ---- the app's "About this server" panel ----


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_sidebar_says_what_the_studies_compute_on(lang, monkeypatch):
    import i18n
    from ui.testing import app_test, errors

    monkeypatch.delenv(devices.ENV, raising=False)
    at = app_test({"lang": lang}).run()
    assert not errors(at), errors(at)
    (box,) = [e for e in at.sidebar.expander if e.label == i18n.t("common.about_server", lang=lang)]
    text = " ".join(m.value for m in box.markdown) + " ".join(c.value for c in box.caption)
    assert "`cpu`" in text and all(f"`cpu:{d.id} ({d.device_kind})`" in text for d in jax.devices())
    said = i18n.t("common.about_split", lang=lang, used=N) if N > 1 else i18n.t("common.about_one", lang=lang)
    assert said in text and "`all`" in text
    monkeypatch.setenv(devices.ENV, str(N + 2))  # a setting this machine cannot satisfy: said, not raised
    at = app_test({"lang": lang}).run()
    assert not errors(at), errors(at)
    (box,) = [e for e in at.sidebar.expander if e.label == i18n.t("common.about_server", lang=lang)]
    assert f"the count must be 1 to {N}" in box.warning[0].value
