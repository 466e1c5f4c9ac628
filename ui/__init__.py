"""The app shell shared by every page.

How a page uses it (see ``pages/race.py`` for the full example):

1. Register the page: one :class:`ui.nav.PageInfo` entry in ``ui/nav.PAGES`` (script path, url
   path = page id, icon, i18n keys of title and description, thumbnail PNG).
2. Strings: ``i18n/<page>.py`` with ``STRINGS = {"<page>.key": {"en": ..., "ko": ...}}``; use
   ``i18n.t("<page>.key", **fields)`` for every visible text and ``i18n.pick(d)`` for a library's
   ``{"en", "ko"}`` dicts. ``tests/test_app_i18n.py`` checks every key has both languages.
3. Controls: declare a schema of :class:`ui.url.Param` (name = the share-link name, kind,
   default, range or choices; ``ui.widgets.float_param(..., log=True)`` for log-scale sliders),
   then::

       ps = state.PageState("mypage")
       top = st.container()                     # link notices appear here
       ps.declare(SCHEMA)                       # URL (first visit) / preset / defaults -> widget keys
       widgets.control(ps, SCHEMA[0], t("mypage.lr"))   # or any st widget with key=ps.key(name)
       cfg = ps.values()                        # validated values, name -> value
       ... cached library call, viz figure ...
       widgets.show_notices(ps, ps.finish(), top)   # URL <- whole view; notices about a bad link

   Widgets must not pass ``value=``/``index=``: their value comes from the state. Schemas may grow
   during a run (``declare`` again for per-item controls); only declared names enter the URL, and
   URL names no declare asked for are reported as unknown.
4. Presets: ``presets/<page>.py`` with ``PRESETS = [Preset(id, "mypage", title, lesson, values)]``;
   the sidebar's picker and the home page list them; applying one resets the page's controls.
5. Every page script is one call, ``shell.page("mypage", body)``: the page config, the sidebar, the
   link the session was opened with and the error boundary around ``body`` (see ``ui/shell.py``).
6. Session state is touched only in ``ui/state.py``; ``ui.url`` reads and writes URL values (pure);
   ``ui.sidebar`` draws the language switch and the preset picker, ``ui.share`` the share link
   (its states and transitions are in its docstring).
"""
