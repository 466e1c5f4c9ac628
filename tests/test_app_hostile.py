"""Hostile links and formulas (issue #18.1): on every page, a link whose every parameter (and the
language, and an unknown name) carries a payload is reported, and every payload appears in the page's
Markdown only inside inline code (ui.widgets.literal), never as links, images, math or HTML."""

from __future__ import annotations

import urllib.parse

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

from ui import batch_model, lr_model, race_model, regularization_model
from ui.testing import MARK, PAYLOADS, app_test, code_spans
from ui.widgets import literal

UNKNOWN = f"{MARK}`![n](http://127.0.0.1:8799/n.png)`"  # a parameter name no page has


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(kind, Markdown source) of everything the page renders as Markdown: text, alerts, headings,
    captions, LaTeX, and the labels and help of widgets, expanders and status boxes."""
    out: list[tuple[str, str]] = []

    def walk(node) -> None:
        if isinstance(node, et.Latex):
            out.append(("latex", node.value))
        elif isinstance(node, (et.Markdown, et.AlertBase, et.HeadingBase, et.Toast)):
            out.append((node.type, node.value))
        label = getattr(node, "label", None)
        if isinstance(label, str):
            out.append(("label", label))
        help_text = getattr(node, "help", None)
        if isinstance(help_text, str):
            out.append(("help", help_text))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def check_only_literal(at: AppTest) -> str:
    """Assert that MARK never appears in the page's Markdown outside inline code (nor in LaTeX at
    all); returns the text of the warnings (the link notices)."""
    assert not at.exception, at.exception
    for kind, md in markdown_texts(at):
        if kind == "latex":
            assert MARK not in md, md
            continue
        outside, _ = code_spans(md)
        assert MARK not in outside, f"{kind}: payload outside code: {md[:400]!r}"
    return "\n".join(w.value for w in at.warning)


def shown(raw: str) -> str:
    """How ui.state's notice quotes a value from a link (cut at 57 characters + "...")."""
    return raw if len(raw) <= 60 else raw[:57] + "..."


def hostile_query(names: list[str]) -> dict[str, str]:
    """Every name gets a payload (cycling through the list), plus the language and an unknown name."""
    q = {n: PAYLOADS[i % len(PAYLOADS)] for i, n in enumerate(names)}
    q["lang"] = PAYLOADS[0]
    q[UNKNOWN] = PAYLOADS[1]
    return q


def check_every_parameter_reported(warn: str, query: dict[str, str]) -> int:
    """Each parameter has its notice line, naming it in code, and a notice that quotes the value
    quotes it in code; returns how many quote a value (the others say "not a setting of this page":
    parameters of other surfaces, optimizers or slots than the ones the page shows)."""
    lines = warn.splitlines()
    quoted = 0
    for name, raw in query.items():
        mine = [line for line in lines if line.startswith(f"- {literal(name)} ")]
        assert len(mine) == 1, (name, mine)
        if mine[0].startswith(f"- {literal(name)} = "):
            assert mine[0].startswith(f"- {literal(name)} = {literal(shown(raw))} "), mine[0]
            quoted += 1
    return quoted


def unique_names(params) -> list[str]:
    return list(dict.fromkeys(p.name for p in params))


PAGES = {
    "race": ("pages/race.py", lambda: unique_names(race_model.all_params()), {}),
    "lr_lab": ("pages/lr_lab.py", lambda: unique_names(lr_model.all_params()), {}),
    # the network study's defaults take long: the view stays on the cheap "concept" here, and gets
    # its own payload in test_batch_view_payload
    "batch_lab": ("pages/batch_lab.py", lambda: unique_names(batch_model.schema()), {"view": "concept"}),
    # the cheap surface view: the link's payloads must not reach a training job
    "regularization": (
        "pages/regularization.py",
        lambda: unique_names(regularization_model.schema()),
        {"view": "surface"},
    ),
    "home": (None, lambda: [], {}),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_a_link_with_a_payload_in_every_parameter_shows_them_only_as_code(page):
    path, names, keep = PAGES[page]
    query = {**hostile_query(names()), **keep}
    assert len(urllib.parse.urlencode(query).split("&")) < 1000  # else Streamlit drops the whole link
    at = app_test(query, path).run()
    warn = check_only_literal(at)
    quoted = check_every_parameter_reported(warn, {k: v for k, v in query.items() if k not in keep})
    assert quoted >= min(len(names()), len(PAYLOADS)) + 1  # and the language
    assert at.query_params.get("lang") == "en"  # the bad values were not used
    at.button(key=f"{page}:_dismiss_notices").click().run()
    assert not at.warning


def test_batch_view_payload():
    tiny = {
        "steps": "50",
        "n_train": "128",
        "batches": "8,128",
        "seeds": "2",
        "width": "4",
        "depth": "1",
        "opt": "sgd",
        "lr": "0.5",
    }
    at = app_test({**tiny, "view": PAYLOADS[0]}, "pages/batch_lab.py").run()
    warn = check_only_literal(at)
    assert f"{literal('view')} = {literal(PAYLOADS[0])}" in warn


def test_formula_errors_quote_the_formula_only_as_code():
    at = app_test({"surf": "custom", "expr": PAYLOADS[1], "n": "1", "steps": "50"}, "pages/race.py").run()
    check_only_literal(at)
    assert not at.warning  # the link itself was fine: a text setting takes any text
    assert len(at.error) == 1 and MARK in code_spans(at.error[0].value)[1][0]
    kept = [c.value for c in at.caption if "last formula that worked" in c.value]
    assert kept == ["Still showing the last formula that worked: `x**2 + 5*y**2`"]
    for payload in PAYLOADS:
        if len(payload) > 300:  # the text box takes at most 300 characters
            continue
        at.text_input(key="race:expr").set_value(payload).run()
        check_only_literal(at)
        assert len(at.error) == 1, payload


def test_a_good_formula_is_described_as_code():
    at = app_test({"surf": "custom", "expr": "x*y*x + y*x*y", "n": "1", "steps": "50"}, "pages/race.py").run()
    check_only_literal(at)
    about = [c.value for c in at.caption if "Your formula" in c.value]
    assert about == ["About this surface: Your formula: `x*y*x + y*x*y`"]  # not x*y*x in italics
