"""Gradient Atlas: the home page (``/``) and the entry point (``streamlit run app.py``).

Routing is Streamlit's own ``pages/`` mode: each ``pages/<name>.py`` is the page at ``/<name>``.
Every page, this one included, runs inside :func:`ui.shell.page` (page config, sidebar with
language, navigation, presets and share link, the error boundary). Pages are listed in
``ui/nav.py``.

Run with ``bash scripts/run.sh`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

# isort: off
import ui.boot  # noqa: F401  (first: process-wide setup and the heavy imports, once)
# isort: on

from ui import home, shell

shell.page("home", home.render)
