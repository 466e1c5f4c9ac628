"""The share link: the address that restores the current view, offered in the sidebar.

A small state machine that every script run walks through, in this order:

``NONE``
    :func:`begin` (called by ``ui.shell.page`` before the page) forgets the link of the previous
    run. A page that never finishes (it has no controls, or fails first) therefore shows no link
    rather than a stale one from another page.
``KNOWN``
    The page ends with ``ps.finish()`` (:meth:`ui.state.PageState.finish`): it writes the whole view
    into the address bar (``st.query_params``, so the browser's own address restores the view too)
    and keeps the same view as an absolute link (:func:`ui.url.share_url` under the address the
    browser used). ``ui.state`` holds it, as it holds all session state.
``CLOSED`` / ``OPEN``
    After the page, :func:`draw` (called by ``ui.shell.page``) fills the sidebar slot that the shell
    made before the page ran, so the link sits in the sidebar although the page computes it last.
    In ``NONE`` it draws nothing; otherwise an expander, closed by default. Only while it is
    ``OPEN`` is the link drawn (as ``st.code``, which re-highlights on every rerun: ~190 ms of a Race
    page's first view in headless Chromium).

Transitions between runs: opening or closing the expander reruns the page (``on_change="rerun"``;
the expander's state lives under :data:`OPEN_KEY`, so it stays open across reruns and pages); any
control change reruns the page with a new view, so an open link always shows the current one;
switching pages runs the other page, which keeps its own link.
"""

from __future__ import annotations

import io
from typing import Any

import streamlit as st

from i18n import t

from . import state

OPEN_KEY = "_ga_share_open"  # the expander's widget key: True while it is open


def begin() -> None:
    """Enter ``NONE``: forget the previous run's link (before the page runs)."""
    state.forget_share_link()


def draw(slot: Any) -> None:
    """Draw the link in ``slot`` (a sidebar placeholder made before the page ran), after the page.

    Args:
        slot: an ``st.empty()`` in the sidebar.
    """
    link = state.last_share_link()
    if not link:
        return
    box = slot.expander(t("common.share_title"), expanded=False, key=OPEN_KEY, on_change="rerun")
    if not box.open:
        return
    with box:
        st.caption(t("common.share_link"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("common.share_help"))
        qr(link)


QR_SCALE = 6  # pixels per module: a link of ~100 characters (version 5-6, 37-41 modules) is ~270 px wide
QR_BORDER = 2  # quiet-zone modules; the page around it is light, so 2 of the standard's 4 suffice


def qr_png(link: str) -> bytes | None:
    """A QR code of ``link`` as PNG bytes (None when the ``segno`` package is not installed).

    Error correction "M" (15 %): a projected code is read from across a room, slightly out of focus.
    """
    try:
        import segno
    except ImportError:
        return None
    buf = io.BytesIO()
    segno.make_qr(link, error="m").save(buf, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buf.getvalue()


def qr(link: str) -> None:
    """Draw the QR code of ``link`` for the projector (or say what it needs)."""
    png = qr_png(link)
    if png is None:
        st.caption(t("lesson.qr_missing"))
        return
    st.image(png, caption=t("lesson.qr"), width="content")
