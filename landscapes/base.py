"""The Landscape type: a 2-D loss surface with everything the app needs to draw and check it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

import jax.numpy as jnp


@dataclass(frozen=True, eq=False)
class Landscape:
    """A 2-D surface ``f(x, y)``.

    ``fn_p(xy, p)`` is the family; ``params`` the values of its traced parameters: first the
    adjustable ones that ``param_spec`` names (empty for fixed surfaces), then any fixed numbers of
    the family (a user formula's constants, so that formulas differing only in their numbers share
    one family). The compiled runner takes ``fn_p`` as static structure and ``params`` as a traced
    array, so moving a surface's parameter slider, or changing a formula's number, does not recompile.
    Equality is identity: two Landscapes are the same only if they are the same object.
    """

    name: str
    title: str
    fn_p: Callable
    bounds: tuple[tuple[float, float], tuple[float, float]]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = ()
    min_value: float | None = None  # the global minimum value, when known
    latex: str = ""
    description: dict[str, str] = field(default_factory=dict)  # {"en": ..., "ko": ...}
    source: str = ""  # where the minimisers come from
    params: tuple[float, ...] = ()
    param_spec: tuple[tuple[str, float, float], ...] = ()  # (name, low, high) per parameter
    log_color: bool = False  # the surface spans decades: colour it on a log scale
    smooth: bool = True  # twice differentiable everywhere in the view
    category: str = "classic"

    def fn(self, xy):
        """The loss at ``xy`` (shape (2,)): a JAX-traceable scalar."""
        dtype = jnp.result_type(xy)  # the parameters in the point's precision; float32 for integers
        dtype = dtype if jnp.issubdtype(dtype, jnp.floating) else jnp.float32
        return self.fn_p(xy, jnp.asarray(self.params, dtype))

    def with_params(self, **values: float) -> Landscape:
        """A copy with some parameters changed; raises ValueError for unknown or out-of-range ones."""
        names = [n for n, _, _ in self.param_spec]
        new = list(self.params)
        for key, v in values.items():
            if key not in names:
                raise ValueError(
                    f"Unknown parameter {key!r} for {self.name}; choose from: {', '.join(names) or 'none'}"
                )
            i = names.index(key)
            _, lo, hi = self.param_spec[i]
            if not (lo <= float(v) <= hi):
                raise ValueError(f"{self.name}.{key} = {v:g} is outside [{lo:g}, {hi:g}]")
            new[i] = float(v)
        return dataclasses.replace(self, params=tuple(new))

    @property
    def adjustable(self) -> tuple[float, ...]:
        """The values of the parameters ``param_spec`` names (the leading ``params``)."""
        return self.params[: len(self.param_spec)]

    @property
    def param_dict(self) -> dict[str, float]:
        """Adjustable parameter name -> value."""
        return {n: v for (n, _, _), v in zip(self.param_spec, self.adjustable, strict=True)}
