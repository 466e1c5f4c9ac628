"""Figure builders of the batch lab: the figures hold the numbers they were given."""

import numpy as np

from studies import batch
from viz import batch as vb

RNG = np.random.default_rng(0)
BS = [16, 256, 2048]


def test_curves_and_spread_carry_the_means():
    steps = np.arange(5) * 10
    tr, te = RNG.uniform(size=(3, 4, 5)), RNG.uniform(size=(3, 4, 5))
    fig = vb.curves_figure(steps, tr, te, BS)
    assert len(fig.data) == 6
    np.testing.assert_allclose(fig.data[0].y, tr[0].mean(axis=0))
    np.testing.assert_allclose(fig.data[3].y, te[1].mean(axis=0))
    assert fig.data[0].line.color == fig.data[1].line.color != fig.data[2].line.color
    assert fig.data[1].line.dash == "dash"
    vals = RNG.normal(size=(3, 4))
    vals[1, 2] = np.nan  # a diverged seed is left out of the mean
    fig = vb.spread_figure(BS, vals, ylabel="gap", zero_line=True)
    np.testing.assert_allclose(fig.data[1].y, np.nanmean(vals, axis=1))
    np.testing.assert_allclose(fig.data[1].error_y.array, np.nanstd(vals, axis=1))
    assert fig.layout.xaxis.type == "log"


def test_sharpness_panels():
    fig = vb.sharpness_figure(BS, RNG.uniform(size=(3, 4)), RNG.uniform(size=(3, 4, 2)), (1e-3, 5e-4))
    assert len(fig.layout.annotations) == 3 and "ε = 0.001" in fig.layout.annotations[1].text
    assert len(fig.data) == 6


def test_slices_share_one_colour_scale():
    coords = np.linspace(-1, 1, 5)
    z = RNG.uniform(0.1, 3.0, size=(3, 5, 5))
    fig = vb.slices_figure(coords, z, BS)
    contours = [d for d in fig.data if d.type == "contour"]
    assert len(contours) == 3 and {c.coloraxis for c in contours} == {"coloraxis"}
    assert fig.layout.coloraxis.cmin == np.log10(z.min()) and fig.layout.coloraxis.cmax == np.log10(z.max())
    np.testing.assert_allclose(contours[2].z, np.log10(z[2]))


def test_interpolation_decision_basin_concept_figures():
    a = np.linspace(-1, 2, 7)
    loss = RNG.uniform(0.1, 1, size=(2, 7))
    acc = RNG.uniform(size=(2, 7))
    fig = vb.interpolation_figure(a, loss, loss * 2, acc, acc, 16, 2048)
    means = [d for d in fig.data if d.name and "loss" in d.name]
    np.testing.assert_allclose(means[0].y, loss.mean(axis=0))
    xs = np.linspace(-1, 1, 4)
    fig = vb.decision_figure((xs, xs), RNG.uniform(size=(3, 4, 4, 1)), BS, RNG.normal(size=(10, 2)),
                             RNG.integers(0, 2, 10))
    assert sum(d.type == "contour" for d in fig.data) == 3
    fig = vb.decision_figure((xs, xs), RNG.uniform(size=(3, 4, 4, 3)), BS, RNG.normal(size=(10, 2)),
                             RNG.integers(0, 3, 10))
    assert sum(d.type == "heatmap" for d in fig.data) == 3
    fig = vb.decision_figure((xs,), RNG.uniform(size=(3, 4, 1)), BS, RNG.normal(size=(10, 1)),
                             RNG.normal(size=10))
    assert len(fig.data) == 6
    fr = np.array([[0.9, 0.8], [1.0, 0.95]])
    fig = vb.basin_figure([1, 128], fr, fr * 0.01, ["sgd", "sam"])
    np.testing.assert_allclose(fig.data[1].y, fr[1])
    c = batch.concept_curves(shift=0.3)
    fig = vb.concept_figure(c.x, c.train, c.test, c.minima, c.gaps)
    seg = fig.data[3]  # the sharp minimum's gap segment
    assert seg.y[1] - seg.y[0] == c.gaps[1]
    fig = vb.endpoints_figure(xs, xs, RNG.uniform(size=(4, 4)), np.zeros((2, 2)), {"B=1": np.zeros((5, 2))})
    assert fig.data[-1].name == "minima"
