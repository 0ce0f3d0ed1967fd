"""The code stays clean: ruff and mypy, as pyproject.toml configures them, find nothing.

Both run as the versions the `test` extra pins, so a new release's new rules do not fail this
on their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    # from the root: both read pyproject.toml there, and mypy finds this checkout's `workshop` first
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", ".", timeout=120)
    assert done.returncode == 0, f"ruff check:\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing() -> None:
    # without a cache (a clean checkout) mypy takes a minute or so; with one, a few seconds
    done = _run("mypy", timeout=600)
    assert done.returncode == 0, f"mypy:\n{done.stdout}{done.stderr}"
