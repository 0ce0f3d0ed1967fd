"""A path typed with a line break in it (a paste that took the newline along, a name made by a
script) is said back in the one error line, as `\\n`, never as a second line that reads as a
message of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Workshop


@pytest.mark.parametrize(
    "command",
    [
        ("report", "s", "--output", "{tmp}/no\nsuch folder/report.md"),
        ("report", "{tmp}/gone\nthere.toml"),
        ("actions", "s", "--format", "csv", "--output", "{tmp}/a file\nnot a folder/actions.csv"),
    ],
    ids=["output", "session", "not-a-folder"],
)
def test_a_line_break_in_a_path_stays_in_the_one_error_line(
    ws: Workshop, tmp_path: Path, command: tuple[str, ...]
) -> None:
    ws.started_at()
    (tmp_path / "a file\nnot a folder").write_text("not a folder\n")
    said = ws.refused(*(part.format(tmp=tmp_path) for part in command))
    assert "\n" not in said.rstrip("\n") and "\\n" in said, said
