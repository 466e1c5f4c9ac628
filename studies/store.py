"""Precomputed results: what a slow study returns, stored compactly so a class never waits for it.

A result (NamedTuples, dicts, tuples and lists of NumPy arrays, numbers, strings, None) is saved as
one compressed ``.npz``: its arrays, plus a JSON description of the tree around them. Loading
rebuilds the tree; NamedTuple types are looked up by name, and only in this project's own packages.
No pickle: a stored file can hold data only, never code.

Files live in ``presets/precomputed/``, named after the computation (``module:function`` and the
``repr`` of its arguments, hashed), so a page finds the stored result of exactly the computation it
would start. ``scripts/precompute.py`` writes them from the same code the app runs;
``tests/test_precomputed.py`` checks that every slow preset has its file, that no file is stale,
and recomputes one to compare.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import json
from pathlib import Path
from typing import Any

import numpy as np

FOLDER = Path(__file__).resolve().parents[1] / "presets" / "precomputed"
TRUSTED_PACKAGES = ("studies", "landscapes", "optimizers")  # NamedTuple types may come only from these


def key_of(func: str, args: tuple) -> str:
    """The file stem of the computation ``func(*args)``: its function name and a hash of the call."""
    digest = hashlib.sha256(repr((func, tuple(args))).encode()).hexdigest()[:16]
    return f"{func.rsplit(':', 1)[-1]}-{digest}"


def path_of(func: str, args: tuple, folder: Path = FOLDER) -> Path:
    """Where the result of ``func(*args)`` is stored."""
    return folder / f"{key_of(func, args)}.npz"


def _encode(obj: Any, arrays: dict[str, np.ndarray]) -> Any:
    if isinstance(obj, np.ndarray):
        name = f"a{len(arrays)}"
        arrays[name] = obj
        return {"array": name}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        cls = type(obj)
        return {
            "namedtuple": f"{cls.__module__}:{cls.__qualname__}",
            "fields": {f: _encode(getattr(obj, f), arrays) for f in obj._fields},
        }
    if isinstance(obj, (tuple, list)):
        return {"tuple" if isinstance(obj, tuple) else "list": [_encode(x, arrays) for x in obj]}
    if isinstance(obj, dict):
        if not all(isinstance(k, str) for k in obj):
            raise TypeError("only dicts with string keys can be stored")
        return {"dict": {k: _encode(v, arrays) for k, v in obj.items()}}
    if isinstance(obj, np.generic):
        return {"scalar": obj.item(), "dtype": obj.dtype.str}
    if obj is None or isinstance(obj, (bool, int, float, str)):
        if isinstance(obj, float) and not np.isfinite(obj):
            return {"float": repr(obj)}
        return {"value": obj}
    raise TypeError(f"cannot store a {type(obj).__name__}")


def _namedtuple(name: str):
    module, _, qualname = name.partition(":")
    if module.split(".")[0] not in TRUSTED_PACKAGES:
        raise ValueError(f"stored type {name!r} is not from this project")
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
        raise ValueError(f"stored type {name!r} is not a NamedTuple")
    return cls


_KINDS = ("array", "namedtuple", "tuple", "list", "dict", "scalar", "float", "value")


def _decode(node: Any, arrays) -> Any:
    kind = next(k for k in _KINDS if k in node)
    if kind == "array":
        return arrays[node["array"]]
    if kind == "namedtuple":
        cls = _namedtuple(node["namedtuple"])
        return cls(**{f: _decode(v, arrays) for f, v in node["fields"].items()})
    if kind in ("tuple", "list"):
        items = [_decode(x, arrays) for x in node[kind]]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        return {k: _decode(v, arrays) for k, v in node["dict"].items()}
    if kind == "scalar":
        return np.dtype(node["dtype"]).type(node["scalar"])
    if kind == "float":
        return float(node["float"])
    return node["value"]


def save(path: Path, obj: Any) -> int:
    """Store ``obj`` at ``path`` (compressed); returns the file's size in bytes."""
    arrays: dict[str, np.ndarray] = {}
    tree = _encode(obj, arrays)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez_compressed(buf, __tree__=np.frombuffer(json.dumps(tree).encode(), np.uint8), **arrays)
    path.write_bytes(buf.getvalue())
    return path.stat().st_size


def load(path: Path) -> Any:
    """The object stored at ``path`` (no pickle is ever loaded)."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files if k != "__tree__"}
        tree = json.loads(z["__tree__"].tobytes().decode())
    return _decode(tree, arrays)


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Any:
    return load(Path(path))


def lookup(func: str, args: tuple, folder: Path = FOLDER) -> Any | None:
    """The stored result of ``func(*args)``, or None when there is none (loaded files are kept)."""
    p = path_of(func, args, folder)
    if not p.is_file():
        return None
    return _load_cached(str(p), p.stat().st_mtime)
