"""The app shell shared by every page, and how to add a page (a lab).

1. The page script ``pages/<page>.py`` (its URL is ``/<page>``: Streamlit's own ``pages/`` mode)::

       from __future__ import annotations

       # isort: off
       import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
       # isort: on

       from ui import shell, state, widgets
       ...

       def body() -> None:
           ps = state.PageState(PAGE)
           top = widgets.page_header(ps, "<prefix>")   # notices slot, title, intro, preset banner
           ps.declare(model.schema())
           ... widgets.control(ps, ps.schema["lr"], t("<prefix>.lr")) ...
           ... result = cached library call, or progress.job(...) for work over ~2 s ...
           ... st.plotly_chart(viz.<page>.figure(result, text=...)) ...
           widgets.show_notices(ps, ps.finish(), top)

       shell.page(PAGE, body)

   :func:`ui.shell.page` draws the sidebar (language, translated navigation, the page's presets,
   the share link) and runs ``body`` inside the error boundary (a message with an error id; the
   traceback goes to the log). Register the page in ``ui/nav.PAGES`` (script, url = page id, icon,
   i18n keys of title and description, thumbnail).
2. Strings: ``i18n/<page>.py`` with ``STRINGS = {"<prefix>.key": {"en": ..., "ko": ...}}``; every
   visible text goes through ``i18n.t`` (``tests/test_app_i18n.py`` checks both languages and their
   ``{fields}``). Korean terms follow the lecture notes. Text that comes from a user or a link is
   shown with :func:`ui.widgets.literal` (a code span), never interpolated raw into Markdown.
3. Controls: a schema of :class:`ui.url.Param` in the page's model (``ui/<page>_model.py``); the
   names are the share-link parameters, so keep them stable. Widgets get no ``value=``: their value
   comes from the state (URL on a session's first visit, presets, defaults). Session state is
   touched only in ``ui/state.py``.
4. Computation: the library (``studies/``, ``landscapes/``, ``optimizers/``) does the math; the page
   never does. Small results are cached with ``st.cache_data`` on hashable configs (never pass an
   element or a callback into a cached function). Work over ~2 s is a job: the model returns a
   ``JobSpec`` (``module:function``, picklable args, an estimate in seconds) and the page calls
   :func:`ui.progress.job`, which runs it in the niced worker process, shares it between sessions,
   shows progress with Cancel, and cancels it when nobody waits. A configuration whose estimate is
   over the link budget does not start from a link by itself (a Run button). Every library entry
   point enforces its limits itself (``ValueError`` naming the value and the range).
5. Presets: ``presets/<page>.py`` with ``PRESETS = [Preset(id, page, title, lesson, values)]``; the
   sidebar and the home page list them. Every sentence of a lesson with a number or a comparison is
   a claim checked in ``tests/test_preset_claims.py``; the Korean lesson carries the same numbers.
   Presets and default views whose computation takes over ~2 s ship precomputed: list them in the
   model's ``precomputed_jobs()``, add the model to ``scripts/precompute.py``'s ``MODELS`` and run
   ``python scripts/precompute.py`` (``tests/test_precomputed.py`` fails on a missing or stale file).
6. Tests: the math against theory or an independent implementation; an AppTest of the page
   (``ui.testing.app_test``, ``errors``, ``settle``); every page and preset is opened by two
   visitors automatically (``tests/test_app_two_visitors.py``, ``tests/test_class_protocol.py``);
   a Playwright test of the page's main flow in ``tests/browser``.
7. Speed: a ``bench/b_<page>.py`` section prints the figures and the ratios to a NumPy (or PyTorch)
   baseline; tests never assert times.
"""
