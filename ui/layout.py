"""How pages sit on a screen: the phone layout and Korean line breaking (issue #12.4-5).

Every page gets :func:`style` from :func:`ui.shell.page`; a page with controls beside its figures
builds the two columns with :func:`ui.widgets.control_columns`, which puts the figures in the container
:data:`FIGURES_KEY`. On a narrow screen (Streamlit stacks
columns below :data:`NARROW_PX`) the figures then come first, so a student's phone opens on the map
instead of three screens of controls. Tables scroll inside their own box instead of widening the
page, Plotly's toolbar (which covers a chart's labels on a small chart) is hidden there, and Korean
text breaks only between words (``word-break: keep-all``), never inside one.
"""

from __future__ import annotations

import streamlit as st

NARROW_PX = 640  # Streamlit's own breakpoint: below it, columns stack one above the other
FIGURES_KEY = "ga_figures"  # the container a page's figures live in (a CSS class st-key-<key>)

_CSS = f"""
<style>
/* a table wider than its box scrolls inside it, never the page */
[data-testid="stMarkdownContainer"] table {{ display: block; max-width: 100%; overflow-x: auto; }}
[data-testid="stMarkdownContainer"] {{ min-width: 0; }}  /* beside its tooltip icon, the text's box shrinks */
@media (max-width: {NARROW_PX}px) {{
  /* the figures' column first: a phone opens on the map, the controls follow */
  [data-testid="stColumn"]:has(.st-key-{FIGURES_KEY}) {{ order: -1; }}
  /* the toolbar would cover a small chart's title and labels; pinch and double tap still zoom */
  .js-plotly-plot .modebar-container {{ display: none !important; }}
}}
</style>
"""
# Korean: a line may break only between words (an eojeol), as Korean is written; a word longer than
# the whole line may still wrap rather than run off the screen.
_CSS_KO = """
<style>
.stApp, .stApp :is(h1, h2, h3, h4, h5, h6, p, li, td, th, label, span, div, a, summary) {
  word-break: keep-all !important; overflow-wrap: break-word;
}
</style>
"""


def style(lang: str) -> None:
    """Add the app's layout rules to the page (once per run, before its content)."""
    st.html(_CSS + (_CSS_KO if lang == "ko" else ""))
