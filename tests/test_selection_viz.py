"""The model-selection figures draw the numbers they are given, in both languages."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import pytest

import viz.selection as vs
from i18n import STRINGS
from viz.selection import decomposition, ensembles, resampling, search

# The page's i18n prefix of each figure's texts (pages/model_selection.py: _text(prefix, keys)).
FIGURE_TEXTS = {
    "cv.est": resampling.ESTIMATES_TEXT,
    "cv.folds": resampling.FOLDS_TEXT,
    "timeseries.est": resampling.TS_EST_TEXT,
    "timeseries.series": resampling.SERIES_TEXT,
    "bias_variance.fig": decomposition.BV_TEXT,
    "bias_variance.spread": decomposition.SPREAD_TEXT,
    "bootstrap.dist": resampling.DIST_TEXT,
    "bootstrap.resample": resampling.RESAMPLE_TEXT,
    "bootstrap.cover": resampling.COVER_TEXT,
    "bagging.fig": decomposition.BAG_TEXT,
    "bagging.fits": decomposition.FITS_TEXT,
    "bagging.oob": decomposition.OOB_TEXT,
    "boosting.bounds": ensembles.BOUNDARY_TEXT,
    "boosting.curves": ensembles.CURVES_TEXT,
    "search.surface": search.SURFACE_TEXT,
    "search.budget": search.BUDGET_TEXT,
    "search.marginal": search.MARGINAL_TEXT,
}


def _fields(s: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", s))


@pytest.mark.parametrize("prefix", sorted(FIGURE_TEXTS))
def test_every_figure_text_is_translated_with_the_same_fields(prefix):
    for key, english in FIGURE_TEXTS[prefix].items():
        entry = STRINGS[f"selection.{prefix}.{key}"]
        assert entry["en"] == english, (prefix, key)
        assert entry["ko"] and _fields(entry["ko"]) == _fields(english), (prefix, key)


def test_a_translation_replaces_the_english_and_an_unknown_key_is_refused():
    fig = vs.oob_figure(np.ones(3), np.ones(3), text={"title": "OOB 추정과 진짜 테스트 오차"})
    assert fig.layout.title.text == "OOB 추정과 진짜 테스트 오차"
    with pytest.raises(KeyError, match="unknown figure text"):
        vs.oob_figure(np.ones(3), np.ones(3), text={"titel": "x"})


def _trace(fig: go.Figure, name: str) -> go.BaseTraceType:
    return next(d for d in fig.data if d.name == name)


def test_decomposition_figure_draws_each_term_and_their_sum():
    rng = np.random.default_rng(0)
    caps = np.arange(1, 6)
    b, v, mse, se, tr = (rng.random(5) for _ in range(5))
    fig = vs.decomposition_figure(caps, b, v, 0.09, mse, se, tr)
    np.testing.assert_allclose(_trace(fig, "bias²").y, b)
    np.testing.assert_allclose(_trace(fig, "variance").y, v)
    np.testing.assert_allclose(_trace(fig, "noise σ²").y, np.full(5, 0.09))
    np.testing.assert_allclose(_trace(fig, "bias² + variance + noise").y, b + v + 0.09)
    measured = _trace(fig, "measured test error (± 2 SE)")
    np.testing.assert_allclose(measured.y, mse)
    np.testing.assert_allclose(measured.error_y.array, 2 * se)
    np.testing.assert_allclose(_trace(fig, "training error").y, tr)
    np.testing.assert_array_equal(_trace(fig, "bias²").x, caps)


def test_bagging_figure_bars_and_member_curves():
    fig = vs.bagging_figure(0.01, 0.2, np.array([0.02, 0.015, 0.012]), np.array([0.2, 0.12, 0.09]), 0.09)
    bars = [d for d in fig.data if d.type == "bar"]
    by_name = {d.name: np.asarray(d.y, float) for d in bars}
    np.testing.assert_allclose(by_name["bias²"], [0.01, 0.012])
    np.testing.assert_allclose(by_name["variance"], [0.2, 0.09])
    lines = {d.name: d for d in fig.data if d.type == "scatter"}
    np.testing.assert_allclose(lines["variance"].y, [0.2, 0.12, 0.09])
    np.testing.assert_array_equal(lines["variance"].x, [1, 2, 3])


def test_boost_curves_mark_the_lowest_test_error():
    test = np.array([[0.3, 0.2, 0.25, 0.28], [0.4, 0.3, 0.22, 0.21]])
    fig = vs.boost_curves_figure(np.array([1.0, 0.1]), test - 0.1, test, 1)
    np.testing.assert_allclose(_trace(fig, "test, η = 1").y, test[0])
    np.testing.assert_allclose(_trace(fig, "train, η = 0.1").y, test[1] - 0.1)
    np.testing.assert_array_equal(_trace(fig, "test, η = 1").x, [1, 2, 3, 4])
    lows = [d for d in fig.data if d.name == "lowest test error"]
    assert [(list(d.x), list(d.y)) for d in lows] == [([2], [0.2]), ([4], [0.21])]


def test_boundary_figure_one_panel_per_snapshot():
    rng = np.random.default_rng(1)
    prob = rng.random((2, 5, 4))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1])
    fig = vs.boundary_figure(
        np.linspace(0, 1, 4),
        np.linspace(0, 1, 5),
        prob,
        np.array([1, 10]),
        rng.random((9, 2)),
        y,
        rng.random((2, 9)),
        np.zeros(9, bool),
        0.1,
    )
    heat = [d for d in fig.data if d.type == "heatmap"]
    assert len(heat) == 2
    np.testing.assert_allclose(np.asarray(heat[1].z, float), prob[1])
    assert sum(len(d.x) for d in fig.data if d.name == "class 1") == 2 * y.sum()
    assert "learning rate 0.1" in fig.layout.title.text


def test_estimates_and_coverage_figures():
    k, h = np.array([0.3, 0.31, 0.29]), np.array([0.2, 0.5, 0.35])
    fig = vs.estimates_figure(k, h, 0.33, 0.3, 10, 0.2)
    boxes = [d for d in fig.data if d.type == "box"]
    np.testing.assert_allclose(boxes[0].y, k)
    np.testing.assert_allclose(boxes[1].y, h)
    assert f"sd {np.std(k):.3f}" in boxes[0].name and "k-fold (10 folds)" in boxes[0].name
    lo, hi = np.array([0.1, 0.6, 0.2]), np.array([0.9, 0.8, 0.45])
    cov = vs.coverage_figure(lo, hi, (lo + hi) / 2, 0.5, 0.9)
    assert cov.layout.title.text.startswith("1 of 3 intervals contain the true value")


def test_search_figures_draw_the_picks_over_the_surface():
    lr, wd = np.geomspace(1e-3, 1, 5), np.geomspace(1e-4, 1, 5)
    val = np.arange(25.0).reshape(5, 5)
    picks = {
        "grid": np.array([[1, 1], [1, 3]]),
        "random": np.array([[0, 2], [4, 4]]),
        "tpe": np.array([[2, 2]]),
    }
    fig = vs.surface_figure(lr, wd, val, picks, (0, 0))
    tpe = _trace(fig, "Bayesian (TPE)")
    np.testing.assert_allclose(tpe.x, np.log10(lr[[2]]))
    np.testing.assert_allclose(tpe.y, np.log10(wd[[2]]))
    rnd = _trace(fig, "random")
    np.testing.assert_allclose(rnd.x, np.log10(lr[[2, 4]]))
    np.testing.assert_allclose(rnd.y, np.log10(wd[[0, 4]]))
    heat = [d for d in fig.data if d.type == "heatmap"]
    assert len(heat) == 3
    np.testing.assert_allclose(np.asarray(heat[0].z, float), val)
    best = {m: np.array([[3.0, 2.0, 1.0], [5.0, 2.0, 2.0]]) for m in ("grid", "random", "tpe")}
    bud = vs.budget_figure(best, 0.5)
    np.testing.assert_allclose(_trace(bud, "random").y, [4.0, 2.0, 1.5])
    np.testing.assert_array_equal(_trace(bud, "random").x, [1, 2, 3])
    assert "(2 repetitions)" in bud.layout.title.text
