"""Links Streamlit ignores whole (issue #18.11): the app notices and says so.

Streamlit drops a link of more than 1,000 parameters before the script runs; the browser reports it
through ui.link_probe (the end-to-end check runs in Chromium: tests/browser/test_hostile_browser.py).
Here: Streamlit really drops such a link, the probe is drawn exactly when that may have happened, its
report is read defensively, and a report becomes one translated notice per session.
"""

from __future__ import annotations

import json

import pytest

from i18n import t
from ui import link_probe, state, widgets
from ui.state import Notice
from ui.testing import app_test


def probes(at) -> list[dict]:
    """The data of the link probes the page drew."""
    els = at.get("bidi_component")
    return [json.loads(e.proto.json) for e in els if e.proto.component_name == link_probe.NAME]


def test_streamlit_drops_a_link_over_its_limit_and_the_probe_is_drawn():
    over = {f"p{i}": "1" for i in range(link_probe.MAX_FIELDS)}  # + lang: one parameter too many
    at = app_test({**over, "lang": "ko"}, "pages/lr_lab.py").run()
    assert not at.exception, at.exception
    assert at.query_params["lang"] == "en"  # nothing of the link was used, not even the language
    assert not at.warning  # Streamlit's server said nothing to the page...
    assert probes(at) == [{"max_fields": 1000}]  # ...so the browser is asked


def test_the_probe_is_not_drawn_when_the_link_arrived():
    within = {f"p{i}": "1" for i in range(link_probe.MAX_FIELDS - 1)}
    at = app_test({**within, "lang": "ko"}).run()
    assert not at.exception, at.exception
    assert at.radio(key="lang").value == "ko"  # used
    assert not probes(at)
    assert "p998" in "\n".join(w.value for w in at.warning)  # unknown names reported as usual


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"report": {"fields": 1201}}, 1201),
        ({"report": {"fields": 0}}, 0),
        (None, None),
        ({}, None),
        ({"report": "1201"}, None),
        ({"report": {"fields": "1201"}}, None),
        ({"report": {"fields": 1201.5}}, None),
        ({"report": {"fields": True}}, None),
        ({"report": {"fields": -1}}, None),
        ({"report": {"fields": 2**40}}, None),
        ({"report": {"chars": 1201}}, None),
    ],
)
def test_a_report_is_a_whole_number_or_nothing(value, expected):
    assert link_probe.read_report(value) == expected


@pytest.fixture
def session(monkeypatch):
    """A session's state as a dict: opened without parameters on the LR lab."""
    ss = {state._URL: {"page": "lr_lab", "params": {}}}
    monkeypatch.setattr(state, "_ss", lambda: ss)
    return ss


def test_a_report_over_the_limit_becomes_one_notice(session):
    assert not state.report_dropped_link(1000, 1000)  # within the limit: no news
    assert not session.get(state._NOTICES)
    assert state.report_dropped_link(1201, 1000)
    assert not state.report_dropped_link(1201, 1000)  # a remounted probe: once only
    (note,) = session[state._NOTICES]["*"]  # shown by whichever page runs next
    assert note == Notice("too_many", "", "1201", "", "1000")
    assert widgets.notice_text(note) == (
        "The link has 1,201 parameters, more than the 1,000 this server reads, so none of them was used: "
        "the page shows its default settings."
    )
    assert t("common.notice_too_many", lang="ko", n="1,201", limit="1,000").startswith(
        "링크에 파라미터가 1,201개 있는데"
    )


def test_no_report_counts_when_the_link_had_parameters(session):
    session[state._URL]["params"] = {"lang": "ko"}
    assert not state.report_dropped_link(1201, 1000)
