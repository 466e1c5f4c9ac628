"""Make the README's screenshots (docs/screenshots/*.png): ``python tests/browser/screenshots.py``.

Starts the app, opens each page in headless Chromium at 1400 x 1000, and saves small PNGs
(900 px wide, palette-reduced), and each page's first chart alone (480 px wide, ``*-thumb.png``)
for the home page's cards. The race page is shown with four optimizers on Rosenbrock; the
labs with their default views (taken before the home page, whose cards use them as thumbnails).
``--ko DIR`` also saves a Korean view of each lab added later (:data:`LABS`) under DIR, full size,
for checking the translation by eye (not for the README).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, served_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
RACE = (
    "/race?surf=rosenbrock&steps=2000&n=4&o0=sgd&o0.sgd.lr=0.001&o1=momentum&o1.momentum.lr=0.001"
    "&o2=nag&o2.nag.lr=0.001&o3=adam&o3.adam.lr=0.05&show3d=0"
)


CHARTS = "() => [...document.querySelectorAll('.js-plotly-plot')].filter(g => g._fullData).length >= 2"
# the labs whose default view has one chart or more, some computed by a background job (a "Computing…"
# box with a progress bar, redrawn by a fragment every second until the job is done)
LABS = ("explorer", "regularization", "activations", "model_selection")
READY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  return !!app && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
    && !document.querySelector('[data-testid="stProgress"], [data-testid="stSpinner"]')
    && !/Computing|계산 중/.test(document.body.innerText)
    && charts.length >= 1 && charts.every(g => g._fullData && g._fullLayout)
    && document.fonts.status === 'loaded' && [...document.images].every(i => i.complete);
}"""


def save_small(png: bytes, path: Path, width: int = 900) -> None:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def save_thumb(page, path: Path) -> None:
    """The page's first chart alone, as the home page's card shows it (a whole page shrunk to a
    card's width is unreadable on a projector)."""
    chart = page.locator("[data-testid=stMain] .js-plotly-plot, [data-testid=stMain] .ga-live").first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    save_small(page.screenshot(clip=chart.bounding_box()), path, width=480)


def settle(page, url: str, timeout: float = 600_000) -> None:
    """Open ``url`` and wait until its charts are drawn and no job is running (twice, a second apart,
    so that a job that ends and reruns the page is not caught between two states)."""
    page.goto(url)
    for _ in range(2):
        page.wait_for_function(READY, timeout=timeout)
        page.wait_for_timeout(1500)
    page.wait_for_function(READY, timeout=timeout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ko", type=Path, help="also save a Korean view of each lab in LABS to this folder")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with served_app() as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + RACE)
        page.wait_for_function(CHARTS, timeout=120_000)
        page.wait_for_timeout(1500)
        save_small(page.screenshot(), OUT / "race.png")
        box = page.locator(".js-plotly-plot").first.bounding_box()
        save_small(page.screenshot(clip=box), OUT / "race-thumb.png", width=480)
        for name in ("lr_lab", "batch_lab"):  # before home, whose cards show them
            page.goto(f"{base}/{name}")
            page.wait_for_function(CHARTS, timeout=240_000)
            page.wait_for_timeout(2500)
            save_small(page.screenshot(), OUT / f"{name}.png")
            save_thumb(page, OUT / f"{name}-thumb.png")
        for name in LABS:
            settle(page, f"{base}/{name}")
            save_small(page.screenshot(), OUT / f"{name}.png")
            save_thumb(page, OUT / f"{name}-thumb.png")
        page.goto(base + "/")
        page.wait_for_function("() => document.body.innerText.includes('Classroom presets')", timeout=60_000)
        page.wait_for_timeout(1500)
        save_small(page.screenshot(), OUT / "home.png")
        page.goto(base + RACE + "&lang=ko")
        page.wait_for_function(CHARTS, timeout=120_000)
        page.wait_for_timeout(1500)
        save_small(page.screenshot(), OUT / "race-ko.png")
        if args.ko:
            args.ko.mkdir(parents=True, exist_ok=True)
            for name in LABS:
                settle(page, f"{base}/{name}?lang=ko")
                page.screenshot(path=str(args.ko / f"{name}.png"))
        browser.close()
    for p in sorted(OUT.glob("*.png")):
        print(p.relative_to(ROOT), p.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
