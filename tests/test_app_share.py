"""The sidebar's share link: drawn only while its expander is open, and always the current view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from ui.testing import app_test

PAGE = "pages/race.py"


def test_share_link_is_drawn_only_when_open_and_follows_the_controls():
    at = app_test(None, PAGE).run()
    assert not at.exception, at.exception
    assert len(at.sidebar.code) == 0  # closed: nothing for the browser to highlight
    at.session_state["_ga_share_open"] = True  # what opening the expander does (it reruns)
    at.run()
    assert not at.exception, at.exception
    (code,) = at.sidebar.code
    link = urlparse(code.value)
    assert link.path.endswith("/race")
    assert {k: v[0] for k, v in parse_qs(link.query, keep_blank_values=True).items()} == dict(at.query_params)
    at.select_slider(key="race:o1.momentum.lr").set_value(2e-3).run()
    (code,) = at.sidebar.code
    assert parse_qs(urlparse(code.value).query)["o1.momentum.lr"] == ["0.002"]
