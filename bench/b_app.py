"""End-to-end speed of the Optimizer Race (printed, never asserted).

Figures, medians over repeats, for 8 optimizers x 2,000 steps:

1. server: one script rerun after a changed learning rate (AppTest, warm caches), and its parts
   (simulate, each figure built and serialised);
2. browser: one key press on a learning-rate slider -> every chart re-drawn with the new run
   (headless Debian Chromium against ``streamlit run``);
3. browser: first view of the page (all charts drawn) after the first paint, server warm;
4. 10 concurrent sessions opening the page: all served, total and slowest time.

Run: ``python -m bench.b_app`` (or through ``python -m bench``, which calls :func:`run`).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OPTS = ("sgd", "momentum", "nag", "adagrad", "adadelta", "rmsprop", "adam", "adamw")
QUERY = {"surf": "rosenbrock", "steps": "2000", "n": "8", **{f"o{i}": n for i, n in enumerate(OPTS)}}
LRS = (1e-3, 1.1e-3, 1.2e-3, 1.3e-3, 1.4e-3, 1.5e-3, 1.6e-3, 1.8e-3, 2e-3, 2.2e-3, 2.5e-3, 2.8e-3)


REVS = "() => [...document.querySelectorAll('.ga-live')].map(g => g.dataset.rev)"


def _ms(xs) -> str:
    return f"{1000 * statistics.median(xs):7.1f} ms (median of {len(xs)}, min {1000 * min(xs):.1f})"


def server_rerun(repeats: int = 8) -> dict:
    """Median AppTest rerun after moving optimizer 1's learning rate, plus the parts of a rerun."""
    import json

    import numpy as np

    import landscapes
    import optimizers
    from studies import race as rs
    from ui import live_chart
    from ui.testing import app_test
    from viz import race as rv
    from viz.colors import optimizer_color

    at = app_test(QUERY, "pages/race.py").run()
    key = "race:o0.sgd.lr"
    for lr in LRS[:3]:  # warm: compile, caches
        at.select_slider(key=key).set_value(lr).run()
    times = []
    for lr in LRS[3 : 3 + repeats]:
        t = time.perf_counter()
        at.select_slider(key=key).set_value(lr).run()
        times.append(time.perf_counter() - t)
    assert not at.exception, at.exception

    s = landscapes.get("rosenbrock")
    g = landscapes.grid(s, 200)
    g3 = landscapes.grid(s, 60)
    bg = rv.background(g.x, g.y, g.z, True)
    runs = [(n, {}) for n in OPTS]
    cols = [optimizer_color(i) for i in range(8)]
    names = list(OPTS)
    titles = dict(loss="loss", loss_gap="gap", dist="dist", grad="grad", step="step")

    def parts():
        t0 = time.perf_counter()
        res = optimizers.simulate(s, runs, steps=2000)
        t1 = time.perf_counter()
        f2 = rv.contour_figure(bg, names, cols, res.path, res.diverged_at, start=s.start, minima=s.minima)
        json.dumps(live_chart.figure_payload(f2))  # what the live chart sends
        t2 = time.perf_counter()
        fc = rv.curves_figure(
            names,
            cols,
            res.loss,
            res.grad_norm,
            rs.distance_to_minima(res.path, s.minima),
            res.diverged_at,
            min_value=0.0,
            titles=titles,
        )
        json.dumps(live_chart.figure_payload(fc))
        t3 = time.perf_counter()
        f3 = rv.surface_figure(g3.x, g3.y, g3.z, bg, names, cols, res.path, res.loss)
        json.dumps(live_chart.figure_payload(f3))
        t4 = time.perf_counter()
        return t1 - t0, t2 - t1, t3 - t2, t4 - t3

    parts()
    p = np.array([parts() for _ in range(repeats)])
    out = {
        "rerun": times,
        "simulate": list(p[:, 0]),
        "map": list(p[:, 1]),
        "curves": list(p[:, 2]),
        "surface3d": list(p[:, 3]),
    }
    print("server, 8 optimizers x 2,000 steps (target <= 100 ms warm):")
    print(f"  AppTest rerun after a new lr : {_ms(times)}")
    for k in ("simulate", "map", "curves", "surface3d"):
        print(f"    {k:26s}: {_ms(out[k])}")
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants_cpu(root: int, exclude: int) -> float:
    """CPU seconds of every live process under ``root`` except ``exclude`` (Chromium, Playwright)."""
    parent = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                parent[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    total = 0.0
    for pid in parent:
        q = parent[pid]
        while q in parent and q != root:
            q = parent[q]
        if q == root and pid != exclude:
            total += _cpu_seconds(pid)
    return total


def _wait_charts(page, n=2, timeout=60_000):
    """Until ``n`` live charts (ui/live_chart.py) have drawn a figure (their data-rev is set)."""
    page.wait_for_function(
        """(n) => { const g = [...document.querySelectorAll('.ga-live')];
                    return g.length >= n && g.every(d => d.dataset.rev && d._fullData); }""",
        arg=n,
        timeout=timeout,
        polling="raf",
    )


ARROWS_QUERY = {"ov": "grad,moment,step,lookahead", "grow": "1"}


def _presses(page, repeats: int) -> tuple[list[float], float]:
    """Seconds from a key press on optimizer 1's learning-rate slider to every live chart redrawn
    with the new run (each live chart sets its data-rev once Plotly.react has drawn the new figure),
    and the median kB the server sent the browser for one press (websocket frames)."""
    # the widget's container carries its key as a class (st-key-<key with - for other chars>)
    thumb = page.locator(".st-key-race-o0-sgd-lr input[type=range]").first
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
    page.reload()  # the socket opened after the listener
    _wait_charts(page)
    page.wait_for_timeout(500)
    presses, kbs = [], []
    for _ in range(repeats):
        received.clear()
        revs = page.evaluate(REVS)
        thumb.focus()
        t = time.perf_counter()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            """(r) => { const g = [...document.querySelectorAll('.ga-live')];
                return g.length === r.length && g.every((d, i) => d.dataset.rev !== r[i]); }""",
            arg=revs,
            timeout=30_000,
            polling="raf",
        )
        presses.append(time.perf_counter() - t)
        page.wait_for_timeout(300)
        kbs.append(sum(received) / 1000)
    return presses, statistics.median(kbs)


def browser(repeats: int = 8, sessions: int = 10) -> dict:
    """Key press -> charts, first view after first paint, and concurrent sessions, in Chromium."""
    from urllib.parse import urlencode

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, served_app

    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} missing)")
        return {}
    out: dict = {}
    with served_app() as (base, proc):
        url = f"{base}/race?{urlencode(QUERY)}"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.goto(url)
            _wait_charts(page)  # cold: compiles, warms caches
            # first view after first paint, warm server
            views = []
            for _ in range(max(3, repeats // 2)):
                p2 = ctx.new_page()
                p2.goto(url)
                _wait_charts(p2)
                ready = p2.evaluate("performance.now()")
                paint = p2.evaluate(
                    "(performance.getEntriesByName('first-paint')[0] || {startTime: 0}).startTime"
                )
                views.append((ready - paint) / 1000)
                p2.close()
            out["first_view"] = views
            # key press on optimizer 1's learning-rate slider -> every chart drawn with the new run
            # (each live chart sets its data-rev once Plotly.react has drawn the new figure)
            page.wait_for_timeout(500)
            out["keypress"], out["press_kb"] = _presses(page, repeats)
            # the same with every arrow overlay on and paths that grow during Play (issue #12: the
            # arrows follow the frame, so each run ships its per-frame vectors: the heaviest map)
            page.goto(f"{base}/race?{urlencode({**QUERY, **ARROWS_QUERY})}")
            _wait_charts(page)
            page.wait_for_timeout(500)
            out["keypress_arrows"], out["press_kb_arrows"] = _presses(page, repeats)
            # concurrent sessions
            pages = [browser.new_context().new_page() for _ in range(sessions)]
            cpu0 = _cpu_seconds(proc.pid), _descendants_cpu(os.getpid(), proc.pid)
            t = time.perf_counter()
            for p in pages:
                p.goto(url, wait_until="commit")
            done = []
            for p in pages:
                _wait_charts(p, timeout=120_000)
                done.append(time.perf_counter() - t)
            out["sessions"] = done
            # who is busy: the server, or the one Chromium drawing all the pages on the same 2 cores
            out["sessions_cpu"] = (
                _cpu_seconds(proc.pid) - cpu0[0],
                _descendants_cpu(os.getpid(), proc.pid) - cpu0[1],
            )
            browser.close()
    print("browser (headless Chromium, this machine):")
    print(f"  key press on an lr slider -> both charts redrawn (target <= 450 ms): {_ms(out['keypress'])}")
    print(
        f"    ... with every arrow overlay on and growing paths (target <= 450 ms): "
        f"{_ms(out['keypress_arrows'])}; sent per press {out['press_kb']:.0f} kB -> "
        f"{out['press_kb_arrows']:.0f} kB"
    )
    print(f"  first view: charts drawn after first paint, warm (target <= 2 s): {_ms(out['first_view'])}")
    print(
        f"  {sessions} concurrent sessions: all served in {out['sessions'][-1]:.1f} s "
        f"(first {out['sessions'][0]:.1f} s, {len(out['sessions'])}/{sessions} drawn)"
    )
    print(
        f"    CPU while they loaded: server {out['sessions_cpu'][0]:.1f} s, "
        f"browser side (Chromium + Playwright driver) {out['sessions_cpu'][1]:.1f} s"
    )
    return out


def run() -> dict:
    """Run every figure of this benchmark and print them; returns the raw times (seconds)."""
    os.environ.setdefault("GRADIENT_ATLAS_NO_DISK_CACHE", "1")
    return {"server": server_rerun(), "browser": browser()}


if __name__ == "__main__":
    run()
