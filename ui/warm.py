"""Pre-warm once per server process so the first visitor does not pay for compiling: every page's
landing view is compiled in a background thread, and the job manager starts its worker process."""

from __future__ import annotations

import os
import threading

import streamlit as st


def _compile_defaults() -> None:
    """Compile what the pages' landing views run (the Batch lab's ships precomputed; the Activations
    lab's default results do too, but its signal view computes any other setting in the page)."""
    import landscapes

    from . import (
        activations_model,
        explorer_model,
        lr_model,
        race_model,
        regularization_model,
        selection_model,
    )

    cfg = race_model.default_config()
    race_model.simulate_config(cfg)
    s = landscapes.get(cfg.surf)
    landscapes.grid(s, race_model.GRID)
    landscapes.grid(s, race_model.GRID_3D)
    lr_model.warm_defaults()
    activations_model.warm_defaults()
    regularization_model.warm_defaults()
    explorer_model.warm_defaults()
    selection_model.warm_defaults()


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

    from . import progress

    optimizers.enable_disk_cache()  # a restarted server compiles from disk (off when tests ask)
    th = threading.Thread(target=_compile_defaults, name="gradient-atlas-warm", daemon=True)
    th.start()
    progress.manager()  # its worker process starts (imports JAX) now, not at the first job
    return th
