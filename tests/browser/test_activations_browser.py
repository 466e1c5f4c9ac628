"""The Activations lab in a real browser: the signal view opens from a link, its charts draw, choosing
another activation redraws them with the new numbers (and the link follows); the data-normalization
view's maps are the Race page's live chart and Play moves gradient descent; no console errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .waits import rerun, wait_idle, wait_painted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SMALL = "depth=20&width=128&inputs=256"
PROBES = ("/_stcore/health", "/_stcore/host-config")
# the first chart's first trace: the measured spread of z per layer
FIRST_Y = """() => {
  const g = document.querySelector('.js-plotly-plot');
  return g && g._fullData ? [...g._fullData[0].y] : null;
}"""
CHARTS = """(n) => {
  const gds = [...document.querySelectorAll('.js-plotly-plot')];
  return gds.length >= n && gds.slice(0, n).every(g => g._fullData && g._fullData.length > 0);
}"""


def test_signal_view_redraws_for_a_new_activation(page, app_url, console_errors, artifacts):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(f"{app_url}/activations?{SMALL}")
    page.get_by_role("heading", name="Activations and initialization").wait_for(timeout=120_000)
    page.wait_for_function(CHARTS, arg=3, timeout=180_000)  # depth curves, histogram, every pair
    wait_idle(page, timeout=180_000)
    page.get_by_text("tanh + Xavier, 20 layers", exact=False).wait_for(timeout=30_000)
    before = page.evaluate(FIRST_Y)
    assert len(before) == 20 and all(y > 0 for y in before)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "activations.png"), full_page=False)

    box = page.locator(".st-key-activations-act input[role=combobox]").first
    box.click()
    box.fill("ReLU")
    page.get_by_role("option", name="ReLU", exact=True).first.wait_for(timeout=10_000)
    rerun(page, lambda: box.press("Enter"), timeout=120_000)
    page.get_by_text("ReLU + Xavier, 20 layers", exact=False).wait_for(timeout=60_000)
    expect(page).to_have_url(re.compile("act=relu"), timeout=30_000)
    page.wait_for_function(CHARTS, arg=3, timeout=60_000)
    after = page.evaluate(FIRST_Y)
    assert len(after) == 20 and after != before
    # ReLU with Xavier (= LeCun here) halves the variance per layer: the spread falls by about 2^-9.5
    assert after[-1] / after[0] < 0.01 < before[-1] / before[0]
    wait_painted(page)
    page.screenshot(path=str(artifacts / "activations_relu.png"), full_page=True)

    assert all(u.endswith(PROBES) for u in missing), missing
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real


# the two animated maps (the lab's other charts are live charts too)
MAPS = (
    "[...document.querySelectorAll('.ga-live')]"
    ".filter(d => d._fullData && d._fullData.some(t => t.name === 'gradient descent'))"
)


def test_data_normalization_maps_are_the_race_chart_and_play(page, app_url, console_errors, artifacts):
    page.goto(f"{app_url}/activations?view=inputs&i_scale=10&i_steps=200")
    page.wait_for_function(
        "() => { const g = " + MAPS + "; return g.length === 2 && g.every(d => d.dataset.rev); }",
        timeout=120_000,
    )
    wait_idle(page, timeout=60_000)
    # both maps: the surface image, the whole path drawn, and the w axes
    drawn = page.evaluate(
        "() => "
        + MAPS
        + """.map(d => ({
      n: d._fullData.find(t => t.name === 'gradient descent').x.length,
      img: d._fullLayout.images.length, title: d._fullLayout.xaxis.title.text}))"""
    )
    assert drawn == [{"n": 201, "img": 1, "title": "w₁"}] * 2, drawn
    # Play on the raw surface: frames advance and gradient descent's comet leaves the start
    page.evaluate(
        "() => { const gd = "
        + MAPS
        + """[0];
      window.__frames = [];
      gd.on('plotly_animatingframe', e => window.__frames.push(e.name));
      window.__before = JSON.stringify(Array.from(gd._fullData.find(t => t.name === 'comets').x));
    }"""
    )
    page.locator(".ga-live .updatemenu-button").first.click()  # only the maps have a Play button
    page.wait_for_function("() => window.__frames.length >= 5", timeout=20_000)
    moved = page.evaluate(
        "() => { const gd = "
        + MAPS
        + """[0];
      return JSON.stringify(Array.from(gd._fullData.find(t => t.name === 'comets').x)) !== window.__before;
    }"""
    )
    assert moved
    page.screenshot(path=str(artifacts / "activations_inputs.png"), full_page=False)
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real
