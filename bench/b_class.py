"""A class on one server: 30 students at once, driven through Streamlit's own protocol.

Starts ``streamlit run serve.py`` (the app) on 127.0.0.1 (tests/server.py), then a "teacher" opens the home
(the server compiles its defaults), then N sessions (threads, default 30) start together. Each
session is one student (bench/stclient.py speaks the websocket protocol; no browser):

1. opens a page by its URL, or a classroom preset with the home page's *Open* button; sessions
   are spread over the three lab pages and all presets, interleaved by page. The two slowest
   Batch-lab presets ("Keskar's effect", "Plain SGD") are opened by at most one session each;
2. sets its own value of one control (its identity: the Race page's seed, the LR lab's start x, the
   Batch lab's concept shift; on the Batch lab it first switches to the concept view, whose
   sliders rerun in well under a second: a network-study slider starts a training run);
3. moves a slider 5 times (a learning rate on the Race page, the start y on the LR lab, the sharp
   well's width on the Batch lab);
4. switches the language to 한국어, then
5. switches page (Race -> LR lab, the others -> Race).

Printed (never asserted): errors (exceptions shown, error boxes with a traceback, timeouts, failed
connections; target 0), the server's rerun time per request (request sent -> script finished),
p50 / p95 / max, overall and per action, the total wall time, the server's RSS before, after and at
its peak (sampled every 0.25 s, children included), its CPU time and this client's, and whether any
session ever got back a run showing another session's identity value (target: never).

Alongside the students, the class's other visitors (issue #18): one opens every page with hostile
link values (notices, never an error); one opens a link to ~1.5 hours of training (it must wait for
a click, and be refused as over the time limit); one runs a ~1-minute study (one worker process,
niced: the students' reruns meanwhile are the figures above); one types 60 formulas of distinct
structure into the Race page (the server's memory after them is reported).

The server starts cold (no JAX disk cache, as ``b_app`` measures: ``GRADIENT_ATLAS_NO_DISK_CACHE``),
so the first visitors of each page and preset pay its compiles, as a class right after a restart
does. Bounded: each session has a deadline, the whole bench a time limit after which it stops by
itself; it talks only to 127.0.0.1.

Run: ``python -m bench class`` (knobs: ``GA_CLASS_SESSIONS``, ``GA_CLASS_LIMIT_S``), or
``python -m bench.b_class --sessions 10 --limit 600``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import WebSocketException

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import presets  # noqa: E402
from bench.stclient import Element, ProtocolError, Run, RunTimeout, Session  # noqa: E402
from i18n import LANG_NAMES  # noqa: E402
from tests.server import served_app  # noqa: E402

SLOW_PRESETS = ("batch_keskar", "batch_sgd_sharpness")  # minutes of training, cold, under load
SLOW_CAP = 1  # sessions that may open each slow preset
MOVES = 5  # slider moves per session
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")


@dataclass(frozen=True)
class Scenario:
    """Where a student lands: a page by URL, or a preset through the home page's Open button."""

    page: str
    preset: str | None = None

    @property
    def name(self) -> str:
        return f"preset {self.preset}" if self.preset else f"page {self.page}"


@dataclass
class Student:
    """What one session did and saw."""

    index: int
    scenario: Scenario
    times: list[tuple[str, float]] = field(default_factory=list)  # (action, seconds)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, action, what)
    foreign: list[str] = field(default_factory=list)  # runs showing another session's value
    checked: int = 0  # runs whose identity was checked
    done: bool = False


def scenarios(n: int) -> list[Scenario]:
    """``n`` landing places: the lab pages, then the presets, interleaved page by page."""
    by_page: dict[str, list[Scenario]] = {p: [Scenario(p)] for p in ("race", "lr_lab", "batch_lab")}
    for p in presets.all_presets():
        by_page.setdefault(p.page, []).append(Scenario(p.page, p.id))
    order: list[Scenario] = []
    for k in range(max(len(v) for v in by_page.values())):
        order += [v[k] for v in by_page.values() if k < len(v)]
    out: list[Scenario] = []
    used: Counter[str] = Counter()
    i = 0
    while len(out) < n:
        sc = order[i % len(order)]
        i += 1
        if sc.preset in SLOW_PRESETS and used[sc.preset] >= SLOW_CAP:
            continue
        used[sc.preset or ""] += 1
        out.append(sc)
    return out


# ------------------------------------------------------------------------------------------------
# Server memory and CPU


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            out.append(int(d))
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, MB (from /proc/<pid>/status)."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def rss_main_mb(pid: int) -> float:
    """Resident memory of ``pid`` alone (the server, without its job worker processes), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its descendants."""
    total = 0.0
    for p in _tree(pid):
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    return total


class Sampler(threading.Thread):
    """Samples the server's RSS every ``every`` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pid, self.every = pid, every
        self.peak = 0.0
        self.peak_main = 0.0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            self.peak_main = max(self.peak_main, rss_main_mb(self.pid))
            self.samples += 1
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


# ------------------------------------------------------------------------------------------------
# One student


def _lang(el: Element, value: object) -> str | None:
    return LANG_NAMES.get(value) if el.key == "lang" and isinstance(value, str) else None


def _problems(run: Run) -> list[str]:
    out = [f"{e.type}: {e.message[:160]}" for e in run.exceptions]
    out += [
        f"error box: {a.body[:160]}" for a in run.alerts if a.kind == "error" and TRACEBACK.search(a.body)
    ]
    return out


def _identity(page: str, run: Run, i: int) -> tuple[str, float]:
    """The control that carries session ``i``'s own value on ``page``, and that value."""
    if page == "race":
        return "race:speed", float(10 + i % 490)  # the animation speed (ms per frame): one value per session
    if page == "lr_lab":
        el = next(e for e in run.elements if (e.key or "").startswith("lr_lab:") and e.key.endswith(".x0"))
        lo, step = el.proto.min, el.proto.step or 0.01
        return el.key, round(lo + step * (i + 1), 6)  # distinct values near the left edge
    if page == "batch_lab":
        return "batch_lab:c_shift", round(-0.9 + 0.01 * i, 6)
    el = _sliders(page, run)[0]  # the other labs: their first numeric slider, a value per session
    lo, hi, step = el.proto.min, el.proto.max, el.proto.step or (el.proto.max - el.proto.min) / 100
    value = round(min(hi, lo + step * (i + 1)), 6)
    return el.key, int(value) if el.proto.data_type == el.proto.INT else value


def _sliders(page: str, run: Run) -> list[Element]:
    """The numeric sliders of ``page`` in the order drawn (a lab the bench has no script for)."""
    found = [e for e in run.elements if e.type == "slider" and (e.key or "").startswith(f"{page}:")]
    if not found:
        raise LookupError(f"no slider on {page}")
    return found


def _load_slider(page: str, run: Run, mine: str = "") -> Element:
    """The slider a student keeps moving on ``page``."""
    if page == "race":
        return next(
            e for e in run.elements if e.type == "select_slider" and (e.key or "").startswith("race:o0.")
        )
    if page == "lr_lab":
        return next(e for e in run.elements if (e.key or "").startswith("lr_lab:") and e.key.endswith(".y0"))
    if page == "batch_lab":
        return run.element("batch_lab:c_sharp")
    others = [e for e in _sliders(page, run) if e.key != mine]  # not the control that identifies the session
    if not others:
        raise LookupError(f"{page} has no slider but {mine}")
    return others[-1]


def _query_value(query: str | None, name: str) -> str | None:
    if not query:
        return None
    return dict(urllib.parse.parse_qsl(query, keep_blank_values=True)).get(name)


def student(base: str, st: Student, deadline: float, start: threading.Barrier) -> None:
    """One session's whole visit, recorded into ``st``; never raises."""
    sc, i = st.scenario, st.index
    mine: tuple[str, float] | None = None  # (control, this session's value) once it is set

    def left() -> float:
        return max(0.1, deadline - time.monotonic())

    def record(action: str, run: Run | None) -> Run | None:
        if run is None:
            return None
        st.times.append((action, run.duration))
        st.errors.extend(("shown", f"{action} on {run.page or 'home'}", p) for p in _problems(run))
        if mine is not None:
            key, value = mine
            st.checked += 1
            shown = run.element(key).value
            in_url = _query_value(run.query, key.split(":", 1)[1])
            if not math.isclose(float(shown), value) or (
                in_url is not None and not math.isclose(float(in_url), value)
            ):
                st.foreign.append(f"{action}: {key} shows {shown} (URL {in_url}); this session set {value}")
        return run

    try:
        start.wait(timeout=60)
        with Session(base, timeout=left(), formatter=_lang) as s:
            if sc.preset is None:
                run = record("open", s.open(sc.page, timeout=left()))
            else:
                record("open", s.open("", timeout=left()))
                run = record("open", s.click(f"home:open:{sc.preset}", timeout=left()))
            page = run.page
            view = s.widget("batch_lab:view") if page == "batch_lab" else None
            if view is not None and view.value != view.options[2]:
                run = record("view", s.set(view.id, index=2, timeout=left()))  # the concept view
            key, value = _identity(page, run, i)
            mine = (key, value)
            run = record("identity", s.set(key, value, timeout=left()))
            for _ in range(MOVES):
                try:
                    el = _load_slider(page, run, key)
                except LookupError:  # a view with one slider (this session's own): no moves to make
                    break
                if el.type == "select_slider":
                    j = el.options.index(el.value) if el.value in el.options else 0
                    run = record(
                        "slider",
                        s.set(el.id, index=j + 1 if j + 1 < len(el.options) else j - 1, timeout=left()),
                    )
                else:
                    x = (
                        el.value + el.proto.step
                        if el.value + el.proto.step <= el.proto.max
                        else el.value - el.proto.step
                    )
                    run = record("slider", s.set(el.id, round(x, 6), timeout=left()))
            record("language", s.set("lang", "ko", timeout=left()))
            target = "lr_lab" if page == "race" else "race"
            mine = None  # another page: this session's control is gone
            run = record("page switch", s.switch_page(target, timeout=left()))
            if run is not None and run.page != target:
                st.errors.append(
                    ("client", "page switch", f"asked for {target}, the server ran {run.page!r}")
                )
            st.done = True
    except RunTimeout as e:
        st.errors.append(("timeout", "request", str(e)[:160]))
    except (ProtocolError, OSError, WebSocketException) as e:
        st.errors.append(("connection", "request", f"{type(e).__name__}: {str(e)[:160]}"))
    except Exception as e:  # noqa: BLE001 - a bench reports every failure and goes on
        st.errors.append(("client", "request", f"{type(e).__name__}: {str(e)[:160]}"))


# ------------------------------------------------------------------------------------------------


# ------------------------------------------------------------------------------------------------
# The class's other visitors: hostile links, a costly link and a formula churner (issue #18)

HEAVY_LINK = (
    "view=network&n_train=4096&batches=8,16,32,64,128,256,512,1024,2048,4096&seeds=8&steps=16384"
    "&width=128&depth=4&opt=sam"
)  # ~1.5 h of CPU before: never started from a link
COSTLY_LINK = "view=network&steps=8000&n_train=1024&batches=16,256,1024&seeds=4&width=64&opt=adam&lr=0.001"
CHURN = 60  # distinct formula structures typed by one visitor


def churn_formulas(n: int) -> list[str]:
    """``n`` formulas of distinct structure (numbers alone would share one compiled program)."""
    funcs = ("sin", "cos", "tanh", "exp", "sqrt", "abs")
    out = []
    for k in range(n):
        f, g = funcs[k % len(funcs)], funcs[(k // len(funcs)) % len(funcs)]
        out.append(f"x**2 + y**2 + 0.01*{f}(x)*{g}(y) + 0.001*x**{3 + k // 36}")
    return out


@dataclass
class Visitor:
    """One of the class's other visitors and what it met."""

    kind: str
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)


def hostile(base: str, v: Visitor, deadline: float) -> None:
    """Open each page with a payload in several parameters: notices, never an error or a traceback."""
    from ui.testing import MARK, PAYLOADS

    names = {
        "race": ("surf", "expr", "steps", "o0", "sched"),
        "lr_lab": ("view", "surf", "opt", "steps"),
        "batch_lab": ("view", "data", "opt", "batches"),
    }
    try:
        for page, params in names.items():
            q = urllib.parse.urlencode({n: PAYLOADS[i % len(PAYLOADS)] for i, n in enumerate(params)})
            with Session(base, timeout=max(1.0, deadline - time.monotonic())) as s:
                run = s.open(page, q)
                v.times.append(run.duration)
                v.errors += [f"{page}: {p}" for p in _problems(run)]
                warned = sum(a.body.count(MARK) for a in run.alerts if a.kind == "warning")
                v.notes.append(f"{page}: {warned} payloads reported in notices")
    except Exception as e:  # noqa: BLE001
        v.errors.append(f"{type(e).__name__}: {str(e)[:160]}")


def costly(base: str, v: Visitor, deadline: float, press_run: bool) -> None:
    """Open the 1.5-hour link (it must wait for a click and be refused), or a ~1-minute one and run it."""
    try:
        with Session(base, timeout=max(1.0, deadline - time.monotonic())) as s:
            run = s.open("batch_lab", COSTLY_LINK if press_run else HEAVY_LINK)
            v.errors += _problems(run)
            waiting = any((e.key or "").endswith("_run_job:network") for e in run.elements)
            refused = [a.body[:90] for a in run.alerts if a.kind == "error"]
            if not press_run:
                v.notes.append(
                    "heavy link: "
                    + (
                        "refused: " + refused[0]
                        if refused
                        else "waits for Run"
                        if waiting
                        else "STARTED BY ITSELF"
                    )
                )
                return
            v.notes.append(f"~1-minute link: {'waits for Run' if waiting else 'started by itself'}")
            t = time.perf_counter()
            run = s.click("batch_lab:_run_job:network")
            while any((e.key or "").endswith("_cancel_job:network") for e in run.elements):
                if time.monotonic() > deadline:
                    v.errors.append("the costly job did not finish before the deadline")
                    return
                time.sleep(1.0)
                run = s.rerun()
            v.times.append(time.perf_counter() - t)
            v.notes.append(f"~1-minute job done in {v.times[-1]:.0f} s (one worker process, niced)")
            v.errors += _problems(run)
    except Exception as e:  # noqa: BLE001
        v.errors.append(f"{type(e).__name__}: {str(e)[:160]}")


def churner(base: str, v: Visitor, deadline: float, pid: int) -> None:
    """Type CHURN formulas of distinct structure into the Race page, one after the other."""
    try:
        with Session(base, timeout=max(1.0, deadline - time.monotonic())) as s:
            s.open("race", "surf=custom&n=2&steps=200")
            for k, f in enumerate(churn_formulas(CHURN)):
                if time.monotonic() > deadline - 15:
                    v.notes.append(f"stopped after {k} formulas (deadline)")
                    break
                run = s.set("race:expr", f)
                v.times.append(run.duration)
                v.errors += _problems(run)
            v.notes.append(f"{len(v.times)} formulas; server process RSS then {rss_main_mb(pid):.0f} MB")
    except Exception as e:  # noqa: BLE001
        v.errors.append(f"{type(e).__name__}: {str(e)[:160]}")


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))]


def _dist(xs: list[float]) -> str:
    if not xs:
        return "no requests"
    return (
        f"p50 {statistics.median(xs):6.2f} s, p95 {_pct(xs, 0.95):6.2f} s, max {max(xs):6.2f} s "
        f"({len(xs)} requests)"
    )


def run(sessions: int | None = None, limit_s: float | None = None) -> dict:
    """Run the class and print its figures.

    Args:
        sessions: concurrent sessions (default: ``GA_CLASS_SESSIONS`` or 30).
        limit_s: seconds after which the whole bench stops (default: ``GA_CLASS_LIMIT_S`` or 600).

    Returns:
        The raw figures (for a caller that wants them).
    """
    n = sessions or int(os.environ.get("GA_CLASS_SESSIONS", "30"))
    limit = limit_s or float(os.environ.get("GA_CLASS_LIMIT_S", "600"))
    os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")  # cold compiles, as b_app measures
    plan = scenarios(n)
    t_start = time.monotonic()
    end = t_start + limit
    print(
        f"class: {n} concurrent sessions (threads), one `streamlit run serve.py` on 127.0.0.1, "
        f"limit {limit:g} s"
    )
    counts = Counter(sc.name for sc in plan)
    print("  landing: " + ", ".join(f"{k} x{v}" for k, v in counts.items()))
    print(f"  slow presets {', '.join(SLOW_PRESETS)}: at most {SLOW_CAP} session(s) each")
    print(f"  machine load average (1 min) before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with served_app() as (base, proc):
        rss_start = rss_mb(proc.pid)
        # the teacher opens the app first: the server compiles its defaults (ui/warm.py)
        with Session(base, timeout=min(300, limit)) as teacher:
            teacher.open("")
        rss_before, cpu_before = rss_mb(proc.pid), cpu_s(proc.pid)
        sampler = Sampler(proc.pid)
        sampler.start()
        students = [Student(i, sc) for i, sc in enumerate(plan)]
        barrier = threading.Barrier(n)
        # each session ends by the bench's deadline, 10 s early, so that the server is stopped last
        threads = [
            threading.Thread(
                target=student, args=(base, st, end - 10, barrier), name=f"student-{st.index}", daemon=True
            )
            for st in students
        ]
        visitors = [
            Visitor("hostile links"),
            Visitor("heavy link"),
            Visitor("costly job"),
            Visitor("formula churn"),
        ]
        jobs = [
            (hostile, (base, visitors[0], end - 10)),
            (costly, (base, visitors[1], end - 10, False)),
            (costly, (base, visitors[2], end - 10, True)),
            (churner, (base, visitors[3], end - 10, proc.pid)),
        ]
        threads += [
            threading.Thread(target=fn, args=args, name=f"visitor-{fn.__name__}", daemon=True)
            for fn, args in jobs
        ]
        t0, client_cpu = time.perf_counter(), time.process_time()
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=max(0.1, end - time.monotonic()))
        wall = time.perf_counter() - t0
        client_cpu = time.process_time() - client_cpu
        sampler.stop()
        rss_after, cpu_after = rss_mb(proc.pid), cpu_s(proc.pid)
        rss_main_after = rss_main_mb(proc.pid)
        stuck = [th.name for th in threads if th.is_alive()]
    figures = {
        "students": students,
        "wall": wall,
        "bench": time.monotonic() - t_start,
        "stuck": stuck,
        "rss": (rss_start, rss_before, rss_after, sampler.peak),
        "rss_main": (rss_main_after, sampler.peak_main),
        "visitors": visitors,
        "samples": sampler.samples,
        "cpu": cpu_after - cpu_before,
        "client_cpu": client_cpu,
    }
    report(figures)
    return figures


def report(f: dict) -> None:
    """Print the figures of :func:`run`."""
    students: list[Student] = f["students"]
    n = len(students)
    times = [t for st in students for _, t in st.times]
    by_action: dict[str, list[float]] = {}
    for st in students:
        for action, t in st.times:
            by_action.setdefault(action, []).append(t)
    errors = [(st, *e) for st in students for e in st.errors]
    kinds = Counter(kind for _, kind, _, _ in errors)
    print(
        f"  finished: {sum(st.done for st in students)}/{n} sessions; stuck at the limit: {len(f['stuck'])}"
    )
    print(
        f"  errors: {len(errors)} (target 0): exceptions or traceback boxes shown {kinds['shown']}, "
        f"timeouts {kinds['timeout']}, failed connections {kinds['connection']}, client {kinds['client']}"
    )
    # the same failure in many sessions is one line: where, what, how often, in how many sessions
    groups: dict[tuple[str, str], set[int]] = {}
    for st, _, action, what in errors:
        groups.setdefault((action, what[:110]), set()).add(st.index)
    for (action, what), who in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"    {len(who):2d} session(s), {action}: {what}")
    print(f"  server rerun time (request sent -> script finished), all: {_dist(times)}")
    for action in ("open", "view", "identity", "slider", "language", "page switch"):
        if action in by_action:
            print(f"    {action:12s}: {_dist(by_action[action])}")
    print(f"  total wall time: {f['wall']:.1f} s (whole bench with server start and stop {f['bench']:.1f} s)")
    start, before, after, peak = f["rss"]
    print(
        f"  server RSS: at start {start:.0f} MB, before the class {before:.0f} MB (after the teacher's "
        f"visit), after {after:.0f} MB, peak {peak:.0f} MB ({f['samples']} samples); server CPU during "
        f"the class {f['cpu']:.1f} s; this client, all {n} sessions, {f['client_cpu']:.1f} s"
    )
    main_after, main_peak = f["rss_main"]
    print(
        f"    of which the server process alone: after {main_after:.0f} MB, peak {main_peak:.0f} MB "
        "(the rest: the job worker process)"
    )
    for v in f["visitors"]:
        times = f", {_dist(v.times)}" if v.times else ""
        print(f"  {v.kind}: {'; '.join(v.notes) or '-'}; errors {len(v.errors)}{times}")
        for e in v.errors[:3]:
            print(f"    {e[:200]}")
    foreign = [(st, x) for st in students for x in st.foreign]
    checked = sum(st.checked for st in students)
    verdict = "never" if not foreign else f"{len(foreign)} TIMES"
    print(f"  a session saw another session's state: {verdict} ({checked} runs checked, target: never)")
    for st, x in foreign[:5]:
        print(f"    session {st.index} ({st.scenario.name}): {x}")
    print(f"  machine load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=None, help="concurrent sessions (default 30)")
    ap.add_argument("--limit", type=float, default=None, help="seconds before the bench stops (default 600)")
    args = ap.parse_args(argv)
    run(args.sessions, args.limit)


if __name__ == "__main__":
    main()
