"""The server's background warm-up gives way to the pages' script runs (ui/warm.py)."""

from __future__ import annotations

import threading
import time

import pytest

from ui import warm


def test_a_run_is_counted_until_it_ends_even_by_an_exception():
    who = warm.Visitors()
    assert who.quiet_for() == float("inf")  # nothing ran yet
    with who.running():
        assert who.quiet_for() == 0.0
        with who.running():  # two sessions at once
            pass
        assert who.quiet_for() == 0.0  # the other one still runs
    assert 0.0 <= who.quiet_for() < 0.5
    with pytest.raises(KeyError), who.running():
        raise KeyError("a page failed")
    assert who.quiet_for() < 0.5 and who.wait_quiet(0.0, 1.0) < 0.05  # counted out again


def test_warm_up_steps_wait_while_a_page_runs_and_for_the_quiet_after_it():
    who = warm.Visitors()
    done: list[float] = []
    release = threading.Event()

    def visitor():
        with who.running():
            release.wait(5)

    page = threading.Thread(target=visitor)
    page.start()
    time.sleep(0.05)
    t0 = time.monotonic()
    steps = [lambda: done.append(time.monotonic() - t0), lambda: done.append(time.monotonic() - t0)]
    runner = threading.Thread(target=warm.run_steps, args=(steps, who, 0.2, 10.0))
    runner.start()
    time.sleep(0.3)
    assert done == []  # the page is still running: no step started
    release.set()
    page.join()
    ended = time.monotonic() - t0
    runner.join(5)
    assert len(done) == 2 and done[0] >= ended + 0.2 - 0.02  # after the page and its quiet time


def test_a_busy_server_still_warms_up_after_the_longest_wait():
    who = warm.Visitors()
    done: list[int] = []
    with who.running():  # a run that does not end while the warm-up waits
        t0 = time.monotonic()
        warm.run_steps([lambda: done.append(1)], who, quiet_s=1.0, most_s=0.2)
        assert done == [1] and 0.2 <= time.monotonic() - t0 < 2.0


def test_the_warm_up_covers_every_lab_with_a_compiled_landing_view():
    names = {getattr(s, "__module__", "") + "." + getattr(s, "__qualname__", "") for s in warm._steps()}
    for model in (
        "lr_model",
        "explorer_model",
        "regularization_model",
        "activations_model",
        "selection_model",
    ):
        assert f"ui.{model}.warm_defaults" in names, model
    assert len(warm._steps()) == 8  # and the Race page's run and its two grids first


def test_a_page_request_holds_the_warm_up_back_while_its_browser_loads():
    who = warm.Visitors(arriving_s=0.25)
    assert who.quiet_for() == float("inf")
    t0 = time.monotonic()
    who.arriving()  # the browser asked for /race; its script run starts once it loaded
    assert who.quiet_for() == 0.0
    waited = who.wait_quiet(0.1, 5.0, poll_s=0.01)
    assert waited >= 0.25 + 0.1 - 0.03 and time.monotonic() - t0 < 2.0  # its arrival time, then quiet
    with who.running():  # the run arrives in time: counted as usual
        who.arriving()
        assert who.quiet_for() == 0.0
    assert who.quiet_for() == 0.0  # the run ended, but another browser is still loading
    # a browser that never connects holds the warm-up back for arriving_s only
    lone = warm.Visitors(arriving_s=0.05)
    lone.arriving()
    assert lone.wait_quiet(0.0, 5.0, poll_s=0.01) < 1.0


@pytest.mark.parametrize(
    ("method", "path", "base", "page"),
    [
        ("GET", "/", "", True),
        ("GET", "/race", "", True),
        ("GET", "/lr_lab/", "", True),
        ("HEAD", "/race", "", False),
        ("POST", "/race", "", False),
        ("GET", "/_stcore/health", "", False),
        ("GET", "/_stcore/host-config", "", False),
        ("GET", "/_stcore/bidi-components/x/index.js", "", False),
        ("GET", "/static/js/index.DormvYxC.js", "", False),
        ("GET", "/app/static/plotly-basic-4.1.1.min.js", "", False),
        ("GET", "/component/x/index.html", "", False),
        ("GET", "/media/abc.png", "", False),
        ("GET", "/favicon.png", "", False),
        ("GET", "/atlas/race", "atlas", True),
        ("GET", "/atlas", "/atlas/", True),
        ("GET", "/atlas/_stcore/health", "atlas", False),
        ("GET", "/race", "atlas", False),  # outside the app's base path
    ],
)
def test_page_requests_are_told_from_the_files_and_calls_that_follow_them(method, path, base, page):
    assert warm.is_page_request(method, path, base) is page


def test_the_middleware_tells_the_warm_up_of_page_requests_only():
    import asyncio

    who = warm.Visitors(arriving_s=60.0)
    seen: list[str] = []

    async def app(scope, receive, send):
        seen.append(scope["path"])

    mw = warm.ArrivalMiddleware(app, who=lambda: who)
    for path in ("/_stcore/health", "/static/js/index.js", "/app/static/plotly-basic-4.1.1.min.js"):
        asyncio.run(mw({"type": "http", "method": "GET", "path": path}, None, None))
    asyncio.run(mw({"type": "websocket", "path": "/_stcore/stream"}, None, None))
    assert who.quiet_for() == float("inf")  # nothing arrived
    asyncio.run(mw({"type": "http", "method": "GET", "path": "/race"}, None, None))
    assert who.quiet_for() == 0.0
    assert len(seen) == 5  # every request still reaches the app


def test_the_server_installs_the_middleware():
    import serve

    assert [m.cls for m in serve._middleware()] == [warm.ArrivalMiddleware]
