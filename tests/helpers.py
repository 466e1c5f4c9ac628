"""Helpers for the library tests (not the page tests: those are in ``ui/testing.py``).

``assert_no_recompile`` is how every test says "new values do not recompile": it listens to JAX's
public monitoring events for tracing and compiling (``jax.monitoring``) instead of reading the
private ``_cache_size()`` of a jitted function, and while it listens it turns on
``jax.explain_cache_misses`` so that a failure says why JAX traced again.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import jax
import jax.monitoring

# Events JAX records (with the function's name) each time it traces a function for jit and each time
# it hands a program to the compiler (jax/_src/dispatch.py: JAXPR_TRACE_EVENT, BACKEND_COMPILE_EVENT).
# tests/test_helpers.py checks that they still fire, so a JAX upgrade cannot silently disarm this.
TRACE_EVENT = "/jax/core/compile/jaxpr_trace_duration"
COMPILE_EVENT = "/jax/core/compile/backend_compile_duration"


def _name(fn: Callable) -> str:
    name = getattr(fn, "__name__", None) or getattr(getattr(fn, "__wrapped__", None), "__name__", None)
    if not name:
        raise TypeError(f"{fn!r} has no __name__; pass the jitted function itself")
    return name


@dataclass
class Compiles:
    """What JAX traced and compiled inside an ``assert_no_recompile`` block (filled when it ends)."""

    names: tuple[str, ...]
    traced: dict[str, int] = field(default_factory=dict)  # function name -> traces
    compiled: dict[str, int] = field(default_factory=dict)  # function name -> compiles
    explanations: list[str] = field(default_factory=list)  # JAX's cache-miss explanations

    def of(self, name: str) -> int:
        return self.traced.get(name, 0) + self.compiled.get(name, 0)


class _Explanations(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if "CACHE MISS" in msg:
            self.messages.append(msg)


@contextlib.contextmanager
def assert_no_recompile(*fns: Callable, what: str = "") -> Iterator[Compiles]:
    """Fail if any of the jitted functions ``fns`` is traced or compiled inside the ``with`` block.

    Call each function once before the block (so its first compile is done); the block then runs
    what must reuse the compiled program, e.g. new hyperparameter values.

    Args:
        fns: the jitted functions (e.g. ``runner.run_group``); at least one.
        what: a few words for the failure message (what the block changed).

    Yields:
        A :class:`Compiles` record, filled when the block ends (for tests that want the numbers).

    Raises:
        AssertionError: naming each function that was traced or compiled, how often, and JAX's
            explanation of the cache miss (which argument changed, from what to what).
    """
    if not fns:
        raise TypeError("assert_no_recompile needs at least one jitted function")
    names = tuple(_name(f) for f in fns)
    rec = Compiles(names)
    # The trace event names the Python function ("run_group"), the compile event the jitted
    # program ("jit(run_group)").
    wanted_trace = set(names)
    wanted_compile = {f"jit({n})": n for n in names}

    def listen(event: str, _duration: float, **kw) -> None:
        fun = kw.get("fun_name")
        if event == TRACE_EVENT and fun in wanted_trace:
            rec.traced[fun] = rec.traced.get(fun, 0) + 1
        elif event == COMPILE_EVENT and fun in wanted_compile:
            n = wanted_compile[fun]
            rec.compiled[n] = rec.compiled.get(n, 0) + 1

    handler = _Explanations()
    log = logging.getLogger("jax")
    jax.monitoring.register_event_duration_secs_listener(listen)
    log.addHandler(handler)
    try:
        with jax.explain_cache_misses(True):
            yield rec
    finally:
        jax.monitoring.unregister_event_duration_listener(listen)
        log.removeHandler(handler)
    rec.explanations = [m for m in handler.messages if any(f"for {n} defined at" in m for n in names)]
    bad = [n for n in names if rec.of(n)]
    if bad:
        lines = [
            f"{n} was traced {rec.traced.get(n, 0)} and compiled {rec.compiled.get(n, 0)} time(s)"
            for n in bad
        ]
        head = "recompiled" + (f" ({what})" if what else "") + ": " + "; ".join(lines)
        raise AssertionError("\n".join([head, *rec.explanations]))
