"""Gradient Atlas: the router. Pages are listed in ``ui/nav.py`` (PAGES); adding a page is one entry.

Run with ``bash scripts/run.sh`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import streamlit as st

import optimizers  # noqa: F401  (sets the XLA:CPU loop flag; must precede any JAX computation)
from i18n import t
from ui import link_probe, sidebar, state, warm
from ui.nav import PAGES  # noqa: F401 - the page registry lives there so pages can import it

st.set_page_config(page_title="Gradient Atlas", page_icon="🧭", layout="wide")
warm.start()
state.capture_url()
sidebar.language()
pg = st.navigation(
    [st.Page(p.path, title=t(p.title_key), icon=p.icon, url_path=p.url, default=p.default) for p in PAGES]
)
page_id = pg.url_path or next(p.url for p in PAGES if p.default)
state.capture_url_page(page_id)
sidebar.preset_picker(page_id)
link_slot = st.sidebar.empty()
state.forget_share_link()
link_probe.probe()  # before the page: a link Streamlit dropped whole gets its notice there
pg.run()
sidebar.share_link(link_slot)
