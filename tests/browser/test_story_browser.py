"""The race's story in a real browser: formula cards that fit, arrows and a cursor that follow Play."""

from __future__ import annotations

import numpy as np
import pytest

import optimizers
from studies import race as rs
from tests.test_app_race import config_from_query
from ui import race_model as rm
from viz import race as rv

from .test_race_browser import query, wait_charts
from .waits import wait_idle

pytestmark = pytest.mark.browser

# every formula's display box (it scrolls when too narrow) and the card's width
CARDS = """() => [...document.querySelectorAll('.katex-display')].map(d => ({
  text: d.textContent.slice(0, 40), scroll: d.scrollWidth, client: d.clientWidth,
  width: d.querySelector('.katex-html').getBoundingClientRect().width,
  card: d.closest('[data-testid="stElementContainer"]').clientWidth}))"""


@pytest.mark.parametrize("width", [1280, 1440])
def test_every_update_rule_formula_fits_its_card(page, app_url, width):
    names = optimizers.names()
    q = "&".join([f"n={len(names)}", "steps=20"] + [f"o{i}={n}" for i, n in enumerate(names)])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{app_url}/race?{q}")
    wait_charts(page, 2)
    wait_idle(page)
    page.wait_for_function(f"() => document.querySelectorAll('.katex-display').length >= {len(names)}")
    cards = page.evaluate(CARDS)
    assert len(cards) >= len(names), cards
    bad = [c for c in cards if c["scroll"] > c["client"] or c["width"] > c["card"]]
    assert not bad, bad


# the map's frames as Play shows them (names, in order); Play and Pause are the in-chart buttons
WATCH = """() => {
  const gd = document.querySelectorAll('.ga-live')[0];
  window.__shown = [];
  gd.on('plotly_animatingframe', e => window.__shown.push(e.name));
}"""

STATE = """() => {
  const [map, curves] = document.querySelectorAll('.ga-live');
  const pick = (gd, name) => gd._fullData.filter(t => t.name === name).map(t => [[...t.x], [...t.y]]);
  return {frame: window.__shown[window.__shown.length - 1], grad: pick(map, 'grad'),
          moment: pick(map, 'moment'), cursor: pick(curves, 'cursor')};
}"""


def test_arrows_and_cursor_at_a_frame_are_that_steps_values(page, app_url):
    """Paused during Play at frame j (step k), the arrows start at each run's w_k and point along
    -g_k and -v_k (SGD, without velocity, has no velocity arrow), and the curves' cursor stands at
    step k: the values of step k, not of "Step shown"."""
    page.goto(f"{app_url}/race?n=2&o0=sgd&o1=momentum&steps=200&at=0&ov=grad,moment&speed=60")
    wait_charts(page, 2)
    wait_idle(page)
    cfg = config_from_query(query(page))
    res = rm.simulate_config(cfg)
    vec = rs.vectors(res.path, res.aux)
    fidx = rv.animation_steps(res.path.shape[1], 0)
    page.evaluate(WATCH)
    before = page.evaluate(STATE)
    page.locator(".updatemenu-button").first.click()
    page.wait_for_function("() => window.__shown.length >= 8", timeout=30_000)
    page.locator(".updatemenu-button").nth(1).click()  # Pause
    page.wait_for_timeout(600)  # the curves follow the map's last frame
    now = page.evaluate(STATE)
    k = int(fidx[int(now["frame"])])
    assert k > 0 and now["grad"] != before["grad"]  # the arrows moved with the frames
    for kind, field in (("grad", vec.grad), ("moment", vec.moment)):
        assert len(now[kind]) == 2, now[kind]
        for i, (x, y) in enumerate(now[kind]):
            tail, head = np.array([x[0], y[0]]), np.array([x[1], y[1]])
            if not np.any(field[i, k]):  # SGD has no velocity: no arrow (NaN), not a zero-length one
                assert np.all(np.isnan([*tail, *head])), (kind, i, k, x, y)
                continue
            np.testing.assert_allclose(tail, res.path[i, k], rtol=1e-5, atol=1e-5)
            want = -field[i, k] / np.linalg.norm(field[i, k])
            got = (head - tail) / np.linalg.norm(head - tail)
            assert got @ want > 1 - 1e-4, (kind, i, k, got, want)
    # each panel's cursor: a vertical line at step k, then each run's point at step k
    assert now["cursor"], now
    for x, _ in now["cursor"]:
        xs = np.array([v for v in x if v is not None], float)
        np.testing.assert_array_equal(xs[np.isfinite(xs)], k)
