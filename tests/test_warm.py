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
