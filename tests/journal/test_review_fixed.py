"""Fixed in review: a refused block's reason printed raw by `validate` and `repair`, a raw DEL
let through by the fast path only, and times at the calendar's edge (an event's, the header's)
that crashed every command. Each was written by hand, as someone who can write the
session file would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.journal import hand
from tests.journal.recorded import record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app

LATE = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return record(tmp_path)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def _raw_block(lines: bytes) -> bytes:
    body = b"[[events]]\n" + lines
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


# ---------------------------------------------------------------------- escapes through messages


def test_an_unknown_field_s_name_does_not_reach_the_terminal_through_validate(session: Path) -> None:
    """A refused block's reason quotes msgspec's message, which names an unknown field as it is
    (`Object contains unknown field `...``): a quoted TOML key holding ESC reaches the terminal
    raw from `validate` and `repair` (other commands clean their warnings)."""
    hand.append(
        session,
        _raw_block(
            b'type = "present"\nat = 2026-11-23T09:30:00.000000+00:00\n'
            b'participant = "521eb7aba65c"\n"\\u001b]0;owned\\u0007" = 1\n'
        ),
    )
    for command in (["validate", str(session)], ["repair", str(session)]):
        _, said = _cli(*command)
        assert "unknown field" in said
        assert not ESCAPES.search(said), (command[0], said)


def test_an_unknown_field_s_name_cannot_reorder_or_flood_a_warning(session: Path) -> None:
    """The name of an unknown field had only its controls removed: a right-to-left override
    (U+202E) or a zero-width space in it reached the terminal as it was, and a key of 200,000
    letters made a warning of 200,000 letters, on every command that opens the file."""
    key = "\u202eowned\u200b" + "k" * 200_000
    hand.append(
        session,
        _raw_block(
            b'type = "present"\nat = 2026-11-23T09:30:00.000000+00:00\n'
            b'participant = "521eb7aba65c"\n"' + key.encode() + b'" = 1\n'
        ),
    )
    for command in (["validate", str(session)], ["report", str(session)]):
        _, said = _cli(*command)
        line = next(line for line in said.splitlines() if "unknown field" in line)
        assert "\u202e" not in line and "\u200b" not in line and len(line) < 500, (command[0], line[:200])


def test_a_session_title_with_an_override_left_open_does_not_reach_the_terminal(session: Path) -> None:
    """A header's title (checked for controls only) holding a right-to-left override reached
    `sessions`, reports and `compare` as it was, reversing the rest of their line (the status,
    the times), on an account that has no record of the header to refuse it by."""
    sessions.files.secret_path(session).rename(session.with_name("kept-elsewhere"))  # as another account sees it
    data = session.read_bytes()
    session.write_bytes(data.replace(b'title = "Every kind of poll"', 'title = "Every \u202ekind"'.encode(), 1))
    for command in (["sessions", "--sessions-dir", str(session.parent)], ["report", str(session)]):
        _, said = _cli(*command)
        assert "\u202e" not in said, (command[0], said)


def test_a_file_name_with_an_override_does_not_reverse_the_warning_that_names_it(session: Path) -> None:
    """A file in the sessions folder that is no session is named in a warning of `sessions`: a
    name made by hand holding a right-to-left override reversed the rest of that line."""
    (session.parent / "b\u202ex.toml").write_bytes(session.read_bytes()[:300])
    _, said = _cli("sessions", "--sessions-dir", str(session.parent))
    assert "b\\u202ex.toml" in said and "\u202e" not in said, said


# ---------------------------------------------------------------------- the fast path


def _note_block(i: int, token: str, text: str) -> bytes:
    """A note block exactly as the encoder lays one out (so a large file takes the fast path),
    written by hand."""
    at = (LATE + dt.timedelta(microseconds=i)).isoformat(timespec="microseconds")
    fields = {"note": f"{i:08x}", "step": "polls/order", "author": token, "name": "Ana", "text": text}
    lines = "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
    return _raw_block(f'type = "note"\nat = {at}\n{lines}'.encode())


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_raw_del_is_refused_by_either_path(session: Path, size: str) -> None:
    """DEL (0x7f) is a control the reader refuses (text.UNCLEAN), and JSON lets it stand raw in a
    string. The slow path refuses it; the fast path (files over 256 KB) trusts `clean_bytes`,
    which looks for escapes and raw C1 only: the same block is kept in a large file."""
    ana = sessions.Session.open(session).state().participant_named("Ana").token
    filler = [_note_block(i, ana, "filler " * 30) for i in range(1, 1500 if size == "large" else 2)]
    hand.append(session, *filler, _note_block(9999, ana, "raw del: \x7f"))
    texts = [n.text for n in sessions.Session.open(session).state().notes]
    assert len(texts) > len(filler)
    assert not any("\x7f" in t for t in texts)


# ---------------------------------------------------------------------- times at the edges


@pytest.mark.parametrize("at", [b"0001-01-01T00:00:00+05:00", b"9999-12-31T23:59:59-05:00"])
def test_a_facilitator_event_dated_at_the_calendar_s_edge_crashes_nothing(session: Path, at: bytes) -> None:
    """Any `at` with a zone passes the reader; `trust.signed_part` then turns it to UTC, which
    overflows: OverflowError (not a ValueError) escapes the verifier and the fold, so one
    appended block stops `validate`, `report` and `control` with a traceback."""
    hand.append(
        session,
        _raw_block(
            b'type = "pause"\nat = ' + at + b'\nnonce = "00000000"\nprev = ""\nseen = 0\nsig = "' + b"ab" * 64 + b'"\n'
        ),
    )
    _cli("validate", str(session))
    status, said = _cli("report", str(session))
    assert status == 0, said
    _cli("control", str(session), "next")


@pytest.mark.parametrize("created", [b"0001-01-01 00:00:00+05:00", b"9999-12-31 23:59:59-05:00"])
def test_a_header_created_at_the_calendar_s_edge_is_one_line_not_a_crash(tmp_path: Path, created: bytes) -> None:
    """`check.header` takes any datetime for `created`; `control start` (and the room display's
    `starts_at`) turn it into local time and overflow."""
    path = sessions.create(polls_plan(), tmp_path, "s", "Sam", code="TEST42")
    path.write_bytes(re.sub(rb"\ncreated = [^\n]*", b"\ncreated = " + created, path.read_bytes(), count=1))
    _cli("validate", str(path))
    _cli("control", str(path), "start")


def test_a_session_written_before_bidi_controls_were_refused_still_opens(tmp_path: Path) -> None:
    """`validate` let a module's title or prompt leave a right-to-left embedding open until bidi
    controls were refused; a session `new` made of such a module then opened nowhere ("the
    [session] header is not one workshop wrote"). It opens, its text reordering nothing after it."""
    plan = polls_plan("\u202b\u05e2\u05dc \u05d4\u05e8\u05e6\u05e4\u05d4")
    module = plan.modules[0]
    step = dataclasses.replace(module.steps[0], prompt="\u202b\u05e9\u05d0\u05dc\u05d4\nWhat changed?")
    plan = dataclasses.replace(plan, modules=(dataclasses.replace(module, steps=(step, *module.steps[1:])),))
    path = sessions.create(plan, tmp_path, "older", "Sam", code="TEST42")
    for command in (["sessions", "--sessions-dir", str(tmp_path)], ["report", str(path)]):
        code, said = _cli(*command)
        assert code == 0 and "\u05e2\u05dc" in said and "\u202b" not in said, (command[0], said)
