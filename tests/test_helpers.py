"""The test helpers themselves: ``assert_no_recompile`` must catch a recompile (and only that)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import pytest

from tests.helpers import assert_no_recompile


@jax.jit
def scaled(x, k):
    return x * k


@jax.jit
def shifted(x, k):
    return x + k


def _warm():
    scaled(jnp.ones(3), jnp.float32(2.0))
    shifted(jnp.ones(3), jnp.float32(2.0))


def test_new_values_pass():
    _warm()
    with assert_no_recompile(scaled, shifted) as rec:
        scaled(jnp.ones(3) * 5, jnp.float32(7.0))
        shifted(jnp.zeros(3), jnp.float32(-1.0))
    assert rec.traced == {} and rec.compiled == {}


@pytest.mark.parametrize(
    "call, why",
    [
        (lambda: scaled(jnp.ones(4), jnp.float32(2.0)), "f32[4]"),  # a new shape
        (lambda: scaled(jnp.ones(3), 2.0), "k"),  # a weakly typed Python float instead of a float32
        (lambda: scaled(jnp.ones(3, jnp.float16), jnp.float16(2.0)), "f16[3]"),  # a new dtype
    ],
)
def test_a_recompile_fails_and_says_what_and_why(call, why):
    _warm()
    with pytest.raises(AssertionError) as err:
        with assert_no_recompile(scaled, shifted, what="the probe"):
            call()
    msg = str(err.value)
    assert msg.startswith("recompiled (the probe): scaled was traced 1 and compiled 1 time(s)")
    assert "shifted" not in msg.splitlines()[0]  # only what recompiled is named
    assert "TRACING CACHE MISS" in msg and why in msg  # JAX's explanation of the miss


def test_other_functions_compiling_do_not_count():
    _warm()
    with assert_no_recompile(scaled) as rec:
        shifted(jnp.ones(7), jnp.float32(1.0))  # compiles, but it is not watched
    assert rec.of("scaled") == 0


def test_needs_a_function():
    with pytest.raises(TypeError, match="at least one"):
        with assert_no_recompile():
            pass
