"""AppTest of the Batch-size lab: every view, the run form, share links, bad input, presets, Korean."""

from __future__ import annotations

import base64

import numpy as np
import pytest

import presets
from studies import batch
from ui import batch_model as bm
from ui import state
from ui.testing import app_test, errors, figures, settle

PAGE = "pages/batch_lab.py"
TINY = {
    "steps": "50",
    "n_train": "128",
    "batches": "8,128",
    "seeds": "2",
    "width": "4",
    "depth": "1",
    "opt": "sgd",
    "lr": "0.5",
}


def unb64(v):
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), np.dtype(v["dtype"])).reshape(v.get("shape", -1))
    return np.asarray(v, float)


def charts(at) -> list[dict]:
    return figures(at)


def chart(at, title_part: str) -> dict:
    for c in charts(at):
        title = c["layout"].get("title", {})
        if title_part in (title.get("text", "") if isinstance(title, dict) else str(title)):
            return c
    raise AssertionError(f"no chart titled like {title_part!r}")


def open_page(query: dict | None = None):
    at = settle(app_test(query, PAGE).run())
    assert not errors(at), errors(at)
    return at


@pytest.fixture(scope="module")
def tiny_page():
    return open_page(TINY)


def test_network_view_draws_what_the_library_computes(tiny_page):
    at = tiny_page
    q = dict(at.query_params)
    assert q["batches"] == "8,128" and q["steps"] == "50" and q["view"] == "network"
    cfg = bm.study_config(
        {
            **{p.name: p.default for p in bm.schema()},
            **{k: state.coerce(p, q[k])[0] for p in bm.schema() for k in [p.name]},
        }
    )
    res = batch.run_study(cfg)
    # one figure group is drawn at a time (the first by default), chosen by a control of the link
    assert at.radio(key="batch_lab:fig").value == "curves" == q.get("fig", "curves")
    curves = chart(at, "Loss during training")
    np.testing.assert_allclose(unb64(curves["data"][0]["y"]), res.train_loss[0].mean(axis=0), rtol=1e-4)
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["8", "128"]
    assert any("largest batch (B=128)" in m.value for m in at.markdown)
    # the figures that must exist: curves + accuracy, gap + accuracy gap, sharpness, line, slices, boundaries
    drawn = {}
    for fig in bm.FIGS:
        settle(at.radio(key="batch_lab:fig").set_value(fig).run())
        assert not errors(at), errors(at)
        assert at.query_params.get("fig", "curves") == fig  # the link names the figure shown
        drawn[fig] = charts(at)
    assert {f: len(c) for f, c in drawn.items()} == {
        "curves": 2,
        "gap": 2,
        "sharp": 1,
        "interp": 1,
        "slices": 1,
        "bounds": 1,
    }
    gap = chart(at.radio(key="batch_lab:fig").set_value("gap").run(), "Generalization gap (loss)")
    mean_trace = next(d for d in gap["data"] if d.get("mode") == "lines+markers")
    np.testing.assert_allclose(unb64(mean_trace["y"]), res.gap_loss.mean(axis=1), rtol=1e-4, atol=1e-6)
    slices = chart(
        at.radio(key="batch_lab:fig").set_value("slices").run(), "Training loss around each solution"
    )
    assert {d.get("coloraxis") for d in slices["data"] if d["type"] == "contour"} == {"coloraxis"}


def test_form_runs_the_new_settings(tiny_page):
    at = tiny_page
    at.radio(key="batch_lab:fig").set_value("gap")
    at.slider(key="batch_lab:seeds").set_value(1)
    settle(at.button(key="batch_lab:_run").click().run())
    assert not errors(at), errors(at)
    assert at.query_params["seeds"] == "1"
    gap = chart(at, "Generalization gap (loss)")
    seeds_trace = next(d for d in gap["data"] if d.get("mode") == "markers")
    assert len(unb64(seeds_trace["y"])) == 2  # 2 batch sizes x 1 seed


def test_views_basins_and_concept():
    at = open_page({"view": "concept", "c_shift": "0.4", "c_sharp": "0.2"})
    c = batch.concept_curves(shift=0.4, sharp_width=0.2)
    fig = chart(at, "Flat and sharp minimum")
    seg = [d for d in fig["data"] if d.get("mode") == "lines+markers"]
    np.testing.assert_allclose([unb64(s["y"])[1] - unb64(s["y"])[0] for s in seg], c.gaps, rtol=1e-6)
    at.slider(key="batch_lab:c_shift").set_value(-0.3).run()
    assert not at.exception and at.query_params["c_shift"] == "-0.3"
    at.radio(key="batch_lab:view").set_value("basins")
    settle(at.run())
    # tiny basin study through the form
    at.slider(key="batch_lab:b_seeds").set_value(10)
    at.selectbox(key="batch_lab:b_steps").set_value("500")
    at.multiselect(key="batch_lab:b_batches").set_value(["1", "128"])
    settle(at.button(key="batch_lab:_brun").click().run())
    assert not errors(at), errors(at)
    fig = chart(at, "Who ends in the flat basin?")
    runs = (("sgd", {"lr": 0.05}), ("sam", {"lr": 0.05, "rho": 0.5}))
    res = batch.basin_fractions(batch_sizes=(1, 128), runs=runs, n_seeds=10, steps=500, noise=4.0)
    np.testing.assert_allclose(unb64(fig["data"][0]["y"]), res.flat_fraction[0])
    assert dict(at.query_params)["b_batches"] == "1,128"


def test_bad_link_values_are_reported_and_impossible_settings_explained():
    at = open_page({**TINY, "steps": "lots", "n_train": "128", "batches": "1024,2048", "bogus": "1"})
    warnings = " ".join(w.value for w in at.warning)
    assert "steps" in warnings and "bogus" in warnings
    errors = " ".join(e.value for e in at.error)
    assert "cannot be run" in errors and "batch sizes" in errors


def test_presets_are_valid_for_the_schema_and_apply():
    schema = {p.name: p for p in bm.schema()}
    ids = [p.id for p in presets.for_page(bm.PAGE)]
    assert len(ids) >= 4
    for p in presets.for_page(bm.PAGE):
        for name, value in p.values.items():
            v, note = state.coerce(schema[name], value)
            assert note is None and v is not None, (p.id, name, value)
        cfg = bm.study_config({**{n: q.default for n, q in schema.items()}, **p.values})
        batch.validate(cfg)
        assert p.title["ko"] and p.lesson["ko"]
    at = open_page({"view": "concept", "c_shift": "0.9"})
    settle(at.selectbox(key="_ga_preset:batch_lab").set_value("batch_concept").run())
    assert not errors(at)
    assert at.query_params["view"] == "concept" and at.query_params["c_shift"] == "0.25"
    assert any("lecture's picture" in i.value for i in at.info)


def test_korean_page():
    at = open_page({"lang": "ko", "view": "concept"})
    assert at.title[0].value == "배치 크기와 일반화"
    assert any("격차" in m.value for m in at.markdown)
