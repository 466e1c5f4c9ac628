"""Lessons and the presenter view in real Chromium: at 1280 x 720 the Race map and its caption fit
above the fold with large text, → / ← move through the lesson (across pages), Space plays and pauses
the race, and preset titles are shown whole."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

import presets
from i18n import pick
from presets import lessons

from .conftest import Errors
from .waits import wait_idle, wait_painted

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
MAP_READY = """() => { const g = document.querySelector('.js-plotly-plot');
  return !!g && !!g._fullLayout && !!document.querySelector('.st-key-ga_caption [data-testid=stAlert]'); }"""
BOXES = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, height: r.height}; };
  const gd = document.querySelector('.js-plotly-plot');
  const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
  return {map: box(gd), caption: box(document.querySelector('.st-key-ga_caption')),
          tick: px('.js-plotly-plot .xtick text'), legend: px('.js-plotly-plot .legendtext'),
          caption_px: px('.st-key-ga_caption [data-testid=stMarkdownContainer] p'),
          body_px: parseFloat(getComputedStyle(document.body).fontSize),
          sidebar: document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right};
}"""


def step_of(pid: str) -> int:
    return lessons.notes_steps().index(pid) + 1


def race_steps() -> list[int]:
    return [i + 1 for i, pid in enumerate(lessons.notes_steps()) if presets.get(pid).page == "race"]


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def open_presenter(page, app_url: str, step: int) -> None:
    page.goto(f"{app_url}/race?s={step}&present=1")
    page.wait_for_function(MAP_READY, timeout=120_000)
    wait_painted(page, 60_000)


def shown_step(page) -> str:
    return page.locator(".st-key-ga_step").inner_text()


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    yield context.new_page()
    context.close()


def test_presenter_view_fits_the_map_and_its_caption_above_the_fold(projector, app_url, artifacts):
    page = projector
    console_errors = Errors()
    page.on(
        "console",
        lambda m: (
            console_errors.append(f"{m.text} {m.location.get('url', '')}") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    steps = lessons.notes_steps()
    # every Race step of the lesson, the longest caption included
    for n in race_steps():
        open_presenter(page, app_url, n)
        b = page.evaluate(BOXES)
        assert b["sidebar"] <= 0, b  # collapsed: the controls are there, out of the way
        assert b["map"]["height"] >= 400 and b["caption"]["bottom"] <= PROJECTOR["height"], (n, b)
        assert b["map"]["bottom"] <= b["caption"]["top"]  # the caption is under the chart
        assert b["tick"] >= 1.5 * 13 and b["legend"] >= 1.5 * 13, b  # chart text 13 px -> 20.8 px
        assert b["caption_px"] >= 1.5 * b["body_px"], b
        assert shown_step(page).startswith(f"{n} / {len(steps)}")
        caption = page.locator(".st-key-ga_caption").inner_text()
        assert pick(presets.get(steps[n - 1]).lesson, "en")[:30] in caption
        if steps[n - 1] in ("lr_stability_limit", "sam_flat_minimum"):
            page.screenshot(path=str(artifacts / f"presenter-race-{steps[n - 1]}.png"))
    assert not console_errors, console_errors


def test_keys_move_through_the_lesson_across_pages(projector, app_url, artifacts):
    page = projector
    total = len(lessons.notes_steps())
    start = step_of("momentum_vs_nag")  # the step after it is on the LR lab, the one before too
    open_presenter(page, app_url, start)
    assert shown_step(page).startswith(f"{start} / {total}")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(n) => new URLSearchParams(location.search).get('s') === String(n)", arg=start + 1, timeout=60_000
    )
    page.wait_for_url("**/lr_lab?**", timeout=60_000)
    page.wait_for_function(
        "(t) => document.querySelector('.st-key-ga_step')?.innerText.startsWith(t)",
        arg=f"{start + 1} / {total}",
        timeout=60_000,
    )
    wait_idle(page, 120_000)
    page.screenshot(path=str(artifacts / "presenter-lr-lab.png"))
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/race?**", timeout=60_000)
    page.wait_for_function(MAP_READY, timeout=120_000)
    page.wait_for_function(
        "(t) => document.querySelector('.st-key-ga_step')?.innerText.startsWith(t)",
        arg=f"{start} / {total}",
        timeout=60_000,
    )
    q = query(page)
    assert q["s"] == str(start) and q["present"] == "1" and q["surf"] == "quadratic"
    # a key pressed in a field is the field's: no step
    wait_idle(page)
    field = page.locator(".st-key-race-ov input").first
    field.click()
    field.press("ArrowRight")
    page.wait_for_timeout(1500)
    assert query(page)["s"] == str(start) and shown_step(page).startswith(f"{start} / {total}")


def test_space_plays_and_pauses_the_race(projector, app_url):
    page = projector
    open_presenter(page, app_url, step_of("adam_vs_sgd_rosenbrock"))
    page.evaluate("""() => {
      const gd = document.querySelector('.js-plotly-plot');
      window.__frames = 0;
      gd.on('plotly_animatingframe', () => { window.__frames += 1; });
      document.activeElement && document.activeElement.blur && document.activeElement.blur();
    }""")
    page.keyboard.press("Space")
    page.wait_for_function("() => window.__frames >= 5", timeout=20_000)
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    paused = page.evaluate("() => window.__frames")
    page.wait_for_timeout(1000)
    assert page.evaluate("() => window.__frames") == paused  # stopped
    assert query(page)["s"] == str(step_of("adam_vs_sgd_rosenbrock"))  # Space never steps the lesson
    page.keyboard.press("Space")
    page.wait_for_function("(n) => window.__frames > n + 3", arg=paused, timeout=20_000)  # and plays on


def test_preset_titles_are_shown_whole(projector, app_url, artifacts):
    page = projector
    longest = max(presets.for_page("race"), key=lambda p: len(pick(p.title, "en")))
    page.goto(f"{app_url}/race?p={longest.id}")
    page.wait_for_function("() => !!document.querySelector('.js-plotly-plot')?._fullLayout", timeout=120_000)
    wait_painted(page)
    sidebar = page.locator("[data-testid=stSidebar]").inner_text()
    assert pick(longest.title, "en") in sidebar  # the chosen title, whole, under the picker
    page.locator(".st-key-_ga_preset-race input[role=combobox]").first.click()
    page.locator("[role=option]").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    options = page.evaluate("""() => [...document.querySelectorAll('[role=option] > div')].map(d =>
        ({text: d.innerText, right: d.getBoundingClientRect().right,
          clipped: d.scrollWidth > d.clientWidth + 1 || d.scrollHeight > d.clientHeight + 1}))""")
    page.screenshot(path=str(artifacts / "preset-dropdown.png"))
    titles = [pick(p.title, "en") for p in presets.for_page("race")]
    assert [o["text"] for o in options][1:] == titles
    assert not [o for o in options if o["clipped"] or o["right"] > PROJECTOR["width"]], options
