"""A small protocol-level Streamlit client: one browser tab without the browser.

Headless Chromium costs ~4 CPU-s per page view on this machine, too much to drive a class of 30
sessions on 2 cores. This client speaks Streamlit's own websocket protocol instead (written against
Streamlit 1.67's Starlette server): it connects to ``ws://HOST/_stcore/stream`` with the subprotocol
``streamlit``, sends protobuf ``BackMsg`` s (``rerun_script`` with a ``ClientState``) and reads
``ForwardMsg`` s until the script run ends. It keeps what the browser keeps between runs:

- the element tree, built from ``delta`` messages at their ``delta_path``; stale elements are
  removed when a run (or a fragment run) finishes, as the frontend's ``clearStaleNodes`` does;
- the widget states, as the frontend's ``WidgetStateManager`` does: a widget drawn for the first
  time takes the value its proto says (``default``, or the value when ``set_value`` is set); after
  that the client keeps sending the value it holds, even when the widget's options change, until the
  server sends a new value (``set_value``) or the widget disappears. Choice widgets (selectbox,
  radio, multiselect, select_slider) hold and send the *label* shown (what ``format_func``
  returned), not an index: after a language switch a browser keeps sending the old-language label,
  and so does this client;
- the page (``page_script_hash``, from the page list in ``new_session`` / ``navigation``) and the
  query string the server last wrote (``page_info_changed``).

Every change sends ``rerun_script`` with ALL current widget states, with the widget's
``fragment_id`` when it sits inside an ``st.fragment`` (the browser reruns only the fragment), and
returns a :class:`Run` record of what the server drew. The client never reports cached message
hashes, so the server sends every message in full (a ``ref_hash`` is still resolved from the
messages this client received, and an unknown one is an error).

Synchronous and single-threaded per :class:`Session`; run many sessions in threads. Example::

    with Session("http://127.0.0.1:8501") as s:
        run = s.open("race", "lr=0.01")
        run = s.set("race:steps", 200)          # a slider, by its key
        run = s.set("lang", "한국어")            # a radio, by the label shown
        assert not run.exceptions, run.exceptions
"""

from __future__ import annotations

import contextlib
import math
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Block_pb2 import Block
from streamlit.proto.Checkbox_pb2 import Checkbox
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import StringTriggerValue
from streamlit.proto.Element_pb2 import Element as ElementProto
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

__all__ = [
    "CHOICE_TYPES",
    "INPUT_TYPES",
    "Alert",
    "Element",
    "ProtocolError",
    "Run",
    "RunTimeout",
    "Session",
    "ShownException",
]

STATUS_NAMES = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "finished",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_finished",
}
# A request is answered once one of these arrives (an early finish is followed by another run).
_TERMINAL = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
# Runs after which the frontend removes what was not drawn again (not after an early finish).
_CLEANUP = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
_ALERT_KINDS = {1: "error", 2: "warning", 3: "info", 4: "success"}
CHOICE_TYPES = frozenset({"selectbox", "radio", "multiselect", "select_slider"})
BUTTON_TYPES = frozenset({"button", "form_submit_button", "download_button"})
# Elements that hold or send a widget state (set() changes the first group, click() the buttons).
# fmt: off
INPUT_TYPES = CHOICE_TYPES | {"slider", "checkbox", "toggle", "number_input", "text_input", "text_area",
                              "expander"}
WIDGET_TYPES = INPUT_TYPES | BUTTON_TYPES | {
    "audio_input", "button_group", "camera_input", "chat_input", "color_picker", "date_input",
    "date_time_input", "feedback", "file_uploader", "menu_button", "pagination", "time_input",
}
# fmt: on
_CACHE_SIZE = 512  # messages kept to resolve a ref_hash (the server sends none to this client)
_ARRAY_FIELDS = {"double_array_value", "int_array_value", "string_array_value"}
_UNSET: Any = object()


class ProtocolError(RuntimeError):
    """The server sent something this client cannot place (or closed the connection)."""


class RunTimeout(TimeoutError):
    """No script run ended within the time allowed."""


@dataclass(frozen=True)
class ShownException:
    """An ``st.exception`` element (what a user sees when a script raises)."""

    type: str
    message: str
    stack: tuple[str, ...]
    is_warning: bool = False

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"


@dataclass(frozen=True)
class Alert:
    """An ``st.error`` / ``st.warning`` / ``st.info`` / ``st.success`` box."""

    kind: str  # "error" | "warning" | "info" | "success"
    body: str


@dataclass(frozen=True)
class Element:
    """One element of the page as the browser shows it.

    ``type`` is the proto's element type with the widget variants Streamlit folds into one proto
    told apart: ``select_slider`` (a ``slider`` with options), ``toggle`` (a ``checkbox``),
    ``form_submit_button`` (a ``button``); a stateful ``st.expander`` (one with an id) is
    ``expander``. ``value`` is the widget's current value as the browser holds it: labels for choice
    widgets (a list for multiselect, a tuple for a range select-slider), numbers for sliders and
    number inputs, bools for toggles, checkboxes and expanders; None for elements without a value.
    """

    path: tuple[int, ...]  # delta path: (root container, index, index, ...); 0 main, 1 sidebar
    type: str
    id: str  # widget / element id ("" for elements without one)
    key: str | None  # the user key, when the id carries it
    label: str
    value: Any
    options: tuple[str, ...]
    fragment_id: str  # "" outside any st.fragment
    form_id: str  # "" outside any st.form
    script_hash: str  # the script that drew it (the router app.py or a page)
    proto: Message  # the element's own proto (e.g. a Slider), or the Block for an expander

    @property
    def is_widget(self) -> bool:
        """True for elements that hold or send a widget state."""
        return bool(self.id) and self.type in WIDGET_TYPES


@dataclass
class Run:
    """What one request made the server do, and the page the browser shows afterwards.

    ``elements``, ``texts``, ``exceptions`` and ``alerts`` describe the whole page after the run
    (a fragment run redraws only its fragment; the rest stays as it was). ``statuses`` lists every
    ``script_finished`` received, in order: more than one terminal-or-early status means the script
    reran by itself (``st.rerun()``, ``st.switch_page``, a page redirect).
    """

    elements: list[Element]
    texts: list[str]  # markdown, headings, captions, text and code bodies, in page order
    exceptions: list[ShownException]
    alerts: list[Alert]
    duration: float  # seconds from sending the request to the terminal script_finished
    page: str | None  # url path of the page the server ran ("" for the default page)
    page_script_hash: str
    query: str | None  # the query string the server wrote during this run (None: it wrote none)
    statuses: list[str] = field(default_factory=list)
    fragment_ids: tuple[str, ...] = ()  # non-empty when the (last) run was a fragment run
    script_runs: int = 0  # new_session messages seen: script runs this request caused
    drawn: list[tuple[int, ...]] = field(default_factory=list)  # delta paths (re)drawn, in order
    page_not_found: str | None = None
    compile_error: ShownException | None = None

    def element(self, key_or_label: str) -> Element:
        """The widget with this user key, else the one element with this label."""
        return _find(self.elements, key_or_label)

    def widgets(self) -> list[Element]:
        """The widgets of the page, in page order."""
        return [e for e in self.elements if e.is_widget]

    def of_type(self, *types: str) -> list[Element]:
        """The elements of the given types, in page order."""
        return [e for e in self.elements if e.type in types]


def _find(elements: Iterable[Element], key_or_label: str) -> Element:
    elements = list(elements)
    by_key = [e for e in elements if e.key == key_or_label]
    if len(by_key) == 1:
        return by_key[0]
    by_id = [e for e in elements if e.id and e.id == key_or_label]
    if by_id:
        return by_id[0]
    by_label = [e for e in elements if e.is_widget and e.label == key_or_label]
    if len(by_label) == 1:
        return by_label[0]
    if len(by_key) > 1 or len(by_label) > 1:
        raise LookupError(f"{key_or_label!r} names {len(by_key) or len(by_label)} widgets; use the widget id")
    keys = ", ".join(sorted(e.key for e in elements if e.key))
    raise LookupError(f"No widget with key or label {key_or_label!r}; keys on the page: {keys}")


def user_key(element_id: str) -> str | None:
    """The user key carried by a Streamlit element id (``$$ID-<hash>-<key>``), else None."""
    if not element_id.startswith("$$ID-"):
        return None
    key = element_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


# ------------------------------------------------------------------------------------------------
# The element tree (mirrors the frontend's AppNode: blocks hold children, leaves hold elements)


@dataclass
class _Node:
    kind: str  # "block" or "element"
    proto: Message  # Block or Element
    run_id: str
    fragment_id: str
    script_hash: str
    children: list[_Node | None] = field(default_factory=list)

    def set_in(self, path: Sequence[int], node: _Node, run_id: str) -> None:
        """Put ``node`` at ``path`` below this block; every block on the way becomes current."""
        self.run_id = run_id
        i = path[0]
        if not 0 <= i <= len(self.children):
            raise ProtocolError(f"delta path index {i} outside a block of {len(self.children)} children")
        if len(path) == 1:
            if i == len(self.children):
                self.children.append(node)
            else:
                self.children[i] = node
            return
        child = self.children[i] if i < len(self.children) else None
        if child is None or child.kind != "block":
            raise ProtocolError(f"delta path goes through a missing block at index {i}")
        child.set_in(path[1:], node, run_id)

    def get(self, path: Sequence[int]) -> _Node | None:
        node: _Node | None = self
        for i in path:
            if node is None or node.kind != "block" or i >= len(node.children):
                return None
            node = node.children[i]
        return node

    def clear_stale(self, run_id: str, fragment_ids: Sequence[str], in_fragment: str = "") -> _Node | None:
        """The frontend's clearStaleNodes: drop what the finished run did not draw again."""
        if self.kind == "element":
            if fragment_ids and (not self.fragment_id or not in_fragment or self.run_id == run_id):
                return self
            return self if self.run_id == run_id else None
        if not fragment_ids:
            if self.run_id != run_id:
                return None
        else:
            if in_fragment and self.run_id != run_id:
                return None
            if self.fragment_id and self.fragment_id in fragment_ids and self.run_id == run_id:
                in_fragment = self.fragment_id
        kept = [c.clear_stale(run_id, fragment_ids, in_fragment) for c in self.children if c is not None]
        self.children = [c for c in kept if c is not None]
        self.run_id = run_id
        return self

    def keep_script(self, script_hash: str) -> _Node | None:
        """Only what ``script_hash`` drew (the frontend keeps the router's elements on a page change)."""
        if self.script_hash != script_hash:
            return None
        if self.kind == "block":
            kept = [c.keep_script(script_hash) for c in self.children if c is not None]
            self.children = [c for c in kept if c is not None]
        return self

    def walk(self, path: tuple[int, ...] = ()) -> Iterable[tuple[tuple[int, ...], _Node]]:
        yield path, self
        for i, c in enumerate(self.children):
            if c is not None:
                yield from c.walk((*path, i))


def _element_type(el: ElementProto) -> str:
    kind = el.WhichOneof("type") or ""
    if kind == "slider" and el.slider.type == Slider.SELECT_SLIDER:
        return "select_slider"
    if kind == "checkbox" and el.checkbox.type == Checkbox.TOGGLE:
        return "toggle"
    if kind == "button" and el.button.is_form_submitter:
        return "form_submit_button"
    return kind


def _initial_state(etype: str, p: Message, wid: str) -> WidgetState | None:
    """The state a freshly mounted widget holds: the value the server set, else its default."""
    ws = WidgetState(id=wid)
    set_value = bool(getattr(p, "set_value", False))
    if etype in ("selectbox", "radio"):
        if set_value:
            if not p.HasField("raw_value"):
                return None  # set to no selection
            ws.string_value = p.raw_value
        elif p.HasField("default") and 0 <= p.default < len(p.options):
            ws.string_value = p.options[p.default]
        else:
            return None
    elif etype == "multiselect":
        labels = list(p.raw_values) if set_value else [p.options[int(i)] for i in p.default]
        ws.string_array_value.data[:] = labels
    elif etype == "select_slider":
        labels = list(p.raw_value) if set_value else [p.options[int(i)] for i in p.default]
        ws.string_array_value.data[:] = labels
    elif etype == "slider":
        ws.double_array_value.data[:] = list(p.value if set_value else p.default)
    elif etype in ("checkbox", "toggle"):
        ws.bool_value = p.value if set_value else p.default
    elif etype == "number_input":
        if set_value:
            if not p.HasField("value"):
                return None
            ws.double_value = p.value
        elif p.HasField("default"):
            ws.double_value = p.default
        else:
            return None
    elif etype in ("text_input", "text_area"):
        ws.string_value = p.value if set_value else p.default
    elif etype == "expander":
        ws.bool_value = p.expandable.expanded
    else:
        return None
    return ws


def _state_value(etype: str, p: Message, ws: WidgetState | None) -> Any:
    """A widget state as the Python value the browser displays (labels for choice widgets)."""
    if ws is None:
        return [] if etype == "multiselect" else (False if etype in BUTTON_TYPES else None)
    which = ws.WhichOneof("value")
    if which is None:
        return None
    if which == "string_array_value":
        labels = list(ws.string_array_value.data)
        if etype == "select_slider":
            return labels[0] if len(labels) == 1 else tuple(labels)
        return labels
    if which == "double_array_value":
        xs = [int(x) if p.data_type == Slider.INT else x for x in ws.double_array_value.data]
        return xs[0] if len(xs) == 1 else tuple(xs)
    if which == "double_value" and etype == "number_input" and p.data_type == NumberInput.INT:
        return int(ws.double_value)
    if which == "string_trigger_value":
        return ws.string_trigger_value.data
    return getattr(ws, which)


# ------------------------------------------------------------------------------------------------


class Session:
    """One browser tab: a websocket session with Streamlit's server.

    Args:
        base_url: the app's address, e.g. ``"http://127.0.0.1:8501"`` (http or ws scheme).
        timeout: default seconds a request may take until its script run ends.
        formatter: optional ``formatter(element, value) -> label | None`` that turns an app value
            into the label a choice widget shows (what the app's ``format_func`` returns); when it
            returns None the client matches ``value`` against the labels itself.
        connect_timeout: seconds allowed for the websocket handshake.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 120.0,
        formatter: Callable[[Element, Any], str | None] | None = None,
        connect_timeout: float = 30.0,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
        self.base_url = f"{'https' if scheme == 'wss' else 'http'}://{parts.netloc}{parts.path.rstrip('/')}"
        self.timeout = timeout
        self.formatter = formatter
        uri = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        # max_size=None: a Race page's live-chart payloads are several hundred kB per message.
        # legacy=False + a context manager: websockets 17.1 deprecates holding a bare connect().
        self._exit = contextlib.ExitStack()
        self._ws: ClientConnection = self._exit.enter_context(
            connect(
                uri,
                subprotocols=[Subprotocol("streamlit")],
                max_size=None,
                open_timeout=connect_timeout,
                legacy=False,
            )
        )
        self._states: dict[str, WidgetState] = {}  # committed widget states (the frontend's)
        self._pending: dict[str, dict[str, WidgetState]] = {}  # form id -> staged states
        self._roots: dict[int, _Node] = {}
        self._run_id = ""
        self._fragment_ids: tuple[str, ...] = ()
        self._page_hash = ""
        self._main_hash = ""
        self._pages: dict[str, str] = {}  # url path -> page_script_hash
        self._query = ""
        self._url_path = ""
        self._cache: dict[str, ForwardMsg] = {}  # hash -> message, to resolve a ref_hash
        self._opened = False
        self.session_id = ""
        self.script_running = False

    # -- context manager / lifetime

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the websocket (the server then ends the session)."""
        self._exit.close()

    # -- what the browser shows

    @property
    def query(self) -> str:
        """The query string in the address bar (what the server last wrote)."""
        return self._query

    @property
    def page(self) -> str | None:
        """Url path of the page shown ("" for the default page); None before the first run."""
        return self._page_path(self._page_hash)

    @property
    def pages(self) -> dict[str, str]:
        """The app's pages: url path -> page_script_hash."""
        return dict(self._pages)

    @property
    def elements(self) -> list[Element]:
        """The page as the browser shows it now."""
        return self._elements()

    def widget(self, key_or_label: str) -> Element:
        """The widget with this user key (or label, or id)."""
        return _find(self._elements(), key_or_label)

    # -- requests

    def open(self, page_url_path: str = "", query: str = "", *, timeout: float | None = None) -> Run:
        """Load a page by URL, as a browser does for ``/<page_url_path>?<query>``.

        Args:
            page_url_path: the page's url path ("" for the default page), e.g. ``"race"``.
            query: the query string without ``?`` (a share link's parameters).
            timeout: seconds allowed (default: the session's).

        Returns:
            The run record.
        """
        if self._opened:
            raise RuntimeError("open() loads the first page of a session; use switch_page() afterwards")
        self._opened = True
        self._query = query.lstrip("?")
        self._url_path = page_url_path.strip("/")
        # A browser on a deep link does not know the pages yet: it names the page by its url path.
        cs = ClientState(query_string=self._query, page_name=self._url_path, page_script_hash="")
        return self._request(cs, timeout)

    def rerun(self, *, fragment_id: str = "", timeout: float | None = None) -> Run:
        """Rerun the current page (the browser's "Rerun"), or only one of its fragments.

        Args:
            fragment_id: rerun only this ``st.fragment`` (as a widget inside it does); "" for the page.
                The server silently ignores a fragment that the last full run did not draw, and the
                request then ends in :class:`RunTimeout`.
            timeout: seconds allowed (default: the session's).

        Returns:
            The run record.
        """
        return self._request(self._client_state(fragment_id=fragment_id), timeout)

    def set(
        self,
        key_or_label: str,
        value: Any = _UNSET,
        *,
        index: int | Sequence[int] | None = None,
        submit: bool = True,
        timeout: float | None = None,
    ) -> Run | None:
        """Change one widget as a user does, and rerun.

        Args:
            key_or_label: the widget's user key (e.g. ``"race:steps"``), id, or label.
            value: the new value as the app sees it: a number for sliders and number inputs, a bool
                for toggles and checkboxes, text for text inputs. For choice widgets: the label
                shown, or a value that ``formatter`` formats, or a value whose ``str()`` (or, for
                numeric labels, whose number) matches a label; a list of those for a multiselect.
            index: for choice widgets, pick the option(s) by position instead of ``value``.
            submit: for a widget in a form: also press the form's first submit button (as a user
                does after filling it in); False only stages the change.
            timeout: seconds allowed (default: the session's).

        Returns:
            The run record; None when nothing reran (a staged form change, or a widget made with
            ``on_change="ignore"``).
        """
        el = self.widget(key_or_label)
        ws = self._encode(el, value, index)
        if el.form_id:
            self._pending.setdefault(el.form_id, {})[el.id] = ws
            if not submit:
                return None
            return self._submit_form(el.form_id, None, timeout)
        self._states[el.id] = ws
        if getattr(el.proto, "ignore_rerun", False):
            return None
        return self._request(self._client_state(fragment_id=el.fragment_id), timeout)

    def click(self, key_or_label: str, *, timeout: float | None = None) -> Run:
        """Press a button (a trigger: true in this request only) and rerun.

        A form's submit button first commits the form's staged changes, as the browser does.
        """
        el = self.widget(key_or_label)
        if el.type not in BUTTON_TYPES:
            raise TypeError(f"{key_or_label!r} is a {el.type}, not a button")
        if el.type == "download_button" and el.proto.ignore_rerun:
            raise ValueError(f"{key_or_label!r} downloads without rerunning the script (on_click='ignore')")
        if el.type == "form_submit_button":
            return self._submit_form(el.form_id, el, timeout)
        trigger = WidgetState(id=el.id, trigger_value=True)
        return self._request(self._client_state(fragment_id=el.fragment_id, extra=[trigger]), timeout)

    def switch_page(self, url_path: str, *, timeout: float | None = None) -> Run:
        """Go to another page through the navigation (a sidebar link), as the browser does.

        The browser drops the query string and sends only the states of the widgets the router
        script drew (the page's own widgets are gone with the page).
        """
        url_path = url_path.strip("/")
        if url_path not in self._pages:
            raise LookupError(f"No page {url_path!r}; pages: {', '.join(repr(p) for p in self._pages)}")
        target = self._pages[url_path]
        keep = {e.id for e in self._elements() if e.is_widget and e.script_hash == self._main_hash}
        states = [ws for wid, ws in self._states.items() if wid in keep]
        self._query = ""
        self._url_path = url_path
        cs = ClientState(query_string="", page_script_hash=target)
        cs.widget_states.widgets.extend(states)
        self._add_context(cs)
        return self._request(cs, timeout)

    def set_raw(
        self, key_or_id: str, *, rerun: bool = True, timeout: float | None = None, **state: Any
    ) -> Run | None:
        """Give a widget an arbitrary wire value, e.g. a label the server no longer offers.

        Args:
            key_or_id: the widget's user key, id or label; an id not on the page is accepted as is.
            rerun: send it now (with every other state), as a change of that widget; False only
                stores it, to go out with the next request.
            timeout: seconds allowed (default: the session's).
            **state: exactly one ``WidgetState`` field, e.g. ``string_value="(choose a preset)"``,
                ``double_array_value=[0.1]``, ``string_array_value=["a"]``, ``trigger_value=True``.

        Returns:
            The run record, or None when ``rerun`` is False.
        """
        if len(state) != 1:
            raise TypeError("set_raw takes exactly one WidgetState field, e.g. string_value='...'")
        ((name, value),) = state.items()
        try:
            el: Element | None = self.widget(key_or_id)
        except LookupError:
            if not key_or_id.startswith("$$ID-"):
                raise
            el = None
        wid = el.id if el is not None else key_or_id
        ws = WidgetState(id=wid)
        if name in _ARRAY_FIELDS:
            getattr(ws, name).data[:] = list(value)
        elif name == "string_trigger_value":
            ws.string_trigger_value.CopyFrom(StringTriggerValue(data=value))
        else:
            setattr(ws, name, value)
        if name.endswith("trigger_value"):
            # A trigger is never kept by the browser: it goes out with one request only.
            cs = self._client_state(fragment_id=el.fragment_id if el else "", extra=[ws])
            return self._request(cs, timeout) if rerun else None
        self._states[wid] = ws
        if not rerun:
            return None
        return self._request(self._client_state(fragment_id=el.fragment_id if el else ""), timeout)

    # -- internals: encoding a user's change

    def _label(self, el: Element, value: Any) -> str:
        """The label ``el`` shows for the app value ``value``."""
        if self.formatter is not None:
            label = self.formatter(el, value)
            if label is not None:
                if label not in el.options:
                    raise ValueError(f"formatter gave {label!r}, not a label of {el.key or el.label!r}")
                return label
        if isinstance(value, str) and value in el.options:
            return value
        if str(value) in el.options:
            return str(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            for opt in el.options:
                try:
                    if math.isclose(float(opt), float(value), rel_tol=1e-9, abs_tol=0.0):
                        return opt
                except ValueError:
                    continue
        shown = ", ".join(repr(o) for o in el.options[:12]) + (" ..." if len(el.options) > 12 else "")
        raise ValueError(f"{value!r} is not an option of {el.key or el.label!r}; labels shown: {shown}")

    def _encode(self, el: Element, value: Any, index: int | Sequence[int] | None) -> WidgetState:
        if (value is _UNSET) == (index is None):
            raise TypeError("give either a value or index=")
        if index is not None and el.type not in CHOICE_TYPES:
            raise TypeError(f"index= is for choice widgets; {el.key or el.label!r} is a {el.type}")
        ws = WidgetState(id=el.id)
        t, p = el.type, el.proto
        if t in ("selectbox", "radio"):
            ws.string_value = el.options[index] if index is not None else self._label(el, value)
        elif t in ("multiselect", "select_slider"):
            if index is not None:
                labels = [el.options[i] for i in ([index] if isinstance(index, int) else index)]
            elif t == "select_slider" and not isinstance(value, list | tuple):
                labels = [self._label(el, value)]
            else:
                labels = [self._label(el, v) for v in value]
            ws.string_array_value.data[:] = labels
        elif t == "slider":
            xs = [float(v) for v in (value if isinstance(value, list | tuple) else [value])]
            for x in xs:
                if not p.min <= x <= p.max:
                    raise ValueError(f"{x} is outside {el.key or el.label!r}'s range [{p.min}, {p.max}]")
            ws.double_array_value.data[:] = xs
        elif t in ("checkbox", "toggle", "expander"):
            ws.bool_value = bool(value)
        elif t == "number_input":
            x = float(value)
            if (p.has_min and x < p.min) or (p.has_max and x > p.max):
                raise ValueError(f"{x} is outside {el.key or el.label!r}'s range [{p.min}, {p.max}]")
            ws.double_value = x
        elif t in ("text_input", "text_area"):
            ws.string_value = str(value)
        else:
            raise TypeError(f"{el.key or el.label!r} is a {t}: set() changes inputs, click() buttons")
        return ws

    def _submit_form(self, form_id: str, button: Element | None, timeout: float | None) -> Run:
        """The frontend's submitForm: commit the staged states, trigger the (first) submit button."""
        if button is None:
            buttons = [e for e in self._elements() if e.type == "form_submit_button" and e.form_id == form_id]
            if not buttons:
                raise LookupError(f"form {form_id!r} has no submit button on the page")
            button = buttons[0]
        self._states.update(self._pending.pop(form_id, {}))
        trigger = WidgetState(id=button.id, trigger_value=True)
        return self._request(self._client_state(fragment_id=button.fragment_id, extra=[trigger]), timeout)

    def _client_state(self, fragment_id: str = "", extra: Sequence[WidgetState] = ()) -> ClientState:
        """A rerun of the current page with every widget state the browser holds."""
        cs = ClientState(query_string=self._query, page_script_hash=self._page_hash, fragment_id=fragment_id)
        extra_ids = {w.id for w in extra}
        cs.widget_states.widgets.extend(w for wid, w in self._states.items() if wid not in extra_ids)
        cs.widget_states.widgets.extend(extra)
        self._add_context(cs)
        return cs

    def _add_context(self, cs: ClientState) -> None:
        """What the browser tells about itself; the app reads the URL for its share link."""
        url = f"{self.base_url}/{self._url_path}" + (f"?{self._query}" if self._query else "")
        info = cs.context_info
        info.url = url
        info.timezone = "UTC"
        info.timezone_offset = 0
        info.locale = "en-US"
        info.is_embedded = False
        info.color_scheme = "light"

    # -- internals: talking to the server

    def _request(self, cs: ClientState, timeout: float | None) -> Run:
        self._drain()
        mark = _Mark()
        msg = BackMsg()
        msg.rerun_script.CopyFrom(cs)
        t0 = time.perf_counter()
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        try:
            self._ws.send(msg.SerializeToString())
        except ConnectionClosed as e:
            raise ProtocolError(f"connection closed: {e}") from e
        finished_at = None
        while True:
            left = deadline - time.monotonic()
            if finished_at is not None:
                # The terminal script_finished is followed at once by session_status_changed
                # (not running); wait for it briefly so that no run of this request is left unread.
                left = min(left, 2.0)
            if left <= 0:
                if finished_at is not None:
                    break
                raise RunTimeout(
                    f"no script run ended within {self.timeout if timeout is None else timeout:g} s "
                    f"(statuses so far: {mark.statuses or 'none'}; a fragment that a full run removed "
                    "is never rerun)"
                )
            try:
                data = self._ws.recv(timeout=left)
            except TimeoutError:
                if finished_at is not None:
                    break
                continue
            except ConnectionClosed as e:
                raise ProtocolError(f"connection closed by the server: {e}") from e
            fm = ForwardMsg()
            fm.ParseFromString(data)
            self._apply(fm, mark)
            kind = fm.WhichOneof("type")
            if kind == "script_finished" and fm.script_finished in _TERMINAL:
                finished_at = time.perf_counter()
            elif kind == "new_session" and finished_at is not None:
                finished_at = None  # the script started again by itself: wait for that run too
            elif kind == "session_status_changed" and finished_at is not None:
                if not fm.session_status_changed.script_is_running:
                    break
        return self._record(mark, (finished_at or time.perf_counter()) - t0)

    def _drain(self) -> None:
        """Apply whatever the server sent since the last request (normally nothing)."""
        while True:
            try:
                data = self._ws.recv(timeout=0)
            except TimeoutError:
                return
            except ConnectionClosed as e:
                raise ProtocolError(f"connection closed by the server: {e}") from e
            fm = ForwardMsg()
            fm.ParseFromString(data)
            self._apply(fm, _Mark())

    def _apply(self, fm: ForwardMsg, mark: _Mark) -> None:
        """Update the tree, widget states, page and query from one ForwardMsg."""
        if fm.HasField("ref_hash"):
            cached = self._cache.get(fm.ref_hash)
            if cached is None:
                raise ProtocolError(f"ref_hash {fm.ref_hash} of a message this client never received")
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(fm.metadata)
            fm = full
        elif fm.hash and fm.metadata.cacheable:
            self._cache[fm.hash] = fm
            if len(self._cache) > _CACHE_SIZE:
                del self._cache[next(iter(self._cache))]  # the oldest
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            self._on_new_session(fm)
            mark.script_runs += 1
        elif kind == "navigation":
            self._set_pages(fm.navigation.app_pages)
            if fm.navigation.page_script_hash:
                self._show_page(fm.navigation.page_script_hash)
        elif kind == "delta":
            self._on_delta(fm)
            mark.drawn.append(tuple(fm.metadata.delta_path))
        elif kind == "page_info_changed":
            self._query = fm.page_info_changed.query_string
            mark.query = self._query
        elif kind == "page_not_found":
            # Streamlit 1.67 leaves page_name empty; the page asked for is the one not found.
            mark.page_not_found = fm.page_not_found.page_name or self._url_path
        elif kind == "session_status_changed":
            self.script_running = fm.session_status_changed.script_is_running
        elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
            e = fm.session_event.script_compilation_exception
            mark.compile_error = ShownException(e.type, e.message, tuple(e.stack_trace), e.is_warning)
        elif kind == "script_finished":
            mark.statuses.append(STATUS_NAMES.get(fm.script_finished, str(fm.script_finished)))
            if fm.script_finished in _CLEANUP:
                self._finish_run()

    def _on_new_session(self, fm: ForwardMsg) -> None:
        ns = fm.new_session
        if ns.initialize.session_id:
            self.session_id = ns.initialize.session_id
        self._run_id = fm.metadata.run.script_run_id
        self._fragment_ids = tuple(fm.metadata.run.fragment_ids)
        self._main_hash = ns.main_script_hash or self._main_hash
        if not self._pages:
            self._set_pages(ns.app_pages)
        # new_session names the page that was asked for (the router script when the browser named
        # the page by its url path); with st.navigation, the navigation message then names the page
        # that runs. The frontend compares with the page it shows, as here.
        if not self._fragment_ids and ns.page_script_hash != self._page_hash:
            if self._page_hash:
                # Another page: the frontend keeps only the router script's elements (and their states).
                for root in self._roots.values():
                    kept = [c.keep_script(self._main_hash) for c in root.children if c is not None]
                    root.children = [c for c in kept if c is not None]
                self._remove_inactive()
            self._show_page(ns.page_script_hash)

    def _show_page(self, page_hash: str) -> None:
        self._page_hash = page_hash
        path = self._page_path(page_hash)
        if path is not None:
            self._url_path = path

    def _set_pages(self, pages: Iterable[Any]) -> None:
        found = {p.url_pathname: p.page_script_hash for p in pages}
        if found:
            self._pages = found

    def _page_path(self, page_hash: str) -> str | None:
        for path, h in self._pages.items():
            if h == page_hash:
                return path
        return None

    def _on_delta(self, fm: ForwardMsg) -> None:
        d = fm.delta
        path = list(fm.metadata.delta_path)
        if not path:
            raise ProtocolError("delta without a delta_path")
        kind = d.WhichOneof("type")
        if kind == "new_transient":
            return  # toasts and spinners: nothing the page keeps
        script = fm.metadata.active_script_hash
        root = self._roots.get(path[0])
        if root is None:
            root = self._roots[path[0]] = _Node("block", Block(), self._run_id, "", script)
        if kind == "add_block":
            old = root.get(path[1:]) if len(path) > 1 else None
            node = _Node("block", d.add_block, self._run_id, d.fragment_id, script)
            # A block that replaces one of the same kind keeps its children (and their state).
            same = old is not None and old.kind == "block"
            if same and old.proto.WhichOneof("type") == d.add_block.WhichOneof("type"):
                node.children = old.children
        elif kind == "new_element":
            node = _Node("element", d.new_element, self._run_id, d.fragment_id, script)
        else:
            return
        if len(path) == 1:
            raise ProtocolError(f"delta replaces a root container: {path}")
        root.set_in(path[1:], node, self._run_id)
        self._mount(node)

    def _mount(self, node: _Node) -> None:
        """A widget drawn: keep the value the browser holds, unless the server set a new one."""
        if node.kind == "block":
            blk = node.proto
            if blk.WhichOneof("type") == "expandable" and blk.expandable.id:
                wid = blk.expandable.id
                if wid not in self._states:
                    state = _initial_state("expander", blk, wid)
                    if state is not None:
                        self._states[wid] = state
            return
        el = node.proto
        etype = _element_type(el)
        p = getattr(el, el.WhichOneof("type"))
        wid = getattr(p, "id", "")
        if not wid or etype in BUTTON_TYPES:
            return
        state = _initial_state(etype, p, wid)
        if getattr(p, "set_value", False):
            for pending in self._pending.values():
                pending.pop(wid, None)
            if state is None:
                self._states.pop(wid, None)
            else:
                self._states[wid] = state
        elif wid not in self._states and state is not None:
            self._states[wid] = state

    def _finish_run(self) -> None:
        for r, root in list(self._roots.items()):
            self._roots[r] = root.clear_stale(self._run_id, self._fragment_ids) or _Node(
                "block", Block(), self._run_id, "", ""
            )
        self._remove_inactive()

    def _remove_inactive(self) -> None:
        active = {e.id for e in self._elements() if e.id}
        for wid in [w for w in self._states if w not in active]:
            del self._states[wid]
        for pending in self._pending.values():
            for wid in [w for w in pending if w not in active]:
                del pending[wid]

    def _elements(self) -> list[Element]:
        out: list[Element] = []
        for r in sorted(self._roots):
            for path, node in self._roots[r].walk((r,)):
                el = self._element(path, node)
                if el is not None:
                    out.append(el)
        return out

    def _element(self, path: tuple[int, ...], node: _Node) -> Element | None:
        if node.kind == "block":
            blk = node.proto
            if blk.WhichOneof("type") != "expandable" or not blk.expandable.id:
                return None
            wid = blk.expandable.id
            ws = self._states.get(wid)
            return Element(
                path,
                "expander",
                wid,
                user_key(wid),
                blk.expandable.label,
                ws.bool_value if ws is not None else blk.expandable.expanded,
                (),
                node.fragment_id,
                "",
                node.script_hash,
                blk,
            )
        el = node.proto
        kind = el.WhichOneof("type")
        if kind is None:
            return None
        etype = _element_type(el)
        p = getattr(el, kind)
        wid = getattr(p, "id", "") if hasattr(p, "id") else ""
        form_id = getattr(p, "form_id", "") if hasattr(p, "form_id") else ""
        ws = None
        if wid:
            ws = self._pending.get(form_id, {}).get(wid) or self._states.get(wid)
        options = tuple(p.options) if etype in CHOICE_TYPES else ()
        label = getattr(p, "label", "") if hasattr(p, "label") else ""
        value = _state_value(etype, p, ws) if wid else None
        return Element(
            path,
            etype,
            wid,
            user_key(wid) if wid else None,
            label,
            value,
            options,
            node.fragment_id,
            form_id,
            node.script_hash,
            p,
        )

    def _record(self, mark: _Mark, duration: float) -> Run:
        elements = self._elements()
        texts: list[str] = []
        exceptions: list[ShownException] = []
        alerts: list[Alert] = []
        for e in elements:
            p = e.proto
            if e.type in ("markdown", "heading", "text"):
                texts.append(p.body)
            elif e.type == "code":
                texts.append(p.code_text)
            elif e.type == "exception":
                exceptions.append(ShownException(p.type, p.message, tuple(p.stack_trace), p.is_warning))
            elif e.type == "alert":
                alerts.append(Alert(_ALERT_KINDS.get(p.format, "alert"), p.body))
        if mark.compile_error is not None:
            exceptions.append(mark.compile_error)
        return Run(
            elements=elements,
            texts=texts,
            exceptions=exceptions,
            alerts=alerts,
            duration=duration,
            page=self._page_path(self._page_hash),
            page_script_hash=self._page_hash,
            query=mark.query,
            statuses=mark.statuses,
            fragment_ids=self._fragment_ids,
            script_runs=mark.script_runs,
            drawn=mark.drawn,
            page_not_found=mark.page_not_found,
            compile_error=mark.compile_error,
        )


@dataclass
class _Mark:
    """What happened during one request."""

    statuses: list[str] = field(default_factory=list)
    script_runs: int = 0
    drawn: list[tuple[int, ...]] = field(default_factory=list)
    query: str | None = None
    page_not_found: str | None = None
    compile_error: ShownException | None = None
