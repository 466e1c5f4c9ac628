"""The page registry: adding a page to the app is one entry in :data:`PAGES` (and its script).

Routing is Streamlit's own ``pages/`` mode: ``app.py`` is the home page at ``/`` and
``pages/<name>.py`` the page at ``/<name>``, so an entry's ``url`` is its script's file name (a test
checks it). The sidebar draws translated links from this list (Streamlit's untranslated list is
hidden) and the home page shows each entry as a card (thumbnail, title, description, link).
Titles and descriptions are i18n keys.
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


PAGES: tuple[PageInfo, ...] = (  # the labs in the lecture's order, the glossary last
    PageInfo("app.py", "home", "🧭", "home.title", "home.desc", "", default=True),
    PageInfo("pages/race.py", "race", "🏁", "race.title", "race.desc", "docs/screenshots/race-thumb.png"),
    PageInfo("pages/lr_lab.py", "lr_lab", "🎚️", "lr.title", "lr.desc", "docs/screenshots/lr_lab-thumb.png"),
    PageInfo(
        "pages/explorer.py",
        "explorer",
        "⛰️",
        "explorer.title",
        "explorer.desc",
        "docs/screenshots/explorer-thumb.png",
    ),
    PageInfo(
        "pages/batch_lab.py",
        "batch_lab",
        "⚖️",
        "batch.title",
        "batch.desc",
        "docs/screenshots/batch_lab-thumb.png",
    ),
    PageInfo(
        "pages/regularization.py",
        "regularization",
        "🛡️",
        "reg.title",
        "reg.desc",
        "docs/screenshots/regularization-thumb.png",
    ),
    PageInfo(
        "pages/activations.py",
        "activations",
        "🧬",
        "act.title",
        "act.desc",
        "docs/screenshots/activations-thumb.png",
    ),
    PageInfo(
        "pages/model_selection.py",
        "model_selection",
        "🎯",
        "selection.title",
        "selection.desc",
        "docs/screenshots/model_selection-thumb.png",
    ),
    PageInfo("pages/glossary.py", "glossary", "📖", "glossary.title", "glossary.desc"),
)


def page_info(page_id: str) -> PageInfo:
    """The registry entry of ``page_id`` (its url path; "home" for ``app.py``)."""
    for p in PAGES:
        if p.url == page_id:
            return p
    raise ValueError(f"Unknown page {page_id!r}; choose one of: {', '.join(p.url for p in PAGES)}")


def thumbnail_path(page: PageInfo) -> Path | None:
    """The thumbnail's absolute path if the file exists."""
    if not page.thumbnail:
        return None
    p = ROOT / page.thumbnail
    return p if p.is_file() else None
