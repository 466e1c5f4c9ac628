"""AppTest of the Model-selection lab: each view draws what the library computes, bad links,
Korean."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from studies import selection as sel
from ui import selection_model as sm
from ui.testing import app_test, errors, figures, settle

PAGE = "pages/model_selection.py"


def unb64(v):
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), np.dtype(v["dtype"])).reshape(v.get("shape", -1))
    return np.asarray(v, float)


def chart(at, title_part: str) -> dict:
    for spec in figures(at):
        title = spec["layout"].get("title", {})
        if title_part in (title.get("text", "") if isinstance(title, dict) else str(title)):
            return spec
    raise AssertionError(f"no chart titled like {title_part!r}")


def trace(spec: dict, name: str) -> dict:
    return next(d for d in spec["data"] if d.get("name") == name)


def open_page(query: dict):
    at = settle(app_test(query, PAGE).run())
    assert not errors(at), errors(at)
    return at


def config_of(at, make):
    """The study config the page ran, rebuilt from its URL parameters."""
    from ui import state

    q = dict(at.query_params)
    v = sm.values_with({p.name: state.coerce(p, q[p.name])[0] for p in sm.schema() if p.name in q})
    return make(v)


def test_bias_variance_view_draws_the_decomposition():
    at = open_page({"view": "bias_variance", "bv_max": "6", "bv_sets": "20", "bv_n": "30"})
    assert at.query_params["view"] == "bias_variance"
    cfg = config_of(at, sm.bv_config)
    assert cfg.capacities == (1, 2, 3, 4, 5, 6) and cfg.sets == 20
    res = sel.run_bias_variance(cfg)
    fig = chart(at, "Expected test error = bias² + variance + noise")
    np.testing.assert_allclose(unb64(trace(fig, "bias²")["y"]), res.bias2, rtol=1e-9)
    np.testing.assert_allclose(unb64(trace(fig, "variance")["y"]), res.variance, rtol=1e-9)
    chart(at, "Fitted curves on different training sets")
    assert any(f"degree {res.capacities[res.best]}" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        (
            {"view": "cv", "cv_n": "20", "cv_k": "5", "cv_repeats": "3", "cv_width": "4"},
            ["The estimate over repeated splits", "Which fold holds each point out"],
        ),
        (
            {"view": "timeseries", "ts_length": "72", "ts_series": "1", "ts_folds": "2", "ts_horizon": "6"},
            ["What each validation reports", "Shuffled folds fill gaps"],
        ),
        (
            {"view": "bootstrap", "bs_B": "200", "bs_repeats": "50"},
            ["Bootstrap distribution", "One data set and models", "intervals contain the true value"],
        ),
        (
            {"view": "bagging", "bg_model": "tree", "bg_members": "4", "bg_sets": "4", "bg_n": "20"},
            ["One model against the average", "Fits on 4 training sets", "Out-of-bag estimate"],
        ),
        (
            {"view": "boosting", "bo_rounds": "50", "bo_n": "100"},
            ["The boosted model after each number of rounds", "Error round by round"],
        ),
        (
            {"view": "search", "se_budget": "4", "se_repeats": "5", "se_steps": "100"},
            [
                "Where each method sampled",
                "Best validation loss found against the budget",
                "Which axis matters",
            ],
        ),
    ],
)
def test_every_view_runs_and_draws_its_figures(query, titles):
    at = open_page(query)
    assert at.query_params["view"] == query["view"]
    for title in titles:
        chart(at, title)
    assert at.markdown, "no verdict"


def test_boosting_view_draws_scikit_learns_staged_errors():
    at = open_page({"view": "boosting", "bo_rounds": "50", "bo_n": "100", "bo_depth": "1"})
    res = sel.run_boosting(config_of(at, sm.boost_config))
    fig = chart(at, "Error round by round")
    np.testing.assert_allclose(unb64(trace(fig, "test, η = 0.1")["y"]), res.test_err[res.main])


def test_bad_link_values_are_reported():
    at = open_page(
        {"view": "cv", "cv_k": "many", "cv_n": "20", "cv_repeats": "2", "cv_width": "4", "bogus": "1"}
    )
    warnings = " ".join(w.value for w in at.warning)
    assert "cv_k" in warnings and "bogus" in warnings


def test_korean_page():
    at = open_page({"lang": "ko", "view": "bias_variance", "bv_max": "4", "bv_sets": "10"})
    assert at.title[0].value == "모델 선택"
    chart(at, "기대 테스트 오차 = 편향² + 분산 + 노이즈")


def test_verdict_sentences_follow_the_numbers():
    assert sm.bag_change_key(0.2, 0.1) == "selection.bagging.lower"
    assert sm.bag_change_key(0.1, 0.2) == "selection.bagging.higher"
    assert sm.boost_trend_key(np.array([0.3, 0.2, 0.25])) == "selection.boosting.overfit"
    assert sm.boost_trend_key(np.array([0.3, 0.2, 0.205])) == "selection.boosting.no_overfit"
    assert sm.boot_note_key(0.9, 0.7) == "selection.bootstrap.error_note"
    assert sm.boot_note_key(0.7, 0.9) == "selection.bootstrap.error_note_other"


def test_presets_are_valid_for_the_schema_and_apply():
    import presets
    from ui import state

    schema = {p.name: p for p in sm.schema()}
    assert len(presets.for_page(sm.PAGE)) >= 4
    for p in presets.for_page(sm.PAGE):
        for name, value in p.values.items():
            v, note = state.coerce(schema[name], value)
            assert note is None and v is not None, (p.id, name, value)
        sm.view_job(sm.values_with(p.values))  # a valid config
    at = open_page({"view": "cv", "cv_n": "20", "cv_repeats": "2", "cv_width": "4"})
    settle(at.selectbox(key="_ga_preset:model_selection").set_value("sel_bias_variance").run())
    assert not errors(at), errors(at)
    assert at.query_params["view"] == "bias_variance"
    assert any("lowest at degree 7" in i.value for i in at.info)
    assert any("degree 7" in m.value for m in at.markdown)


def test_the_server_warm_up_compiles_what_the_landing_view_runs():
    from studies.selection import nets
    from tests.helpers import assert_no_recompile
    from ui.jobs import resolve

    warmed = sm.warm_defaults()
    landing = sm.view_job(sm.values_with({}))
    assert landing.slot == "cv" and landing.estimate <= sm.INLINE_S and "cv" in warmed
    # every view the page computes itself is warmed; the others ship their default precomputed
    from studies import store

    for view in sm.VIEWS:
        spec = sm.view_job(sm.values_with({"view": view}))
        assert view in warmed or store.lookup(spec.func, spec.args) is not None, view
    with assert_no_recompile(nets.fit_many, what="the landing view after the warm-up"):
        resolve(landing.func)(*landing.args)
