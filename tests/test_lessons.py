"""Lessons as data and in links (presets.lessons), the short link's number text (ui.url.compact) and
the presenter view's chart text (viz.fonts): pure functions, no Streamlit."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import presets
from presets import lessons
from ui.url import Param, coerce, compact
from viz.fonts import scale_fonts


def test_every_id_of_the_notes_lesson_exists():
    missing = [pid for s in lessons.NOTES for pid in s.presets if pid not in presets.REGISTRY]
    assert not missing, f"the notes' lesson names presets that do not exist: {missing}"


def test_notes_lesson_follows_the_lecture():
    keys = [s.key for s in lessons.NOTES]
    assert keys == [
        "lesson.section.gd",
        "lesson.section.optimizers",
        "lesson.section.lr",
        "lesson.section.saddles",
        "lesson.section.batch",
        "lesson.section.regularization",
        "lesson.section.activations",
        "lesson.section.selection",
    ]
    steps = lessons.notes_steps()
    # the optimizers in the notes' order: momentum and NAG, Adagrad (with RMSprop, its fix), Adadelta, Adam
    taught = ("momentum_vs_nag", "adagrad_stalls", "adadelta_no_lr", "adam_eps_plateau")
    order = [steps.index(p) for p in taught]
    assert order == sorted(order)
    assert lessons.section_of("saddle_escape") == "lesson.section.saddles"
    assert lessons.section_of("no_such_preset") is None


def test_codes_are_short_unique_and_stable():
    table = lessons.codes(presets.REGISTRY)
    assert len(table) == len(presets.REGISTRY)
    assert all(len(c) == lessons.CODE_LEN and c.isalnum() and c == c.lower() for c in table)
    # links already shared carry these: the hash must never change
    assert (lessons.code("saddle_escape"), lessons.code("batch_keskar")) == ("z2sa", "z26i")
    # a code depends on its own id only: adding a preset leaves the others' codes (and old links) alone
    table = lessons.codes([*presets.REGISTRY, "a_new_preset"])
    assert table[lessons.code("saddle_escape")] == "saddle_escape"


def test_colliding_codes_are_refused(monkeypatch):
    monkeypatch.setitem(lessons.CODE_OVERRIDES, "lr_warmup", lessons.code("saddle_escape"))
    with pytest.raises(ValueError, match="share the lesson code"):
        lessons.codes(presets.REGISTRY)


def test_lesson_text_round_trips_and_reports_what_it_cannot_read():
    steps = ("batch_concept", "saddle_escape", "saddle_escape", "lr_warmup")
    text = lessons.encode_steps(steps)
    assert len(text) == 4 * len(steps)
    assert lessons.decode_steps(text, presets.REGISTRY) == (steps, [])
    assert lessons.decode_steps(text.upper(), presets.REGISTRY) == (steps, [])  # a QR reader's capitals
    got, bad = lessons.decode_steps("zzzz" + text + "ab", presets.REGISTRY)
    assert got == steps and bad == ["zzzz", "ab"]
    long = lessons.encode_steps(["lr_warmup"] * (lessons.MAX_STEPS + 2))
    got, bad = lessons.decode_steps(long, presets.REGISTRY)
    assert len(got) == lessons.MAX_STEPS and len(bad) == 2


FLOAT = Param("x", "float", 0.0, -1e300, 1e300)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_compact_number_reads_back_exactly_and_is_never_longer(x):
    text = compact(FLOAT, x)
    value, note = coerce(FLOAT, text)
    assert note is None and value == x and math.copysign(1, value) == math.copysign(1, x)
    assert len(text) <= len(repr(x))


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.001, "1e-3"),
        (1e-8, "1e-8"),
        (2e-5, "2e-5"),
        (0.05, "0.05"),
        (5.0, "5"),
        (1000.0, "1e3"),
        (0.25, "0.25"),
        (-1.8, "-1.8"),
    ],
)
def test_compact_numbers(x, text):
    assert compact(FLOAT, x) == text


def test_compact_other_kinds_are_the_plain_encoding():
    assert compact(Param("n", "int", 4, 1, 10), 7) == "7"
    assert compact(Param("b", "bool", False), True) == "1"
    assert compact(Param("m", "multi", (), choices=("a", "b")), ("a", "b")) == "a,b"


def test_scale_fonts_scales_every_text_size_and_sets_the_base():
    layout = {
        "xaxis": {"tickfont": {"size": 10}, "title": {"text": "x", "font": {"size": 12}}, "range": [0, 5]},
        "legend": {"font": {"color": "red"}},
        "annotations": [{"text": "a", "font": {"size": 13}, "x": 2}],
        "sliders": [{"currentvalue": {"font": {"size": 12}}, "len": 0.7}],
        "height": 520,
    }
    out = scale_fonts(layout, 1.5)
    assert out["font"] == {"size": 19.5}
    assert out["xaxis"]["tickfont"]["size"] == 15 and out["xaxis"]["title"]["font"]["size"] == 18
    assert out["annotations"][0]["font"]["size"] == 19.5 and out["annotations"][0]["x"] == 2
    assert out["sliders"][0]["currentvalue"]["font"]["size"] == 18 and out["sliders"][0]["len"] == 0.7
    assert out["xaxis"]["range"] == [0, 5] and out["height"] == 520  # sizes of other things stay
    # what Streamlit's Plotly theme would size in the browser is sized here: unset axis text, the legend
    assert out["legend"]["font"] == {"color": "red", "size": 19.5}
    two = scale_fonts({"xaxis2": {"title": {"text": "k"}}, "yaxis2": {"title": "bare"}}, 2)
    assert two["xaxis2"]["tickfont"]["size"] == 26
    assert two["xaxis2"]["title"] == {"text": "k", "font": {"size": 26}}
    assert two["yaxis2"]["title"] == "bare"  # left as the figure has it
    assert "xaxis" not in two and two["yaxis2"]["tickfont"]["size"] == 26
    assert layout["xaxis"]["tickfont"]["size"] == 10  # the input is not changed
    assert scale_fonts({"font": {"size": 10}}, 2)["font"] == {"size": 20}
