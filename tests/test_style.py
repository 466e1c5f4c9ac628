"""The code style is enforced: ``ruff format`` (the project's formatting) and ``ruff check`` (lint
rules in pyproject.toml) report nothing on the whole tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("args", [["format", "--check", "."], ["check", "."]], ids=["format", "check"])
def test_ruff_reports_nothing(args):
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"ruff {' '.join(args)}:\n{done.stdout}{done.stderr}"
