"""Pre-warm once per server process so the first visitor does not pay for compiling: every page's
landing view is compiled in a background thread, and the job manager starts its worker process.

The warm-up gives way to visitors. It runs in the server's own process (it shares the cores and
Python's lock with the pages' script runs), so each of its steps waits until no page is running and
none has ended in the last :data:`QUIET_S` seconds, at most :data:`MOST_S` seconds: a class that opens
the link during the warm-up gets the machine for its pages' runs, and the warm-up goes on in the
pauses (also while the browsers draw: first views after a start measured 1.5 s of quiet against
0.3 s, and 0.3 s was as good or better on every page but the Race page, within noise there).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence

import streamlit as st

QUIET_S = 0.3  # seconds without a page run before a warm-up step starts (the browser may still draw)
MOST_S = 30.0  # a step waits at most this long for quiet (a busy class still gets a warm server)
# A browser that asked for a page starts its script run only after it loaded Streamlit's 4 MB of
# JavaScript (0.9-1.3 s measured here; a slow laptop takes longer): from the page request on, the
# warm-up waits as if that run had started, for at most this long.
ARRIVING_S = 3.0
NOT_PAGES = ("/_stcore/", "/static/", "/app/static/", "/component/", "/media/")  # Streamlit's other routes


class Visitors:
    """The pages' script runs in progress on this server, and when the last one ended (thread-safe)."""

    def __init__(self, arriving_s: float = ARRIVING_S) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._last_end = -float("inf")
        self._arrived = -float("inf")
        self._arriving_s = arriving_s

    def arriving(self) -> None:
        """A browser asked for a page: its script run is on its way (see :data:`ARRIVING_S`)."""
        with self._lock:
            self._arrived = time.monotonic()

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Count a script run while the block runs (also when it ends in a rerun or an exception)."""
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                self._last_end = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last run ended; 0 while one runs or a page request's run is on its way."""
        with self._lock:
            now = time.monotonic()
            if self._running or now - self._arrived < self._arriving_s:
                return 0.0
            return max(0.0, now - max(self._last_end, self._arrived + self._arriving_s))

    def wait_quiet(self, quiet_s: float = QUIET_S, most_s: float = MOST_S, poll_s: float = 0.05) -> float:
        """Block until no run is in progress and none ended for ``quiet_s`` seconds, or ``most_s``
        seconds passed; the seconds waited."""
        start = time.monotonic()
        while self.quiet_for() < quiet_s and time.monotonic() - start < most_s:
            time.sleep(poll_s)
        return time.monotonic() - start


def is_page_request(method: str, path: str, base: str = "") -> bool:
    """Whether an HTTP request is a browser opening a page (the app's HTML: ``/``, ``/race``, ...), not
    one of the files and calls that follow it (scripts, health checks, components, media)."""
    base = "/" + base.strip("/") if base.strip("/") else ""
    if method != "GET" or (base and not (path == base or path.startswith(base + "/"))):
        return False
    rest = path[len(base) :] or "/"
    last = rest.rstrip("/").rsplit("/", 1)[-1]
    return not rest.startswith(NOT_PAGES) and "." not in last and rest.count("/") <= 2


class ArrivalMiddleware:
    """ASGI middleware (``serve.py``): a page request tells the warm-up that a visitor is arriving, so
    no warm-up step starts while that browser loads (it would slow the files it loads and the script
    run that follows)."""

    def __init__(self, app, who: Callable[[], Visitors] | None = None) -> None:
        self.app = app
        self.who = who or visitors

    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http" and is_page_request(
            scope.get("method", ""), scope.get("path", ""), str(st.get_option("server.baseUrlPath") or "")
        ):
            self.who().arriving()
        await self.app(scope, receive, send)


@st.cache_resource(show_spinner=False)
def visitors() -> Visitors:
    """This server's one :class:`Visitors` (every page's run counts itself in it: ``ui.shell``)."""
    return Visitors()


def _steps() -> list[Callable[[], object]]:
    """What the pages' landing views compile, in the order of the pages (the Batch lab's ships
    precomputed; the Activations lab's default results do too, but its signal view computes any other
    setting in the page)."""
    import landscapes

    from . import (
        activations_model,
        explorer_model,
        lr_model,
        race_model,
        regularization_model,
        selection_model,
    )

    cfg = race_model.default_config()
    s = landscapes.get(cfg.surf)
    return [
        lambda: race_model.simulate_config(cfg),
        lambda: landscapes.grid(s, race_model.GRID),
        lambda: landscapes.grid(s, race_model.GRID_3D),
        lr_model.warm_defaults,
        explorer_model.warm_defaults,
        regularization_model.warm_defaults,
        activations_model.warm_defaults,
        selection_model.warm_defaults,
    ]


def run_steps(
    steps: Sequence[Callable[[], object]], who: Visitors, quiet_s: float = QUIET_S, most_s: float = MOST_S
) -> None:
    """Run each step once ``who`` has been quiet for ``quiet_s`` seconds (at most ``most_s`` waited)."""
    for step in steps:
        who.wait_quiet(quiet_s, most_s)
        step()


def _compile_defaults(who: Visitors) -> None:
    run_steps(_steps(), who)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread | None:
    """Start compiling the default race in a background thread (once per server process).

    Set ``GRADIENT_ATLAS_NO_WARM=1`` to skip it (the AppTests do, to save CPU).

    Returns:
        The thread (cached, so later sessions reuse it and do not start another), or None.
    """
    if os.environ.get("GRADIENT_ATLAS_NO_WARM"):
        return None
    import optimizers

    from . import progress

    optimizers.enable_disk_cache()  # a restarted server compiles from disk (off when tests ask)
    th = threading.Thread(
        target=_compile_defaults, args=(visitors(),), name="gradient-atlas-warm", daemon=True
    )
    th.start()
    progress.manager()  # its worker process starts (imports JAX) now, not at the first job
    return th
