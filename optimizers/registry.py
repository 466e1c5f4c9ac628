"""The optimizer registry: name -> Optimizer."""

from __future__ import annotations

from .adadelta import ADADELTA
from .adagrad import ADAGRAD
from .adam import ADAM
from .adamw import ADAMW
from .base import Optimizer
from .momentum import MOMENTUM
from .nadam import NADAM
from .nag import NAG
from .rmsprop import RMSPROP
from .sam import SAM
from .sgd import SGD

REGISTRY: dict[str, Optimizer] = {
    o.name: o for o in (SGD, MOMENTUM, NAG, ADAGRAD, ADADELTA, RMSPROP, ADAM, ADAMW, NADAM, SAM)
}


def names() -> list[str]:
    """Names of the registered optimizers, in display order."""
    return list(REGISTRY)


def get(name: str) -> Optimizer:
    """The optimizer called ``name``.

    Raises:
        ValueError: the name is unknown; the message lists the valid names.
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"Unknown optimizer {name!r}; choose one of: {', '.join(REGISTRY)}") from None
