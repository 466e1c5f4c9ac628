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
    compact,
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
_LESSON = "_ga_lesson"  # the lesson: {"steps": tuple of preset ids, "pos": index of the step shown or None}
_GO = "_ga_lesson_go"  # the page a lesson step moved to, for ui.shell to switch to (set by callbacks)
LANG_KEY = "lang"  # the global language control (key in session state and in the URL)
PRESENT_KEY = "present"  # the presenter-view toggle (key in session state and in the URL)
# Link parameters of the lesson (ui.url has the controls'): the preset a view starts from, the position
# in the lesson (1-based) and a lesson other than the notes' (presets.lessons.encode_steps).
PRESET_PARAM, STEP_PARAM, LESSON_PARAM = "p", "s", "L"
GLOBAL_PARAMS: tuple[str, ...] = (LANG_KEY, PRESENT_KEY, PRESET_PARAM, STEP_PARAM, LESSON_PARAM)
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
        params = {k: st.query_params[k] for k in st.query_params}
        ss[_URL] = {"page": page, "params": params}
        ss[_CONSUMED] = {}
        ss[_NOTICES] = {}
        _read_lesson_link(page, params)


def _read_lesson_link(page: str, params: Mapping[str, str]) -> None:
    """What a link says beyond the page's controls (the session's first run): the lesson, the step it
    shows or the preset its view starts from, and the presenter view.

    The step's (or preset's) values are applied to the page first, so that the link's own control
    values, read later by :meth:`PageState.declare`, land on top of them: a short link carries only
    what differs from its preset. Bad values are dropped with a notice, as a control's are.
    """
    import presets
    from presets import lessons

    ss = _ss()
    notices = ss.setdefault(_NOTICES, {}).setdefault("*", [])
    steps = lessons.notes_steps()
    if LESSON_PARAM in params:
        found, bad = lessons.decode_steps(params[LESSON_PARAM], presets.REGISTRY)
        if bad:
            notices.append(Notice("lesson", LESSON_PARAM, " ".join(bad)[:60]))
        steps = found or steps
    ss[_LESSON] = {"steps": steps, "pos": None}
    preset_id, pos, name = None, None, ""
    if STEP_PARAM in params:
        name = STEP_PARAM
        pos, note = coerce(Param(STEP_PARAM, "int", 1, 1, len(steps)), params[STEP_PARAM])
        if note is not None:
            notices.append(note)
        if pos is not None:
            pos -= 1
            preset_id = steps[pos]
    elif PRESET_PARAM in params:
        name = PRESET_PARAM
        preset_id, note = coerce(
            Param(PRESET_PARAM, "choice", "", choices=tuple(presets.REGISTRY)), params[PRESET_PARAM]
        )
        if note is not None:
            notices.append(note)
    if preset_id is not None:
        p = presets.get(preset_id)
        if p.page == page:
            apply_preset(page, p.id, p.values)
            ss[_LESSON] = {"steps": steps, "pos": pos}
        else:  # a link edited by hand: the preset belongs to another page
            notices.append(Notice("preset_page", name, str(params[name])[:60], preset_id))
    if PRESENT_KEY in params:
        on, note = coerce(Param(PRESENT_KEY, "bool", False), params[PRESENT_KEY])
        if note is not None:
            notices.append(note)
        if on is not None:
            ss.setdefault(_KEEP, {})[PRESENT_KEY] = on


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


def bind_presenter() -> str:
    """Seed the presenter-view toggle's widget key (a link's ``present=1`` on the first run, else the
    session's last choice); returns its session key."""
    ss = _ss()
    keep = ss.setdefault(_KEEP, {})
    if PRESENT_KEY in ss:
        keep[PRESENT_KEY] = bool(ss[PRESENT_KEY])
    else:
        ss[PRESENT_KEY] = bool(keep.get(PRESENT_KEY, False))
    return PRESENT_KEY


def presenter() -> bool:
    """True in the presenter view (the sidebar's toggle or a link's ``present=1``); False outside a run."""
    if not _in_streamlit():
        return False
    ss = _ss()
    return bool(ss.get(PRESENT_KEY, ss.get(_KEEP, {}).get(PRESENT_KEY, False)))


def set_presenter(on: bool) -> None:
    """Turn the presenter view on or off (a widget callback, before the toggle is drawn again)."""
    ss = _ss()
    ss[PRESENT_KEY] = ss.setdefault(_KEEP, {})[PRESENT_KEY] = bool(on)


def lesson_steps() -> tuple[str, ...]:
    """The session's lesson (preset ids in order): the notes' lesson unless a link or the editor set one."""
    from presets import lessons

    got = _ss().get(_LESSON) if _in_streamlit() else None
    return tuple(got["steps"]) if got else lessons.notes_steps()


def lesson_position() -> int | None:
    """The index of the lesson step being shown (None when no lesson is running)."""
    if not _in_streamlit():
        return None
    got = _ss().get(_LESSON)
    return got["pos"] if got else None


def set_lesson_steps(steps: Sequence[str]) -> None:
    """Replace the lesson (the editor's callbacks). A running lesson stays on the preset it shows when that
    preset is still in the lesson, else it stops."""
    old, pos = lesson_steps(), lesson_position()
    current = old[pos] if pos is not None and pos < len(old) else None
    steps = tuple(steps)
    _ss()[_LESSON] = {"steps": steps, "pos": steps.index(current) if current in steps else None}


def go_to_step(pos: int) -> None:
    """Show step ``pos`` (0-based, clamped) of the lesson: apply its preset and note its page, which
    :func:`take_lesson_page` hands to the shell (a callback cannot switch pages itself)."""
    import presets

    steps = lesson_steps()
    if not steps:
        return
    pos = min(max(int(pos), 0), len(steps) - 1)
    p = presets.get(steps[pos])
    apply_preset(p.page, p.id, p.values)
    _ss()[_LESSON] = {"steps": steps, "pos": pos}
    _ss()[_GO] = p.page


def step_lesson(delta: int) -> None:
    """Move ``delta`` steps through the lesson (a callback); from no step, forward starts at the first."""
    pos = lesson_position()
    go_to_step(0 if pos is None and delta > 0 else (pos or 0) + delta)


def end_lesson() -> None:
    """Stop the lesson (a callback): the page keeps its view, the lesson its steps."""
    _ss()[_LESSON] = {"steps": lesson_steps(), "pos": None}


def take_lesson_page() -> str | None:
    """The page a lesson step moved to in this run's callbacks (once; None if none)."""
    return _ss().pop(_GO, None)


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


def _client_values() -> dict[str, Any]:
    """Numbers and booleans the browser sent for widgets this session has not drawn yet, by key.

    A browser that reconnects to a restarted server (a new session) sends every widget's value with
    its first rerun, and the address bar's link with it. When the reconnecting rerun is a control
    change, the widget's value is the new one and the link still the old one; Streamlit holds the
    widget's value serialized (it cannot be read by key until the widget is drawn), so without this
    the link's value would be seeded over it and the change lost. Sliders (one value), number inputs
    and toggles are read here; choices travel as their shown labels (language-dependent), so those
    keep the link's value. Uses Streamlit's internal widget-state store: {} if that is not there.
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
        from streamlit.runtime.state.session_state import Serialized

        states = get_script_run_ctx().session_state._state._new_widget_state.states
    except Exception:  # pragma: no cover - another Streamlit version, or no script run
        return {}
    out: dict[str, Any] = {}
    for wid, w in list(states.items()):
        if not isinstance(w, Serialized) or wid.count("-") < 2:
            continue
        key = wid.split("-", 2)[2]  # "$$ID-<hash>-<user key>"
        proto = w.value
        kind = proto.WhichOneof("value")
        if kind == "double_array_value" and len(proto.double_array_value.data) == 1:
            out[key] = float(proto.double_array_value.data[0])
        elif kind in ("double_value", "int_value", "bool_value"):
            out[key] = getattr(proto, kind)
    return out


class PageState:
    """The controls of one page: widget keys, values, URL sync. See the module docstring."""

    def __init__(self, page: str):
        self.page = page
        self.schema: dict[str, Param] = {}
        self.changed = False  # set by finish(): a control differs from the preset the page started from
        self.banner_slot: Any = None  # where ui.widgets draws the preset banner (made by the page header)

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
        client = _client_values() if any(self.key(p.name) not in ss for p in params) else {}
        for p in params:
            self.schema[p.name] = p
            k = self.key(p.name)
            if k in ss:  # the widget's value
                value = ss[k]
            elif k in client:  # a browser reconnecting to a restarted server: its widget, moved since
                value = client[k]
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

    def preset(self) -> str | None:
        """The id of the preset this page's view started from (None if none)."""
        return self.flag("preset") or None

    def baseline(self, name: str) -> Any:
        """What control ``name`` shows when nobody changed it: the preset's value, else the default."""
        import presets

        p = self.schema[name]
        preset_id = self.preset()
        if preset_id and name in presets.get(preset_id).values:
            v, _ = coerce(p, presets.get(preset_id).values[name])
            if v is not None:
                return v
        return p.default

    def differences(self) -> dict[str, str]:
        """The controls whose value differs from :meth:`baseline`, as URL text (the short link's part)."""
        out = {}
        for name, p in self.schema.items():
            value = self.get(name)
            if p.kind == "text" and len(value) > MAX_TEXT:
                continue  # never carried by a link (see encoded)
            if encode(p, value) != encode(p, self.baseline(name)):
                out[name] = compact(p, value)
        return out

    def lesson_params(self) -> dict[str, str]:
        """The link's lesson part: the step of the lesson this view shows (and the lesson, unless it is
        the notes'), or else the preset it started from; {} for neither."""
        from presets import lessons

        preset_id = self.preset()
        if not preset_id:
            return {}
        steps, pos = lesson_steps(), lesson_position()
        if pos is not None and pos < len(steps) and steps[pos] == preset_id:
            out = {STEP_PARAM: str(pos + 1)}
            if steps != lessons.notes_steps():
                out[LESSON_PARAM] = lessons.encode_steps(steps)
            return out
        return {PRESET_PARAM: preset_id}

    def short_params(self) -> dict[str, str]:
        """The short link's parameters: the lesson part, the language unless English, and the controls
        that differ from the preset (or the defaults)."""
        lang = language()
        return {**self.lesson_params(), **({LANG_KEY: lang} if lang != "en" else {}), **self.differences()}

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
        # The address bar keeps every control (a reload or a copied address restores the view whatever
        # the defaults become), with the lesson part and the presenter view; the share link is short.
        short = self.short_params()
        self.changed = bool(self.preset()) and any(k in self.schema for k in short)
        self.set_flag("changed", self.changed)
        params = {**self.lesson_params(), **self.encoded(), **({PRESENT_KEY: "1"} if presenter() else {})}
        if {k: st.query_params.get(k) for k in st.query_params} != params:
            st.query_params.from_dict(params)
        ss[_LINK] = share_url(self.page, short, browser_address())
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


def browser_address() -> str:
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
    ps.set_flag("changed", False)
    _ss()[PRESET_KEY_PREFIX + page] = preset_id


def clear_widget(key: str) -> None:
    """Remove a widget's value (from a callback), so it shows its default next run."""
    _ss().pop(key, None)
