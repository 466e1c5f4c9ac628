"""AppTest helpers for the page tests (``tests/test_app_*.py``; other pages' tests use them too).

Streamlit 1.67's AppTest resets ``PagesManager.uses_pages_directory`` before every run, finds our
``pages/`` folder and then, on every run after the first, executes only the page file in the old
multipage mode: ``app.py`` (sidebar, language, presets) is skipped. ``streamlit run`` does not do this
because ``st.navigation`` clears the flag for good. :func:`app_test` patches the flag back so
AppTest runs the app exactly as the server does.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def _patch_pages_manager() -> None:
    init = PagesManager.__init__
    if getattr(init, "_gradient_atlas_patched", False):
        return

    @functools.wraps(init)
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # what st.navigation sets in a real server

    patched._gradient_atlas_patched = True
    PagesManager.__init__ = patched


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
    _patch_pages_manager()
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
