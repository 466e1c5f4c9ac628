"""The app shell shared by every page.

How a page uses it (see ``pages/race.py`` for the full example):

1. Register the page: one :class:`ui.nav.PageInfo` entry in ``ui/nav.PAGES`` (script path, url
   path = page id, icon, i18n keys of title and description, thumbnail PNG).
2. Strings: ``i18n/<page>.py`` with ``STRINGS = {"<page>.key": {"en": ..., "ko": ...}}``; use
   ``i18n.t("<page>.key", **fields)`` for every visible text and ``i18n.pick(d)`` for a library's
   ``{"en", "ko"}`` dicts. ``tests/test_app_i18n.py`` checks every key has both languages.
3. Controls: declare a schema of :class:`ui.state.Param` (name = the share-link name, kind,
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
5. Every page starts with ``ui.nav.ensure_router()`` (a link straight to a page must still run
   through ``app.py``; see its docstring).
6. Session state is touched only in ``ui/state.py``; ``ui.sidebar`` draws the language switch,
   the preset picker and the share link (``app.py`` calls it around ``pg.run()``).
"""
