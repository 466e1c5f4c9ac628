"""The Batch-size lab in a real browser: a shared link restores a tiny study, its charts draw, no errors."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import pytest

pytestmark = pytest.mark.browser

TINY = {"steps": "100", "n_train": "256", "batches": "8,32,256", "seeds": "2", "width": "8", "depth": "2",
        "opt": "sgd", "lr": "0.3", "label_noise": "0.2"}

CHARTS_READY = """(n) => {
  const gds = [...document.querySelectorAll('.js-plotly-plot')];
  return gds.length >= n && gds.slice(0, n).every(g => g._fullData && g._fullData.length > 0);
}"""


def test_shared_link_runs_the_study_and_draws(page, app_url, console_errors, artifacts):
    page.goto(f"{app_url}/batch_lab?{urlencode(TINY)}")
    page.wait_for_function(CHARTS_READY, arg=1, timeout=180_000)
    page.wait_for_timeout(500)
    idle = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    page.wait_for_function(idle, timeout=120_000)
    q = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert q["batches"] == "8,32,256" and q["seeds"] == "2" and q["view"] == "network"
    # the first chart holds one solid and one dashed curve per batch size
    n_traces = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0]._fullData.length")
    assert n_traces == 6
    assert page.get_by_text("Generalization gap", exact=False).count() >= 1
    # open the slices tab: its panels share one colour axis
    page.get_by_role("tab", name="2-D slices").click()
    page.wait_for_timeout(1000)
    shared = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .map(g => g._fullData.filter(t => t.type === 'contour').map(t => t.coloraxis))
        .filter(a => a.length === 3)""")
    assert shared and set(shared[0]) == {"coloraxis"}
    page.get_by_role("tab", name="Curves").click()
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "batch_lab.png"), full_page=False)
    assert not console_errors, console_errors
