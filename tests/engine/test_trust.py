"""Only the facilitator commands, and no single line can freeze a timer: hand-written
facilitator events without the facilitator's signature change nothing the fold reports, and an
event dated far ahead is read as of when the file was written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.journal.recorded import record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app
from workshop.journal import codec, store
from workshop.report import render


@pytest.fixture()
def session(tmp_path: Path) -> Path:
    return record(tmp_path)  # started, standing on "order", with ballots and notes


def _append_raw(path: Path, event: dict) -> None:
    """A well-formed, sealed block written by hand, as anyone who can write the file could."""
    with path.open("ab") as handle:
        handle.write(codec.encode(event))


def _report(path: Path) -> dict:
    result = CliRunner().invoke(app, ["report", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _at_noon(path: Path) -> dict:
    """The JSON report at one fixed instant, so two readings compare exactly."""
    noon = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    return render.as_dict(sessions.Session.open(path, lambda: noon).state())


@pytest.mark.parametrize("forged", [
    {"type": "end"},
    {"type": "goto", "step": "polls/intro", "via": "goto"},
    {"type": "reset", "poll": "polls/order"},
    {"type": "extend", "step": "polls/order", "seconds": 3600},
    {"type": "note", "note": "f0f0f0f0", "step": "polls/order", "author": "facilitator", "name": "facilitator",
     "text": "Everyone go home"},
    {"type": "end", "sig": "00" * 64},
])
def test_a_hand_written_facilitator_event_changes_nothing(session: Path, forged: dict) -> None:
    before = _at_noon(session)
    _append_raw(session, {**forged, "at": dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)})
    after = _at_noon(session)
    listed = after["session"].pop("not_from_facilitator")
    assert listed == [{"type": forged["type"], "at": listed[0]["at"]}]
    after["session"]["events"] -= 1
    assert after == before  # status, steps, polls, notes, participants: all as they were


def test_the_facilitator_s_own_events_count(session: Path) -> None:
    live = sessions.Session.open(session)
    live.end()
    assert _report(session)["session"]["status"] == "ended"
    assert "not_from_facilitator" not in _report(session)["session"]


def test_without_the_secret_nobody_can_sign(session: Path) -> None:
    sessions.files.secret_path(session).rename(session.with_name("elsewhere"))
    result = CliRunner().invoke(app, ["control", str(session), "end"])
    assert result.exit_code == 2 and "only the facilitator" in result.stderr
    assert _report(session)["session"]["status"] == "running"


def test_a_note_dated_2099_does_not_freeze_the_timer(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path, "now", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    before = live.state().step.remaining
    _append_raw(path, {"type": "note", "at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC), "note": "abcd1234",
                       "step": "polls/intro", "author": "x", "name": "Mallory", "text": "from the future"})
    live.refresh()
    state = live.state()
    assert state.status == "running"
    assert 0 < before - state.step.remaining < 5  # still counting down from where it was, not frozen
    assert state.clamped == 1
    reopened = sessions.Session.open(path).state()
    assert 0 < reopened.step.remaining <= before and reopened.clamped == 1
    assert _report(path)["session"]["clamped_times"] == 1
    assert store.load(path).events[-1]["text"] == "from the future"  # kept in the file, as written
