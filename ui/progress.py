"""Jobs in a page: ask the server's :class:`ui.jobs.JobManager` for a computation, and while it
runs show its progress (queue position, a bar with what it is doing, time spent and left) and a
Cancel button, refreshed every second by a small fragment that reruns the page when it is done.

Usage in a page::

    done = progress.job(ps, "network", cfg, "studies.batch:network_view", (cfg, sym),
                        estimate=seconds, describe=lambda info: ...)
    if done is None:       # running (its progress is on the page), waiting for Run, or failed
        return
    out = done.result
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

import streamlit as st

from i18n import t
from studies import store

from .jobs import JobManager, JobStatus
from .state import PageState

POLL_S = 1.0  # how often a waiting page looks at its job


def _session_alive(session_id: str) -> bool:
    from streamlit import runtime

    if not runtime.exists():  # AppTest: no server, the test's session lives while the test runs
        return True
    return runtime.get_instance().is_active_session(session_id)


@st.cache_resource(show_spinner=False)
def manager() -> JobManager:
    """The server's one job manager (``GRADIENT_ATLAS_WORKERS`` worker processes, default 1)."""
    workers = int(os.environ.get("GRADIENT_ATLAS_WORKERS", "1"))
    return JobManager(workers=max(1, workers), keep=16, is_alive=_session_alive)


def session_id() -> str:
    """This browser session's id (the job owner)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "local"


class JobSpec(NamedTuple):
    """One computation of a lab, ready for :func:`result` (every lab's ``*_model`` makes these)."""

    slot: str  # the page's place for it (one job per session and slot)
    func: str  # "module:function"
    args: tuple
    estimate: float  # seconds

    @property
    def key(self) -> tuple:
        return (self.func, self.args)


def result(
    ps: PageState,
    spec: JobSpec,
    *,
    describe: Callable[[Any], str],
    autostart_s: float,
    submitted: bool = False,
) -> Any:
    """The result of ``spec``, its progress drawn while it runs (None until it is done).

    A press of the page's Run button (``submitted``) starts it whatever it costs; from a link, only
    one estimated at most ``autostart_s`` seconds starts by itself.
    """
    if submitted:
        request(ps, spec.slot, spec.key)
    done = job(
        ps,
        spec.slot,
        spec.key,
        spec.func,
        spec.args,
        estimate=spec.estimate,
        describe=describe,
        autostart=spec.estimate <= autostart_s,
    )
    return None if done is None else done.result


def job(
    ps: PageState,
    slot: str,
    key: Hashable,
    func: str,
    args: tuple,
    *,
    estimate: float,
    describe: Callable[[Any], str],
    autostart: bool = True,
) -> JobStatus | None:
    """This session's job in ``slot``: its finished status, or None while it runs or waits.

    While it runs, its progress is drawn here with a Cancel button, and the page reruns when it
    ends. A job that nobody has started and that should not start by itself (``autostart`` False:
    e.g. a costly configuration that came with a link) shows its estimate and a Run button instead;
    so does one this visitor cancelled. A failed job shows the error boundary's message with the
    job's error id.

    Args:
        ps: the page's state (remembers Run / Cancel per slot).
        slot: e.g. "network" (one job per session and slot).
        key: the computation's identity (hashable config).
        func, args: what to run (see :meth:`ui.jobs.JobManager.ask`).
        estimate: seconds it is expected to take.
        describe: turns the job's progress ``info`` into a translated line.
        autostart: start it without a click when no one has computed it yet.

    Returns:
        The status when done (``.result`` holds the result), else None.
    """
    stored = store.lookup(func, args)
    if stored is not None:  # precomputed (a preset or a page's default view)
        return JobStatus("done", 1.0, None, 0, 0.0, estimate, stored)
    owner, mgr = session_id(), manager()
    asked = ps.flag(f"run:{slot}") == key
    stopped = ps.flag(f"stop:{slot}") == key and not asked
    if stopped or (not autostart and not asked and mgr.status(key) is None):
        mgr.release(owner, f"{ps.page}.{slot}")
        with st.container(border=True):
            st.markdown(t("common.job_stopped" if stopped else "common.job_confirm", est=_duration(estimate)))
            st.button(
                t("common.job_run"),
                key=ps.key(f"_run_job:{slot}"),
                on_click=_run,
                args=(ps, slot, key),
                type="primary",
            )
        return None
    status = mgr.ask(owner, f"{ps.page}.{slot}", key, func, args, estimate)
    if status.status == "done":
        return status
    if status.status == "failed":
        from .shell import ERROR_MARK

        st.error(t("common.error", id=status.error_id), icon=ERROR_MARK)
        return None
    _watch(ps, slot, key, describe)
    return None


def request(ps: PageState, slot: str, key: Hashable) -> None:
    """The visitor asked for ``key`` in ``slot`` (a Run button): it starts whatever it costs."""
    _run(ps, slot, key)


def _run(ps: PageState, slot: str, key: Hashable) -> None:
    ps.set_flag(f"run:{slot}", key)
    ps.set_flag(f"stop:{slot}", None)


def _cancel(ps: PageState, slot: str, key: Hashable) -> None:
    manager().release(session_id(), f"{ps.page}.{slot}")
    ps.set_flag(f"stop:{slot}", key)
    ps.set_flag(f"run:{slot}", None)


def _duration(seconds: float) -> str:
    """A rough duration ("about 40 s", "about 3 min") in the current language."""
    if seconds < 90:
        return t("common.seconds", n=f"{max(1, round(seconds)):d}")
    return t("common.minutes", n=f"{round(seconds / 60):d}")


def _eta(status: JobStatus) -> float:
    """Seconds left: the estimate scaled by the progress so far once there is some."""
    if status.fraction > 0.05:
        return max(0.0, status.elapsed * (1 - status.fraction) / status.fraction)
    return max(0.0, status.estimate - status.elapsed)


def draw_status(status: JobStatus, describe: Callable[[Any], str]) -> None:
    """The box of a job that is not finished: queue position or a progress bar with times."""
    if status.status == "queued":
        st.info(t("common.job_queued", ahead=status.ahead + 1, est=_duration(status.estimate)), icon="⏳")
        return
    text = describe(status.info) if status.info is not None else t("common.job_starting")
    st.progress(min(max(status.fraction, 0.0), 1.0), text=text)
    st.caption(t("common.job_times", spent=_duration(status.elapsed), left=_duration(_eta(status))))


@st.fragment(run_every=POLL_S)
def _watch(ps: PageState, slot: str, key: Hashable, describe: Callable[[Any], str]) -> None:
    """Redrawn every POLL_S seconds: the job's progress; the whole page reruns once it finished."""
    status = manager().status(key)
    if status is None or status.finished:
        st.rerun(scope="app")
    with st.container(border=True):
        st.markdown(f"**{t('common.job_running')}**")
        draw_status(status, describe)
        st.button(
            t("common.job_cancel"), key=ps.key(f"_cancel_job:{slot}"), on_click=_cancel, args=(ps, slot, key)
        )
