# ruff: noqa: E501 - translated prose: lines are broken for reading, not at 110 columns
"""The formula parser's messages (``landscapes.expression.ExpressionError``) in both languages.

The parser raises each rejection with a stable ``code`` and its ``fields``; its English message is
:data:`landscapes.expression.MESSAGES` (what a library user reads). The page shows
``formula.err.<code>`` in the visitor's language with the same fields, each text field (the user's
piece of formula, a suggestion, a function name) as inline code (``ui.widgets.expression_error``).
So the English entries here are the library's messages without the quotes around those fields: the
code span replaces them.
"""

from __future__ import annotations

import re

from landscapes.expression import MESSAGES

_AT = "{column}번째 글자의 {piece}"  # where the piece is (the English "'x' at column 3")

KO: dict[str, str] = {
    # the text as a whole
    "not_text": "수식은 텍스트여야 합니다. 받은 형식: {type}",
    "empty": "수식이 비어 있습니다. x와 y로 된 수식을 입력하세요. 예: `x^2 + 3*y^2`",
    "too_long": "수식이 {length}자입니다. 한도는 {limit}자입니다",
    "control_character": "{column}번째 글자의 제어 문자 {char}은(는) 쓸 수 없습니다",
    "invalid_character": "{column}번째 글자 U+{codepoint}은(는) 올바른 문자가 아닙니다",
    "parentheses_too_deep": "괄호가 {limit}단계보다 깊게 겹쳐 있습니다: {column}번째 글자의 여는 괄호",
    "unreadable": "수식을 읽을 수 없습니다: {detail}",
    "too_deep": "수식이 {limit}단계보다 깊게 겹쳐 있습니다: " + _AT,
    "too_costly": "수식이 너무 커서 빨리 컴파일할 수 없습니다. 비용이 {cost}인데 한도는 {limit}입니다 "
    "(`+ - *`는 {arith}, `/`와 `x^2`는 {div}, 대부분의 함수는 {call}, `x^1.5`, `sinh`, `cosh`, `min`, `max`는 {pow})",
    "not_finite": "보이는 영역 x ∈ [{x0:g}, {x1:g}], y ∈ [{y0:g}, {y1:g}]의 어디에서도 수식 값이 유한하지 않습니다 "
    "(예: 음수의 `log`나 `sqrt`, 0으로 나누기). 수식이나 보이는 영역을 바꾸세요",
    # syntax
    "syntax": "{column}번째 글자 {piece}에서 문법 오류가 있습니다",
    "syntax_end": "수식 끝({column}번째 글자)에서 문법 오류가 있습니다: 수식이 덜 끝났습니다",
    "unclosed": "{column}번째 글자 {piece}에서 문법 오류: 여는 괄호 {piece}가 닫히지 않았습니다",
    "unmatched": "{column}번째 글자 {piece}에서 문법 오류: 짝이 되는 여는 괄호가 없는 {piece}입니다",
    "syntax_other": "{column}번째 글자 {piece}에서 문법 오류: {detail}",
    "syntax_end_other": "수식 끝({column}번째 글자)에서 문법 오류: {detail}",
    # the usual slips
    "did_you_mean": _AT + ": {fix}을(를) 뜻했나요?",
    "lowercase_variable": _AT + ": 변수는 소문자 x와 y입니다. {fix}을(를) 뜻했나요?",
    "lowercase_constant": _AT + ": 상수는 소문자로 씁니다. {fix}을(를) 뜻했나요?",
    "call_not_function": "이름이 있는 함수만 호출할 수 있습니다: " + _AT + ". {fix}을(를) 뜻했나요?",
    # names, numbers and calls
    "unknown_literal": "알 수 없는 이름입니다. `x`, `y`, `pi`, `e`나 다음 함수를 쓰세요: {functions}. " + _AT,
    "unknown_name": "알 수 없는 이름입니다. `x`, `y`, `pi`, `e`나 다음 함수 중 하나를 쓰세요: {functions}. "
    + _AT,
    "unknown_name_near": "알 수 없는 이름입니다({near}을(를) 뜻했나요?). `x`, `y`, `pi`, `e`나 다음 함수 중 하나를 "
    "쓰세요: {functions}. " + _AT,
    "function_needs_argument": "함수 {name}에는 괄호 안의 인수가 필요합니다: " + _AT,
    "function_not_allowed": "함수 {name}은(는) 쓸 수 없습니다. 다음 중에서 고르세요: {functions}. " + _AT,
    "function_not_allowed_near": "함수 {name}은(는) 쓸 수 없습니다({near}을(를) 뜻했나요?). 다음 중에서 고르세요: "
    "{functions}. " + _AT,
    "keyword_argument": "{name}()에는 키워드 인수를 쓸 수 없습니다: " + _AT,
    "argument_count_one": "{name}()은(는) 인수를 1개 받는데 {got}개가 들어왔습니다: " + _AT,
    "argument_count_two": "{name}()은(는) 인수를 2개 받는데 {got}개가 들어왔습니다: " + _AT,
    "strings": "문자열은 쓸 수 없습니다: " + _AT,
    "imaginary": "허수는 쓸 수 없습니다: " + _AT,
    "number_too_large": "수가 너무 큽니다(한도 {limit:.3g}): " + _AT,
    "unary_operator": "연산자 {op}은(는) 쓸 수 없습니다: " + _AT,
    "binary_operator": "연산자 {piece}은(는) 쓸 수 없습니다. `+ - * / ^`(거듭제곱)를 쓰세요: " + _AT,
    # Python constructs
    "attribute": "속성 접근(점)은 쓸 수 없습니다: " + _AT,
    "subscript": "첨자(인덱싱)는 쓸 수 없습니다: " + _AT,
    "lambda": "람다는 쓸 수 없습니다: " + _AT,
    "comprehension": "컴프리헨션은 쓸 수 없습니다: " + _AT,
    "comparison": "비교 연산은 쓸 수 없습니다: " + _AT,
    "boolean": "논리 연산자(`and`, `or`)는 쓸 수 없습니다: " + _AT,
    "conditional": "조건식은 쓸 수 없습니다: " + _AT,
    "tuple": "튜플(함수 호출 밖의 쉼표)은 쓸 수 없습니다: " + _AT,
    "list": "리스트는 쓸 수 없습니다: " + _AT,
    "dict": "딕셔너리는 쓸 수 없습니다: " + _AT,
    "set": "집합은 쓸 수 없습니다: " + _AT,
    "starred": "별표(`*`) 인수는 쓸 수 없습니다: " + _AT,
    "assignment": "대입은 쓸 수 없습니다: " + _AT,
    "await": "`await`는 쓸 수 없습니다: " + _AT,
    "yield": "`yield`는 쓸 수 없습니다: " + _AT,
    "slice": "슬라이스는 쓸 수 없습니다: " + _AT,
    "construct": "{kind}은(는) 쓸 수 없습니다: " + _AT,
    # the view
    "bad_bounds": "보이는 영역은 `((x_min, x_max), (y_min, y_max))` 형태여야 합니다. 받은 값: {bounds}",
    "bounds_not_finite": "보이는 영역 {bounds}은(는) 유한해야 하고 `x_min < x_max`, `y_min < y_max`여야 합니다",
    "bad_start": "시작점은 점 (x, y)여야 합니다. 받은 값: {start}",
    "start_outside": "시작점 {start}이(가) 보이는 영역 {bounds} 밖에 있습니다",
}

_QUOTED_FIELD = re.compile(r"'(\{\w+\})'")  # '{piece}' in a library message: shown as code instead


def english(code: str) -> str:
    """The page's English message of ``code``: the library's, its quoted fields unquoted."""
    return _QUOTED_FIELD.sub(r"\1", MESSAGES[code])


STRINGS = {f"formula.err.{code}": {"en": english(code), "ko": KO[code]} for code in MESSAGES}
