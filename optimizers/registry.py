"""The optimizer registry: name -> Optimizer. One file per rule; this is the list of them."""

from __future__ import annotations

from .adadelta import ADADELTA
from .adagrad import ADAGRAD
from .adam import ADAM
from .adamw import ADAMW
from .base import FAMILIES, Optimizer
from .momentum import MOMENTUM
from .nadam import NADAM
from .nag import NAG
from .rmsprop import RMSPROP
from .sam import SAM
from .sgd import SGD

REGISTRY: dict[str, Optimizer] = {
    o.name: o for o in (SGD, MOMENTUM, NAG, ADAGRAD, ADADELTA, RMSPROP, ADAM, ADAMW, NADAM, SAM)
}
# Every rule registered in this process, by name. Compiled runs are cached by the rule's name (it is
# part of the runner's static structure), so a name must never come to mean a different rule.
_EVER: dict[str, Optimizer] = dict(REGISTRY)


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


def register(opt: Optimizer) -> Optimizer:
    """Add an update rule to the registry (last in display order): every page and study offers it.

    The rule's own facts (``family``, ``momentum_param``, ``quadratic``, ``phase_axis``) give it
    its controls, stability limit and phase map; nothing else needs editing.

    Args:
        opt: the rule. Its name must be new to this process (or name this very object again after
            :func:`unregister`): compiled runs are cached by name.

    Returns:
        ``opt``.

    Raises:
        ValueError: the name is taken, or the rule's facts are inconsistent (see :func:`check`).
    """
    if opt.name in REGISTRY or _EVER.get(opt.name, opt) is not opt:
        raise ValueError(f"An optimizer named {opt.name!r} is already registered in this process")
    check(opt)
    REGISTRY[opt.name] = _EVER[opt.name] = opt
    return opt


def unregister(name: str) -> None:
    """Remove the rule ``name`` from the registry (ValueError listing the names if it is unknown)."""
    get(name)
    del REGISTRY[name]


def check(opt: Optimizer) -> None:
    """Raise ValueError if a rule's declared facts do not fit its hyperparameters.

    Checked: a known family; ``lr`` among the hyperparameters; a range for every default, which
    lies inside it; the momentum and the phase axis name hyperparameters (the axis's span inside
    their range); a rule with a closed form on a quadratic names its momentum unless it is plain
    gradient descent.
    """
    where = f"optimizer {opt.name!r}"
    if opt.family not in FAMILIES:
        raise ValueError(f"{where}: unknown family {opt.family!r}; choose one of: {', '.join(FAMILIES)}")
    if "lr" not in opt.defaults:
        raise ValueError(f"{where} needs a learning rate 'lr' among its hyperparameters")
    if set(opt.ranges) != set(opt.defaults):
        raise ValueError(f"{where}: ranges {sorted(opt.ranges)} must match defaults {sorted(opt.defaults)}")
    opt.validate(opt.defaults)  # every default inside its range
    if opt.momentum_param is not None and opt.momentum_param not in opt.defaults:
        raise ValueError(f"{where}: momentum_param {opt.momentum_param!r} is not one of its hyperparameters")
    if opt.phase_axis is not None:
        axis = opt.phase_axis
        if axis.name == "lr" or axis.name not in opt.defaults:
            raise ValueError(f"{where}: phase axis {axis.name!r} must be a hyperparameter other than lr")
        if not axis.low < axis.high:
            raise ValueError(f"{where}: phase axis span ({axis.low:g}, {axis.high:g}) needs low < high")
        opt.validate({axis.name: [axis.low, axis.high]})
    if opt.quadratic is not None and opt.quadratic.kind != "gd" and opt.momentum_param is None:
        raise ValueError(f"{where}: a {opt.quadratic.kind} rule needs its momentum_param")
