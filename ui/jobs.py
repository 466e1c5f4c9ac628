"""Heavy computations as jobs: run in a worker process, shared, bounded, and cancelled when nobody
waits for them any more.

A class opens the same preset 30 times, students change controls while a study runs and close tabs
half way. So a computation that takes seconds (the Batch lab's network study, the two-basin study)
is not run inside a page's script run:

* it runs in a **worker process** (a fresh Python; niced, so the pages' own reruns
  keep priority), at most ``workers`` at a time (default 1 on this 2-core machine): one visitor
  cannot take the server from the rest of the class; the others queue and see their position;
* every session that asks for the same ``key`` (a hashable config) shares **one** job, and a
  finished result is kept (the last ``keep`` results) so the next visitor gets it at once;
* each session has one job per **slot** (e.g. "batch_lab.network"): asking for another key in the
  same slot lets go of the old one. A job that no live session waits for any more (every owner let
  go, or its browser session ended) is **cancelled**: taken out of the queue, or, if it is running,
  its worker process is killed and a fresh one started. Work stops within about a second;
* progress comes back from the worker as ``(fraction, info)`` pairs for the page to draw.

A job function is any importable ``module:function`` taking picklable arguments and a
``progress(fraction, info)`` keyword, returning a picklable result (NumPy arrays, NamedTuples).
This module does not import Streamlit: ``ui.progress`` draws jobs in a page, and the manager is
testable on its own.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import os
import secrets
import subprocess
import sys
import threading
import time
import traceback
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

LOG = logging.getLogger("gradient_atlas")
ROOT = Path(__file__).resolve().parents[1]
STATUSES = ("queued", "running", "done", "failed", "cancelled")
NICE = 10  # worker processes yield the CPU to the server's own page runs
JOBS_PER_WORKER = 25  # a worker is replaced after this many jobs: its compile caches stay bounded


class JobStatus(NamedTuple):
    """What a page shows about a job."""

    status: str  # one of STATUSES
    fraction: float  # 0..1, as the job last reported
    info: Any  # the job's last progress info (e.g. ("train", batch, done, total))
    ahead: int  # jobs ahead of it in the queue (queued only)
    elapsed: float  # seconds since it started running (0 while queued)
    estimate: float  # the caller's estimate of its run time, seconds
    result: Any = None  # when done
    error_id: str = ""  # when failed: the id under which the traceback was logged

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")


@dataclass
class _Job:
    key: Hashable
    func: str
    args: tuple
    estimate: float
    owners: set[str] = field(default_factory=set)
    status: str = "queued"
    fraction: float = 0.0
    info: Any = None
    started: float = 0.0
    result: Any = None
    error_id: str = ""

    def view(self, ahead: int = 0) -> JobStatus:
        elapsed = time.monotonic() - self.started if self.status == "running" else 0.0
        return JobStatus(
            self.status, self.fraction, self.info, ahead, elapsed, self.estimate, self.result, self.error_id
        )


def resolve(func: str) -> Callable[..., Any]:
    """The function named ``"package.module:function"``."""
    module, _, name = func.partition(":")
    return getattr(importlib.import_module(module), name)


def _worker_main(fd: int) -> None:
    """A worker process (``python -c`` started by :class:`_Worker`): run the jobs it is sent over
    the connection on file descriptor ``fd``, one at a time, reporting progress."""
    from multiprocessing.connection import Connection

    conn = Connection(fd)
    try:
        os.nice(NICE)
    except OSError:  # pragma: no cover - not permitted on some systems
        pass
    import optimizers  # the XLA:CPU flags before the first computation

    optimizers.enable_disk_cache()
    while True:
        try:
            msg = conn.recv()
        except EOFError:  # the server went away
            return
        if msg is None:
            return
        job_id, func, args = msg

        def progress(fraction: float, info: Any = None, job_id=job_id) -> None:
            conn.send(("progress", job_id, float(fraction), info))

        try:
            result = resolve(func)(*args, progress=progress)
        except Exception:  # noqa: BLE001 - reported to the manager, which logs it with an id
            conn.send(("error", job_id, traceback.format_exc()))
        else:
            conn.send(("done", job_id, result))


class _Worker:
    """One worker process and the manager's end of its pipe.

    A plain ``python -c`` child rather than ``multiprocessing``'s spawn: spawn re-imports the
    parent's ``__main__`` (Streamlit's CLI, pytest, a user's script) in the child. The child gets
    one end of a socket pair as an inherited file descriptor.
    """

    def __init__(self):
        self.conn, child = mp.Pipe()
        fd = child.fileno()
        path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
        env = {**os.environ, "PYTHONPATH": path}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", f"from ui.jobs import _worker_main; _worker_main({fd})"],
            pass_fds=(fd,),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        child.close()
        self.jobs = 0

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.conn.close()


class JobManager:
    """Runs jobs in worker processes; see the module docstring.

    Args:
        workers: jobs that run at the same time (each in its own process).
        keep: finished results kept for later visitors (least recently used dropped first).
        is_alive: ``is_alive(owner)`` is False once an owner (a browser session) has ended.
        poll: seconds between checks of a running job's owners.
    """

    def __init__(
        self,
        workers: int = 1,
        keep: int = 16,
        is_alive: Callable[[str], bool] | None = None,
        poll: float = 0.25,
    ):
        if workers < 1:
            raise ValueError(f"workers = {workers} must be at least 1")
        self.keep = keep
        self.poll = poll
        self._is_alive = is_alive or (lambda owner: True)
        self._lock = threading.Condition()
        self._jobs: dict[Hashable, _Job] = {}  # queued or running
        self._queue: deque[Hashable] = deque()
        self._done: OrderedDict[Hashable, _Job] = OrderedDict()  # finished, LRU
        self._slots: dict[tuple[str, str], Hashable] = {}  # (owner, slot) -> key
        self._closed = False
        self._threads = [
            threading.Thread(target=self._serve, name=f"gradient-atlas-jobs-{i}", daemon=True)
            for i in range(workers)
        ]
        for th in self._threads:
            th.start()

    # ---- what pages call

    def ask(
        self, owner: str, slot: str, key: Hashable, func: str, args: tuple = (), estimate: float = 0.0
    ) -> JobStatus:
        """The job for ``key``, started (or joined) if needed, now owned by ``owner`` in ``slot``.

        Args:
            owner: who waits (a browser session id).
            slot: what for; the owner's earlier job in this slot is let go.
            key: hashable identity of the computation (its config).
            func: ``"module:function"`` to call as ``func(*args, progress=...)``.
            args: picklable arguments.
            estimate: expected run time in seconds (shown while it runs).

        Returns:
            The job's status now (``done`` with the result when a finished one is kept).
        """
        with self._lock:
            self._let_go(owner, slot, keep=key)
            self._slots[(owner, slot)] = key
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key].view()
            job = self._jobs.get(key)
            if job is None:
                job = self._jobs[key] = _Job(key, func, tuple(args), float(estimate))
                self._queue.append(key)
                self._lock.notify_all()
            job.owners.add(owner)
            return self._view(job)

    def status(self, key: Hashable) -> JobStatus | None:
        """The status of ``key`` (None if it is neither waiting, running nor kept)."""
        with self._lock:
            if key in self._done:
                return self._done[key].view()
            job = self._jobs.get(key)
            return None if job is None else self._view(job)

    def release(self, owner: str, slot: str) -> None:
        """``owner`` no longer waits for its job in ``slot`` (cancelled if nobody else does)."""
        with self._lock:
            self._let_go(owner, slot)

    def close(self) -> None:
        """Stop the serving threads and their worker processes."""
        with self._lock:
            self._closed = True
            for job in self._jobs.values():
                job.owners.clear()
            self._lock.notify_all()
        for th in self._threads:
            th.join(timeout=10)

    # ---- internals (called with the lock held unless said otherwise)

    def _view(self, job: _Job) -> JobStatus:
        ahead = self._queue.index(job.key) if job.status == "queued" and job.key in self._queue else 0
        return job.view(ahead)

    def _let_go(self, owner: str, slot: str, keep: Hashable | None = None) -> None:
        old = self._slots.pop((owner, slot), None)
        if old is None or old == keep:
            return
        job = self._jobs.get(old)
        if job is not None and not any(k == old for (o, _), k in self._slots.items() if o == owner):
            job.owners.discard(owner)
        self._lock.notify_all()

    def _prune(self, job: _Job) -> bool:
        """Forget owners whose sessions ended; True if someone still waits for ``job``."""
        job.owners = {o for o in job.owners if self._is_alive(o)}
        return bool(job.owners)

    def _next(self) -> _Job | None:
        """The next job someone waits for (dropping the abandoned ones), or None once closed."""
        while not self._closed:
            while self._queue:
                job = self._jobs[self._queue.popleft()]
                if self._prune(job):
                    job.status, job.started = "running", time.monotonic()
                    return job
                job.status = "cancelled"
                del self._jobs[job.key]
            self._lock.wait(timeout=self.poll)
        return None

    def _finish(self, job: _Job, status: str) -> None:
        job.status = status
        self._jobs.pop(job.key, None)
        if status in ("done", "failed"):
            self._done[job.key] = job
            while len(self._done) > self.keep:
                self._done.popitem(last=False)
        self._lock.notify_all()

    def _serve(self) -> None:
        """One serving thread: owns one worker process and feeds it jobs."""
        worker: _Worker | None = None
        try:
            worker = _Worker()
            while True:
                with self._lock:
                    job = self._next()
                if job is None:
                    return
                if worker.jobs >= JOBS_PER_WORKER or not worker.alive():
                    worker.stop()
                    worker = _Worker()
                worker = self._run(worker, job)
        finally:
            if worker is not None:
                worker.stop()

    def _run(self, worker: _Worker, job: _Job) -> _Worker:
        """Run ``job`` on ``worker`` (lock not held); returns the worker to use next."""
        job_id = secrets.token_hex(4)
        worker.jobs += 1
        try:
            worker.conn.send((job_id, job.func, job.args))
        except OSError:
            worker.kill()
            worker = _Worker()
            worker.conn.send((job_id, job.func, job.args))
        while True:
            try:
                ready = worker.conn.poll(self.poll)
                msg = worker.conn.recv() if ready else None
            except (EOFError, OSError):
                msg = ("error", job_id, "the worker process ended unexpectedly")
            with self._lock:
                if msg is None:
                    if self._closed or not self._prune(job):
                        self._finish(job, "cancelled")
                        worker.kill()
                        return _Worker()
                    continue
                kind, got_id, *rest = msg
                if got_id != job_id:
                    continue
                if kind == "progress":
                    job.fraction, job.info = rest
                elif kind == "done":
                    job.result, job.fraction = rest[0], 1.0
                    self._finish(job, "done")
                    return worker
                else:
                    job.error_id = secrets.token_hex(4)
                    LOG.error(
                        "Gradient Atlas error %s in job %s%r:\n%s", job.error_id, job.func, job.args, rest[0]
                    )
                    self._finish(job, "failed")
                    if not worker.alive():
                        worker.kill()
                        return _Worker()
                    return worker
