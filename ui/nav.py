"""The page registry: adding a page to the app is one entry in :data:`PAGES`.

``app.py`` builds ``st.navigation`` from it and the home page shows each entry as a card (thumbnail,
title, description, link). Titles and descriptions are i18n keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]


class PageInfo(NamedTuple):
    """One page of the app."""

    path: str  # script, relative to the repository root, e.g. "pages/race.py"
    url: str  # url path (also the page id used by ui.state and presets), e.g. "race"
    icon: str  # an emoji
    title_key: str  # i18n key of the title
    desc_key: str  # i18n key of the one-paragraph description
    thumbnail: str = ""  # small PNG under docs/screenshots/, "" for none
    default: bool = False  # the landing page


PAGES: tuple[PageInfo, ...] = (
    PageInfo("pages/home.py", "home", "🧭", "home.title", "home.desc", "", default=True),
    PageInfo("pages/race.py", "race", "🏁", "race.title", "race.desc", "docs/screenshots/race-thumb.png"),
    PageInfo("pages/lr_lab.py", "lr_lab", "🎚️", "lr.title", "lr.desc", "docs/screenshots/lr_lab.png"),
    PageInfo(
        "pages/batch_lab.py", "batch_lab", "⚖️", "batch.title", "batch.desc", "docs/screenshots/batch_lab.png"
    ),
)


def thumbnail_path(page: PageInfo) -> Path | None:
    """The thumbnail's absolute path if the file exists."""
    if not page.thumbnail:
        return None
    p = ROOT / page.thumbnail
    return p if p.is_file() else None


def ensure_router() -> None:
    """Call first in every page: make sure the page runs inside ``app.py``'s router.

    In the first run after a server starts, Streamlit sees our ``pages/`` folder and, for a link to a
    page (``/race?...``), runs that page file alone in its old multipage mode: no sidebar, language
    or presets, and the link's language is ignored. ``st.navigation`` turns that mode off for good,
    so here we turn it off and rerun, which goes through ``app.py``.
    """
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
