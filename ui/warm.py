"""Pre-warm JAX once per server process so the first visitor does not pay for compiling."""

from __future__ import annotations

import os
import threading

import streamlit as st


def _compile_defaults() -> None:
    import landscapes
    import optimizers

    optimizers.enable_disk_cache()
    from viz import race as race_viz  # noqa: F401 - imports plotly and the figure code

    s = landscapes.get("rosenbrock")
    optimizers.simulate(s, ["sgd", "momentum", "adam"], steps=500)
    landscapes.grid(s, 160)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread | None:
    """Start compiling the default race in a background thread (once per server process).

    Set ``GRADIENT_ATLAS_NO_WARM=1`` to skip it (the AppTests do, to save CPU).

    Returns:
        The thread (cached, so later sessions reuse it and do not start another), or None.
    """
    if os.environ.get("GRADIENT_ATLAS_NO_WARM"):
        return None
    th = threading.Thread(target=_compile_defaults, name="gradient-atlas-warm", daemon=True)
    th.start()
    return th
