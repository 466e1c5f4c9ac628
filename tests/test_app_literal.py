"""ui.widgets.literal: a user's or a link's text in Markdown is one inline code span showing exactly that
text (issue #18.1). The reader of code spans (ui.testing.code_spans) follows CommonMark, independently
of how literal builds them; the browser test (tests/browser/test_hostile_browser.py) checks the same
payloads in Streamlit's real renderer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.testing import MARK, PAYLOADS, code_spans
from ui.widgets import LITERAL_LIMIT, literal

WJ = "\u2060"


def shown(md: str) -> str:
    """What a reader sees: the one code span's text (the invisible word joiner removed)."""
    outside, spans = code_spans(md)
    assert outside == "", f"text outside the code span: {outside!r} in {md!r}"
    assert len(spans) == 1, md
    return spans[0].replace(WJ, "")


def test_reader_of_code_spans_follows_commonmark():
    # examples from CommonMark 0.31 section 6.1
    assert code_spans("`foo`") == ("", ["foo"])
    assert code_spans("`` foo ` bar ``") == ("", ["foo ` bar"])
    assert code_spans("` `` `") == ("", ["``"])
    assert code_spans("`  ``  `") == ("", [" `` "])
    assert code_spans("` a`") == ("", [" a"])
    assert code_spans("`foo\\`bar`") == ("bar`", ["foo\\"])
    assert code_spans("```foo``") == ("```foo``", [])
    assert code_spans("`foo``bar``") == ("`foo", ["bar"])
    assert code_spans("\\`not code`") == ("\\`not code`", [])


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_payload_becomes_one_code_span_on_one_line(payload):
    md = literal(payload)
    assert "\n" not in md and "\r" not in md  # a line break could start a heading, list or quote
    md.encode("utf-8")  # Streamlit can send it
    text = shown(md)
    assert MARK in text
    if len(payload) <= LITERAL_LIMIT and not any(c in payload for c in "\n\u202e\u202c\x1b\x00"):
        assert text == payload  # exactly what was given, back-ticks, brackets, $, <, > and all


def test_line_breaks_tabs_and_hidden_characters_are_shown_not_obeyed():
    assert shown(literal("a\nb\r\nc\rd\u2028e\tf")) == "a↵b↵c↵d↵e f"
    assert shown(literal("\u202egnp.exe\u202c")) == "\ufffdgnp.exe\ufffd"  # no right-to-left override
    assert shown(literal("x\x00y\x1b[31mz\x7f")) == "x\ufffdy\ufffd[31mz\ufffd"


def test_lone_surrogates_are_replaced_so_the_page_can_be_sent():
    md = literal("ab\ud800cd\udfff")
    md.encode("utf-8")
    assert shown(md) == "ab\ufffdcd\ufffd"


def test_long_text_is_cut_with_an_ellipsis():
    text = shown(literal("é" * 1000))
    assert len(text) == LITERAL_LIMIT and text.endswith("…") and text[:-1] == "é" * (LITERAL_LIMIT - 1)
    assert shown(literal("abcdef", limit=4)) == "abc…"


def test_back_ticks_at_the_ends_and_spaces_survive():
    for text in ("`", "``", "`a", "a`", " a", "a ", " a ", "`` ` ```", "a\\`"):
        assert shown(literal(text)) == text, text


def test_empty_and_blank_text_is_quoted():
    assert literal("") == "“”"
    assert literal("  ") == "“  ”"
    assert code_spans(literal(" ")) == ("“ ”", [])


def test_streamlits_material_rewrite_cannot_change_the_text():
    md = literal(":material/home:")
    assert ":material/" not in md  # Streamlit rewrites that string everywhere, code spans included
    assert shown(md) == ":material/home:"


def test_korean_text_is_kept():
    assert shown(literal("학습률 `0.1` 은(는) **너무** 큽니다")) == "학습률 `0.1` 은(는) **너무** 큽니다"


def test_non_strings_are_shown_as_their_text():
    assert shown(literal(ValueError("bad `x` [y](z)"))) == "bad `x` [y](z)"
    assert literal(12) == "`12`"


PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=LITERAL_LIMIT
)


@settings(max_examples=300, deadline=None)
@given(PRINTABLE)
def test_any_printable_one_line_text_reads_back_exactly(text):
    md = literal(text)
    if not text.strip():
        assert md == f"“{text}”"
        return
    assert shown(md) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="`\\ []()!$<>*_|:\n", max_size=40))
def test_markup_characters_in_any_order_stay_inside_one_span(text):
    md = literal(text)
    assert "\n" not in md
    if text.strip():
        assert shown(md) == text.replace("\n", "↵")
