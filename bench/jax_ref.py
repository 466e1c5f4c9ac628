"""The best hand-written JAX we could write for the engine benchmark's two workloads: the benchmark's
other baseline, beside ``numpy_ref`` (issue #10.6: "the engine close to the best hand-written JAX").

The update rules are optax 0.2.8's; each program is what one would write by hand for one job: a
``jit(lax.scan)`` per rule for a race, one ``jit(vmap(lax.scan))`` for a sweep. Both come in
levels that add, one at a time, what the engine does besides the update, so the benchmark can say
what each costs:

* ``"plain"``: the race records the path and the loss at every step; the sweep keeps the final
  position and loss (what issue #10 measured);
* ``"schedule"``: + the learning rate of every step from a traced schedule
  (``optimizers.schedules.factor``, evaluated in the step for a race, tabulated once for a sweep,
  as the engine does);
* ``"rules"``: + the engine's divergence and arrival rules: a run stops at its first step whose
  loss or position is non-finite or out of range (the position held, the records NaN after it,
  the step kept), holds still after its own number of steps, and the first step with a loss at or
  below the target is kept. The race then records what the engine's ``record="path"`` records, the
  sweep what its ``record="final"`` does.

None records the gradient norm or the overlay vectors of the engine's ``record="full"``. The rules
are optax's: SGD, momentum, Adam and AdamW are the engine's; NAG is optax's (torch's) Nesterov form,
Adagrad, Adadelta and RMSprop optax's definitions (see RECIPES.md): the same work per step, other
iterates.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import optax

from optimizers import schedules

LEVELS = ("plain", "schedule", "rules")


def transform(name: str, hp: dict[str, Any], lr) -> optax.GradientTransformation:
    """optax's rule ``name`` with the engine's hyperparameters ``hp``; ``lr`` a value or a schedule."""
    if name == "sgd":
        return optax.sgd(lr)
    if name in ("momentum", "nag"):
        return optax.sgd(lr, momentum=hp["momentum"], nesterov=name == "nag")
    if name == "adagrad":
        return optax.adagrad(lr, initial_accumulator_value=hp["initial_accumulator"], eps=hp["eps"])
    if name == "adadelta":
        return optax.adadelta(lr, rho=hp["rho"], eps=hp["eps"])
    if name == "rmsprop":
        return optax.rmsprop(lr, decay=hp["alpha"], eps=hp["eps"], eps_in_sqrt=False)
    if name == "adam":
        return optax.adam(lr, b1=hp["b1"], b2=hp["b2"], eps=hp["eps"])
    if name == "adamw":
        return optax.adamw(lr, b1=hp["b1"], b2=hp["b2"], eps=hp["eps"], weight_decay=hp["weight_decay"])
    raise ValueError(f"no optax reference for {name!r}")


def _step_rules(f, w_new, carry, t, view, steps, target):
    """The engine's divergence, hold and arrival rules for one step; returns the new carry."""
    w, loss, div_at, hit_at = carry
    mid, reach = view
    loss_new = f(w_new)
    bad = ~(jnp.isfinite(loss_new) & jnp.all(jnp.abs(w_new - mid) <= reach))
    active = (div_at < 0) & (t < steps)
    move = active & ~bad
    return (
        jnp.where(move, w_new, w),
        jnp.where(move, loss_new, loss),
        jnp.where(active & bad, t + 1, div_at),
        jnp.where((hit_at < 0) & move & (loss_new <= target), t + 1, hit_at),
    )


@partial(jax.jit, static_argnames=("f", "name", "n_steps", "level"))
def race(f, name: str, start, hp, schedule, view, target, n_steps: int, level: str):
    """One run of rule ``name`` for ``n_steps`` steps, recording every step.

    Args:
        f: the loss of a point (static).
        name: the rule (static).
        start: (2,) start point.
        hp: the rule's hyperparameters (traced scalars).
        schedule: (kind, parameters) of ``optimizers.schedules`` (traced).
        view: (centre (2,), reach) of the out-of-range test.
        target: the arrival loss.
        n_steps: steps (static).
        level: one of :data:`LEVELS` (static).

    Returns:
        ``"plain"`` and ``"schedule"``: (path (n_steps + 1, 2), loss (n_steps + 1,)); ``"rules"``:
        also the divergence step, the arrival step, the last finite position and its loss.
    """
    kind, params = schedule
    if level == "plain":
        lr = hp["lr"]
    else:  # optax counts the steps taken: the engine's schedule of step t
        lr = lambda count: hp["lr"] * schedules.factor(kind, params, count, n_steps)  # noqa: E731
    tx = transform(name, hp, lr)
    loss0 = f(start)
    if level != "rules":

        def body(c, _):
            w, s = c
            u, s = tx.update(jax.grad(f)(w), s, w)
            w = optax.apply_updates(w, u)
            return (w, s), (w, f(w))

        _, (path, loss) = jax.lax.scan(body, (start, tx.init(start)), None, length=n_steps)
        return jnp.concatenate([start[None], path]), jnp.concatenate([loss0[None], loss])

    def ruled(c, t):
        (w, loss, div_at, hit_at), s = c
        u, s = tx.update(jax.grad(f)(w), s, w)
        carry = _step_rules(f, optax.apply_updates(w, u), (w, loss, div_at, hit_at), t, view, n_steps, target)
        alive = carry[2] < 0
        return (carry, s), (jnp.where(alive, carry[0], jnp.nan), jnp.where(alive, carry[1], jnp.nan))

    ok0 = jnp.isfinite(loss0) & jnp.all(jnp.isfinite(start))
    carry0 = (start, loss0, jnp.where(ok0, -1, 0), jnp.where(ok0 & (loss0 <= target), 0, -1))
    ts = jnp.arange(n_steps, dtype=jnp.int32)
    ((w, loss, div_at, hit_at), _), (path, losses) = jax.lax.scan(ruled, (carry0, tx.init(start)), ts)
    path = jnp.concatenate([jnp.where(ok0, start, jnp.nan)[None], path])
    losses = jnp.concatenate([jnp.where(ok0, loss0, jnp.nan)[None], losses])
    return path, losses, div_at, hit_at, w, loss


@partial(jax.jit, static_argnames=("f", "name", "n_steps", "level"))
def sweep(f, name: str, lrs, start, hp, schedule, view, target, n_steps: int, level: str):
    """Rule ``name`` from ``start`` at every learning rate of ``lrs`` (vmapped), final values only.

    Args and levels as for :func:`race` (``hp`` without ``lr``).

    Returns:
        ``"plain"`` and ``"schedule"``: (final positions (R, 2), final losses (R,)); ``"rules"``:
        (last finite positions, their losses, divergence steps, arrival steps).
    """
    kind, params = schedule
    ts = jnp.arange(n_steps, dtype=jnp.int32)
    # shared by all rates: computed once, as the engine does for a shared schedule
    factors = None if level == "plain" else jax.vmap(lambda t: schedules.factor(kind, params, t, n_steps))(ts)

    def one(lr):
        rate = lr if factors is None else (lambda count: lr * factors[count])
        tx = transform(name, hp, rate)

        def plain(c, _):
            w, s = c
            u, s = tx.update(jax.grad(f)(w), s, w)
            return (optax.apply_updates(w, u), s), None

        def ruled(c, t):
            carry, s = c
            u, s = tx.update(jax.grad(f)(carry[0]), s, carry[0])
            w_new = optax.apply_updates(carry[0], u)
            return (_step_rules(f, w_new, carry, t, view, n_steps, target), s), None

        if level != "rules":
            (w, _), _ = jax.lax.scan(plain, (start, tx.init(start)), ts)
            return w, f(w)
        loss0 = f(start)
        ok0 = jnp.isfinite(loss0) & jnp.all(jnp.isfinite(start))
        carry0 = (start, loss0, jnp.where(ok0, -1, 0), jnp.where(ok0 & (loss0 <= target), 0, -1))
        (final, _), _ = jax.lax.scan(ruled, (carry0, tx.init(start)), ts)
        return final

    return jax.vmap(one)(lrs)
