"""Glossary (``/glossary``): every technical term the pages show, in plain words, in English and in
Korean (the lecture notes' terms), and the Korean term the app uses for each concept, with why.

The tooltips of the other pages (:mod:`ui.glossary`) link here, to a term's anchor (``#<id>``), in
the same language (``?lang=``).
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

import streamlit as st

from i18n import LANGS, current_lang, t
from i18n.glossary import CHOICES, TERMS
from ui import shell, state, widgets
from ui.glossary import PAGE


def body() -> None:
    """The page's content: the terms, then the table of the Korean terms chosen."""
    ps = state.PageState(PAGE)
    top = st.container()
    st.title(t("glossary.title"))
    st.caption(t("glossary.intro"))
    lang = current_lang()
    other = next(x for x in LANGS if x != lang)
    st.header(t("glossary.terms"))
    for term in TERMS:
        st.subheader(t(f"glossary.{term.id}.name"), anchor=term.id)
        st.caption(t("glossary.other_name", name=t(f"glossary.{term.id}.name", other)))
        st.markdown(t(f"glossary.{term.id}.tip"))

    st.header(t("glossary.choices"), anchor="korean-terms")
    st.markdown(t("glossary.choices_intro"))
    head = [t(f"glossary.col_{c}") for c in ("concept", "chosen", "not", "why")]
    rows = [
        [
            t(f"glossary.choice.{c.id}.concept"),
            f"**{c.chosen}**",
            ", ".join(f"~~`{v}`~~" for v in c.variants),  # quoted as words, struck through
            t(f"glossary.choice.{c.id}.why"),
        ]
        for c in CHOICES
    ]
    st.markdown(widgets.markdown_table(head, rows))
    widgets.show_notices(ps, ps.finish(), top)


shell.page(PAGE, body)
