"""User formulas: a safe parser from text such as ``x^2 - y^2`` to a :class:`Landscape`.

The text is parsed with Python's ``ast`` module and checked against a whitelist; it is never passed
to ``eval``, ``exec`` or ``compile``. The accepted language:

- numbers (``2``, ``0.5``, ``1e-3``), the variables ``x`` and ``y``, the constants ``pi`` and ``e``;
- ``+ - * /``, powers written ``**``, ``^`` or as superscript digits (``x²``, ``y³``, ``x⁻¹``), unary
  ``-`` and ``+``, parentheses; ``×``, ``·`` and ``⋅`` also mean ``*``, ``÷`` means ``/``, the
  minus sign ``−`` (U+2212) means ``-`` and ``π`` means ``pi`` (what word processors, web pages and
  phone keyboards produce);
- the functions ``sin cos tan exp log log10 log2 sqrt abs tanh sinh cosh arctan arcsin arccos``
  (also spelled ``atan asin acos``) of one argument, and ``min max arctan2`` (``atan2``) of two.

``^`` means power, as people type it, with the precedence of ``**`` (binding tighter than unary minus
and the other operators, grouping right to left): ``-x^2`` is ``-(x^2)`` and ``2^3^2`` is ``2^9``.
It is rewritten to ``**`` before parsing; Python's own ``^`` (exclusive or) is not available.
Multiplication must be written: ``2x`` is an error that suggests ``2*x``, ``sin x`` one that suggests
``sin(x)``.

Anything else is an :class:`ExpressionError` naming the offending piece and its column. So are texts
over :data:`MAX_LENGTH` characters, nested deeper than :data:`MAX_DEPTH`, or costlier to compile than
:data:`MAX_COST` (see :func:`compile_cost`), and formulas that are not finite anywhere on a sample grid
of the view. A constant formula (no ``x`` or ``y``) is accepted: it is a flat surface whose gradient is
zero everywhere, a legitimate if dull thing to look at.

Compiled once per structure: the numbers of a formula are not part of its compiled program but the
Landscape's traced ``params`` (integer exponents up to :data:`MAX_INT_POWER` stay in the structure:
they select exact repeated multiplication). ``x^2 + 5*y^2`` and ``x^2 + 10*y^2`` share one surface
family ``fn_p`` and so one set of compiled programs: changing a number never recompiles. A family is
an :class:`~landscapes.compiled.OwnedFamily`: its programs are its own, at most
:data:`~landscapes.compiled.MAX_FAMILIES` families hold programs at a time, and those of a family
pushed out are freed (issue #18.3).

Results are cached on ``(text, bounds, start)``: the same arguments return the same ``Landscape``
object, and every view, start and number of the same structure shares one ``fn_p``.
"""

from __future__ import annotations

import ast
import difflib
import functools
import io
import keyword
import math
import threading
import tokenize
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

import jax.numpy as jnp
import numpy as np

from .base import Landscape
from .compiled import OwnedFamily

MAX_LENGTH = 500  # characters (also the longest formula a share link or the Race page accepts)
MAX_DEPTH = 50  # nesting levels of the syntax tree (a chain such as x + x + ... + x is one level)
DEFAULT_BOUNDS = ((-3.0, 3.0), (-3.0, 3.0))
SAMPLE_GRID = 64  # points per axis of the finiteness check
_FLOAT32_MAX = float(np.finfo(np.float32).max)
MAX_INT_POWER = 64  # integer exponents up to this size use exact repeated multiplication

UNARY: dict[str, Callable] = {
    "sin": jnp.sin,
    "cos": jnp.cos,
    "tan": jnp.tan,
    "exp": jnp.exp,
    "log": jnp.log,
    "log10": jnp.log10,
    "log2": jnp.log2,
    "sqrt": jnp.sqrt,
    "abs": jnp.abs,
    "tanh": jnp.tanh,
    "sinh": jnp.sinh,
    "cosh": jnp.cosh,
    "arctan": jnp.arctan,
    "arcsin": jnp.arcsin,
    "arccos": jnp.arccos,
}
BINARY: dict[str, Callable] = {"min": jnp.minimum, "max": jnp.maximum, "arctan2": jnp.arctan2}
ALIASES = {"atan": "arctan", "asin": "arcsin", "acos": "arccos", "atan2": "arctan2"}
CONSTANTS = {"pi": math.pi, "e": math.e}
VARIABLES = ("x", "y")
FUNCTIONS = (*UNARY, *BINARY, *ALIASES)

_BINOPS: dict[type, tuple[str, Callable]] = {
    ast.Add: ("+", jnp.add),
    ast.Sub: ("-", jnp.subtract),
    ast.Mult: ("*", jnp.multiply),
    ast.Div: ("/", jnp.divide),
    ast.Pow: ("^", jnp.power),
}
_OPS_BY_SYMBOL = {sym: op for sym, op in _BINOPS.values()}
_OTHER_OPS = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "xor",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.Not: "not",
}
_REJECTED = {  # Python constructs the language leaves out, and the code of each one's message
    ast.Attribute: "attribute",
    ast.Subscript: "subscript",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.Compare: "comparison",
    ast.BoolOp: "boolean",
    ast.IfExp: "conditional",
    ast.JoinedStr: "strings",
    ast.Tuple: "tuple",
    ast.List: "list",
    ast.Dict: "dict",
    ast.Set: "set",
    ast.Starred: "starred",
    ast.NamedExpr: "assignment",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slice",
}

# Characters people paste from word processors and web pages, read as the operator they show.
_SAME_AS = {"^": "**", "×": "*", "·": "*", "⋅": "*", "÷": "/", "−": "-", "π": "pi"}
_SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁻": "-",
}


_AT = "'{piece}' at column {column}"  # where the offending piece is, in every positioned message

# Every rejection's English message, by a stable code. The page shows the message of the visitor's
# language (i18n/formula.py translates these codes with the same fields); a library user reads the
# English one as the exception's text. A field in quotes here is the user's text (the page shows it
# as code instead of in quotes).
MESSAGES: dict[str, str] = {
    # the text as a whole
    "not_text": "The formula must be text; got {type}",
    "empty": "The formula is empty; type one in x and y, for example x^2 + 3*y^2",
    "too_long": "The formula is {length} characters long; the limit is {limit}",
    "control_character": "Control character {char} at column {column} is not allowed",
    "invalid_character": "Invalid character U+{codepoint} at column {column}",
    "parentheses_too_deep": "Parentheses are nested more than {limit} deep: '(' at column {column}",
    "unreadable": "Cannot read the formula: {detail}",
    "too_deep": "The formula is nested more than {limit} levels deep: " + _AT,
    "too_costly": "The formula is too large to compile quickly: it costs {cost}, the limit is {limit} "
    "(+ - * cost {arith}, / and x^2 {div}, most functions {call}, x^1.5, sinh, cosh, min and max {pow})",
    "not_finite": "The formula is not finite anywhere in the view x in [{x0:g}, {x1:g}], "
    "y in [{y0:g}, {y1:g}] (e.g. log or sqrt of negative numbers, or division by zero); "
    "change it or the view",
    # syntax, as Python's parser reports it
    "syntax": "Syntax error at " + _AT + ": invalid syntax",
    "syntax_end": "Syntax error at column {column} (end of input): invalid syntax",
    "unclosed": "Syntax error at " + _AT + ": '{piece}' was never closed",
    "unmatched": "Syntax error at " + _AT + ": unmatched '{piece}'",
    "syntax_other": "Syntax error at " + _AT + ": {detail}",
    "syntax_end_other": "Syntax error at column {column} (end of input): {detail}",
    # the usual slips, with the formula they probably meant
    "did_you_mean": _AT + ": did you mean {fix}?",
    "lowercase_variable": _AT + ": variables are lower-case x and y: did you mean {fix}?",
    "lowercase_constant": _AT + ": constants are lower-case: did you mean {fix}?",
    "call_not_function": "Only the named functions can be called: " + _AT + "; did you mean {fix}?",
    # names, numbers and calls
    "unknown_literal": "Unknown name; use x, y, pi, e or the functions {functions}: " + _AT,
    "unknown_name": "Unknown name; use x, y, pi, e or one of the functions {functions}: " + _AT,
    "unknown_name_near": "Unknown name (did you mean '{near}'?); use x, y, pi, e or one of the functions "
    "{functions}: " + _AT,
    "function_needs_argument": "Function '{name}' needs an argument in parentheses: " + _AT,
    "function_not_allowed": "Function '{name}' is not allowed; choose one of {functions}: " + _AT,
    "function_not_allowed_near": "Function '{name}' is not allowed (did you mean '{near}'?); choose one of "
    "{functions}: " + _AT,
    "keyword_argument": "Keyword arguments are not allowed in {name}(): " + _AT,
    "argument_count_one": "{name}() takes 1 argument, got {got}: " + _AT,
    "argument_count_two": "{name}() takes 2 arguments, got {got}: " + _AT,
    "strings": "Strings are not allowed: " + _AT,
    "imaginary": "Imaginary numbers are not allowed: " + _AT,
    "number_too_large": "Number too large (the limit is {limit:.3g}): " + _AT,
    "unary_operator": "Operator '{op}' is not allowed: " + _AT,
    "binary_operator": "Operator '{piece}' is not allowed; use + - * / ^ (power): " + _AT,
    # Python constructs (_REJECTED)
    "attribute": "Attribute access is not allowed: " + _AT,
    "subscript": "Subscripts (indexing) are not allowed: " + _AT,
    "lambda": "Lambdas are not allowed: " + _AT,
    "comprehension": "Comprehensions are not allowed: " + _AT,
    "comparison": "Comparisons are not allowed: " + _AT,
    "boolean": "Boolean operators (and, or) are not allowed: " + _AT,
    "conditional": "Conditional expressions are not allowed: " + _AT,
    "tuple": "Tuples (a comma outside a function call) are not allowed: " + _AT,
    "list": "Lists are not allowed: " + _AT,
    "dict": "Dicts are not allowed: " + _AT,
    "set": "Sets are not allowed: " + _AT,
    "starred": "Starred arguments are not allowed: " + _AT,
    "assignment": "Assignments are not allowed: " + _AT,
    "await": "await is not allowed: " + _AT,
    "yield": "yield is not allowed: " + _AT,
    "slice": "Slices are not allowed: " + _AT,
    "construct": "'{kind}' is not allowed: " + _AT,
    # the view (only a library caller passes one)
    "bad_bounds": "bounds must be ((x_min, x_max), (y_min, y_max)); got {bounds}",
    "bounds_not_finite": "bounds {bounds} must be finite with x_min < x_max and y_min < y_max",
    "bad_start": "start must be a point (x, y); got {start}",
    "start_outside": "start {start} is outside the view {bounds}",
}


class ExpressionError(ValueError):
    """A formula was rejected. ``piece`` is the offending text, ``column`` its 1-based position.

    ``code`` (a key of :data:`MESSAGES`) and ``fields`` say the same as the English message, for
    showing it in another language: ``MESSAGES[code].format(**fields)`` is the message. Made by
    :func:`_error`; None and {} for an error made elsewhere with a message only.
    """

    def __init__(
        self,
        message: str,
        piece: str | None = None,
        column: int | None = None,
        *,
        code: str | None = None,
        fields: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.piece = piece
        self.column = column
        self.code = code
        self.fields = dict(fields or {})


def _error(code: str, piece: str | None = None, column: int | None = None, **fields: Any) -> ExpressionError:
    """The rejection ``code`` with its message; ``piece`` and ``column`` are fields too (the piece
    shortened for the message, kept whole on the exception)."""
    if piece is not None:
        fields["piece"] = _short(piece)
    if column is not None:
        fields["column"] = column
    return ExpressionError(MESSAGES[code].format(**fields), piece, column, code=code, fields=fields)


Fn = Callable[[Any, Any, Any], Any]  # (x, y, constants) -> value, elementwise


class _Source:
    """The user's text, the text handed to the parser and the map between them.

    The parser sees ``**`` for ``^`` and for a run of superscript digits (``x²`` -> ``x**2``), ``*``
    for ``×·⋅``, ``/`` for ``÷`` and ``-`` for ``−``; newlines and tabs become spaces, so that
    columns are columns and a formula may wrap. Every parsed character maps back to the user's.
    """

    def __init__(self, text: str):
        self.original = text
        parsed: list[str] = []
        self._orig_index: list[int] = []  # parsed char index -> original char index
        for i, ch in enumerate(text):
            if ch in _SUPERSCRIPTS:
                after_power = i > 0 and text[i - 1] in _SUPERSCRIPTS
                out = _SUPERSCRIPTS[ch] if after_power else "**" + _SUPERSCRIPTS[ch]
            else:
                out = " " if ch in "\r\n\t" else _SAME_AS.get(ch, ch)
            parsed.append(out)
            self._orig_index.extend([i] * len(out))
        self.parsed = "".join(parsed)
        self._orig_index.append(len(text))
        self._line_bytes = self.parsed.encode("utf-8")  # surrogates were rejected before

    def orig(self, parsed_index: int) -> int:
        return self._orig_index[max(0, min(parsed_index, len(self._orig_index) - 1))]

    def orig_end(self, parsed_end: int) -> int:
        """The original index just after the parsed text ending (exclusive) at ``parsed_end``."""
        return self.orig(parsed_end - 1) + 1 if parsed_end > 0 else 0

    def char_index(self, byte_offset: int) -> int:
        """Python's ast reports UTF-8 byte offsets; the user counts characters."""
        return len(self._line_bytes[:byte_offset].decode("utf-8", errors="ignore"))

    def piece(self, node: ast.AST) -> tuple[str, int]:
        """(original text of ``node``, 1-based column in the original text)."""
        start = self.orig(self.char_index(node.col_offset))
        end_b = getattr(node, "end_col_offset", None)
        end = self.orig_end(self.char_index(end_b)) if end_b is not None else start + 1
        return self.original[start:end] or self.original[start : start + 1], start + 1

    def span(self, start: int, end: int) -> str:
        """The original text of the parsed characters ``start:end``."""
        return self.original[self.orig(start) : self.orig_end(end)]


def _between(src: _Source, left: ast.AST, right: ast.AST, symbol: str) -> tuple[str, int]:
    """The operator text between two operands and its 1-based column (op nodes carry no position)."""
    a = src.orig_end(src.char_index(left.end_col_offset))
    b = src.orig(src.char_index(right.col_offset))
    gap = src.original[a:b]
    stripped = gap.strip().strip("()").strip() or symbol
    k = gap.find(stripped)
    return stripped, a + (k if k >= 0 else 0) + 1


def _fail(src: _Source, node: ast.AST, code: str, **fields: Any) -> ExpressionError:
    """The rejection ``code`` of ``node`` (its text and column are the message's piece and column)."""
    piece, col = src.piece(node)
    return _error(code, piece, col, **fields)


def _hint(piece: str, column: int, fix: str, code: str = "did_you_mean") -> ExpressionError:
    """A rejection with a suggestion: ``'2x' at column 1: did you mean 2*x?``."""
    return _error(code, piece, column, fix=fix)


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _suggest(name: str, choices) -> str | None:
    """The choice closest to ``name`` (a likely typo), or None."""
    near = difflib.get_close_matches(name.lower(), list(choices), n=1)
    return near[0] if near else None


# ---- hints for what people type: implicit multiplication, functions without parentheses ----------

_Tok = tokenize.TokenInfo


def _tokens(text: str) -> list[_Tok]:
    """Python's tokens of one line of text (as far as the tokenizer gets), layout tokens left out."""
    skip = (tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT)
    out: list[_Tok] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type not in skip:
                out.append(tok)
    except (tokenize.TokenError, SyntaxError):  # an unclosed parenthesis: the tokens so far do
        pass
    return out


def _is_name(tok: _Tok) -> bool:
    return tok.type == tokenize.NAME and not keyword.iskeyword(tok.string)


def _ends_operand(tok: _Tok) -> bool:
    """A number, a variable or constant, or a closing parenthesis: what a factor ends with."""
    return tok.type == tokenize.NUMBER or tok.string == ")" or (_is_name(tok) and tok.string not in FUNCTIONS)


def _starts_operand(tok: _Tok) -> bool:
    return tok.type == tokenize.NUMBER or tok.string == "(" or _is_name(tok)


def _match(toks: list[_Tok], i: int, step: int) -> int:
    """Index of the parenthesis matching ``toks[i]`` (searching forward for step 1, back for -1)."""
    depth = 0
    j = i
    while 0 <= j < len(toks):
        depth += {"(": 1, ")": -1}.get(toks[j].string, 0) * step
        if depth == 0:
            return j
        j += step
    return i


def _factor_start(toks: list[_Tok], i: int) -> int:
    """First token of the factor (atom, call or power) that ends with token ``i``."""
    j = i
    if toks[j].string == ")":
        j = _match(toks, j, -1)
        if j > 0 and _is_name(toks[j - 1]):
            j -= 1  # a function call
    if j >= 2 and toks[j - 1].string == "**" and _ends_operand(toks[j - 2]):
        return _factor_start(toks, j - 2)
    signed = j >= 3 and toks[j - 1].string in ("-", "+") and toks[j - 2].string == "**"
    if signed and _ends_operand(toks[j - 3]):
        return _factor_start(toks, j - 3)  # x**-1
    return j


def _factor_end(toks: list[_Tok], i: int) -> int:
    """Last token of the factor (atom, call or power) that starts with token ``i``."""
    j = i
    if _is_name(toks[j]) and j + 1 < len(toks) and toks[j + 1].string == "(":
        j = _match(toks, j + 1, 1)
    elif toks[j].string == "(":
        j = _match(toks, j, 1)
    if j + 2 < len(toks) and toks[j + 1].string == "**":
        k = j + 3 if toks[j + 2].string in ("-", "+") and j + 3 < len(toks) else j + 2
        if _starts_operand(toks[k]):
            return _factor_end(toks, k)
    return j


def _syntax_hint(src: _Source, offset: int) -> ExpressionError | None:
    """A suggestion for the syntax error at ``offset`` (0-based, parsed text), if it is one of the
    usual slips: ``2x``, ``x y``, ``(x+1)x`` (did you mean 2*x?) or ``sin x`` (did you mean sin(x)?)."""
    toks = _tokens(src.parsed)
    pairs = list(zip(range(len(toks) - 1), range(1, len(toks)), strict=True))
    at_second = [(a, b) for a, b in pairs if toks[b].start[1] == offset]
    in_first = [(a, b) for a, b in pairs if toks[a].start[1] <= offset < toks[a].end[1]]
    for a, b in at_second + in_first:
        first, second = toks[a], toks[b]
        operand = _is_name(second) or second.type == tokenize.NUMBER
        if _is_name(first) and first.string in FUNCTIONS and operand:
            end = toks[_factor_end(toks, b)].end[1]
            arg = src.span(second.start[1], end)
            start = first.start[1]
            return _hint(src.span(start, end), src.orig(start) + 1, f"{first.string}({arg})")
        if _ends_operand(first) and _starts_operand(second):
            start = toks[_factor_start(toks, a)].start[1]
            end = toks[_factor_end(toks, b)].end[1]
            left, right = src.span(start, first.end[1]), src.span(second.start[1], end)
            return _hint(src.span(start, end), src.orig(start) + 1, f"{left}*{right}")
    return None


def _name_hint(name: str) -> tuple[str, str] | None:
    """A suggestion for an unknown name: ``X`` -> x, ``xy`` -> x*y, ``sinx`` -> sin(x), as (the
    message's code, the suggested text)."""
    if name in ("X", "Y"):
        return "lowercase_variable", name.lower()
    if name.lower() in CONSTANTS and name != name.lower():
        return "lowercase_constant", name.lower()
    parts = _split_symbols(name)
    if parts and len(parts) > 1:
        return "did_you_mean", "*".join(parts)
    for fn in sorted(FUNCTIONS, key=len, reverse=True):
        rest = name[len(fn) :]
        if name.startswith(fn) and rest and (_split_symbols(rest) or rest.isdigit()):
            return "did_you_mean", f"{fn}({'*'.join(_split_symbols(rest) or [rest])})"
    return None


def _split_symbols(name: str) -> list[str] | None:
    """``name`` as a product of variables and constants (``xy`` -> [x, y]), or None."""
    if not name:
        return []
    for sym in ("pi", "x", "y", "e"):
        if name.startswith(sym):
            rest = _split_symbols(name[len(sym) :])
            if rest is not None:
                return [sym, *rest]
    return None


def _parse(src: _Source) -> ast.Expression:
    try:
        return ast.parse(src.parsed, mode="eval")
    except SyntaxError as err:
        offset = err.offset if isinstance(err.offset, int) and err.offset > 0 else len(src.parsed) + 1
        if offset > len(src.parsed):
            offset = len(src.parsed) + 1
        hint = _syntax_hint(src, offset - 1)
        if hint is not None:
            raise hint from None
        i = src.orig(offset - 1)
        piece = src.original[i : i + 1]
        msg = (err.msg or "invalid syntax").split(" (<unknown>")[0]
        if not piece.strip():  # past the end: nothing to point at
            if msg == "invalid syntax":
                raise _error("syntax_end", None, i + 1) from None
            raise _error("syntax_end_other", None, i + 1, detail=msg) from None
        # Python's own words for the usual cases have a code each (a translated message); any other
        # message is passed on as it is
        known = {
            "invalid syntax": "syntax",
            f"'{piece}' was never closed": "unclosed",
            f"unmatched '{piece}'": "unmatched",
        }
        if msg in known:
            raise _error(known[msg], piece, i + 1) from None
        raise _error("syntax_other", piece, i + 1, detail=msg) from None
    except (ValueError, RecursionError, MemoryError) as err:  # e.g. null bytes
        raise _error("unreadable", detail=str(err)) from None


def _check_characters(text: str) -> None:
    """Control characters, lone surrogates and parentheses nested past MAX_DEPTH, with their columns."""
    depth = 0
    for i, ch in enumerate(text):
        if ord(ch) < 32 and ch not in "\n\r\t":
            raise _error("control_character", ch, i + 1, char=repr(ch))
        if 0xD800 <= ord(ch) <= 0xDFFF:  # half a UTF-16 pair: no character at all, cannot be encoded
            raise _error("invalid_character", ch, i + 1, codepoint=f"{ord(ch):04X}")
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > MAX_DEPTH:
            raise _error("parentheses_too_deep", ch, i + 1, limit=MAX_DEPTH)


# ---- limits: nesting and the cost of compiling ---------------------------------------------------

# Compile cost of one operation of the formula, in units of one multiplication (~12-14 ms of compile
# CPU time each on the project's 2-core machine). Every operation is compiled some twenty times over
# in a race: forward and backward, in every optimizer's step, its recorded gradient norm and the
# grids. Measured per operation on the Race page's default race (4 optimizers x 1,000 steps) plus the
# 200 x 200 and 60 x 60 grids, 20-40 copies of one operation against a trivial formula's 0.77 CPU-s:
# + - * ~12-14 ms, / ~15-25, x^n ~22-30, sin exp ~26-35, x^1.5 ~53, sinh ~87, min ~86. MAX_COST keeps
# any accepted formula's compile of that race near 2 s (README, "Formula limits").
_COST_ARITH = 1  # + - * and unary minus
_COST_DIV = 2
_COST_INT_POW = 2  # at least, for x^n with n an integer literal (see _int_pow_cost)
_COST_POW = 7  # x^y otherwise: pow, and log and pow in its derivative
_COSTLY_CALLS = ("sinh", "cosh", "min", "max")  # their derivatives compile to many selects / exps
_COST_CALL = {name: (_COST_POW if name in _COSTLY_CALLS else 3) for name in (*UNARY, *BINARY)}
MAX_COST = 64


def _same_chain(parent: ast.AST, child: ast.AST) -> bool:
    """Whether ``child`` continues ``parent``'s chain of + and - (or * and /) on its left, as in
    ``x + x + x``: such a chain is one level of nesting however long it is."""
    groups = ((ast.Add, ast.Sub), (ast.Mult, ast.Div))
    if not (isinstance(parent, ast.BinOp) and isinstance(child, ast.BinOp) and child is parent.left):
        return False
    return any(isinstance(parent.op, g) and isinstance(child.op, g) for g in groups)


def _node_cost(node: ast.AST) -> int:
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Pow):
            n = _int_exponent(node.right)
            return _COST_POW if n is None else _int_pow_cost(n)
        return _COST_DIV if isinstance(node.op, ast.Div) else _COST_ARITH
    if isinstance(node, ast.UnaryOp):
        negated_number = isinstance(node.operand, ast.Constant)  # folded into the number
        return 0 if negated_number or not isinstance(node.op, ast.USub) else _COST_ARITH
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _COST_CALL.get(ALIASES.get(node.func.id, node.func.id), 0)
    return 0


def _int_pow_cost(n: int) -> int:
    """x^n is about log2|n| squarings and multiplications, and as many in its derivative n x^(n-1)
    (measured: x^7 ~38 ms, x^63 ~81 ms); a negative n adds a division."""
    return max(_COST_INT_POW, abs(n).bit_length()) + (1 if n < 0 else 0)


def _check_tree(tree: ast.Expression, src: _Source) -> int:
    """Check the nesting depth and return the compile cost; iterative, so any depth is safe."""
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    cost = 0
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _fail(src, node, "too_deep", limit=MAX_DEPTH)
        cost += _node_cost(node)
        for child in ast.iter_child_nodes(node):
            if hasattr(child, "col_offset"):  # operators and Load contexts carry no position
                stack.append((child, depth if _same_chain(node, child) else depth + 1))
    return cost


def compile_cost(text: str) -> int:
    """The compile cost of a formula as :data:`MAX_COST` counts it (for messages, tests, benchmarks).

    Raises:
        ExpressionError: the text does not parse or is nested too deeply.
    """
    src = _Source(text.strip())
    return _check_tree(_parse(src), src)


def _over_budget(cost: int) -> ExpressionError:
    return _error(
        "too_costly",
        cost=cost,
        limit=MAX_COST,
        arith=_COST_ARITH,
        div=_COST_DIV,
        call=_COST_CALL["sin"],
        pow=_COST_POW,
    )


# ---- from the checked tree to a structure and its numbers ----------------------------------------


def _number(node: ast.Constant, src: _Source) -> float:
    v = node.value
    if isinstance(v, bool) or v is None or v is Ellipsis:
        raise _fail(src, node, "unknown_literal", functions=", ".join(FUNCTIONS))
    if isinstance(v, (str, bytes)):
        raise _fail(src, node, "strings")
    if isinstance(v, complex):
        raise _fail(src, node, "imaginary")
    try:
        f = float(v)
    except OverflowError:
        f = math.inf
    if not abs(f) <= _FLOAT32_MAX:  # the app computes in float32 by default
        raise _fail(src, node, "number_too_large", limit=_FLOAT32_MAX)
    return f


def _int_exponent(node: ast.AST) -> int | None:
    """The exponent if it is a literal integer (possibly negated) small enough for exact powers."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1 if isinstance(node.op, ast.USub) else 1
        node = node.operand
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value <= MAX_INT_POWER:
        return sign * node.value
    return None


# A structure is a tuple tree: ("x",), ("y",), ("c", i) (the i-th number), ("neg", a),
# (op, a, b) for op in + - * / ^, ("ipow", a, n) and ("call", name, a, ...). Two formulas that differ
# only in their numbers have the same structure.
Structure = tuple


def _compile(node: ast.AST, src: _Source, consts: list[float]) -> Structure:
    """Check ``node`` against the whitelist; its structure, its numbers appended to ``consts`` in
    reading order (so the same structure numbers them the same way)."""
    if isinstance(node, ast.Expression):
        return _compile(node.body, src, consts)
    if isinstance(node, ast.Constant):
        consts.append(_number(node, src))
        return ("c", len(consts) - 1)
    if isinstance(node, ast.Name):
        return _compile_name(node, src, consts)
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.USub):
            if isinstance(node.operand, ast.Constant):  # -5 is one number, not an operation
                consts.append(-_number(node.operand, src))
                return ("c", len(consts) - 1)
            return ("neg", _compile(node.operand, src, consts))
        if isinstance(node.op, ast.UAdd):
            return _compile(node.operand, src, consts)
        raise _fail(src, node, "unary_operator", op=_OTHER_OPS.get(type(node.op), "?"))
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            sym = _OTHER_OPS.get(type(node.op), "?")
            raise _error("binary_operator", *_between(src, node.left, node.right, sym))
        if _is_power_of_call(node):
            raise _hint(*src.piece(node), _power_of_call_hint(node, src))
        left = _compile(node.left, src, consts)
        if isinstance(node.op, ast.Pow) and (n := _int_exponent(node.right)) is not None:
            return ("ipow", left, n)  # lax.integer_pow: exact, fine for negative bases
        return (_BINOPS[type(node.op)][0], left, _compile(node.right, src, consts))
    if isinstance(node, ast.Call):
        return _compile_call(node, src, consts)
    if type(node) in _REJECTED:
        raise _fail(src, node, _REJECTED[type(node)])
    raise _fail(src, node, "construct", kind=type(node).__name__)


def _compile_name(node: ast.Name, src: _Source, consts: list[float]) -> Structure:
    if node.id in VARIABLES:
        return (node.id,)
    if node.id in CONSTANTS:
        consts.append(CONSTANTS[node.id])
        return ("c", len(consts) - 1)
    if node.id in FUNCTIONS:
        raise _fail(src, node, "function_needs_argument", name=node.id)
    hint = _name_hint(node.id)
    if hint is not None:
        code, fix = hint
        raise _hint(*src.piece(node), fix, code)
    near = _suggest(node.id, (*VARIABLES, *CONSTANTS, *FUNCTIONS))
    functions = ", ".join(FUNCTIONS)
    if near is None:
        raise _fail(src, node, "unknown_name", functions=functions)
    raise _fail(src, node, "unknown_name_near", near=near, functions=functions)


def _is_power_of_call(node: ast.BinOp) -> bool:
    """``sin²(x)`` or ``sin^2(x)``: Python reads it as sin ** (2(x)), the book means sin(x)²."""
    return (
        isinstance(node.op, ast.Pow)
        and isinstance(node.left, ast.Name)
        and node.left.id in FUNCTIONS
        and isinstance(node.right, ast.Call)
        and isinstance(node.right.func, ast.Constant)
    )


def _power_of_call_hint(node: ast.BinOp, src: _Source) -> str:
    """``sin(x)²`` for ``sin²(x)`` (the power moved after the argument)."""
    call = node.right

    def at(offset: int) -> int:
        return src.orig_end(src.char_index(offset))

    name_end, power_end = at(node.left.end_col_offset), at(call.func.end_col_offset)
    power, args = src.original[name_end:power_end], src.original[power_end : at(call.end_col_offset)]
    return f"{node.left.id}{args.strip()}{power.strip()}"


def _times_hint(node: ast.Call, src: _Source) -> str:
    """``2(x+1)`` with the ``*`` put in: ``2*(x+1)``."""
    text, _ = src.piece(node)
    start = src.orig(src.char_index(node.col_offset))
    k = src.orig_end(src.char_index(node.func.end_col_offset)) - start
    while k < len(text) and text[k] in ") ":
        k += 1
    return _short(text[:k] + "*" + text[k:])


def _compile_call(node: ast.Call, src: _Source, consts: list[float]) -> Structure:
    if not isinstance(node.func, ast.Name):
        piece, col = src.piece(node.func)
        raise _error("call_not_function", piece, col, fix=_times_hint(node, src))
    name = node.func.id
    if name in VARIABLES or name in CONSTANTS:
        raise _hint(*src.piece(node), _times_hint(node, src))
    canon = ALIASES.get(name, name)
    if canon not in UNARY and canon not in BINARY:
        near = _suggest(name, FUNCTIONS)
        fields = {"name": name, "functions": ", ".join(FUNCTIONS)}
        if near is None:
            raise _fail(src, node.func, "function_not_allowed", **fields)
        raise _fail(src, node.func, "function_not_allowed_near", near=near, **fields)
    if node.keywords:
        raise _fail(src, node.keywords[0], "keyword_argument", name=name)
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise _fail(src, arg, "starred")
    want = 1 if canon in UNARY else 2
    if len(node.args) != want:
        code = "argument_count_one" if want == 1 else "argument_count_two"
        raise _fail(src, node, code, name=name, got=len(node.args))
    return ("call", canon, *(_compile(a, src, consts) for a in node.args))


def _evaluator(s: Structure) -> Fn:
    """Nested closures computing structure ``s`` elementwise from (x, y, numbers)."""
    kind = s[0]
    if kind == "x":
        return lambda x, y, p: x
    if kind == "y":
        return lambda x, y, p: y
    if kind == "c":
        i = s[1]
        return lambda x, y, p: p[i]
    if kind == "neg":
        f = _evaluator(s[1])
        return lambda x, y, p: -f(x, y, p)
    if kind == "ipow":
        f, n = _evaluator(s[1]), s[2]
        return lambda x, y, p: f(x, y, p) ** n
    if kind == "call":
        fn = UNARY.get(s[1]) or BINARY[s[1]]
        args = [_evaluator(a) for a in s[2:]]
        if len(args) == 1:
            (a,) = args
            return lambda x, y, p: fn(a(x, y, p))
        a, b = args
        return lambda x, y, p: fn(a(x, y, p), b(x, y, p))
    op, a, b = _OPS_BY_SYMBOL[kind], _evaluator(s[1]), _evaluator(s[2])
    return lambda x, y, p: op(a(x, y, p), b(x, y, p))


def _render(s: Structure) -> str:
    """A structure as text, numbers shown as c0, c1, ... (fully parenthesised)."""
    kind = s[0]
    if kind in VARIABLES:
        return kind
    if kind == "c":
        return f"c{s[1]}"
    if kind == "neg":
        return f"(-{_render(s[1])})"
    if kind == "ipow":
        return f"({_render(s[1])}^{s[2]})"
    if kind == "call":
        return f"{s[1]}({', '.join(_render(a) for a in s[2:])})"
    return f"({_render(s[1])} {kind} {_render(s[2])})"


class ExpressionFamily(OwnedFamily):
    """The surface family ``fn_p(xy, p)`` of one formula structure; ``p`` holds its numbers.

    One object per structure while anything refers to it (see :func:`_family`): the Landscapes of
    ``x^2 + 5*y^2`` and ``x^2 + 10*y^2`` share it, and so share its compiled programs.
    """

    def __init__(self, structure: Structure):
        super().__init__()
        self.structure = structure
        self.elementwise: Fn = _evaluator(structure)

    def __call__(self, xy, p):
        return self.elementwise(xy[0], xy[1], p)

    def __repr__(self) -> str:
        return f"<ExpressionFamily {_short(_render(self.structure), 80)}>"


_FAMILIES: weakref.WeakValueDictionary[Structure, ExpressionFamily] = weakref.WeakValueDictionary()
_FAMILIES_LOCK = threading.Lock()  # Streamlit serves sessions from several threads


def _family(structure: Structure) -> ExpressionFamily:
    """The family of ``structure``: the existing one if anything still refers to it."""
    with _FAMILIES_LOCK:
        family = _FAMILIES.get(structure)
        if family is None:
            family = ExpressionFamily(structure)
            _FAMILIES[structure] = family
        return family


# ---- LaTeX for the formula as parsed ---------------------------------------------------------------

_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2, ast.Pow: 4}
_LATEX_FN = {
    "arctan": r"\arctan",
    "arcsin": r"\arcsin",
    "arccos": r"\arccos",
    "log": r"\ln",
    "log10": r"\log_{10}",
    "log2": r"\log_{2}",
    "min": r"\min",
    "max": r"\max",
    "arctan2": r"\operatorname{arctan2}",
}


def _latex(node: ast.AST) -> tuple[str, int]:
    """(LaTeX, precedence) of a checked tree; 5 = atom, 3 = unary minus."""
    if isinstance(node, ast.Expression):
        return _latex(node.body)
    if isinstance(node, ast.Constant):
        text = repr(float(node.value)) if isinstance(node.value, float) else str(node.value)
        if "e" in text:  # 1e-05 -> 1 \times 10^{-5}
            mant, exp = text.split("e")
            text = rf"{mant} \times 10^{{{int(exp)}}}"
        return text, 5
    if isinstance(node, ast.Name):
        return (r"\pi" if node.id == "pi" else node.id), 5
    if isinstance(node, ast.UnaryOp):
        s, p = _latex(node.operand)
        if p <= 3:
            s = rf"\left({s}\right)"
        return (f"-{s}" if isinstance(node.op, ast.USub) else s), 3
    if isinstance(node, ast.BinOp):
        p = _PREC[type(node.op)]
        ls, lp = _latex(node.left)
        rs, rp = _latex(node.right)
        if isinstance(node.op, ast.Div):
            return rf"\frac{{{ls}}}{{{rs}}}", 5
        if isinstance(node.op, ast.Pow):
            if lp <= p or isinstance(node.left, ast.BinOp):
                ls = rf"\left({ls}\right)"
            return f"{{{ls}}}^{{{rs}}}", 4
        if lp < p:
            ls = rf"\left({ls}\right)"
        if rp < p or rp == 3 or (rp == p and isinstance(node.op, ast.Sub)):
            rs = rf"\left({rs}\right)"
        sym = {ast.Add: " + ", ast.Sub: " - ", ast.Mult: r" \cdot "}[type(node.op)]
        return f"{ls}{sym}{rs}", p
    if isinstance(node, ast.Call):
        name = ALIASES.get(node.func.id, node.func.id)
        args = ", ".join(_latex(a)[0] for a in node.args)
        if name == "sqrt":
            return rf"\sqrt{{{args}}}", 5
        if name == "abs":
            return rf"\left|{args}\right|", 5
        macro = _LATEX_FN.get(name, "\\" + name)
        return rf"{macro}\left({args}\right)", 5
    raise TypeError(type(node).__name__)  # unreachable after _compile's checks


def _uses(tree: ast.AST, names) -> bool:
    """Whether the formula calls any of ``names`` (the kinks of abs, min and max are not smooth)."""
    return any(isinstance(n, ast.Call) and n.func.id in names for n in ast.walk(tree))


# ---- the public function ---------------------------------------------------------------------------


def _check_view(bounds, start):
    try:
        (x0, x1), (y0, y1) = bounds
        b = ((float(x0), float(x1)), (float(y0), float(y1)))
    except (TypeError, ValueError):
        raise _error("bad_bounds", bounds=repr(bounds)) from None
    if not all(math.isfinite(v) for pair in b for v in pair) or not (b[0][0] < b[0][1] and b[1][0] < b[1][1]):
        raise _error("bounds_not_finite", bounds=repr(b))
    s = None
    if start is not None:
        try:
            s = (float(start[0]), float(start[1]))
            if len(start) != 2:
                raise ValueError
        except (TypeError, ValueError, IndexError):
            raise _error("bad_start", start=repr(start)) from None
        if not (b[0][0] <= s[0] <= b[0][1] and b[1][0] <= s[1] <= b[1][1]):
            raise _error("start_outside", start=repr(s), bounds=repr(b))
    return b, s


def from_expression(text: str, bounds=None, start=None) -> Landscape:
    """A surface from a formula in x and y, e.g. ``"x^2 - y^2"`` or ``"sin(3*x) * cos(2*y) + 0.1*x²"``.

    Args:
        text: the formula (see the module docstring for what is accepted).
        bounds: the view ``((x_min, x_max), (y_min, y_max))``; (-3, 3) on both axes if None.
        start: the default start point; if None, the point 80% of the way across in x and 70% in y,
            or the nearest point of a sample grid where the formula is finite.

    Returns:
        A :class:`Landscape` named ``"expression"`` whose ``params`` are the formula's numbers (in
        reading order; ``param_spec`` is empty: they have no sliders) and whose ``fn_p`` is shared by
        every formula of the same structure. The same arguments return the same object.

    Raises:
        ExpressionError: (a ValueError) the text or view is rejected; the message names the offending
            piece and its 1-based column, also available as ``err.piece`` and ``err.column``.
    """
    if not isinstance(text, str):
        raise _error("not_text", type=type(text).__name__)
    b, s = _check_view(DEFAULT_BOUNDS if bounds is None else bounds, start)
    return _from_expression(text.strip(), b, s)


class _Parsed(NamedTuple):
    structure: Structure  # what is compiled
    consts: tuple[float, ...]  # the numbers, in reading order: the Landscape's params
    latex: str
    smooth: bool


def check_length(text: str) -> None:
    """Raise ExpressionError if ``text`` is longer than :data:`MAX_LENGTH` (the message says both)."""
    if len(text) > MAX_LENGTH:
        raise _error("too_long", text[MAX_LENGTH:], MAX_LENGTH + 1, length=len(text), limit=MAX_LENGTH)


@functools.lru_cache(maxsize=1024)
def _parse_text(text: str) -> _Parsed:
    """Parse and check ``text`` once (holds no compiled code, so many texts may be remembered)."""
    if not text:
        raise _error("empty")
    check_length(text)
    _check_characters(text)
    src = _Source(text)
    tree = _parse(src)
    cost = _check_tree(tree, src)
    consts: list[float] = []
    structure = _compile(tree, src, consts)  # the whitelist first: its messages are more useful
    if cost > MAX_COST:
        raise _over_budget(cost)
    return _Parsed(structure, tuple(consts), "f = " + _latex(tree)[0], not _uses(tree, ("abs", "min", "max")))


def _sample(family: ExpressionFamily, p, bounds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, y, f(x, y)) on the SAMPLE_GRID x SAMPLE_GRID grid over ``bounds``; ``p``: the numbers."""
    (x0, x1), (y0, y1) = bounds
    gx, gy = np.meshgrid(
        np.linspace(x0, x1, SAMPLE_GRID, dtype=np.float32), np.linspace(y0, y1, SAMPLE_GRID, dtype=np.float32)
    )
    z = np.broadcast_to(np.asarray(family.elementwise(jnp.asarray(gx), jnp.asarray(gy), p)), gx.shape)
    return gx, gy, z


@functools.lru_cache(maxsize=256)
def _from_expression(text: str, bounds, start) -> Landscape:
    parsed = _parse_text(text)
    family = _family(parsed.structure)
    p = jnp.asarray(parsed.consts, jnp.float32)  # float32, as the app computes
    gx, gy, z = _sample(family, p, bounds)
    (x0, x1), (y0, y1) = bounds
    finite = np.isfinite(z)
    if not finite.any():
        raise _error("not_finite", x0=x0, x1=x1, y0=y0, y1=y1)
    if start is None:
        want = np.array([x0 + 0.8 * (x1 - x0), y0 + 0.7 * (y1 - y0)])
        pts = np.stack([gx[finite], gy[finite]], axis=1).astype(np.float64)
        wx, wy = want
        if not np.isfinite(np.asarray(family.elementwise(jnp.float32(wx), jnp.float32(wy), p))):
            wx, wy = pts[np.argmin(np.sum((pts - want) ** 2, axis=1))]
        start = (float(wx), float(wy))
    return Landscape(
        name="expression",
        title=text,
        fn_p=family,
        bounds=bounds,
        start=start,
        minima=(),
        min_value=None,
        latex=parsed.latex,
        description={"en": f"Your formula: {text}", "ko": f"직접 입력한 수식: {text}"},
        source="user formula",
        params=parsed.consts,
        log_color=False,
        smooth=parsed.smooth,
        category="custom",
    )
