"""Costly work from a link, in real Chromium: it waits for a click, shows progress, and stops when
the visitor leaves (the worker process that ran it is killed within seconds)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import served_app
from .waits import wait_idle

CONNECTION_LOST = """() => document.querySelector('[data-testid=stApp]').dataset.testConnectionState
  !== 'CONNECTED'"""

pytestmark = pytest.mark.browser

# ~1 minute of training by the estimate: over the 20 s a link may start by itself
HEAVY = {
    "view": "network",
    "steps": "8000",
    "n_train": "1024",
    "batches": "16,256,1024",
    "seeds": "4",
    "width": "64",
    "depth": "2",
    "opt": "adam",
    "lr": "0.001",
}


def workers(server_pid: int) -> set[int]:
    """Pids of the job worker processes started by the server."""
    out = set()
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == server_pid and "_worker_main" in cmd:
            out.add(int(d.name))
    return out


def test_costly_link_waits_for_run_shows_progress_and_stops_when_the_tab_closes(browser):
    with served_app() as (url, proc):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/batch_lab?{urlencode(HEAVY)}")
        run = page.locator(".st-key-batch_lab-_run_job-network button")
        run.wait_for(timeout=60_000)
        assert page.get_by_text("do not start by themselves", exact=False).count() == 1
        deadline = time.monotonic() + 30
        while not workers(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        before = workers(proc.pid)
        assert len(before) == 1  # the idle worker, started with the server
        run.click()
        page.get_by_text("Computing", exact=False).first.wait_for(timeout=60_000)
        page.locator("[data-testid=stProgress]").first.wait_for(timeout=60_000)
        time.sleep(2)
        context.close()  # the visitor leaves
        deadline = time.monotonic() + 15
        while before & workers(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not before & workers(proc.pid), "the worker kept computing after the tab closed"
        deadline = time.monotonic() + 30
        while not workers(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers(proc.pid)) == 1  # a fresh worker waits for the next job


def test_after_a_server_restart_an_open_race_page_follows_its_controls(browser):
    from .conftest import free_port, start_server, stop_server, wait_healthy

    port = free_port()
    proc = start_server(port)
    try:
        wait_healthy(port, proc)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"http://127.0.0.1:{port}/race?steps=100&n=2")
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('steps') === '100'", timeout=60_000
        )
        # stopped once the page is idle (its link written, its charts drawn): the visitor's view. The
        # browser then reconnects without a rerun, so the first control change is the new session's
        # first run: it carries the moved slider's value and the old link, and the slider must win.
        wait_idle(page)
        stop_server(proc)
        page.wait_for_function(CONNECTION_LOST, timeout=60_000)  # the page noticed
        proc = start_server(port)
        wait_healthy(port, proc)
        # the page reconnects by itself (and reruns); then a control change must rerun the page
        wait_idle(page)
        slider = page.locator(".st-key-race-steps input[type=range]").first
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('steps') === '101'", timeout=60_000
        )
        wait_idle(page)
        page.keyboard.press("ArrowRight")  # and every later change too
        page.wait_for_function(
            "() => new URLSearchParams(location.search).get('steps') === '102'", timeout=60_000
        )
        page.context.close()
    finally:
        stop_server(proc)
