"""Shared widgets: one control per schema :class:`~ui.url.Param`, log-scale grids, link notices, and
:func:`literal` for showing a user's or a link's text inside Markdown."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

import i18n
from i18n import STRINGS, pick, t

from . import glossary, layout, state
from .url import Notice, Param, snap

# fmt: off
MANTISSAS = (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2.0, 2.2, 2.5, 2.8, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0,
             8.0, 9.0)
# fmt: on


def log_grid(low: float, high: float) -> tuple[float, ...]:
    """Round values in [low, high] (21 per decade: 1, 1.1, ..., 2, 2.2, 2.5, ..., 5, 6, 7, 8, 9) and the ends.

    Args:
        low: smallest value (> 0).
        high: largest value.

    Returns:
        Sorted tuple; neighbours differ by at most 20 %, so one key press on a slider is a small
        change, and a select-slider carries ~150 options over seven decades (each option is sent
        to the browser on every rerun).
    """
    if not (0 < low < high):
        raise ValueError(f"log grid needs 0 < low < high, got [{low:g}, {high:g}]")
    out = {float(low), float(high)}
    for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for m in MANTISSAS:
            v = float(f"{m}e{e}")
            if low <= v <= high:
                out.add(v)
    return tuple(sorted(out))


def linear_step(low: float, high: float, *values: float) -> float:
    """A slider step that resolves ``low``, ``high`` and ``values`` and gives ~1,000-10,000 steps."""
    step = 10.0 ** math.floor(math.log10((high - low) / 1000.0))
    for v in (low, high, *values):
        text = f"{v:.10f}".rstrip("0")
        decimals = len(text.split(".")[1]) if "." in text else 0
        step = min(step, 10.0**-decimals) if decimals else step
    return float(f"{step:.0e}")


def float_param(name: str, default: float, low: float, high: float, log: bool = False) -> Param:
    """A float control; log-scale ones become a select-slider over :func:`log_grid`."""
    if log:
        grid = log_grid(low, high)
        return Param(name, "float", snap(default, grid), low, high, grid=grid)
    return Param(name, "float", float(default), float(low), float(high))


def fmt_number(v: float) -> str:
    """Short display of a slider value (3 significant digits, scientific when small/large)."""
    if v == 0:
        return "0"
    a = abs(v)
    return f"{v:.2e}" if a < 1e-3 or a >= 1e4 else f"{v:.4g}"


def control(
    ps: state.PageState,
    p: Param,
    label: str,
    *,
    help: str | None = None,
    where: Any = None,
    format_func: Callable[[Any], str] | None = None,
    disabled: bool = False,
) -> Any:
    """Draw the widget for ``p`` (already declared on ``ps``) and return its value.

    Args:
        ps: the page's state.
        p: the control; its kind picks the widget (log floats: select-slider; floats and ints:
            slider; bool: toggle; choice: selectbox; multi: multiselect; text: text input).
        label: translated label.
        help: translated tooltip; the plain-words explanation of each glossary term that the label or
            the choices mention is added to it (:mod:`ui.glossary`).
        where: a container (default: the main area).
        format_func: how to show choices.
        disabled: grey the widget out.

    Returns:
        The widget's value.
    """
    box = where if where is not None else st
    key = ps.key(p.name)
    if format_func is not None:
        format_func = i18n.bound(format_func)  # in the language drawn, also when called outside the run
    shown = [str((format_func or str)(c)) for c in p.choices] if p.kind in ("choice", "multi") else []
    common = {"key": key, "help": glossary.help_for(label, *shown, base=help), "disabled": disabled}
    if p.kind == "float" and p.grid:
        return box.select_slider(label, options=p.grid, format_func=fmt_number, **common)
    if p.kind == "float":
        step = linear_step(p.low, p.high, p.default)
        return box.slider(label, min_value=p.low, max_value=p.high, step=step, format="%g", **common)
    if p.kind == "int":
        return box.slider(label, min_value=int(p.low), max_value=int(p.high), step=1, **common)
    if p.kind == "bool":
        return box.toggle(label, **common)
    if p.kind == "choice":
        return box.selectbox(label, p.choices, format_func=format_func or str, **common)
    if p.kind == "multi":
        return box.multiselect(
            label, p.choices, format_func=format_func or str, placeholder=t("common.choose"), **common
        )
    # no max_chars: the browser would cut a longer paste silently; the parser says how long it is
    # and what the limit is (ui.url.MAX_TEXT, the same constant)
    return box.text_input(label, **common)


def page_header(ps: state.PageState, prefix: str) -> Any:
    """A lab page's head: a slot for notices (returned), the title and intro of ``prefix`` ("race"
    -> ``race.title``, ``race.intro``) and the banner of the preset that set the page, if any.

    The presenter view leaves out the title and intro (the chart must fit above the fold) and shows the
    banner under the page's main chart (:func:`lesson_caption`), or here if the page has none. The banner
    is drawn again when the page ends (:func:`show_notices`), when the run has shown whether a control
    now differs from the preset.
    """
    top = st.container()
    presenting = state.presenter()
    if not presenting:
        title = t(f"{prefix}.title")
        st.title(title, help=glossary.help_for(title))
        caption(t(f"{prefix}.intro"))
    ps.banner_slot = st.empty()
    if not presenting:  # what the last run found, so that the page does not jump when the run ends
        preset_banner(ps, ps.banner_slot, bool(ps.flag("changed")))
    return top


def lesson_caption(ps: state.PageState) -> None:
    """Under a page's main chart: in the presenter view the preset's banner goes here (a caption)."""
    if not state.presenter():
        return
    if ps.banner_slot is not None:
        ps.banner_slot.empty()
    ps.banner_slot = st.container(key="ga_caption").empty()


def control_columns(spec: Sequence[float], gap: str = "medium") -> tuple[Any, Any]:
    """A lab page's (controls, figures) containers: side by side; in the presenter view the figures take
    the whole width and the controls go to the sidebar, which the presenter view keeps collapsed. On a
    narrow screen the figures come first (:mod:`ui.layout`)."""
    if state.presenter():
        return st.sidebar.container(), st.container()
    controls, figures = st.columns(spec, gap=gap)
    return controls, figures.container(key=layout.FIGURES_KEY)  # first on a phone (ui.layout)


DEFAULT_HEIGHT = 450  # pixels: a figure without a layout height (st.plotly_chart's default too)


def chart(fig: Any, *, key: str, config: dict | None = None) -> None:
    """Draw a lab's figure: a live chart (:mod:`ui.live_chart`) with plotly.js's cartesian bundle.

    A visitor's browser then loads a 1.5 MB plotly.js instead of the 4.7 MB one inside
    ``st.plotly_chart`` (measured: the LR lab's first view 2.9 -> 2.5 s); the presenter view enlarges
    the chart's text. Where live charts cannot run (no static serving), ``st.plotly_chart`` draws it.

    Args:
        fig: a ``go.Figure`` or a figure dict.
        key: the chart's identity (the same key on the next rerun updates the same graph).
        config: plotly.js config (e.g. the export button's options).
    """
    from . import live_chart as lc

    d = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    height = int(d.get("layout", {}).get("height") or DEFAULT_HEIGHT)
    lc.live_chart(
        d,
        key=key,
        height=height,
        config=config,
        failed=t("race.chart_failed"),
        bundle=lc.LAB_BUNDLE,
        presenter_cap=False,  # a lab's figure keeps its height on the projector, as before
    )


# Text that may mention technical terms goes through these: each gets the plain-words tooltip of the
# terms it mentions (ui.glossary). ``also``: texts shown with it that cannot carry a tooltip of their
# own (a figure's titles and legend under a heading, a table's cells).


def markdown(
    body: str, *, also: Sequence[str] = (), where: Any = None, unsafe_allow_html: bool = False
) -> None:
    """``st.markdown(body)`` with the glossary tooltip of the terms in ``body`` and ``also``."""
    box = where if where is not None else st
    box.markdown(body, unsafe_allow_html=unsafe_allow_html, help=glossary.help_for(body, *also))


def caption(body: str, *, also: Sequence[str] = (), where: Any = None) -> None:
    """``st.caption(body)`` with the glossary tooltip of the terms in ``body`` and ``also``."""
    box = where if where is not None else st
    box.caption(body, help=glossary.help_for(body, *also))


def subheader(body: str, *, also: Sequence[str] = (), where: Any = None) -> None:
    """``st.subheader(body)`` with the glossary tooltip of the terms in ``body`` and ``also`` (e.g. the
    titles, axes and legend of the figure below it)."""
    box = where if where is not None else st
    box.subheader(body, help=glossary.help_for(body, *also))


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A markdown table: a header row, the separator, one line per row of cell texts."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


LITERAL_LIMIT = 200  # characters of a user's or a link's text shown in a message; longer ends in "…"
_NEWLINES = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
# Control characters, bidirectional marks and overrides (they reorder the text around them, so a value
# could read as something else) and lone surrogates (not encodable: Streamlit could not send the page).
_HIDDEN = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_TICKS = re.compile("`+")
_WORD_JOINER = "\u2060"  # invisible; keeps Streamlit's ":material/" rewrite from matching


def literal(text: object, limit: int = LITERAL_LIMIT) -> str:
    """Markdown that shows ``text`` as it is, never as markup: an inline code span.

    Use it for every piece of text that comes from a user or a link (a URL value or parameter name, a
    formula, an error message that quotes them) before it goes into ``st.markdown``, ``st.caption``,
    ``st.warning``, ``st.error``, ``st.info``, a ``t(...)`` string shown by them, or a label.
    Backslash escapes are not enough in Streamlit: after they are resolved, its Markdown plugins turn
    plain text such as ``http://host/x``, ``www.host``, ``a@host.org``, ``:streamlit:`` and `` -> ``
    into links, images and symbols; the contents of a code span are left alone (and inside one,
    brackets, ``$``, ``*``, ``_``, ``<``, ``>``, ``\\``, HTML and entities are plain characters).

    Args:
        text: anything; ``str()`` of it is shown.
        limit: at most this many characters are shown; longer text is cut and ends with "…".

    Returns:
        One line of Markdown: the text in a code span whose back-tick fence is longer than any run of
        back-ticks in it (padded with a space where the text starts or ends with a back-tick or a
        space, which CommonMark then strips); line breaks shown as "↵", tabs as spaces; control
        characters, bidirectional overrides and lone surrogates as U+FFFD. Empty or blank text
        comes back as “” around it. Not for table cells: GFM splits a row at "|" even inside code.
    """
    s = _NEWLINES.sub("↵", str(text)).replace("\t", " ")
    s = _HIDDEN.sub("\ufffd", s)
    if len(s) > limit:
        s = s[: max(limit - 1, 0)] + "…"
    if not s.strip():
        return f"“{s}”"
    # Streamlit rewrites ":material/" to ":material_" in the whole source, code spans included.
    s = s.replace(":material/", ":" + _WORD_JOINER + "material/")
    fence = "`" * (max((len(m) for m in _TICKS.findall(s)), default=0) + 1)
    pad = " " if s[0] in "` " or s[-1] in "` " else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def expression_error(err: Exception) -> str:
    """A rejected formula's message in the current language, as Markdown.

    The parser gives each rejection a ``code`` and ``fields`` (``landscapes.ExpressionError``); the
    message is ``formula.err.<code>`` with every text field (the user's piece of formula, a
    suggestion, a name) shown by :func:`literal` and numbers as they are. An error without a known
    code (another version of the library) is shown whole, literally, in English.
    """
    code = getattr(err, "code", None)
    key = f"formula.err.{code}"
    if code is None or key not in STRINGS:
        return literal(err)
    fields = {k: literal(v) if isinstance(v, str) else v for k, v in getattr(err, "fields", {}).items()}
    return t(key, **fields)


def notice_text(n: Notice) -> str:
    """One link notice in the current language; the link's text (name, value) is shown literally."""
    if n.what == "too_many":  # the whole link was ignored: its number of parameters and the limit
        return t(f"common.notice_{n.what}", n=f"{int(n.raw):,}", limit=f"{int(n.valid):,}")
    return t(
        f"common.notice_{n.what}",
        name=literal(n.name),
        raw=literal(n.raw),
        value=literal(n.value),
        valid=n.valid,  # the app's own text (the schema's range or choices), never the link's
    )


def show_notices(ps: state.PageState, notices: Sequence[Notice], where: Any = None) -> None:
    """End of a page: its preset banner, now that the run knows whether a control differs from the
    preset (:meth:`~ui.state.PageState.finish`), and what was wrong with the link the page was opened
    with (if anything), with a close button."""
    if ps.banner_slot is not None:
        preset_banner(ps, ps.banner_slot, ps.changed)
    if not notices:
        return
    box = where if where is not None else st
    with box.container():
        lines = "\n".join(f"- {notice_text(n)}" for n in notices)
        st.warning(f"{t('common.notice_title')}\n{lines}", icon="⚠️")
        st.button(t("common.dismiss"), key=ps.key("_dismiss_notices"), on_click=ps.dismiss_notices)


def preset_banner(ps: state.PageState, where: Any, changed: bool) -> None:
    """The preset the page started from, in ``where`` (an ``st.empty``): its title and lesson, with the
    lesson step it is; or, once a control differs from it, only that the view changed from it.

    Args:
        ps: the page's state.
        where: the slot; emptied when no preset set the page.
        changed: a control differs from the preset (the text then describes a view no longer shown).
    """
    preset_id = ps.preset()
    if not preset_id:
        where.empty()
        return
    import presets

    p = presets.get(preset_id)
    steps, pos = state.lesson_steps(), state.lesson_position()
    step = ""
    if pos is not None and pos < len(steps) and steps[pos] == preset_id:
        step = t("lesson.step", n=pos + 1, total=len(steps)) + " · "
    if changed:
        where.info(step + t("lesson.changed", title=pick(p.title)), icon="✏️")
    else:
        where.info(step + t("common.preset_info", title=pick(p.title), lesson=pick(p.lesson)), icon="🎓")
