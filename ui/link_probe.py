"""Links that Streamlit ignored whole, made visible (issue #18.11).

Streamlit's server drops the entire query string of a link with more than 1,000 parameters (counted
as "&" + 1) before the script runs (``streamlit.runtime.state.query_params.sanitize_query_string``,
applied by ``AppSession`` to every rerun request; it only logs a warning). The page then sees a plain
link: ``st.query_params`` is empty, ``st.context.url`` never carries the query and no header does.
So nothing of the link is used, and without this module nobody is told.

The browser still knows: the navigation entry (``performance.getEntriesByType("navigation")[0]``)
keeps the address the document was opened with, even after the app rewrites the address bar with
``history.replaceState``. A hidden component reads it and, when the link has too many parameters,
sends their number; :func:`ui.state.report_dropped_link` turns that into a notice (translated)
saying how many the link had and that none of them was used.

The component is drawn in every run of a session that started without parameters (that is when a
link may have been dropped), at the top of the page, so it stays mounted across reruns; for a link
within the limit it sends nothing and costs no rerun.

Streamlit also drops a query string over 512 Ki characters, but its HTTP server answers 400 to a
request line of ~200 kB already (measured with Streamlit 1.67's uvicorn), so such a link never
reaches the app: only the parameter count is checked.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import streamlit as st

from . import state

try:  # Streamlit's own limit, so the probe follows an upgrade
    from streamlit.runtime.state.query_params import CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_FIELDS
except ImportError:  # pragma: no cover - other Streamlit versions: the value of 1.67
    MAX_FIELDS = 1000

NAME = "gradient_atlas.link_probe"
KEY = "_ga_link_probe"
CSS = f".st-key-{KEY} {{ display: none; }}"  # takes no room (nor a gap in Streamlit's flex layout)
JS = """
// Sends {fields} as the "report" trigger, once per mount, if the link this document was opened with
// has more parameters than Streamlit reads (data.max_fields; counted as Streamlit counts: "&" + 1).
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data || parentElement.__gaProbed) return;
  parentElement.__gaProbed = true;
  const nav = performance.getEntriesByType("navigation")[0];
  let query = "";
  try {
    query = new URL(nav ? nav.name : window.location.href).search.replace(/^[?]/, "");
  } catch (err) {
    return;
  }
  const fields = query ? query.split("&").length : 0;
  if (fields > data.max_fields) setTriggerValue("report", { fields: fields });
}
"""


@functools.cache
def _component():
    """Register the component once per process and return its mount function."""
    return st.components.v2.component(NAME, js=JS, css=CSS, isolate_styles=False)


def read_report(value: Any) -> int | None:
    """The number of parameters in the component's report; None if there is no well-formed report
    (any client can send anything: only a non-negative whole number is taken)."""
    report = value.get("report") if isinstance(value, Mapping) else getattr(value, "report", None)
    if not isinstance(report, Mapping):
        return None
    fields = report.get("fields")
    if not isinstance(fields, int) or isinstance(fields, bool) or not 0 <= fields < 2**31:
        return None
    return fields


def _reported() -> None:
    """Callback of the "report" trigger: a notice for the page, before the rerun draws it."""
    got = read_report(state.widget_value(KEY))
    if got is not None:
        state.report_dropped_link(got, MAX_FIELDS)


def probe() -> None:
    """Draw the hidden probe if the session started without URL parameters (call before the page)."""
    if not state.link_was_plain():
        return
    _component()(
        data={"max_fields": MAX_FIELDS},
        key=KEY,
        height=0,
        on_report_change=_reported,
    )
