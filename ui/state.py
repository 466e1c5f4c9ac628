"""Session state: the ONE module that touches ``st.session_state`` and ``st.query_params``.

A page declares its controls as a small schema (a list of :class:`~ui.url.Param`), then:

    ps = state.PageState("race")          # page id = its url path
    ps.declare(SCHEMA)                    # seeds widget keys from the URL / presets / defaults
    st.slider(..., key=ps.key("steps"))   # every widget uses the key the state gives it
    cfg = ps.values()                     # plain dict short-name -> value, validated
    ps.declare(more_params)               # schemas may grow during the run (per-optimizer controls)
    ps.finish()                           # writes the whole view into the URL, returns link notices

Values flow: URL (first run of a session only) -> session state -> widget keys; widget values ->
a persistent copy (so they survive page switches, which drop both widget state and the URL) ->
the URL on every run. Bad URL values are clamped or dropped and reported as :class:`~ui.url.Notice`
records that :meth:`PageState.finish` returns for the page to show (translated) at its top.

Reading and writing URL values is pure and lives in :mod:`ui.url` (re-exported here: ``state.Param``,
``state.coerce``, ...). The share link in the sidebar is :mod:`ui.share` (its states and transitions);
:meth:`PageState.finish` keeps the link here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# The codec is re-exported: callers (and tests) use ui.state for a page's whole URL handling.
from .url import (  # noqa: F401
    KINDS,
    MAX_TEXT,
    Notice,
    Param,
    coerce,
    encode,
    parse,
    query_string,
    share_url,
    snap,
    valid_text,
)

# Every session-state key this module owns (widget keys are "<page>:<name>", see PageState.key).
_KEEP = "_ga_keep"  # persistent copy of every page's values: {"page:name": value}
_URL = "_ga_url"  # the query string the session was opened with: {"page": str, "params": {...}}
_NOTICES = "_ga_notices"  # {page: [Notice, ...]}
_CONSUMED = "_ga_consumed"  # {page: set of URL names read}
_LINK_REPORTED = "_ga_link_reported"  # True once ui.link_probe said the session's link was dropped
_LINK = "_ga_link"  # the share link of the page that finished last in this run (ui.share)
_FLAG = "_ga_flag:"  # + "<page>:<name>": a page's non-widget values (PageState.flag)
LANG_KEY = "lang"  # the global language control (key in session state and in the URL)
GLOBAL_PARAMS: tuple[str, ...] = (LANG_KEY,)
PRESET_KEY_PREFIX = "_ga_preset:"  # + page id: the sidebar's preset picker
_MISSING = object()


def _ss():
    import streamlit as st

    return st.session_state


def _in_streamlit() -> bool:
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # pragma: no cover - older layout
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    return get_script_run_ctx(suppress_warning=True) is not None


def language() -> str:
    """The language chosen in the sidebar; "en" outside a Streamlit run."""
    if not _in_streamlit():
        return "en"
    ss = _ss()
    return ss.get(LANG_KEY) or ss.get(_KEEP, {}).get(LANG_KEY) or "en"


def capture_url(page: str) -> None:
    """Remember the query string the session was opened with, and the page it belongs to (the
    session's first run only). Called by :func:`ui.shell.page` first thing."""
    import streamlit as st

    ss = _ss()
    if _URL not in ss:
        ss[_URL] = {"page": page, "params": {k: st.query_params[k] for k in st.query_params}}
        ss[_CONSUMED] = {}
        ss[_NOTICES] = {}


def relabel_choice_widgets() -> None:
    """After a language switch (the language widget's callback): send every control's value again.

    Streamlit's choice widgets (selectbox, radio, multiselect, select_slider) travel as the label
    the browser shows, and the browser keeps sending the label it last displayed. After a switch
    the same value has a label in the other language, so the next click would send the old label,
    which matches no option (e.g. ``Unknown preset '(choose a preset)'``). Assigning each value
    through session state makes Streamlit send the widget its value again, drawn with the new
    label. Only values are re-assigned, never buttons (their state cannot be set).
    """
    ss = _ss()
    keys = [k for k in ss.get(_KEEP, {}) if k != LANG_KEY]
    keys += [k for k in ss if isinstance(k, str) and k.startswith(PRESET_KEY_PREFIX)]
    for k in keys:
        if k in ss:
            ss[k] = ss[k]


def bind_language(choices: Sequence[str], default: str) -> str:
    """Seed the global language widget key (from the URL on first run); returns its session key."""
    ss = _ss()
    keep = ss.setdefault(_KEEP, {})
    p = Param(LANG_KEY, "choice", default, choices=tuple(choices))
    if LANG_KEY in ss and ss[LANG_KEY] in p.choices:
        keep[LANG_KEY] = ss[LANG_KEY]
        return LANG_KEY
    url = ss.get(_URL, {}).get("params", {})
    value = keep.get(LANG_KEY, default)
    if LANG_KEY in url and not ss.get(_CONSUMED, {}).get("*"):
        v, note = coerce(p, url[LANG_KEY])
        if v is not None:
            value = v
        if note is not None:
            ss.setdefault(_NOTICES, {}).setdefault("*", []).append(note)
        ss.setdefault(_CONSUMED, {})["*"] = True
    ss[LANG_KEY] = keep[LANG_KEY] = value
    return LANG_KEY


def link_was_plain() -> bool:
    """True if the session's first run saw no URL parameters: the link had none, or Streamlit dropped
    them all (a link over its size limits, see :mod:`ui.link_probe`)."""
    url = _ss().get(_URL)
    return url is not None and not url["params"]


def report_dropped_link(fields: int, max_fields: int) -> bool:
    """Record, as a notice for whichever page shows next, that Streamlit ignored the session's link.

    Args:
        fields: parameters in the link the browser opened (as Streamlit counts them: "&" + 1).
        max_fields: Streamlit's limit; a link within it is no news.

    Returns:
        True if a notice was added (once per session).
    """
    ss = _ss()
    if ss.get(_LINK_REPORTED) or not link_was_plain() or fields <= max_fields:
        return False
    ss[_LINK_REPORTED] = True
    note = Notice("too_many", "", str(fields), "", str(max_fields))  # raw: the count; valid: the limit
    ss.setdefault(_NOTICES, {}).setdefault("*", []).append(note)
    return True


def widget_value(key: str) -> Any:
    """The raw session value of a widget or component that belongs to no page (None if unset)."""
    return _ss().get(key)


class PageState:
    """The controls of one page: widget keys, values, URL sync. See the module docstring."""

    def __init__(self, page: str):
        self.page = page
        self.schema: dict[str, Param] = {}

    def key(self, name: str) -> str:
        """The widget / session-state key of control ``name`` on this page."""
        return f"{self.page}:{name}"

    def declare(self, params: Iterable[Param]) -> None:
        """Add controls to this run's schema and seed their widget keys.

        Precedence: the current widget value; on the session's first run of this page the URL;
        then the persistent copy (earlier visits, presets); then the default. Invalid values found
        anywhere are replaced so that a widget is never created with a value it cannot show.
        """
        ss = _ss()
        keep = ss.setdefault(_KEEP, {})
        params = list(params)
        url_values: dict[str, Any] = {}
        url = ss.get(_URL)
        consumed = ss.setdefault(_CONSUMED, {})
        if url is not None and url["page"] == self.page and consumed.get(self.page) is not True:
            seen = consumed.setdefault(self.page, set())
            fresh = [p for p in params if p.name not in seen]
            url_values, notices = parse(fresh, url["params"])
            seen.update(p.name for p in fresh)
            ss.setdefault(_NOTICES, {}).setdefault(self.page, []).extend(notices)
        for p in params:
            self.schema[p.name] = p
            k = self.key(p.name)
            if k in ss:  # the widget's value: a browser reconnecting to a restarted server sends it
                value = ss[k]
            elif p.name in url_values:
                value = url_values[p.name]
            elif k in keep:
                value = keep[k]
            else:
                value = p.default
            v, note = coerce(p, value)
            if v is None and p.kind == "text" and isinstance(value, str) and p.name not in url_values:
                # typed or pasted, not from a link: a text over MAX_TEXT stays, so that the page can
                # say how long it is (the formula parser's message) instead of resetting it silently
                v = value
            if v is None:
                v = p.default
            if p.kind == "multi":
                v = list(v)  # st.multiselect holds a list
            if ss.get(k, _MISSING) != v or k not in ss:
                ss[k] = v
            keep[k] = v

    def get(self, name: str) -> Any:
        """The current value of control ``name`` (declared earlier in this run)."""
        v = _ss()[self.key(name)]
        return tuple(v) if self.schema[name].kind == "multi" else v

    def values(self) -> dict[str, Any]:
        """All declared controls: name -> value."""
        return {n: self.get(n) for n in self.schema}

    def set(self, name: str, value: Any) -> None:
        """Set a control's value; only from a widget callback or before its widget is drawn."""
        ss = _ss()
        ss[self.key(name)] = value
        ss.setdefault(_KEEP, {})[self.key(name)] = value

    def encoded(self) -> dict[str, str]:
        """The whole view as URL parameters: every declared control plus the language."""
        out = {LANG_KEY: language()}
        for name, p in self.schema.items():
            value = self.get(name)
            if p.kind == "text" and len(value) > MAX_TEXT:
                continue  # a link never carries a text the page would refuse to read from it
            out[name] = encode(p, value)
        return out

    def finish(self) -> list[Notice]:
        """End of the page: report unknown URL parameters, write the view into the URL and keep its
        share link for the sidebar (:mod:`ui.share`).

        Returns:
            The notices about the link this session was opened with (clamped, dropped, unknown
            parameters) for this page; the caller shows them.
        """
        import streamlit as st

        ss = _ss()
        url = ss.get(_URL)
        notices = ss.setdefault(_NOTICES, {})
        consumed = ss.setdefault(_CONSUMED, {})
        if url is not None and url["page"] == self.page and consumed.get(self.page) is not True:
            seen = consumed.get(self.page, set())
            for name, raw in url["params"].items():
                if name not in seen and name not in GLOBAL_PARAMS:
                    notices.setdefault(self.page, []).append(Notice("unknown", name, str(raw)[:60]))
            consumed[self.page] = True
        params = self.encoded()
        if {k: st.query_params.get(k) for k in st.query_params} != params:
            st.query_params.from_dict(params)
        ss[_LINK] = share_url(self.page, params, _browser_address())
        return list(notices.get("*", [])) + list(notices.get(self.page, []))

    def dismiss_notices(self) -> None:
        """Forget the link notices of this page (a callback of their close button)."""
        notices = _ss().setdefault(_NOTICES, {})
        notices.pop(self.page, None)
        notices.pop("*", None)

    def reset(self, values: Mapping[str, Any] | None = None) -> None:
        """Forget every control of this page, then set ``values`` (a preset); call from a callback."""
        ss = _ss()
        keep = ss.setdefault(_KEEP, {})
        prefix = f"{self.page}:"
        for k in [k for k in keep if k.startswith(prefix)]:
            del keep[k]
        for k in [k for k in ss if isinstance(k, str) and k.startswith(prefix)]:
            del ss[k]
        for name, v in (values or {}).items():
            keep[self.key(name)] = list(v) if isinstance(v, tuple) else v

    def flag(self, name: str) -> Any:
        """A non-widget session value of this page (e.g. the last good formula); None if unset."""
        return _ss().get(f"{_FLAG}{self.page}:{name}")

    def set_flag(self, name: str, value: Any) -> None:
        """Remember a non-widget value for this page (not part of the URL)."""
        _ss()[f"{_FLAG}{self.page}:{name}"] = value

    def widget_state(self, key: str) -> Any:
        """The raw session value of a widget that is not a control (e.g. a chart's selection)."""
        return _ss().get(key)


def last_share_link() -> str:
    """The share link kept by the page that finished last in this run ("" if none)."""
    return _ss().get(_LINK, "")


def forget_share_link() -> None:
    """Forget the kept share link (:func:`ui.share.begin`, before a page runs)."""
    _ss().pop(_LINK, None)


def _browser_address() -> str:
    """The address the browser opened this page at ("" outside a browser session, e.g. AppTest)."""
    import streamlit as st

    try:
        return st.context.url or ""
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        return ""


def apply_preset(page: str, preset_id: str, values: Mapping[str, Any]) -> None:
    """Reset ``page``'s controls to a preset (a widget callback) and show it in the page's picker."""
    ps = PageState(page)
    ps.reset(values)
    ps.set_flag("preset", preset_id)
    _ss()[PRESET_KEY_PREFIX + page] = preset_id


def clear_widget(key: str) -> None:
    """Remove a widget's value (from a callback), so it shows its default next run."""
    _ss().pop(key, None)
