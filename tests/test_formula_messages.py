"""The formula parser's rejections carry a stable code and fields (issue #12.5): every code is reached,
its English message is the library's text, and the page shows it in either language with the user's
text as code (never as Markdown)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import i18n
import landscapes
from i18n.formula import english
from landscapes import ExpressionError
from landscapes import expression as ex
from ui.testing import app_test, code_spans
from ui.widgets import expression_error

HANGUL = re.compile("[\uac00-\ud7a3]")


def _synthetic(node: ast.AST) -> ExpressionError:
    """The rejection of a node that no text parses to in this Python (kept for other versions)."""
    src = ex._Source("x")
    with pytest.raises(ExpressionError) as info:
        ex._compile(node, src, [])
    return info.value


def _raised(fn, *args, **kwargs) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        fn(*args, **kwargs)
    return info.value


# One input per code (several where a code has more than one cause).
TEXTS = {
    "empty": "",
    "too_long": "x" * (ex.MAX_LENGTH + 1),
    "control_character": "x\x01",
    "invalid_character": "x + \udcff",
    "parentheses_too_deep": "(" * 51 + "x" + ")" * 51,
    "too_deep": "-" * 60 + "x",
    "too_costly": "x" + " + sinh(x)" * 12,
    "not_finite": "log(-1 - x^2)",
    "syntax": "x ** * 2",
    "syntax_end": "x +",
    "unclosed": "(x + 1",
    "unmatched": "x + 1)",
    "syntax_other": "'abc",
    "did_you_mean": "2x",
    "lowercase_variable": "X^2",
    "lowercase_constant": "Pi*x",
    "call_not_function": "2(x + 1)",
    "unknown_literal": "True",
    "unknown_name": "foo",
    "unknown_name_near": "tanhh * x",
    "function_needs_argument": "sin",
    "function_not_allowed": "qqq(x)",
    "function_not_allowed_near": "sinn(x)",
    "keyword_argument": "sin(x=1)",
    "argument_count_one": "sin(x, y)",
    "argument_count_two": "min(x)",
    "strings": "'a'",
    "imaginary": "1j",
    "number_too_large": "1e50",
    "unary_operator": "~x",
    "binary_operator": "x % 2",
    "attribute": "x.real",
    "subscript": "x[0]",
    "lambda": "lambda: 1",
    "comprehension": "[x for x in y]",
    "comparison": "x < y",
    "boolean": "x and y",
    "conditional": "x if y else 1",
    "tuple": "x, y",
    "list": "[x]",
    "dict": "{x: 1}",
    "set": "{x}",
    "starred": "sin(*x)",
    "assignment": "(x := 1)",
    "await": "await x",
    "yield": "(yield x)",
}


def every_rejection() -> list[ExpressionError]:
    """At least one rejection of every code in MESSAGES."""
    errs = [_raised(landscapes.from_expression, text) for text in TEXTS.values()]
    errs += [
        _raised(ex.compile_cost, "x\x00"),  # past the character check: Python's own words, at the end
        _raised(ex.compile_cost, "-" * 100_000 + "x"),  # the parser itself gives up
        _raised(landscapes.from_expression, 3),
        _raised(landscapes.from_expression, "x", bounds=(1, 2)),
        _raised(landscapes.from_expression, "x", bounds=((0, 0), (0, 1))),
        _raised(landscapes.from_expression, "x", start=(1,)),
        _raised(landscapes.from_expression, "x", start=(9, 9)),
        _synthetic(ast.Slice(lower=None, upper=None, step=None, lineno=1, col_offset=0, end_col_offset=1)),
        _synthetic(
            ast.FormattedValue(
                value=ast.Name("x"), conversion=-1, format_spec=None, lineno=1, col_offset=0, end_col_offset=1
            )
        ),
    ]
    return errs


ERRORS = every_rejection()


def test_every_code_is_reached_and_every_rejection_has_one():
    assert {e.code for e in ERRORS} == set(ex.MESSAGES)
    for text, code in ((t, c) for c, t in TEXTS.items()):
        assert _raised(landscapes.from_expression, text).code == code, text


@pytest.mark.parametrize("err", ERRORS, ids=lambda e: e.code)
def test_the_message_is_the_code_with_its_fields(err):
    # the English text a library user reads is exactly the code's message with the error's fields
    assert str(err) == ex.MESSAGES[err.code].format(**err.fields)
    if err.column is not None:
        assert err.fields["column"] == err.column


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f)


@pytest.mark.parametrize("code", sorted(ex.MESSAGES))
def test_every_code_has_both_languages_with_the_same_fields(code):
    entry = i18n.STRINGS[f"formula.err.{code}"]
    assert entry["en"] == english(code)
    assert HANGUL.search(entry["ko"]), code
    assert _fields(entry["ko"]) == _fields(entry["en"]) == _fields(ex.MESSAGES[code])
    # no text of the parser's own left untranslated outside code spans
    outside, _ = code_spans(entry["ko"])
    assert not re.search(r"\b(?:at column|did you mean|not allowed|the limit)\b", outside), code


def test_no_error_is_made_without_a_code():
    source = Path(ex.__file__).read_text()
    # the class itself and _error: every rejection goes through _error (a code and its fields)
    assert source.count("ExpressionError(") == 2


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("err", ERRORS, ids=lambda e: e.code)
def test_the_page_shows_each_message_with_the_users_text_as_code(monkeypatch, err, lang):
    monkeypatch.setattr("i18n.current_lang", lambda: lang)
    md = expression_error(err)
    outside, spans = code_spans(md)
    shown = _fields(i18n.STRINGS[f"formula.err.{err.code}"][lang])
    for name in shown:
        value = err.fields[name]
        if isinstance(value, str) and value.strip():
            assert value in spans, (name, md)  # shown literally, as code
    if lang == "ko":
        assert HANGUL.search(outside), md


def test_an_error_without_a_code_is_shown_whole_and_literally():
    md = expression_error(ValueError("bad `x` [y](z)"))
    assert code_spans(md)[1] == ["bad `x` [y](z)"]


def test_the_race_page_says_a_formula_error_in_korean():
    at = app_test({"lang": "ko", "surf": "custom", "expr": "2x + y"}, "pages/race.py").run()
    assert not at.exception
    (err,) = at.error
    outside, spans = code_spans(err.value)
    assert "뜻했나요" in outside and "1번째 글자" in outside
    assert spans == ["2x", "2*x"]
    assert "did you mean" not in err.value
