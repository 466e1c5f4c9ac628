"""Share links as text: a page's controls declared as :class:`Param` records, and the pure functions
between their values and URL parameters (no Streamlit here; tested on their own).

:func:`coerce` reads one value from a link or a preset (clamped, rounded to a slider's grid or dropped,
with a :class:`Notice` saying so), :func:`parse` reads a page's parameters from a query,
:func:`encode` writes a value back, :func:`query_string` joins them and :func:`share_url` makes a
link of them. The session layer that uses them (widget keys, the address bar, presets) is
:mod:`ui.state`.
"""

from __future__ import annotations

import math
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from landscapes.expression import MAX_LENGTH

__all__ = [
    "KINDS",
    "MAX_TEXT",
    "Notice",
    "Param",
    "coerce",
    "compact",
    "encode",
    "parse",
    "query_string",
    "share_url",
    "snap",
    "valid_text",
]

KINDS = ("float", "int", "bool", "choice", "multi", "text")
MAX_TEXT = MAX_LENGTH  # longest text accepted from a URL: the formula parser's own limit (one constant)


class Param(NamedTuple):
    """One control of a page: its URL name, type, default and valid values.

    ``grid`` (for log-scale floats) lists the values a select-slider offers; URL and preset values
    snap to the nearest one.
    """

    name: str
    kind: str  # one of KINDS
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    grid: tuple[float, ...] = ()


class Notice(NamedTuple):
    """A problem with a shared link's parameter, for a visible message.

    "too_many": Streamlit ignored the whole link (see :func:`ui.state.report_dropped_link`); then
    ``raw`` holds the link's number of parameters and ``valid`` the limit.
    """

    what: str  # "clamped" | "dropped" | "unknown" | "rounded" | "too_many"
    name: str  # the URL parameter
    raw: str  # the value as given
    value: str = ""  # what was used instead ("" when dropped)
    valid: str = ""  # the valid range or choices, for the message


def valid_text(p: Param) -> str:
    """Human-readable valid values of ``p`` (for messages)."""
    if p.kind in ("choice", "multi"):
        return ", ".join(str(c) for c in p.choices)
    if p.kind in ("float", "int"):
        return f"[{_fmt(p.low)}, {_fmt(p.high)}]"
    if p.kind == "bool":
        return "0, 1"
    return f"text up to {MAX_TEXT} characters"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def snap(value: float, grid: Sequence[float]) -> float:
    """The grid value nearest ``value`` on a log scale (linear for non-positive values)."""
    if value > 0 and all(g > 0 for g in grid):
        return min(grid, key=lambda g: abs(math.log(g) - math.log(value)))
    return min(grid, key=lambda g: abs(g - value))


def coerce(p: Param, raw: Any) -> tuple[Any, Notice | None]:
    """Turn ``raw`` (a URL string or a Python value) into a valid value of ``p``.

    Args:
        p: the parameter.
        raw: the value to read.

    Returns:
        ``(value, notice)``: value is None when it cannot be used (then notice says "dropped");
        a clamped/rounded value comes with a notice; a clean value with None.
    """
    text = raw if isinstance(raw, str) else _fmt(raw)
    shown = text if len(text) <= 60 else text[:57] + "..."
    dropped = Notice("dropped", p.name, shown, "", valid_text(p))
    if p.kind == "text":
        value = str(raw)
        if len(value) > MAX_TEXT:
            return None, dropped
        return value, None
    if p.kind == "bool":
        if isinstance(raw, bool):
            return raw, None
        low = text.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True, None
        if low in ("0", "false", "no", "off"):
            return False, None
        return None, dropped
    if p.kind == "choice":
        return (raw, None) if raw in p.choices else (None, dropped)
    if p.kind == "multi":
        items = raw.split(",") if isinstance(raw, str) else list(raw)
        items = [i for i in (str(x).strip() for x in items) if i]
        good = [i for i in items if i in p.choices]
        bad = [i for i in items if i not in p.choices]
        value = tuple(c for c in p.choices if c in good)  # canonical order, no duplicates
        if bad:
            return value, Notice("clamped", p.name, shown, ",".join(value), valid_text(p))
        return value, None
    # numbers
    try:
        x = float(text) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        return None, dropped
    if not math.isfinite(x):
        return None, dropped
    if p.kind == "int":
        if x != int(x):
            xi = int(round(x))
            v = int(min(max(xi, p.low), p.high))
            return v, Notice("rounded", p.name, shown, str(v), valid_text(p))
        x = int(x)
    clamped = min(max(x, p.low), p.high)
    if p.kind == "int":
        clamped = int(clamped)
    if clamped != x:
        if p.grid:
            clamped = snap(clamped, p.grid)
        return clamped, Notice("clamped", p.name, shown, _fmt(clamped), valid_text(p))
    if p.grid:
        g = snap(x, p.grid)
        if abs(g - x) > 1e-9 * max(abs(x), 1e-30) and abs(g - x) > 0.005 * abs(x):
            return g, Notice("rounded", p.name, shown, _fmt(g), valid_text(p))
        return g, None
    return (int(x) if p.kind == "int" else float(x)), None


def encode(p: Param, value: Any) -> str:
    """The URL form of a valid value of ``p`` (inverse of :func:`coerce` for clean values)."""
    if p.kind == "bool":
        return "1" if value else "0"
    if p.kind == "multi":
        return ",".join(value)
    if p.kind == "float":
        return repr(float(value))
    return str(value)


def compact(p: Param, value: Any) -> str:
    """The shortest URL text that :func:`coerce` reads back as exactly ``value`` (short links).

    Floats take the shorter of Python's round-trip ``repr`` and an exponent form without its padding
    ("1e-3" for 0.001, "2e-5" for 2e-05, "5" for 5.0); everything else is :func:`encode`'s text.
    """
    if p.kind != "float":
        return encode(p, value)
    x = float(value)
    best = repr(x)
    if best.endswith(".0"):
        best = best[:-2]
    for digits in range(1, 18):
        text = f"{x:.{digits}e}"
        if float(text) == x:
            m, e = text.split("e")
            m = m.rstrip("0").rstrip(".") if "." in m else m
            short = f"{m}e{int(e)}"
            if len(short) < len(best):
                best = short
            break
    return best


def parse(schema: Iterable[Param], query: Mapping[str, str]) -> tuple[dict[str, Any], list[Notice]]:
    """Read the parameters of ``schema`` from ``query``.

    Args:
        schema: the parameters to look for (others in the query are ignored here).
        query: URL parameters, name -> string.

    Returns:
        ``(values, notices)``: the usable values by name (absent or dropped names are missing).
    """
    values: dict[str, Any] = {}
    notices: list[Notice] = []
    for p in schema:
        if p.name not in query:
            continue
        v, note = coerce(p, query[p.name])
        if note is not None:
            notices.append(note)
        if v is not None:
            values[p.name] = v
    return values, notices


def query_string(params: Mapping[str, str]) -> str:
    """``a=1&b=x`` with URL escaping."""
    return urllib.parse.urlencode(list(params.items()))


def share_url(page: str, params: Mapping[str, str], base: str = "") -> str:
    """The link that opens ``page`` with ``params``.

    Args:
        page: the page's url path (its id).
        params: URL parameters, name -> string (a page's whole view).
        base: the address the browser opened (any query is dropped); "" when unknown.

    Returns:
        An absolute link under ``base`` when it is known, else a relative one ("/race?...").
    """
    base = base.split("?")[0]
    if base and not base.rstrip("/").endswith("/" + page):
        base = base.rstrip("/") + "/" + page
    query = query_string(params)
    return f"{base or '/' + page}" + (f"?{query}" if query else "")
