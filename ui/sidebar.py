"""The sidebar every page shares: language, navigation and the current page's presets (the share link,
drawn after the page, is :mod:`ui.share`)."""

from __future__ import annotations

import streamlit as st

import presets
from i18n import LANG_NAMES, LANGS, bound, pick, t
from optimizers import devices

from . import state
from .widgets import literal

# Preset titles are sentences ("Gradient descent waits at a saddle, momentum and Adam escape"). A select
# box's list of options is as wide as the box (240 px in the sidebar) and cuts each option to one line:
# here it is at least 26rem wide and an option wraps onto as many lines as it needs. The box itself is a
# one-line text field, so the chosen preset's whole title is written under it (preset_picker).
STYLE = """<style>
[data-testid="stSelectboxVirtualDropdown"] { width: max(var(--trigger-width, 0px), 26rem) !important;
  max-width: calc(100vw - 2rem); }
[data-testid="stSelectboxVirtualDropdown"] [role="option"] { height: auto; }
[data-testid="stSelectboxVirtualDropdown"] [role="option"] > div { white-space: normal; overflow: visible;
  text-overflow: clip; }
[data-testid="stSidebar"] input[role="combobox"] { text-overflow: ellipsis; }
</style>"""


def style() -> None:
    """The sidebar's style (preset titles unclipped)."""
    st.html(STYLE)


def language() -> None:
    """The language switch (English / 한국어); seeded from the URL on a session's first run."""
    key = state.bind_language(LANGS, "en")
    st.sidebar.radio(
        t("common.language"),
        LANGS,
        key=key,
        format_func=LANG_NAMES.__getitem__,
        horizontal=True,
        on_change=state.relabel_choice_widgets,
    )


def navigation(current: str) -> None:
    """Links to every page, titled in the current language (Streamlit's own list is hidden:
    ``client.showSidebarNavigation = false``, since it shows the file names untranslated)."""
    from .nav import PAGES

    for p in PAGES:
        st.sidebar.page_link(p.path, label=t(p.title_key), icon=p.icon, disabled=p.url == current)


def _apply_preset(page: str, picker_key: str) -> None:
    """Callback of the preset picker: reset the page's controls to the chosen preset."""
    ps = state.PageState(page)
    preset_id = ps.widget_state(picker_key)
    if preset_id:
        state.apply_preset(page, preset_id, presets.get(preset_id).values)
    else:
        ps.set_flag("preset", None)


def _reset(page: str, picker_key: str) -> None:
    ps = state.PageState(page)
    ps.reset({})
    ps.set_flag("preset", None)
    state.clear_widget(picker_key)


def preset_picker(page: str) -> None:
    """The classroom presets of ``page`` (nothing when it has none) and a reset button."""
    items = presets.for_page(page)
    if not items:
        return
    key = state.PRESET_KEY_PREFIX + page
    ids = [""] + [p.id for p in items]
    st.sidebar.selectbox(
        t("common.preset"),
        ids,
        key=key,
        format_func=bound(lambda i: t("common.preset_none") if not i else pick(presets.get(i).title)),
        on_change=_apply_preset,
        args=(page, key),
        help=t("common.preset_help"),
    )
    chosen = state.widget_value(key)
    if chosen:  # the box shows one line of it; the title whole, for the teacher choosing what to show
        st.sidebar.caption(pick(presets.get(chosen).title))
    st.sidebar.button(t("common.reset"), key=f"_ga_reset:{page}", on_click=_reset, args=(page, key))


def about_server() -> None:
    """A closed "About this server" expander: the backend and the devices the studies compute on
    (``optimizers.devices``, set by the ``GRADIENT_ATLAS_DEVICES`` environment variable)."""
    info = devices.describe()
    with st.sidebar.expander(t("common.about_server"), expanded=False):
        if info["error"]:
            st.warning(t("common.about_error", error=literal(info["error"])))
        else:
            names = ", ".join(literal(n) for n in info["used"])
            used = len(info["used"])
            st.markdown(
                t(
                    "common.about_devices",
                    backend=literal(info["backend"]),
                    used=used,
                    available=info["available"],
                    names=names,
                )
            )
            st.caption(t("common.about_split", used=used) if used > 1 else t("common.about_one"))
        if info["processes"] > 1:
            st.caption(t("common.about_processes", n=info["processes"]))
        st.caption(t("common.about_setting", value=literal(info["setting"])))
