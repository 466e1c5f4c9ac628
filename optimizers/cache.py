"""JAX's persistent compilation cache, so a restarted app or benchmark starts warm.

The folder is the user's own: ``$XDG_CACHE_HOME/gradient-atlas/jax`` (``~/.cache/...`` by default),
created with mode 0700. A folder that another user owns, or that the group or others may write to,
is refused: whoever can write there can plant a compiled program that this process would load and
run (#18.2). A folder that cannot be created (a file in its place, a read-only home, no permission)
is not an error either (#18.9). In both cases the app runs without the disk cache, compiling in
memory as usual, and says why once in the log.

The folder is capped at :data:`MAX_BYTES`: JAX evicts the least recently used entries above it
(``jax_compilation_cache_max_size``; that needs the ``filelock`` package), and entries over the cap
are pruned, oldest first, whenever the cache is enabled (also when ``filelock`` is missing).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import jax

MAX_BYTES = 256 * 2**20  # ~8,000 programs of the 20-200 kB the app's compiles take on disk
_CACHE_SUFFIX, _ATIME_SUFFIX = "-cache", "-atime"  # JAX's names: <key>-cache, <key>-atime

log = logging.getLogger(__name__)
_warned: set[str] = set()


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/gradient-atlas/jax`` (``~/.cache/...`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gradient-atlas" / "jax"


def enable_disk_cache(path: str | os.PathLike | None = None, max_bytes: int = MAX_BYTES) -> Path | None:
    """Turn the persistent cache on (every compile is cached), capped at ``max_bytes``.

    Args:
        path: the folder; :func:`cache_dir` if None.
        max_bytes: the most the folder's entries may take on disk.

    Returns:
        The folder, or None when the cache stays off: ``GRADIENT_ATLAS_NO_DISK_CACHE`` is set (tests)
        and no path is given, or the folder cannot be created or is not safe to use (logged once).
    """
    if os.environ.get("GRADIENT_ATLAS_NO_DISK_CACHE") and path is None:
        return None
    folder = Path(path) if path is not None else cache_dir()
    problem = _make_private(folder) or _unsafe(folder)
    if problem is not None:
        _warn_once(f"JAX disk cache is off, compiling in memory only: {problem}")
        return None
    prune(folder, max_bytes)
    jax.config.update("jax_compilation_cache_dir", str(folder))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    if _have_filelock():  # JAX's own eviction needs it; without it, prune() at start is the cap
        jax.config.update("jax_compilation_cache_max_size", int(max_bytes))
    return folder


def _make_private(folder: Path) -> str | None:
    """Create ``folder`` and any missing parents with mode 0700; a description of what failed."""
    try:
        for level in reversed((folder, *folder.parents)):
            if not level.exists():
                level.mkdir(mode=0o700)
    except OSError as err:  # a file in the way, a read-only file system, no permission
        return f"cannot create {folder}: {err.strerror or err}"
    return None


def _unsafe(folder: Path) -> str | None:
    """Why ``folder`` must not hold compiled programs this process will run, or None if it may."""
    try:
        st = folder.stat()
    except OSError as err:
        return f"cannot read {folder}: {err.strerror or err}"
    if not stat.S_ISDIR(st.st_mode):
        return f"{folder} is not a folder"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"{folder} belongs to another user (uid {st.st_uid})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{folder} is writable by other users (mode {stat.S_IMODE(st.st_mode):04o}); chmod 700 it"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder} is not writable"
    return None


def prune(folder: Path, max_bytes: int) -> int:
    """Delete the least recently used entries until the folder's entries fit in ``max_bytes``.

    Entries written without JAX's eviction (older versions of the app) have no access-time file;
    each gets one from its modification time, so that JAX's eviction can rank it too.

    Returns:
        The number of entries deleted.
    """
    entries = []  # (last use in ns, size, key)
    for cache_file in folder.glob(f"*{_CACHE_SUFFIX}"):
        key = cache_file.name.removesuffix(_CACHE_SUFFIX)
        atime = folder / f"{key}{_ATIME_SUFFIX}"
        try:
            size = cache_file.stat().st_size
            if atime.exists():
                used = int.from_bytes(atime.read_bytes(), "little")
            else:
                used = cache_file.stat().st_mtime_ns
                atime.write_bytes(used.to_bytes(8, "little"))
        except OSError:
            continue  # another process is evicting it
        entries.append((used, size, key))
    total = sum(size for _, size, _ in entries)
    deleted = 0
    for _, size, key in sorted(entries):
        if total <= max_bytes:
            break
        for suffix in (_CACHE_SUFFIX, _ATIME_SUFFIX):
            (folder / f"{key}{suffix}").unlink(missing_ok=True)
        total -= size
        deleted += 1
    return deleted


def _have_filelock() -> bool:
    try:
        import filelock  # noqa: F401
    except ImportError:
        return False
    return True


def _warn_once(message: str) -> None:
    """Log ``message`` once per process (each session calls in; the log should say it once)."""
    if message not in _warned:
        _warned.add(message)
        log.warning(message)
