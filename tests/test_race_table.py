"""The Race page's results table says where each run ended (global / local minimum or neither), the
loss above the minimum, steps actually taken, and why a run diverged (studies/endings.py)."""

from __future__ import annotations

import numpy as np
import pytest

import landscapes
import optimizers
import presets
from studies import endings
from ui.testing import app_test, errors

PAGE = "pages/race.py"


def table(at) -> list[list[str]]:
    """The results table's rows (cells as text, the colour dot dropped)."""
    (md,) = [m.value for m in at.markdown if "| " in m.value and ("Ended at" in m.value)]
    lines = md.splitlines()
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    return [dict(zip(head, [r[0].split("</span>")[-1].strip(), *r[1:]], strict=True)) for r in rows]


def test_minima_of_sharp_flat_are_the_global_sharp_well_and_the_local_flat_one():
    found = endings.minima(landscapes.get("sharp_flat"))
    assert [m.is_global for m in found] == [True, False]
    np.testing.assert_allclose(found[0].xy, (-1.4944092401393092, 0.0), atol=1e-6)
    np.testing.assert_allclose(found[1].xy, (1.40923, 0.0), atol=1e-4)
    assert found[1].value == pytest.approx(-0.89429, abs=1e-4)


def test_endings_classify_by_distance_and_divergence():
    # two wells: (x^2 - 1)^2 + 0.3 x + y^2 has its global minimum near x = -1, a local one near +1
    s = landscapes.from_expression("(x**2 - 1)**2 + 0.3*x + y**2")
    found = endings.minima(s)
    assert [m.is_global for m in found] == [True, False]
    g, loc = found
    assert g.xy[0] < -0.9 and loc.xy[0] > 0.9 and g.curvature > 0
    # "at" a minimum: within 1% of the 6-wide view; else the basin that gradient descent reaches
    w = np.array([[g.xy[0] + 0.05, 0.0], [loc.xy[0], 0.04], [0.6, 1.5], [0.0, 0.0]])
    e = endings.endings(w, np.array([0.1, 1.2, 3.0, np.nan]), np.array([-1, -1, -1, 4]), found, s)
    assert [(x.kind, x.at) for x in e] == [
        ("global", True),
        ("local", True),
        ("local", False),
        ("diverged", True),
    ]
    assert e[2].minimum == loc and e[2].distance == pytest.approx(np.hypot(0.6 - loc.xy[0], 1.5 - loc.xy[1]))
    assert e[2].value == 3.0


def test_sam_preset_table_says_sam_ends_in_the_flat_local_basin():
    (preset,) = [p for p in presets.for_page("race") if p.id == "sam_flat_minimum"]
    at = app_test().run()
    at.button(key="home:open:sam_flat_minimum").click().run()
    assert not errors(at), errors(at)
    rows = table(at)
    assert [r["Optimizer"] for r in rows] == ["SGD", "Momentum", "SAM"]
    assert rows[0]["Ended at"].startswith("global minimum (-1.494")
    assert rows[1]["Ended at"].startswith("global minimum (-1.494")
    assert rows[2]["Ended at"].startswith("in the basin of the local minimum (1.409")
    assert preset.values["n"] == 3


def test_a_formula_gets_its_minimum_found_and_the_tolerance_measured():
    q = {
        "surf": "custom",
        "expr": "x**2 + 10*y**2",
        "n": "1",
        "o0": "adam",
        "o0.adam.lr": "0.05",
        "steps": "500",
    }
    at = app_test(q, PAGE).run()
    assert not errors(at), errors(at)
    (row,) = table(at)
    assert row["Steps to tolerance"].isdigit()  # arrived: the minimum (0, 0) was found numerically
    assert row["Ended at"].startswith("global minimum (0, 0)")
    assert "Final loss above the minimum (f − f*)" in row
    res = optimizers.simulate(
        endings.with_found_minima(
            landscapes.from_expression("x**2 + 10*y**2"),
            endings.minima(landscapes.from_expression("x**2 + 10*y**2")),
        ),
        [("adam", {"lr": 0.05})],
        steps=500,
    )
    assert int(row["Steps to tolerance"]) == res.hit_at[0] > 0


def test_a_diverged_run_shows_the_steps_it_took_and_why():
    q = {"surf": "quadratic", "n": "1", "o0": "sgd", "o0.sgd.lr": "1.5", "steps": "100"}
    at = app_test(q, PAGE).run()
    (row,) = table(at)
    assert row["Ended at"] == "diverged" and row["Diverged at"] == row["Steps taken"] == "3"
    assert row["Why"] == "step too large for the curvature here"
    # a start where the formula overflows float32 already: said so, not blamed on the step
    at = app_test(
        {"surf": "custom", "expr": "exp(x*100)", "n": "1", "steps": "50", "custom.x0": "2", "custom.y0": "0"},
        PAGE,
    ).run()
    (row,) = table(at)
    assert row["Diverged at"] == "0" and row["Steps taken"] == "0"
    assert row["Why"] == "the loss is not finite at the start point (it overflows there)"
    # a finite but astronomically large loss: its step overflows
    at = app_test({"surf": "custom", "expr": "exp(x*100)", "n": "1", "steps": "50"}, PAGE).run()
    (row,) = table(at)
    assert row["Why"] == "the loss here is astronomically large: its gradient and step overflow float32"
