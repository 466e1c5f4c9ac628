"""The sidebar's share link: drawn only while its expander is open, always the current view, short
(only what differs from the defaults), with a QR code of it for the projector."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest

from ui import share
from ui.testing import app_test

PAGE = "pages/race.py"


def test_share_link_is_drawn_only_when_open_and_follows_the_controls():
    at = app_test(None, PAGE).run()
    assert not at.exception, at.exception
    assert len(at.sidebar.code) == 0  # closed: nothing for the browser to highlight
    at.session_state["_ga_share_open"] = True  # what opening the expander does (it reruns)
    at.run()
    assert not at.exception, at.exception
    (code,) = at.sidebar.code
    link = urlparse(code.value)
    assert link.path.endswith("/race") and link.query == ""  # the landing view: nothing differs
    assert len(dict(at.query_params)) > 20  # while the address bar holds every control
    at.select_slider(key="race:o1.momentum.lr").set_value(2e-3).run()
    (code,) = at.sidebar.code
    assert parse_qs(urlparse(code.value).query) == {"o1.momentum.lr": ["2e-3"]}
    assert at.query_params["o1.momentum.lr"] == "0.002"


def test_share_box_shows_a_qr_code_of_the_link():
    pytest.importorskip("segno", reason="segno (the QR code) is not installed")
    at = app_test(None, PAGE).run()
    at.session_state["_ga_share_open"] = True
    at.select_slider(key="race:o1.momentum.lr").set_value(2e-3).run()
    (code,) = at.sidebar.code
    images = at.sidebar.get("image")
    assert len(images) == 1
    assert share.qr_png(code.value)[:8] == b"\x89PNG\r\n\x1a\n"


def test_qr_png_encodes_the_link():
    segno = pytest.importorskip("segno", reason="segno (the QR code) is not installed")
    from PIL import Image

    link = "http://192.168.100.200:8501/race?p=momentum_vs_nag&o1.nag.lr=0.03"
    png = share.qr_png(link)
    img = Image.open(io.BytesIO(png)).convert("1")
    qr = segno.make_qr(link, error="m")
    n = len(qr.matrix)
    size = (n + 2 * share.QR_BORDER) * share.QR_SCALE
    assert img.size == (size, size)
    # every module of the code the link makes, read back from the image's pixels
    half = share.QR_SCALE // 2
    for r, row in enumerate(qr.matrix):
        for c, dark in enumerate(row):
            x = (c + share.QR_BORDER) * share.QR_SCALE + half
            y = (r + share.QR_BORDER) * share.QR_SCALE + half
            assert (img.getpixel((x, y)) == 0) == bool(dark), (r, c)


def test_without_segno_the_share_box_says_what_is_missing(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_segno(name, *args, **kwargs):
        if name == "segno":
            raise ImportError("no segno")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_segno)
    assert share.qr_png("/race") is None
    at = app_test(None, PAGE).run()
    at.session_state["_ga_share_open"] = True
    at.run()
    assert not at.exception
    assert any("segno" in c.value for c in at.sidebar.caption)
