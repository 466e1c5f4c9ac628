"""Classroom presets: named settings of every control of a page.

Each module ``presets/<page>.py`` defines ``PRESETS: list[Preset]``; this package collects them
(ids must be unique). A preset's ``values`` use the page's control names (the share-link names of
its :class:`ui.url.Param` schema); controls it leaves out take their defaults. The sidebar's
preset picker lists the presets of the page being shown; the home page lists them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, NamedTuple


class Preset(NamedTuple):
    """One classroom scenario."""

    id: str  # unique, stable (appears in links and tests)
    page: str  # url path of the page it sets, e.g. "race"
    title: dict[str, str]  # {"en": ..., "ko": ...}
    lesson: dict[str, str]  # what it shows / what to look for, {"en": ..., "ko": ...}
    values: dict[str, Any]  # control name -> value


def _load() -> dict[str, Preset]:
    out: dict[str, Preset] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for p in getattr(module, "PRESETS", []):
            if p.id in out:
                raise ValueError(f"preset id {p.id!r} is defined twice (again in presets/{info.name}.py)")
            out[p.id] = p
    return out


REGISTRY: dict[str, Preset] = _load()


def for_page(page: str) -> list[Preset]:
    """The presets of one page, in definition order."""
    return [p for p in REGISTRY.values() if p.page == page]


def get(preset_id: str) -> Preset:
    """The preset ``preset_id``; raises ValueError listing the valid ids."""
    try:
        return REGISTRY[preset_id]
    except KeyError:
        raise ValueError(f"Unknown preset {preset_id!r}; choose one of: {', '.join(REGISTRY)}") from None


def all_presets() -> list[Preset]:
    """Every preset of every page."""
    return list(REGISTRY.values())
