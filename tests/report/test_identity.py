"""Every report of two recorded sessions is byte for byte what the code made of them when they were
recorded (tests/report/identity_fixtures.py; issue #18: no speed-up may change a byte). The
session files are stored as written, so the journal's reader, the fold and the renderers are all
under test; only a deliberate change of a report's content may record them again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report.identity_fixtures import EXPECTED, FORMATS, MIXES, now_of, state_of
from workshop import report, sessions
from workshop.cli import app


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # no newline translation: every byte counts
        return handle.read()


def _expected(mix: str, fmt: str) -> str:
    return _read(EXPECTED / f"{mix}.{fmt}")


def _same(made: str, expected: str) -> None:
    """Equal, or a failure that says where they part (pytest's own diff of half a megabyte would
    take many minutes)."""
    if made != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(made, expected, strict=False)) if a != b), min(len(made), len(expected))
        )
        pytest.fail(
            f"differs at character {at} of {len(expected)}: made {made[at - 80 : at + 80]!r}, "
            f"recorded {expected[at - 80 : at + 80]!r}"
        )


@pytest.fixture(scope="module")
def states() -> dict:
    return {mix: state_of(EXPECTED / f"{mix}.toml") for mix in MIXES}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("mix", MIXES)
def test_reports_are_byte_identical_to_the_recorded_ones(states: dict, mix: str, fmt: str) -> None:
    _same(FORMATS[fmt](states[mix]), _expected(mix, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.slow
def test_the_command_writes_the_same_bytes(fmt: str, tmp_path: Path) -> None:
    """`workshop report` of the ended session (its report depends on no clock), to a file and to stdout."""
    out = tmp_path / f"notes.{fmt}"
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(EXPECTED / "notes.toml"), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    _same(_read(out), _expected("notes", fmt))
    if fmt == "json":
        shown = runner.invoke(app, ["report", str(EXPECTED / "notes.toml"), "--format", fmt])
        _same(shown.stdout, _expected("notes", fmt) + "\n")


@pytest.mark.slow
def test_replay_at_the_end_reports_the_same() -> None:
    path = EXPECTED / "notes.toml"
    replay = sessions.Recording(path).replay
    _same(report.as_json(replay.state_at(replay.end)), _expected("notes", "json"))
    first, last = replay.entries[0], replay.entries[-1]
    replay.state_at(first.at, first.count)
    _same(report.as_json(replay.state_at(now_of(path).timestamp())), _expected("notes", "json"))
    assert last.index is None  # the session ended
