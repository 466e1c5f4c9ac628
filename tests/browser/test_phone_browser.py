"""A student's phone (issue #12.4-5): every page at 390 x 844 with touch, in both languages.

- the page never scrolls sideways: nothing sticks out of the screen except inside a box that scrolls
  on its own (a wide table scrolls inside its box);
- charts fit the screen, their text is at least 10 px and nothing outside the chart (Plotly's
  toolbar included) covers it;
- a page with controls beside its figures shows the figures first;
- in Korean every text breaks only between words (``word-break: keep-all``);
- every control lies on the screen with nothing over it;
- on the Race page the map is on the first screen, a tap on it sets the start, and a tap on a control
  changes it.

The pages come from ``ui.nav.PAGES``: a page added later is checked as soon as it is listed.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from ui.layout import FIGURES_KEY
from ui.nav import PAGES

from .test_race_browser import CHARTS_READY
from .waits import rerun, wait_painted

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
PHONE = {
    "viewport": {"width": WIDTH, "height": HEIGHT},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
MIN_FONT_PX = 10.0

# What sticks out of the screen, the charts' text and the Korean line breaking, measured in the page.
MEASURE = """(figuresKey) => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  const name = e => e.tagName.toLowerCase()
    + (e.dataset && e.dataset.testid ? '[' + e.dataset.testid + ']' : '')
    + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
  // inside a box that scrolls or clips sideways (below the page's own scroller), sticking out is fine
  const boxed = e => {
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const out = [];
  for (const e of main.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.right > vw + 0.5 || r.left < -0.5) && !boxed(e)) out.push(name(e));
  }
  const charts = [];
  for (const gd of main.querySelectorAll('.js-plotly-plot')) {
    const r = gd.getBoundingClientRect();
    if (r.width === 0) continue;  // in a tab that is not shown
    gd.scrollIntoView({block: 'center'});
    const texts = [], small = [], covered = [];
    for (const tx of gd.querySelectorAll('svg text')) {
      const b = tx.getBoundingClientRect();
      const cs = getComputedStyle(tx);  // text drawn in a transparent colour is not shown (slider ticks)
      const unseen = cs.visibility === 'hidden' || cs.fill === 'rgba(0, 0, 0, 0)' || cs.fill === 'none'
        || parseFloat(cs.fillOpacity) === 0 || parseFloat(cs.opacity) === 0;
      if (!tx.textContent.trim() || b.width === 0 || unseen) continue;
      texts.push(tx);
      const size = parseFloat(getComputedStyle(tx).fontSize);
      if (size < MIN_FONT_PX) small.push(tx.textContent.trim().slice(0, 30) + ' ' + size + 'px');
      const cx = b.left + b.width / 2, cy = b.top + b.height / 2;
      if (cy < 0 || cy > innerHeight) continue;
      const top = document.elementFromPoint(cx, cy);
      if (top && (!gd.contains(top) || top.closest('.modebar-container'))) {
        covered.push(tx.textContent.trim().slice(0, 30) + ' under ' + name(top));
      }
    }
    // Play and Pause beside the frame slider: the slider's rail starts right of them
    const menu = gd.querySelector('.updatemenu-container'), rail = gd.querySelector('.slider-rail-rect');
    const box = e => e.getBoundingClientRect();
    const overlap = menu && rail ? box(menu).right - box(rail).left : null;
    charts.push({left: r.left, right: r.right, texts: texts.length, small, covered, overlap,
                 toolbar: [...gd.querySelectorAll('.modebar-container')].some(m => m.offsetParent !== null)});
  }
  main.scrollTo(0, 0);
  // the figures' column against the controls' column beside it
  const fig = main.querySelector('.st-key-' + figuresKey);
  let order = null;
  if (fig) {
    const col = fig.closest('[data-testid=stColumn]');
    const others = [...col.parentElement.children].filter(c => c !== col && c.dataset.testid === 'stColumn');
    const top = c => c.getBoundingClientRect().top;
    order = {figures: top(col), controls: others.map(top)};
  }
  // every element whose own text is Korean, and how it may break
  const breaks = [];
  for (const e of main.querySelectorAll('*')) {
    if (e.closest('svg, code, pre, .katex')) continue;
    const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
    if (/[\\uac00-\\ud7a3]/.test(own) && getComputedStyle(e).wordBreak !== 'keep-all') breaks.push(name(e));
  }
  return {scroll: [main.scrollWidth - main.clientWidth,
                   document.documentElement.scrollWidth - document.documentElement.clientWidth],
          out, charts, order, breaks};
}""".replace("MIN_FONT_PX", repr(MIN_FONT_PX))


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def open_page(phone, app_url: str, url: str, lang: str) -> None:
    phone.goto(f"{app_url}/{'' if url == 'home' else url}?lang={lang}")
    wait_painted(phone, timeout=180_000)
    if url == "race":  # its live charts are created once plotly.js has loaded
        phone.wait_for_function(CHARTS_READY, arg=2, timeout=60_000)
        wait_painted(phone)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("url", [p.url for p in PAGES])
def test_every_page_fits_a_phone(phone, app_url, artifacts, url, lang):
    open_page(phone, app_url, url, lang)
    m = phone.evaluate(MEASURE, FIGURES_KEY)
    phone.screenshot(path=str(artifacts / f"phone-{url}-{lang}.png"))
    assert m["scroll"] == [0, 0], m["out"]  # the page never scrolls sideways
    assert not m["out"], m["out"]
    for chart in m["charts"]:
        assert 0 <= chart["left"] and chart["right"] <= WIDTH, chart
        assert chart["texts"] and not chart["small"] and not chart["covered"], chart
        assert not chart["toolbar"], chart
        assert chart["overlap"] is None or chart["overlap"] <= 0, chart
    if m["order"] is not None:
        assert all(m["order"]["figures"] < top for top in m["order"]["controls"]), m["order"]
    if lang == "ko":
        assert not m["breaks"], m["breaks"][:10]
    controls = phone.evaluate(CONTROLS)  # every control on the screen, nothing over it
    assert not controls["bad"], controls


MAP_PIXEL = """([x, y]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const r = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return [r.left + gd._fullLayout.xaxis.l2p(x), r.top + gd._fullLayout.yaxis.l2p(y)];
}"""
START = """() => {
  const s = document.querySelector('.js-plotly-plot')._fullData.find(t => t.name === 'start');
  return [s.x[0], s.y[0]];
}"""


def test_the_race_map_comes_first_and_a_tap_sets_the_start(phone, app_url, artifacts):
    open_page(phone, app_url, "race", "en")
    top = phone.evaluate("() => document.querySelector('.js-plotly-plot').getBoundingClientRect().top")
    assert 0 < top < HEIGHT / 2  # the map starts in the upper half of the first screen
    phone.evaluate("() => document.querySelector('.js-plotly-plot').scrollIntoView({block: 'center'})")
    x, y = phone.evaluate(MAP_PIXEL, [1.0, 0.0])
    phone.touchscreen.tap(x, y)  # the page snaps it to a 0.02 grid on this 4-wide view
    phone.wait_for_function("() => location.search.includes('rosenbrock.x0=1.0')", timeout=30_000)
    q = query(phone)
    assert float(q["rosenbrock.x0"]) == 1.0 and abs(float(q["rosenbrock.y0"])) < 1e-6
    phone.wait_for_function(
        f"() => {{ const s = ({START})(); return s[0] === 1 && Math.abs(s[1]) < 1e-9; }}", timeout=30_000
    )
    phone.screenshot(path=str(artifacts / "phone-race-tapped.png"))


# Every control of the page: scrolled into view, it lies on the screen and nothing covers its middle.
CONTROLS = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  const sel = 'input:not([type=hidden]), button, summary, '
    + '[role=slider], [role=combobox], [role=radio], [role=checkbox]';
  const bad = [];
  let n = 0;
  for (const c of main.querySelectorAll(sel)) {
    if (c.closest('.js-plotly-plot, [data-testid=stDataFrame]') || c.offsetParent === null) continue;
    const closed = c.closest('details:not([open])');  // in a collapsed section: its header is the control
    if (closed && !c.closest('summary')) continue;
    // a slider's input is visually hidden (a 1-px clipped box) inside the thumb that shows it
    let shown = c;
    for (let a = c.parentElement, k = 0; a && k < 3; a = a.parentElement, k++) {
      if (a.getBoundingClientRect().width <= 1 && getComputedStyle(a).overflow === 'hidden') {
        shown = a.parentElement;
        break;
      }
    }
    let r = shown.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const hit = c.closest('[data-testid=stElementContainer], [data-testid=stExpander]') || c;
    shown.scrollIntoView({block: 'center'});
    r = shown.getBoundingClientRect();
    n += 1;
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.left < -0.5 || r.right > vw + 0.5 || !at || !hit.contains(at)) {
      bad.push((c.getAttribute('aria-label') || c.textContent || c.tagName).trim().slice(0, 40)
               + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return {n, bad};
}"""


def test_every_race_control_can_be_tapped(phone, app_url):
    open_page(phone, app_url, "race", "en")
    found = phone.evaluate(CONTROLS)
    assert found["n"] > 20 and not found["bad"], found
    # a real tap: "+" of the start's y moves the start by one step
    y0 = float(phone.get_by_label("Start y").input_value())
    plus = phone.locator("[data-testid=stNumberInput]").filter(has_text=re.compile("^Start y"))
    rerun(phone, lambda: plus.locator("[data-testid=stNumberInputStepUp]").tap())
    phone.wait_for_function(
        f"() => Number(new URLSearchParams(location.search).get('rosenbrock.y0')) > {y0}", timeout=30_000
    )
