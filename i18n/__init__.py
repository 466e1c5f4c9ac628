"""Every user-facing string, in English and Korean.

Each module ``i18n/<name>.py`` defines ``STRINGS: dict[str, dict[str, str]]`` mapping a key to
``{"en": ..., "ko": ...}``; this package merges all of them (a key defined twice is an error at
import time). Pages call :func:`t` with a key and optional ``str.format`` fields; the language is
read from session state (the sidebar's language control) and is English outside a Streamlit run.

Adding strings for a new page: create ``i18n/<page>.py`` with a ``STRINGS`` dict whose keys start
with ``<page>.``; nothing else to register.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import pkgutil
from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "ko")
LANG_NAMES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"


def _load() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        table = getattr(module, "STRINGS", None)
        if not isinstance(table, Mapping):
            raise TypeError(f"i18n/{info.name}.py must define STRINGS as a dict")
        for key, entry in table.items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} is defined twice (second time in i18n/{info.name}.py)")
            merged[key] = dict(entry)
    return merged


STRINGS: dict[str, dict[str, str]] = _load()


_SHOWN = contextvars.ContextVar("ga_shown_language", default=None)


@contextlib.contextmanager
def shown_in(lang: str):
    """Inside the block :func:`t` speaks ``lang`` (the language a widget was drawn in): Streamlit's
    test client calls a widget's ``format_func`` again outside the script run, where the session's
    language is not known."""
    token = _SHOWN.set(lang)
    try:
        yield
    finally:
        _SHOWN.reset(token)


def bound(format_func, lang: str | None = None):
    """``format_func`` that always shows its choices in ``lang`` (default: the current language)."""
    lang = lang or current_lang()

    def shown(value):
        with shown_in(lang):
            return format_func(value)

    return shown


def current_lang() -> str:
    """The language chosen in the sidebar ("en" or "ko"); English outside a Streamlit run."""
    from ui import state  # the one module that touches session state

    lang = _SHOWN.get() or state.language()
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    """The string ``key`` in the current (or given) language, formatted with ``fmt``.

    Args:
        key: a key of :data:`STRINGS`, e.g. ``"race.title"``.
        lang: "en" or "ko"; the sidebar's choice if None.
        **fmt: fields for ``str.format``.

    Returns:
        The translated, formatted string.

    Raises:
        KeyError: the key is not defined (a bug: every shown string must be in a table).
    """
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"Missing i18n key {key!r}") from None
    text = entry[lang or current_lang()]
    return text.format(**fmt) if fmt else text


def pick(texts: Mapping[str, str] | None, lang: str | None = None) -> str:
    """Choose the current language from a library's ``{"en": ..., "ko": ...}`` dict (English fallback).

    Args:
        texts: e.g. ``Landscape.description`` or ``Optimizer.explain``; None gives "".
        lang: language; the sidebar's choice if None.

    Returns:
        The text in that language, or English when that language is missing.
    """
    if not texts:
        return ""
    lang = lang or current_lang()
    return texts.get(lang) or texts.get(DEFAULT_LANG, "")
