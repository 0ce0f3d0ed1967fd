"""A hostile review of issue 23 (nothing written into the file can command, crash or escape):
each test is what someone who can write the session file did, by hand, with bytes, and what
they should not have got. Written to fail on the code as reviewed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.journal import hand
from tests.journal.recorded import Ticking, record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return record(tmp_path)  # started, standing on "order", a pause and resume behind it


def _cli(*args: str) -> tuple[int, str]:
    """Exit status and everything printed; a traceback (any exception but an exit) fails the test."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def _raw_block(lines: bytes) -> bytes:
    body = b"[[events]]\n" + lines
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


def _ended_with_a_closed_poll(path: Path) -> None:
    live = sessions.Session.open(path, Ticking())
    live.goto("pick")
    live.poll_action("close")
    live.goto("order")
    live.end()


# ---------------------------------------------------------------------- the chain switched off


def test_removing_the_format_line_does_not_switch_the_chain_off(session: Path) -> None:
    """`Authority.chained` is read from the header's `format`, which nothing signs: a group member
    who deletes that one line (and then Ana's ballot and the facilitator's signed `close`) leaves a
    file that `validate` calls ok, on the facilitator's own account too. The same deletion with
    the line left in is reported (test_hostile_file.py)."""
    _ended_with_a_closed_poll(session)
    header, blocks = hand.split(session)
    assert b"format = 1\n" in header
    ballot = next(i for i, b in enumerate(blocks) if hand.kind(b) == "ballot")
    close = next(i for i, b in enumerate(blocks) if hand.kind(b) == "close")
    hand.rewrite(
        session, header.replace(b"format = 1\n", b""), [b for i, b in enumerate(blocks) if i not in (ballot, close)]
    )
    status, said = _cli("validate", str(session))
    assert status == 2, said


def test_renaming_the_session_in_its_header_does_not_hide_a_file_cut_short(session: Path) -> None:
    """The facilitator's record of the last event it signed (sessions/signed.py) was found by a
    hash of the header's `id` and key, and nothing signed the `id`: cut the `close` and `end` off
    the end, change `id = "rec"` to `"rec-1"`, and the facilitator's account found no record,
    so the file cut short opened running, and `validate` said ok. Now the record is found by the
    key, and holds the header's digest: the rewritten header is refused outright."""
    live = sessions.Session.open(session, Ticking())
    live.poll_action("close")
    live.end()
    header, blocks = hand.split(session)
    hand.rewrite(session, header.replace(b'\nid = "rec"\n', b'\nid = "rec-1"\n', 1), blocks[:-2])
    status, said = _cli("validate", str(session))
    assert status == 2 and ("cut short" in said or "not the one this account created" in said), said


# ---------------------------------------------------------------------- the header is nobody's


def test_a_rewritten_agenda_is_noticed_where_the_secret_is(session: Path) -> None:
    """Nothing signs the header: a group member rewrites the frozen agenda (the question the room
    votes on, when results are shown) and every account, the facilitator's included, runs it."""
    header, blocks = hand.split(session)
    forged = header.replace(b'question = "Which first?"', b'question = "Which team should we cut first?"', 1)
    forged = forged.replace(b'reveal = "manual"', b'reveal = "live"', 1)
    assert forged != header
    hand.rewrite(session, forged, blocks)
    status, said = _cli("validate", str(session))
    assert status == 2, said


# ---------------------------------------------------------------------- unsigned events rewritten


def test_a_ballot_rewritten_in_place_before_the_signed_close_is_noticed(session: Path) -> None:
    """The chain counts events (`seen`) but does not cover them: Ana's ballot, cast before the
    signed close, reveal and end, is changed in place (same block count, checksum refitted).
    The result changes and `validate` says ok, on the facilitator's account."""
    live = sessions.Session.open(session, Ticking())
    live.goto("pick")
    live.poll_action("close")
    live.poll_action("reveal")
    live.end()
    header, blocks = hand.split(session)
    ana = next(i for i, b in enumerate(blocks) if hand.kind(b) == "ballot" and b'"Coaching"' in b)
    blocks[ana] = hand.reseal(blocks[ana], (b'["Coaching"]', b'["Quality"]'))
    hand.rewrite(session, header, blocks)
    assert [b.value for b in sessions.Session.open(session).state().polls["polls/pick"].ballots if b.name == "Ana"] == [
        ("Quality",)
    ]
    status, said = _cli("validate", str(session))
    assert status == 2, said


# ---------------------------------------------------------------------- the header's numbers


def test_a_header_whose_step_runs_for_ever_is_one_line_not_a_crash(tmp_path: Path) -> None:
    """A step's `minutes` has no upper bound (content/schema.py checks `low=1` only): a header
    whose intro runs 10**12 minutes (the module's total made to match) passes `validate`, and
    every report after the start dies computing the planned end (year 1903351)."""
    path = sessions.create(polls_plan(), tmp_path, "s", "Sam", code="TEST42")
    sessions.Session.open(path).start()
    data = path.read_bytes()
    big = 10**12
    data = data.replace(b'kind = "talk"\nminutes = 2', b'kind = "talk"\nminutes = %d' % big, 1)
    data = data.replace(b'vote kind."\nminutes = 14', b'vote kind."\nminutes = %d' % (big + 12), 1)
    path.write_bytes(data)
    status, said = _cli("validate", str(path))
    if status == 0:  # let through: then it must run
        for fmt in ("md", "json", "html"):
            assert _cli("report", str(path), "--format", fmt)[0] == 0
