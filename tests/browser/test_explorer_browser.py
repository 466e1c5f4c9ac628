"""The Landscape explorer in a real browser: the critical points chart is drawn, and a click on a basin
map draws the paths of both settings from the clicked start (what AppTest cannot do)."""

from __future__ import annotations

import pytest

from .waits import wait_painted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

CHART = ".js-plotly-plot"
PATHS = (
    "() => [...document.querySelectorAll('.js-plotly-plot')].some("
    "g => (g._fullData || []).filter(d => d.meta === 'path').length === 2)"
)


def test_critical_points_then_click_a_basin_pixel(page, app_url, console_errors, artifacts):
    page.goto(app_url + "/explorer", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Landscape explorer").wait_for(timeout=120_000)
    page.get_by_text("9 critical points in the view").wait_for(timeout=120_000)
    page.locator(CHART).first.wait_for(timeout=90_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "explorer_critical.png"), full_page=False)

    page.goto(
        app_url + "/explorer?view=basins&surf=himmelblau&b_n=32&b_steps=200", wait_until="domcontentloaded"
    )
    page.get_by_text("Click a pixel").wait_for(timeout=120_000)
    chart = page.locator(CHART).first
    chart.wait_for(timeout=90_000)
    wait_painted(page)
    box = chart.locator(".nsewdrag").first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 0.7 * box["width"], box["y"] + 0.3 * box["height"])
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + 0.7 * box["width"], box["y"] + 0.3 * box["height"])
    page.get_by_text("Paths of both settings from the start").wait_for(timeout=90_000)
    page.wait_for_function(PATHS, timeout=90_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "explorer_basins_click.png"), full_page=False)
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real


def test_escape_race_animates_on_the_race_map(page, app_url, console_errors, artifacts):
    page.goto(app_url + "/explorer?view=escape&surf=saddle&e_lr=0.05", wait_until="domcontentloaded")
    page.get_by_text("steps to leave the ball").first.wait_for(timeout=120_000)
    live = (
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(g => (g._fullData || []).some(d => d.name === 'Adam'))"
    )
    page.wait_for_function(live, timeout=90_000)
    page.locator(".updatemenu-button").first.click()
    page.wait_for_timeout(1500)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "explorer_escape.png"), full_page=False)
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real


def test_network_path_plays_on_its_pca_plane(page, app_url, console_errors, artifacts):
    page.goto(
        app_url + "/explorer?view=network&p_steps=300&p_records=30&p_grid=31", wait_until="domcontentloaded"
    )
    page.get_by_text("The first two PCA directions of the path explain").wait_for(timeout=180_000)
    find = (
        "[...document.querySelectorAll('.js-plotly-plot')]"
        ".find(g => (g._fullData || []).some(d => d.name === 'training path'))"
    )
    page.wait_for_function(f"() => !!({find})", timeout=90_000)
    page.evaluate(
        f"() => {{ const g = {find}; window._frames = [];"
        " g.on('plotly_animatingframe', e => window._frames.push(e.name)); }"
    )
    page.locator(".updatemenu-button").first.click()
    page.wait_for_function("() => window._frames.length >= 5", timeout=30_000)
    # the plane's image survives the animation (a layout image, not a contour trace)
    assert page.evaluate(f"() => ({find}).layout.images.length") == 1
    wait_painted(page)
    page.screenshot(path=str(artifacts / "explorer_network.png"), full_page=False)
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real


def test_escape_ball_is_round_and_hd_view_draws_its_two_charts(page, app_url, console_errors, artifacts):
    page.goto(app_url + "/explorer?view=escape&surf=saddle&e_lr=0.05", wait_until="domcontentloaded")
    find = (
        "[...document.querySelectorAll('.js-plotly-plot')]"
        ".find(g => (g._fullData || []).some(d => d.name === 'ball of radius r'))"
    )
    page.wait_for_function(f"() => !!({find})", timeout=120_000)
    wait_painted(page)
    # equal scale on both axes: the ball of radius r is as wide as it is tall on the screen
    w, h = page.evaluate(
        f"() => {{ const g = {find}; const xa = g._fullLayout.xaxis, ya = g._fullLayout.yaxis;"
        " return [xa._length / (xa.range[1] - xa.range[0]), ya._length / (ya.range[1] - ya.range[0])]; }"
    )
    assert w == pytest.approx(h, rel=0.02)
    # the high-dimension view's default result ships precomputed: both charts at once, y on a log axis
    page.goto(app_url + "/explorer?view=hd", wait_until="domcontentloaded")
    page.get_by_text("Share of minima:").first.wait_for(timeout=120_000)
    logy = (
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(g => (g._fullData || []).some(d => d.meta === 'goe_exact')"
        " && g._fullLayout.yaxis.type === 'log')"
    )
    page.wait_for_function(logy, timeout=90_000)
    mlp = (
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(g => (g._fullData || []).some(d => d.meta === 'mlp'))"
    )
    page.wait_for_function(mlp, timeout=90_000)
    wait_painted(page)
    page.screenshot(path=str(artifacts / "explorer_hd.png"), full_page=False)
    real = [e for e in console_errors if not ("Failed to load resource" in e and "404" in e)]
    assert not real, real
