"""How a class uses the app, in real Chromium on one server: switch the language and keep clicking;
two browsers (a teacher's and a student's) open every page and the Batch lab's presets."""

from __future__ import annotations

import re

import pytest

import presets
from i18n import t

from .waits import rerun, wait_idle

pytestmark = pytest.mark.browser

PROBLEMS = """() => [...document.querySelectorAll(
    '[data-testid=stException], [data-testid=stAlertContentError]')].map(e => e.innerText)"""


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the script run (and a job's progress box) is over."""
    wait_idle(page, timeout)
    page.wait_for_function("() => !document.body.innerText.includes('Computing…')", timeout=timeout)
    wait_idle(page, timeout)


def act(page, action, timeout: float = 60_000) -> None:
    """Do ``action`` and wait until the run it causes (and a job it starts) is over."""
    rerun(page, action, timeout)
    settle(page, timeout)


def problems(page) -> list[str]:
    return page.evaluate(PROBLEMS)


def slider_step(page, key: str) -> None:
    page.locator(f".st-key-{key} input[type=range]").first.focus()
    act(page, lambda: page.keyboard.press("ArrowRight"))


def to_korean(page) -> None:
    act(page, page.locator("[data-testid=stSidebar]").get_by_text("한국어", exact=True).click)
    assert page.locator("[data-testid=stSidebar]").get_by_text("수업용 프리셋").count() >= 1


def choose(page, key: str, label: str) -> None:
    """Pick ``label`` in the selectbox with widget key ``key``."""
    box = page.locator(f".st-key-{key} input[role=combobox]").first
    box.click()
    box.fill(label)  # typing filters the options, as a user does
    page.get_by_role("option", name=label, exact=True).first.wait_for(timeout=10_000)
    act(page, lambda: box.press("Enter"))


def test_language_switch_then_every_kind_of_control(page, app_url, console_errors):
    # Race: a slider, a selectbox (its options are translated), a toggle
    page.goto(f"{app_url}/race?steps=100&n=2")
    settle(page)
    to_korean(page)
    slider_step(page, "race-steps")
    assert not problems(page), problems(page)
    choose(page, "race-sched", t("race.sched.cosine", lang="ko"))
    assert not problems(page), problems(page)
    assert "sched=cosine" in page.url
    # back to English, and a choice widget again: the labels it holds are Korean now
    act(page, page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click)
    choose(page, "race-sched", t("race.sched.constant", lang="en"))
    assert not problems(page), problems(page)
    # LR lab: the view radio; Batch lab: its view radio and a slider
    page.goto(f"{app_url}/lr_lab?steps=50")
    settle(page)
    to_korean(page)
    act(page, page.get_by_text(t("lr.view.sweep", lang="ko"), exact=True).click)
    assert not problems(page), problems(page)
    page.goto(f"{app_url}/batch_lab?view=concept")
    settle(page)
    to_korean(page)
    slider_step(page, "batch_lab-c_shift")
    assert not problems(page), problems(page)
    assert not console_errors, console_errors


def _visit(context, url: str, preset: str = "", ready: str = "") -> tuple[list[str], str]:
    page = context.new_page()
    page.goto(url)
    settle(page, timeout=180_000)
    if preset:  # the home page's Open button, as a teacher does it
        act(page, page.locator(f".st-key-home-open-{preset} button").click, timeout=180_000)
        page.wait_for_url("**/batch_lab**", timeout=60_000)
    page.wait_for_function(
        ready
        or "() => document.querySelectorAll('.js-plotly-plot').length > 0 || location.pathname.length <= 1",
        timeout=60_000,
    )
    settle(page, timeout=60_000)
    found = problems(page)
    # what the visitor reads: every text block of the page (tables are canvas grids, not text)
    tables = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] "
        "[data-testid=stMarkdownContainer]')].map(e => e.innerText).join('\\n')"
    )
    page.close()
    return found, re.sub(r"\b\d+(\.\d+)? ?(s|초)\b", "<time>", tables)  # "done in 0.10 s" varies


@pytest.mark.parametrize("path", ["", "race", "lr_lab", "batch_lab", "batch_lab?view=basins"])
def test_two_browsers_open_every_page_and_see_the_same(browser, app_url, path):
    first = browser.new_context(viewport={"width": 1280, "height": 900})
    second = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        p1, tables1 = _visit(first, f"{app_url}/{path}")
        p2, tables2 = _visit(second, f"{app_url}/{path}")
    finally:
        first.close()
        second.close()
    assert not p1 and not p2, (p1, p2)
    assert tables1 == tables2


@pytest.mark.parametrize("preset", [p.id for p in presets.for_page("batch_lab")])
def test_two_browsers_open_each_batch_lab_preset(browser, app_url, preset):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        view = presets.REGISTRY[preset].values.get("view", "network")
        ready = {
            "network": "() => document.querySelectorAll('[data-testid=stDataFrame]').length > 0",
            "basins": "() => document.querySelectorAll('.js-plotly-plot').length >= 2",
            "concept": "() => document.querySelectorAll('.js-plotly-plot').length >= 1",
        }[view]
        (p1, tables1), (p2, tables2) = (_visit(c, app_url, preset, ready) for c in contexts)
    finally:
        for c in contexts:
            c.close()
    assert not p1 and not p2, (p1, p2)
    assert tables1 == tables2
