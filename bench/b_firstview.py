"""First views right after a server start (printed, never asserted): what the first visitor of a class
waits for, per page and per classroom preset, in headless Chromium.

For each page: a fresh browser context opens the page's URL as soon as the server answers its
health check (the server pre-warms in the background meanwhile); the time counted runs from
navigation to every chart drawn and the script idle. Then each preset is opened the way a teacher
does it, with the home page's *Open* button, by the first visitor of that preset: from the click to
its charts drawn. Targets (issue #9): a page <= 3 s, a preset <= 5 s.

Run: ``python -m bench firstview`` (with ``--cold`` to run without the persistent compile cache).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE_TARGET_S = 3.0
PRESET_TARGET_S = 5.0

# every chart drawn (Plotly's graph divs hold data; live charts set data-rev) and no script running
READY = """(charts) => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.body.innerText.includes('Computing…')) return false;
  const gds = [...document.querySelectorAll('.js-plotly-plot')];
  const live = [...document.querySelectorAll('.ga-live')];
  const main = document.querySelector('[data-testid=stMain] h1');
  return !!main && gds.every(g => g._fullData && g._fullData.length > 0)
         && live.every(d => d.dataset.rev)
         && (!charts || gds.length + live.length > 0 || location.pathname.length <= 1);
}"""


NO_CHARTS = {"glossary"}  # pages of text only: ready when the script is idle


def _ready(page, timeout_ms: float = 180_000, charts: bool = True) -> None:
    page.wait_for_timeout(150)  # let a click's rerun start before asking whether it ended
    page.wait_for_function(READY, arg=charts, timeout=timeout_ms, polling=50)


def run(cold: bool = False) -> dict:
    """Open every page and every preset once, right after a server start; print the times."""
    from playwright.sync_api import sync_playwright

    import presets
    from i18n import pick
    from ui.nav import PAGES

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, served_app

    if not Path(CHROMIUM).exists():
        print(f"firstview: skipped ({CHROMIUM} missing)")
        return {}
    env = {"GRADIENT_ATLAS_NO_DISK_CACHE": "1"} if cold else {}
    if not cold:
        os.environ.pop("GRADIENT_ATLAS_NO_DISK_CACHE", None)
    out: dict[str, float] = {}
    t_start = time.perf_counter()
    with served_app(env) as (base, _proc), sync_playwright() as pw:
        up = time.perf_counter() - t_start
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        print(
            f"first views after a server start ({'no' if cold else 'with the'} persistent compile cache; "
            f"server answered in {up:.1f} s)"
        )
        print(f"  pages (target <= {PAGE_TARGET_S:.0f} s):")
        for p in PAGES:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            t = time.perf_counter()
            page.goto(f"{base}/{'' if p.default else p.url}")
            _ready(page, charts=p.url not in NO_CHARTS)
            out[f"page:{p.url}"] = took = time.perf_counter() - t
            print(f"    {p.url:12s} {took:6.2f} s  {'PASS' if took <= PAGE_TARGET_S else 'MISS'}")
            ctx.close()
        print(f"  presets, opened with the home page's Open button (target <= {PRESET_TARGET_S:.0f} s):")
        for preset in presets.all_presets():
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            page.goto(base)
            _ready(page)
            t = time.perf_counter()
            page.locator(f".st-key-home-open-{preset.id} button").click()
            page.wait_for_url(f"**/{preset.page}**", timeout=60_000)
            _ready(page)
            out[f"preset:{preset.id}"] = took = time.perf_counter() - t
            verdict = "PASS" if took <= PRESET_TARGET_S else "MISS"
            print(f"    {preset.id:28s} {took:6.2f} s  {verdict}  ({pick(preset.title, 'en')})")
            ctx.close()
        browser.close()
    pages = [v for k, v in out.items() if k.startswith("page:")]
    pre = [v for k, v in out.items() if k.startswith("preset:")]
    print(
        f"  slowest page {max(pages):.2f} s, slowest preset {max(pre):.2f} s; "
        f"{sum(v <= PAGE_TARGET_S for v in pages)}/{len(pages)} pages and "
        f"{sum(v <= PRESET_TARGET_S for v in pre)}/{len(pre)} presets within target"
    )
    return out


if __name__ == "__main__":
    run(cold="--cold" in sys.argv)
