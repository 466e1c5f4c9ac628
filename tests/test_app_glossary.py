"""The glossary page (``/glossary``) and its entries: one per term, in both languages, each at the anchor
that the tooltips link to, and the table of the Korean terms chosen with the lecture notes."""

from __future__ import annotations

import re

import pytest

import i18n
from i18n.glossary import CHOICES, TERMS
from tests.test_app_i18n import KOREAN
from ui import glossary
from ui.testing import app_test, errors


@pytest.fixture(scope="module", params=["en", "ko"])
def opened(request):
    at = app_test({"lang": request.param}, "pages/glossary.py").run()
    assert not errors(at), errors(at)
    return request.param, at


def test_every_term_has_an_entry_at_its_anchor_in_both_languages(opened):
    lang, at = opened
    other = "ko" if lang == "en" else "en"
    anchors = {h.proto.anchor: h.value for h in at.subheader}
    assert set(anchors) == {term.id for term in TERMS}
    captions = [c.value for c in at.caption]
    bodies = [m.value for m in at.markdown]
    for term in TERMS:
        assert anchors[term.id] == i18n.t(f"glossary.{term.id}.name", lang)
        assert i18n.t("glossary.other_name", lang, name=i18n.t(f"glossary.{term.id}.name", other)) in captions
        assert i18n.t(f"glossary.{term.id}.tip", lang) in bodies
    assert at.query_params["lang"] == lang  # the link back to this view keeps its language


def test_the_korean_terms_chosen_are_listed_with_why(opened):
    lang, at = opened
    (table,) = [m.value for m in at.markdown if i18n.t("glossary.col_why", lang) in m.value]
    for c in CHOICES:
        concept = i18n.t(f"glossary.choice.{c.id}.concept", lang)
        (row,) = [line for line in table.splitlines() if line.startswith(f"| {concept} |")]
        assert f"**{c.chosen}**" in row and i18n.t(f"glossary.choice.{c.id}.why", lang) in row
        assert all(f"~~`{v}`~~" in row for v in c.variants)


def test_tooltip_links_lead_to_an_entry_of_the_page_in_the_same_language():
    ids = [term.id for term in TERMS]
    assert len(ids) == len(set(ids))
    for lang in i18n.LANGS:
        for term in TERMS:
            url = re.search(r"\]\(([^)]+)\)$", glossary.entry(term, lang)).group(1)
            assert url == f"glossary?lang={lang}#{term.id}"  # relative: works under any base path


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_a_term_is_found_in_its_own_name(term, lang):
    # so the control or text that shows a term's name always gets that term's tooltip
    assert term in glossary.terms_in([i18n.t(f"glossary.{term.id}.name", lang)], lang)


@pytest.mark.parametrize("choice", [c for c in CHOICES if c.id != "symbols"], ids=lambda c: c.id)
def test_every_chosen_term_is_used(choice):
    used = [k for k, text in KOREAN.items() if choice.chosen in text and not k.startswith("i18n glossary.")]
    assert used, choice.chosen
