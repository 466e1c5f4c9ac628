"""Pre-warm JAX once per server process so the first visitor does not pay for compiling."""

from __future__ import annotations

import os
import threading

import streamlit as st


def _compile_defaults() -> None:
    """Compile what the Race page's landing view runs: its race and its surface grids."""
    import landscapes

    from . import race_model

    cfg = race_model.default_config()
    race_model.simulate_config(cfg)
    s = landscapes.get(cfg.surf)
    landscapes.grid(s, race_model.GRID)
    landscapes.grid(s, race_model.GRID_3D)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread | None:
    """Start compiling the default race in a background thread (once per server process).

    Set ``GRADIENT_ATLAS_NO_WARM=1`` to skip it (the AppTests do, to save CPU).

    Returns:
        The thread (cached, so later sessions reuse it and do not start another), or None.
    """
    if os.environ.get("GRADIENT_ATLAS_NO_WARM"):
        return None
    import optimizers

    optimizers.enable_disk_cache()  # a restarted server compiles from disk (off when tests ask)
    th = threading.Thread(target=_compile_defaults, name="gradient-atlas-warm", daemon=True)
    th.start()
    return th
