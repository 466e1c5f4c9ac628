"""Shared types of the optimizer registry.

An update rule is a pair of pure functions over pytrees (here: arrays of shape ``(d,)``):

* ``init(w, hp) -> state``: the optimizer state for parameters ``w`` (``hp`` as below).
* ``update(grad_fn, w, state, hp) -> (w_new, state_new, aux)``: one step. ``grad_fn(w)`` returns the
  (possibly mini-batch) gradient at any point, so look-ahead rules (NAG, SAM) evaluate it where
  they need to. ``hp`` is a dict of traced scalars holding every hyperparameter; ``hp["lr"]`` is
  the learning rate of this step (the schedule has already been applied).

``aux`` is an :class:`Aux` of what the app draws on top of a trajectory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import jax.numpy as jnp


class Aux(NamedTuple):
    """What one step exposes for overlays; every field has the parameters' shape."""

    grad: Any  # gradient the step used (at the look-ahead point for NAG, the perturbed one for SAM)
    moment1: Any  # velocity / first moment (zeros where the rule has none)
    moment2: Any  # second-moment accumulator (zeros where the rule has none)
    step: Any  # w_new - w: the displacement actually taken
    lookahead: Any  # where the gradient was evaluated (w itself for most rules)


class HyperParam(NamedTuple):
    """A hyperparameter's valid range, for sliders and validation."""

    low: float
    high: float
    log: bool = False  # slider on a log scale
    help: str = ""


class Optimizer(NamedTuple):
    """A registered update rule with everything the app needs to show and check it."""

    name: str
    title: str
    init: Callable[[Any, Any], Any]
    update: Callable[..., tuple[Any, Any, Aux]]
    defaults: dict[str, float]
    ranges: dict[str, HyperParam]
    latex: str  # the update equation exactly as implemented
    explain: dict[str, str]  # {"en": ..., "ko": ...}
    grad_evals: int = 1  # gradient evaluations per step
    note: dict[str, str] | None = None  # how this rule differs from torch / optax / the lecture

    def validate(self, hp: dict[str, float] | None) -> dict[str, float]:
        """Full hyperparameter dict: defaults overridden by ``hp``, each checked against its range.

        Raises:
            ValueError: an unknown name, a non-finite value, or a value outside the valid range.
        """
        out = dict(self.defaults)
        for key, value in (hp or {}).items():
            if key not in self.defaults:
                raise ValueError(
                    f"Unknown hyperparameter {key!r} for {self.name}; choose from: "
                    + ", ".join(self.defaults)
                )
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{self.name}.{key} must be a number, got {value!r}") from None
            rng = self.ranges[key]
            if not (rng.low <= v <= rng.high):
                raise ValueError(
                    f"{self.name}.{key} = {v:g} is outside its valid range [{rng.low:g}, {rng.high:g}]"
                )
            out[key] = v
        return out


def aux(grad, w, w_new, moment1=None, moment2=None, lookahead=None) -> Aux:
    """Build an :class:`Aux`, filling absent fields with zeros (or ``w`` for the look-ahead)."""
    zeros = jnp.zeros_like(w)
    return Aux(
        grad=grad,
        moment1=zeros if moment1 is None else moment1,
        moment2=zeros if moment2 is None else moment2,
        step=w_new - w,
        lookahead=w if lookahead is None else lookahead,
    )
