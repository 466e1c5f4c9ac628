"""Which devices the many-run studies compute on, and the mesh that splits their runs (#17).

A sweep, a phase or basin map, many starts of one rule and the network study's seeds are
independent runs: the runner splits them over the chosen devices along one mesh axis, ``"runs"``
(``jax.sharding.Mesh`` + ``jax.shard_map``; see ``optimizers.runner.run_group_sharded``). Each
device runs the same program as one device does, on its share of the runs, so the results are those
of one device (bit for bit on CPU: tests/test_sharding.py).

The choice, strongest first:

* the ``devices=`` argument of ``optimizers.run_batch`` / ``simulate`` / the studies;
* the environment variable ``GRADIENT_ATLAS_DEVICES`` (read at every call);
* all devices of JAX's default backend (after ``jax.distributed.initialize``: of every process).

A choice is ``"all"``, a count ``N`` (the first N devices), a backend (``"cpu"``, ``"gpu"``,
``"tpu"``) or ``backend:N``, a comma-separated list of device ids (``"0,2"``), a ``jax.Device``, or a
sequence of devices or ids. One device is the plain single-device path, unchanged.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import jax
import numpy as np
from jax.sharding import Mesh

ENV = "GRADIENT_ATLAS_DEVICES"
AXIS = "runs"  # the mesh axis the runs are split along
BACKENDS = ("cpu", "gpu", "tpu", "cuda", "rocm")


def resolve(spec: Any = None) -> tuple[jax.Device, ...]:
    """The devices a call computes on.

    Args:
        spec: a choice as in the module docstring; None reads ``GRADIENT_ATLAS_DEVICES`` (all
            devices if it is unset or empty).

    Returns:
        The devices, in JAX's order, no device twice; at least one.

    Raises:
        ValueError: naming the bad choice, where it came from and what this machine has.
    """
    source = "devices"
    if spec is None:
        text = os.environ.get(ENV, "")
        hit = _FROM_ENV.get(text)
        if hit is not None:  # every call of every study comes here: keep it to a dict look-up
            return hit
        spec = text.strip() or "all"
        source = ENV
    try:
        chosen = _resolve(spec)
        if source == ENV:
            _FROM_ENV[text] = chosen
        return chosen
    except (ValueError, RuntimeError) as err:
        have = ", ".join(f"{d.id}:{d.platform}" for d in jax.devices())
        raise ValueError(f"{source} = {spec!r}: {err}; JAX sees {len(jax.devices())} ({have})") from None


_FROM_ENV: dict[str, tuple[jax.Device, ...]] = {}  # GRADIENT_ATLAS_DEVICES's value -> its devices


@functools.cache
def default_device() -> jax.Device:
    """JAX's default device (the first of its default backend): where the plain path computes."""
    return jax.devices()[0]


@functools.lru_cache(maxsize=32)
def _parse_str(text: str) -> tuple[jax.Device, ...]:
    text = text.strip().lower()
    if text == "all":
        return tuple(jax.devices())
    backend, _, count = text.partition(":")
    if backend in BACKENDS:
        devices = jax.devices(backend)  # RuntimeError if the backend is missing
        return _first(devices, count) if count else tuple(devices)
    if "," in text:
        return _by_ids([int(x) for x in text.split(",") if x.strip()])
    if text.isdigit():
        return _first(jax.devices(), text)
    raise ValueError('choose "all", a count, a backend ("cpu", "gpu", "cpu:2") or device ids ("0,2")')


def _resolve(spec: Any) -> tuple[jax.Device, ...]:
    if isinstance(spec, str):
        return _parse_str(spec)
    if isinstance(spec, jax.Device):
        return (spec,)
    if isinstance(spec, (bool, np.bool_)):
        raise ValueError("not a device choice")
    if isinstance(spec, (int, np.integer)):
        return _first(jax.devices(), str(int(spec)))
    if isinstance(spec, Sequence) and spec:
        if all(isinstance(d, jax.Device) for d in spec):
            if len(set(spec)) != len(spec):
                raise ValueError("a device is listed twice")
            return tuple(spec)
        if all(isinstance(d, (int, np.integer)) and not isinstance(d, bool) for d in spec):
            return _by_ids([int(d) for d in spec])
    raise ValueError("not a device choice")


def _first(devices: Sequence[jax.Device], count: str) -> tuple[jax.Device, ...]:
    n = int(count) if count.isdigit() else -1
    if not 1 <= n <= len(devices):
        raise ValueError(f"the count must be 1 to {len(devices)}")
    return tuple(devices[:n])


def _by_ids(ids: list[int]) -> tuple[jax.Device, ...]:
    by_id = {d.id: d for d in jax.devices()}
    missing = [i for i in ids if i not in by_id]
    if missing or not ids:
        raise ValueError(f"no device with id {missing[0] if missing else '(none given)'}")
    if len(set(ids)) != len(ids):
        raise ValueError("a device is listed twice")
    return tuple(by_id[i] for i in ids)


@functools.lru_cache(maxsize=32)
def mesh(devices: tuple[jax.Device, ...]) -> Mesh:
    """The one-axis mesh (axis :data:`AXIS`) over ``devices`` (cached: a mesh is a static argument
    of the compiled programs, and an equal one reuses them)."""
    return Mesh(np.asarray(devices, dtype=object), (AXIS,))


def describe(spec: Any = None) -> dict[str, Any]:
    """What the studies compute on, for the app's "About this server" panel and logs.

    Args:
        spec: a choice (None: the environment variable or all devices).

    Returns:
        dict with ``backend`` (JAX's default backend), ``used`` (descriptions of the chosen
        devices), ``available`` (how many devices JAX sees), ``processes`` (JAX processes: more
        than 1 after ``jax.distributed.initialize``), ``setting`` (the environment variable's
        value or ``"all"``) and ``error`` (the message when the setting is invalid, else None).
    """
    setting = (os.environ.get(ENV, "").strip() or "all") if spec is None else str(spec)
    error, used = None, ()
    try:
        used = resolve(spec)
    except ValueError as err:
        error = str(err)
    return {
        "backend": jax.default_backend(),
        "used": [f"{d.platform}:{d.id} ({d.device_kind})" for d in used],
        "available": len(jax.devices()),
        "processes": jax.process_count(),
        "setting": setting,
        "error": error,
    }


def place(args, shardings):
    """``args`` (a tree of host arrays, the same on every process) laid out as ``shardings`` (a tree
    of ``jax.sharding.Sharding``, one per leaf). With one process, one ``jax.device_put``; after
    ``jax.distributed.initialize``, each process builds the parts its own devices hold."""
    if jax.process_count() == 1:
        return jax.device_put(args, shardings)
    return jax.tree.map(_global, args, shardings)


def _global(x, sharding) -> jax.Array:
    """One global array of ``sharding`` from the host value ``x`` that every process holds."""
    host = np.asarray(x)
    host = host.astype(jax.dtypes.canonicalize_dtype(host.dtype), copy=False)  # as device_put does
    return jax.make_array_from_callback(host.shape, sharding, lambda idx: host[idx])


def to_host(out) -> np.ndarray:
    """A (possibly split) result as one NumPy array; after ``jax.distributed.initialize``, the
    whole array on every process (``process_allgather``)."""
    if getattr(out, "is_fully_addressable", True):
        return np.asarray(out)
    from jax.experimental import multihost_utils

    return np.asarray(multihost_utils.process_allgather(out, tiled=True))
