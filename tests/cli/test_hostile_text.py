"""Untrusted participant text goes through vote, note and report and comes back literally:
as typed, less control characters, never interpreted as markup."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_session_commands import env, new, refused, report, ws  # noqa: F401 - env is a fixture
from tests.support import polls_plan
from workshop import sessions
from workshop.engine.text import clean

HOSTILE = [
    "[@click=app.quit]Ana[/]",
    "[bold red]x[/] [link=https://evil.example]y[/link]",
    "red \x1b[31mALERT\x1b[0m and a title \x1b]0;pwned\x07",
    "C1 \x9b2J control",
    "right-to-left \u202eevil\u202c and שלום and مرحبا",
    "combining e\u0301 and a\u0308",
    "emoji 👩🏽‍💻 and 🏳️‍🌈",
    "tab\there\nand a new line",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_notes_and_names_come_back_literally(env: dict[str, Path], text: str) -> None:  # noqa: F811
    path = new(env)
    ws(env, "control", "s", "start")
    name = text.split("\n")[0][:40]
    result = ws(env, "note", "s", "--name", name, text)
    assert result.exit_code == 0, result.stderr
    data = report(env)
    note = data["notes"][0]
    assert note["text"] == clean(text).strip()
    assert note["author"] == " ".join(clean(name).split())
    assert data["participants"][0]["name"] == note["author"]
    raw = path.read_bytes()
    assert b"\x1b" not in raw and "\x9b".encode() not in raw
    tomllib.loads(raw.decode("utf-8"))
    md = ws(env, "report", "s").stdout
    assert "\x1b" not in md
    if "[" in text:
        assert "\\[" in md  # brackets escaped: a markdown viewer shows them, never a link


def test_ballots_keep_hostile_names_and_answers_literally(env: dict[str, Path]) -> None:  # noqa: F811
    new(env)
    ws(env, "control", "s", "start")
    ws(env, "control", "s", "goto", "word")
    answer = "[@click=app.quit]more time[/]"
    assert ws(env, "vote", "s", "--name", "[b]Bo[/b]", answer).exit_code == 0
    data = report(env)
    word = next(p for p in data["polls"] if p["id"] == "polls/word")
    assert word["results"]["rows"][0]["label"] == answer
    assert data["participants"][0]["name"] == "[b]Bo[/b]"


def test_limits(env: dict[str, Path]) -> None:  # noqa: F811
    path = new(env)
    ws(env, "control", "s", "start")
    assert ws(env, "note", "s", "x" * 2000).exit_code == 0
    refused(env, path, "note", "s", "x" * 2001, says="at most 2000 characters")
    refused(env, path, "note", "s", " \n\t ", says="cannot be empty")
    refused(env, path, "note", "s", "--name", "n" * 41, "hello", says="at most 40 characters")
    refused(env, path, "note", "s", "--name", "\x1b\x07", "hello", says="cannot be empty")
    assert len(json.loads(ws(env, "report", "s", "--format", "json").stdout)["notes"][0]["text"]) == 2000


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(max_size=60))
def test_any_note_is_refused_or_stored_exactly_cleaned(tmp_path: Path, note: str) -> None:
    folder = tmp_path / f"s{abs(hash(note))}"
    path = sessions.create(polls_plan(), folder, "p")
    live = sessions.Session.open(path)
    live.control("start")
    try:
        live.note("Ana", note)
    except sessions.SessionError:
        assert not clean(note).strip()
        return
    stored = sessions.Session.open(path).state().notes[0].text
    assert stored == clean(note).strip()
