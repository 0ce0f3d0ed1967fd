"""A path longer than the file system allows (a paste gone wrong, a name of 300 letters) is the
user's mistake like any other: one line, exit 2, never a traceback, whichever command reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop
from workshop.cli import app

TOO_LONG = "x" * 300  # one name of a path: most file systems stop at 255 bytes


@pytest.mark.parametrize(
    "args",
    [
        ("report", "{far}.toml"),
        ("report", "s", "--sessions-dir", "{far}"),
        ("validate", "{far}"),
        ("validate", "{far}/a.toml"),
        ("compare", "{far}.toml", "s"),
        ("followup", "{far}.toml"),
        ("repair", "{far}.toml"),
        ("modules", "-p", "{far}"),
        ("new", "-p", "{far}"),
    ],
    ids=lambda args: "-".join(a.strip("-") for a in args if "{" not in a),
)
def test_a_path_too_long_for_the_file_system_is_one_line(
    ws: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    ws.new()
    monkeypatch.setenv("WORKSHOP_SESSIONS", str(ws.sessions))
    far = str(tmp_path / TOO_LONG)
    result = CliRunner().invoke(app, [a.format(far=far) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    said = (result.stderr or result.stdout).splitlines()
    assert result.exit_code == 2 and len(said) == 1, (result.stdout, result.stderr)
    assert "the name is too long" in said[0] and said[0].count("x") < 100, said


@pytest.mark.parametrize(
    "args",
    [
        ("control", "s", "goto", "{long}"),
        ("control", "s", "{long}"),
        ("control", "s", "close", "{long}"),
        ("control", "s", "extend", "{long}"),
        ("report", "{long}"),
        ("report", "s", "--format", "{long}"),
        ("new", "{long}"),
        ("react", "s", "{long}", "--name", "Ana"),
    ],
    ids=lambda args: "-".join(a for a in args if "{" not in a),
)
def test_a_value_pasted_by_mistake_is_quoted_short(ws: Workshop, args: tuple[str, ...]) -> None:
    ws.started_at()
    line = ws.refused(*(a.format(long="y" * 500 + "\x1b[2J") for a in args))
    assert "y" * 40 in line and "y" * 41 not in line and "\x1b" not in line, line
