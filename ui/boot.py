"""Imported first by every page script: the process-wide setup, done once, before any page runs.

* XLA:CPU flags (:func:`optimizers.tune_cpu_loops`) must be set before the first JAX computation.
* The heavy libraries the pages use are imported here, in one place. A class opening links at the
  same moment right after a (re)start runs many first script runs at once; each imported plotly,
  pandas and JAX concurrently and some got a partially initialised module (``partially initialized
  module 'pandas'`` inside plotly). Python holds this module's import lock until it is fully
  imported, so the first page run imports everything while the others wait for it.

Pages start with::

    # isort: off
    import ui.boot  # noqa: F401
    # isort: on
"""

from __future__ import annotations

import optimizers

optimizers.tune_cpu_loops()

# ruff: noqa: E402, F401, I001  (imports for their side effect: loaded once, in this order)
import jax
import jax.numpy as jnp
import numpy as np
import pandas
import plotly.graph_objects as go
import plotly.io
import plotly.subplots
import contourpy
import PIL.Image

import landscapes
import studies
import viz
import viz.batch
import viz.export
import viz.lr
import viz.race
import i18n
import presets
