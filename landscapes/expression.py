"""User formulas: a safe parser from text such as ``x^2 - y^2`` to a :class:`Landscape`.

The text is parsed with Python's ``ast`` module and checked against a whitelist; it is never passed
to ``eval``, ``exec`` or ``compile``. The accepted language:

- numbers (``2``, ``0.5``, ``1e-3``), the variables ``x`` and ``y``, the constants ``pi`` and ``e``;
- ``+ - * /``, powers written ``**`` or ``^``, unary ``-`` and ``+``, parentheses;
- the functions ``sin cos tan exp log log10 log2 sqrt abs tanh sinh cosh arctan arcsin arccos``
  (also spelled ``atan asin acos``) of one argument, and ``min max arctan2`` (``atan2``) of two.

``^`` means power, as people type it, with the precedence of ``**`` (binding tighter than unary minus
and the other operators, grouping right to left): ``-x^2`` is ``-(x^2)`` and ``2^3^2`` is ``2^9``.
It is rewritten to ``**`` before parsing; Python's own ``^`` (exclusive or) is not available.
Multiplication must be written: ``2x`` is an error that points at the ``x``.

Anything else is an :class:`ExpressionError` naming the offending piece and its column. So are texts
over :data:`MAX_LENGTH` characters or nested deeper than :data:`MAX_DEPTH`, and formulas that are not
finite anywhere on a sample grid of the view. A constant formula (no ``x`` or ``y``) is accepted: it
is a flat surface whose gradient is zero everywhere, a legitimate if dull thing to look at.

Results are cached on ``(text, bounds, start)``: the same arguments return the same ``Landscape``
object, and every view or start of the same text shares one surface function ``fn_p``. The compiled
runner keys its cache on that function's identity, so a Streamlit rerun with an unchanged formula (or
a moved view) reuses the compiled code instead of compiling again.
"""

from __future__ import annotations

import ast
import difflib
import functools
import math
from collections.abc import Callable
from typing import Any, NamedTuple

import jax.numpy as jnp
import numpy as np

from .base import Landscape

MAX_LENGTH = 500  # characters
MAX_DEPTH = 50  # nesting levels of the syntax tree
DEFAULT_BOUNDS = ((-3.0, 3.0), (-3.0, 3.0))
SAMPLE_GRID = 64  # points per axis of the finiteness check
_FLOAT32_MAX = float(np.finfo(np.float32).max)
MAX_INT_POWER = 64  # integer exponents up to this size use exact repeated multiplication

UNARY: dict[str, Callable] = {
    "sin": jnp.sin, "cos": jnp.cos, "tan": jnp.tan, "exp": jnp.exp, "log": jnp.log,
    "log10": jnp.log10, "log2": jnp.log2, "sqrt": jnp.sqrt, "abs": jnp.abs, "tanh": jnp.tanh,
    "sinh": jnp.sinh, "cosh": jnp.cosh, "arctan": jnp.arctan, "arcsin": jnp.arcsin, "arccos": jnp.arccos,
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
_OTHER_OPS = {
    ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitXor: "xor", ast.BitAnd: "&", ast.Invert: "~", ast.Not: "not",
}
_REJECTED = {
    ast.Attribute: "Attribute access is not allowed",
    ast.Subscript: "Subscripts (indexing) are not allowed",
    ast.Lambda: "Lambdas are not allowed",
    ast.ListComp: "Comprehensions are not allowed",
    ast.SetComp: "Comprehensions are not allowed",
    ast.DictComp: "Comprehensions are not allowed",
    ast.GeneratorExp: "Comprehensions are not allowed",
    ast.Compare: "Comparisons are not allowed",
    ast.BoolOp: "Boolean operators (and, or) are not allowed",
    ast.IfExp: "Conditional expressions are not allowed",
    ast.JoinedStr: "Strings are not allowed",
    ast.Tuple: "Tuples (a comma outside a function call) are not allowed",
    ast.List: "Lists are not allowed",
    ast.Dict: "Dicts are not allowed",
    ast.Set: "Sets are not allowed",
    ast.Starred: "Starred arguments are not allowed",
    ast.NamedExpr: "Assignments are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "Slices are not allowed",
}


class ExpressionError(ValueError):
    """A formula was rejected. ``piece`` is the offending text, ``column`` its 1-based position."""

    def __init__(self, message: str, piece: str | None = None, column: int | None = None):
        super().__init__(message)
        self.piece = piece
        self.column = column


Fn = Callable[[Any, Any], Any]  # (x, y) -> value, elementwise


class _Source:
    """The user's text, the text handed to the parser (``^`` -> ``**``) and the map between them."""

    def __init__(self, text: str):
        self.original = text
        # newlines and tabs become spaces, so that columns are columns and a formula may wrap
        flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        self.parsed = flat.replace("^", "**")
        self._orig_index = []  # parsed char index -> original char index
        for i, ch in enumerate(flat):
            self._orig_index.extend([i, i] if ch == "^" else [i])
        self._orig_index.append(len(flat))
        self._line_bytes = self.parsed.encode("utf-8")

    def orig(self, parsed_index: int) -> int:
        return self._orig_index[max(0, min(parsed_index, len(self._orig_index) - 1))]

    def char_index(self, byte_offset: int) -> int:
        """Python's ast reports UTF-8 byte offsets; the user counts characters."""
        return len(self._line_bytes[:byte_offset].decode("utf-8", errors="ignore"))

    def piece(self, node: ast.AST) -> tuple[str, int]:
        """(original text of ``node``, 1-based column in the original text)."""
        start = self.orig(self.char_index(node.col_offset))
        end_b = getattr(node, "end_col_offset", None)
        end = self.orig(self.char_index(end_b)) if end_b is not None else start + 1
        return self.original[start:end] or self.original[start : start + 1], start + 1


def _between(src: _Source, left: ast.AST, right: ast.AST, symbol: str) -> tuple[str, int]:
    """The operator text between two operands and its 1-based column (op nodes carry no position)."""
    a = src.orig(src.char_index(left.end_col_offset))
    b = src.orig(src.char_index(right.col_offset))
    gap = src.original[a:b]
    stripped = gap.strip().strip("()").strip() or symbol
    k = gap.find(stripped)
    return stripped, a + (k if k >= 0 else 0) + 1


def _fail(src: _Source, node: ast.AST, what: str) -> ExpressionError:
    piece, col = src.piece(node)
    return ExpressionError(f"{what}: '{_short(piece)}' at column {col}", piece, col)


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _suggest(name: str, choices) -> str:
    near = difflib.get_close_matches(name.lower(), list(choices), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _parse(src: _Source) -> ast.Expression:
    try:
        return ast.parse(src.parsed, mode="eval")
    except SyntaxError as err:
        offset = err.offset if isinstance(err.offset, int) and err.offset > 0 else len(src.parsed) + 1
        if offset > len(src.parsed):
            offset = len(src.parsed) + 1
        i = src.orig(offset - 1)
        piece = src.original[i : i + 1]
        where = f"'{piece}' at column {i + 1}" if piece.strip() else f"column {i + 1} (end of input)"
        msg = (err.msg or "invalid syntax").split(" (<unknown>")[0]
        raise ExpressionError(f"Syntax error at {where}: {msg}", piece or None, i + 1) from None
    except (ValueError, RecursionError, MemoryError) as err:  # e.g. null bytes
        raise ExpressionError(f"Cannot read the formula: {err}") from None


def _check_characters(text: str) -> None:
    """Control characters and parentheses nested past MAX_DEPTH, with their columns."""
    depth = 0
    for i, ch in enumerate(text):
        if ord(ch) < 32 and ch not in "\n\r\t":
            raise ExpressionError(f"Control character {ch!r} at column {i + 1} is not allowed", ch, i + 1)
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > MAX_DEPTH:
            raise ExpressionError(
                f"Parentheses are nested more than {MAX_DEPTH} deep: '(' at column {i + 1}", ch, i + 1
            )


def _check_depth(tree: ast.AST, src: _Source) -> None:
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _fail(src, node, f"The formula is nested more than {MAX_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _number(node: ast.Constant, src: _Source) -> float:
    v = node.value
    if isinstance(v, bool) or v is None or v is Ellipsis:
        raise _fail(src, node, f"Unknown name; use x, y, pi, e or the functions {', '.join(FUNCTIONS)}")
    if isinstance(v, (str, bytes)):
        raise _fail(src, node, "Strings are not allowed")
    if isinstance(v, complex):
        raise _fail(src, node, "Imaginary numbers are not allowed")
    try:
        f = float(v)
    except OverflowError:
        f = math.inf
    if not abs(f) <= _FLOAT32_MAX:  # the app computes in float32 by default
        raise _fail(src, node, f"Number too large (the limit is {_FLOAT32_MAX:.3g})")
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


def _build(node: ast.AST, src: _Source) -> Fn:
    """Walk the checked tree once into nested closures computing the formula elementwise."""
    if isinstance(node, ast.Expression):
        return _build(node.body, src)
    if isinstance(node, ast.Constant):
        c = _number(node, src)
        return lambda x, y: jnp.asarray(c, dtype=jnp.result_type(x))
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda x, y: x
        if node.id == "y":
            return lambda x, y: y
        if node.id in CONSTANTS:
            c = CONSTANTS[node.id]
            return lambda x, y: jnp.asarray(c, dtype=jnp.result_type(x))
        if node.id in FUNCTIONS:
            raise _fail(src, node, f"Function '{node.id}' needs an argument in parentheses")
        raise _fail(
            src, node,
            f"Unknown name{_suggest(node.id, (*VARIABLES, *CONSTANTS, *FUNCTIONS))}; use x, y, pi, e or "
            f"one of the functions {', '.join(FUNCTIONS)}",
        )
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.USub):
            f = _build(node.operand, src)
            return lambda x, y: -f(x, y)
        if isinstance(node.op, ast.UAdd):
            return _build(node.operand, src)
        raise _fail(src, node, f"Operator '{_OTHER_OPS.get(type(node.op), '?')}' is not allowed")
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            sym = _OTHER_OPS.get(type(node.op), "?")
            piece, col = _between(src, node.left, node.right, sym)
            msg = f"Operator '{piece}' is not allowed; use + - * / ^ (power): '{piece}' at column {col}"
            raise ExpressionError(msg, piece, col)
        a = _build(node.left, src)
        if isinstance(node.op, ast.Pow) and (n := _int_exponent(node.right)) is not None:
            _build(node.right, src)  # still checked
            return lambda x, y: a(x, y) ** n  # lax.integer_pow: exact, fine for negative bases
        b = _build(node.right, src)
        op = _BINOPS[type(node.op)][1]
        return lambda x, y: op(a(x, y), b(x, y))
    if isinstance(node, ast.Call):
        return _build_call(node, src)
    raise _fail(src, node, _REJECTED.get(type(node), f"'{type(node).__name__}' is not allowed"))


def _build_call(node: ast.Call, src: _Source) -> Fn:
    if not isinstance(node.func, ast.Name):
        raise _fail(src, node.func, "Only the named functions can be called")
    name = node.func.id
    canon = ALIASES.get(name, name)
    if canon not in UNARY and canon not in BINARY:
        raise _fail(
            src, node.func,
            f"Function '{name}' is not allowed{_suggest(name, FUNCTIONS)}; "
            f"choose one of {', '.join(FUNCTIONS)}",
        )
    if node.keywords:
        raise _fail(src, node.keywords[0], f"Keyword arguments are not allowed in {name}()")
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise _fail(src, arg, "Starred arguments are not allowed")
    want = 1 if canon in UNARY else 2
    if len(node.args) != want:
        plural = "s" if want > 1 else ""
        raise _fail(src, node, f"{name}() takes {want} argument{plural}, got {len(node.args)}")
    args = [_build(a, src) for a in node.args]
    if want == 1:
        f, a = UNARY[canon], args[0]
        return lambda x, y: f(a(x, y))
    g, (a, b) = BINARY[canon], args
    return lambda x, y: g(a(x, y), b(x, y))


# ---- LaTeX for the formula as parsed ---------------------------------------------------------------

_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2, ast.Pow: 4}
_LATEX_FN = {
    "arctan": r"\arctan", "arcsin": r"\arcsin", "arccos": r"\arccos", "log": r"\ln", "log10": r"\log_{10}",
    "log2": r"\log_{2}", "min": r"\min", "max": r"\max", "arctan2": r"\operatorname{arctan2}",
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
    raise TypeError(type(node).__name__)  # unreachable after _build's checks


def _uses(tree: ast.AST, names) -> bool:
    """Whether the formula calls any of ``names`` (the kinks of abs, min and max are not smooth)."""
    return any(isinstance(n, ast.Call) and n.func.id in names for n in ast.walk(tree))


# ---- the public function ---------------------------------------------------------------------------


def _check_view(bounds, start):
    try:
        (x0, x1), (y0, y1) = bounds
        b = ((float(x0), float(x1)), (float(y0), float(y1)))
    except (TypeError, ValueError):
        raise ExpressionError(f"bounds must be ((x_min, x_max), (y_min, y_max)); got {bounds!r}") from None
    if not all(math.isfinite(v) for pair in b for v in pair) or not (b[0][0] < b[0][1] and b[1][0] < b[1][1]):
        raise ExpressionError(f"bounds {b!r} must be finite with x_min < x_max and y_min < y_max")
    s = None
    if start is not None:
        try:
            s = (float(start[0]), float(start[1]))
            if len(start) != 2:
                raise ValueError
        except (TypeError, ValueError, IndexError):
            raise ExpressionError(f"start must be a point (x, y); got {start!r}") from None
        if not (b[0][0] <= s[0] <= b[0][1] and b[1][0] <= s[1] <= b[1][1]):
            raise ExpressionError(f"start {s!r} is outside the view {b!r}")
    return b, s


def from_expression(text: str, bounds=None, start=None) -> Landscape:
    """A surface from a formula in x and y, e.g. ``"x^2 - y^2"`` or ``"sin(3*x) * cos(2*y) + 0.1*x^2"``.

    Args:
        text: the formula (see the module docstring for what is accepted).
        bounds: the view ``((x_min, x_max), (y_min, y_max))``; (-3, 3) on both axes if None.
        start: the default start point; if None, the point 80% of the way across in x and 70% in y,
            or the nearest point of a sample grid where the formula is finite.

    Returns:
        A :class:`Landscape` named ``"expression"``. The same arguments return the same object.

    Raises:
        ExpressionError: (a ValueError) the text or view is rejected; the message names the offending
            piece and its 1-based column, also available as ``err.piece`` and ``err.column``.
    """
    if not isinstance(text, str):
        raise ExpressionError(f"The formula must be text; got {type(text).__name__}")
    b, s = _check_view(DEFAULT_BOUNDS if bounds is None else bounds, start)
    return _from_expression(text.strip(), b, s)


class _Formula(NamedTuple):
    fn_p: Callable  # (xy, params) -> value: the family the compiled runner keys on
    f: Fn  # (x, y) -> value, elementwise
    latex: str
    smooth: bool


@functools.lru_cache(maxsize=256)
def _formula(text: str) -> _Formula:
    """Parse and check ``text`` once; every view of the same text shares one ``fn_p`` (no recompiles)."""
    if not text:
        raise ExpressionError("The formula is empty; type one in x and y, for example x^2 + 3*y^2")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"The formula is {len(text)} characters long; the limit is {MAX_LENGTH}",
            text[MAX_LENGTH:], MAX_LENGTH + 1,
        )
    _check_characters(text)
    src = _Source(text)
    tree = _parse(src)
    _check_depth(tree, src)
    f = _build(tree, src)
    fn_p = lambda xy, p: f(xy[0], xy[1])
    return _Formula(fn_p, f, "f = " + _latex(tree)[0], not _uses(tree, ("abs", "min", "max")))


@functools.lru_cache(maxsize=256)
def _from_expression(text: str, bounds, start) -> Landscape:
    fn_p, f, latex, smooth = _formula(text)
    (x0, x1), (y0, y1) = bounds
    xs = np.linspace(x0, x1, SAMPLE_GRID, dtype=np.float32)
    ys = np.linspace(y0, y1, SAMPLE_GRID, dtype=np.float32)
    gx, gy = np.meshgrid(xs, ys)
    z = np.broadcast_to(np.asarray(f(jnp.asarray(gx), jnp.asarray(gy))), gx.shape)
    finite = np.isfinite(z)
    if not finite.any():
        raise ExpressionError(
            f"The formula is not finite anywhere in the view x in [{x0:g}, {x1:g}], y in [{y0:g}, {y1:g}] "
            "(e.g. log or sqrt of negative numbers, or division by zero); change it or the view"
        )
    if start is None:
        want = np.array([x0 + 0.8 * (x1 - x0), y0 + 0.7 * (y1 - y0)])
        pts = np.stack([gx[finite], gy[finite]], axis=1).astype(np.float64)
        wx, wy = want
        if not np.isfinite(np.asarray(f(jnp.float32(wx), jnp.float32(wy)))):
            wx, wy = pts[np.argmin(np.sum((pts - want) ** 2, axis=1))]
        start = (float(wx), float(wy))
    return Landscape(
        name="expression",
        title=text,
        fn_p=fn_p,
        bounds=bounds,
        start=start,
        minima=(),
        min_value=None,
        latex=latex,
        description={"en": f"Your formula: {text}", "ko": f"직접 입력한 수식: {text}"},
        source="user formula",
        log_color=False,
        smooth=smooth,
        category="custom",
    )
