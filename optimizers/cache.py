"""JAX's persistent compilation cache, so a restarted app or benchmark starts warm."""

from __future__ import annotations

import os
from pathlib import Path

import jax


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/gradient-atlas/jax`` (``~/.cache/...`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gradient-atlas" / "jax"


def enable_disk_cache(path: str | os.PathLike | None = None) -> Path | None:
    """Turn the persistent cache on (every compile is cached). Returns the folder, or None when
    ``GRADIENT_ATLAS_NO_DISK_CACHE`` is set (tests)."""
    if os.environ.get("GRADIENT_ATLAS_NO_DISK_CACHE") and path is None:
        return None
    folder = Path(path) if path is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    jax.config.update("jax_compilation_cache_dir", str(folder))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return folder
