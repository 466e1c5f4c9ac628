"""Figure builders (viz/race/) and exports (viz/export.py): pure functions checked on their output."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import plotly.graph_objects as go
import pytest

import landscapes
import optimizers
from studies import race as rs
from ui import race_model as rm
from viz import colors, export
from viz import race as rv


@pytest.fixture(scope="module")
def race():
    s = landscapes.get("rosenbrock")
    g = landscapes.grid(s, 80)
    bg = rv.background(g.x, g.y, g.z, True)
    res = optimizers.simulate(
        s, [("sgd", {"lr": 1e-3}), ("nag", {"lr": 1e-3}), ("adam", {"lr": 0.01})], steps=400
    )
    return s, g, bg, res


def test_frame_indices():
    assert list(rv.frame_indices(5)) == [0, 1, 2, 3, 4]
    idx = rv.frame_indices(20_001)
    assert idx[0] == 0 and idx[-1] == 20_000 and len(idx) <= rv.MAX_FRAMES and np.all(np.diff(idx) > 0)
    assert rv.nearest_frame(idx, 20_000) == len(idx) - 1 and rv.nearest_frame(idx, 0) == 0


def test_shading_log_and_linear():
    z = np.array([[0.0, 1.0], [100.0, np.nan]])
    s, lo, hi, offset, eps = rv.shade(z, True)
    assert offset == 0.0 and np.isclose(s[1, 0], np.log10(100.0 + eps)) and np.isnan(s[1, 1]) and hi > lo
    s, lo, hi, _, _ = rv.shade(np.arange(100.0).reshape(10, 10), False)
    assert np.isclose(lo, 0.99) and np.isclose(hi, 98.01)  # robust 1st/99th percentiles


def test_colormap_ends_and_nan():
    rgb = colors.colormap(np.array([0.0, 1.0, np.nan]))
    first, last = (
        np.array(colors.hex_to_rgb(h)) for h in (colors.SURFACE_STOPS[0], colors.SURFACE_STOPS[-1])
    )
    np.testing.assert_allclose(rgb[0], np.round(first * (1 - colors.LIGHTEN) + 255 * colors.LIGHTEN), atol=1)
    np.testing.assert_allclose(rgb[1], np.round(last * (1 - colors.LIGHTEN) + 255 * colors.LIGHTEN), atol=1)
    assert tuple(rgb[2]) == (255, 255, 255)
    assert len(set(colors.PALETTE)) == 10 and colors.optimizer_color(10) == colors.optimizer_color(0)


def test_contour_lines_lie_on_their_level():
    x = np.linspace(-2, 2, 101)
    y = np.linspace(-2, 2, 101)
    z = x[None, :] ** 2 + y[:, None] ** 2
    lx, ly = rv.contour_lines(x, y, z, [1.0])
    ok = np.isfinite(lx)
    np.testing.assert_allclose(lx[ok] ** 2 + ly[ok] ** 2, 1.0, atol=2e-3)


def test_contour_figure_is_valid_and_animates_only_the_comets(race):
    s, g, bg, res = race
    names = ["a", "b", "c"]
    cols = [colors.optimizer_color(i) for i in range(3)]
    overs = rs.overlays_at(res.path, res.aux, 5)
    fig = rv.contour_figure(
        bg,
        names,
        cols,
        res.path,
        res.diverged_at,
        start=s.start,
        minima=s.minima,
        overlays=overs,
        show=rv.OVERLAYS,
        speed_ms=70,
    )
    d = fig.to_dict()
    go.Figure(d)  # plotly's own validation accepts everything, frames and slider included
    comet = next(i for i, tr in enumerate(d["data"]) if tr.get("name") == "comets")
    assert all(f["traces"] == [comet] for f in d["frames"])
    fidx = rv.frame_indices(401)
    assert len(d["frames"]) == len(fidx)
    # the frame slider jumps to evenly spaced frames (first and last included), labelled by their step
    slider = d["layout"]["sliders"][0]
    targets = [int(st["args"][0][0]) for st in slider["steps"]]
    assert targets[0] == 0 and targets[-1] == len(fidx) - 1 and targets == sorted(set(targets))
    assert len(targets) <= rv.MAX_SLIDER_STEPS + 1 and max(np.diff(targets)) <= -(-len(fidx) // 20)
    assert [st["label"] for st in slider["steps"]] == [str(int(fidx[j])) for j in targets]
    assert targets[slider["active"]] == len(fidx) - 1  # the handle starts on the frame shown
    assert {f["name"] for f in d["frames"]} >= {str(j) for j in targets}
    assert d["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]["duration"] == 70
    assert d["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    assert d["layout"]["xaxis"]["range"] == [-2.0, 2.0] and d["layout"]["yaxis"]["range"] == [-1.0, 3.0]
    # one colour per run on paths and comets
    paths = [tr for tr in d["data"] if tr.get("name") in names and tr["mode"] == "lines"]
    assert [tr["line"]["color"] for tr in paths] == [colors.rgba(c, 0.55) for c in cols]
    assert d["data"][comet]["marker"]["color"] == [c for c in cols for _ in range(rv.TAIL + 1)]
    # NAG's look-ahead point is where its gradient was taken: w - lr * mu * v
    la = next(tr for tr in d["data"] if tr.get("name") == "look-ahead")
    v = res.aux.moment1[1, 4]  # velocity after step 4 = before step 5
    np.testing.assert_allclose(
        [la["x"][0], la["y"][0]], res.path[1, 5] - 1e-3 * 0.9 * v, rtol=1e-5, atol=1e-7
    )
    assert len(d["layout"]["annotations"]) == 8  # 3 runs x (grad, moment, step); SGD has no moment
    json.loads(fig.to_json())


def test_comet_points_follow_frames(race):
    _, _, _, res = race
    fidx = rv.frame_indices(res.path.shape[1])
    x, y = rv.comet_points(res.path, fidx, 0)
    assert np.all(x.reshape(3, -1) == res.path[:, :1, 0])  # the start repeated before the first frame
    x, y = rv.comet_points(res.path, fidx, 50)
    np.testing.assert_allclose(y.reshape(3, -1)[:, -1], res.path[:, fidx[50], 1])


def test_overlays_match_the_aux_record(race):
    _, _, _, res = race
    overs = rs.overlays_at(res.path, res.aux, 10)
    for i, o in enumerate(overs):
        np.testing.assert_allclose(o.step, res.path[i, 11] - res.path[i, 10], rtol=1e-4, atol=1e-8)
        np.testing.assert_allclose(o.grad, res.aux.grad[i, 10])
    assert overs[0].lookahead is None and overs[1].lookahead is not None
    assert all(o is None for o in rs.overlays_at(res.path, res.aux, 400))  # no step after the last point


def test_curves_and_surface_figures(race):
    s, g, bg, res = race
    titles = dict(loss="loss", loss_gap="gap", dist="dist", grad="grad", step="step")
    dist = rs.distance_to_minima(res.path, s.minima)
    np.testing.assert_allclose(dist[:, 0], np.hypot(-1.5 - 1, 2 - 1))
    fig = rv.curves_figure(
        ["a", "b", "c"],
        ["#000000"] * 3,
        res.loss,
        res.grad_norm,
        dist,
        res.diverged_at,
        min_value=0.0,
        titles=titles,
    )
    d = fig.to_dict()
    go.Figure(d)
    assert [d["layout"][k]["type"] for k in ("yaxis", "yaxis2", "yaxis3")] == ["log"] * 3
    assert [a["text"] for a in d["layout"]["annotations"]] == ["gap", "dist", "grad"]
    no_min = rv.curves_figure(
        ["a"],
        ["#000000"],
        -np.abs(res.loss[:1]),
        res.grad_norm[:1],
        None,
        np.array([-1]),
        min_value=None,
        titles=titles,
    ).to_dict()
    assert no_min["layout"]["yaxis"]["type"] == "linear" and "yaxis3" not in no_min["layout"]
    f3 = rv.surface_figure(g.x, g.y, g.z, bg, ["a", "b", "c"], ["#000000"] * 3, res.path, res.loss).to_dict()
    go.Figure(f3)
    assert f3["data"][0]["type"] == "surface" and len(f3["data"]) == 4


def test_divergence_reasons():
    assert rs.divergence_reason(np.array([1.0, 2.0]), -1, False) == ""
    assert rs.divergence_reason(np.array([1.0, 4.0, 16.0, np.nan]), 3, False) == "curvature"
    assert rs.divergence_reason(np.array([1.0, -4.0, -16.0, np.nan]), 3, True) == "unbounded"
    assert rs.divergence_reason(np.array([1.0, 4.0, 16.0, np.nan]), 3, True) == "curvature"


def test_csv_export_round_trips(race):
    _, _, _, res = race
    text = export.trajectories_csv(["a", "b", "c"], res.path, res.loss, res.grad_norm)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 * 401
    r = rows[401 + 7]
    assert r["optimizer"] == "b" and r["step"] == "7"
    assert float(r["x"]) == float(res.path[1, 7, 0]) and float(r["loss"]) == float(res.loss[1, 7])


def test_csv_stops_at_divergence():
    s = landscapes.get("quadratic").with_params(condition=10.0)
    res = optimizers.simulate(s, [("sgd", {"lr": 0.25})], steps=300)
    d = int(res.diverged_at[0])
    rows = list(csv.DictReader(io.StringIO(export.trajectories_csv(["x"], res.path, res.loss))))
    assert 0 < d and len(rows) == d and rows[-1]["step"] == str(d - 1)


def test_html_export_is_standalone(race):
    s, _, bg, res = race
    fig = rv.contour_figure(bg, ["a", "b", "c"], ["#111111"] * 3, res.path, res.diverged_at, start=s.start)
    html = export.animation_html(fig)
    assert html.lower().startswith("<!doctype html>") and "<title>Gradient Atlas race</title>" in html
    assert "plotly.js v" in html or "Plotly" in html  # the library is inlined, no CDN
    assert '<script src="http' not in html and "Plotly.addFrames" in html


# imageio-ffmpeg starts ffmpeg with fork+exec; JAX warns on any fork (harmless here: the child execs).
@pytest.mark.filterwarnings("ignore:os.fork\\(\\) was called:RuntimeWarning")
def test_gif_and_mp4(race):
    import imageio.v3 as iio

    s, _, bg, res = race
    frames = export.render_frames(
        bg, ["#D62728", "#1F77B4", "#2CA02C"], res.path, n_frames=12, size=(160, 120), start=s.start
    )
    assert len(frames) == 12 and frames[0].shape == (120, 160, 3)
    # the head of the last run drawn is in its colour where its last point maps to
    (x0, x1), (y0, y1) = bg.bounds
    px = int(round((res.path[2, -1, 0] - x0) / (x1 - x0) * 159))
    py = int(round((y1 - res.path[2, -1, 1]) / (y1 - y0) * 119))
    assert tuple(frames[-1][py, px]) == colors.hex_to_rgb("#2CA02C")
    gif = export.gif_bytes(frames)
    back = iio.imread(gif, index=None)
    assert gif[:6] == b"GIF89a" and back.shape[0] == 12
    mp4 = export.mp4_bytes(frames)
    assert mp4[4:8] == b"ftyp" and len(mp4) > 1000


def test_slider_frames_are_even_and_include_the_current_frame():
    f = rv.slider_frames(200, 77, max_steps=40)
    assert f[0] == 0 and f[-1] == 199 and 77 in f and len(f) <= 41
    assert np.all(np.diff(f) > 0) and np.diff(f).max() <= 6
    assert list(rv.slider_frames(5, 2, max_steps=40)) == [0, 1, 2, 3, 4]  # fewer frames than steps: all


def test_a_click_snaps_to_a_round_grid_inside_the_view():
    assert rm.click_step(4.0) == pytest.approx(0.02)  # 1/100 of the view, rounded down to 1-2-5
    assert rm.click_step(10.0) == pytest.approx(0.1) and rm.click_step(3.0) == pytest.approx(0.02)
    assert rm.click_step(600.0) == pytest.approx(5.0)
    bounds = ((-2.0, 2.0), (-1.0, 3.0))
    assert rm.snap_start(bounds, 0.99681, 0.00034) == (1.0, 0.0)  # a pixel off (1, 0): (1, 0)
    assert rm.snap_start(bounds, -1.513, 2.0291) == (-1.52, 2.02)
    assert rm.snap_start(bounds, 9.0, -7.0) == (2.0, -1.0)  # clamped into the view
