"""A Plotly chart that is updated in place: ``st.components.v2`` + ``Plotly.react``.

``st.plotly_chart`` re-creates its chart in a fresh div whenever the figure changes, which is most of
what a key press on the Race page costs in the browser (``../shared/RECIPES.md``: 760 ms naive,
417 ms in place). This component keeps one graph div per ``key`` and hands each new figure to
``Plotly.react``; traces whose content did not change are passed as the same objects, so Plotly skips
them.

plotly.js is served by the app's static folder (``server.enableStaticServing`` in
``.streamlit/config.toml``), loaded once per page and never sent with a rerun or fetched from the
network: the 1.2 MB "basic" bundle in ``ui/vendor`` for figures of scatter, bar and pie traces (the
browser compiles it several times faster than the full bundle), else the full 4.8 MB bundle inside
the installed ``plotly`` package.

The figure is plain plotly JSON; :func:`figure_payload` turns a ``go.Figure`` (or dict) into it, with
arrays in plotly's base64 typed-array form. Everything here can be called without a browser: the
payload is what the tests inspect.

A chart may *follow* another (``follow=<its key>``): whenever the leader shows an animation frame
(Play, its frame slider), the follower shows its own frame of the same name. The Race page's curves
follow its map this way, so their cursor moves in step with the paths.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import plotly
import plotly.graph_objects as go
import streamlit as st

from viz.fonts import PRESENTER_SCALE, scale_fonts

from . import state

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"  # served at /app/static/ (Streamlit's static file serving)
NAME = "gradient_atlas.live_chart"
JS = (Path(__file__).with_name("live_chart.js")).read_text(encoding="utf-8")
PRELOAD_KEY = "_ga_plotly_preload"
# isolate_styles=False: this CSS is global. The preloading instance takes no room (a hidden element
# also takes no gap in Streamlit's flex layout).
CSS = f".ga-live {{ width: 100%; }} .st-key-{PRELOAD_KEY} {{ display: none; }}"


@functools.cache
def _component():
    """Register the component once per process and return its mount function."""
    return st.components.v2.component(NAME, js=JS, css=CSS, isolate_styles=False)


PRESENTER_HEIGHT = 420  # pixels: the tallest chart in the presenter view (the Race map is 520 otherwise)
BASIC_TYPES = frozenset({"scatter", "bar", "pie"})  # what plotly.js's basic bundle draws
# what its cartesian bundle draws (the lab pages' heatmaps, contours, histograms and boxes)
CARTESIAN_TYPES = BASIC_TYPES | {
    "box",
    "contour",
    "heatmap",
    "histogram",
    "histogram2d",
    "histogram2dcontour",
    "image",
    "scatterternary",
    "violin",
}
BUNDLES = ("basic", "cartesian", "full")  # from the smallest: each draws every trace the one before draws
# The lab pages' charts (every page but the Race, whose charts are all scatter traces): one bundle per
# page, the cartesian one, since most labs show a heatmap or a contour somewhere.
LAB_BUNDLE = "cartesian"
VENDOR = Path(__file__).with_name("vendor")


def _bundle_source(bundle: str) -> Path:
    if bundle in ("basic", "cartesian"):
        return next(VENDOR.glob(f"plotly-{bundle}-*.min.js"))
    if bundle == "full":
        return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    raise ValueError(f"Unknown plotly.js bundle {bundle!r}; choose one of {', '.join(BUNDLES)}")


def bundle_version(path: Path) -> str:
    """The plotly.js version in a bundle's licence header (e.g. "4.1.1")."""
    head = path.read_bytes()[:300].decode("ascii", "replace")
    m = re.search(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", head)
    if not m:
        raise ValueError(f"{path} has no plotly.js version header")
    return m.group(1)


@functools.cache
def plotly_js_file(bundle: str = "basic") -> str:
    """Copy a plotly.js bundle into the static folder (once per process); its file name there.

    Args:
        bundle: "basic" (scatter, bar, pie: ``ui/vendor``), "cartesian" (also heatmaps, contours,
            histograms, boxes: ``ui/vendor``) or "full" (every trace type: the copy inside the
            installed ``plotly`` package).

    Returns:
        e.g. "plotly-basic-4.1.1.min.js". The name carries the version, so a browser never keeps
        a stale copy after an upgrade.
    """
    src = _bundle_source(bundle)
    name = f"plotly-{'' if bundle == 'full' else bundle + '-'}{bundle_version(src)}.min.js"
    dst = STATIC / name
    if not dst.exists() or dst.stat().st_size != src.stat().st_size:
        STATIC.mkdir(exist_ok=True)
        tmp = dst.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)  # atomic: a concurrent reader never sees half a file
    return name


def plotly_js_url(bundle: str = "basic") -> str:
    """The URL path of a plotly.js bundle under this server (honours ``server.baseUrlPath``)."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + base if base else "") + "/app/static/" + plotly_js_file(bundle)


def bundle_for(fig: dict, at_least: str = "basic") -> str:
    """The smallest bundle, from ``at_least`` up, that draws every trace of ``fig`` (a figure dict)."""
    types = {tr.get("type", "scatter") for tr in fig.get("data", [])}
    need = "basic" if types <= BASIC_TYPES else "cartesian" if types <= CARTESIAN_TYPES else "full"
    return BUNDLES[max(BUNDLES.index(need), BUNDLES.index(at_least))]


def _typed(v: np.ndarray) -> np.ndarray:
    """A numeric array in a dtype plotly.js's typed arrays have (no float16, no 64-bit integers)."""
    if v.dtype == np.float16:
        return v.astype(np.float32)
    if v.dtype.kind in "iu" and v.dtype.itemsize == 8:
        small = np.int32 if v.dtype.kind == "i" else np.uint32
        info = np.iinfo(small)
        fits = v.size == 0 or (v.min() >= info.min and v.max() <= info.max)
        return v.astype(small if fits else np.float64)
    return v


def _jsonable(v: Any) -> Any:
    """Plotly figure content -> JSON types; numeric arrays in plotly's base64 typed-array form (a
    matrix, e.g. a heatmap's z, with its "shape": plotly.js reads it as rows)."""
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.ndarray):
        if v.ndim in (1, 2) and v.dtype.kind in "fiu" and v.size >= 8:
            a = np.ascontiguousarray(_typed(v))
            code = {"f": "f", "i": "i", "u": "u"}[a.dtype.kind] + str(a.dtype.itemsize)
            out = {"dtype": code, "bdata": base64.b64encode(a.tobytes()).decode()}
            if a.ndim == 2:
                out["shape"] = f"{a.shape[0]},{a.shape[1]}"
            return out
        return _jsonable(v.tolist())
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and not np.isfinite(v):
        return None  # JSON has no NaN; plotly reads null as a gap
    return v


def figure_payload(fig: go.Figure | dict) -> dict:
    """The figure as the component receives it: plain JSON, a content ``uid`` on every trace.

    Args:
        fig: a ``go.Figure`` (its ``to_dict``) or a figure dict with "data", "layout" and
            optionally "frames".

    Returns:
        {"data": [...], "layout": {...}, "frames": [...] (if any), "shared": [...] (if any)}. A
        trace's uid is a hash of its content, so an unchanged trace keeps its uid from one rerun to
        the next. An array that several traces hold (e.g. the step axis of every curve) is sent
        once, in "shared", and each trace holds ``{"shared": index}`` in its place.
    """
    d = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    data = []
    for tr in d.get("data", []):
        tr = _jsonable({k: v for k, v in tr.items() if k != "uid"})
        digest = hashlib.blake2b(json.dumps(tr, sort_keys=True).encode(), digest_size=8).hexdigest()
        data.append({**tr, "uid": digest})
    data, shared = _share_arrays(data)
    # no template: the browser side takes fonts and colours from Streamlit's theme (live_chart.js)
    layout = {k: v for k, v in d.get("layout", {}).items() if k != "template"}
    out = {"data": data, "layout": _jsonable(layout)}
    if d.get("frames"):
        out["frames"] = pack_frames(_share_prefixes(_jsonable(d["frames"]), shared))
    if shared:
        out["shared"] = shared
    return out


PREFIX_MIN = 64  # base64 characters of a last frame's array below which prefixes are not shared
ITEMSIZE = {"f4": 4, "f8": 8, "i4": 4, "u4": 4, "i2": 2, "u2": 2, "i1": 1, "u1": 1}


def _share_prefixes(frames: list[dict], shared: list[dict]) -> list[dict]:
    """Send a frame's array that is the start of the last frame's array for the same trace (a path
    that grows frame by frame) as ``{"prefix": i, "n": m}``: the first m values of ``shared[i]``.

    Without this, growing paths would travel as their every prefix (quadratic in the frames: ~1 MB
    for four runs); with it, each path travels once. Only frames that move the same traces as the
    last frame are considered.
    """
    last = frames[-1]
    full: dict[tuple[int, str], tuple[dict, bytes]] = {}
    for pos, tr in enumerate(last.get("data", [])):
        for attr in ("x", "y"):
            v = tr.get(attr)
            if isinstance(v, dict) and v.get("dtype") in ITEMSIZE and len(v.get("bdata", "")) >= PREFIX_MIN:
                full[(pos, attr)] = (v, base64.b64decode(v["bdata"]))
    if not full:
        return frames
    index: dict[tuple[int, str], int] = {}
    out = []
    for f in frames:
        if f.get("traces") != last.get("traces"):
            out.append(f)
            continue
        data = []
        for pos, tr in enumerate(f.get("data", [])):
            tr = dict(tr)
            for attr in ("x", "y"):
                ref, v = full.get((pos, attr)), tr.get(attr)
                if ref is None or not isinstance(v, dict) or v.get("dtype") != ref[0]["dtype"]:
                    continue
                part = base64.b64decode(v["bdata"])
                if not ref[1].startswith(part):
                    continue
                if (pos, attr) not in index:
                    index[(pos, attr)] = len(shared)
                    shared.append(ref[0])
                tr[attr] = {"prefix": index[(pos, attr)], "n": len(part) // ITEMSIZE[v["dtype"]]}
            data.append(tr)
        out.append({**f, "data": data})
    return out


def _f4(v: Any) -> bytes | None:
    """The raw bytes of a plain float32 typed array ({"dtype": "f4", "bdata": ...}), else None."""
    if isinstance(v, dict) and set(v) == {"dtype", "bdata"} and v["dtype"] == "f4":
        return base64.b64decode(v["bdata"])
    return None


def pack_frames(frames: list[dict]) -> list[dict] | dict:
    """Frames whose traces keep their number of points from frame to frame (comets, arrows, look-ahead
    points: a few points each, in every frame) sent as one table instead of a dict per trace per frame.

    With every arrow on, a race of 8 runs moves ~30 traces in each of 200 frames; as dicts (type, x
    and y, each with its dtype) that structure weighs more than the numbers. Packed, a trace position
    ``p`` whose x and y are float32 arrays of the same length ``L`` in every frame becomes a column:
    frame j's values are ``x[j * total + offset_p : ... + L]`` of one array (likewise y). Whatever is
    not a column (a growing path's ``{"prefix", "n"}``) stays per frame in ``rest``, with ``None`` at
    the columns' positions.

    Returns:
        ``frames`` unchanged when nothing packs (fewer than two frames, frames with other keys or
        different trace lists), else ``{"packed": {"names", "traces", "n", "cols", "x", "y", "rest"}}``
        with ``cols`` as ``[position, L, type or None]`` (live_chart.js and
        :func:`ui.testing.resolve_shared` unpack it).
    """
    if len(frames) < 2:
        return frames
    keys = set(frames[0])
    n = len(frames[0].get("data", []))
    if not keys <= {"name", "data", "traces"} or any(
        set(f) != keys or f.get("traces") != frames[0].get("traces") or len(f.get("data", [])) != n
        for f in frames
    ):
        return frames
    cols: list[list] = []
    raw: dict[int, list[tuple[bytes, bytes]]] = {}
    for p in range(n):
        first = frames[0]["data"][p]
        got = []
        for f in frames:
            tr = f["data"][p]
            if (
                not isinstance(tr, dict)
                or set(tr) - {"type"} != {"x", "y"}
                or tr.get("type") != first.get("type")
            ):
                break
            x, y = _f4(tr["x"]), _f4(tr["y"])
            if x is None or y is None or len(x) != len(y) or (got and len(x) != len(got[0][0])):
                break
            got.append((x, y))
        else:
            cols.append([p, len(got[0][0]) // 4, first.get("type")])
            raw[p] = got
    if not cols:
        return frames
    packed = {p for p, _, _ in cols}
    xs = b"".join(raw[p][j][0] for j in range(len(frames)) for p, _, _ in cols)
    ys = b"".join(raw[p][j][1] for j in range(len(frames)) for p, _, _ in cols)
    rest = None
    if len(packed) < n:
        rest = [[None if p in packed else tr for p, tr in enumerate(f["data"])] for f in frames]
    return {
        "packed": {
            "names": [f.get("name") for f in frames],
            "traces": frames[0].get("traces"),
            "n": n,
            "cols": cols,
            "x": {"dtype": "f4", "bdata": base64.b64encode(xs).decode()},
            "y": {"dtype": "f4", "bdata": base64.b64encode(ys).decode()},
            "rest": rest,
        }
    }


def unpack_frames(frames: list[dict] | dict) -> list[dict]:
    """The frames of :func:`pack_frames`'s table, each trace's x and y as float32 typed-array dicts
    (what live_chart.js rebuilds in the browser, here for tests and tools)."""
    if not isinstance(frames, dict):
        return frames
    pk = frames["packed"]
    xs, ys = base64.b64decode(pk["x"]["bdata"]), base64.b64decode(pk["y"]["bdata"])
    total = sum(c[1] for c in pk["cols"])
    out = []
    for j, name in enumerate(pk["names"]):
        data = list(pk["rest"][j]) if pk["rest"] is not None else [None] * pk["n"]
        off = j * total * 4
        for p, length, kind in pk["cols"]:
            end = off + 4 * length
            tr = {
                "x": {"dtype": "f4", "bdata": base64.b64encode(xs[off:end]).decode()},
                "y": {"dtype": "f4", "bdata": base64.b64encode(ys[off:end]).decode()},
            }
            data[p] = {"type": kind, **tr} if kind is not None else tr
            off = end
        frame = {"name": name, "data": data}
        if pk["traces"] is not None:
            frame["traces"] = pk["traces"]
        out.append(frame)
    return out


SHARE_MIN = 1024  # base64 characters: smaller arrays are not worth a reference


def _share_arrays(traces: list[dict]) -> tuple[list[dict], list[dict]]:
    """Replace the typed arrays that occur in more than one place by ``{"shared": i}``."""
    seen: dict[str, int] = {}

    def count(v):
        if isinstance(v, dict):
            if isinstance(v.get("bdata"), str) and len(v["bdata"]) >= SHARE_MIN:
                seen[v["bdata"]] = seen.get(v["bdata"], 0) + 1
            else:
                for x in v.values():
                    count(x)

    for tr in traces:
        count(tr)
    index: dict[str, int] = {}
    shared: list[dict] = []

    def swap(v):
        if isinstance(v, dict):
            if seen.get(v.get("bdata"), 0) > 1:
                if v["bdata"] not in index:
                    index[v["bdata"]] = len(shared)
                    shared.append(v)
                return {"shared": index[v["bdata"]]}
            return {k: swap(x) for k, x in v.items()}
        return v

    return [swap(tr) for tr in traces], shared


def available() -> bool:
    """True if live charts can run here: static serving is on and plotly.js is in ``static/``.

    False when the app was started without the repository's ``.streamlit/config.toml`` (another
    working directory) or the static folder cannot be written (a read-only install); pages then
    draw with ``st.plotly_chart``.
    """
    if not st.get_option("server.enableStaticServing"):
        return False
    try:
        plotly_js_file("basic")
        plotly_js_file("full")
    except OSError:
        return False
    return True


def preload(bundle: str = "basic") -> None:
    """Start loading plotly.js in the browser now, before the page's charts are computed.

    Call it at the top of a page that has live charts, with the bundle they use: the script then
    loads while the server computes the rest of the page (a page whose results are cached draws its
    charts as soon as this does, and gains nothing).
    """
    if not available():
        return
    _component()(data={"src": plotly_js_url(bundle), "preload": True}, key=PRELOAD_KEY, height=0)


def live_chart(
    fig: go.Figure | dict,
    *,
    key: str,
    height: int,
    on_click: Callable[[float, float], None] | None = None,
    config: dict | None = None,
    failed: str = "Chart failed",
    follow: str | None = None,
    bundle: str = "basic",
    presenter_cap: bool = True,
) -> None:
    """Draw ``fig`` in a chart that later reruns update in place.

    Args:
        fig: the figure (see :func:`figure_payload`).
        key: the chart's identity: the same key on the next rerun updates the same graph.
        height: pixels (the figure's layout height).
        on_click: called as ``on_click(x, y)`` (data coordinates) before the rerun that a plain
            click on the plot area starts; None: clicks do nothing.
        config: plotly.js config (responsive and no logo by default).
        failed: text shown in place of the chart if plotly.js cannot draw it.
        follow: the key of another live chart whose animation this one follows: when that chart
            shows a frame, this one shows its frame of the same name (if it has one).
        bundle: the smallest plotly.js bundle to draw with (see :data:`BUNDLES`); a figure that needs
            a larger one gets it. A page whose charts all ask for the same bundle loads one.
        presenter_cap: in the presenter view, lower the chart to :data:`PRESENTER_HEIGHT` (the
            Race page's map); False keeps its height (a lab's multi-panel figure), only its text
            grows.
    """
    if state.presenter():
        # the projector's view: chart text as large as the page's, and a chart low enough that it fits
        # with the lesson's caption under it on a 720-line screen
        d = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
        layout = scale_fonts(d.get("layout", {}), PRESENTER_SCALE)
        if presenter_cap:
            height = min(int(height), PRESENTER_HEIGHT)
            layout["height"] = min(layout.get("height", height), height)
        fig = {**d, "layout": layout}
    if not available():
        # no plotly.js to serve (see available()): draw the ordinary way; clicks on the map then
        # do nothing (the start is still typed in)
        st.plotly_chart(fig, key=key, config={"displaylogo": False, **(config or {})})
        return
    payload = figure_payload(fig)
    data = {
        "src": plotly_js_url(bundle_for(payload, bundle)),
        "fig": payload,
        "config": {"displaylogo": False, "responsive": True, **(config or {})},
        "height": int(height),
        "clickable": on_click is not None,
        "rev": hashlib.blake2b(json.dumps(payload).encode(), digest_size=6).hexdigest(),
        "failed": failed,
        "key": key,
        "follow": follow,
    }
    kwargs = {}
    if on_click is not None:

        def clicked() -> None:
            value = state.widget_value(key)  # through ui.state, the one module that reads session state
            pt = value.get("click") if isinstance(value, Mapping) else getattr(value, "click", None)
            if isinstance(pt, dict) and all(isinstance(pt.get(c), (int, float)) for c in ("x", "y")):
                on_click(float(pt["x"]), float(pt["y"]))

        kwargs["on_click_change"] = clicked
    _component()(data=data, key=key, height=int(height), **kwargs)
