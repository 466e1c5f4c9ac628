"""Figure builders of the learning-rate lab: what each figure carries, read back from the figure."""

import numpy as np
import plotly.graph_objects as go
import pytest

import landscapes
import studies
from viz import lr as V

Q = landscapes.get("quadratic")


@pytest.fixture(scope="module")
def panels():
    return studies.three_panels(Q, "sgd", start=(-2.5, 1.5), steps=40)


def test_panels_figure_marks_rises_with_reasons(panels):
    fig = V.panels_figure(panels, landscapes.grid(Q, 40), text={"panels": ("A", "B", "C")})
    assert isinstance(fig, go.Figure)
    titles = [a.text for a in fig.layout.annotations]
    assert titles[0].startswith("A<br>lr = ") and titles[2].startswith("C<br>lr = 0.25")
    rises = [t for t in fig.data if t.name == "loss rises"]
    assert len(rises) == 2  # path and loss markers of the "too large" run only
    assert "2.50 > 2.00" in rises[0].hovertext[0]
    assert len(rises[0].x) == len(panels.rises[2])
    assert sum(isinstance(t, go.Contour) for t in fig.data) == 3
    # The divergence step is drawn.
    assert any("diverged @" in (a.text or "") for a in fig.layout.annotations)


def test_stability_figure_shades_the_unstable_region(panels):
    fig = V.stability_figure(panels)
    fills = [t for t in fig.data if t.fill == "tonexty"]
    assert len(fills) == 3
    limits = [t for t in fig.data if t.name == "stability limit c / lr"]
    np.testing.assert_allclose(limits[2].y, 2.0 / panels.lrs[2], rtol=1e-6)


def test_sweep_figure_has_edges_and_best():
    sw = studies.lr_sweep(Q, ["sgd", "momentum"], lr_range=(1e-3, 1.0), n=64, steps=100)
    fig = V.sweep_figure(sw)
    stars = [t for t in fig.data if t.marker.symbol == "star" and t.showlegend is not False]
    assert len(stars) == 2
    np.testing.assert_allclose(stars[0].x, [sw.best_lr[0]])
    assert fig.layout.xaxis.type == "log"
    vlines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(vlines) >= 2 * int(np.isfinite(sw.edge).sum())
    # the legend names the optimizers as the page does (their titles), not by their ids
    named = V.sweep_figure(sw, names=["SGD", "Momentum"])
    legend = [t.name for t in named.data if t.showlegend is not False and t.mode == "lines"]
    assert legend == ["SGD", "Momentum"]
    assert not {t.legendgroup for t in named.data} & {"sgd", "momentum"}


def test_phase_figure_overlays_theory():
    q = Q.with_params(condition=100.0)
    pm = studies.phase_map(q, "momentum", lr_range=(1e-3, 0.1), n_lr=16, n_second=16, steps=100)
    fig = V.phase_figure(pm)
    edge = [t for t in fig.data if t.name == V.EN["theory_edge"]][0]
    np.testing.assert_allclose(
        np.asarray(edge.x, float), np.where((pm.edge >= pm.lrs[0]) & (pm.edge <= pm.lrs[-1]), pm.edge, np.nan)
    )
    star = [t for t in fig.data if t.name == V.EN["optimum"]][0]
    np.testing.assert_allclose([star.x[0], star.y[0]], [pm.theory.hb_lr, pm.theory.hb_mu])
    heat = [t for t in fig.data if isinstance(t, go.Heatmap) and t.customdata is not None][0]
    # on a quadratic the map shows the exact rate of each setting (NaN where the run diverged)
    assert pm.source == "theory"
    exact = np.where(pm.diverged_at >= 0, np.nan, pm.theory_rate)
    np.testing.assert_allclose(np.asarray(heat.customdata, float), exact)
    assert f"ρ {pm.optimum.rate:.4f}" in star.text[0]  # the star says where it is and how fast
    assert fig.layout.yaxis.title.text == "μ" and "μ " in star.text[0]  # the symbol, not "momentum"
    loss_fig = V.phase_figure(pm, metric="loss")
    assert any(isinstance(t, go.Heatmap) for t in loss_fig.data)
    with pytest.raises(ValueError, match="choose one of: rate, loss"):
        V.phase_figure(pm, metric="speed")


def test_schedules_and_search_figures():
    cmp = studies.compare_schedules(Q, "sgd", {"lr": 0.05}, steps=50)
    fig = V.schedules_figure(cmp)
    assert [t.name for t in fig.data[::2]] == [s.kind for s in cmp.schedules]
    np.testing.assert_allclose(fig.data[1].y, cmp.lr[0])
    r = studies.hp_search(Q, "momentum", budget=9, steps=50, background=8)
    sfig = V.search_figure(r)
    stars = [t for t in sfig.data if isinstance(t, go.Scatter) and t.marker.symbol == "star"]
    assert len(stars) == 2
    np.testing.assert_allclose([stars[0].x[0], stars[0].y[0]], r.best("grid")[0])
    ticks = [t for t in sfig.data if isinstance(t, go.Scatter) and t.marker.symbol == "line-ns"]
    assert [len(t.x) for t in ticks] == [9, 9]
    assert (sfig.layout.xaxis.title.text, sfig.layout.yaxis.title.text) == ("lr", "μ")
