"""The protocol-level client (bench/stclient.py) against a real ``streamlit run serve.py`` (the app).

One server for the module (tests/server.py). Each test opens its own session(s), as a browser tab
would; step counts stay small so the module runs in well under a minute.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from bench.stclient import Run, RunTimeout, Session
from tests.server import served_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app() -> Iterator[str]:
    with served_app() as (base, _):
        yield base


def params(query: str | None) -> dict[str, str]:
    """A query string as a dict (the last value of a repeated name)."""
    return dict(urllib.parse.parse_qsl(query or "", keep_blank_values=True))


def no_errors(run: Run) -> None:
    assert not run.exceptions, [f"{e}\n{''.join(e.stack)}" for e in run.exceptions]
    assert not [a for a in run.alerts if a.kind == "error"], run.alerts


def test_open_home(app):
    with Session(app) as s:
        run = s.open()
        no_errors(run)
        assert run.statuses[-1] == "finished"
        assert run.page == "" and s.page == ""
        assert {"", "race", "lr_lab", "batch_lab"} <= set(s.pages)
        lang = run.element("lang")
        assert (lang.type, lang.value, lang.options) == ("radio", "English", ("English", "한국어"))
        assert lang.path[0] == 1  # drawn in the sidebar
        opens = [e for e in run.of_type("button") if (e.key or "").startswith("home:open:")]
        assert len(opens) >= 10
        assert params(run.query)["lang"] == "en" and s.query == run.query
        assert any("Gradient Atlas" in t for t in run.texts)


def test_open_race_deep_link(app):
    with Session(app) as s:
        run = s.open("race", "seed=3&steps=200")
        no_errors(run)
        assert run.page == "race"
        assert run.element("race:seed").value == 3
        steps = run.element("race:steps")
        assert (steps.type, steps.value) == ("slider", 200)
        assert not steps.fragment_id and not run.element("lang").fragment_id  # no fragment: a restart
        assert params(run.query)["seed"] == "3" and params(run.query)["steps"] == "200"
        assert run.of_type("bidi_component")  # the live charts: recorded, never driven
        lr = run.element("race:o0.sgd.lr")
        assert lr.type == "select_slider" and lr.value in lr.options


def test_slider_change_reruns_the_page(app):
    with Session(app) as s:
        s.open("race", "steps=200")
        run = s.set("race:steps", 150)
        no_errors(run)
        assert run.statuses == ["finished"] and not run.fragment_ids
        assert params(run.query)["steps"] == "150"
        assert s.widget("race:steps").value == 150
        assert run.element("lang").value == "English"


def test_a_fragment_rerun_redraws_only_its_fragment(app):
    # the Batch lab's job watcher (ui.progress) is a fragment that polls a running study
    query = "view=network&steps=4000&n_train=512&batches=8,512&seeds=4&width=64&opt=sgd&lr=0.1"
    with Session(app) as s:
        run = s.open("batch_lab", query)
        no_errors(run)
        fragments = {e.fragment_id for e in run.elements if e.fragment_id}
        assert len(fragments) == 1, "the study should still be running, watched by a fragment"
        run = s.rerun(fragment_id=fragments.pop())
        assert run.statuses[0] == "fragment_finished"
        assert run.drawn and all(path[0] == 0 for path in run.drawn)  # nothing in the sidebar


def test_choice_widgets_send_the_label(app):
    with Session(app) as s:
        s.open("race", "steps=200")
        run = s.set("race:o0.sgd.lr", 0.002)  # a select-slider: the label shown is "0.002"
        no_errors(run)
        assert params(run.query)["o0.sgd.lr"] == "0.002"
        assert s.widget("race:o0.sgd.lr").value == "0.002"
        surf = s.widget("race:surf")
        run = s.set("race:surf", index=surf.options.index("Beale"))
        no_errors(run)
        assert params(run.query)["surf"] == "beale"
        keys = {e.key for e in run.elements}
        assert "race:beale.x0" in keys and "race:rosenbrock.x0" not in keys  # stale widgets dropped
        with pytest.raises(ValueError, match="not an option"):
            s.set("race:surf", "no such surface")


def test_set_raw_and_rerun(app):
    with Session(app) as s:
        s.open("race", "steps=200&seed=1&batch=16&noise=1")  # the seed counts only with noise
        run = s.set_raw("race:seed", double_array_value=[4.0])
        no_errors(run)
        assert params(run.query)["seed"] == "4" and s.widget("race:seed").value == 4
        run = s.rerun()
        no_errors(run)
        assert run.statuses == ["finished"] and run.element("race:seed").value == 4
        assert run.query is None and params(s.query)["seed"] == "4"  # the URL already said so
        with pytest.raises(RunTimeout):
            s.rerun(fragment_id="no-such-fragment", timeout=1.0)  # the server ignores it


def test_open_button_and_switch_page(app):
    with Session(app) as s:
        s.open()
        run = s.click("home:open:momentum_vs_nag")  # callback sets the preset, st.switch_page
        no_errors(run)
        assert run.page == "race" and run.script_runs == 2
        assert run.statuses == ["early_for_rerun", "finished"]
        assert params(run.query)["surf"] == "quadratic"
        assert any(a.kind == "info" and "NAG" in a.body for a in run.alerts)  # the preset banner
        run = s.switch_page("lr_lab")
        no_errors(run)
        assert run.page == "lr_lab" and s.query == run.query
        assert "race:steps" not in {e.key for e in run.elements}
        assert run.element("lr_lab:view").type == "radio"


def test_page_not_found(app):
    with Session(app) as s:
        run = s.open("no_such_page", "x=1")
        assert run.page_not_found == "no_such_page"
        assert run.page == ""


def test_language_switch_sends_choice_widgets_their_new_labels(app):
    """After a language switch the server sends every choice widget its value again (set_value), so
    the browser holds the new-language label and never sends the old one back."""
    with Session(app) as s:
        s.open("race", "steps=200")
        picker = s.widget("_ga_preset:race")
        assert picker.value == picker.options[0] == "(choose a preset)"
        run = s.set("lang", "한국어")
        assert params(run.query)["lang"] == "ko"
        picker = s.widget("_ga_preset:race")
        assert picker.options[0] != "(choose a preset)"
        assert picker.value == picker.options[0]  # the server's set_value: the Korean label


def test_form_stages_then_submits(app):
    # the two-basin study at its smallest, so that opening and submitting take seconds
    query = "view=basins&b_seeds=10&b_steps=500&b_batches=1"
    with Session(app) as s:
        run = s.open("batch_lab", query)
        no_errors(run)
        noise = run.element("batch_lab:b_noise")
        assert noise.form_id and noise.value == 4.0
        assert s.set("batch_lab:b_noise", 3.0, submit=False) is None  # staged: nothing reran
        assert s.widget("batch_lab:b_noise").value == 3.0 and params(s.query)["b_noise"] == "4.0"
        run = s.click("batch_lab:_brun")
        no_errors(run)
        assert params(run.query)["b_noise"] == "3.0"
        assert run.element("batch_lab:b_noise").value == 3.0
