"""AppTest of the Landscape explorer: critical points (figure, table, the degenerate point explained),
the user's formula, basin maps against the library, escape against the closed form, share links, Korean."""

from __future__ import annotations

import base64

import numpy as np
import pytest

import i18n
import landscapes
import presets
from studies import explorer as ex
from ui import explorer_model as em
from ui import state
from ui.testing import app_test, errors, figures
from viz import explorer as xv

PAGE = "pages/explorer.py"
KEY = "explorer:"


def open_page(query: dict | None = None):
    at = app_test(query or {}, PAGE).run()
    assert not at.exception, at.exception
    assert not errors(at), errors(at)
    return at


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info]
    return "\n".join(parts)


def charts(at) -> list[dict]:
    return figures(at, animated=False)


def animations(at) -> list[dict]:
    return figures(at, animated=True)


def decode(v):
    if isinstance(v, dict) and "bdata" in v:
        a = np.frombuffer(base64.b64decode(v["bdata"]), np.dtype(v["dtype"]))
        return a.reshape(v["shape"]) if "shape" in v and isinstance(v["shape"], list) else a
    return np.asarray(v)


def test_default_view_himmelblau_critical_points_on_the_contour():
    at = open_page()
    assert at.title[0].value == "Landscape explorer"
    q = dict(at.query_params)
    assert q["view"] == "critical" and q["surf"] == "himmelblau"
    body = texts(at)
    assert "9 critical points in the view: minima 4, maxima 1, saddles 4, degenerate 0." in body
    (fig,) = charts(at)
    by_kind = {tr["meta"]: tr for tr in fig["data"] if tr.get("meta")}
    assert {k: len(decode(tr["x"])) for k, tr in by_kind.items()} == {"minimum": 4, "maximum": 1, "saddle": 4}
    # hover carries the eigenvalues and the value; they are the library's
    view = ex.critical_view(landscapes.get("himmelblau"))
    (mx,) = [i for i, k in enumerate(view.kind) if k == "maximum"]
    hover = by_kind["maximum"]["hovertext"][0]
    assert f"λ₁ = {view.eigenvalues[mx, 0]:.4g}" in hover and f"f = {view.value[mx]:.5g}" in hover
    # two eigenvector segments through each saddle, the downhill one along the negative eigenvalue's vector
    names = [tr.get("name") for tr in fig["data"]]
    down = fig["data"][names.index("downhill eigenvector")]
    xs = np.array([np.nan if v is None else v for v in down["x"]], float)
    assert np.sum(np.isnan(xs)) == 4  # four segments
    table = [m.value for m in at.markdown if m.value.startswith("| #")][0]
    assert table.count("| saddle |") == 4 and table.count("| maximum |") == 1


def test_monkey_saddle_degenerate_point_is_explained_and_3d_view():
    at = open_page({"surf": "monkey_saddle", "show3d": "1"})
    body = texts(at)
    assert "1 critical points in the view: minima 0, maxima 0, saddles 0, degenerate 1." in body
    assert "The degenerate point at (0, 0)" in body
    assert "The Hessian's eigenvalues are 0 and 0" in body and "second-order test says nothing" in body
    assert "changes sign 6 times" in body and "= 1·x³ -3·xy²;" in body
    assert "in 3 separate directions" in body and "monkey saddle" in body
    figs = charts(at)
    assert len(figs) == 2 and figs[1]["data"][0]["type"] == "surface"


def test_user_formula_bad_then_good():
    at = open_page({"surf": "custom", "expr": "x^4 - 2*x^2 + y^2"})
    assert "3 critical points in the view: minima 2, maxima 0, saddles 1, degenerate 0." in texts(at)
    at.text_input(key=KEY + "expr").set_value("x^2 +* y").run()
    assert not at.exception
    assert any("cannot be used" in e.value for e in at.error)
    assert "Still showing the last formula that worked" in texts(at)
    assert "minima 2," in texts(at)
    at.text_input(key=KEY + "expr").set_value("x^2 - y^2 + x*y").run()
    assert not at.exception and "saddles 1," in texts(at)
    assert dict(at.query_params)["expr"] == "x^2 - y^2 + x*y"


def test_basin_maps_equal_the_library_and_shares_add_up():
    q = {
        "view": "basins",
        "surf": "six_hump_camel",
        "b_n": "24",
        "b_steps": "200",
        "a_opt": "sgd",
        "a_lr": "0.02",
        "b_opt": "momentum",
        "b_lr": "0.01",
        "b_mu": "0.9",
    }
    at = open_page(q)
    fig = charts(at)[0]
    heat = [tr for tr in fig["data"] if tr["type"] == "heatmap"]
    assert len(heat) == 2
    w = em.where_for({"surf": "six_hump_camel"})
    mins = ex.basin_map(w.landscape(), "sgd", {"lr": 0.02}, n=24, steps=200).minima
    for tr, (opt, hp) in zip(
        heat, [("sgd", {"lr": 0.02}), ("momentum", {"lr": 0.01, "momentum": 0.9})], strict=True
    ):
        b = ex.basin_map(w.landscape(), opt, hp, n=24, steps=200, minima=mins)
        np.testing.assert_array_equal(decode(tr["z"]).reshape(24, 24), xv.codes(b))
    table = [m.value for m in at.markdown if m.value.startswith("| #")][0]
    for col in (3, 4):
        cells = [r.split("|")[col + 1].strip() for r in table.splitlines()[2:]]
        assert sum(float(c.rstrip("%")) for c in cells) == pytest.approx(100.0, abs=0.1 * len(cells))
    assert "Share of starts that end at a global minimum" in texts(at)


def test_basin_map_too_big_says_what_fits():
    at = open_page({"view": "basins", "b_n": "512", "b_steps": "2000"})
    (err,) = at.error
    assert "512 × 512 starts × 2000 steps" in err.value and "at most 610 steps" in err.value


def test_escape_view_within_one_step_of_the_closed_form():
    at = open_page({"view": "escape", "surf": "saddle", "e_lr": "0.05", "e_steps": "2000"})
    fig = charts(at)[-1]
    theory = np.asarray(decode(fig["data"][0]["y"]), float)
    measured = np.asarray(decode(fig["data"][1]["y"]), float)
    assert len(measured) == em.E_DELTAS
    assert np.all(np.abs(measured - theory) <= 1.0)
    assert "λ_min = -2" in texts(at)


def test_escape_view_on_a_surface_without_saddles():
    at = open_page({"view": "escape", "surf": "quadratic"})
    assert "no saddle in the view" in texts(at)


def test_korean_and_share_link_round_trip():
    at = open_page({"lang": "ko", "surf": "six_hump_camel"})
    assert at.title[0].value == i18n.t("explorer.title", lang="ko")
    assert "임계점 15개: 최솟값 6개, 최댓값 2개, 안장점 7개, 퇴화 0개." in texts(at)
    at = open_page({"lang": "ko", "surf": "six_hump_camel", "view": "escape", "e_saddle": "3"})
    assert "안장점에서 내리막 고유벡터 방향" in texts(at)
    q = dict(at.query_params)
    assert (
        q["view"] == "escape" and q["surf"] == "six_hump_camel" and q["lang"] == "ko" and q["e_saddle"] == "3"
    )
    again = open_page(q)
    assert dict(again.query_params) == q


@pytest.mark.parametrize("preset", presets.for_page("explorer"), ids=lambda p: p.id)
def test_preset_sets_every_control_without_notice(preset):
    schema = {p.name: p for p in em.all_params()}
    for name, value in preset.values.items():
        assert name in schema, f"{preset.id}: unknown control {name}"
        v, note = state.coerce(schema[name], value)
        assert note is None and v is not None, f"{preset.id}: {name}={value}"


def test_presets_show_their_lessons_and_the_numbers_they_claim():
    at = app_test(None, PAGE).run()
    at.selectbox(key="_ga_preset:explorer").set_value("explorer_camel_basins").run()
    assert not at.exception and not errors(at)
    assert any(presets.get("explorer_camel_basins").title["en"] in i.value for i in at.info)
    assert "60.0% with setting A, 63.7% with setting B" in texts(at)
    at.selectbox(key="_ga_preset:explorer").set_value("explorer_monkey_saddle").run()
    assert not at.exception and "in 3 separate directions" in texts(at)


def test_escape_race_table_is_the_library_s():
    at = open_page({"view": "escape", "surf": "saddle", "e_lr": "0.05", "e_delta": "1e-06", "e_noise": "1"})
    w = em.where_for({"surf": "saddle"})
    race = ex.escape_race(
        w.landscape(), (0.0, 0.0), 1e-6 * 0.4, lr=0.05, mu=0.9, noise=1.0, radius=0.4, steps=2000
    )
    table = [m.value for m in at.markdown if m.value.startswith("| optimizer")][0]
    for name, k in zip(
        ("GD", "Momentum", "NAG", "Mini-batch SGD (B = 16, noisy)", "Adam"), race.steps, strict=True
    ):
        assert f"| {name} | {k} |" in table
    assert f"| GD | {race.steps[0]} | {race.theory_gd:.1f} |" in table
    assert len(charts(at)) == 1  # steps against δ
    (anim,) = animations(at)  # the Race page's live chart, animated
    names = [tr.get("name") for tr in anim["data"]]
    assert "Adam" in names and "ball of radius r" in names
    cut = xv.escape_cut(race)
    assert cut == int(np.ceil(1.25 * race.steps.max())) + 5
    assert len(anim["frames"]) == min(cut + 1, 200) and anim["layout"]["updatemenus"]
    gd = anim["data"][names.index("GD")]
    x, y = np.asarray(decode(gd["x"]), float), np.asarray(decode(gd["y"]), float)
    np.testing.assert_allclose((x[0], y[0]), race.start, atol=1e-6)
    np.testing.assert_allclose((x[-1], y[-1]), race.path[0, cut], rtol=1e-5, atol=1e-6)


def test_a_clicked_pixel_shows_that_start_s_path_on_both_maps():
    q = {"view": "basins", "surf": "himmelblau", "b_n": "16", "b_steps": "200"}
    at = open_page(q)
    assert any("Click a pixel" in c.value for c in at.caption)
    clicks = [tr for tr in charts(at)[0]["data"] if tr.get("meta") == "click"]
    assert len(clicks) == 2 and len(decode(clicks[0]["x"])) == 16 * 16
    w = em.where_for({"surf": "himmelblau"})
    maps = [
        ex.basin_map(w.landscape(), "sgd", {"lr": 0.01}, n=16, steps=200),
        ex.basin_map(w.landscape(), "momentum", {"lr": 0.01, "momentum": 0.9}, n=16, steps=200),
    ]
    start = em.snap_to_pixel(maps[0], 1.3, -2.2)  # where a click near (1.3, -2.2) lands
    i, j = int(np.argmin(np.abs(maps[0].ys - start[1]))), int(np.argmin(np.abs(maps[0].xs - start[0])))
    at.session_state["_ga_flag:explorer:pick"] = (w, start)
    at.run()
    assert not at.exception and not errors(at)
    paths = [tr for tr in charts(at)[0]["data"] if tr.get("meta") == "path"]
    assert len(paths) == 2
    for tr, b in zip(paths, maps, strict=True):
        x, y = np.asarray(decode(tr["x"]), float), np.asarray(decode(tr["y"]), float)
        assert (x[0], y[0]) == pytest.approx(start)
        np.testing.assert_allclose((x[-1], y[-1]), b.final_w[i, j], rtol=1e-5, atol=1e-5)  # that pixel's run
    assert any("Paths of both settings from the start" in c.value for c in at.caption)


def test_click_helpers():
    b = ex.basin_map(landscapes.get("himmelblau"), "sgd", {"lr": 0.01}, n=8, steps=20, minima=())
    assert em.snap_to_pixel(b, 100.0, -100.0) == (b.xs[-1], b.ys[0])
    assert em.clicked_point({"selection": {"points": [{"x": 1.0, "y": 2.0, "curve_number": 3}]}}) == (
        1.0,
        2.0,
    )
    for empty in (None, {}, {"selection": {"points": []}}, {"selection": {"points": [{"z": 1}]}}):
        assert em.clicked_point(empty) is None


def test_a_line_of_degenerate_points_is_summed_up():
    at = open_page({"surf": "custom", "expr": "x^2"})
    body = texts(at)
    assert "critical points in the view: minima 0, maxima 0, saddles 0, degenerate 24." in body
    assert len([s for s in at.subheader if s.value.startswith("The degenerate point")]) == 3
    assert "… and 21 more degenerate points" in body


# ------------------------------------------------------------------------------------------------
# The network view (a network's landscape along its training path)


def _net(values: dict):
    from studies import explorer_net as en
    from ui import explorer_net_model as enm

    return en.run(enm.config(values))


def test_network_view_draws_the_library_s_pca_plane_and_path():
    from ui.testing import settle

    at = settle(
        app_test({"view": "network", "p_steps": "200", "p_records": "40", "p_grid": "21"}, PAGE).run()
    )
    assert not at.exception and not errors(at), errors(at)
    net = _net({"p_steps": 200, "p_records": 40, "p_grid": 21})
    body = texts(at)
    e = net.explained
    assert f"explain {e[0]:.1%} and {e[1]:.1%}" in body and f"({e[0] + e[1]:.1%} together)" in body
    assert (
        f"({net.n_params} parameters) for 200 steps: training loss {net.loss[0]:.4g} → {net.loss[-1]:.4g}"
        in body
    )
    assert "Surface" not in [x.label for x in at.expander]  # no surface picker in this view
    (anim,) = animations(at)
    names = [tr.get("name") for tr in anim["data"]]
    path = anim["data"][names.index("training path")]
    xy = np.stack([decode(path["x"]), decode(path["y"])], 1).astype(float)
    np.testing.assert_allclose(xy, net.pca.path, rtol=1e-5, atol=1e-6)
    assert len(anim["frames"]) == 41 and anim["layout"]["updatemenus"]  # one frame per recorded weight vector
    assert anim["layout"]["xaxis"]["title"]["text"] == f"PCA direction 1 ({e[0]:.1%})"
    figs = charts(at)
    assert len(figs) == 3  # loss along the path, 1-D slices, explained shares
    on_plane = [tr for tr in figs[0]["data"] if tr["name"] == "projected on the PCA plane"][0]
    np.testing.assert_allclose(decode(on_plane["y"]).astype(float), net.pca.path_loss, rtol=1e-6)
    bars = decode(figs[2]["data"][0]["y"]).astype(float)
    np.testing.assert_allclose(bars, net.explained[:10], rtol=1e-6)


def test_network_view_random_plane_says_why_the_path_vanishes_and_round_trips_its_link():
    from ui.testing import settle

    q = {
        "view": "network",
        "p_steps": "200",
        "p_records": "40",
        "p_grid": "21",
        "p_plane": "random",
        "p_3d": "1",
    }
    at = settle(app_test(q, PAGE).run())
    assert not at.exception and not errors(at), errors(at)
    net = _net({"p_steps": 200, "p_records": 40, "p_grid": 21})
    body = texts(at)
    assert "On the random plane the path nearly vanishes" in body
    assert f"2/d = {2 / net.n_params:.2%}" in body and f"d = {net.n_params} dimensions" in body
    (anim,) = animations(at)
    names = [tr.get("name") for tr in anim["data"]]
    path = anim["data"][names.index("training path")]
    np.testing.assert_allclose(decode(path["x"]).astype(float), net.random.path[:, 0], rtol=1e-5, atol=1e-7)
    surface = charts(at)[0]["data"][0]
    assert surface["type"] == "surface"
    np.testing.assert_allclose(decode(surface["z"]).reshape(net.random.z.shape), net.random.z, rtol=1e-6)
    again = app_test(dict(at.query_params), PAGE).run()
    assert dict(again.query_params) == dict(at.query_params)
    assert dict(again.query_params)["p_plane"] == "random"


def test_network_view_refuses_a_plane_that_is_too_much_work():
    at = open_page({"view": "network", "p_width": "128", "p_depth": "4", "p_grid": "101"})
    (err,) = at.error
    assert "too much work" in err.value and "use a smaller grid" in err.value
    assert not animations(at)


def test_escape_view_has_one_status_per_computation_and_a_round_ball():
    at = open_page({"view": "escape", "surf": "saddle"})
    labels = [s.label for s in at.get("status")]
    assert len(labels) == 2 and sum("Escaping a saddle: done" in x for x in labels) == 1
    (anim,) = animations(at)
    lay = anim["layout"]
    assert lay["xaxis"]["title"]["text"] == "x" and lay["yaxis"]["title"]["text"] == "y"
    assert lay["yaxis"]["scaleanchor"] == "x" and lay["yaxis"].get("scaleratio", 1) == 1
    (x0, x1), (y0, y1) = lay["xaxis"]["range"], lay["yaxis"]["range"]
    assert x1 - x0 == pytest.approx(y1 - y0)  # a square view at equal scale: the ball is a circle


# ------------------------------------------------------------------------------------------------
# Saddles in high dimensions (studies/explorer_hd.py, run as a job)


def test_hd_view_draws_the_library_s_numbers():
    from studies import explorer_hd as hd
    from ui import explorer_hd_model as hdm
    from ui.testing import settle

    q = {
        "view": "hd",
        "hd_nmax": "3",
        "hd_functions": "4",
        "hd_seeds": "16",
        "hd_starts": "16",
        "hd_width": "2",
    }
    at = settle(app_test(q, PAGE).run())
    assert not at.exception and not errors(at)
    cfg = hdm.config(hdm.values_with({k: v for k, v in q.items() if k != "view"} | {"hd_mlp": True}))
    assert cfg == hd.HDConfig(n_max=3, functions=4, seeds=16, mlp_starts=16, mlp_width=2)
    r = hd.run(cfg)
    share, index = charts(at)
    by = {tr.get("meta"): tr for tr in share["data"]}
    np.testing.assert_allclose(
        decode(by["goe_exact"]["y"]), [hd.goe_pd_exact(n) for n in (1, 2, 3)], rtol=1e-12
    )
    got = decode(by["measured"]["y"])
    want = r.random.minima_share[r.random.minima_share > 0]
    np.testing.assert_allclose(got, want, rtol=1e-12)
    assert decode(by["one_dim"]["y"])[0] == 0.5
    assert share["layout"]["yaxis"]["type"] == "log"
    ib = {tr.get("meta"): tr for tr in index["data"]}
    assert {"n=1", "n=2", "n=3"} <= set(ib)
    np.testing.assert_allclose(decode(ib["n=3"]["x"]), r.random.index[2])
    np.testing.assert_allclose(decode(ib["mlp"]["y"]), r.mlp.loss, rtol=1e-9)
    body = texts(at)
    assert f"{r.random.minima_share[0]:.3g} at n = 1 ({r.random.counts[0]} critical points found)" in body
    assert "θ = ln 3 / 4 ≈ 0.2747" in body and "9 parameters" in body
    assert dict(at.query_params)["hd_nmax"] == "3"


def test_hd_view_explains_a_bad_dimension_range():
    at = app_test({"view": "hd", "hd_nmin": "5", "hd_nmax": "3"}, PAGE).run()
    assert not at.exception
    (err,) = at.error
    assert "n_min = 5 must not exceed n_max = 3" in err.value


def test_hd_view_in_korean_from_its_stored_default():
    at = open_page({"lang": "ko", "view": "hd"})  # the default view's result ships precomputed
    body = texts(at)
    assert "임계점 중 최솟값의 비율" in body and "최솟값의 비율: n = 1에서" in body
    assert len(charts(at)) == 2
