"""Learning-rate schedules as traced values.

A schedule is a kind (an index into :data:`KINDS`) plus a parameter vector; both are traced, so
switching the kind or moving any of its sliders never recompiles. ``factor(t)`` multiplies the
base learning rate at step ``t`` (0-based); ``total`` is the run's number of steps.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

KINDS = ("constant", "step", "exponential", "inverse_time", "cosine", "warmup_cosine")


class Schedule(NamedTuple):
    """A learning-rate schedule. Unused fields are ignored by the kinds that do not need them."""

    kind: str = "constant"
    step_size: float = 100.0  # "step": decay every step_size steps
    gamma: float = 0.5  # "step": factor per decay; "exponential": factor per step
    decay: float = 0.01  # "inverse_time": lr / (1 + decay * t)
    min_frac: float = 0.0  # "cosine", "warmup_cosine": final lr as a fraction of the base lr
    warmup: float = 50.0  # "warmup_cosine": linear warm-up length in steps (lr * t / warmup)

    def validate(self) -> Schedule:
        """Check the kind and ranges; raises ValueError naming the bad field."""
        if self.kind not in KINDS:
            raise ValueError(f"Unknown schedule {self.kind!r}; choose one of: {', '.join(KINDS)}")
        checks = {
            "step_size": (1.0, 1e6),
            "gamma": (1e-6, 1.0),
            "decay": (0.0, 1e3),
            "min_frac": (0.0, 1.0),
            "warmup": (0.0, 1e6),
        }
        for field, (lo, hi) in checks.items():
            v = float(getattr(self, field))
            if not (lo <= v <= hi):
                raise ValueError(f"schedule.{field} = {v:g} is outside [{lo:g}, {hi:g}]")
        return self

    def as_arrays(self) -> tuple[int, tuple[float, ...]]:
        """(kind index, parameter tuple) for the compiled runner."""
        return KINDS.index(self.kind), (
            float(self.step_size),
            float(self.gamma),
            float(self.decay),
            float(self.min_frac),
            float(self.warmup),
        )


def _cosine(t, total, min_frac):
    frac = jnp.clip(t / jnp.maximum(total, 1.0), 0.0, 1.0)
    return min_frac + (1 - min_frac) * 0.5 * (1 + jnp.cos(jnp.pi * frac))


def factor(kind, params, t, total):
    """Multiplier of the base learning rate at step ``t`` (traced ``kind`` and ``params``).

    Every kind is evaluated and ``kind`` picks one. The values are a few flops; a ``lax.switch``
    here, vmapped over runs inside the runner's scan, made a 2,000-step run 30x slower (measured).
    """
    step_size, gamma, decay, min_frac, warmup = (params[i] for i in range(5))
    t = jnp.asarray(t, params.dtype)
    total = jnp.asarray(total, params.dtype)
    log_gamma = jnp.log(gamma)  # gamma^x as exp(x log gamma): pow is a slow scalar call on CPU
    # optax's and Hugging Face's convention: lr * t / warmup, so step 0 takes lr 0 and the peak comes
    # at t = warmup, where the cosine part starts (tested against optax.warmup_cosine_decay_schedule)
    ramp = t / jnp.maximum(warmup, 1e-9)
    values = jnp.stack(
        [
            jnp.ones_like(t),  # constant
            jnp.exp(jnp.floor(t / step_size) * log_gamma),  # step: gamma^floor(t / step_size)
            jnp.exp(t * log_gamma),  # exponential: gamma^t
            1 / (1 + decay * t),  # inverse_time
            _cosine(t, total, min_frac),  # cosine
            jnp.where(t < warmup, ramp, _cosine(t - warmup, total - warmup, min_frac)),  # warmup_cosine
        ]
    )
    return values[kind]


def curve(schedule: Schedule, lr: float, steps: int):
    """The learning rate at steps 0 .. steps-1, as a NumPy array (for plotting)."""
    import numpy as np

    k, p = schedule.validate().as_arrays()
    ts = jnp.arange(steps, dtype=jnp.float32)
    f = jax.vmap(lambda t: factor(k, jnp.asarray(p, jnp.float32), t, steps))(ts)
    return lr * np.asarray(f)
