"""AppTest of the Learning-rate lab: every view and control, share links, bad input, the hand-off to the
Race page, Korean, and every classroom preset showing its lesson (numbers read from the page)."""

from __future__ import annotations

import re

import numpy as np
import pytest

import landscapes
import optimizers
import presets
import studies
from ui import lr_model as lm
from ui import state
from ui.testing import app_test, figures

PAGE = "pages/lr_lab.py"
KEY = "lr_lab:"
SMALL = {"steps": "60", "sw_n": "48", "ph_n": "16", "se_budget": "9"}  # keep every run cheap


def open_lab(query: dict | None = None):
    at = app_test({**SMALL, **(query or {})}, PAGE).run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [w.value for w in at.warning]
    return "\n".join(parts)


def charts(at) -> list[dict]:
    return figures(at)


def where(at) -> lm.Where:
    q = dict(at.query_params)
    s = landscapes.get(q["surf"])
    params = tuple((p, float(q[f"{q['surf']}.{p}"])) for p, _, _ in s.param_spec)
    return lm.Where(q["surf"], params, (float(q[f"{q['surf']}.x0"]), float(q[f"{q['surf']}.y0"])))


def test_default_view_is_three_panels_from_the_curvature():
    at = open_lab()
    assert at.title[0].value == "Learning-rate lab"
    q = dict(at.query_params)
    assert q["view"] == "panels" and q["surf"] == "quadratic" and q["opt"] == "sgd"
    w = where(at)
    p = studies.three_panels(w.landscape(), "sgd", start=w.start, steps=60)
    body = texts(at)
    assert f"λ_max = {p.lam_start:.4g}" in body and "c = 2" in body
    assert "lr·λ_max = 2.50 > 2.00" in body  # the too-large run's first step
    figs = charts(at)
    assert len(figs) == 2  # panels + stability
    titles = [a["text"] for a in figs[0]["layout"]["annotations"]]
    assert titles[2].startswith("too large<br>lr = ") and f"{p.lrs[2]:.3g}" in titles[2]
    assert "Stability along each path" in body


def test_panels_controls_optimizer_momentum_surface_start_steps():
    at = open_lab()
    at.selectbox(key=KEY + "opt").set_value("momentum").run()
    assert not at.exception and dict(at.query_params)["opt"] == "momentum"
    assert "c = 3.8" in texts(at)
    at.selectbox(key=KEY + "opt").set_value("nag").run()
    at.slider(key=KEY + "mu").set_value(0.5).run()
    assert not at.exception and dict(at.query_params)["mu"] == "0.5"
    assert "c = 1.5" in texts(at)  # (2 + 2 mu) / (1 + 2 mu) at mu = 0.5
    at.selectbox(key=KEY + "opt").set_value("adam").run()
    assert "64-rate sweep" in texts(at) and "no single curvature limit" in texts(at)
    at.selectbox(key=KEY + "surf").set_value("rosenbrock").run()
    at.slider(key=KEY + "rosenbrock.x0").set_value(-1.0).run()
    at.slider(key=KEY + "steps").set_value(40).run()
    assert not at.exception
    q = dict(at.query_params)
    assert q["surf"] == "rosenbrock" and q["rosenbrock.x0"] == "-1.0" and q["steps"] == "40"
    at.selectbox(key=KEY + "surf").set_value("quadratic").run()
    at.select_slider(key=KEY + "quadratic.condition").set_value(50.0).run()
    at.slider(key=KEY + "quadratic.rotation").set_value(0.3).run()
    assert not at.exception and dict(at.query_params)["quadratic.condition"] == "50.0"


def test_sweep_view_matches_the_library_and_sends_rates_to_the_race():
    at = open_lab({"view": "sweep", "sw_opts": "sgd,momentum", "sw_lo": "1e-4", "sw_hi": "0.5"})
    w = where(at)
    sw = studies.lr_sweep(
        w.landscape(),
        ["sgd", ("momentum", {"momentum": 0.9})],
        lr_range=(1e-4, 0.5),
        n=48,
        start=w.start,
        steps=60,
        tol=1e-3,
    )
    fig = charts(at)[0]
    stars = [
        d for d in fig["data"] if d.get("marker", {}).get("symbol") == "star" and d.get("showlegend", True)
    ]
    assert [round(s["x"][0], 12) for s in stars] == [round(v, 12) for v in sw.best_lr]
    assert "48 rates × 2 optimizers × 60 steps" in texts(at)
    for c, key, value in [
        ("multiselect", "sw_opts", ["sgd", "adam"]),
        ("select_slider", "sw_lo", 1e-3),
        ("select_slider", "sw_hi", 0.1),
        ("slider", "sw_n", 32),
        ("select_slider", "tol", 1e-2),
    ]:
        getattr(at, c)(key=KEY + key).set_value(value).run()
        assert not at.exception, key
    q = dict(at.query_params)
    assert (q["sw_opts"], q["sw_lo"], q["sw_hi"], q["sw_n"], q["tol"]) == (
        "sgd,adam",
        "0.001",
        "0.1",
        "32",
        "0.01",
    )
    sw = studies.lr_sweep(
        w.landscape(), ["sgd", "adam"], lr_range=(1e-3, 0.1), n=32, start=w.start, steps=60, tol=1e-2
    )
    at.button(key=KEY + "_send").click().run()
    assert not at.exception
    assert at.title[0].value == "Optimizer Race"
    rq = dict(at.query_params)
    assert rq["surf"] == "quadratic" and rq["n"] == "2" and (rq["o0"], rq["o1"]) == ("sgd", "adam")
    for i, name in enumerate(("sgd", "adam")):
        sent = float(rq[f"o{i}.{name}.lr"])  # snapped to the Race page's 2-digit grid
        assert abs(np.log(sent / sw.tuned()[name])) < 0.06


def test_sweep_bad_choices_are_explained():
    at = open_lab({"view": "sweep", "sw_opts": "sgd,momentum,nag,adam,rmsprop"})
    assert "Choose 1 to 4 optimizers" in texts(at) and not charts(at)
    at.multiselect(key=KEY + "sw_opts").set_value([]).run()
    assert "Choose 1 to 4 optimizers" in texts(at)
    at = open_lab({"view": "sweep", "sw_opts": "sgd", "sw_lo": "0.1", "sw_hi": "0.001"})
    assert "using 0.001 to 0.1" in texts(at) and len(charts(at)) == 1


def test_phase_view_theory_metric_and_optimizers():
    at = open_lab({"view": "phase", "quadratic.condition": "100", "ph_lo": "1e-3", "ph_hi": "0.1"})
    body = texts(at)
    assert "μ = 0.6694" in body and "ρ = (√κ−1)/(√κ+1) = 0.8182" in body
    fig = charts(at)[0]
    assert any(d.get("name") == "theory: lr·λ_max = c(μ)" for d in fig["data"])
    at.selectbox(key=KEY + "ph_metric").set_value("loss").run()
    assert not at.exception and dict(at.query_params)["ph_metric"] == "loss"
    at.selectbox(key=KEY + "ph_opt").set_value("nag").run()
    assert "(2 + 2μ)/(1 + 2μ)" in texts(at)
    at.selectbox(key=KEY + "ph_opt").set_value("adam").run()
    assert not at.exception and "heavy ball converges" not in texts(at)
    at.slider(key=KEY + "ph_n").set_value(20).run()
    at.select_slider(key=KEY + "ph_lo").set_value(1e-2).run()
    at.select_slider(key=KEY + "ph_hi").set_value(0.5).run()
    assert not at.exception
    q = dict(at.query_params)
    assert (q["ph_n"], q["ph_lo"], q["ph_hi"]) == ("20", "0.01", "0.5")


LIBRARY_WORDS = ("record", "every", "run-steps", "runs x", "values", "final", "limit of", "LimitError")


@pytest.mark.parametrize("n, steps", [(256, 3000), (256, 301), (200, 5000)])
def test_phase_map_over_the_limit_is_explained_with_the_page_controls(n, steps):
    at = open_lab({"view": "phase", "ph_n": str(n), "steps": str(steps)})
    assert not charts(at)  # nothing was run
    (err,) = [e.value for e in at.error]
    fit = lm.phase_fit(n, steps)
    assert fit is not None
    assert err == (
        f"A {n} × {n} map of {steps} steps is more than this server computes at once. Lower "
        f"**Cells per axis** or **Steps**: {fit.steps} steps fit at {n} × {n}, and {fit.side} × {fit.side} "
        f"fits at {steps} steps."
    )
    assert not any(w in err for w in LIBRARY_WORDS), err
    studies.check_phase_size(n, n, fit.steps)  # what it suggests runs
    studies.check_phase_size(fit.side, fit.side, steps)
    with pytest.raises(optimizers.LimitError):
        studies.check_phase_size(n, n, steps)
    ko = open_lab({"view": "phase", "ph_n": str(n), "steps": str(steps), "lang": "ko"})
    (err_ko,) = [e.value for e in ko.error]
    assert "**축당 칸 수**" in err_ko and "**스텝 수**" in err_ko and f"{fit.side} × {fit.side}" in err_ko


def test_phase_fit_finds_the_nearest_settings_that_run():
    schema = {p.name: p for p in lm.base_schema()}
    lo_n, hi_n = int(schema["ph_n"].low), int(schema["ph_n"].high)
    lo_s, hi_s = int(schema["steps"].low), int(schema["steps"].high)
    # what phase_fit relies on: the smallest grid runs at any steps, the fewest steps at any grid
    assert lm.phase_fit(lo_n, hi_s) is None and lm.phase_fit(hi_n, lo_s) is None
    assert lm.phase_fit(256, 300) is None  # the page's default steps at the advertised size
    fit = lm.phase_fit(256, 3000)
    assert fit == lm.PhaseFit(steps=1510, side=182)
    assert lm.phase_fit(256, 1511) is not None and lm.phase_fit(183, 3000) is not None
    assert lm.phase_fit(256, 301) == lm.PhaseFit(steps=300, side=181)  # 301: every iterate is kept


def test_schedules_view():
    at = open_lab({"view": "schedules", "opt": "sgd", "sc_lr": "0.05"})
    fig = charts(at)[0]
    assert [d["name"] for d in fig["data"][::2]] == [
        "constant",
        "step decay",
        "exponential",
        "inverse time",
        "cosine",
        "warm-up + cosine",
    ]
    at.multiselect(key=KEY + "sc_kinds").set_value(["constant", "cosine"]).run()
    at.select_slider(key=KEY + "sc_lr").set_value(0.02).run()
    assert not at.exception and len(charts(at)[0]["data"]) == 4
    assert dict(at.query_params)["sc_kinds"] == "constant,cosine"
    at.multiselect(key=KEY + "sc_kinds").set_value([]).run()
    assert "Choose at least one schedule" in texts(at)


def test_schedules_view_with_minibatch_noise():
    """The schedules under mini-batch noise: every schedule gets the same mini-batches (one seed), the
    plotted losses are the study's, and the table gives the mean loss over the last 10% of steps."""
    from viz.race.animation import unb64

    q = {
        "view": "schedules",
        "surf": "double_well",
        "double_well.x0": "1.0",
        "double_well.y0": "0.0",
        "opt": "sgd",
        "sc_lr": "0.1",
        "steps": "200",
        "sc_batch": "1",
        "sc_noise": "4.0",
        "sc_seed": "1",
    }
    at = open_lab(q)
    want = studies.compare_schedules(
        landscapes.get("double_well"),
        "sgd",
        {"lr": 0.1},
        start=(1.0, 0.0),
        steps=200,
        batch_size=1,
        noise=4.0,
        seed=1,
    )
    loss = [unb64(tr["y"]) for tr in charts(at)[0]["data"][::2]]
    np.testing.assert_allclose(np.array(loss), want.loss, rtol=1e-6)
    np.testing.assert_allclose(want.tail_loss, want.loss[:, -20:].mean(axis=1), rtol=1e-6)
    table = next(m.value for m in at.markdown if "| Schedule" in m.value)
    assert "Mean loss, last 10% of steps" in table and f"| {want.tail_loss[0]:.4g} |" in table
    assert "Mini-batches of 1 of the 128 samples" in texts(at)
    # the noise is seeded: another seed, other mini-batches
    at.slider(key=KEY + "sc_seed").set_value(2).run()
    other = [unb64(tr["y"]) for tr in charts(at)[0]["data"][::2]]
    assert np.abs(np.array(other) - want.loss).max() > 0.01
    # B = 128 averages every sample: exact gradients, the noise and seed greyed out
    at.slider(key=KEY + "sc_batch").set_value(128).run()
    exact = studies.compare_schedules(
        landscapes.get("double_well"), "sgd", {"lr": 0.1}, start=(1.0, 0.0), steps=200
    )
    np.testing.assert_allclose(
        np.array([unb64(tr["y"]) for tr in charts(at)[0]["data"][::2]]), exact.loss, rtol=1e-5
    )
    assert at.slider(key=KEY + "sc_noise").disabled and at.slider(key=KEY + "sc_seed").disabled


def test_search_view():
    at = open_lab({"view": "search"})
    body = texts(at)
    assert "Both methods spend 9 runs" in body and "only 3 distinct values" in body
    assert body.count("Best found") == 2
    at.selectbox(key=KEY + "se_pair").set_value("adam_lr_eps").run()
    at.slider(key=KEY + "se_budget").set_value(16).run()
    at.slider(key=KEY + "se_seed").set_value(7).run()
    assert not at.exception
    q = dict(at.query_params)
    assert (q["se_pair"], q["se_budget"], q["se_seed"]) == ("adam_lr_eps", "16", "7")
    assert "ε = 0.0" in texts(at)  # epsilon far below the gradients changes nothing


def test_share_link_restores_the_view_and_bad_values_are_reported():
    at = open_lab({"view": "phase", "ph_opt": "nag", "ph_n": "9999", "surf": "nowhere", "zzz": "1"})
    body = texts(at)
    q = dict(at.query_params)
    assert q["view"] == "phase" and q["ph_opt"] == "nag" and q["ph_n"] == "256" and q["surf"] == "quadratic"
    assert "`ph_n` = `9999` is outside [16, 256]" in body
    assert "`surf` = `nowhere`" in body and "`zzz`" in body
    again = app_test(dict(q), PAGE)
    again.query_params["ph_n"] = "16"
    again.run()
    assert not again.exception and dict(again.query_params)["ph_opt"] == "nag"


def test_korean_page():
    at = open_lab({"lang": "ko"})
    body = texts(at)
    assert "학습률 실험실" in body and "시작점의 곡률" in body


def test_every_string_has_both_languages():
    from i18n import STRINGS

    for k, v in STRINGS.items():
        if k.startswith("lr."):
            assert v.get("en") and v.get("ko"), k


@pytest.mark.parametrize("preset", presets.for_page("lr_lab"), ids=lambda p: p.id)
def test_preset_sets_every_control_without_notice(preset):
    schema = {p.name: p for p in lm.all_params()}
    for name, value in preset.values.items():
        assert name in schema, f"{preset.id}: unknown control {name}"
        v, note = state.coerce(schema[name], value)
        assert note is None and v is not None, f"{preset.id}: {name}={value}"


def _open_preset(preset_id: str):
    """The page opened the way the sidebar applies a preset."""
    at = app_test(None, PAGE).run()
    at.selectbox(key="_ga_preset:lr_lab").set_value(preset_id).run()
    assert not at.exception, preset_id
    assert any(presets.get(preset_id).title["en"] in i.value for i in at.info)
    return at


def _number(pattern: str, body: str) -> float:
    m = re.search(pattern, body)
    assert m, pattern
    return float(m.group(1))


def test_preset_lessons_hold():
    body = texts(_open_preset("lr_three_regimes"))
    assert "step 0→1" in body and "lr·λ_max = 2.50 > 2.00" in body
    body = texts(_open_preset("lr_momentum_rises"))
    assert "carried uphill" in body
    at = _open_preset("lr_phase_quadratic")
    rho = _number(r"Fastest cell of the map: .*ρ = ([0-9]+\.[0-9]+)", texts(at))
    assert abs(rho - 9 / 11) < 0.01 * 9 / 11 and rho >= 9 / 11 - 1e-6
    at = _open_preset("lr_warmup")
    rows = [m.value for m in at.markdown if m.value.startswith("| Schedule")][0].splitlines()[2:]
    diverged = {r.split("|")[1].strip(): r.split("|")[5].strip() for r in rows}
    assert diverged["warm-up + cosine"] == "—" and diverged["constant"] != "—" and diverged["cosine"] != "—"
    at = _open_preset("lr_decay_noise")  # the table's mean over the last 10%: every decay below constant
    rows = [m.value for m in at.markdown if m.value.startswith("| Schedule")][0].splitlines()[2:]
    tail = {r.split("|")[1].strip(): float(r.split("|")[3]) for r in rows}
    assert tail.pop("constant") > 0.9 and max(tail.values()) < -0.25 and len(tail) == 5
    body = texts(_open_preset("lr_random_search"))
    grid = _number(r"Best found, grid search: .*final loss ([0-9.]+(?:e[+-]?[0-9]+)?)", body)
    rand = _number(r"Best found, random search: .*final loss ([0-9.]+(?:e[+-]?[0-9]+)?)", body)
    assert rand < grid
    assert "ε = 0.0" in body


@pytest.mark.slow
def test_sweep_preset_runs_4096_rates():
    at = _open_preset("lr_sweep_rosenbrock")
    assert "4096 rates × 4 optimizers × 1000 steps" in texts(at)
