"""Job functions for tests/test_jobs.py (run in the job manager's worker processes)."""

from __future__ import annotations

import os
import time


def double(x, seconds=0.0, progress=None):
    """2x after reporting progress in a few steps over ``seconds``."""
    for i in range(4):
        progress(i / 4, ("step", i))
        time.sleep(seconds / 4)
    return 2 * x


def mark_and_sleep(path, seconds, progress=None):
    """Write this process's pid to ``path`` (one line per call), then sleep."""
    with open(path, "a") as f:
        f.write(f"{os.getpid()}\n")
    progress(0.1, ("sleep", 0))
    time.sleep(seconds)
    return "slept"


def fail(progress=None):
    raise RuntimeError("this job fails on purpose")
