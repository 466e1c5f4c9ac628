"""Start and stop a real ``streamlit run serve.py`` (the app) for tests and benchmarks (no pytest needed).

Used by the Playwright fixtures (``tests/browser/conftest.py`` re-exports these names), the
protocol-level tests (``tests/test_stclient.py``, ``tests/test_class_protocol.py``) and the
benchmarks (``bench/b_app.py``, ``bench/b_class.py``). The server listens on 127.0.0.1 only and
writes its log to ``test-artifacts/streamlit-<port>.log``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, extra_env: dict | None = None) -> subprocess.Popen:
    """Start ``streamlit run serve.py`` (the app) on ``port``; returns the process (the caller stops it).

    Args:
        port: the port to listen on (127.0.0.1 only).
        extra_env: environment variables added to this process's environment.

    Returns:
        The server process; its output goes to ``test-artifacts/streamlit-<port>.log``.
    """
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
    """Terminate the server (kill it after 10 s) and wait for it."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()  # else its garbage collection warns (an error) in whichever test runs next


@contextlib.contextmanager
def served_app(extra_env: dict | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A running ``streamlit run serve.py`` (the app) on a free port, answered its health check.

    Args:
        extra_env: environment variables for the server.

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
