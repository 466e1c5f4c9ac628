"""Precomputed results (studies/store.py, presets/precomputed/): the format, completeness, staleness,
and one of them recomputed from scratch."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest

from studies import batch, explorer_hd, selection, store
from studies.activations import dying, linear, norm, training
from studies.activations import signal as sg
from ui import regularization_model
from ui.jobs import resolve

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import precompute  # noqa: E402


class Inner(NamedTuple):
    a: np.ndarray
    b: float


def test_round_trip_keeps_types_values_and_dtypes(tmp_path):
    obj = (
        batch.BasinFractions(
            batch_sizes=np.array([1, 2]),
            optimizers=("sgd", "sam"),
            flat_fraction=np.eye(2, dtype=np.float32),
            stderr=np.zeros((2, 2)),
            final_w=np.arange(8.0).reshape(2, 2, 1, 2),
            starts=np.ones((1, 2)),
            minima=batch.Basin(np.zeros((2, 2)), np.ones(2), 1),
        ),
        {"x": [1, 2.5, None, "s", True], "nan": math.nan, "inf": -math.inf, "f32": np.float32(1.5)},
    )
    p = tmp_path / "r.npz"
    store.save(p, obj)
    back = store.load(p)
    assert type(back[0]) is batch.BasinFractions and type(back[0].minima) is batch.Basin
    assert back[0].optimizers == ("sgd", "sam") and back[0].minima.flat == 1
    np.testing.assert_array_equal(back[0].final_w, obj[0].final_w)
    assert back[0].flat_fraction.dtype == np.float32
    assert back[1]["x"] == [1, 2.5, None, "s", True]
    assert math.isnan(back[1]["nan"]) and back[1]["inf"] == -math.inf
    assert back[1]["f32"] == np.float32(1.5) and type(back[1]["f32"]) is np.float32


def test_files_hold_data_only(tmp_path):
    p = tmp_path / "r.npz"
    store.save(p, {"a": np.ones(3)})
    with np.load(p, allow_pickle=False) as z:  # would raise if anything were pickled
        assert set(z.files) == {"__tree__", "a0"}
    # a tree naming a type outside the project's packages is refused, not imported
    tree = {"namedtuple": "os:PathLike", "fields": {}}
    np.savez_compressed(p, __tree__=np.frombuffer(json.dumps(tree).encode(), np.uint8))
    with pytest.raises(ValueError, match="not from this project"):
        store.load(p)
    with pytest.raises(TypeError, match="cannot store"):
        store.save(tmp_path / "x.npz", {"f": object()})


def test_every_slow_preset_and_default_view_ships_its_result_and_nothing_stale():
    specs = precompute.wanted()
    assert any(s.slot == "network" for s in specs) and any(s.slot == "basins" for s in specs)
    wanted = {store.path_of(s.func, s.args) for s in specs}
    missing = sorted(p.name for p in wanted if not p.is_file())
    assert not missing, f"run `python scripts/precompute.py`: missing {missing}"
    stale = sorted(p.name for p in set(store.FOLDER.glob("*.npz")) - wanted)
    assert not stale, f"run `python scripts/precompute.py`: stale {stale}"
    types = {
        "network": batch.NetworkView,
        "basins": batch.BasinFractions,
        "signal": sg.Propagation,
        "pairs": sg.Propagation,
        "training": training.TrainingView,
        "linear": linear.LinearView,
        "dying": dying.DyingView,
        "norm": norm.NormView,
    }
    types.update(regularization_model.RESULT_TYPES)
    types.update(
        timeseries=selection.TSResult,
        bias_variance=selection.BVResult,
        bagging=selection.BagResult,
        boosting=selection.BoostResult,
        search=selection.SearchResult,
    )
    from studies import explorer_net

    types["net_path"] = explorer_net.NetLandscape
    types.update(hd=explorer_hd.HDResult)
    for s in specs:  # every file loads into what the page draws
        out = store.lookup(s.func, s.args)
        assert type(out) is types[s.slot]


def test_a_stored_result_equals_a_fresh_computation():
    batch_specs = [s for s in precompute.wanted() if s.func.startswith("studies.batch")]
    spec = min(batch_specs, key=lambda s: s.estimate)
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    if spec.slot == "basins":
        np.testing.assert_allclose(fresh.flat_fraction, stored.flat_fraction, atol=0.03)
        near = np.linalg.norm(fresh.final_w - stored.final_w, axis=-1) < 1e-3
        assert near.mean() > 0.95
    else:
        np.testing.assert_allclose(fresh.result.train_loss, stored.result.train_loss, rtol=1e-3, atol=1e-4)
        np.testing.assert_allclose(fresh.sharp.top_eig, stored.sharp.top_eig, rtol=0.05)


def test_a_stored_activations_result_equals_a_fresh_computation():
    from ui import activations_model

    spec = min(
        [s for s in activations_model.precomputed_jobs() if s.slot == "training"], key=lambda s: s.estimate
    )
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    np.testing.assert_allclose(fresh.loss, stored.loss, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(fresh.grad_norm, stored.grad_norm, rtol=1e-3, atol=1e-9)
    # the signal view's selected pair: statistics and both histograms as this code computes them
    spec = next(s for s in activations_model.precomputed_jobs() if s.func == activations_model.SIGNAL_FUNC)
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    np.testing.assert_allclose(fresh.z_std, stored.z_std, rtol=1e-4)
    np.testing.assert_allclose(fresh.grad_log10, stored.grad_log10, atol=1e-4)
    np.testing.assert_allclose(fresh.hist, stored.hist, atol=1e-4)
    np.testing.assert_allclose(fresh.grad_hist, stored.grad_hist, atol=1e-4)


def test_a_stored_regularization_result_equals_a_fresh_computation():
    spec = min(
        (s for s in precompute.wanted() if s.slot in regularization_model.RESULT_TYPES),
        key=lambda s: s.estimate,
    )
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    # the same program and seeds: equal up to the summation order of another process
    np.testing.assert_allclose(
        fresh.trained.curves[..., -1, :], stored.trained.curves[..., -1, :], rtol=1e-3, atol=1e-3
    )


def test_a_stored_model_selection_result_equals_a_fresh_computation():
    spec = next(s for s in precompute.wanted() if s.slot == "boosting")  # scikit-learn: exact
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args)
    np.testing.assert_array_equal(fresh.test_err, stored.test_err)
    np.testing.assert_array_equal(fresh.grid_prob, stored.grid_prob)
    assert stored.config == fresh.config


def test_a_stored_network_path_equals_a_fresh_computation():
    from ui import explorer_net_model

    (spec,) = explorer_net_model.precomputed_jobs()
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    assert stored.config == fresh.config
    np.testing.assert_allclose(fresh.loss, stored.loss, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(fresh.explained[:2], stored.explained[:2], atol=1e-3)
    np.testing.assert_allclose(fresh.pca.z, stored.pca.z, rtol=1e-3, atol=1e-4)


def test_a_stored_explorer_hd_result_equals_a_fresh_computation():
    spec = min((s for s in precompute.wanted() if s.slot == "hd"), key=lambda s: s.estimate)
    stored = store.lookup(spec.func, spec.args)
    fresh = resolve(spec.func)(*spec.args, progress=lambda f, info: None)
    assert stored.config == fresh.config == spec.args[0]
    # Newton's method from the same seeds: the same critical points up to round-off
    np.testing.assert_array_equal(fresh.random.counts, stored.random.counts)
    np.testing.assert_allclose(fresh.random.minima_share, stored.random.minima_share, atol=1e-12)
    np.testing.assert_allclose(fresh.goe_exact, stored.goe_exact, rtol=1e-12)
    np.testing.assert_array_equal(fresh.goe_mc, stored.goe_mc)
