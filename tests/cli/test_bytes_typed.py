"""A byte that is not UTF-8, typed where a participant types (plain mode's standard input, a
`--rejoin` or `--code` argument): a wrong code, or text shown with a replacement character,
never a traceback or a transcript that stops listening. A terminal set to another encoding, a
paste from a Latin-1 file or a braille display's table can send such a byte by accident."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store


def _session(tmp_path: Path) -> Path:
    path = sessions.create(polls_plan(), tmp_path / "s", "bytes", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    return path


def _plain(path: Path, typed: bytes, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", "join", str(path), "--plain"],
        input=typed,
        capture_output=True,
        env=env,
        timeout=60,
    )


@pytest.mark.e2e
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:strict"], ids=["utf8-mode", "strict-locale"])
def test_a_join_code_with_a_byte_that_is_not_utf8_is_a_wrong_code(tmp_path: Path, encoding: str) -> None:
    path = _session(tmp_path)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": encoding}
    done = _plain(path, b"TEST\xff42\nAna\nquit\n", env)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 1, done.stderr
    assert b"not this session's join code" in done.stdout, done.stdout
    assert [e["type"] for e in store.load(path).events if e["type"] == "wrong-code"] == ["wrong-code"]


@pytest.mark.e2e
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:strict"], ids=["utf8-mode", "strict-locale"])
def test_a_note_with_a_byte_that_is_not_utf8_is_kept_and_the_transcript_goes_on(tmp_path: Path, encoding: str) -> None:
    """In a strict locale the reading thread died on the byte with a traceback, and the
    transcript waited for good for lines it could no longer read."""
    path = _session(tmp_path)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": encoding}
    done = _plain(path, b"TEST42\nAna\nnote caf\xe9 au lait\nnote second\nquit\n", env)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"Your note is recorded.") == 2, done.stdout
    notes = [e["text"] for e in store.load(path).events if e["type"] == "note"]
    assert notes == ["caf\ufffd au lait", "second"]


@pytest.mark.e2e
def test_a_rejoin_code_with_a_byte_that_is_not_utf8_is_a_wrong_code(tmp_path: Path) -> None:
    path = _session(tmp_path)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "WORKSHOP_SHARED": "1"}
    sessions.Session.open(path).goto("pick")
    first = subprocess.run(
        [sys.executable, "-m", "workshop", "vote", str(path), "--name", "Ana", "1"], capture_output=True, env=env
    )
    assert first.returncode == 0, first.stderr
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "vote", str(path), "--name", "Ana", "--rejoin", b"AB\xffCDE", "2"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 2 and done.stderr.count(b"\n") == 1, done.stderr
    assert "not the rejoin code of “Ana”".encode() in done.stderr, done.stderr
    assert [e["type"] for e in store.load(path).events if e["type"] == "wrong-rejoin"] == ["wrong-rejoin"]
