"""Make the README's screenshots (docs/screenshots/*.png): ``python tests/browser/screenshots.py``.

Starts the app, opens each page in headless Chromium at 1400 x 1000, and saves small PNGs
(900 px wide, palette-reduced). The race page is shown with four optimizers on Rosenbrock; the two
labs with their default views (taken before the home page, whose cards use them as thumbnails).
"""

from __future__ import annotations

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


def save_small(png: bytes, path: Path, width: int = 900) -> None:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def main() -> None:
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
        page.goto(base + "/")
        page.wait_for_function(
            "() => document.body.innerText.includes('Classroom presets')", timeout=60_000
        )
        page.wait_for_timeout(1500)
        save_small(page.screenshot(), OUT / "home.png")
        page.goto(base + RACE + "&lang=ko")
        page.wait_for_function(CHARTS, timeout=120_000)
        page.wait_for_timeout(1500)
        save_small(page.screenshot(), OUT / "race-ko.png")
        browser.close()
    for p in sorted(OUT.glob("*.png")):
        print(p.relative_to(ROOT), p.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
