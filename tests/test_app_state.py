"""Share-link parsing (pure parts of ui/state.py): coercion, clamping, dropping, round trips."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui import state, widgets
from ui.state import Param

F = Param("steps", "int", 500, 1, 20_000)
X = Param("x0", "float", 0.0, -3.0, 3.0)
B = Param("log", "bool", False)
C = Param("surf", "choice", "rosenbrock", choices=("rosenbrock", "beale"))
M = Param("ov", "multi", ("grad",), choices=("grad", "step", "moment"))
T = Param("expr", "text", "x**2")
LR = widgets.float_param("lr", 1e-3, 1e-6, 10.0, log=True)


def test_clean_values_pass_without_notice():
    q = {"steps": "700", "x0": "-1.25", "log": "1", "surf": "beale", "ov": "step,grad", "expr": "x*y"}
    values, notices = state.parse([F, X, B, C, M, T], q)
    assert notices == []
    assert values == {
        "steps": 700,
        "x0": -1.25,
        "log": True,
        "surf": "beale",
        "ov": ("grad", "step"),
        "expr": "x*y",
    }


@pytest.mark.parametrize(
    "param, raw, value, what",
    [
        (F, "99999", 20_000, "clamped"),
        (F, "-5", 1, "clamped"),
        (F, "12.7", 13, "rounded"),
        (F, "abc", None, "dropped"),
        (X, "nan", None, "dropped"),
        (X, "inf", None, "dropped"),
        (X, "7", 3.0, "clamped"),
        (B, "maybe", None, "dropped"),
        (C, "himmelblau", None, "dropped"),
        (M, "grad,bogus", ("grad",), "clamped"),
        (T, "x" * (state.MAX_TEXT + 1), None, "dropped"),  # the formula parser's limit
        (LR, "50", 10.0, "clamped"),
        (LR, "0.0123", 0.012, "rounded"),
        (LR, "0.0185", 0.018, "rounded"),
    ],
)
def test_bad_values_are_clamped_or_dropped_with_a_notice(param, raw, value, what):
    values, notices = state.parse([param], {param.name: raw})
    assert values.get(param.name) == value
    assert len(notices) == 1 and notices[0].what == what and notices[0].name == param.name
    assert notices[0].valid  # the message can say what is valid


def test_unrelated_names_are_ignored_by_parse():
    values, notices = state.parse([F], {"other": "1"})
    assert values == {} and notices == []


@given(st.floats(-3.0, 3.0, allow_nan=False), st.integers(1, 20_000), st.booleans(), st.sampled_from(LR.grid))
def test_encode_then_parse_round_trips(x, n, b, lr):
    params = [X, F, B, LR]
    vals = {"x0": x, "steps": n, "log": b, "lr": lr}
    query = {p.name: state.encode(p, vals[p.name]) for p in params}
    back, notices = state.parse(params, query)
    assert notices == [] and back == vals


def test_log_grid_resolution_and_limits():
    g = widgets.log_grid(1e-6, 10.0)
    assert g[0] == 1e-6 and g[-1] == 10.0 and 1e-3 in g and 0.22 in g and 2.5e-4 in g and 0.05 in g
    ratios = [b / a for a, b in zip(g[:-1], g[1:], strict=True)]
    assert max(ratios) <= 1.2 + 1e-9 and min(ratios) > 1.0 and len(g) == 7 * 21 + 1
    with pytest.raises(ValueError, match="0 < low < high"):
        widgets.log_grid(0.0, 1.0)


def test_snap_is_nearest_on_log_scale():
    g = (0.1, 1.0, 10.0)
    assert state.snap(0.3, g) == 0.1  # log-nearer to 0.1 than to 1.0 (0.3 < sqrt(0.1))
    assert state.snap(0.4, g) == 1.0
    assert state.snap(-1.0, (-2.0, 0.0, 2.0)) in (-2.0, 0.0)


def test_linear_step_resolves_range_and_default():
    assert widgets.linear_step(0.0, 0.999, 0.9) == 1e-4
    s = widgets.linear_step(0.0, 0.99999, 0.999)
    assert math.isclose(round(0.99999 / s) * s, 0.99999)


def test_query_string_escapes():
    assert state.query_string({"expr": "x**2 + y", "a": "1"}) == "expr=x%2A%2A2+%2B+y&a=1"
