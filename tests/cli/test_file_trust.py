"""Issue 10's reproductions, as a user meets them through the commands: one stray byte never
costs an intact event, damage is named where it is, nothing planted at a session's names is
written through or hangs a command, and a failed command leaves nothing behind."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.cli.conftest import MODULE_ID, Workshop, qid, snapshot
from workshop import sessions
from workshop.cli import app


def validate(path: Path) -> Result:
    return CliRunner().invoke(app, ["validate", str(path)])


def notes(ws: Workshop) -> list[str]:
    return [n["text"] for n in ws.report()["notes"]]


def ballots_on(ws: Workshop, step: str) -> int:
    return ws.poll(step)["ballots"]


def recorded(ws: Workshop) -> Path:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "1")
    ws.ok("note", "s", "--name", "Bo", "keep me")
    return ws.file()


def test_a_space_on_the_blank_line_before_the_last_block_loses_nothing(ws: Workshop) -> None:
    path = recorded(ws)
    data = path.read_bytes()
    blank = data.rindex(b"\n\n[[events]]") + 1
    damaged = data[:blank] + b" " + data[blank:]  # still valid TOML, every checksum still good
    path.write_bytes(damaged)
    result = ws.ok("report", "s", "--format", "json")
    assert "keep me" in [n["text"] for n in json.loads(result.stdout)["notes"]]
    assert result.stderr == ""  # white space between blocks is no damage
    ws.ok("vote", "s", "--name", "Cy", "2")
    assert path.read_bytes().startswith(damaged)  # the intact block is still on disk
    assert "keep me" in notes(ws)
    assert ballots_on(ws, "pick") == 2


def test_a_byte_after_a_checksum_costs_no_event_and_not_the_header(ws: Workshop) -> None:
    path = recorded(ws)
    data = path.read_bytes()
    quote = data.index(b'crc = "') + len(b'crc = "00000000"')
    path.write_bytes(data[:quote] + b"X" + data[quote:])
    events = len(sessions.Session.open(path).fold.notes) + 0
    for argv in (["report", "s"], ["control", "s", "pause"], ["vote", "s", "--name", "Cy", "2"]):
        result = ws.ok(*argv)
        assert "header" not in result.stderr and "stray bytes" in result.stderr
    assert events == 1 and "keep me" in notes(ws) and ballots_on(ws, "pick") == 2
    assert sessions.Recording(path).replay.events  # replay reads it too
    problems = validate(path)
    assert problems.exit_code == 2
    line, column = data[:quote].count(b"\n") + 1, len(b'crc = "00000000"') + 1
    assert f"{path}:{line}:{column}: stray bytes" in problems.stdout


def test_a_hand_edit_is_called_damage_not_a_killed_writer(ws: Workshop) -> None:
    path = recorded(ws)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"keep me", b"kept me"))
    result = ws.ok("report", "s", "--format", "json")
    assert "damaged event block" in result.stderr and "mid-write" not in result.stderr
    problems = validate(path)
    assert problems.exit_code == 2 and "damaged event block" in problems.stdout


def test_a_file_with_windows_line_ends_is_read_and_said_so(ws: Workshop) -> None:
    path = recorded(ws)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = ws.ok("report", "s", "--format", "json")
    assert "CRLF" in result.stderr and "not a workshop session" not in result.stderr
    assert "keep me" in [n["text"] for n in json.loads(result.stdout)["notes"]]
    ws.ok("vote", "s", "--name", "Cy", "2")
    assert ballots_on(ws, "pick") == 2 and "keep me" in notes(ws)


def test_repair_writes_a_copy_with_every_intact_event_and_leaves_the_file_alone(ws: Workshop) -> None:
    path = recorded(ws)
    damaged = path.read_bytes().replace(b"keep me", b"kept me")
    path.write_bytes(damaged)
    result = ws.ok("repair", "s")
    assert path.read_bytes() == damaged
    copy = ws.file("s-repaired")
    assert str(copy) in result.stdout and "1 damaged piece(s) left out" in result.stdout
    assert "left out:" in result.stderr and f"{path}:" in result.stderr
    clean = validate(copy)
    assert clean.exit_code == 0, clean.stdout
    assert sessions.Session.open(copy).state().polls[qid("pick")].ballots  # Ana's ballot kept


def test_a_refused_vote_writes_nothing_not_even_the_join(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.refused("vote", "s", "--name", "Newcomer", "Nonsense", says="ballot refused")
    assert ws.report()["participants"] == []


def test_a_session_name_ending_in_toml_names_the_file_once(ws: Workshop) -> None:
    ws.ok("new", MODULE_ID, "--name", "x.toml", "--path", str(ws.content))
    assert ws.file("x").is_file() and not ws.file("x.toml").exists()


def test_a_full_disk_leaves_nothing_behind(ws: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.journal import files

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    ws.sessions.mkdir()
    monkeypatch.setattr(files, "write_all", full)
    ws.refused("new", MODULE_ID, "--name", "s", "--path", str(ws.content), says="the disk is full")
    assert os.listdir(ws.sessions) == []


def _plant(target: Path, kind: str, elsewhere: Path) -> None:
    if kind == "link":
        target.symlink_to(elsewhere)
    elif kind == "dangling link":
        target.symlink_to(elsewhere.with_name("nothing-here"))
    elif kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)


def _workshop(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """In a process of its own, with a time limit: a command that would hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("kind", ["link", "dangling link", "folder", "fifo"])
@pytest.mark.parametrize("name", [".victim.secret", "victim.toml"])
@pytest.mark.e2e
def test_nothing_planted_at_a_new_sessions_names_is_written_through(
    ws: Workshop, tmp_path: Path, kind: str, name: str
) -> None:
    ws.sessions.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"precious")
    _plant(ws.sessions / name, kind, elsewhere)
    before = snapshot(ws.sessions)
    done = _workshop(
        "new",
        MODULE_ID,
        "--name",
        "victim",
        "--path",
        str(ws.content),
        "--sessions-dir",
        str(ws.sessions),
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and "already there" in done.stderr
    assert elsewhere.read_bytes() == b"precious"
    assert snapshot(ws.sessions) == before
    assert sorted(os.listdir(ws.sessions)) == [name]  # a failed `new` leaves nothing behind


@pytest.mark.e2e
def test_listing_live_sessions_passes_over_links_pipes_and_folders(ws: Workshop, tmp_path: Path) -> None:
    ws.sessions.mkdir()
    _plant(ws.sessions / "dangling.toml", "dangling link", tmp_path / "x")
    _plant(ws.sessions / "pipe.toml", "fifo", tmp_path / "x")
    _plant(ws.sessions / "folder.toml", "folder", tmp_path / "x")
    done = _workshop("join", "--sessions-dir", str(ws.sessions), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("error: no live session"), done.stderr
    ws.new("real")
    _plant(ws.sessions / "alias.toml", "link", ws.file("real"))
    listed = [s.path.name for s in sessions.live_sessions(ws.sessions)]
    assert listed == ["real.toml"]


@pytest.mark.e2e
def test_a_session_file_that_is_a_pipe_is_refused_not_waited_on(ws: Workshop, tmp_path: Path) -> None:
    ws.sessions.mkdir()
    os.mkfifo(ws.file("pipe"))
    done = _workshop("report", "pipe", "--sessions-dir", str(ws.sessions), cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
