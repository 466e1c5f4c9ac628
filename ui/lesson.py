"""Lessons and the presenter view in the app: the sidebar's lesson block, the keys (a small
``st.components.v2`` component, ``lesson_keys.js``), the presenter view's bar and style, and the home
page's lesson panel (start, edit, share as a link with its QR code).

The lesson itself (which presets, in which order) is :mod:`presets.lessons`; its session state (steps,
position, presenter view) lives in :mod:`ui.state`, like all session state. A step is a preset: moving
to it applies the preset to its page and switches there (:func:`follow`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

import presets
from i18n import bound, pick, t
from presets import lessons

from . import glossary, share, state, widgets
from .nav import page_info
from .url import share_url

KEYS_NAME = "gradient_atlas.lesson_keys"
KEYS_KEY = "_ga_lesson_keys"
KEYS_JS = Path(__file__).with_name("lesson_keys.js").read_text(encoding="utf-8")
# The listener takes no room (a hidden element also takes no gap in Streamlit's flex layout).
KEYS_CSS = f".st-key-{KEYS_KEY} {{ display: none; }}"
BAR_KEY = "ga_bar"  # the presenter view's top line
STEP_KEY = "ga_step"  # the presenter bar's "n / N" (its class .st-key-ga_step; the browser tests read it)

# The presenter view, for a projector at 1280 x 720: Streamlit's toolbar row kept (its button opens the
# collapsed sidebar, where the controls are) but the page starts right under it; text 1.5x larger; the
# preset's lesson under the chart (ui.widgets.lesson_caption) larger still.
PRESENTER_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 3.25rem 1.5rem 3rem; max-width: none; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li) { font-size: 1.5rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.25rem; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 1.25rem; }
[data-testid="stMain"] button p { font-size: 1.25rem; }
[data-testid="stMain"] .st-key-ga_bar button p { font-size: 1rem; }
[data-testid="stMain"] .st-key-ga_step p { font-size: 1.6rem; }
[data-testid="stMain"] .st-key-ga_caption [data-testid="stMarkdownContainer"] p {
  font-size: 1.5rem; line-height: 1.3; }
.st-key-ga_caption [data-testid="stAlertContainer"] { padding: 0.5rem 1rem; }
</style>"""


@functools.cache
def _keys_component():
    """Register the keys component once per process and return its mount function."""
    return st.components.v2.component(KEYS_NAME, js=KEYS_JS, css=KEYS_CSS, isolate_styles=False)


def _on_key() -> None:
    """The keys' callback: → / ← move one step through the lesson."""
    value = state.widget_value(KEYS_KEY)
    hit = value.get("step") if isinstance(value, Mapping) else getattr(value, "step", None)
    if isinstance(hit, Mapping) and hit.get("dir") in ("next", "prev"):
        state.step_lesson(1 if hit["dir"] == "next" else -1)


def keys() -> None:
    """Listen for the lesson's keys on this page (while a lesson runs or the presenter view is on)."""
    if state.lesson_position() is None and not state.presenter():
        return
    _keys_component()(data={"play": True}, key=KEYS_KEY, height=0, on_step_change=_on_key)


def follow(page_id: str) -> None:
    """Switch to the page of the step that this run's callbacks moved to, if it is not this one."""
    target = state.take_lesson_page()
    if target and target != page_id:
        st.switch_page(page_info(target).path)


def page_config_sidebar() -> str:
    """The sidebar's initial state for ``st.set_page_config``: collapsed in the presenter view."""
    return "collapsed" if state.presenter() else "auto"


def style() -> None:
    """The presenter view's style (nothing otherwise)."""
    if state.presenter():
        st.html(PRESENTER_CSS)


def _step_title(pos: int, steps: tuple[str, ...]) -> str:
    return pick(presets.get(steps[pos]).title)


def sidebar() -> None:
    """The sidebar's lesson block: start it, or the step shown with previous / next and an end; and the
    presenter-view toggle."""
    sb = st.sidebar
    steps, pos = state.lesson_steps(), state.lesson_position()
    sb.markdown(f"**🎓 {t('lesson.title')}**")
    if pos is None:
        sb.caption(t("lesson.not_running", total=len(steps)))
        sb.button(
            t("lesson.start"),
            key="_ga_lesson_start",
            on_click=state.go_to_step,
            args=(0,),
            disabled=not steps,
            width="stretch",
        )
    else:
        sb.caption(t("lesson.step_title", n=pos + 1, total=len(steps), title=_step_title(pos, steps)))
        prev, nxt = sb.columns(2)
        prev.button(
            t("lesson.prev"),
            key="_ga_lesson_prev",
            on_click=state.step_lesson,
            args=(-1,),
            disabled=pos == 0,
            width="stretch",
        )
        nxt.button(
            t("lesson.next"),
            key="_ga_lesson_next",
            on_click=state.step_lesson,
            args=(1,),
            disabled=pos >= len(steps) - 1,
            width="stretch",
        )
        sb.button(t("lesson.end"), key="_ga_lesson_end", on_click=state.end_lesson, width="stretch")
    sb.toggle(t("lesson.present"), key=state.bind_presenter(), help=t("lesson.present_help"))


def presenter_bar() -> None:
    """The presenter view's one line above the page: previous / "n / N" and the step's title / next, the
    keys, and a way out (the sidebar is collapsed)."""
    if not state.presenter():
        return
    steps, pos = state.lesson_steps(), state.lesson_position()
    with st.container(key=BAR_KEY):
        prev, mid, nxt, end = st.columns([0.5, 8, 0.5, 2], vertical_alignment="center")
        if pos is not None:
            prev.button(
                "◀",
                key="_ga_bar_prev",
                help=t("lesson.prev"),
                on_click=state.step_lesson,
                args=(-1,),
                disabled=pos == 0,
                width="stretch",
            )
            nxt.button(
                "▶",
                key="_ga_bar_next",
                help=t("lesson.next"),
                on_click=state.step_lesson,
                args=(1,),
                disabled=pos >= len(steps) - 1,
                width="stretch",
            )
            with mid.container(key=STEP_KEY):
                widgets.markdown(f"**{pos + 1} / {len(steps)}** · {_step_title(pos, steps)}")
        elif steps:
            mid.button(t("lesson.start"), key="_ga_bar_start", on_click=state.go_to_step, args=(0,))
        end.button(
            t("lesson.exit_present"),
            key="_ga_bar_exit",
            help=t("lesson.keys"),
            on_click=state.set_presenter,
            args=(False,),
            width="stretch",
        )


# --------------------------------------------------------------------------------------------
# The home page's lesson panel


def lesson_link(steps: tuple[str, ...], base: str = "") -> str:
    """The link that opens ``steps`` as a lesson at its first step (relative unless ``base`` is given)."""
    first = presets.get(steps[0])
    params = {state.STEP_PARAM: "1"}
    if steps != lessons.notes_steps():
        params[state.LESSON_PARAM] = lessons.encode_steps(steps)
    lang = state.language()
    if lang != "en":
        params[state.LANG_KEY] = lang
    return share_url(first.page, params, base)


def _move(i: int, delta: int) -> None:
    steps = list(state.lesson_steps())
    j = i + delta
    if 0 <= i < len(steps) and 0 <= j < len(steps):
        steps[i], steps[j] = steps[j], steps[i]
        state.set_lesson_steps(steps)


def _remove(i: int) -> None:
    steps = list(state.lesson_steps())
    if 0 <= i < len(steps):
        del steps[i]
        state.set_lesson_steps(steps)


def _add(picker: str) -> None:
    preset_id = state.widget_value(picker)
    if preset_id in presets.REGISTRY:
        state.set_lesson_steps([*state.lesson_steps(), preset_id])


def home_panel() -> None:
    """The home page's lesson: start it, edit it (reorder, drop, add, back to the notes'), its link."""
    steps = state.lesson_steps()
    st.header(t("lesson.home_title"))
    widgets.markdown(t("lesson.home_intro"))
    if steps != lessons.notes_steps():
        widgets.caption(t("lesson.custom", n=len(steps)))
    st.button(
        t("lesson.start"),
        key="home:lesson_start",
        on_click=state.go_to_step,
        args=(0,),
        disabled=not steps,
        type="primary",
    )
    with st.expander(t("lesson.edit"), expanded=False):
        if not steps:
            widgets.caption(t("lesson.empty"))
        for i, pid in enumerate(steps):
            p = presets.get(pid)
            page = page_info(p.page)
            num, title, up, down, drop = st.columns([0.5, 8, 0.7, 0.7, 0.7], vertical_alignment="center")
            num.markdown(f"**{i + 1}.**")
            widgets.markdown(f"{pick(p.title)} · {page.icon} {t(page.title_key)}", where=title)
            up.button(
                "↑",
                key=f"home:lesson_up:{i}",
                help=t("lesson.up"),
                on_click=_move,
                args=(i, -1),
                disabled=i == 0,
            )
            down.button(
                "↓",
                key=f"home:lesson_down:{i}",
                help=t("lesson.down"),
                on_click=_move,
                args=(i, 1),
                disabled=i == len(steps) - 1,
            )
            drop.button(
                "✕", key=f"home:lesson_drop:{i}", help=t("lesson.remove"), on_click=_remove, args=(i,)
            )
        picker = "home:lesson_add_pick"
        pick_col, add_col = st.columns([6, 1], vertical_alignment="bottom")
        titles = [pick(presets.get(i).title) for i in presets.REGISTRY]
        pick_col.selectbox(
            t("lesson.add"),
            list(presets.REGISTRY),
            key=picker,
            format_func=bound(lambda i: pick(presets.get(i).title)),
            help=glossary.help_for(t("lesson.add"), *titles),
        )
        add_col.button(t("lesson.add_button"), key="home:lesson_add", on_click=_add, args=(picker,))
        st.button(
            t("lesson.restore"),
            key="home:lesson_restore",
            on_click=state.set_lesson_steps,
            args=(lessons.notes_steps(),),
            disabled=steps == lessons.notes_steps(),
        )
        if steps:
            widgets.caption(t("lesson.link"))
            link = lesson_link(steps, state.browser_address())
            st.code(link, language=None, wrap_lines=True)
            share.qr(link)
