"""The frame every page runs in: page config, the shared sidebar, the link it was opened with,

pre-warming, and the error boundary.

Streamlit's own ``pages/`` mode routes: ``app.py`` is the home page (``/``) and each
``pages/<name>.py`` is the page at ``/<name>``. Every page script is one call::

    shell.page("race", body)

so a link straight to a page (``/race?lr=...``) runs with the sidebar, the language and the presets
on the very first run after a server start, with no router state to race on.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

from i18n import current_lang, t

from . import layout, lesson, link_probe, share, sidebar, state, warm
from .nav import page_info

LOG = logging.getLogger("gradient_atlas")
ERROR_MARK = "⛔"  # the friendly error's icon; ``ui.testing.errors`` finds it by this


def page(page_id: str, body: Callable[[], None]) -> None:
    """Run one page: set up the frame, run ``body`` inside the error boundary, end the frame.

    Args:
        page_id: the page's url path (its id in ``ui.nav.PAGES``, presets and session state).
        body: draws the page's content.
    """
    info = page_info(page_id)
    state.capture_url(page_id)  # first: a link's present=1 decides the page config below
    st.set_page_config(
        page_title=f"{t(info.title_key)} · Gradient Atlas",
        page_icon=info.icon,
        layout="wide",
        initial_sidebar_state=lesson.page_config_sidebar(),
    )
    lesson.follow(page_id)  # a lesson step on another page: go there before drawing this one
    warm.start()
    with warm.visitors().running():  # the background warm-up waits while pages run
        _frame(page_id, body)


def _frame(page_id: str, body: Callable[[], None]) -> None:
    """The sidebar, the page's body and the share link, each inside the error boundary."""
    guarded(sidebar.style)
    guarded(sidebar.language)
    guarded(lambda: layout.style(current_lang()))
    guarded(lambda: sidebar.navigation(page_id))
    guarded(lambda: sidebar.preset_picker(page_id))
    guarded(lesson.sidebar)
    link_slot = st.sidebar.empty()  # the share link goes here, below the presets, once the page is done
    share.begin()
    guarded(link_probe.probe)  # before the page: a link Streamlit dropped whole gets its notice there
    guarded(lesson.style)
    guarded(lesson.keys)
    guarded(lesson.presenter_bar)
    guarded(body)
    guarded(lambda: share.draw(link_slot))
    guarded(sidebar.about_server)


def guarded(fn: Callable[[], None]) -> None:
    """Call ``fn``; an unexpected exception becomes a short message with an error id (English or
    Korean) while its traceback goes to the server log with the same id.

    Streamlit's ``st.rerun()`` / ``st.stop()`` are ``BaseException``s and pass through untouched.
    """
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the boundary: whatever it is, the visitor gets a message
        report_error(exc)


def report_error(exc: BaseException) -> str:
    """Log ``exc`` with its traceback under a new error id and show the visitor the short message.

    Returns:
        The error id.
    """
    error_id = secrets.token_hex(4)
    LOG.error("Gradient Atlas error %s", error_id, exc_info=(type(exc), exc, exc.__traceback__))
    st.error(t("common.error", id=error_id), icon=ERROR_MARK)
    return error_id
