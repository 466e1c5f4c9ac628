"""The job manager (ui/jobs.py): shared jobs, a bounded queue, cancellation by killing the worker,
failures with an error id. Real worker processes; every job is tiny."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from ui.jobs import JobManager

F = "tests._jobfuncs:"


def wait(mgr, key, statuses=("done", "failed"), timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = mgr.status(key)
        if s is not None and s.status in statuses:
            return s
        time.sleep(0.05)
    raise AssertionError(f"job {key!r} did not reach {statuses} in {timeout} s: {mgr.status(key)}")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def alive():
    """Owners considered alive (tests end a 'session' by removing it)."""
    return {"s1", "s2", "s3"}


@pytest.fixture
def mgr(alive):
    m = JobManager(workers=1, keep=2, is_alive=lambda o: o in alive, poll=0.05)
    yield m
    m.close()


def test_two_sessions_share_one_job_and_later_visitors_get_the_kept_result(mgr, tmp_path):
    marks = tmp_path / "marks"
    a = mgr.ask("s1", "slot", "k", F + "mark_and_sleep", (str(marks), 0.5))
    b = mgr.ask("s2", "slot", "k", F + "mark_and_sleep", (str(marks), 0.5))
    assert a.status in ("queued", "running") and b.status in ("queued", "running")
    assert wait(mgr, "k").result == "slept"
    c = mgr.ask("s3", "slot", "k", F + "mark_and_sleep", (str(marks), 0.5))
    assert c.status == "done" and c.result == "slept"
    assert len(marks.read_text().split()) == 1  # ran once for three visitors


def test_progress_is_reported_and_results_are_kept_up_to_a_bound(mgr):
    mgr.ask("s1", "a", 1, F + "double", (1, 0.8))
    seen = set()
    deadline = time.monotonic() + 60
    while (s := mgr.status(1)).status != "done" and time.monotonic() < deadline:
        if s.info is not None:
            seen.add(s.info)
        time.sleep(0.02)
    assert s.result == 2 and s.fraction == 1.0
    assert seen & {("step", 1), ("step", 2), ("step", 3)}
    for k in (2, 3):
        mgr.ask("s1", "a", k, F + "double", (k,))
        assert wait(mgr, k).result == 2 * k
    assert mgr.status(1) is None  # keep = 2: the oldest result was dropped
    assert mgr.status(3).result == 6


def test_a_job_nobody_waits_for_is_killed_and_the_next_one_runs(mgr, tmp_path):
    marks = tmp_path / "marks"
    mgr.ask("s1", "slot", "long", F + "mark_and_sleep", (str(marks), 600))
    wait(mgr, "long", ("running",))
    deadline = time.monotonic() + 30
    while not marks.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(marks.read_text().split()[0])
    # the same session asks for something else in the same slot: the long job loses its only owner
    t0 = time.monotonic()
    mgr.ask("s1", "slot", "short", F + "double", (5,))
    while pid_alive(pid) and time.monotonic() - t0 < 10:
        time.sleep(0.05)
    assert not pid_alive(pid), "the abandoned job's worker still runs"
    assert time.monotonic() - t0 < 5
    assert mgr.status("long") is None  # cancelled jobs are not kept
    assert wait(mgr, "short").result == 10  # a fresh worker took over


def test_a_job_whose_session_ended_is_cancelled_but_a_shared_one_is_not(mgr, alive, tmp_path):
    marks = tmp_path / "marks"
    mgr.ask("s1", "slot", "x", F + "mark_and_sleep", (str(marks), 1.5))
    mgr.ask("s2", "slot", "x", F + "mark_and_sleep", (str(marks), 1.5))
    wait(mgr, "x", ("running",))
    alive.discard("s1")  # one of the two browsers closed: the other still waits
    assert wait(mgr, "x").result == "slept"
    mgr.ask("s2", "slot", "y", F + "mark_and_sleep", (str(marks), 600))
    wait(mgr, "y", ("running",))
    alive.discard("s2")
    deadline = time.monotonic() + 10
    while mgr.status("y") is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert mgr.status("y") is None


def test_one_worker_queues_the_rest_and_cancelled_queued_jobs_never_run(mgr, tmp_path):
    marks = tmp_path / "marks"
    mgr.ask("s1", "a", "first", F + "mark_and_sleep", (str(marks), 1.0))
    wait(mgr, "first", ("running",))
    second = mgr.ask("s2", "a", "second", F + "double", (1,))
    third = mgr.ask("s3", "a", "third", F + "mark_and_sleep", (str(marks), 0.1))
    assert (second.status, second.ahead) == ("queued", 0)
    assert (third.status, third.ahead) == ("queued", 1)
    mgr.release("s3", "a")  # nobody waits for the third any more
    assert wait(mgr, "first").result == "slept"
    assert wait(mgr, "second").result == 2
    time.sleep(0.5)
    assert mgr.status("third") is None
    assert len(marks.read_text().split()) == 1  # the third never ran


def test_a_failing_job_reports_an_error_id_and_logs_the_traceback(mgr, caplog):
    with caplog.at_level(logging.ERROR, logger="gradient_atlas"):
        mgr.ask("s1", "slot", "bad", F + "fail", ())
        s = wait(mgr, "bad")
    assert s.status == "failed" and len(s.error_id) == 8
    (record,) = [r for r in caplog.records if s.error_id in r.getMessage()]
    assert "this job fails on purpose" in record.getMessage()
    mgr.ask("s1", "slot", "ok", F + "double", (3,))
    assert wait(mgr, "ok").result == 6  # the worker survived


def test_bad_arguments():
    with pytest.raises(ValueError, match="workers = 0"):
        JobManager(workers=0)


def test_the_worker_is_a_fresh_python_not_a_copy_of_this_one(mgr, tmp_path):
    # spawn would re-import the parent's __main__ (pytest here, Streamlit's CLI in the server)
    marks = tmp_path / "marks"
    mgr.ask("s1", "slot", "m", F + "mark_and_sleep", (str(marks), 0.0))
    wait(mgr, "m")
    pid = int(marks.read_text().split()[0])
    assert pid != os.getpid()
    assert Path(f"/proc/{pid}").exists() or not Path("/proc").exists()  # the worker is still there
