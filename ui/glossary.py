"""Plain-words tooltips for the technical terms a page shows, each linked to its glossary entry.

A text or a control that mentions a term of :data:`i18n.glossary.TERMS` (found by the term's
patterns in the current language) gets a ``help`` tooltip: for each term, its name, one or two
sentences in plain words and a link to its entry on the glossary page (``/glossary#<id>``, in the
same language; the link opens a new tab, so the page and its settings stay as they are).
:func:`ui.widgets.control`, :func:`ui.widgets.markdown`, :func:`ui.widgets.caption` and
:func:`ui.widgets.subheader` call :func:`help_for`; the page ``pages/glossary.py`` lists the entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from i18n import LANGS, current_lang, t
from i18n.glossary import TERMS, Term

PAGE = "glossary"  # the glossary's url path (ui.nav.PAGES)
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|\{[^}]*\}")  # code, link targets, tags, fields


@cache
def _patterns(lang: str) -> tuple[tuple[Term, re.Pattern[str]], ...]:
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    flags = re.IGNORECASE if lang == "en" else 0
    return tuple((term, re.compile("|".join(getattr(term, lang)), flags)) for term in TERMS)


def terms_in(texts: Iterable[str | None], lang: str | None = None) -> list[Term]:
    """The glossary terms that ``texts`` mention (their prose: code spans, link addresses, HTML tags
    and format fields left out), in the glossary's order."""
    prose = " ".join(_NOT_PROSE.sub(" ", x) for x in texts if x)
    return [term for term, pattern in _patterns(lang or current_lang()) if pattern.search(prose)]


def link(term_id: str, lang: str | None = None) -> str:
    """The address of a term's entry, relative to the page (so it works under any base path)."""
    return f"{PAGE}?lang={lang or current_lang()}#{term_id}"


def entry(term: Term, lang: str | None = None) -> str:
    """One term's tooltip paragraph: its name in bold, the plain words, the link to its entry."""
    lang = lang or current_lang()
    name, tip = t(f"glossary.{term.id}.name", lang), t(f"glossary.{term.id}.tip", lang)
    return f"**{name}**: {tip} [{t('glossary.more', lang)}]({link(term.id, lang)})"


def help_for(*texts: str | None, lang: str | None = None, base: str | None = None) -> str | None:
    """The tooltip of an element showing ``texts``: ``base`` (its own help, if any), then one
    paragraph per glossary term the texts mention. None when there is neither."""
    return _help_for(texts, lang or current_lang(), base)


@lru_cache(maxsize=4096)  # pure in its arguments; a page asks for the same labels on every rerun
def _help_for(texts: tuple[str | None, ...], lang: str, base: str | None) -> str | None:
    parts = [base] if base else []
    parts += [entry(term, lang) for term in terms_in([*texts, base], lang)]
    return "\n\n".join(parts) or None
