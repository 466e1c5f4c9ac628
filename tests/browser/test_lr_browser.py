"""The Learning-rate lab in a real browser: it loads without console errors, its charts are drawn, and
changing a control redraws them (the view switch to the sweep, then the number of rates)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .waits import wait_painted

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's session ``base_url`` fixture trips a pytest 9 deprecation warning (an error here).
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

CHART = ".js-plotly-plot"
# Opening a page's own URL, Streamlit's frontend first probes <page>/_stcore/health and host-config, gets
# 404 (logged as a console error) and then uses the root; nothing else may fail.
PROBES = ("/_stcore/health", "/_stcore/host-config")


def test_lr_lab_loads_and_redraws(page, app_url, console_errors, artifacts):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    # Through the router, as a visitor arrives: the home page first (app.py's st.navigation takes over
    # from Streamlit's pages/ folder mode for the server process), then the lab from the menu.
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_role("link", name=re.compile("Learning-rate lab")).first.click(timeout=90_000)
    page.get_by_role("heading", name="Learning-rate lab").wait_for(timeout=90_000)
    page.locator(CHART).filter(has_text="too large").first.wait_for(timeout=90_000)
    titles = page.locator(CHART).first.locator("text.annotation-text")
    assert titles.filter(has_text="about right").count() == 1
    wait_painted(page)
    page.screenshot(path=str(artifacts / "lr_lab_panels.png"), full_page=False)

    # Switch the experiment: the sweep figure replaces the panels.
    page.locator('[data-testid="stRadio"] label').filter(has_text="Learning-rate sweep").click()
    page.locator(CHART).filter(has_text="best rate").first.wait_for(timeout=90_000)
    page.get_by_text("1024 rates × 4 optimizers × 300 steps").wait_for(timeout=90_000)
    expect(page.locator(CHART).filter(has_text="too large")).to_have_count(0, timeout=90_000)
    expect(page).to_have_url(re.compile("view=sweep"), timeout=30_000)

    # A slider change redraws with the new number of rates.
    rates = page.locator('[data-testid="stSlider"]').filter(has_text="Rates (log-spaced)")
    rates.locator('input[type="range"]').focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.get_by_text("1027 rates × 4 optimizers × 300 steps").wait_for(timeout=90_000)
    page.locator(CHART).filter(has_text="best rate").first.wait_for(timeout=90_000)
    expect(page).to_have_url(re.compile("sw_n=1027"), timeout=30_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "lr_lab_sweep.png"), full_page=False)

    assert all(u.endswith(PROBES) for u in missing), missing
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real
    assert len(console_errors) - len(real) <= len(missing)
