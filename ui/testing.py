"""AppTest helpers for the page tests (``tests/test_app_*.py``; other pages' tests use them too)."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def app_test(query: dict[str, str] | None = None, page: str | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of ``app.py`` (not yet run), optionally opened on a page with URL parameters.

    Args:
        query: URL parameters of the first run (a shared link).
        page: script of the page the link opens, e.g. "pages/race.py" (default: the home page).
        timeout: seconds per run.

    Returns:
        The AppTest; call ``.run()``.
    """
    os.environ["GRADIENT_ATLAS_NO_WARM"] = "1"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if query:
        at.query_params.update(query)
    if page:
        at.switch_page(page)
    return at


def live_charts(at: AppTest) -> list[dict]:
    """The figures of the page's live charts (:mod:`ui.live_chart`), in page order, as sent."""
    import json

    sent = [json.loads(el.proto.json) for el in at.get("bidi_component")]
    return [resolve_shared(d["fig"]) for d in sent if "fig" in d]  # not the hidden preloader


def resolve_shared(fig: dict) -> dict:
    """A live chart's figure with its ``{"shared": i}`` references replaced by the arrays (as the
    browser side does), so tests read every trace's own data."""
    shared = fig.get("shared", [])

    def put(v):
        if isinstance(v, dict):
            if set(v) == {"shared"}:
                return shared[v["shared"]]
            return {k: put(x) for k, x in v.items()}
        if isinstance(v, list):
            return [put(x) for x in v]
        return v

    return {k: put(v) for k, v in fig.items() if k != "shared"}


def errors(at: AppTest) -> list[str]:
    """Everything that went wrong in the last run, as texts: exception elements and the error
    boundary's messages (:func:`ui.shell.guarded`). Tests assert this is empty."""
    from ui.shell import ERROR_MARK

    out = [e.value for e in at.exception]
    out += [e.value for e in at.error if getattr(e, "icon", "") == ERROR_MARK]
    return out


def busy(at: AppTest) -> bool:
    """True while the page shows a job in progress (its Cancel button, :mod:`ui.progress`)."""
    return any("_cancel_job:" in (b.key or "") for b in at.button)


def settle(at: AppTest, timeout: float = 300.0) -> AppTest:
    """Rerun ``at`` until no job of the page is in progress (what the browser's one-second poll
    does), then return it; raises TimeoutError after ``timeout`` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while busy(at):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page's job did not finish within {timeout} s")
        time.sleep(0.2)
        at.run()
    return at
