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


class Visitors:
    """The pages' script runs in progress on this server, and when the last one ended (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._last_end = -float("inf")

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
        """Seconds since the last run ended; 0 while one runs."""
        with self._lock:
            return 0.0 if self._running else max(0.0, time.monotonic() - self._last_end)

    def wait_quiet(self, quiet_s: float = QUIET_S, most_s: float = MOST_S, poll_s: float = 0.05) -> float:
        """Block until no run is in progress and none ended for ``quiet_s`` seconds, or ``most_s``
        seconds passed; the seconds waited."""
        start = time.monotonic()
        while self.quiet_for() < quiet_s and time.monotonic() - start < most_s:
            time.sleep(poll_s)
        return time.monotonic() - start


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
