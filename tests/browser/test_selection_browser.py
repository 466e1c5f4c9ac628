"""The Model-selection lab in a real browser: the default cross-validation view draws, a control in
its form reruns it with the new value (and the share link follows), another view draws from its
radio button, the page switches to Korean, and nothing shows or logs an error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from i18n import t

from .waits import rerun, wait_idle, wait_painted

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's session ``base_url`` fixture trips a pytest 9 deprecation warning (an error here).
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

CHART = ".js-plotly-plot"
# Opening a page's own URL, Streamlit's frontend first probes <page>/_stcore/health and host-config, gets
# 404 (logged as a console error) and then uses the root; nothing else may fail.
PROBES = ("/_stcore/health", "/_stcore/host-config")
PROBLEMS = """() => [...document.querySelectorAll(
    '[data-testid=stException], [data-testid=stAlertContentError]')].map(e => e.innerText)"""


def _chart(page, title: str, timeout: float = 90_000) -> None:
    page.locator(CHART).filter(has_text=title).first.wait_for(timeout=timeout)


def test_selection_lab_draws_follows_a_control_and_speaks_korean(page, app_url, console_errors, artifacts):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(f"{app_url}/model_selection", wait_until="domcontentloaded")
    page.get_by_role("heading", name=t("selection.title", lang="en")).wait_for(timeout=90_000)
    # the landing view: k-fold against hold-out, computed in the page (20 shuffles of 40 points)
    _chart(page, t("selection.cv.est.title", lang="en"))
    _chart(page, t("selection.cv.folds.title", lang="en"))
    page.get_by_text("Over 20 shuffles of the same 40 points", exact=False).first.wait_for(timeout=60_000)
    wait_idle(page)

    # a control in the form: one more data point, then Run; the verdict and the link follow
    page.locator(".st-key-model_selection-cv_n input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    rerun(page, page.get_by_role("button", name=t("selection.run", lang="en")).first.click)
    page.get_by_text("Over 20 shuffles of the same 41 points", exact=False).first.wait_for(timeout=90_000)
    expect(page).to_have_url(re.compile("cv_n=41"), timeout=30_000)

    # another view from the radio: the bias-variance decomposition of the polynomials
    rerun(
        page,
        page.locator('[data-testid="stRadio"] label')
        .filter(has_text=t("selection.view_bias_variance", lang="en"))
        .first.click,
    )
    _chart(page, t("selection.bias_variance.fig.title", lang="en"))
    page.get_by_text("Lowest measured test error at", exact=False).first.wait_for(timeout=60_000)
    expect(page).to_have_url(re.compile("view=bias_variance"), timeout=30_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "selection_bias_variance.png"), full_page=False)

    # Korean: the sidebar's language switch redraws the same view in Korean
    rerun(page, page.locator("[data-testid=stSidebar]").get_by_text("한국어", exact=True).click)
    page.get_by_role("heading", name=t("selection.title", lang="ko")).wait_for(timeout=60_000)
    _chart(page, t("selection.bias_variance.fig.title", lang="ko"))
    page.get_by_text("측정한 테스트 오차가 가장 낮은 곳은", exact=False).first.wait_for(timeout=60_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "selection_bias_variance_ko.png"), full_page=False)

    assert page.evaluate(PROBLEMS) == []
    assert all(u.endswith(PROBES) for u in missing), missing
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real
    assert len(console_errors) - len(real) <= len(missing)
