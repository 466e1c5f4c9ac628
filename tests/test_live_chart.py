"""The in-place chart (ui/live_chart.py): its payload, its plotly.js copy, and the Race page's use of it.

The browser side (Plotly.react on the same div, clicks) is tested in tests/browser/test_race_browser.py.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
import pytest
import streamlit as st

from ui import live_chart as lc
from ui.testing import app_test, live_charts, resolve_shared
from viz import race as rv

PAGE = "pages/race.py"


def test_arrays_travel_as_plotly_typed_arrays_and_come_back_exactly():
    x = np.linspace(-1, 1, 50, dtype=np.float32)
    y = np.arange(50, dtype=np.int32)
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines"), layout=dict(height=300))
    out = lc.figure_payload(fig)
    tr = out["data"][0]
    assert tr["x"]["dtype"] == "f4" and tr["y"]["dtype"] == "i4"
    np.testing.assert_array_equal(rv.unb64(tr["x"]), x)
    np.testing.assert_array_equal(rv.unb64(tr["y"]).astype(np.int32), y)
    json.dumps(out, allow_nan=False)  # strict JSON: what the component receives


def test_short_arrays_and_nan_become_plain_json():
    trace = {"type": "scatter", "x": np.array([1.0, np.nan]), "y": [np.float32(2.5), 3]}
    out = lc.figure_payload({"data": [trace]})
    tr = out["data"][0]
    assert tr["x"] == [1.0, None] and tr["y"] == [2.5, 3]
    json.dumps(out, allow_nan=False)


def test_uids_follow_content():
    a = {"type": "scatter", "x": np.arange(20.0), "y": np.arange(20.0)}
    b = {"type": "scatter", "x": np.arange(20.0), "y": np.arange(20.0) ** 2}
    p1 = lc.figure_payload({"data": [a, b]})
    p2 = lc.figure_payload({"data": [dict(a), {**b, "y": np.arange(20.0) ** 3}]})
    assert p1["data"][0]["uid"] == p2["data"][0]["uid"]  # unchanged: the browser reuses it
    assert p1["data"][1]["uid"] != p2["data"][1]["uid"]  # changed: redrawn
    assert len({t["uid"] for t in p1["data"]}) == 2


def test_an_array_held_by_several_traces_travels_once():
    steps = np.arange(500, dtype=np.float32)
    fig = {"data": [{"type": "scatter", "x": steps, "y": np.sin(steps / k)} for k in (5, 7, 9)]}
    out = lc.figure_payload(fig)
    assert len(out["shared"]) == 1 and [t["x"] for t in out["data"]] == [{"shared": 0}] * 3
    np.testing.assert_array_equal(rv.unb64(out["shared"][0]), steps)
    assert all(isinstance(t["y"], dict) and "bdata" in t["y"] for t in out["data"])  # own arrays stay
    back = resolve_shared(out)
    assert "shared" not in back and all(np.array_equal(rv.unb64(t["x"]), steps) for t in back["data"])
    # the uid is of the trace's own content, whatever is shared
    alone = lc.figure_payload({"data": fig["data"][:1]})
    assert "shared" not in alone and alone["data"][0]["uid"] == out["data"][0]["uid"]


def test_no_template_travels():
    """Fonts and colours come from Streamlit's theme in the browser, not from plotly's template."""
    fig = go.Figure(layout=dict(xaxis=dict(range=[0, 1]), font=dict(size=20)))
    assert "template" in fig.to_dict()["layout"]  # plotly.py adds its default (6 kB of it)
    lay = lc.figure_payload(fig)["layout"]
    assert "template" not in lay and lay["xaxis"]["range"] == [0, 1] and lay["font"] == {"size": 20}


def test_a_frame_array_that_starts_another_travels_as_its_length():
    """A growing path: frame j's array is the start of the last frame's; it is sent as {prefix, n}
    (the browser takes a view of the shared array), and resolves to exactly the frame's own values."""
    full = np.cumsum(np.ones(300, np.float32))
    frames = [
        {"name": str(j), "traces": [3, 4], "data": [{"x": full[: 30 * j + 30]}, {"x": full[j : j + 40]}]}
        for j in range(10)
    ]
    out = lc.figure_payload({"data": [{"type": "scatter", "x": [0]}], "frames": frames})
    refs = [f["data"][0]["x"] for f in out["frames"]]
    assert all(set(r) == {"prefix", "n"} for r in refs)
    assert [r["n"] for r in refs] == [30 * j + 30 for j in range(10)]
    assert all("bdata" in f["data"][1]["x"] for f in out["frames"][:-1])  # a sliding window: as it is
    back = resolve_shared(out)
    for j, f in enumerate(back["frames"]):
        np.testing.assert_array_equal(rv.unb64(f["data"][0]["x"]), full[: 30 * j + 30])
        np.testing.assert_array_equal(rv.unb64(f["data"][1]["x"]), full[j : j + 40])


def test_frames_are_kept():
    fig = {
        "data": [{"type": "scatter", "x": [0], "y": [0]}],
        "frames": [{"name": "0", "data": [{"x": np.zeros(10, np.float32)}]}],
    }
    out = lc.figure_payload(fig)
    assert out["frames"][0]["name"] == "0" and out["frames"][0]["data"][0]["x"]["dtype"] == "f4"


def test_plotly_js_bundles_are_copied_to_static_and_named_by_version():
    basic, full = lc.plotly_js_file("basic"), lc.plotly_js_file("full")
    vendored = next(lc.VENDOR.glob("plotly-basic-*.min.js"))
    package = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert (lc.STATIC / basic).read_bytes() == vendored.read_bytes()
    assert (lc.STATIC / full).read_bytes() == package.read_bytes()
    assert basic == f"plotly-basic-{lc.bundle_version(vendored)}.min.js"
    assert full == f"plotly-{lc.bundle_version(package)}.min.js"
    assert lc.bundle_version(vendored) == "4.1.1"  # ui/vendor/README.md says where it comes from
    assert vendored.stat().st_size < package.stat().st_size / 3  # why it is there: a third of the bytes
    assert lc.plotly_js_url("basic") == f"/app/static/{basic}"
    assert "enableStaticServing = true" in (lc.ROOT / ".streamlit" / "config.toml").read_text()
    cartesian = lc.plotly_js_file("cartesian")
    vendored_c = next(lc.VENDOR.glob("plotly-cartesian-*.min.js"))
    assert (lc.STATIC / cartesian).read_bytes() == vendored_c.read_bytes()
    assert cartesian == "plotly-cartesian-4.1.1.min.js" and lc.bundle_version(vendored_c) == "4.1.1"
    assert vendored_c.stat().st_size < package.stat().st_size / 3  # 1.5 MB against 4.8 MB
    with pytest.raises(ValueError, match="choose one of basic, cartesian, full"):
        lc.plotly_js_file("gl3d")


def _registered_traces(path: Path) -> set[str]:
    """The trace types a plotly.js bundle registers (each trace module's ``moduleType:"trace"``)."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', path.read_text(encoding="utf-8")))


def test_the_vendored_bundles_draw_the_trace_types_claimed_for_them():
    basic = _registered_traces(next(lc.VENDOR.glob("plotly-basic-*.min.js")))
    cartesian = _registered_traces(next(lc.VENDOR.glob("plotly-cartesian-*.min.js")))
    full = _registered_traces(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    assert basic == lc.BASIC_TYPES
    assert cartesian == lc.CARTESIAN_TYPES
    assert lc.CARTESIAN_TYPES < full and "surface" in full and "scatter3d" in full


def test_the_bundle_follows_the_trace_types():
    assert lc.bundle_for({"data": [{"type": "scatter"}, {"x": [1]}, {"type": "bar"}]}) == "basic"
    assert lc.bundle_for({"data": [{"type": "scatter"}, {"type": "heatmap"}]}) == "cartesian"
    assert lc.bundle_for({"data": [{"type": "contour"}, {"type": "histogram"}]}) == "cartesian"
    assert lc.bundle_for({"data": [{"type": "scatter"}, {"type": "surface"}]}) == "full"
    assert lc.bundle_for({"data": []}) == "basic"
    # a page asks for one bundle for all its charts; a figure that needs more still gets it
    assert lc.bundle_for({"data": [{"type": "scatter"}]}, "cartesian") == "cartesian"
    assert lc.bundle_for({"data": [{"type": "surface"}]}, "cartesian") == "full"
    assert lc.bundle_for({"data": [{"type": "heatmap"}]}, "full") == "full"


def test_matrices_and_wide_integers_travel_as_typed_arrays_plotly_reads():
    z = np.arange(12, dtype=np.float32).reshape(3, 4)
    out = lc.figure_payload({"data": [{"type": "heatmap", "z": z, "x": np.arange(8, dtype=np.int64)}]})
    tr = out["data"][0]
    assert tr["z"]["shape"] == "3,4" and tr["z"]["dtype"] == "f4"
    assert np.array_equal(np.frombuffer(base64.b64decode(tr["z"]["bdata"]), np.float32).reshape(3, 4), z)
    # plotly.js has no 64-bit integer arrays: int64 becomes int32 when it fits, else float64
    assert tr["x"]["dtype"] == "i4"
    assert np.array_equal(np.frombuffer(base64.b64decode(tr["x"]["bdata"]), np.int32), np.arange(8))
    big = lc.figure_payload({"data": [{"x": np.full(8, 2**40, np.int64)}]})["data"][0]["x"]
    assert big["dtype"] == "f8" and np.frombuffer(base64.b64decode(big["bdata"]), np.float64)[0] == 2**40
    assert (
        lc.figure_payload({"data": [{"x": np.arange(8, dtype=np.uint64)}]})["data"][0]["x"]["dtype"] == "u4"
    )
    # a matrix of more than two axes, or a short array, stays a list
    assert isinstance(lc.figure_payload({"data": [{"z": np.zeros((2, 2, 2))}]})["data"][0]["z"], list)


NODE = shutil.which("node")


@pytest.mark.skipif(
    NODE is None,
    reason="node is not installed: tests/browser/test_race_browser.py loads the module in Chromium instead",
)
def test_the_js_module_parses_and_exports_what_streamlit_calls(tmp_path):
    """What Streamlit runs (``lc.JS``) is a valid ES module with a default export that is a function.

    What the module does (draws with Plotly.react into the same div, sets data-rev after a draw)
    is checked in Chromium: tests/browser/test_race_browser.py."""
    mod = tmp_path / "live_chart.mjs"  # .mjs: parsed as an ES module whatever node's defaults
    mod.write_text(lc.JS, encoding="utf-8")
    check = subprocess.run([NODE, "--check", str(mod)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    # importing runs the module's top level, which touches `window` (a browser's global object)
    probe = (
        "globalThis.window = globalThis; const m = await import(process.argv[1]); "
        "console.log(JSON.stringify([typeof m.default, Object.keys(m)]));"
    )
    run = subprocess.run(
        [NODE, "--input-type=module", "-e", probe, mod.as_uri()], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == ["function", ["default"]]


@pytest.fixture(scope="module")
def two_runs():
    at = app_test({"n": "2", "o0": "sgd", "o1": "adam", "steps": "200"}, PAGE).run()
    assert not at.exception, at.exception
    before = live_charts(at)
    at.select_slider(key="race:o0.sgd.lr").set_value(2e-3).run()
    assert not at.exception, at.exception
    return before, live_charts(at), at


def test_race_page_draws_two_live_charts_with_stable_keys(two_runs):
    before, after, at = two_runs
    els = at.get("bidi_component")
    assert [e.proto.component_name for e in els] == [lc.NAME] * 3
    # first the hidden preloader (plotly.js starts loading before the race is computed), then the charts
    assert [e.proto.id.rsplit("-", 1)[-1] for e in els] == [lc.PRELOAD_KEY, "race:_map", "race:_curves"]
    sent = [json.loads(e.proto.json) for e in els]
    assert sent[0] == {"src": lc.plotly_js_url("basic"), "preload": True}
    assert len(before) == len(after) == 2
    assert sent[1]["clickable"] is True and sent[1]["src"] == sent[2]["src"] == sent[0]["src"]
    assert sent[2]["clickable"] is False
    # the curves follow the map's animation (their cursor): by the map's key, with the same frame names
    assert (sent[1]["key"], sent[1]["follow"]) == ("race:_map", None)
    assert (sent[2]["key"], sent[2]["follow"]) == ("race:_curves", "race:_map")
    assert [f["name"] for f in after[1]["frames"]] == [f["name"] for f in after[0]["frames"]]


def test_a_new_rate_changes_only_the_traces_it_moves(two_runs):
    (map0, curves0), (map1, curves1), _ = two_runs
    uid = lambda fig, name: [t["uid"] for t in fig["data"] if t.get("name") == name]  # noqa: E731
    # the surface's layers and the other optimizer do not change: the browser keeps them
    for name in ("contours", "start", "Adam"):
        assert uid(map0, name) == uid(map1, name), name
    assert uid(curves0, "Adam") == uid(curves1, "Adam")
    # optimizer 1's path and curves do
    assert uid(map0, "SGD") != uid(map1, "SGD")
    assert uid(curves0, "SGD") != uid(curves1, "SGD")
    assert len(map1["frames"]) == len(map0["frames"]) > 1
    assert map0["layout"]["images"][0]["source"] == map1["layout"]["images"][0]["source"]


def test_without_static_serving_the_page_falls_back_to_plotly_chart(monkeypatch):
    """Started without the repository's config (no static serving): ordinary charts, no error."""
    real = st.get_option
    monkeypatch.setattr(st, "get_option", lambda k: False if k == "server.enableStaticServing" else real(k))
    at = app_test({"n": "2", "steps": "100"}, PAGE).run()
    assert not at.exception, at.exception
    assert not at.get("bidi_component") and len(at.get("plotly_chart")) == 2


def test_the_3d_view_asks_for_the_full_bundle():
    at = app_test({"n": "1", "steps": "100", "show3d": "1"}, PAGE).run()
    assert not at.exception, at.exception
    sent = [json.loads(e.proto.json) for e in at.get("bidi_component")]
    assert [d["src"].rsplit("/", 1)[1] for d in sent] == [lc.plotly_js_file("basic")] * 3 + [
        lc.plotly_js_file("full")
    ]
    assert sent[3]["fig"]["data"][0]["type"] == "surface"


def test_a_read_only_static_folder_falls_back_too(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(lc, "plotly_js_file", refuse)
    assert lc.available() is False
    at = app_test({"n": "1", "steps": "100"}, PAGE).run()
    assert not at.exception, at.exception
    assert not at.get("bidi_component") and len(at.get("plotly_chart")) == 2


def test_frames_of_fixed_size_traces_travel_as_one_table_and_unpack_to_the_same_frames():
    """Comets and arrows keep their number of points in every frame: packed into two float32 arrays
    (x and y) with the growing path's prefix reference kept per frame; unpacking gives back every
    frame's own values, and the payload is smaller than a dict per trace per frame."""
    rng = np.random.default_rng(0)
    full = np.cumsum(np.ones(300, np.float32))
    n = 12

    def xy(x, y):  # as the race's map builds a frame's trace update (viz.race.animation.b64)
        return {"type": "scatter", "x": rv.b64(x), "y": rv.b64(y)}

    frames = [
        {
            "name": str(j),
            "traces": [5, 6, 7, 8],
            "data": [
                xy(rng.normal(size=9), rng.normal(size=9)),
                xy(rng.normal(size=2), rng.normal(size=2)),
                xy(np.array([np.nan, 1.0]), np.array([2.0, np.nan])),
                xy(full[: 20 * j + 20], full[: 20 * j + 20]),
            ],
        }
        for j in range(n)
    ]
    plain = lc._share_prefixes(lc._jsonable(frames), [])
    out = lc.figure_payload({"data": [{"type": "scatter", "x": [0]}], "frames": frames})
    pk = out["frames"]["packed"]
    assert [c[:2] for c in pk["cols"]] == [[0, 9], [1, 2], [2, 2]]  # the growing path is not a column
    assert all(r[3] is not None and r[:3] == [None, None, None] for r in pk["rest"])
    assert len(json.dumps(out["frames"])) < len(json.dumps(plain))
    back = resolve_shared(out)["frames"]
    assert [f["name"] for f in back] == [str(j) for j in range(n)]
    for f, orig in zip(back, frames, strict=True):
        assert f["traces"] == [5, 6, 7, 8]
        for tr, o in zip(f["data"], orig["data"], strict=True):
            assert tr["type"] == "scatter"
            np.testing.assert_array_equal(rv.unb64(tr["x"]), rv.unb64(o["x"]))
            np.testing.assert_array_equal(rv.unb64(tr["y"]), rv.unb64(o["y"]))


def test_frames_whose_traces_change_size_or_keys_are_not_packed():
    lengths = [
        {"name": str(j), "data": [{"x": np.zeros(3 + j, np.float32), "y": np.zeros(3 + j, np.float32)}]}
        for j in range(3)
    ]
    assert isinstance(lc.pack_frames(lc._jsonable(lengths)), list)
    styled = [
        {
            "name": str(j),
            "data": [{"x": np.zeros(3, np.float32), "y": np.zeros(3, np.float32), "opacity": 0.5}],
        }
        for j in range(3)
    ]
    assert isinstance(lc.pack_frames(lc._jsonable(styled)), list)
    one = lc._jsonable(lengths[:1])
    assert lc.pack_frames(one) is one
