"""The server: ``streamlit run serve.py`` serves ``app.py`` (and its ``pages/``) as a Streamlit ``App``
with two hooks that a plain ``streamlit run app.py`` lacks:

* at start-up (``lifespan``), before the first visitor: the heavy imports (:mod:`ui.boot`), the
  background compile of every page's landing view and the job manager's worker process
  (:func:`ui.warm.start`). A class opening the link right after a (re)start does not wait for them;
* a page request (a browser opening ``/race``) holds back the next warm-up step
  (:class:`ui.warm.ArrivalMiddleware`) while that browser loads;
* ``on_script_error``: an exception that escapes the pages' own error boundary (a widget callback)
  is shown as the same short message with an error id, its traceback in the log.

``bash scripts/run.sh`` uses it; ``streamlit run app.py`` still works (it warms on the first visit).
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def lifespan(_app):
    import ui.boot  # noqa: F401  (the heavy imports, once, before any session)
    from ui import warm

    warm.start()
    yield


def on_script_error(exc: Exception) -> bool:
    """Show the error boundary's message (an id; the traceback goes to the log) instead of Streamlit's."""
    from ui.shell import report_error

    report_error(exc)
    return True


def _middleware():
    from starlette.middleware import Middleware

    from ui.warm import ArrivalMiddleware

    return [Middleware(ArrivalMiddleware)]


app = st.App("app.py", lifespan=lifespan, on_script_error=on_script_error, middleware=_middleware())
