"""AppTest of the Activations lab: every view draws what the library computes, a new activation redraws,
share links (bad values reported), presets, Korean."""

from __future__ import annotations

import base64

import numpy as np
import pytest

import presets
from i18n import pick
from studies.activations import dying, inputs, linear, norm, training
from studies.activations import signal as sg
from ui import activations_model as am
from ui import live_chart as lc
from ui import state
from ui.testing import app_test, errors, figures, settle

PAGE = "pages/activations.py"
SMALL = {"depth": "12", "width": "64", "inputs": "256"}


def unb64(v):
    if isinstance(v, dict):
        shape = v.get("shape", -1)  # Plotly writes a 2-D shape as the text "rows, cols"
        shape = tuple(int(n) for n in shape.split(",")) if isinstance(shape, str) else shape
        return np.frombuffer(base64.b64decode(v["bdata"]), np.dtype(v["dtype"])).reshape(shape)
    return np.asarray([np.nan if x is None else x for x in v], float)


def charts(at) -> list[dict]:
    return figures(at, animated=False)


def animations(at) -> list[dict]:
    return figures(at, animated=True)


def open_page(query: dict | None = None):
    at = settle(app_test(query, PAGE).run())
    assert not errors(at), errors(at)
    return at


def values(at) -> dict:
    q = dict(at.query_params)
    return {p.name: state.coerce(p, q[p.name])[0] if p.name in q else p.default for p in am.schema()}


def test_signal_view_draws_the_measured_and_the_theory_curves_and_redraws_on_a_new_activation():
    at = open_page(SMALL)
    cfg = am.signal_config(values(at))
    assert (cfg.depth, cfg.width, cfg.n_inputs) == (12, 64, 256)
    p = sg.propagate(cfg)
    depth_fig = charts(at)[0]
    np.testing.assert_allclose(unb64(depth_fig["data"][0]["y"]), p.z_std[0], rtol=1e-5)
    np.testing.assert_allclose(unb64(depth_fig["data"][1]["y"]), np.sqrt(p.theory_q[0]), rtol=1e-9)
    np.testing.assert_allclose(unb64(depth_fig["data"][2]["y"]), p.grad_rms[0], rtol=1e-4)
    assert any("tanh + Xavier, 12 layers" in m.value for m in at.markdown)
    # the layer x value heat maps: activation values and gradient sizes, as the library binned them
    act_map, grad_map = charts(at)[1]["data"]
    np.testing.assert_allclose(unb64(act_map["customdata"]), p.hist[0], atol=1e-7)
    np.testing.assert_allclose(unb64(grad_map["customdata"]), p.grad_hist[0], atol=1e-7)
    assert unb64(grad_map["customdata"]).shape == (cfg.depth, 1 + sg.G_BINS)
    # every activation x init: the pairs chart and the grouped verdict
    assert len(charts(at)) == 3
    assert any("Both kept:" in m.value for m in at.markdown)
    at.selectbox(key="activations:act").set_value("relu")
    at.selectbox(key="activations:init").set_value("lecun")
    settle(at.run())
    assert not errors(at), errors(at)
    assert at.query_params["act"] == "relu" and at.query_params["init"] == "lecun"
    relu = sg.propagate(cfg._replace(activation="relu", init="lecun"))
    np.testing.assert_allclose(unb64(charts(at)[0]["data"][0]["y"]), relu.z_std[0], rtol=1e-5)
    v = sg.verdict(relu)
    assert v.signal_ratio < 0.05  # 2^-5.5 after 12 layers: halved variance per layer
    said = f"{v.signal_ratio:.2g} of the first layer's"
    assert any("ReLU + LeCun" in m.value and said in m.value for m in at.markdown)
    names = [d.get("name") for d in charts(at)[0]["data"]]
    assert "dead units (z ≤ 0 on every input)" in names  # shown for the ReLU family only


def test_inputs_view_numbers_are_the_librarys():
    at = open_page({"view": "inputs", "i_scale": "20", "i_corr": "0.5", "i_c": "1.2", "i_steps": "300"})
    v = inputs.run(inputs.InputsConfig(scale=20.0, corr=0.5, c=1.2, steps=300))
    text = " ".join(m.value for m in at.markdown)
    assert f"**{v.raw.condition:.3g}** raw, **{v.standard.condition:.3g}** standardised" in text
    # the Race page's animated map, one per surface: the static path (6th trace: after the contour
    # lines, global minima, local minima, saddle points and the start) and a frame per step
    raw_fig, std_fig = animations(at)
    np.testing.assert_allclose(unb64(raw_fig["data"][5]["x"]), v.raw.path[:, 0], rtol=1e-6)
    np.testing.assert_allclose(unb64(std_fig["data"][5]["y"]), v.standard.path[:, 1], rtol=1e-6)
    assert len(raw_fig["frames"]) == 200 and raw_fig["layout"]["xaxis"]["title"]["text"] == "w₁"
    stars = [d for d in std_fig["data"][1:2] if d.get("marker", {}).get("symbol") == "star"]
    np.testing.assert_allclose(unb64(stars[0]["x"]), v.standard.minimum[:1], rtol=1e-9)


def test_training_and_linear_views_run_their_jobs():
    at = open_page(
        {
            "view": "training",
            "t_steps": "200",
            "t_depth": "4",
            "t_width": "16",
            "t_n": "256",
            "t_act": "relu",
            "t_init": "he",
        }
    )
    cfg = am.train_config(values(at))
    out = training.run(cfg)
    loss = charts(at)[0]
    np.testing.assert_allclose(unb64(loss["data"][0]["y"]), out.loss, rtol=1e-4)
    assert len(charts(at)) == 5  # loss, gradient, spread, flat and (ReLU) dead units
    at = open_page({"view": "linear", "l_steps": "200", "l_depth": "2", "l_width": "8"})
    lv = linear.run(am.linear_config(values(at)))
    assert any(f"accuracy {float(lv.accuracy[0, -1]):.1%}" in m.value for m in at.markdown)


def test_dying_and_norm_views_run_small_studies():
    at = open_page(
        {
            "view": "dying",
            "d_lrs": "0.1,1",
            "d_biases": "-0.5,0",
            "d_seeds": "1",
            "d_steps": "200",
            "d_depth": "2",
            "d_width": "8",
            "d_pick_lr": "1",
            "d_pick_bias": "0",
        }
    )
    out = dying.run(am.dying_config(values(at)))
    grid = charts(at)[0]
    np.testing.assert_allclose(unb64(grid["data"][0]["z"]), out.mean_dead[0].T, rtol=1e-6)
    at = open_page({"view": "norm", "n_depth": "4", "n_width": "16", "n_steps": "200", "n_seeds": "1"})
    nv = norm.run(am.norm_config(values(at)))
    text = " ".join(m.value for m in at.markdown)
    for name, lr in zip(("no normalization", "batch norm", "layer norm"), nv.largest, strict=True):
        assert f"{name}: trains up to η = **{lr:.2g}**" in text or np.isnan(lr)


def test_bad_link_values_are_reported():
    at = open_page({**SMALL, "act": "swish", "depth": "500", "bogus": "1"})
    warnings = " ".join(w.value for w in at.warning)
    assert "act" in warnings and "depth" in warnings and "bogus" in warnings
    assert at.query_params["act"] == "tanh" and at.query_params["depth"] == "50"


def test_presets_are_valid_for_the_schema_and_apply():
    schema = {p.name: p for p in am.schema()}
    ids = [p.id for p in presets.for_page(am.PAGE)]
    assert 3 <= len(ids) <= 5
    for p in presets.for_page(am.PAGE):
        for name, value in p.values.items():
            v, note = state.coerce(schema[name], value)
            assert note is None and v is not None, (p.id, name, value)
        am.view_job(am.values_with(p.values))  # builds (validates) the preset's computation
    at = open_page({"view": "inputs", "i_scale": "3"})
    settle(at.selectbox(key="_ga_preset:activations").set_value("act_data_norm").run())
    assert not errors(at)
    assert at.query_params["view"] == "inputs" and at.query_params["i_scale"] == "10.0"


@pytest.mark.parametrize("view", ["inputs", "signal"])
def test_korean_page(view):
    at = open_page({"lang": "ko", "view": view, **SMALL})
    assert at.title[0].value == "활성화 함수와 가중치 초기화"
    assert any("조건수" in m.value or "층" in m.value for m in at.markdown)


@pytest.mark.parametrize("preset_id", ["act_data_norm", "act_he_relu"])
def test_presenter_view_puts_the_charts_first_and_the_controls_in_the_sidebar(preset_id):
    preset = presets.get(preset_id)
    at = open_page({"p": preset_id, "present": "1"})
    assert not at.title  # the page's head is left out: the charts sit at the top
    keys = {w.key for w in at.sidebar.get("slider") + at.sidebar.get("selectbox")}
    wanted = {"inputs": "activations:i_c", "signal": "activations:act"}[preset.values["view"]]
    assert wanted in keys  # the view's controls went to the sidebar
    shown = " ".join(m.value for m in at.caption) + " ".join(i.value for i in at.info)
    assert pick(preset.title, "en") in shown  # the preset's banner, under the main chart
    if preset.values["view"] == "inputs":
        assert len(animations(at)) == 2
    else:
        assert len(charts(at)) == 3
    assert all(f["layout"]["height"] <= lc.PRESENTER_HEIGHT for f in animations(at))
    # on the projector a lab's figure keeps its height (its panels stay readable) and its text grows;
    # the animated maps are lowered to fit like the Race page's map
    plain = open_page({"p": preset_id})
    for big, small in zip(charts(at), charts(plain), strict=True):
        assert big["layout"].get("height") == small["layout"].get("height")
        assert big["layout"]["font"]["size"] > small["layout"].get("font", {}).get("size", 13)
