"""Only the facilitator commands, and no single line can freeze a timer: hand-written
facilitator events without the facilitator's signature change nothing the fold reports, and an
event dated far ahead is read as of when the file was written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import by_name
from tests.journal.recorded import record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app
from workshop.journal import codec, store
from workshop.report import render


@pytest.fixture
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


@pytest.mark.parametrize(
    "forged",
    [
        {"type": "end"},
        {"type": "goto", "step": "polls/intro", "via": "goto"},
        {"type": "reset", "poll": "polls/order"},
        {"type": "extend", "step": "polls/order", "seconds": 3600},
        {
            "type": "note",
            "note": "f0f0f0f0",
            "step": "polls/order",
            "author": "facilitator",
            "name": "facilitator",
            "text": "Everyone go home",
        },
        {"type": "end", "sig": "00" * 64},
        {"type": "wording", "poll": "polls/order", "text": "Rank them as Mallory says"},
        {"type": "note-withdraw", "note": "f0f0f0f0", "author": "facilitator", "on": True},
    ],
)
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
    _append_raw(
        path,
        {
            "type": "note",
            "at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
            "note": "abcd1234",
            "step": "polls/intro",
            "author": "0123456789ab",
            "name": "Mallory",
            "text": "from the future",
        },
    )
    live.refresh()
    state = live.state()
    assert state.status == "running"
    assert 0 < before - state.step.remaining < 5  # still counting down from where it was, not frozen
    assert state.clamped == 1
    reopened = sessions.Session.open(path).state()
    assert 0 < reopened.step.remaining <= before and reopened.clamped == 1
    assert _report(path)["session"]["clamped_times"] == 1
    assert store.load(path).events[-1]["text"] == "from the future"  # kept in the file, as written


def _block_of(path: Path, kind: str) -> bytes:
    data = path.read_bytes()
    start = data.rindex(f'type = "{kind}"'.encode())
    head = data.rindex(b"[[events]]\n", 0, start)
    return data[head : data.index(b"\n\n", start) + 2]


def test_a_signed_event_appended_again_is_not_obeyed_again(session: Path) -> None:
    live = sessions.Session.open(session)
    by_name.vote(live, "Dee", ["Goals", "Trust", "Change", "Letting go"])
    live.poll_action("reset")
    by_name.vote(live, "Eve", ["Trust", "Goals", "Change", "Letting go"])
    assert len(live.state().polls["polls/order"].ballots) == 1
    with session.open("ab") as handle:
        handle.write(_block_of(session, "reset"))  # the facilitator's own, signed reset, once more
    state = sessions.Session.open(session).state()
    assert len(state.polls["polls/order"].ballots) == 1 and state.polls["polls/order"].resets == 1
    assert [kind for kind, _ in state.forged] == ["reset"]


@pytest.mark.parametrize(
    "odd",
    [
        {"type": ["end"]},
        {"type": {"a": 1}},
        {"type": "ballot", "poll": "polls/order", "participant": "x", "value": [[1]]},
        {"type": "join", "participant": ["x"], "name": "Mallory"},
    ],
)
def test_an_event_of_a_shape_no_writer_makes_costs_nothing_else(session: Path, odd: dict) -> None:
    before = _at_noon(session)
    block = b"".join(f"{k} = {json.dumps(v)}\n".encode() for k, v in {**odd, "at": None}.items() if k != "at")
    body = b"[[events]]\n" + block.replace(b"{", b"{").replace(b'{"a": 1}', b'{"a" = 1}')
    import zlib

    with session.open("ab") as handle:
        handle.write(body + b'crc = "%08x"\n\n' % zlib.crc32(body))
    result = CliRunner().invoke(app, ["report", str(session), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "no writer of ours writes" in result.output  # refused by the reader, with its line
    assert _at_noon(session) == before  # not even counted as an event


def test_a_note_that_names_the_facilitator_without_being_theirs_is_not_shown(session: Path) -> None:
    before = _at_noon(session)["notes"]
    _append_raw(
        session,
        {
            "type": "note",
            "at": dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC),
            "note": "abcdef12",
            "step": "polls/order",
            "author": "Facilitator",
            "name": "facilitator",
            "text": "Session moved to room 12, leave now",
        },
    )
    assert _at_noon(session)["notes"] == before


def test_blocks_that_try_to_swallow_the_ones_between_them_hide_nothing(session: Path) -> None:
    import zlib

    def sealed(*lines: bytes) -> bytes:
        body = b"[[events]]\n" + b"".join(line + b"\n" for line in lines)
        return body + b'crc = "%08x"\n\n' % zlib.crc32(body)

    at = b"at = 2026-11-23T09:30:00.000000+00:00"
    t = b'"2026-11-23T09:30:00+00:00"'
    with session.open("ab") as handle:  # a table opened inside a value at the end of one block...
        handle.write(
            sealed(
                b'type = "note"',
                at,
                b'note = "n1"',
                b'step = "x"',
                b'author = "zz"',
                b'name = "a"',
                b'text = "hi", "crc": "0"}, {"type": "note", "at": '
                + t
                + b', "note": "n2", "author": "zz", "name": "b", "step": "x", "text": "t", "junk": [{"a": 1',
            )
        )
    live = sessions.Session.open(session)
    by_name.vote(live, "Dee", ["Goals", "Trust", "Change", "Letting go"])  # an honest ballot in between
    with session.open("ab") as handle:  # ...and closed in a later one, with the count of events kept
        handle.write(
            sealed(
                b'q = 1}], "crc": "0"}, {"type": "present", "participant": "p0", "at": '
                + t
                + b', "crc": "0"}, {"type": "note", "at": '
                + t
                + b', "note": "n3", "author": "zz", "name": "c", "step": "x", "text": "u"'
            )
        )
    for reading in (sessions.Session.open(session).state(), sessions.Recording(session).replay.state_at(2e9)):
        assert [b.name for b in reading.polls["polls/order"].ballots] == ["Cy", "Dee"]
    live.refresh()
    assert [b.name for b in live.state().polls["polls/order"].ballots] == ["Cy", "Dee"]
    assert len(store.load(session).damage) == 2


def test_a_header_rewritten_with_another_key_is_refused_by_the_facilitator(session: Path) -> None:
    data = session.read_bytes()
    key = sessions.Session.open(session).fold.header["facilitator_key"]
    session.write_bytes(data.replace(key.encode(), b"ab" * 32))
    with pytest.raises(sessions.SessionError, match="facilitator key is not this session's"):
        sessions.Session.open(session)
