"""Where the compiled programs of a surface family live, and when they are freed.

A surface's family ``fn_p(xy, p)`` is a static argument of the compiled functions (the runner, the
grid, curvature, critical points, ...). JAX keys its caches on it, so every family ever passed to a
module-level ``jax.jit`` keeps its traces and executables for the life of the process. That is right
for the built-in surfaces (a fixed set, compiled once and reused by every visitor), and wrong for
families made at run time: each new user-formula structure added ~10 MB that was never freed
(issue #18.3).

So a family may own its programs. A function decorated with :func:`family_jit` is an ordinary
``jax.jit`` for other families; for an :class:`OwnedFamily` it calls a ``jax.jit`` of
``functools.partial(fun, family)`` that the family holds. JAX's internal caches are keyed weakly on
the function they compile, so dropping that ``jax.jit`` object frees its traces and executables
(measured: 60 formula structures, each a 4-optimizer race and a 200 x 200 grid, took a process from
158 to 898 MB with module-level caches and stayed at ~263 MB with owned, dropped ones).

At most :data:`MAX_FAMILIES` owned families hold compiled programs at a time; using one more drops
the programs of the least recently used (the family itself lives on while something refers to it
and compiles again, from the disk cache if enabled, when used again). A family's jitted function
that has compiled more than its ``max_programs`` (:data:`MAX_PROGRAMS` unless the decorator says
otherwise; new step buckets, rules, grid sizes) is dropped and started afresh, so one family cannot
grow without bound either.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import jax

# Families holding compiled programs at once. A Race page custom surface costs ~10 MB of programs
# (4-optimizer race, the 200 x 200 and 60 x 60 grids), so 32 families are ~0.3 GB; a class of ~30
# students each racing their own formula keeps its programs warm.
MAX_FAMILIES = 32
MAX_PROGRAMS = 16  # programs one jitted function of one family may hold before it starts afresh


class OwnedFamily:
    """Base class of surface families made at run time, whose compiled programs are freed.

    A subclass is callable as ``fn_p(xy, p)``. Equality and hashing are by identity (the default),
    which is what JAX needs of a static argument.
    """

    def __init__(self) -> None:
        self._jits: dict[FamilyJit, Any] = {}  # decorated function -> this family's jax.jit of it

    @property
    def compiled_count(self) -> int:
        """Programs this family holds now, over all decorated functions."""
        return sum(j._cache_size() for j in list(self._jits.values()))


class _Registry:
    """The owned families that hold compiled programs, least recently used first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.families: OrderedDict[int, OwnedFamily] = OrderedDict()

    def jitted(self, fj: FamilyJit, family: OwnedFamily):
        """``family``'s jax.jit of ``fj``: made on first use; marks the family recently used."""
        with self.lock:
            self.families[id(family)] = family
            self.families.move_to_end(id(family))
            while len(self.families) > MAX_FAMILIES:
                _, old = self.families.popitem(last=False)
                old._jits.clear()  # the jax.jit objects go, and with them their programs
            jitted = family._jits.get(fj)
            if jitted is None or jitted._cache_size() > fj.max_programs:
                jitted = jax.jit(functools.partial(fj.fun, family), static_argnames=fj.other_static)
                family._jits[fj] = jitted
            return jitted

    def held(self) -> list[OwnedFamily]:
        """The families that hold programs now (at most MAX_FAMILIES), oldest first."""
        with self.lock:
            return list(self.families.values())

    def forget(self, family: OwnedFamily) -> None:
        """Drop ``family``'s programs now (tests; a family that is known to be done)."""
        with self.lock:
            self.families.pop(id(family), None)
            family._jits.clear()


REGISTRY = _Registry()


class FamilyJit:
    """``jax.jit(fun, static_argnames=...)`` whose first argument is a surface family.

    Built-in families use one module-level ``jax.jit``; an :class:`OwnedFamily` uses its own (see
    the module docstring). Call it like the function it wraps.
    """

    def __init__(self, fun: Callable, static_argnames: tuple[str, ...], max_programs: int | None = None):
        first = next(iter(inspect.signature(fun).parameters))
        if first not in static_argnames:
            raise TypeError(f"{fun.__name__}: the family argument {first!r} must be static")
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.other_static = tuple(n for n in static_argnames if n != first)
        self.shared = jax.jit(fun, static_argnames=static_argnames)
        self._max_programs = max_programs

    @property
    def max_programs(self) -> int:
        """Programs an owned family's jitted function may hold before it starts afresh."""
        return MAX_PROGRAMS if self._max_programs is None else self._max_programs

    def __call__(self, family, *args, **kwargs):
        if isinstance(family, OwnedFamily):
            return REGISTRY.jitted(self, family)(*args, **kwargs)
        return self.shared(family, *args, **kwargs)

    def _cache_size(self) -> int:
        """Programs compiled for this function: the shared ones plus those owned families hold."""
        owned = (f._jits.get(self) for f in REGISTRY.held())
        return self.shared._cache_size() + sum(j._cache_size() for j in owned if j is not None)


def family_jit(
    *, static_argnames: tuple[str, ...], max_programs: int | None = None
) -> Callable[[Callable], FamilyJit]:
    """Decorator: like ``partial(jax.jit, static_argnames=...)`` for a function whose first
    argument is a surface family (listed in ``static_argnames``).

    Args:
        static_argnames: the static arguments, the family's among them.
        max_programs: programs one owned family may hold for this function before they are
            dropped and it starts afresh (None: :data:`MAX_PROGRAMS`).

    Returns:
        A decorator making a :class:`FamilyJit`.
    """
    return lambda fun: FamilyJit(fun, static_argnames, max_programs)
