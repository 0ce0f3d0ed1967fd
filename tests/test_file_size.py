"""Every module of the package reads in one sitting: at most 300 lines, as `ruff format` writes
them (a file that grows past it is split by meaning, as docs/architecture.md's Layout lists)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workshop"
MOST = 300


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text("utf-8").splitlines())) > MOST
    }
    assert long == {}
