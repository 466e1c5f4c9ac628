"""The Regularization lab in a real browser: the default capacity view draws, the weight-decay surface
follows its λ slider (and the share link with it), the early-stopping view draws its stored study, a link
chooses the fits drawn beside the capacity plot, and nothing logs an error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .waits import wait_idle, wait_painted

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's session ``base_url`` fixture trips a pytest 9 deprecation warning (an error here).
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

CHART = ".js-plotly-plot"
# Opening a page's own URL, Streamlit's frontend first probes <page>/_stcore/health and host-config, gets
# 404 (logged as a console error) and then uses the root; nothing else may fail.
PROBES = ("/_stcore/health", "/_stcore/host-config")


def _view(page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=label).click()


def test_regularization_lab_views_draw_and_follow_their_controls(page, app_url, console_errors, artifacts):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(f"{app_url}/regularization", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Regularization and generalization").wait_for(timeout=90_000)
    # the default view: the polynomial U and the fits of three degrees
    page.locator(CHART).filter(has_text="error against degree").first.wait_for(timeout=90_000)
    page.locator(CHART).filter(has_text="The fits").first.wait_for(timeout=90_000)
    page.get_by_text("Degree 7", exact=False).first.wait_for(timeout=30_000)

    # the surface: both minima, and the λ slider moves the penalised one (and the link)
    _view(page, "Weight decay on a surface")
    page.get_by_text("the minimum moves from (1.000, 3.000) to (1.280, 1.851)").wait_for(timeout=90_000)
    expect(page).to_have_url(re.compile("view=surface"), timeout=30_000)
    page.locator(".st-key-regularization-lam input[type=range]").first.focus()
    page.keyboard.press("End")  # λ at its largest: the minimum is pulled hardest towards the origin
    page.get_by_text("With λ = 50 the minimum moves from (1.000, 3.000)").wait_for(timeout=90_000)
    expect(page).to_have_url(re.compile("lam=50"), timeout=30_000)
    page.locator(CHART).filter(has_text="λ = 50").first.wait_for(timeout=30_000)
    wait_idle(page)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "regularization_surface.png"), full_page=False)

    # early stopping: the stored default study draws at once (no training in the browser's wait)
    _view(page, "Early stopping")
    page.get_by_text("With patience 5, over 16 runs").wait_for(timeout=90_000)
    page.locator(CHART).filter(has_text="where training stopped").first.wait_for(timeout=90_000)
    page.locator(CHART).filter(has_text="fresh").first.wait_for(timeout=90_000)
    wait_idle(page)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "regularization_early.png"), full_page=False)

    # a link that chooses the drawn fits: the teacher's three degrees, the control showing them
    page.goto(f"{app_url}/regularization?cap_show_deg=2,5,9", wait_until="domcontentloaded")
    fits = page.locator(CHART).filter(has_text="The fits").first
    fits.wait_for(timeout=90_000)
    for d in (2, 5, 9):
        expect(fits).to_contain_text(f"degree {d}", timeout=30_000)
    expect(page.locator(".st-key-regularization-cap_show_deg")).to_contain_text("degree 9", timeout=30_000)

    assert all(u.endswith(PROBES) for u in missing), missing
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real
    assert len(console_errors) - len(real) <= len(missing)


def test_a_chart_in_a_tab_opened_later_takes_the_tab_s_width(page, app_url, console_errors):
    # The side-by-side view draws three charts in tabs; the two hidden ones are drawn at width 0.
    # Plotly alone would keep its default 700 px there when the tab opens (it follows the window,
    # not its element); the live chart follows its element (ui/live_chart.js).
    page.goto(f"{app_url}/regularization?view=compare", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ga-live')].filter(g => g.dataset.rev).length >= 3",
        timeout=120_000,
    )
    sizes = """() => [...document.querySelectorAll('.ga-live')]
        .map(g => ({shown: g.getBoundingClientRect().width, drawn: g._fullLayout.width}))"""
    first = page.evaluate(sizes)
    assert first[0]["shown"] > 300 and abs(first[0]["drawn"] - first[0]["shown"]) < 2
    assert first[1]["shown"] == 0  # in the closed tab
    page.locator('[data-testid="stTab"]').nth(1).click()
    page.wait_for_function(
        """() => { const g = document.querySelectorAll('.ga-live')[1];
                   const w = g.getBoundingClientRect().width;
                   return w > 300 && Math.abs(g._fullLayout.width - w) < 2; }""",
        timeout=30_000,
    )
    assert not [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
