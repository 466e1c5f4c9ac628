"""The Optimizer Race in a real browser: loads cleanly, plays, takes clicks, restores links, speaks Korean."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from .waits import wait_idle, wait_painted

pytestmark = pytest.mark.browser

LIVE_CHART_JS = Path(__file__).resolve().parents[2] / "ui" / "live_chart.js"

CHARTS_READY = """(n) => {
  const gds = [...document.querySelectorAll('.js-plotly-plot')];
  return gds.length >= n && gds.every(g => g._fullData && g._fullData.length > 0);
}"""


def wait_charts(page, n: int = 2, timeout: float = 60_000) -> None:
    page.wait_for_function(CHARTS_READY, arg=n, timeout=timeout)


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_race_loads_plays_and_has_no_console_errors(page, app_url, console_errors, artifacts):
    page.goto(f"{app_url}/race")
    wait_charts(page, 2)
    wait_idle(page)
    # Streamlit called the module's default export once per chart; each made its own div, drew the
    # figure into it with Plotly (the div is the graph) and then marked it with the figure's rev.
    drawn = page.evaluate("""() => [...document.querySelectorAll('.ga-live')].map(d => ({
      graph: d.classList.contains('js-plotly-plot') && d._fullData.length > 0, rev: d.dataset.rev || ''}))""")
    assert len(drawn) == 2 and all(d["graph"] for d in drawn), drawn
    assert all(re.fullmatch(r"[0-9a-f]{12}", d["rev"]) for d in drawn), drawn  # ui/live_chart.py's hash
    page.screenshot(path=str(artifacts / "race.png"), full_page=False)
    # Play: frames advance and the comets move
    page.evaluate("""() => {
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      window.__frames = [];
      gd.on('plotly_animatingframe', e => window.__frames.push(e.name));
      window.__before = JSON.stringify(gd._fullData.find(t => t.name === 'comets').x);
    }""")
    page.locator(".updatemenu-button").first.click()
    page.wait_for_function("() => window.__frames.length >= 5", timeout=20_000)
    moved = page.evaluate("""() => {
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      return JSON.stringify(gd._fullData.find(t => t.name === 'comets').x) !== window.__before;
    }""")
    assert moved
    page.screenshot(path=str(artifacts / "race-playing.png"))
    assert not console_errors, console_errors


def test_click_on_the_map_moves_the_start(page, app_url, artifacts):
    page.goto(f"{app_url}/race")
    wait_charts(page, 2)
    wait_idle(page)
    # the pixel of (1, 0); the page snaps a click to a 0.02 grid on this 4-wide view
    x, y = page.evaluate("""() => {
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      gd.scrollIntoView();
      const r = gd.querySelector('.nsewdrag').getBoundingClientRect();
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      return [r.left + xa.l2p(1.0), r.top + ya.l2p(0.0)];
    }""")
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('rosenbrock.x0=1.0')", timeout=30_000)
    q = query(page)
    assert float(q["rosenbrock.x0"]) == 1.0 and abs(float(q["rosenbrock.y0"])) < 1e-6
    wait_charts(page, 2)
    start = page.evaluate("""() => {
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      const s = gd._fullData.find(t => t.name === 'start');
      return [s.x[0], s.y[0]];
    }""")
    assert start[0] == pytest.approx(1.0) and start[1] == pytest.approx(0.0, abs=1e-6)
    page.screenshot(path=str(artifacts / "race-clicked.png"))


def test_share_link_restores_the_view_and_korean(page, app_url, console_errors, artifacts):
    link = (
        f"{app_url}/race?lang=ko&surf=quadratic&quadratic.condition=25.0&n=2&o0=momentum"
        "&o0.momentum.lr=0.02&o1=nag&o1.nag.lr=0.02&steps=300"
    )
    page.goto(link)
    wait_charts(page, 2)
    wait_idle(page)
    body = page.inner_text("body")
    assert "옵티마이저 경주" in body and "결과" in body
    q = query(page)
    for k, v in {
        "surf": "quadratic",
        "quadratic.condition": "25.0",
        "n": "2",
        "o0": "momentum",
        "o1": "nag",
        "o1.nag.lr": "0.02",
        "steps": "300",
        "lang": "ko",
    }.items():
        assert q[k] == v, k
    names = page.evaluate("""() => document.querySelectorAll('.js-plotly-plot')[0]._fullData
        .filter(t => t.mode === 'lines' && t.showlegend !== false).map(t => t.name)""")
    assert names == ["Momentum", "NAG (Nesterov)"]  # legends name what differs, no numbers
    page.screenshot(path=str(artifacts / "race-ko.png"))
    assert not console_errors, console_errors


def test_language_switch_to_korean(page, app_url):
    page.goto(f"{app_url}/race")
    wait_charts(page, 2)
    page.locator("[data-testid=stSidebar] label").filter(has_text="한국어").first.click()
    page.wait_for_function("() => document.body.innerText.includes('옵티마이저 경주')", timeout=30_000)
    page.wait_for_function("() => location.search.includes('lang=ko')", timeout=30_000)
    assert re.search("lang=ko", page.url)


def test_a_slider_change_updates_the_charts_in_place(page, app_url, console_errors):
    """The live charts keep their DOM: a new learning rate is drawn by Plotly.react into the same div,
    the changed path is new and the unchanged surface layer is the very same trace object."""
    page.goto(f"{app_url}/race")
    wait_charts(page, 2)
    wait_idle(page)
    page.evaluate("""() => {
      const g = [...document.querySelectorAll('.ga-live')];
      window.__divs = g; window.__revs = g.map(d => d.dataset.rev);
      window.__svgs = g.map(d => d.querySelector('.main-svg'));
      const gd = g[0];
      window.__contours = gd.data.find(t => t.name === 'contours');
      window.__sgd = JSON.stringify(Array.from(gd._fullData.find(t => t.name === 'SGD').x));
    }""")
    page.locator(".st-key-race-o0-sgd-lr input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """() => { const g = [...document.querySelectorAll('.ga-live')];
                   return g.length === 2 && g.every((d, i) => d.dataset.rev !== window.__revs[i]); }""",
        timeout=30_000,
    )
    same = page.evaluate("""() => {
      const g = [...document.querySelectorAll('.ga-live')];
      const gd = g[0];
      return {
        divs: g.every((d, i) => d === window.__divs[i]),
        // Plotly.react keeps the graph's SVG; a fresh plot (Plotly.newPlot, st.plotly_chart) replaces it
        svgs: g.every((d, i) => d.querySelector('.main-svg') === window.__svgs[i]),
        contours: gd.data.find(t => t.name === 'contours') === window.__contours,
        moved: JSON.stringify(Array.from(gd._fullData.find(t => t.name === 'SGD').x)) !== window.__sgd,
        themed: gd._fullLayout.font.color.replace(/ /g, '') ===
          getComputedStyle(gd).getPropertyValue('--st-text-color').trim().replace(/ /g, ''),
      };
    }""")
    assert same == {"divs": True, "svgs": True, "contours": True, "moved": True, "themed": True}
    assert not console_errors, console_errors


def test_3d_view_draws_with_the_full_bundle_beside_the_basic_one(page, app_url, console_errors):
    page.goto(f"{app_url}/race?show3d=1&n=2&steps=200")
    wait_charts(page, 3)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ga-live')].length === 3 &&"
        " [...document.querySelectorAll('.ga-live')].every(d => d.dataset.rev)",
        timeout=60_000,
    )
    info = page.evaluate("""() => {
      const g = [...document.querySelectorAll('.ga-live')];
      return {types: g.map(d => d._fullData[0].type), libs: new Set(g.map(d => d.__gaPlotlyLib)).size,
              scripts: [...document.querySelectorAll('script[src*="/app/static/plotly"]')]
                .map(s => s.src.split('/').pop())};
    }""")
    assert info["types"] == ["scatter", "scatter", "surface"]
    assert info["libs"] == 2  # the 2-D charts on the basic bundle, the 3-D view on the full one
    assert sorted(s.startswith("plotly-basic-") for s in info["scripts"]) == [False, True]
    assert not console_errors, console_errors


def test_home_page(page, app_url, console_errors, artifacts):
    page.goto(app_url)
    page.wait_for_function("() => document.body.innerText.includes('Classroom presets')", timeout=60_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "home.png"))
    assert not console_errors, console_errors


def test_open_share_link_follows_a_slider_change(page, app_url):
    """An open share link follows a slider change."""
    page.goto(f"{app_url}/race")
    wait_charts(page, 2)
    wait_idle(page)
    assert page.locator("[data-testid=stSidebar] [data-testid=stCode]").count() == 0  # closed: not drawn
    page.locator("[data-testid=stSidebar] summary").filter(has_text="Share this view").click()
    code = page.locator("[data-testid=stSidebar] [data-testid=stCode]")
    code.wait_for(timeout=30_000)
    lr = query(page)["o0.sgd.lr"]  # the address bar keeps every control
    assert code.inner_text().strip().endswith("/race")  # the landing view's short link is the bare page
    page.locator(".st-key-race-o0-sgd-lr input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(v) => new URLSearchParams(location.search).get('o0.sgd.lr') !== v", arg=lr, timeout=30_000
    )
    new = query(page)["o0.sgd.lr"]
    assert new != lr
    page.wait_for_function(
        """(v) => { const c = document.querySelector('[data-testid=stSidebar] [data-testid=stCode]');
                    return c && (c.innerText + '&').includes('o0.sgd.lr=' + v + '&'); }""",
        arg=new,
        timeout=30_000,
    )


def test_chromium_loads_the_live_chart_module(page):
    """ui/live_chart.js is a valid ES module whose default export is a function (what Streamlit's
    components v2 call). Chromium parses it from a blob URL, without the app, so a syntax error
    fails here with the browser's own message rather than as a chart that never appears."""
    page.set_content("<!doctype html><title>module</title>")
    out = page.evaluate(
        """async (src) => {
          const url = URL.createObjectURL(new Blob([src], {type: 'text/javascript'}));
          try {
            const mod = await import(url);
            return {default: typeof mod.default, exports: Object.keys(mod),
                    bundles: typeof window.__gaPlotly};
          } catch (e) { return {error: String(e)}; }
        }""",
        LIVE_CHART_JS.read_text(encoding="utf-8"),
    )
    assert out == {"default": "function", "exports": ["default"], "bundles": "object"}, out
