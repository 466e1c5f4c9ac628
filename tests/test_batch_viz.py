"""Figure builders of the batch lab: every trace shows the arrays it was given.

The builders are pure (arrays in, ``go.Figure`` out), so each test hands them random arrays and
compares every trace's x / y / z (and error bars, hover data) with the input array, or the
reduction of it, that the trace should show. Means and standard deviations over seeds are computed
here with NumPy's own ``nanmean`` / ``nanstd`` (a diverged seed, NaN, is left out).
"""

import numpy as np
import pytest

from studies import batch
from viz import batch as vb

BS = [16, 256, 2048]
S = 4  # seeds


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def arr(v) -> np.ndarray:
    return np.asarray(v, np.float64)


def eq(trace_values, expected, **kw) -> None:
    np.testing.assert_allclose(arr(trace_values), arr(expected), rtol=1e-12, atol=0, **kw)


def nanmean(a, axis):
    with np.errstate(invalid="ignore"):
        return np.nanmean(a, axis=axis)


def test_curves_show_the_mean_and_spread_of_each_batch_size(rng):
    steps = np.arange(6) * 10
    train, test = rng.uniform(size=(3, S, 6)), rng.uniform(size=(3, S, 6))
    train[1, 2, 3:] = np.nan  # a seed that diverged at step 30
    fig = vb.curves_figure(steps, train, test, BS)
    assert len(fig.data) == 2 * len(BS)
    colors = vb.batch_colors(len(BS))
    for j, b in enumerate(BS):
        for k, (vals, dash, name) in enumerate(((train, "solid", "train"), (test, "dash", "test"))):
            tr = fig.data[2 * j + k]
            assert tr.name == f"B={b} {name}" and tr.line.dash == dash and tr.line.color == colors[j]
            eq(tr.x, steps)
            eq(tr.y, np.nanmean(vals[j], axis=0))
            eq(tr.customdata, np.nanstd(vals[j], axis=0))  # the hover's "± std"
    assert len(set(colors)) == len(BS)


def test_curves_of_a_batch_size_with_every_seed_diverged_are_gaps(rng):
    train = rng.uniform(size=(2, S, 3))
    train[0, :, 2] = np.nan
    fig = vb.curves_figure(np.arange(3), train, train, BS[:2])
    eq(fig.data[0].y, [*train[0, :, :2].mean(axis=0), np.nan], equal_nan=True)


@pytest.mark.parametrize("zero_line", [False, True])
def test_spread_shows_every_seed_and_the_mean_with_std(rng, zero_line):
    vals = rng.normal(size=(3, S))
    vals[1, 2] = np.nan  # a diverged seed is left out of the mean
    fig = vb.spread_figure(BS, vals, ylabel="gap", zero_line=zero_line)
    seeds, mean = fig.data
    eq(seeds.y, vals.ravel(), equal_nan=True)
    eq(seeds.customdata, np.repeat(BS, S))  # each seed's point knows its batch size
    ratio = arr(seeds.x) / np.repeat(BS, S)  # at its batch size, jittered by at most 4% in log x
    assert np.all(np.abs(np.log(ratio)) <= 0.04 + 1e-12) and len(set(np.round(ratio, 12))) == S
    eq(mean.x, BS)
    eq(mean.y, nanmean(vals, 1))
    eq(mean.error_y.array, np.nanstd(vals, axis=1))
    assert fig.layout.xaxis.type == "log" and list(fig.layout.xaxis.tickvals) == BS
    assert [s.y0 for s in fig.layout.shapes] == ([0.0] if zero_line else [])


def test_sharpness_panels_show_the_eigenvalue_and_each_epsilon(rng):
    top, eps = rng.uniform(size=(3, S)), rng.uniform(size=(3, S, 2))
    fig = vb.sharpness_figure(BS, top, eps, (1e-3, 5e-4))
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["top Hessian eigenvalue", "ε-sharpness, ε = 0.001", "ε-sharpness, ε = 0.0005"]
    assert len(fig.data) == 6
    for j, panel in enumerate((top, eps[..., 0], eps[..., 1])):
        seeds, mean = fig.data[2 * j], fig.data[2 * j + 1]
        axis = "x" if j == 0 else f"x{j + 1}"
        assert seeds.xaxis == mean.xaxis == axis, j  # each in its own panel
        eq(seeds.y, panel.ravel())
        eq(mean.x, BS)
        eq(mean.y, panel.mean(axis=1))
        eq(mean.error_y.array, panel.std(axis=1))
        assert (seeds.showlegend is not False) == (j == 0)


def test_interpolation_shows_each_seed_and_the_means(rng):
    a = np.linspace(-1, 2, 7)
    tr_loss, te_loss = rng.uniform(0.1, 1, size=(2, S, 7))
    tr_acc, te_acc = rng.uniform(size=(2, S, 7))
    fig = vb.interpolation_figure(a, tr_loss, te_loss, tr_acc, te_acc, 16, 2048)
    assert len(fig.data) == 2 * (S + 1) + 2
    for i, (vals, name) in enumerate(((tr_loss, "train"), (te_loss, "test"))):
        block = fig.data[i * (S + 1) : (i + 1) * (S + 1)]
        for s in range(S):  # one thin line per seed
            eq(block[s].x, a)
            eq(block[s].y, vals[s])
            assert block[s].showlegend is False and block[s].yaxis == "y"
        assert block[S].name == f"{name} loss" and block[S].yaxis == "y"
        eq(block[S].x, a)
        eq(block[S].y, vals.mean(axis=0))
    for tr, vals, name in zip(fig.data[-2:], (tr_acc, te_acc), ("train", "test"), strict=True):
        assert tr.name == f"{name} accuracy" and tr.yaxis == "y2"  # the right-hand axis
        eq(tr.y, vals.mean(axis=0))
    assert [s.x0 for s in fig.layout.shapes] == [0.0, 1.0]
    assert [(n.x, n.text) for n in fig.layout.annotations] == [(0.0, "B=16"), (1.0, "B=2048")]
    assert fig.layout.yaxis.type == "log"
    # without accuracies (regression): the loss traces only
    fig = vb.interpolation_figure(a, tr_loss, te_loss, None, None, 16, 2048, log_y=False)
    assert len(fig.data) == 2 * (S + 1) and fig.layout.yaxis.type == "linear"


@pytest.mark.parametrize("log_color", [True, False])
def test_slices_show_each_solutions_surface_on_one_colour_scale(rng, log_color):
    coords = np.linspace(-1, 1, 5)
    z = rng.uniform(0.1, 3.0, size=(3, 5, 5))
    fig = vb.slices_figure(coords, z, BS, log_color=log_color)
    contours = [d for d in fig.data if d.type == "contour"]
    marks = [d for d in fig.data if d.type == "scatter"]
    shown = np.log10(z) if log_color else z
    assert len(contours) == len(marks) == 3
    for j, c in enumerate(contours):
        eq(c.x, coords)
        eq(c.y, coords)
        eq(c.z, shown[j])  # rows along direction 2 (y), as given
        eq(c.customdata, z[j])  # the hover shows the loss itself
        assert c.coloraxis == "coloraxis" and c.xaxis == ("x" if j == 0 else f"x{j + 1}")
        assert (marks[j].x, marks[j].y) == ((0.0,), (0.0,))  # the solution itself
    assert [a.text for a in fig.layout.annotations] == [f"B={b}" for b in BS]
    assert fig.layout.coloraxis.cmin == pytest.approx(shown.min(), rel=1e-12)
    assert fig.layout.coloraxis.cmax == pytest.approx(shown.max(), rel=1e-12)
    fig = vb.slices_figure(coords, z, BS, log_color=log_color, zmax=2.0)
    assert fig.layout.coloraxis.cmax == pytest.approx(np.log10(2.0) if log_color else 2.0)


def test_decision_boundaries_binary(rng):
    xs, ys = np.linspace(-1, 1, 4), np.linspace(-2, 2, 5)
    probs = rng.uniform(size=(3, 5, 4, 1))
    x, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10)
    fig = vb.decision_figure((xs, ys), probs, BS, x, y)
    assert [d.type for d in fig.data] == ["contour", "scatter"] * 3
    for j in range(3):
        c, pts = fig.data[2 * j], fig.data[2 * j + 1]
        eq(c.x, xs)
        eq(c.y, ys)
        eq(c.z, probs[j, ..., 0])
        assert (c.zmin, c.zmax, c.contours.start, c.contours.end) == (0.0, 1.0, 0.5, 0.5)  # P(1) = 1/2
        eq(pts.x, x[:, 0])
        eq(pts.y, x[:, 1])
        eq(pts.marker.color, y)


def test_decision_regions_multiclass_and_the_point_sample(rng):
    xs = np.linspace(-1, 1, 4)
    probs = rng.uniform(size=(3, 4, 4, 3))
    x, y = rng.normal(size=(10, 2)), rng.integers(0, 3, 10)
    fig = vb.decision_figure((xs, xs), probs, BS, x, y, max_points=4)
    heat = [d for d in fig.data if d.type == "heatmap"]
    assert len(heat) == 3
    for j, h in enumerate(heat):
        eq(h.z, np.argmax(probs[j], axis=-1))
        assert (h.zmin, h.zmax) == (0, 2)
    idx = [0, 3, 6, 9]  # 4 of the 10 points, evenly spread
    pts = fig.data[1]
    eq(pts.x, x[idx, 0])
    eq(pts.y, x[idx, 1])
    eq(pts.marker.color, y[idx])


def test_decision_curves_for_regression(rng):
    xs = np.linspace(-1, 1, 6)
    pred = rng.normal(size=(3, 6, 1))
    x, y = rng.normal(size=(10, 1)), rng.normal(size=10)
    fig = vb.decision_figure((xs,), pred, BS, x, y)
    assert len(fig.data) == 6
    order = np.argsort(x[:, 0])
    for j in range(3):
        pts, line = fig.data[2 * j], fig.data[2 * j + 1]
        eq(pts.x, x[order, 0])  # the training points, sorted by input
        eq(pts.y, y[order])
        eq(line.x, xs)
        eq(line.y, pred[j, :, 0])


def test_basin_fractions_per_optimizer(rng):
    fr, err = rng.uniform(size=(2, 3)), rng.uniform(0, 0.1, size=(2, 3))
    fig = vb.basin_figure([1, 8, 128], fr, err, ["SGD", "SAM"])
    assert [d.name for d in fig.data] == ["SGD", "SAM"]
    for i, tr in enumerate(fig.data):
        eq(tr.x, [1, 8, 128])
        eq(tr.y, fr[i])
        eq(tr.error_y.array, err[i])
    assert fig.data[0].line.color != fig.data[1].line.color


def test_endpoints_show_the_surface_the_groups_and_the_minima(rng):
    xs, ys = np.linspace(-2, 2, 5), np.linspace(-1, 1, 4)
    z = rng.uniform(size=(4, 5))
    minima = np.array([[0.0, 0.0], [1.4, 0.0]])
    ends = {"B=1": rng.normal(size=(6, 2)), "B=128": rng.normal(size=(3, 2))}
    fig = vb.endpoints_figure(xs, ys, z, minima, ends)
    surface, *groups, mins = fig.data
    eq(surface.x, xs)
    eq(surface.y, ys)
    eq(surface.z, z)
    assert [g.name for g in groups] == list(ends)
    for g, pts in zip(groups, ends.values(), strict=True):
        eq(g.x, pts[:, 0])
        eq(g.y, pts[:, 1])
    assert mins.name == "minima"
    eq(mins.x, minima[:, 0])
    eq(mins.y, minima[:, 1])
    assert tuple(fig.layout.xaxis.range) == (-2.0, 2.0) and tuple(fig.layout.yaxis.range) == (-1.0, 1.0)


def test_concept_figure_draws_the_curves_and_each_gap():
    c = batch.concept_curves(shift=0.3)
    fig = vb.concept_figure(c.x, c.train, c.test, c.minima, c.gaps)
    train, test, *segments = fig.data
    eq(train.x, c.x)
    eq(train.y, c.train)
    eq(test.x, c.x)
    eq(test.y, c.test)
    assert len(segments) == 2
    for seg, xm, gap in zip(segments, c.minima, c.gaps, strict=True):
        f = np.interp(xm, c.x, c.train)  # the training loss at the minimum
        eq(seg.x, [xm, xm])
        eq(seg.y, [f, f + gap])  # from the training curve up by the gap
    texts = [a.text for a in fig.layout.annotations]
    assert texts == ["flat minimum", f"gap {c.gaps[0]:.2f}", "sharp minimum", f"gap {c.gaps[1]:.2f}"]
