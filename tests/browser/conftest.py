"""Fixtures for the Playwright tests: a real ``streamlit run serve.py`` (the app) and Debian's Chromium.

``app_server`` (session scope) starts the app on a free port, waits for ``/_stcore/health`` and
stops it afterwards; ``app_url`` is its base URL. pytest-playwright's ``page`` fixture drives
``/usr/bin/chromium`` (never ``playwright install``). ``console_errors`` collects the page's console
errors and uncaught exceptions. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, extra_env: dict | None = None) -> subprocess.Popen:
    """Start ``streamlit run serve.py`` (the app) on ``port``; returns the process (the caller stops it)."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    env = {**os.environ, **(extra_env or {})}
    env.pop("GRADIENT_ATLAS_NO_WARM", None)
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / f"streamlit-{port}.log", "wb") as log:  # the child keeps its own handle
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll /_stcore/health until it answers ok; raises if the server died or timed out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (ARTIFACTS / f"streamlit-{port}.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"streamlit exited: {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer on port {port} within {timeout} s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()  # else its garbage collection warns (an error) in whichever test runs next


@contextlib.contextmanager
def served_app(extra_env: dict | None = None):
    """A running ``streamlit run serve.py`` on a free port, answered its health check.

    Yields:
        (base URL, the server process). The server is stopped on exit.
    """
    port = free_port()
    proc = start_server(port, extra_env)
    try:
        wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop_server(proc)


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
