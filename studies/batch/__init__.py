"""The Batch lab's studies: does a larger mini-batch find a sharper minimum that generalises worse?

Three studies, one module each, all re-exported here (``from studies import batch; batch.X``):

* the network study: a small MLP trained at several batch sizes and seeds
  (:mod:`~studies.batch.network`: config, data, training), what is measured on its solutions
  (:mod:`~studies.batch.network_measures`: sharpness, interpolation, slices, decision boundaries,
  summary), and both as one job with a cost estimate (:mod:`~studies.batch.network_job`);
* the two-basin study: the same question on a 2-D surface with the engine's mini-batch noise
  (:mod:`~studies.batch.basins`);
* the concept picture: the lecture's 1-D figure of train and test loss (:mod:`~studies.batch.concept`).
"""

from __future__ import annotations

from . import basins, concept, network, network_job, network_measures
from .basins import *  # noqa: F403
from .concept import *  # noqa: F403
from .network import *  # noqa: F403
from .network_job import *  # noqa: F403
from .network_measures import *  # noqa: F403

_MODULES = (network, network_measures, network_job, basins, concept)
__all__ = sorted(name for m in _MODULES for name in m.__all__)

# Results are stored (studies/store.py, presets/precomputed/*.npz) and sent between processes
# (ui/jobs.py, pickle) with their types named "module:qualname". They are named by this package, the
# path every caller uses, so that stored files and pickles keep loading when a type moves between
# the modules above.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and issubclass(_obj, tuple) and hasattr(_obj, "_fields"):
        _obj.__module__ = __name__
del _name, _obj
