"""The Batch-size lab in a real browser: a shared link restores a tiny study, its charts draw, no errors."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from .waits import wait_idle, wait_painted

pytestmark = pytest.mark.browser

TINY = {
    "steps": "100",
    "n_train": "256",
    "batches": "8,32,256",
    "seeds": "2",
    "width": "8",
    "depth": "2",
    "opt": "sgd",
    "lr": "0.3",
    "label_noise": "0.2",
}

CHARTS_READY = """(n) => {
  const gds = [...document.querySelectorAll('.js-plotly-plot')];
  return gds.length >= n && gds.slice(0, n).every(g => g._fullData && g._fullData.length > 0);
}"""
# the first chart on view (in the open tab) is drawn with n traces
VISIBLE_CHART_READY = """(n) => {
  const g = [...document.querySelectorAll('.js-plotly-plot')].find(g => g.getClientRects().length > 0);
  return !!g && !!g._fullData && g._fullData.length === n;
}"""


def test_shared_link_runs_the_study_and_draws(page, app_url, console_errors, artifacts):
    page.goto(f"{app_url}/batch_lab?{urlencode(TINY)}")
    page.wait_for_function(CHARTS_READY, arg=1, timeout=180_000)
    wait_idle(page, timeout=120_000)
    q = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert q["batches"] == "8,32,256" and q["seeds"] == "2" and q["view"] == "network"
    # the first chart holds one solid and one dashed curve per batch size
    n_traces = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0]._fullData.length")
    assert n_traces == 6
    # one figure is drawn at a time: the chooser above it sends the next one and names it in the link
    assert page.locator(".js-plotly-plot").count() == 2  # the curves: loss and accuracy
    figure = page.locator(".st-key-batch_lab-fig")
    figure.get_by_text("Gap", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(g => g._fullLayout && "
        "(g._fullLayout.title.text || '').includes('Generalization gap'))",
        timeout=30_000,
    )
    page.wait_for_url("**fig=gap**", timeout=30_000)
    # the slices: their panels share one colour axis
    figure.get_by_text("2-D slices", exact=True).click()
    shared = page.wait_for_function(
        """() => {
        const panels = [...document.querySelectorAll('.js-plotly-plot')]
          .filter(g => g.getClientRects().length > 0 && g._fullData)
          .map(g => g._fullData.filter(t => t.type === 'contour').map(t => t.coloraxis))
          .filter(a => a.length === 3);
        return panels.length ? panels : null;
    }""",
        timeout=30_000,
    ).json_value()
    assert set(shared[0]) == {"coloraxis"}
    figure.get_by_text("Curves", exact=True).click()
    page.wait_for_function(VISIBLE_CHART_READY, arg=6, timeout=30_000)  # the curves: 3 batch sizes x 2
    wait_painted(page)
    page.screenshot(path=str(artifacts / "batch_lab.png"), full_page=False)
    assert not console_errors, console_errors
