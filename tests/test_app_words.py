"""What every page shows, word by word (issue #12.4-5), read from AppTest's rendered elements:

- in Korean mode no English word but the allowed ones (tests/korean.py) in any text, label, choice,
  tooltip, table, tab, figure title, axis, legend or button, and only the chosen Korean terms;
- in both languages every technical term a text or control shows has its plain-words tooltip, with a
  link to its glossary entry in the same language.

Every page of ``ui.nav.PAGES`` is checked in its default view (a page added later is checked as soon as
it is listed), and the labs in the other views a class uses. Each view is opened once per language (a
module-scoped cache).
"""

from __future__ import annotations

import time

import pytest

from i18n import t
from i18n.glossary import TERMS
from tests.korean import english_words, forbidden_terms
from ui import glossary
from ui.nav import PAGES
from ui.testing import app_test, busy, errors, shown

# Every page of the app (ui.nav.PAGES: a page added later is checked as soon as it is listed) in its
# default view, named by its url; and the other views a class uses (name: page script, link parameters).
MORE_VIEWS = {
    "race_four": (
        "pages/race.py",
        {"n": "4", "o0": "sgd", "o1": "nag", "o2": "adam", "o3": "sam", "steps": "300"},
    ),
    "race_vectors": (
        "pages/race.py",
        {
            "n": "2",
            "o0": "momentum",
            "o1": "rmsprop",
            "steps": "200",
            "ov": "grad,moment,step,lookahead",
            "at": "20",
            "show3d": "1",
            "sched": "warmup_cosine",
            "batch": "16",
            "surf": "sharp_flat",
        },
    ),
    "race_formula_error": (
        "pages/race.py",
        {"surf": "custom", "expr": "2x + sinn(y)", "n": "1", "steps": "50"},
    ),
    "lr_sweep": ("pages/lr_lab.py", {"view": "sweep"}),
    "lr_phase": ("pages/lr_lab.py", {"view": "phase"}),
    "lr_schedules": ("pages/lr_lab.py", {"view": "schedules"}),
    "lr_search": ("pages/lr_lab.py", {"view": "search", "se_pair": "adam_lr_eps"}),
    "batch_basins": ("pages/batch_lab.py", {"view": "basins"}),
    "batch_concept": ("pages/batch_lab.py", {"view": "concept"}),
    "explorer_network": ("pages/explorer.py", {"view": "network", "p_plane": "random", "p_3d": "1"}),
}
VIEWS = {p.url: (None if p.path == "app.py" else p.path, {}) for p in PAGES} | MORE_VIEWS


def test_every_page_is_checked_and_every_extra_view_is_of_a_page():
    assert {page for page, _ in VIEWS.values()} == {None if p.path == "app.py" else p.path for p in PAGES}
    assert len(VIEWS) == len(PAGES) + len(MORE_VIEWS)  # no extra view hides a page's default one


# Elements whose type has a tooltip (``help``): texts, headings and controls. Alerts, expander and tab
# labels, figures and tables have none; the text next to them carries the terms they show.
WITH_HELP = frozenset(
    {
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "selectbox",
        "multiselect",
        "slider",
        "select_slider",
        "radio",
        "toggle",
        "checkbox",
        "number_input",
        "text_input",
        "button",
        "dataframe_column",
    }
)

_opened: dict[tuple[str, str], list] = {}


def opened(view: str, lang: str):
    """The elements of ``view`` opened in ``lang`` (each view is run once per language)."""
    if (view, lang) not in _opened:
        page, query = VIEWS[view]
        deadline = time.monotonic() + 300
        # A rerun of the same AppTest would format choice widgets outside the script, in English, and
        # fail to find them: a lab's job is waited for by opening the page afresh until it is done
        # (the server's job manager shares the result between sessions).
        while busy(at := app_test({**query, "lang": lang}, page).run()) and time.monotonic() < deadline:
            time.sleep(1.0)
        assert not busy(at) and not errors(at), errors(at)
        _opened[view, lang] = shown(at)
    return _opened[view, lang]


def _readable(view: str, s) -> str:
    """The text of an element as the test reads it: the glossary page names each term in the other
    language on purpose (its "English: ..." lines)."""
    if VIEWS[view][0] == "pages/glossary.py" and s.kind == "caption" and s.text.startswith("English: "):
        return ""
    return s.text


@pytest.mark.parametrize("view", list(VIEWS))
def test_korean_mode_shows_no_english_but_the_allowed_words(view):
    found = []
    for s in opened(view, "ko"):
        for text in (_readable(view, s), s.help):
            words = english_words(text)
            if words:
                found.append((s.kind, words, text[:120]))
    assert not found, found


@pytest.mark.parametrize("view", list(VIEWS))
def test_korean_mode_uses_the_chosen_terms(view):
    # the glossary's table of the choices quotes the variants when it says why they are not used
    quoted = t("glossary.col_why", "ko")
    found = [
        (s.kind, forbidden_terms(text), text[:120])
        for s in opened(view, "ko")
        if quoted not in s.text
        for text in (_readable(view, s), s.help)
        if forbidden_terms(text)
    ]
    assert not found, found


@pytest.mark.parametrize("lang", ["en", "ko"])
# the glossary explains itself
@pytest.mark.parametrize("view", [v for v in VIEWS if VIEWS[v][0] != "pages/glossary.py"])
def test_every_term_shown_has_a_plain_words_tooltip_linked_to_the_glossary(view, lang):
    missing = []
    checked = 0
    for s in opened(view, lang):
        if s.sidebar or s.kind not in WITH_HELP:
            continue
        for term in glossary.terms_in([s.text], lang):
            checked += 1
            if glossary.entry(term, lang) not in s.help:
                missing.append((s.kind, term.id, s.text[:80]))
    assert checked, "the view shows no technical term at all?"
    assert not missing, missing


def test_the_tooltip_says_the_term_in_plain_words_and_links_its_entry():
    (term,) = [t for t in TERMS if t.id == "condition_number"]
    tip = glossary.help_for("조건수 κ를 키우세요", lang="ko")
    assert tip == glossary.entry(term, "ko")
    assert "그릇이 얼마나 길쭉한지" in tip and tip.endswith("(glossary?lang=ko#condition_number)")
    assert glossary.help_for("no term here", lang="en") is None
    # the element's own help comes first; code spans and link addresses are not read as prose
    assert glossary.help_for("`kappa`", lang="en", base="Base.") == "Base."
    both = glossary.help_for("Condition number κ", lang="en", base="Base.")
    assert both.startswith("Base.\n\n**Condition number κ**")
