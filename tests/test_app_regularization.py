"""AppTest of the Regularization lab: every view draws what the library computes, the forms run,
patience re-reads the curves, share links, bad input, presets, Korean."""

from __future__ import annotations

import numpy as np
import pytest

import presets
from studies import regularization as reg
from studies import store
from tests.test_app_batch import chart, charts, unb64
from ui import regularization_model as rm
from ui import state
from ui.testing import app_test, errors, settle

PAGE = "pages/regularization.py"


def open_page(query: dict | None = None):
    at = settle(app_test(query, PAGE).run())
    assert not errors(at), errors(at)
    return at


def traces(fig: dict, name: str) -> list[dict]:
    return [d for d in fig["data"] if d.get("name") == name]


def test_default_view_is_the_polynomial_u_and_draws_its_numbers():
    at = open_page()
    assert at.query_params["view"] == "capacity" and at.query_params["cap_model"] == "poly"
    pc = reg.poly_capacity(n_train=30, noise=0.3, seeds=8)
    fig = chart(at, "Least-squares polynomials")
    assert fig["layout"]["yaxis"]["type"] == "log"
    # on the log axis the line is the geometric mean, the band ×/÷ the geometric std: positive
    (test_line,) = traces(fig, "test")
    line = unb64(test_line["y"])
    gmean = np.exp(np.log(pc.test_mse).mean(axis=0))
    np.testing.assert_allclose(line, gmean, rtol=1e-6)
    bands = [d for d in fig["data"] if d.get("fill") == "toself"]
    assert len(bands) == 2
    for band in bands:
        y = unb64(band["y"])
        assert np.all(y > 0)
    test_band = unb64(bands[1]["y"])
    gsd = np.exp(np.log(pc.test_mse).std(axis=0))
    np.testing.assert_allclose(test_band[: len(line)], gmean * gsd, rtol=1e-6)
    np.testing.assert_allclose(test_band[len(line) :][::-1], gmean / gsd, rtol=1e-6)
    # the text quotes the line: best, degree 1 and degree 15
    verdict = next(m.value for m in at.markdown if f"Degree {pc.best} has the least test error" in m.value)
    for value in (line[pc.best - 1], line[0], line[-1]):
        assert f"{value:.3g}" in verdict
    fits = chart(at, "The fits")
    assert [a["text"] for a in fits["layout"]["annotations"]] == [f"degree {d}" for d in pc.shown]


def test_the_drawn_fits_are_chosen_and_travel_in_the_link():
    at = open_page({"cap_show_deg": "9,2,5"})
    assert at.query_params["cap_show_deg"] == "2,5,9"  # canonical order
    fits = chart(at, "The fits")
    assert [a["text"] for a in fits["layout"]["annotations"]] == ["degree 2", "degree 5", "degree 9"]
    pc = reg.poly_capacity(n_train=30, noise=0.3, seeds=8, shown=(2, 5, 9))
    curves = [d for d in fits["data"] if "name" not in d and d.get("mode") == "lines"]  # the fits
    assert len(curves) == 3
    np.testing.assert_allclose(unb64(curves[1]["y"]), pc.fits[1], rtol=1e-6)
    # changing the choice redraws at once (no form, no training)
    at.multiselect(key="regularization:cap_show_deg").set_value(["3", "15"]).run()
    assert not errors(at) and at.query_params["cap_show_deg"] == "3,15"
    assert [a["text"] for a in chart(at, "The fits")["layout"]["annotations"]] == ["degree 3", "degree 15"]
    # more than three: the library's message, not a traceback
    at.multiselect(key="regularization:cap_show_deg").set_value(["1", "2", "3", "4"]).run()
    assert any("at most 3" in e.value for e in at.error)
    # Korean
    ko = open_page({"lang": "ko", "cap_show_deg": "2,5"})
    assert any(m.label == "그래프 옆에 그릴 모델" for m in ko.multiselect)
    assert [a["text"] for a in charts(ko)[1]["layout"]["annotations"]] == ["차수 2", "차수 5"]


def test_capacity_form_recomputes_with_new_settings():
    at = open_page()
    at.slider(key="regularization:cap_n").set_value(40)
    settle(at.button(key="regularization:_crun").click().run())
    assert not errors(at) and at.query_params["cap_n"] == "40"
    (test_line,) = traces(chart(at, "Least-squares polynomials"), "test")
    test_mse = reg.poly_capacity(n_train=40).test_mse
    np.testing.assert_allclose(unb64(test_line["y"]), np.exp(np.log(test_mse).mean(axis=0)), rtol=1e-6)


def test_surface_view_marks_both_minima_and_the_table_says_where():
    at = open_page({"view": "surface", "surf": "booth", "lam": "2"})
    sv = rm.surface_view.__wrapped__("booth", 2.0)
    fig = chart(at, "")  # the first chart
    pen = traces(fig, "minimum with the penalty")
    np.testing.assert_allclose([unb64(pen[0]["x"])[0], unb64(pen[0]["y"])[0]], sv.pen_min.xy, rtol=1e-6)
    h, w = np.array([[10.0, 8.0], [8.0, 10.0]]), np.array([1.0, 3.0])
    np.testing.assert_allclose(sv.pen_min.xy, np.linalg.solve(h + 2 * np.eye(2), h @ w), rtol=1e-9)
    table = at.dataframe[0].value
    assert list(table["x"]) == [f"{sv.base_min.xy[0]:.4f}", f"{sv.pen_min.xy[0]:.4f}"]
    at.slider(key="regularization:lam").set_value(10.0).run()
    assert not errors(at) and at.query_params["lam"] == "10.0"
    assert any("With λ = 10 the minimum moves" in m.value for m in at.markdown)


def test_early_view_shows_the_stored_curves_and_patience_only_rereads_them():
    at = open_page({"view": "early"})
    spec = rm.view_job(rm.values_with({"view": "early"}))
    view = store.lookup(spec.func, spec.args)
    fig = chart(at, "One run")
    (val,) = traces(fig, "validation")
    np.testing.assert_allclose(unb64(val["y"]), reg.column(view.trained, "val", "loss")[0, 0], rtol=1e-6)
    s5 = reg.stopping(view, 5)
    assert any(f"test error {s5.test_best.mean():.3f} at the kept step" in m.value for m in at.markdown)
    at.slider(key="regularization:e_patience").set_value(20).run()
    assert not errors(at)
    s20 = reg.stopping(view, 20)
    assert any(f"test error {s20.test_best.mean():.3f} at the kept step" in m.value for m in at.markdown)
    o = reg.selection_optimism(view)
    bars = chart(at, "Choose on validation")
    np.testing.assert_allclose(unb64(bars["data"][0]["y"]), [o.by_val_test, o.by_test_test], rtol=1e-6)


def test_compare_view_tables_and_bars_are_the_library_numbers():
    at = open_page({"view": "compare"})
    spec = rm.view_job(rm.values_with({"view": "compare"}))
    view = store.lookup(spec.func, spec.args)
    table = at.dataframe[0].value
    assert len(table) == 10 and table.iloc[0, 0] == "none"
    bars = chart(at, "Final values per regularizer")
    test_bars = [d for d in bars["data"] if d["type"] == "bar"][1]
    np.testing.assert_allclose(
        unb64(test_bars["y"]), reg.column(view.trained, "test", "error")[..., -1].mean(axis=1), rtol=1e-6
    )
    bounds = chart(at, "Decision boundaries")
    assert sum(d["type"] == "contour" for d in bounds["data"]) == 10


def test_a_tiny_comparison_runs_through_the_form():
    q = {
        "view": "compare",
        "steps": "500",
        "seeds": "1",
        "on_l1": "0",
        "on_weight_noise": "0",
        "on_mixup": "0",
        "on_label_smoothing": "0",
        "on_input_noise": "0",
        "on_dropout": "0",
        "on_batch_norm": "0",
        "pairs": "1",
    }
    schema = {p.name: p for p in rm.schema()}
    spec = rm.view_job(rm.values_with({k: state.coerce(schema[k], v)[0] for k, v in q.items()}))
    assert spec.estimate < rm.AUTOSTART_S  # a small job starts from the link by itself
    at = settle(app_test(q, PAGE).run())
    assert not errors(at), errors(at)
    assert list(at.dataframe[0].value.iloc[:, 0]) == [
        "none",
        "L2 in the loss",
        "Decoupled weight decay (AdamW)",
    ]
    pairs = at.dataframe[1].value
    assert list(pairs.iloc[:, 0]) == ["Adam", "SGD"]
    diffs = [float(x) for x in pairs.iloc[:, 1]]
    assert diffs[1] < 0.1 * diffs[0]  # under SGD L2 and decoupled decay are one update


def test_sweep_view_marks_the_least_validation_error():
    at = open_page({"view": "sweep"})
    spec = rm.view_job(rm.values_with({"view": "sweep"}))
    view = store.lookup(spec.func, spec.args)
    fig = chart(at, "final error against strength")
    (test_line,) = traces(fig, "test")
    np.testing.assert_allclose(unb64(test_line["y"]), view.error("test").mean(axis=1), rtol=1e-6)
    line = [s for s in fig["layout"]["shapes"] if s["type"] == "line"][0]
    assert line["x0"] == pytest.approx(view.values[view.best])


def test_bad_link_values_are_reported():
    at = open_page({"view": "surface", "lam": "9999", "surf": "nope", "bogus": "1"})
    warn = " ".join(w.value for w in at.warning)
    assert "lam" in warn and "surf" in warn and "bogus" in warn
    assert at.query_params["lam"] == "50.0" and at.query_params["surf"] == "booth"


def test_presets_are_valid_and_apply():
    schema = {p.name: p for p in rm.schema()}
    ps = presets.for_page(rm.PAGE)
    assert [p.id for p in ps] == [
        "reg_capacity",
        "reg_early",
        "reg_surface",
        "reg_l2_adamw",
        "reg_wd_sweep",
        "reg_all",
    ]
    for p in ps:
        for name, value in p.values.items():
            v, note = state.coerce(schema[name], value)
            assert note is None and v is not None, (p.id, name, value)
    at = open_page({"view": "capacity"})
    settle(at.selectbox(key="_ga_preset:regularization").set_value("reg_surface").run())
    assert not errors(at)
    assert at.query_params["view"] == "surface" and at.query_params["lam"] == "5.0"
    assert any("Weight decay moves the minimum" in i.value for i in at.info)


def test_korean_page():
    at = open_page({"lang": "ko", "view": "surface"})
    assert at.title[0].value == "정규화(Regularization)와 일반화"
    assert any("최솟값이" in m.value for m in at.markdown)
    assert len(charts(at)) == 1


def test_the_drawn_decision_boundaries_are_the_chosen_widths():
    q = {"cap_model": "mlp_cls", "cap_steps": "500", "cap_seeds": "1", "cap_show_cls": "16,2"}
    at = open_page(q)
    assert at.query_params["cap_show_cls"] == "2,16"
    v = rm.values_with({"cap_model": "mlp_cls", "cap_steps": "500", "cap_seeds": 1})
    mc = reg.mlp_capacity(rm.capacity_config(v))
    fig = chart(at, "Decision boundaries")
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["width 2", "width 16"]
    heat = [d for d in fig["data"] if d["type"] == "contour"]
    z = unb64({**heat[1]["z"], "shape": -1}).reshape(mc.grid_values.shape[1:])  # shape travels as "81, 81"
    np.testing.assert_allclose(z, mc.fits((16,))[1][0], rtol=1e-4, atol=1e-5)
    # a width the experiment did not train is refused with the library's message
    with pytest.raises(ValueError, match="128 is not among"):
        mc.fits((128,))
