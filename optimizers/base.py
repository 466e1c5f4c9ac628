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

import reprlib
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import jax.numpy as jnp
import numpy as np

from .quadratic import OnQuadratic


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


class PhaseAxis(NamedTuple):
    """The hyperparameter a phase map varies against the learning rate, and the span it shows."""

    name: str
    low: float
    high: float


# How the lecture groups the rules; the Race page's "what to look for" notes are written per family
# (i18n keys ``race.look.<surface kind>.<family>``): plain gradient steps, momentum (heavy ball and
# NAG), Adagrad's ever-growing accumulator, running RMS averages (RMSprop, Adadelta), Adam-type
# moments, and sharpness-aware steps.
FAMILIES = ("plain", "momentum", "adagrad", "rms", "adam", "sam")


class Optimizer(NamedTuple):
    """A registered update rule with everything the app needs to show and check it.

    The facts below the equation are the only place that knows a rule's kind: pages and studies
    read them, never the rule's name, so a rule added to the registry gets its controls, stability
    line and phase map from its own file.
    """

    name: str
    title: str
    init: Callable[[Any, Any], Any]
    update: Callable[..., tuple[Any, Any, Aux]]
    defaults: dict[str, float]
    ranges: dict[str, HyperParam]
    latex: str  # the update equation exactly as implemented
    explain: dict[str, str]  # {"en": ..., "ko": ...}
    family: str  # one of FAMILIES (the Race page's notes)
    momentum_param: str | None  # the hyperparameter that is the momentum mu (the LR lab's mu control)
    quadratic: OnQuadratic | None  # its closed form on a quadratic (optimizers.quadratic); None: none
    phase_axis: PhaseAxis | None  # what a (lr, second) phase map varies besides lr; None: no map
    grad_evals: int = 1  # gradient evaluations per step
    note: dict[str, str] | None = None  # how this rule differs from torch / optax / the lecture
    # one step written out with its numbers (the Race page's "one key = one step"); None: not shown
    step_latex: Callable[[StepValues], str] | None = None

    def validate(self, hp: Mapping[str, Any] | None) -> dict[str, Any]:
        """Full hyperparameters: the defaults overridden by ``hp``, each checked against its range.

        This is the project's one check of hyperparameter values (``simulate``, ``run_batch`` and
        the studies all call it), so a bad value gets the same message wherever it was given.

        Args:
            hp: name -> a number, or a 1-D array of numbers (one per run, as ``run_batch`` takes).

        Returns:
            Every hyperparameter in the order of ``defaults``: a float where a number (or the
            default) was given, a float64 1-D array where an array was.

        Raises:
            ValueError: the first unknown name (listing the valid ones); a value that is not a
            number or a 1-D array of numbers; the first value outside its valid range (NaN and inf
            included), with its index for an array.
        """
        out: dict[str, Any] = dict(self.defaults)
        for key, value in (hp or {}).items():
            out[key] = self._checked(key, value)
        return out

    def hyperparam(self, key: str) -> HyperParam:
        """The valid range of hyperparameter ``key``.

        Raises:
            ValueError: ``key`` is not one of this rule's hyperparameters (the message lists them).
        """
        if key not in self.defaults:
            raise ValueError(
                f"Unknown hyperparameter {key!r} for {self.name}; choose from: {', '.join(self.defaults)}"
            )
        return self.ranges[key]

    def _checked(self, key: str, value: Any) -> float | np.ndarray:
        rng = self.hyperparam(key)
        what = f"{self.name}.{key}"
        try:
            if value is None or np.iscomplexobj(value):  # float64 would make nan / drop the imaginary part
                raise TypeError
            a = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"{what} must be a number, got {reprlib.repr(value)}") from None
        if a.ndim > 1:
            raise ValueError(f"{what} must be a number or a 1-D array of numbers, got shape {a.shape}")
        flat = np.atleast_1d(a)
        bad = ~(np.isfinite(flat) & (flat >= rng.low) & (flat <= rng.high))
        if bad.any():
            i = int(np.argmax(bad))
            entry = f" (entry {i})" if a.ndim else ""
            raise ValueError(
                f"{what} = {flat[i]:g}{entry} is outside its valid range [{rng.low:g}, {rng.high:g}]"
            )
        return float(a) if a.ndim == 0 else a

    def stability(self, hp: Mapping[str, Any] | None = None) -> float | None:
        """The limit ``c`` of this rule on a quadratic: stable iff ``0 < lr * lam < c`` for every
        Hessian eigenvalue ``lam``; None for rules without one (see :mod:`optimizers.quadratic`).

        Args:
            hp: hyperparameters (the defaults fill the rest); only the momentum matters.
        """
        if self.quadratic is None:
            return None
        return float(self.quadratic.limit(float(self._momentum({**self.defaults, **(hp or {})}))))

    def linear_rate(self, hp: Mapping[str, Any], lam: Any) -> np.ndarray | None:
        """The closed-form per-step contraction on a quadratic along an eigenvalue ``lam``.

        Args:
            hp: hyperparameters with ``lr``; values may be arrays (they broadcast with ``lam``).
            lam: Hessian eigenvalue(s).

        Returns:
            The largest root modulus of the step's characteristic polynomial (< 1: converges), or
            None for rules without a closed form.
        """
        if self.quadratic is None:
            return None
        full = {**self.defaults, **hp}
        return self.quadratic.rate(full["lr"], self._momentum(full), lam)

    def _momentum(self, full: Mapping[str, Any]) -> Any:
        return full[self.momentum_param] if self.momentum_param is not None else 0.0


class StepValues(NamedTuple):
    """Everything one step used and made, as numbers (from a run's path and :class:`Aux` record),
    for writing the step out: ``Optimizer.step_latex``. Vectors are (d,) float64."""

    k: int  # the step's index: it goes from w_k to w_{k+1}
    lr: float  # the learning rate of this step (the schedule applied)
    hp: Mapping[str, float]  # every hyperparameter (lr is the base rate)
    w: np.ndarray  # w_k
    w_next: np.ndarray  # w_{k+1}
    g: np.ndarray  # the gradient the step used (mini-batch when B < N; at the look-ahead point)
    # before the step: Aux.moment1 / moment2 of step k - 1; zeros at k = 0 (a rule whose state does
    # not start at zero, Adagrad's accumulator, writes its own start)
    m_prev: np.ndarray  # first-moment / velocity slot before the step
    m: np.ndarray  # ... after it
    v_prev: np.ndarray  # second-moment slot before the step
    v: np.ndarray  # ... after it
    lookahead: np.ndarray  # where the gradient was taken


def tex_num(x: float) -> str:
    """A number in LaTeX: 4 significant digits, powers of ten written out (1.5 \\times 10^{-8})."""
    x = float(x)
    if not np.isfinite(x):
        return r"\text{NaN}" if np.isnan(x) else (r"\infty" if x > 0 else r"-\infty")
    text = f"{x:.4g}"
    if "e" in text:
        mant, exp = text.split("e")
        return rf"{mant}\times 10^{{{int(exp)}}}"
    return text


def tex_vec(a) -> str:
    """A vector in LaTeX as a column (pmatrix) of :func:`tex_num` entries."""
    return r"\begin{pmatrix}" + r"\\".join(tex_num(v) for v in np.ravel(a)) + r"\end{pmatrix}"


def tex_steps(*rows: tuple[str, str, str, str]) -> str:
    """Equations written out, one after another, aligned at "=".

    Args:
        rows: (left side, its formula, the formula with numbers, the result) each. Without
            numbers (a value computed in one go) the row is "left = formula = result".

    Returns:
        One ``aligned`` block: each equation on a line, then "= numbers = result" under it.
    """
    lines = []
    for lhs, formula, numbers, result in rows:
        if numbers:
            lines.append(rf"{lhs} &= {formula}")
            lines.append(rf"&= {numbers} = {result}")
        else:
            lines.append(rf"{lhs} &= {formula} = {result}")
    return r"\begin{aligned}" + r"\\[2pt]".join(lines) + r"\end{aligned}"


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
