"""AppTest helpers for the page tests (``tests/test_app_*.py``; other pages' tests use them too)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def app_test(query: dict[str, str] | None = None, page: str | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of ``app.py`` (not yet run), optionally opened on a page with URL parameters.

    Args:
        query: URL parameters of the first run (a shared link).
        page: script of the page the link opens, e.g. "pages/race.py" (default: the home page).
        timeout: seconds per run.

    Returns:
        The AppTest; call ``.run()``.
    """
    os.environ["GRADIENT_ATLAS_NO_WARM"] = "1"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if query:
        at.query_params.update(query)
    if page:
        at.switch_page(page)
    return at


def live_charts(at: AppTest) -> list[dict]:
    """The figures of the page's live charts (:mod:`ui.live_chart`), in page order, as sent."""
    import json

    sent = [json.loads(el.proto.json) for el in at.get("bidi_component")]
    return [resolve_shared(d["fig"]) for d in sent if "fig" in d]  # not the hidden preloader


def _leaves(node, sidebar: bool = False):
    """Every element under ``node`` in page order, with whether it sits in the sidebar."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _leaves(child, sidebar or getattr(child, "type", "") == "sidebar")
    else:
        yield node, sidebar


def figures(at: AppTest, animated: bool | None = None) -> list[dict]:
    """Every figure of the last run, in page order (main area, then the sidebar's): the live charts'
    as :func:`live_charts` gives them and any ``st.plotly_chart``'s spec (a view that still uses it,
    or the fallback without static serving).

    Args:
        at: the AppTest after a run.
        animated: True: only figures with frames (the animated maps); False: only still ones.
    """
    import json

    out = []
    for node, _ in _leaves(at._tree):
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            out.append(json.loads(node.proto.spec))
        elif kind == "bidi_component":
            sent = json.loads(node.proto.json)
            if "fig" in sent:  # not the hidden preloader
                out.append(resolve_shared(sent["fig"]))
    return out if animated is None else [f for f in out if bool(f.get("frames")) == animated]


def resolve_shared(fig: dict) -> dict:
    """A live chart's figure with its ``{"shared": i}`` and ``{"prefix": i, "n": m}`` references
    replaced by the arrays (as the browser side does), so tests read every trace's own data."""
    import base64

    shared = fig.get("shared", [])

    def head(spec: dict, n: int) -> dict:
        size = {"f4": 4, "f8": 8, "i4": 4, "u4": 4, "i2": 2, "u2": 2, "i1": 1, "u1": 1}[spec["dtype"]]
        raw = base64.b64decode(spec["bdata"])[: n * size]
        return {"dtype": spec["dtype"], "bdata": base64.b64encode(raw).decode()}

    def put(v):
        if isinstance(v, dict):
            if set(v) == {"shared"}:
                return shared[v["shared"]]
            if set(v) == {"prefix", "n"}:
                return head(shared[v["prefix"]], v["n"])
            return {k: put(x) for k, x in v.items()}
        if isinstance(v, list):
            return [put(x) for x in v]
        return v

    from ui.live_chart import unpack_frames

    out = {k: put(v) for k, v in fig.items() if k not in ("shared", "frames")}
    if "frames" in fig:
        out["frames"] = put(unpack_frames(fig["frames"]))
    return out


def errors(at: AppTest) -> list[str]:
    """Everything that went wrong in the last run, as texts: exception elements and the error
    boundary's messages (:func:`ui.shell.guarded`). Tests assert this is empty."""
    from ui.shell import ERROR_MARK

    out = [e.value for e in at.exception]
    out += [e.value for e in at.error if getattr(e, "icon", "") == ERROR_MARK]
    return out


def busy(at: AppTest) -> bool:
    """True while the page shows a job in progress (its Cancel button, :mod:`ui.progress`)."""
    return any("_cancel_job:" in (b.key or "") for b in at.button)


def settle(at: AppTest, timeout: float = 300.0) -> AppTest:
    """Rerun ``at`` until no job of the page is in progress (what the browser's one-second poll
    does), then return it; raises TimeoutError after ``timeout`` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while busy(at):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page's job did not finish within {timeout} s")
        time.sleep(0.2)
        at.run()
    return at


# ---------------------------------------------------------------------------------------------
# Hostile links (issue #18.1): payloads and a reader of Markdown code spans, for the tests that check
# that a user's or a link's text is shown literally (ui.widgets.literal).

MARK = "pwn"  # every payload carries it, so a test can find where a payload ended up
EVIL_HOST = "127.0.0.1:8799"  # a host that is not the app's (nothing listens there)
# Each is a URL value or name a hostile link could carry; MARK within the first 57 characters (a
# notice shows at most 57 + "...").
PAYLOADS: tuple[str, ...] = (
    f"x`![x](http://{EVIL_HOST}/p.png)`x {MARK}",  # the first link: breaks out of `...`
    f'"![{MARK}](http://{EVIL_HOST}/f.png)"',  # the second: a formula quoted in an error
    f"[{MARK}](javascript:alert(1)) [y](http://{EVIL_HOST}/l)",
    f"{MARK} $\\huge x$ \\(y\\)",
    f"$$\\Huge {MARK}$$",
    f"<img src=http://{EVIL_HOST}/i.png onerror=alert('{MARK}')>",
    f'<a href="http://{EVIL_HOST}/a">{MARK}</a>',
    f"``{MARK}``` ` `` \\`",  # back-tick runs of every length, a backslash before one
    f"{MARK} http://{EVIL_HOST}/u www.example.com a@example.com",  # bare links (GFM autolinks)
    f"{MARK} :streamlit: :smile: :material/home: :red[x] -> <=",  # Streamlit's own shortcodes
    f"{MARK}\n# heading\n---\n> quote\n- item",  # line breaks that would start blocks
    f"{MARK} *b* **B** _i_ ~~s~~ | a | &amp; &#x3C; \\*",
    f"한국어 {MARK} `코드` **굵게**",
    f"\u202e{MARK}.exe\u202c \x1b[31m\x00",  # bidirectional override, escape and NUL characters
    f"{MARK}" + "[x](y)" * 60,  # very long
)


def code_spans(md: str) -> tuple[str, list[str]]:
    """Split Markdown into what lies outside inline code spans and the spans' contents (CommonMark 6.1).

    A back-tick run opens a span that the next run of the same length closes (a run with no partner
    is plain text); a backslash escapes punctuation outside spans; line endings inside a span count
    as spaces and one space is stripped from each end when both ends have one.

    Returns:
        (the text outside spans, the contents of the spans in order).
    """
    outside, spans, i, n = [], [], 0, len(md)
    while i < n:
        if md[i] == "\\" and i + 1 < n and md[i + 1] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
            outside.append(md[i : i + 2])
            i += 2
            continue
        if md[i] != "`":
            outside.append(md[i])
            i += 1
            continue
        j = i
        while j < n and md[j] == "`":
            j += 1
        run, k = j - i, j
        while True:  # the next run of exactly `run` back-ticks
            k = md.find("`" * run, k)
            if k < 0:
                break
            end = k
            while end < n and md[end] == "`":
                end += 1
            if end - k == run:
                break
            k = end
        if k < 0:
            outside.append(md[i:j])
            i = j
            continue
        body = md[j:k].replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        if len(body) >= 2 and body[0] == " " and body[-1] == " " and body.strip(" "):
            body = body[1:-1]
        spans.append(body)
        i = k + run
    return "".join(outside), spans


# ---------------------------------------------------------------------------------------------
# What a page shows, as text (issue #12.4-5): for the Korean-mode and tooltip tests.


class Shown(NamedTuple):
    """One element's visible text: ``kind`` (its element type), ``text`` (body or label, and the
    choices of a choice widget, one per line), ``help`` (its tooltip, "" if none), ``sidebar``."""

    kind: str
    text: str
    help: str
    sidebar: bool


SKIPPED_KINDS = frozenset({"latex", "code", "empty"})  # formulas and code: not prose
_STYLE = re.compile(r"<style\b.*?</style>", re.S | re.I)
_FIGURE_KEYS = frozenset(
    {"text", "name", "label", "prefix", "ticktext", "hovertemplate", "hovertext", "title"}
)


def _name_shown(trace: dict) -> bool:
    """Whether a trace's name is seen: in the legend, or in its hover label (Plotly's "extra" box)."""
    if trace.get("showlegend", True) is not False:
        return True
    hover = str(trace.get("hoverinfo", "all"))
    return hover not in ("skip", "none") and "<extra></extra>" not in str(trace.get("hovertemplate", ""))


def _figure_strings(v: object, key: str = "") -> list[str]:
    """The words of a Plotly figure (dict): titles, trace names, annotations, buttons, hover texts.
    A trace's name counts only where it is seen (an internal name such as "contours" is not)."""
    if isinstance(v, dict):
        if key == "data" or "type" in v and "name" in v and not _name_shown(v):
            v = {k: x for k, x in v.items() if k != "name"}
        return [s for k, x in v.items() for s in _figure_strings(x, k)]
    if isinstance(v, list):
        return [s for x in v for s in _figure_strings(x, key)]
    return [v] if isinstance(v, str) and key in _FIGURE_KEYS else []


def _node_text(node) -> tuple[str, str]:
    import json

    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind == "plotly_chart":
        return "\n".join(_figure_strings(json.loads(proto.spec))), ""
    if kind == "bidi_component":
        sent = json.loads(proto.json)
        return ("\n".join(_figure_strings(sent["fig"])) if "fig" in sent else ""), ""
    if proto is None or not hasattr(proto, "DESCRIPTOR"):
        return "", ""
    fields = {f.name for f in proto.DESCRIPTOR.fields}
    parts = [getattr(proto, f) for f in ("body", "label", "placeholder") if f in fields]
    if "options" in fields:
        parts += [str(o) for o in proto.options]
    return "\n".join(p for p in parts if isinstance(p, str) and p), proto.help if "help" in fields else ""


def shown(at: AppTest) -> list[Shown]:
    """Every element of the last run that shows text (main area and sidebar), in page order."""
    import json

    out = []
    for node, sidebar in _leaves(at._tree):
        kind = getattr(node, "type", "") or type(node).__name__.lower()
        if kind in SKIPPED_KINDS:
            continue
        if kind in ("arrow_data_frame", "dataframe"):  # one entry per column: its name and tooltip
            config = json.loads(node.proto.columns or "{}")
            for col in map(str, node.value.columns):
                out.append(Shown("dataframe_column", col, config.get(col, {}).get("help", ""), sidebar))
            continue
        text, help_text = _node_text(node)
        if kind == "html":  # a style sheet (ui.layout) is not shown; the rest of an HTML element is
            text = _STYLE.sub("", text).strip()
        if text or help_text:
            out.append(Shown(kind, text, help_text, sidebar))
    # blocks carry text too: expander and status labels, tab names
    for block, sidebar in _blocks(at._tree, False):
        label = getattr(block.proto, "label", "") if hasattr(block, "proto") else ""
        if isinstance(label, str) and label:
            out.append(Shown(getattr(block, "type", "block"), label, "", sidebar))
    return out


def _blocks(node, sidebar: bool):
    children = getattr(node, "children", None)
    if not isinstance(children, dict):
        return
    if (
        node is not None
        and getattr(node, "type", "") in ("expandable", "tab")
        or type(node).__name__ in ("Expander", "Status", "Tab")
    ):
        yield node, sidebar
    for child in children.values():
        yield from _blocks(child, sidebar or getattr(child, "type", "") == "sidebar")
