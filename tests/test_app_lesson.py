"""AppTest of lessons and short links: every lesson step opens its preset with its banner, a shared
lesson link restores the lesson and the position, every preset's short link is short and restores
the exact view and its banner, old full links still restore, and a change says "changed from preset"."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlparse

import pytest

import presets
from i18n import pick, t
from presets import lessons
from ui.nav import PAGES, page_info
from ui.testing import app_test, errors, settle

# A classroom server's address as the students type it: the link's length counts with it.
HOST = "http://192.168.100.200:8501"
MAX_LINK = 200


def controls(at, page: str) -> dict:
    """Every control of ``page`` in the session (widget keys "<page>:<name>"; not the page's own
    buttons and charts, whose names start with "_")."""
    prefix = f"{page}:"
    return {
        k: (tuple(v) if isinstance(v, list) else v)
        for k, v in at.session_state.to_dict().items()
        if k.startswith(prefix) and not k[len(prefix) :].startswith("_")
    }


def banners(at) -> list[str]:
    return [i.value for i in at.info]


def open_link(link: str):
    """A fresh session (a student's browser) opening ``link`` ("/page?query" or absolute)."""
    u = urlparse(link)
    page = u.path.rstrip("/").rsplit("/", 1)[-1] or "home"
    query = dict(parse_qsl(u.query, keep_blank_values=True))
    at = settle(app_test(query or None, page_info(page).path).run())
    assert not errors(at), errors(at)
    return at


def current_page(at) -> str:
    title = at.title[0].value if at.title else ""
    for page in [p.url for p in PAGES if p.url != "home"]:
        if title == t(page_info(page).title_key, lang="en"):
            return page
    raise AssertionError(f"no lab page is shown (title {title!r})")


def step_text(n: int, total: int) -> str:
    return t("lesson.step", lang="en", n=n, total=total)


def test_every_notes_lesson_id_is_a_preset_and_every_preset_is_in_it():
    steps = lessons.notes_steps()
    assert set(steps) <= set(presets.REGISTRY), set(steps) - set(presets.REGISTRY)
    assert len(steps) == len(set(steps))
    # today's presets all have a place in the lecture (a new one may wait under "More presets")
    assert set(presets.REGISTRY) <= set(steps)


LINKS: dict[str, tuple[str, dict, str]] = {}  # preset id -> (short link, control values, banner)


def test_every_lesson_step_opens_its_preset_with_its_banner():
    """Start the notes' lesson on the home page, then Next through every step in the sidebar."""
    steps = lessons.notes_steps()
    at = settle(app_test().run())
    settle(at.button(key="home:lesson_start").click().run())
    for i, pid in enumerate(steps):
        p = presets.get(pid)
        assert not errors(at), (pid, errors(at))
        assert current_page(at) == p.page, pid
        assert at.session_state[f"_ga_preset:{p.page}"] == pid
        (banner,) = banners(at)
        assert banner.startswith(step_text(i + 1, len(steps))) and pick(p.title, "en") in banner, banner
        assert pick(p.lesson, "en")[:40] in banner  # the lesson itself, not "changed from"
        link = at.session_state["_ga_link"]
        assert dict(parse_qsl(urlparse(link).query))["s"] == str(i + 1)
        LINKS[pid] = (link, controls(at, p.page), banner)
        if i < len(steps) - 1:
            settle(at.button(key="_ga_lesson_next").click().run())
    assert at.button(key="_ga_lesson_next").disabled  # the last step


@pytest.mark.parametrize("preset_id", lessons.notes_steps())
def test_short_link_of_every_step_is_short_and_restores_the_view_and_banner(preset_id):
    if preset_id not in LINKS:
        pytest.skip("needs test_every_lesson_step_opens_its_preset_with_its_banner (run the module)")
    link, values, banner = LINKS[preset_id]
    assert len(HOST + link) < MAX_LINK, (len(HOST + link), link)
    at = open_link(link)
    page = presets.get(preset_id).page
    assert controls(at, page) == values
    assert banners(at) == [banner]


@pytest.mark.parametrize("preset", presets.all_presets(), ids=lambda p: p.id)
def test_preset_link_names_only_the_preset_and_restores_it(preset):
    """Picked in the sidebar (no lesson), a preset's link is "p=<id>" and nothing else."""
    at = settle(app_test(None, page_info(preset.page).path).run())
    settle(at.selectbox(key=f"_ga_preset:{preset.page}").set_value(preset.id).run())
    link = at.session_state["_ga_link"]
    assert urlparse(link).query == f"p={preset.id}"
    assert len(HOST + link) < MAX_LINK
    again = open_link(link)
    assert controls(again, preset.page) == controls(at, preset.page)
    assert banners(again) == banners(at) and pick(preset.title, "en") in banners(at)[0]


def test_changed_view_link_carries_only_the_changes_and_restores_exactly():
    at = settle(app_test(None, "pages/race.py").run())
    settle(at.selectbox(key="_ga_preset:race").set_value("momentum_vs_nag").run())
    assert not any("Changed from preset" in b for b in banners(at))
    at.slider(key="race:speed").set_value(80).run()
    at.select_slider(key="race:o1.nag.lr").set_value(0.03).run()
    at.multiselect(key="race:ov").set_value([]).run()  # emptied: must travel as "ov="
    at.number_input(key="race:quadratic.x0").set_value(-2.0).run()
    (banner,) = banners(at)
    assert banner.startswith("Changed from preset") and "Momentum overshoots, NAG corrects it" in banner
    assert "swings past the centre" not in banner  # the lesson no longer describes what is shown
    link = at.session_state["_ga_link"]
    q = dict(parse_qsl(urlparse(link).query, keep_blank_values=True))
    assert q == {"p": "momentum_vs_nag", "speed": "80", "o1.nag.lr": "0.03", "ov": "", "quadratic.x0": "-2"}
    again = open_link(link)
    assert controls(again, "race") == controls(at, "race")
    assert banners(again) == [banner]


def test_default_view_link_is_the_bare_page_and_korean_says_so():
    at = settle(app_test(None, "pages/race.py").run())
    assert at.session_state["_ga_link"] == "/race"
    at.radio(key="lang").set_value("ko").run()
    assert at.session_state["_ga_link"] == "/race?lang=ko"


def test_changes_without_a_preset_are_diffs_from_the_defaults():
    at = settle(app_test(None, "pages/race.py").run())
    at.select_slider(key="race:o0.sgd.lr").set_value(2e-3).run()
    at.toggle(key="race:budget").set_value(True).run()
    assert at.session_state["_ga_link"] == "/race?budget=1&o0.sgd.lr=2e-3"
    assert not banners(at)


def test_old_full_links_still_restore():
    """Links from before short links carried every control (the address bar still does)."""
    old = (
        "/race?lang=en&surf=quadratic&steps=300&budget=0&tol=0.001&sched=constant&batch=128&noise=0.0&seed=0&n=3"
        "&speed=40&ov=moment%2Clookahead&show3d=0&quadratic.condition=25.0&quadratic.rotation=0.0"
        "&quadratic.logc=1&quadratic.x0=-2.0&quadratic.y0=1.5&at=12&o0=momentum&o1=nag&o2=sgd"
        "&o0.momentum.lr=0.02&o0.momentum.momentum=0.9&o1.nag.lr=0.02&o1.nag.momentum=0.9&o2.sgd.lr=0.02"
    )
    at = open_link(old)
    assert not at.warning, [w.value for w in at.warning]
    want = dict(parse_qsl(urlparse(old).query, keep_blank_values=True))
    got = dict(at.query_params)
    assert {k: got[k] for k in want} == want
    # and every address bar restores itself, preset and lesson part included
    at = settle(app_test().run())
    settle(at.button(key="home:lesson_start").click().run())
    settle(at.button(key="_ga_lesson_next").click().run())
    address = dict(at.query_params)
    assert address["s"] == "2" and "o0" in address and len(address) > 20  # the full form
    again = settle(app_test(address, "pages/race.py").run())
    assert controls(again, "race") == controls(at, "race") and banners(again) == banners(at)


def test_a_shared_lesson_link_restores_the_lesson_and_the_position():
    mine = ("saddle_escape", "lr_warmup", "adam_eps_plateau", "batch_concept")
    at = settle(app_test().run())
    # the editor: back to the notes, drop all but four, reorder, add
    for _ in range(len(lessons.notes_steps())):
        at.button(key="home:lesson_drop:0").click().run()
    assert "home:lesson_drop:0" not in [b.key for b in at.button]
    for pid in ("lr_warmup", "saddle_escape", "adam_eps_plateau", "batch_concept"):
        at.selectbox(key="home:lesson_add_pick").set_value(pid).run()
        at.button(key="home:lesson_add").click().run()
    at.button(key="home:lesson_down:0").click().run()  # lr_warmup below saddle_escape
    shown = [c.value for c in at.code]
    (lesson_link,) = [c for c in shown if "L=" in c]
    assert lesson_link == "/race?s=1&L=" + lessons.encode_steps(mine)
    # a student opens the teacher's lesson link, goes to step 3
    student = open_link(lesson_link)
    assert banners(student)[0].startswith(step_text(1, 4))
    settle(student.button(key="_ga_lesson_next").click().run())
    assert current_page(student) == "lr_lab" and banners(student)[0].startswith(step_text(2, 4))
    settle(student.button(key="_ga_lesson_next").click().run())
    link = student.session_state["_ga_link"]
    assert dict(parse_qsl(urlparse(link).query)) == {"s": "3", "L": lessons.encode_steps(mine)}
    assert len(HOST + link) < MAX_LINK
    # another student opens that link: the same lesson, at step 3, and Next / Previous go on from there
    other = open_link(link)
    assert banners(other)[0].startswith(step_text(3, 4))
    assert controls(other, "race") == controls(student, "race")
    settle(other.button(key="_ga_lesson_next").click().run())
    assert current_page(other) == "batch_lab" and banners(other)[0].startswith(step_text(4, 4))
    settle(other.button(key="_ga_lesson_prev").click().run())
    settle(other.button(key="_ga_lesson_prev").click().run())
    assert current_page(other) == "lr_lab" and banners(other)[0].startswith(step_text(2, 4))


def test_bad_lesson_links_are_reported_not_fatal():
    at = open_link("/race?s=99&L=zzzz" + lessons.code("saddle_escape") + "xy")
    notices = "\n".join(w.value for w in at.warning)
    assert "`zzzz xy`" in notices and "`99`" in notices
    # what is left of the lesson is saddle_escape alone; step 99 is clamped to its one step, as any
    # out-of-range number in a link is
    (banner,) = banners(at)
    assert banner.startswith(step_text(1, 1)) and "saddle" in banner
    at = open_link("/race?p=lr_warmup")  # an LR-lab preset on the Race page
    assert "`lr_warmup`" in "\n".join(w.value for w in at.warning) and not banners(at)
    at = open_link("/race?p=" + "x" * 80)
    assert not banners(at) and at.warning


def test_presenter_view_from_a_link_and_the_sidebar():
    at = open_link("/race?s=8&present=1")  # a Race step of the notes' lesson
    pid = lessons.notes_steps()[7]
    assert presets.get(pid).page == "race"
    assert not at.title  # the chart, not the page's head, sits at the top
    assert at.toggle(key="present").value
    bar = [m.value for m in at.markdown if m.value.startswith("**8 / ")]
    assert bar and pick(presets.get(pid).title, "en") in bar[0]
    assert "present" not in dict(parse_qsl(urlparse(at.session_state["_ga_link"]).query))  # students: not
    assert at.query_params["present"] == "1"  # the teacher's reload keeps it
    at.button(key="_ga_bar_exit").click().run()
    assert not at.toggle(key="present").value and at.title
    at.toggle(key="present").set_value(True).run()
    assert not at.title


def test_home_lists_presets_in_lecture_order():
    at = settle(app_test().run())
    heads = [s.value for s in at.subheader]
    sections = [t(s.key, lang="en") for s in lessons.NOTES]
    assert [h for h in heads if h in sections] == sections
    keys = [b.key for b in at.button if (b.key or "").startswith("home:open:")]
    assert keys == [f"home:open:{pid}" for pid in lessons.notes_steps()]
