"""A class on one server: every page and every preset opened by two sessions one after the other,
WITHOUT clearing caches in between (the second visitor meets warm caches, where a cached function
that draws into the page used to fail: CacheReplayClosureError). Both see no error and the same
numbers."""

from __future__ import annotations

import hashlib
import json

import pytest

import presets
from ui.nav import PAGES
from ui.testing import app_test, errors, settle

TARGETS = [("page", p.url) for p in PAGES] + [("preset", p.id) for p in presets.all_presets()]


def _open(kind: str, what: str):
    if kind == "page":
        page = next(p for p in PAGES if p.url == what)
        return settle(app_test(None, None if page.default else page.path).run())
    at = settle(app_test().run())
    return settle(at.button(key=f"home:open:{what}").click().run())


def _numbers(at) -> dict:
    """What a visitor reads: text, tables and every chart's data (hashed)."""
    charts = [json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart")]
    charts += [json.loads(c.proto.json).get("fig", {}).get("data") for c in at.get("bidi_component")]
    return {
        "text": [m.value for m in at.markdown] + [c.value for c in at.caption],
        "tables": [d.value.to_json() for d in at.dataframe],
        "charts": hashlib.sha256(json.dumps(charts, sort_keys=True).encode()).hexdigest(),
    }


@pytest.mark.parametrize(("kind", "what"), TARGETS, ids=[f"{k}-{w}" for k, w in TARGETS])
def test_two_visitors_see_the_same_page_without_errors(kind, what):
    first = _open(kind, what)
    assert not errors(first), errors(first)
    second = _open(kind, what)
    assert not errors(second), errors(second)
    assert _numbers(second) == _numbers(first)
