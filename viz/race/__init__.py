"""Figures of the Optimizer Race: pure functions from NumPy arrays to ``go.Figure``.

One module per figure or concern, all re-exported here (``from viz import race as rv``):

* :mod:`~viz.race.layers`: the static layers of the 2-D map (surface image, contour lines);
* :mod:`~viz.race.animation`: frames, comets, Play/Pause and the frame slider;
* :mod:`~viz.race.map2d`: the 2-D map (:func:`contour_figure`) and its vector arrows;
* :mod:`~viz.race.curves`: loss, distance and gradient-norm curves (:func:`curves_figure`);
* :mod:`~viz.race.surface3d`: the 3-D view (:func:`surface_figure`).

What the runs did as numbers (vectors at a step, distance to the minima, why a run diverged) is
:mod:`studies.race`; where each run ended is :mod:`studies.endings`.
"""

from __future__ import annotations

from . import animation, curves, layers, map2d, surface3d
from .animation import *  # noqa: F403
from .curves import *  # noqa: F403
from .layers import *  # noqa: F403
from .map2d import *  # noqa: F403
from .surface3d import *  # noqa: F403

__all__ = sorted(name for m in (animation, curves, layers, map2d, surface3d) for name in m.__all__)
