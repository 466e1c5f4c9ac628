"""AppTest of the Optimizer Race page: every control, presets, share links, bad input, plotted data."""

from __future__ import annotations

import json

import numpy as np
import pytest

import landscapes
import optimizers
import presets
from ui import race_model as rm
from ui import state
from ui.testing import app_test, live_charts
from viz import race as rv

PAGE = "pages/race.py"


def open_race(query: dict | None = None):
    at = app_test(query, PAGE).run()
    assert not at.exception, at.exception
    return at


def charts(at) -> list[dict]:
    """The map and curves (live charts), then any st.plotly_chart (the optional 3-D view)."""
    return live_charts(at) + [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [w.value for w in at.warning]
    return "\n".join(parts)


def config_from(at) -> rm.RaceConfig:
    """The RaceConfig the page ran, rebuilt from its URL (the share link)."""
    return config_from_query(dict(at.query_params))


def config_from_query(q: dict) -> rm.RaceConfig:
    """A RaceConfig from share-link parameters."""
    surf = q["surf"]
    s = landscapes.get(surf)
    params = tuple((p, float(q[f"{surf}.{p}"])) for p, _, _ in s.param_spec)
    runs, per_run = [], []
    for i in range(int(q["n"])):
        name = q[f"o{i}"]
        runs.append(
            (name, tuple((hp, float(q[f"o{i}.{name}.{hp}"])) for hp in optimizers.get(name).defaults))
        )
        # a slot's own batch size and schedule; 0 and "run": the run settings' ones
        own_b, own_s = int(q.get(f"o{i}.batch", "0")), q.get(f"o{i}.sched", "run")
        sched = rm.sched_values(q["sched"], q) if own_s == "run" else rm.sched_values(own_s, q, f"o{i}.")
        per_run.append((own_b or int(q["batch"]), sched))
    return rm.RaceConfig(
        surf=surf,
        expr="",
        params=params,
        runs=tuple(runs),
        start=(float(q[f"{surf}.x0"]), float(q[f"{surf}.y0"])),
        steps=int(q["steps"]),
        schedule=rm.sched_values(q["sched"], q),
        batch=int(q["batch"]),
        noise=float(q["noise"]),
        seed=int(q["seed"]),
        budget=q["budget"] == "1",
        tol=float(q["tol"]),
        per_run=tuple(per_run),
    )


def path_traces(spec: dict, n: int) -> list[np.ndarray]:
    """The static path traces (x, y) of the 2-D figure, in run order."""
    first = next(i for i, tr in enumerate(spec["data"]) if tr.get("name") == "start") + 1
    return [
        np.stack([rv.unb64(tr["x"]), rv.unb64(tr["y"])], axis=1) for tr in spec["data"][first : first + n]
    ]


# ---------------------------------------------------------------------------------------------


def test_default_race_draws_what_simulate_computes():
    at = open_race()
    specs = charts(at)
    assert len(specs) == 2  # map, curves (the 3-D view is off by default)
    cfg = config_from(at)
    res = rm.simulate_config(cfg)
    T = res.path.shape[1]
    idx = rv.frame_indices(T, rv.MAX_PATH_POINTS)
    for i, xy in enumerate(path_traces(specs[0], len(cfg.runs))):
        np.testing.assert_allclose(xy, res.path[i, idx], rtol=1e-6, atol=1e-7)
    # frames: the comets at the last frame are the paths at the last frame indices
    fidx = rv.frame_indices(T)
    frame = specs[0]["frames"][-1]["data"][0]
    cx, cy = rv.comet_points(res.path, fidx, len(fidx) - 1)
    np.testing.assert_allclose(rv.unb64(frame["x"]), cx)
    np.testing.assert_allclose(rv.unb64(frame["y"]), cy)
    assert len(specs[0]["frames"]) == len(fidx) <= rv.MAX_FRAMES
    # curves: first panel = loss - min at the curve indices
    cidx = rv.frame_indices(T, rv.MAX_LINE_POINTS)
    loss_traces = [tr for tr in specs[1]["data"] if tr.get("xaxis") == "x" and tr["mode"] == "lines"]
    for i, tr in enumerate(loss_traces):
        want = np.maximum(res.loss[i, cidx] - 0.0, 1e-12).astype(np.float32)
        np.testing.assert_allclose(rv.unb64(tr["y"]), want, rtol=1e-6)
    # the URL holds the whole view
    q = dict(at.query_params)
    assert q["surf"] == "rosenbrock" and q["n"] == "4" and q["o3"] == "adam" and q["o3.adam.lr"] == "0.05"


def test_share_link_restores_the_same_view():
    at = open_race()
    at.slider(key="race:steps").set_value(300).run()
    at.select_slider(key="race:o1.momentum.lr").set_value(2e-3).run()
    at.selectbox(key="race:o2").set_value("nag").run()
    q = dict(at.query_params)
    assert q["o2"] == "nag" and q["steps"] == "300" and q["o1.momentum.lr"] == "0.002"
    again = app_test(q, PAGE).run()
    assert not again.exception
    assert dict(again.query_params) == q
    assert charts(again)[0]["data"] == charts(at)[0]["data"]
    assert again.select_slider(key="race:o1.momentum.lr").value == 2e-3


def test_bad_url_params_are_clamped_or_dropped_with_a_notice():
    at = app_test(
        page=PAGE,
        query={
            "surf": "rosenbrock",
            "steps": "99999",
            "n": "3",
            "o0": "adamm",
            "o1.momentum.lr": "abc",
            "o2.rmsprop.lr": "50",
            "bogus": "1",
            "rosenbrock.x0": "nan",
            "tol": "0.0123",
            "ov": "grad,zzz",
        },
    ).run()
    assert not at.exception
    warn = "\n".join(w.value for w in at.warning)
    for needle in (
        "`steps` = `99999`",
        "`o0` = `adamm`",
        "`o1.momentum.lr` = `abc`",
        "`o2.rmsprop.lr` = `50`",
        "`bogus`",
        "`rosenbrock.x0` = `nan`",
        "`tol` = `0.0123`",
        "`ov` = `grad,zzz`",
    ):
        assert needle in warn, needle
    q = dict(at.query_params)
    assert q["steps"] == "20000" and q["o0"] == "sgd" and q["o2.rmsprop.lr"] == "10.0" and q["ov"] == "grad"
    assert q["rosenbrock.x0"] == "-1.5" and q["tol"] == "0.012" and "bogus" not in q
    at.button(key="race:_dismiss_notices").click().run()
    assert not at.warning


def test_unknown_surface_in_link_falls_back():
    at = app_test(page=PAGE, query={"surf": "himmelblau2", "n": "1"}).run()
    assert not at.exception
    assert "`surf` = `himmelblau2`" in "\n".join(w.value for w in at.warning)
    assert at.query_params["surf"] == "rosenbrock"


def test_surface_parameters_start_log_colour_and_3d_toggle():
    at = open_race()
    at.selectbox(key="race:surf").set_value("quadratic").run()
    at.select_slider(key="race:quadratic.condition").set_value(50.0).run()
    at.slider(key="race:quadratic.rotation").set_value(0.5).run()
    at.number_input(key="race:quadratic.x0").set_value(1.0).run()
    at.number_input(key="race:quadratic.y0").set_value(-2.0).run()
    at.toggle(key="race:quadratic.logc").set_value(True).run()
    assert not at.exception
    spec = charts(at)[0]
    start = next(tr for tr in spec["data"] if tr.get("name") == "start")
    assert start["x"] == [1.0] and start["y"] == [-2.0]
    cfg = config_from(at)
    assert cfg.params == (("condition", 50.0), ("rotation", 0.5))
    res = rm.simulate_config(cfg)
    np.testing.assert_allclose(path_traces(spec, 4)[0][0], [1.0, -2.0])
    assert np.isfinite(res.path[:, 0]).all()
    at.toggle(key="race:show3d").set_value(True).run()
    specs = charts(at)
    assert len(specs) == 3 and specs[2]["data"][0]["type"] == "surface"
    z = rv.unb64(specs[2]["data"][1]["z"])  # run 1's path on the surface: its losses, log-shaded
    assert np.isfinite(z).all()


def test_optimizer_slots_hyperparameters_and_count():
    at = open_race()
    at.slider(key="race:n").set_value(10).run()
    assert not at.exception
    assert [at.selectbox(key=f"race:o{i}").value for i in range(10)] == list(rm.DEFAULT_ORDER)
    at.selectbox(key="race:o9").set_value("adamw").run()
    at.slider(key="race:o9.adamw.weight_decay").set_value(0.5).run()
    at.slider(key="race:o4.nag.momentum").set_value(0.5).run()
    assert at.query_params["o9.adamw.weight_decay"] == "0.5" and at.query_params["o4.nag.momentum"] == "0.5"
    at.slider(key="race:n").set_value(1).run()
    assert "o1" not in at.query_params
    assert len(path_traces(charts(at)[0], 1)) == 1
    # the explanation beside each optimizer: its equation from the registry
    assert optimizers.get("sgd").latex in at.get("latex")[0].proto.body


def test_schedules_noise_seed_tolerance():
    at = open_race()
    for kind, fields in rm.SCHED_FIELDS.items():
        at.selectbox(key="race:sched").set_value(kind).run()
        assert not at.exception, kind
        for f in fields:
            assert f"sched.{f}" in at.query_params
    at.selectbox(key="race:sched").set_value("step").run()
    at.slider(key="race:sched.step_size").set_value(10).run()
    at.slider(key="race:sched.gamma").set_value(0.1).run()
    at.slider(key="race:batch").set_value(8).run()
    at.slider(key="race:noise").set_value(2.0).run()
    at.slider(key="race:seed").set_value(7).run()
    at.select_slider(key="race:tol").set_value(0.1).run()
    assert not at.exception
    cfg = config_from(at)
    assert cfg.schedule[:3] == ("step", 10.0, 0.1) and (cfg.batch, cfg.noise, cfg.seed, cfg.tol) == (
        8,
        2.0,
        7,
        0.1,
    )
    res = rm.simulate_config(cfg)
    xy = path_traces(charts(at)[0], 4)[1]
    np.testing.assert_allclose(
        xy, res.path[1, rv.frame_indices(res.path.shape[1], rv.MAX_PATH_POINTS)], rtol=1e-6
    )


def test_budget_mode_gives_equal_gradient_evaluations():
    at = open_race()
    at.selectbox(key="race:o3").set_value("sam").run()
    at.select_slider(key="race:o3.sam.lr").set_value(1e-3).run()
    at.slider(key="race:steps").set_value(200).run()
    at.toggle(key="race:budget").set_value(True).run()
    assert not at.exception
    table = next(m.value for m in at.markdown if "| Optimizer" in m.value)
    rows = [r for r in table.splitlines()[2:]]
    evals = [r.rsplit("|", 2)[-2].strip() for r in rows]
    steps = [r.rsplit("|", 3)[-3].strip() for r in rows]
    assert evals == ["200"] * 4 and steps == ["200", "200", "200", "100"]


def test_overlays_and_vectors_table():
    at = open_race()
    at.selectbox(key="race:o2").set_value("nag").run()
    at.multiselect(key="race:ov").set_value(["grad", "moment", "step", "lookahead"]).run()
    at.slider(key="race:at").set_value(10).run()
    at.slider(key="race:speed").set_value(100).run()
    assert not at.exception
    spec = charts(at)[0]
    arrows = [tr for tr in spec["data"] if tr.get("name") in ("grad", "moment", "step")]
    assert len(arrows) == 3 * 4  # a trace per kind and run, moved by the frames
    la = next(tr for tr in spec["data"] if tr.get("name") == "look-ahead point")
    res = rm.simulate_config(config_from(at))
    nag = [rv.unb64(la[c])[2] for c in "xy"]
    np.testing.assert_allclose(nag, res.aux.lookahead[2, 10], rtol=1e-5)
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]["duration"] == 100
    assert any("Vectors at step 10" in m.value for m in at.markdown)


def test_divergence_is_shown_with_a_reason():
    at = app_test(
        page=PAGE,
        query={
            "surf": "quadratic",
            "quadratic.condition": "10",
            "n": "2",
            "o0": "sgd",
            "o1": "sgd",
            "o0.sgd.lr": "0.18",
            "o1.sgd.lr": "0.22",
            "steps": "200",
        },
    ).run()
    assert not at.exception
    table = next(m.value for m in at.markdown if "| Optimizer" in m.value)
    assert "step too large for the curvature here" in table
    spec = charts(at)[0]
    div = next(tr for tr in spec["data"] if tr.get("name") == "diverged")
    assert len(div["x"]) == 1 and np.isfinite(div["x"][0])


def test_unbounded_escape_reason():
    at = app_test(
        page=PAGE, query={"surf": "saddle", "n": "1", "o0": "sgd", "o0.sgd.lr": "0.1", "steps": "500"}
    ).run()
    assert not at.exception
    table = next(m.value for m in at.markdown if "| Optimizer" in m.value)
    assert "left the view: unbounded surface" in table and "no known minimum" in table


def test_custom_formula_good_and_bad():
    at = open_race()
    at.selectbox(key="race:surf").set_value("custom").run()
    assert not at.exception
    if rm.from_expression is None:
        assert "from_expression" in "\n".join(w.value for w in at.warning)
        return
    at.text_input(key="race:expr").input("x**2 + 3*y**2").run()
    assert not at.exception and not at.error
    at.text_input(key="race:expr").input("x**2 + (y").run()
    assert not at.exception
    assert at.error and "cannot be used" in at.error[0].value
    assert "x**2 + 3*y**2" in texts(at)  # the last good surface stays drawn
    assert len(charts(at)) >= 2


def test_long_formula_is_not_cut_and_the_message_says_the_limit():
    """A pasted formula over the limit used to be cut by the input box (max_chars = 300) without a
    word; now it reaches the parser, whose message gives its length and the limit (one constant)."""
    assert state.MAX_TEXT == landscapes.expression.MAX_LENGTH
    at = open_race()
    at.selectbox(key="race:surf").set_value("custom").run()
    box = at.text_input(key="race:expr")
    assert not box.proto.max_chars
    long = " + ".join(["x^2"] * 130)
    box.input(long).run()
    assert not at.exception
    want = f"The formula is {len(long)} characters long; the limit is {state.MAX_TEXT}"
    assert at.error and want in at.error[0].value
    assert at.text_input(key="race:expr").value == long  # kept for editing, not reset to the default
    assert at.query_params.get("expr") != [long] and at.query_params.get("expr") != long  # not in links


def test_korean_page():
    at = open_race({"lang": "ko", "n": "2"})
    body = texts(at)
    assert "옵티마이저 경주" in body and "결과" in body


@pytest.mark.parametrize("preset", presets.for_page("race"), ids=lambda p: p.id)
def test_preset_sets_every_control_without_notice(preset):
    schema = {p.name: p for p in rm.all_params()}
    for name, value in preset.values.items():
        assert name in schema, f"{preset.id}: unknown control {name}"
        v, note = state.coerce(schema[name], value)
        assert note is None and v is not None, f"{preset.id}: {name}={value}"


def test_presets_apply_in_the_app():
    """Each preset, picked in the sidebar, sets the page (and its link) to exactly its values."""
    at = open_race()
    for preset in presets.for_page("race"):
        at.selectbox(key="_ga_preset:race").set_value(preset.id).run()
        assert not at.exception, preset.id
        assert not at.warning and not at.error, preset.id
        q = dict(at.query_params)
        for name, value in preset.values.items():
            want = state.encode(rm.param_named(name), state.coerce(rm.param_named(name), value)[0])
            assert q[name] == want, (preset.id, name)
        assert any(preset.title["en"] in i.value for i in at.info)
        LINKS[preset.id] = q


LINKS: dict[str, dict] = {}


def _run(preset_id):
    """The race a preset's link runs (the link recorded by the test above, else built from its values)."""
    q = LINKS.get(preset_id)
    if q is None:
        p = presets.get(preset_id)
        at = app_test({k: state.encode(rm.param_named(k), v) for k, v in p.values.items()}, PAGE).run()
        q = dict(at.query_params)
    return rm.simulate_config(config_from_query(q))


def test_preset_lessons_hold():
    """Each preset shows what its text says (numbers from the same config the page runs)."""
    r = _run("adagrad_stalls")
    assert r.hit_at[0] == -1 and r.final_w[0, 0] < -5 and r.hit_at[1] > 0
    r = _run("momentum_vs_nag")
    assert 0 < r.hit_at[1] * 3 < r.hit_at[0] and r.hit_at[2] > r.hit_at[0]
    r = _run("adam_vs_sgd_rosenbrock")
    assert r.hit_at[2] > 0 and r.hit_at[0] == -1 and np.allclose(r.final_w[2], [1, 1], atol=0.01)
    r = _run("saddle_escape")
    assert 0 < r.hit_at[2] < r.hit_at[1] < r.hit_at[0] / 2
    r = _run("lr_stability_limit")
    assert r.diverged_at[0] == -1 and r.diverged_at[1] > 0 and r.hit_at[0] > 0
    r = _run("adadelta_no_lr")
    assert 0 < r.hit_at[1] < r.hit_at[0] / 2
    r = _run("sam_flat_minimum")
    assert r.final_w[0, 0] < -1.3 and r.final_w[1, 0] < -1.3 and r.final_w[2, 0] > 1.0
    r = _run("adam_eps_plateau")
    assert r.hit_at[0] == -1 and r.hit_at[3] == -1 and 0 < r.hit_at[1] < r.hit_at[2]
    r = _run("cliff_exploding_gradient")
    jumps = np.nanmax(np.abs(np.diff(r.path[:, :, 0], axis=1)), axis=1)
    assert jumps[0] > 10 and jumps[2] <= 0.051 and r.diverged_at.max() == -1


def test_default_config_is_the_landing_view():
    """The server pre-compiles ui.race_model.default_config(): it must be what the page first runs."""
    at = open_race()
    assert config_from(at) == rm.default_config()


def test_reset_button_restores_the_defaults():
    at = open_race()
    at.slider(key="race:steps").set_value(300).run()
    at.selectbox(key="race:o0").set_value("adam").run()
    at.selectbox(key="_ga_preset:race").set_value("lr_stability_limit").run()
    assert at.query_params["surf"] == "quadratic"
    at.button(key="_ga_reset:race").click().run()
    assert not at.exception
    assert config_from(at) == rm.default_config()
    assert at.selectbox(key="_ga_preset:race").value == "" and not at.info


# ---------------------------------------------------------------------------------------------
# Races that tell the whole story (issue #12, part 3)

QUAD = {"surf": "quadratic", "quadratic.condition": "1.0", "quadratic.rotation": "0.0"}  # gradient = w


def test_an_old_link_without_per_run_settings_means_the_same_race():
    """Before slots had their own batch size and schedule, a link set them once for all runs. Such a
    link opens without a notice, every slot takes the run settings, and the race is the one that the
    link meant then: every run with batch 8 and the step schedule."""
    old = {
        "surf": "rosenbrock",
        "n": "3",
        "o0": "sgd",
        "o1": "momentum",
        "o2": "adam",
        "steps": "200",
        "batch": "8",
        "noise": "2.0",
        "seed": "3",
        "sched": "step",
        "sched.step_size": "50",
        "sched.gamma": "0.5",
        "o2.adam.lr": "0.05",
    }
    at = open_race(old)
    assert not at.warning, [w.value for w in at.warning]
    q = dict(at.query_params)
    assert all((q[f"o{i}.batch"], q[f"o{i}.sched"]) == ("0", "run") for i in range(3))
    cfg = config_from(at)
    assert {b for b, _ in cfg.per_run} == {8}
    assert {sch[:3] for _, sch in cfg.per_run} == {("step", 50.0, 0.5)}
    then = optimizers.simulate(
        landscapes.get("rosenbrock"),
        [("sgd", {"lr": 1e-3}), ("momentum", {"lr": 1e-3}), ("adam", {"lr": 5e-2})],
        start=(-1.5, 2.0),
        steps=200,
        batch_size=8,
        noise=2.0,
        seed=3,
        schedule=optimizers.Schedule("step", step_size=50, gamma=0.5),
    )
    for i, xy in enumerate(path_traces(charts(at)[0], 3)):
        np.testing.assert_allclose(xy, then.path[i, rv.frame_indices(201, rv.MAX_PATH_POINTS)], rtol=1e-6)


def test_gd_sgd_and_minibatch_race_on_one_map_with_one_seed():
    at = open_race(
        {
            **QUAD,
            "n": "3",
            "steps": "300",
            "noise": "2.0",
            "seed": "5",
            **{f"o{i}": "sgd" for i in range(3)},
            **{f"o{i}.sgd.lr": "0.05" for i in range(3)},
        }
    )
    for i, b in enumerate((128, 1, 32)):
        at.select_slider(key=f"race:o{i}.batch").set_value(b).run()
    assert not at.exception
    cfg = config_from(at)
    assert [b for b, _ in cfg.per_run] == [128, 1, 32]
    res = rm.simulate_config(cfg)
    assert {r.seed for r in res.runs} == {5} and [r.batch_size for r in res.runs] == [128, 1, 32]
    # B = N uses every sample in every step: exactly gradient descent, whatever the noise
    gd = optimizers.simulate(
        landscapes.get("quadratic").with_params(condition=1.0, rotation=0.0),
        [("sgd", {"lr": 0.05})],
        start=cfg.start,
        steps=300,
    )
    np.testing.assert_allclose(res.path[0], gd.path[0], rtol=1e-6, atol=1e-7)
    assert np.abs(res.path[1] - gd.path[0]).max() > 0.1  # SGD's own noisy path
    # the legend tells the three apart by what differs: the batch size
    assert [tr["name"] for tr in charts(at)[0]["data"] if tr.get("legendgroup")] == [
        "SGD B = 128",
        "SGD B = 1",
        "SGD B = 32",
    ]
    # a slot's own schedule replaces the run settings' one for that slot only
    at.selectbox(key="race:o1.sched").set_value("cosine").run()
    at.slider(key="race:o1.sched.min_frac").set_value(0.1).run()
    cfg = config_from(at)
    assert [sch[0] for _, sch in cfg.per_run] == ["constant", "cosine", "constant"]
    assert cfg.per_run[1][1][4] == 0.1
    assert dict(at.query_params)["o1.sched.min_frac"] == "0.1"


def test_each_runs_noise_variance_is_the_formulas():
    """With its own batch size B, a run's gradient offsets have variance noise^2 (N - B) / (B (N - 1))
    per coordinate (tests/test_runner.py checks the sampler for one B): here B = 1, 8, 32 and 128 run
    in one race with one seed. On a round bowl the exact gradient is w, so an offset is g - w."""
    q = {
        **QUAD,
        "n": "4",
        "steps": "2000",
        "noise": "2.0",
        **{f"o{i}": "sgd" for i in range(4)},
        **{f"o{i}.sgd.lr": "1e-06" for i in range(4)},
        **{f"o{i}.batch": str(b) for i, b in enumerate((1, 8, 32, 128))},
    }
    at = open_race(q)
    res = rm.simulate_config(config_from(at))
    off = res.aux.grad[:, :2000] - res.path[:, :2000]
    n = off.shape[1]
    for i, b in enumerate((1, 8, 32)):
        want = 4.0 * (128 - b) / (b * 127)
        var = off[i].var(axis=0)
        assert np.all(np.abs(var / want - 1) < 5 * np.sqrt(2 / n)), (b, var, want)
    assert np.all(off[3] == 0.0)  # B = N: no noise at all


def test_legends_show_what_differs_between_runs_of_a_rule():
    def labels(runs, per_run=()):
        cfg = rm.default_config()._replace(
            runs=tuple((n, tuple(hp.items())) for n, hp in runs), per_run=tuple(per_run)
        )
        return rm.run_labels(cfg)

    assert labels([("sgd", {"lr": 0.18}), ("sgd", {"lr": 0.22})]) == ["SGD η = 0.18", "SGD η = 0.22"]
    adam = {"lr": 0.05, "b1": 0.9, "b2": 0.999}
    runs = [("adam", {**adam, "eps": 1e-8}), ("adam", {**adam, "eps": 0.01}), ("sgd", {"lr": 0.1})]
    assert labels(runs) == ["Adam ε = 1e-8", "Adam ε = 0.01", "SGD"]
    assert labels([("sgd", {"lr": 0.1})] * 2) == ["SGD", "SGD (2)"]
    const, cos = rm.sched_values("constant", {}), rm.sched_values("cosine", {})
    assert labels([("sgd", {"lr": 0.1})] * 3, [(128, const), (1, const), (1, cos)]) == [
        "SGD B = 128, constant",
        "SGD B = 1, constant",
        "SGD B = 1, cosine",
    ]
    step = [rm.sched_values("step", {"sched.gamma": g}) for g in (0.5, 0.1)]
    assert labels([("momentum", {"lr": 0.01, "momentum": 0.9})] * 2, [(128, step[0]), (128, step[1])]) == [
        "Momentum step decay γ = 0.5",
        "Momentum step decay γ = 0.1",
    ]
    # a preset of two SGD runs: legend, table and explanation cards all say which is which
    at = open_race({**QUAD, "n": "2", "o0": "sgd", "o1": "sgd", "o0.sgd.lr": "0.18", "o1.sgd.lr": "0.22"})
    table = next(m.value for m in at.markdown if "| Optimizer" in m.value)
    assert "SGD η = 0.18" in table and "SGD η = 0.22" in table
    assert "1. SGD" not in texts(at)


def test_the_worked_step_shows_that_steps_numbers():
    """One key = one step: the chosen run's rule with the numbers of the step shown, its learning rate
    after the schedule."""
    from optimizers.base import tex_num, tex_vec

    at = open_race(
        {
            "n": "2",
            "o0": "sgd",
            "o1": "adam",
            "o1.adam.lr": "0.05",
            "steps": "100",
            "sched": "step",
            "sched.step_size": "10",
            "sched.gamma": "0.5",
            "eq": "1",
            "eq_run": "2",
            "at": "23",
        }
    )
    res = rm.simulate_config(config_from(at))
    body = at.get("latex")[0].proto.body
    assert "w_{24} &= w_{23}" in body
    for v in (res.path[1, 23], res.path[1, 24], res.aux.moment1[1, 23], res.aux.moment1[1, 22]):
        assert tex_vec(v) in body
    assert tex_num(0.05 * 0.5**2) in body  # Adam's lr 0.05 halved at steps 10 and 20
    assert any("Step 23 of Adam" in m.value for m in at.markdown)
    # one key = one step: the next step's numbers
    at.slider(key="race:at").set_value(24).run()
    body = at.get("latex")[0].proto.body
    assert tex_vec(res.path[1, 25]) in body and "w_{25} &= w_{24}" in body
    at.selectbox(key="race:eq_run").set_value(1).run()
    body = at.get("latex")[0].proto.body
    assert tex_vec(res.aux.grad[0, 24]) in body and r"\eta\, g_{24}" in body
    at.slider(key="race:at").set_value(100).run()  # the last point: no step from it
    assert any("takes no step 100" in c.value for c in at.caption)


@pytest.mark.parametrize("name", optimizers.names())
def test_every_rule_writes_its_step_out_with_the_steps_values(name):
    from optimizers.base import tex_num, tex_vec

    res = optimizers.simulate(landscapes.get("rosenbrock"), [(name, {})], steps=12)
    for k in (0, 7):
        tex = rm.worked_step(res, 0, k)
        assert tex.startswith(r"\begin{aligned}") and tex.endswith(r"\end{aligned}")
        assert tex_vec(res.path[0, k]) in tex and tex_vec(res.path[0, k + 1]) in tex, (name, k)
        assert tex_num(res.runs[0].hp["lr"]) in tex, (name, k)
        g = res.aux.grad[0, k]
        assert tex_vec(g) in tex or name == "sam", (name, k)  # SAM shows the perturbed point's gradient
    assert rm.worked_step(res, 0, 12) is None


@pytest.mark.parametrize("kind", ["epoch", "evals"])
def test_curves_count_epochs_or_gradient_evaluations(kind):
    at = open_race(
        {
            "n": "3",
            "o0": "sgd",
            "o1": "momentum",
            "o2": "sam",
            "steps": "256",
            "noise": "1.0",
            "o0.batch": "128",
            "o1.batch": "4",
            "o2.batch": "32",
            "xaxis": kind,
        }
    )
    curves = charts(at)[1]
    idx = rv.frame_indices(257, rv.MAX_LINE_POINTS)
    per_step = {"epoch": [1.0, 4 / 128, 32 / 128], "evals": [128, 4, 64]}[kind]  # SAM: 2 x 32
    loss = [tr for tr in curves["data"] if tr.get("xaxis") == "x" and tr["mode"] == "lines"]
    for tr, f in zip(loss, per_step, strict=True):
        np.testing.assert_allclose(rv.unb64(tr["x"]), idx * f, rtol=1e-6)
    assert curves["layout"]["xaxis"]["title"]["text"] == {"epoch": "epoch", "evals": "samples touched"}[kind]
    assert curves["layout"]["xaxis"]["range"] == [0.0, 256 * min(per_step)]


def test_every_minimum_and_saddle_is_marked():
    at = open_race({"surf": "double_well", "n": "1"})
    marks = {tr["name"]: tr for tr in charts(at)[0]["data"]}
    glob, loc, sad = (
        np.stack([rv.unb64(marks[k]["x"]), rv.unb64(marks[k]["y"])], 1)
        for k in ("global minimum", "local minimum", "saddle point")
    )
    np.testing.assert_allclose(glob, [[-1.0355787, 0.0]], atol=1e-6)
    np.testing.assert_allclose(loc, [[0.9601496, 0.0]], atol=1e-6)
    np.testing.assert_allclose(sad, [[0.0754292, 0.0]], atol=1e-6)


def test_the_cursor_on_the_curves_shows_the_step_shown():
    at = open_race({"n": "2", "steps": "300", "at": "37"})
    res = rm.simulate_config(config_from(at))
    curves = charts(at)[1]
    cursors = [tr for tr in curves["data"] if tr["name"] == rv.CURSOR]
    assert len(cursors) == 3  # loss, distance, gradient norm
    np.testing.assert_allclose(rv.unb64(cursors[0]["y"])[3:], np.maximum(res.loss[:, 37], 1e-12), rtol=1e-6)
    np.testing.assert_allclose(rv.unb64(cursors[2]["y"])[3:], res.grad_norm[:, 37], rtol=1e-6)
    assert [f["name"] for f in curves["frames"]] == [f["name"] for f in charts(at)[0]["frames"]]
