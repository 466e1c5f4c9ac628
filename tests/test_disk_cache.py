"""The persistent compilation cache's folder: private (0700, the user's own), refused when others
can write to it (#18.2), skipped when it cannot be created (#18.9), and capped in size (#18.3).

``jax.config.update`` is replaced by a recorder: the test process must not start writing its
compiles into a temporary folder."""

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import jax
import pytest

from optimizers import cache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def settings(monkeypatch):
    """The JAX settings enable_disk_cache makes (recorded, not applied); a fresh warn-once memory."""
    made = {}
    monkeypatch.setattr(jax.config, "update", lambda name, value: made.__setitem__(name, value))
    monkeypatch.setattr(cache, "_warned", set())
    monkeypatch.delenv("GRADIENT_ATLAS_NO_DISK_CACHE", raising=False)
    return made


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_folder_is_created_private_under_the_users_cache(tmp_path, monkeypatch, settings):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache.enable_disk_cache()
    assert folder == tmp_path / "xdg" / "gradient-atlas" / "jax"
    for level in (folder, folder.parent, folder.parent.parent):
        assert level.is_dir() and _mode(level) == 0o700, level
    assert settings["jax_compilation_cache_dir"] == str(folder)
    assert settings["jax_compilation_cache_max_size"] == cache.MAX_BYTES


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777])
def test_folder_writable_by_others_is_refused_with_one_log_line(tmp_path, settings, caplog, mode):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    with caplog.at_level(logging.WARNING, logger="optimizers.cache"):
        assert cache.enable_disk_cache(folder) is None
        assert cache.enable_disk_cache(folder) is None  # every session asks; the log says it once
    assert "jax_compilation_cache_dir" not in settings
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "writable by other users" in lines[0]
    assert f"mode {stat.S_IMODE(folder.stat().st_mode):04o}" in lines[0]


def test_folder_of_another_user_is_refused(tmp_path, settings, monkeypatch, caplog):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(cache.os, "getuid", lambda: folder.stat().st_uid + 1)
    with caplog.at_level(logging.WARNING, logger="optimizers.cache"):
        assert cache.enable_disk_cache(folder) is None
    assert "belongs to another user" in caplog.text and "jax_compilation_cache_dir" not in settings


def test_private_folder_is_accepted(tmp_path, settings):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)  # readable by others is fine: nobody else can plant a program
    assert cache.enable_disk_cache(folder) == folder
    assert settings["jax_compilation_cache_dir"] == str(folder)


def test_a_file_in_place_of_the_folder_means_no_disk_cache(tmp_path, settings, caplog, monkeypatch):
    (tmp_path / "xdg").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    with caplog.at_level(logging.WARNING, logger="optimizers.cache"):
        assert cache.enable_disk_cache() is None
    assert "cannot create" in caplog.text and "jax_compilation_cache_dir" not in settings
    assert cache.enable_disk_cache(tmp_path / "xdg") is None  # the file itself is not a folder
    assert "is not a folder" in caplog.text


def test_no_permission_means_no_disk_cache(tmp_path, settings, caplog, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)  # root may write anywhere: simulate a read-only home
    with caplog.at_level(logging.WARNING, logger="optimizers.cache"):
        assert cache.enable_disk_cache(tmp_path / "a" / "b") is None
    assert "Permission denied" in caplog.text and "jax_compilation_cache_dir" not in settings


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_home_means_no_disk_cache(tmp_path, settings, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    try:
        assert cache.enable_disk_cache() is None
    finally:
        home.chmod(0o700)


def _entry(folder: Path, key: str, size: int, used: int | None) -> None:
    (folder / f"{key}-cache").write_bytes(b"x" * size)
    if used is not None:
        (folder / f"{key}-atime").write_bytes(used.to_bytes(8, "little"))


def test_prune_keeps_the_most_recently_used_entries_within_the_cap(tmp_path):
    for i in range(6):
        _entry(tmp_path, f"k{i}", 1000, used=100 + i)  # k0 oldest
    _entry(tmp_path, "legacy", 1000, used=None)  # written without eviction: mtime is now, so newest
    assert cache.prune(tmp_path, 3500) == 4
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["k4-atime", "k4-cache", "k5-atime", "k5-cache", "legacy-atime", "legacy-cache"]
    assert cache.prune(tmp_path, 3500) == 0


def test_enabling_prunes_the_folder_to_the_cap(tmp_path, settings):
    for i in range(5):
        _entry(tmp_path, f"k{i}", 1000, used=i)
    tmp_path.chmod(0o700)
    assert cache.enable_disk_cache(tmp_path, max_bytes=2000) == tmp_path
    assert sorted(p.name for p in tmp_path.glob("*-cache")) == ["k3-cache", "k4-cache"]
    assert settings["jax_compilation_cache_max_size"] == 2000


_CHILD = textwrap.dedent(
    """
    import landscapes, optimizers
    assert optimizers.enable_disk_cache() is None
    res = optimizers.simulate(landscapes.get("beale"), [("adam", {"lr": 0.01})], steps=20, record="final")
    print("OK", res.diverged_at[0])
    """
)


def test_the_library_runs_when_the_cache_folder_cannot_be_made(tmp_path):
    (tmp_path / "blocked").write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "JAX_PLATFORMS": "cpu",
        "XDG_CACHE_HOME": str(tmp_path / "blocked"),
    }
    env.pop("GRADIENT_ATLAS_NO_DISK_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "OK -1" in out.stdout
    assert out.stderr.count("JAX disk cache is off") == 1
