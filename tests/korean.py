"""What Korean text may contain: the English words allowed in Korean mode, and the chosen terms.

Used by the string-table tests (``tests/test_app_i18n.py``) and the rendered-page tests
(``tests/test_app_korean.py``). A Korean string may hold Latin letters only as:

- single letters (variables and symbols: x, y, f, w, g, B, t ...) and subscripts (λ_max, B_min, n_in);
- the words in :data:`ALLOWED` (names of methods, people, libraries, formats and units, functions
  written as in the formulas) and the names the registries give (optimizers, surfaces named after
  people);
- anything inside inline code (a formula, a user's text) or a {field};
- the English term in parentheses right after its Korean term, as the notes write it
  ("정규화(Regularization)", "조기 종료(Early Stopping)"): a gloss, not a forgotten translation.

Every other English word in a Korean string is a translation that was forgotten. The chosen Korean
terms and their forbidden variants are ``i18n.glossary.CHOICES`` (the glossary page shows them).
"""

from __future__ import annotations

import re
from functools import cache

from i18n.glossary import CHOICES

# Names and symbols that stay as they are in Korean text (the lecture notes write them so too).
ALLOWED: frozenset[str] = frozenset(
    {
        # methods, people and papers
        "Keskar",
        "Lanczos",
        "Li",
        "LeCun",
        "Xavier",
        "He",
        "Polyak",
        "Kingma",
        "Ba",
        "Dozat",
        "Foret",
        "Zeiler",
        "Bergstra",
        "Bengio",
        "Nesterov",
        "Hinton",
        # activations and data, as the notes name them ("Dead ReLU", 002; "Tanh", 004)
        "ReLU",
        "Leaky",
        "Sigmoid",
        "sigmoid",
        "tanh",
        "Tanh",
        "XOR",
        "Dead",
        "ELU",
        "GELU",
        # abbreviations of models, methods and measures (the notes write MLP and MSE)
        "MLP",
        "GOE",  # the Gaussian orthogonal ensemble (random-matrix theory writes it so)
        "MSE",
        "PCA",  # the notes write PCA (003)
        "TPE",
        "OOB",
        "LOO",
        "L1",
        "Var",
        "Beta",
        "Loshchilov",
        "Hutter",
        "fold",  # k-fold (the notes: "K-Fold", 004)
        # libraries, formats, units and number types
        "JAX",
        "PyTorch",
        "torch",
        "optax",
        "NumPy",
        "CSV",
        "HTML",
        "GIF",
        "MP4",
        "QR",
        "ms",
        "float32",
        "bfloat16",
        "float64",
        "RMS",
        "L2",
        # functions and abbreviations as the formulas write them
        "lr",
        "log",
        "log10",
        "exp",
        "ln",
        "sqrt",
        "max",
        "min",
        "sin",
        "cos",
        "GD",
        "EMA",
        # the app's name and the language names of the language switch and the glossary
        "Gradient",
        "Atlas",
        "English",
        "Language",
    }
)

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)  # inline code spans (a user's text, a formula)
_FIELD = re.compile(r"\{\w*(?::[^}]*)?\}")  # str.format fields
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # a Markdown link's address
_HTML = re.compile(r"<[^>]+>")  # tags (colour swatches in tables)
_SUBSCRIPT = re.compile(r"_[A-Za-z0-9]+")  # λ_max, B_min, n_in: a symbol's subscript
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# an English gloss in parentheses right after a Korean word: "정규화(Regularization)"
_GLOSS = re.compile(r"(?<=[가-힣])\((?:[A-Za-z][A-Za-z-]*)(?:[ -][A-Za-z][A-Za-z-]*)*\)")


@cache
def registry_names() -> frozenset[str]:
    """Words of the optimizers' names and of the surfaces named after people (no Korean name)."""
    import i18n
    import landscapes
    import optimizers

    words = set()
    for name in optimizers.names():
        words |= set(_WORD.findall(optimizers.get(name).title))
    for name in landscapes.names():
        if f"race.surf.{name}" not in i18n.STRINGS:
            words |= set(_WORD.findall(landscapes.get(name).title))
    return frozenset(words)


def plain_text(text: str) -> str:
    """``text`` without code spans, fields, link addresses and HTML tags (what is read as prose)."""
    for pattern in (_CODE, _FIELD, _LINK_TARGET, _HTML, _GLOSS):
        text = pattern.sub(" ", text)
    return text


def english_words(text: str) -> list[str]:
    """The English words in Korean ``text`` that are not allowed there."""
    words = _WORD.findall(_SUBSCRIPT.sub("", plain_text(text)))
    ok = ALLOWED | registry_names()
    return [w for w in words if len(w) > 1 and w not in ok]


def forbidden_terms(text: str) -> list[tuple[str, str]]:
    """(concept, variant found) for every term variant of ``i18n.glossary.CHOICES`` in ``text``."""
    prose = plain_text(text)
    out = []
    for choice in CHOICES:
        for pattern in choice.forbidden:
            for m in re.finditer(pattern, prose, flags=re.M):
                out.append((choice.id, m.group(0)))
    return out
