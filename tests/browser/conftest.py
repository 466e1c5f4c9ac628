"""Fixtures for the Playwright tests: a real ``streamlit run serve.py`` (the app) and Debian's Chromium.

``app_server`` (session scope) starts the app on a free port, waits for ``/_stcore/health`` and
stops it afterwards; ``app_url`` is its base URL. pytest-playwright's ``page`` fixture drives
``/usr/bin/chromium`` (never ``playwright install``). ``console_errors`` collects the page's console
errors and uncaught exceptions. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

if str(Path(__file__).resolve().parents[2]) not in sys.path:  # bench/b_app.py imports this file directly
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# The server helpers live in tests/server.py (no pytest needed there); re-exported for their users.
from tests.server import (  # noqa: E402,F401
    ARTIFACTS,
    ROOT,
    free_port,
    served_app,
    start_server,
    stop_server,
    wait_healthy,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                reason = f"{CHROMIUM} is missing (scripts/test.sh installs it)"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session")
def app_url():
    with served_app() as (url, _):
        yield url


# Opening a page URL directly (/race), Streamlit's frontend first probes /race/_stcore/health and
# /race/_stcore/host-config, gets 404 and then uses the server root: not an error of the app.
BENIGN = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")


def _is_benign(text: str) -> bool:
    return bool(BENIGN.search(text.strip()))


class Errors(list):
    """Console errors, uncaught exceptions and failed requests, less Streamlit's own base-path probes."""

    def append(self, item: str) -> None:
        if not _is_benign(item):
            super().append(item)


@pytest.fixture
def console_errors(page):
    errors: list[str] = Errors()
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location.get('url', '')}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    return errors


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def base_url():
    """Overrides pytest-base-url's fixture (its class-based form is deprecated in pytest 9, and
    warnings are errors here); the tests use ``app_url`` explicitly."""
    return None
