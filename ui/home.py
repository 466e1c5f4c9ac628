"""Home (``app.py``, at ``/``): what each page does (thumbnail, description, link) and every
classroom preset."""

from __future__ import annotations

import streamlit as st

import presets
from i18n import pick, t
from presets import lessons

from . import lesson, state, widgets
from .nav import PAGES, thumbnail_path


def lecture_order() -> list[tuple[str, tuple[str, ...]]]:
    """Every preset by the notes' sections, in the lecture's order (:data:`presets.lessons.NOTES`); those
    in no section last, under "More presets"."""
    out = [(s.key, tuple(i for i in s.presets if i in presets.REGISTRY)) for s in lessons.NOTES]
    listed = {i for _, ids in out for i in ids}
    rest = tuple(p.id for p in presets.all_presets() if p.id not in listed)
    return [(k, ids) for k, ids in out if ids] + ([("lesson.others", rest)] if rest else [])


def render() -> None:
    """The home page's content."""
    ps = state.PageState("home")
    top = st.container()
    st.title(t("home.heading"))
    st.write(t("home.intro"))

    st.header(t("home.pages"))
    others = [p for p in PAGES if not p.default]
    cols = st.columns(3)  # cards keep a third of the width however many pages there are
    for i, page in enumerate(others):
        with cols[i % len(cols)].container(border=True):
            thumb = thumbnail_path(page)
            if thumb is not None:
                st.image(str(thumb), width="stretch")
            st.subheader(f"{page.icon} {t(page.title_key)}")
            st.write(t(page.desc_key))
            st.page_link(page.path, label=t("home.open", title=t(page.title_key)), icon=page.icon)

    lesson.home_panel()

    st.header(t("home.presets"))
    st.write(t("home.presets_intro"))
    by_url = {p.url: p for p in PAGES}
    for title_key, ids in lecture_order():
        st.subheader(t(title_key))
        for preset in (presets.get(i) for i in ids):
            page = by_url.get(preset.page)
            if page is None:
                continue
            with st.container(border=True):
                left, right = st.columns([5, 1], vertical_alignment="center")
                left.markdown(f"**{pick(preset.title)}** · {page.icon} {t(page.title_key)}")
                left.caption(pick(preset.lesson))
                if right.button(
                    t("home.open_short"),
                    key=f"home:open:{preset.id}",
                    on_click=state.apply_preset,
                    args=(preset.page, preset.id, preset.values),
                ):
                    st.switch_page(page.path)

    widgets.show_notices(ps, ps.finish(), top)
