"""The model-selection lab's studies, on data whose truth is known, in the lecture's order:

* cross-validation (:mod:`~studies.selection.cv`): k-fold against one hold-out split, leave-one-out;
  on a time series (:mod:`~studies.selection.timeseries`): shuffled k-fold against rolling origin;
* the bias-variance decomposition over capacity (:mod:`~studies.selection.bias_variance`);
* the bootstrap against the true sampling distribution (:mod:`~studies.selection.bootstrap`);
* bagging against one model (:mod:`~studies.selection.bagging`) and boosting round by round
  (:mod:`~studies.selection.boosting`);
* hyperparameter search: grid, random and TPE with one budget (:mod:`~studies.selection.search`).

Shared pieces: the known curve, noise and time series (:mod:`~studies.selection.truth`), the splits
(:mod:`~studies.selection.splits`), polynomial least squares (:mod:`~studies.selection.polyfit`) and
the networks, many trained in one compiled call (:mod:`~studies.selection.nets`). Each study is a
``Config`` NamedTuple and a function ``study(cfg, progress=None) -> Result`` (NumPy only), which the
page runs inline or as a job (``ui.jobs``) and ``scripts/precompute.py`` stores.
"""

from __future__ import annotations

from . import (
    bagging,
    bias_variance,
    boosting,
    bootstrap,
    cv,
    nets,
    polyfit,
    search,
    splits,
    timeseries,
    truth,
)
from .bagging import *  # noqa: F403
from .bias_variance import *  # noqa: F403
from .boosting import *  # noqa: F403
from .bootstrap import *  # noqa: F403
from .cv import *  # noqa: F403
from .search import *  # noqa: F403
from .timeseries import *  # noqa: F403

_MODULES = (bias_variance, bootstrap, bagging, boosting, cv, timeseries, search)
__all__ = sorted(name for m in _MODULES for name in m.__all__) + ["nets", "polyfit", "splits", "truth"]

# Results are stored (studies/store.py) and sent between processes (ui/jobs.py) with their types
# named "module:qualname": named by this package, the path every caller uses, so stored files keep
# loading when a type moves between the modules above.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and issubclass(_obj, tuple) and hasattr(_obj, "_fields"):
        _obj.__module__ = __name__
del _name, _obj
