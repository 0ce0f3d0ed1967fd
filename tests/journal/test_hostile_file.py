"""Nothing written into the file can command, crash or escape (issue #23): each way a hostile
writer tried, written as they would, by hand, never through our writers."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import by_name
from tests.journal import hand
from tests.journal.recorded import Ticking, record
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app
from workshop.journal import codec

LATE = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return record(tmp_path)  # started, standing on "order", a pause and resume behind it


def _cli(*args: str) -> tuple[int, str]:
    """Exit status and everything printed (stdout and stderr)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _state(path: Path) -> sessions.SessionState:
    return sessions.Session.open(path, Ticking()).state()


def _away(path: Path) -> None:
    """As seen from another account: the secret beside the session is not readable there."""
    sessions.files.secret_path(path).rename(path.with_name("secret-kept-elsewhere"))


# ---------------------------------------------------------------------- authority


@pytest.mark.parametrize("key_line", [None, b'facilitator_key = ""\n'])
def test_a_header_without_its_key_is_refused_where_the_secret_is(session: Path, key_line: bytes | None) -> None:
    header, blocks = hand.split(session)
    header = re.sub(rb'facilitator_key = "[0-9a-f]*"\n', key_line or b"", header)
    hand.rewrite(session, header, blocks)
    hand.append(session, codec.encode({"type": "end", "at": LATE}))
    with pytest.raises(sessions.SessionError, match="no facilitator key"):
        sessions.Session.open(session)
    status, said = _cli("validate", str(session))
    assert status == 2 and "no facilitator key" in said
    status, said = _cli("control", str(session), "next")
    assert status == 2 and "no facilitator key" in said and "ended" not in said


def test_without_a_key_another_account_is_warned_that_nothing_is_authenticated(session: Path) -> None:
    header, blocks = hand.split(session)
    hand.rewrite(session, re.sub(rb'facilitator_key = "[0-9a-f]*"\n', b"", header), blocks)
    _away(session)
    opened = sessions.Session.open(session)
    assert any("nothing in it is authenticated" in w for w in opened.warnings)
    status, said = _cli("validate", str(session))
    assert "nothing in it is authenticated" in said


@pytest.mark.parametrize("respell", [bytes.upper, lambda sig: sig + b" "], ids=["capitals", "trailing-space"])
@pytest.mark.parametrize("kind", ["pause", "reset", "goto"])
def test_a_signed_event_respelt_is_not_obeyed_again(tmp_path: Path, kind: str, respell) -> None:
    path = sessions.create(polls_plan(), tmp_path, "s", "Sam", clock=Ticking(), code="TEST42")
    live = sessions.Session.open(path, Ticking())
    live.start()
    live.goto("pick")
    by_name.vote(live, "Ana", ["Coaching"])
    live.poll_action("reset")
    by_name.vote(live, "Bo", ["Quality"])
    live.pause()
    live.resume()
    live.goto("order")
    live.poll_action("close")
    before = _state(path)
    block = hand.of_type(path, kind)[0]
    sig = re.search(rb'sig = "([0-9a-f]{128})"', block).group(1)
    hand.append(path, hand.reseal(block, (sig, respell(sig))))
    after = _state(path)
    assert after.status == before.status == "running"
    assert after.step.qid == "polls/order" and after.polls["polls/order"].status == "closed"
    assert [b.name for b in after.polls["polls/pick"].ballots] == ["Bo"]
    status, said = _cli("validate", str(path))
    assert status == 2 and "sig" in said


def test_a_deleted_ballot_and_signed_event_in_the_middle_are_reported(session: Path) -> None:
    live = sessions.Session.open(session, Ticking())
    live.goto("pick")
    live.poll_action("close")
    live.goto("order")
    live.end()
    header, blocks = hand.split(session)
    ballot = next(i for i, b in enumerate(blocks) if hand.kind(b) == "ballot")
    close = next(i for i, b in enumerate(blocks) if hand.kind(b) == "close")
    hand.rewrite(session, header, [b for i, b in enumerate(blocks) if i not in (ballot, close)])
    _away(session)
    status, said = _cli("validate", str(session))
    assert status == 2
    assert "a signed event before this goto is missing" in said
    assert "event(s) before this" in said and "are missing" in said


def test_moved_signed_events_are_reported(session: Path) -> None:
    header, blocks = hand.split(session)
    pause = next(i for i, b in enumerate(blocks) if hand.kind(b) == "pause")
    resume = next(i for i, b in enumerate(blocks) if hand.kind(b) == "resume")
    blocks[pause], blocks[resume] = blocks[resume], blocks[pause]
    hand.rewrite(session, header, blocks)
    status, said = _cli("validate", str(session))
    assert status == 2 and "signed events moved" in said


def test_a_file_cut_short_behind_the_facilitator_s_back_is_told_to_them(session: Path) -> None:
    live = sessions.Session.open(session, Ticking())
    live.poll_action("close")
    live.end()
    header, blocks = hand.split(session)
    hand.rewrite(session, header, blocks[:-2])  # without the close and the end
    opened = sessions.Session.open(session)
    assert opened.state().status == "running"
    assert any("ends before the last event you signed" in w for w in opened.warnings)
    status, said = _cli("validate", str(session))
    assert status == 2 and "cut short" in said


# ---------------------------------------------------------------------- what a block may hold

HOSTILE = [
    {"type": "join", "participant": "0a0a0a0a0a0a", "name": "Mal\x1b]0;owned\x07\x1b[31m"},
    {
        "type": "note",
        "note": "0b0b0b0b",
        "step": "polls/order",
        "author": "0c0c0c0c0c0c",
        "name": "Eve",
        "text": "wipe\x1b[2J \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    },
    {
        "type": "note",
        "note": "0d0d0d0d",
        "step": "polls/order",
        "author": "0c0c0c0c0c0c",
        "name": "Eve",
        "text": "half a character \udc00",
    },
    {"type": "join", "participant": "0e0e0e0e0e0e", "name": "Sur\udc00"},
    {
        "type": "ballot",
        "poll": "polls/order",
        "participant": "0f0f0f0f0f0f",
        "name": "C1\x9b2J",
        "value": ["Trust", "Goals", "Change", "Letting go"],
    },
]


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "json"])
def test_no_escape_or_surrogate_in_the_file_reaches_a_report(session: Path, fmt: str) -> None:
    hand.append(session, *(hand.block({**e, "at": LATE}) for e in HOSTILE))
    status, said = _cli("report", str(session), "--format", fmt)
    assert status == 0
    assert not ESCAPES.search(said) and "owned" not in said and "wipe" not in said and "Sur" not in said
    status, said = _cli("validate", str(session))
    assert status == 2 and said.count("no writer of ours writes") == len(HOSTILE)


def test_a_planted_session_title_does_not_reach_the_terminal(tmp_path: Path) -> None:
    path = record(tmp_path)
    data = path.read_bytes()
    title = re.search(rb'\ntitle = "([^"]*)"', data).group(1)
    path.write_bytes(data.replace(b'title = "' + title + b'"', b'title = "\\u001b]0;owned\\u0007"', 1))
    status, said = _cli("sessions", "--sessions-dir", str(tmp_path))
    assert not ESCAPES.search(said) and "owned" not in said
    status, said = _cli("validate", str(path))
    assert status == 2 and "header" in said and not ESCAPES.search(said)


def test_a_lone_surrogate_in_an_idea_cannot_stop_the_room(tmp_path: Path) -> None:
    from tests.support import room_plan

    path = sessions.create(room_plan(), tmp_path, "room", "Sam", clock=Ticking(), code="TEST42")
    live = sessions.Session.open(path, Ticking())
    live.start()
    live.next()  # the brainstorm
    by_name.idea(live, "Ana", "More coaching")
    state = live.state()
    ana = state.participant_named("Ana")
    hand.append(
        path,
        hand.block(
            {
                "type": "idea",
                "at": LATE,
                "idea": "i9",
                "step": state.step.qid,
                "author": ana.token,
                "name": "Ana",
                "text": "half \udc00 a character",
            }
        ),
    )
    for fmt in ("md", "json", "html"):
        assert _cli("report", str(path), "--format", fmt)[0] == 0
    status, said = _cli("control", str(path), "next")  # into the poll whose options are the ideas
    assert status == 0, said
    assert sessions.Session.open(path).state().poll.poll.options == ("More coaching",)


def test_a_header_cut_inside_a_scale_poll_is_one_line(session: Path) -> None:
    header, blocks = hand.split(session)
    cut = header.index(b'vote = "scale"')
    head = header[: header.index(b"\n", cut) + 1] + b"\n" + header[header.index(b"# events follow") :]
    hand.rewrite(session, head, blocks)
    for command in (["validate", str(session)], ["report", str(session)]):
        status, said = _cli(*command)
        assert status == 2 and said.count("\n") == 1 and "header" in said, said


# ---------------------------------------------------------------------- damage does not spread


def test_a_damaged_join_costs_nothing_but_the_join(session: Path) -> None:
    header, blocks = hand.split(session)
    ana = next(i for i, b in enumerate(blocks) if hand.kind(b) == "join" and b'"Ana"' in b)
    blocks[ana] = blocks[ana].replace(b'name = "Ana"', b'name = "Anx"')  # one byte; the checksum no longer fits
    hand.rewrite(session, header, blocks)
    result = CliRunner().invoke(app, ["report", str(session), "--format", "json"])
    assert result.exit_code == 0 and "damaged event block" in result.stderr
    report = json.loads(result.stdout)
    assert [n["author"] for n in report["notes"] if n["text"].startswith("First")] == ["Ana"]
    assert report["session"]["joins_lost"] == ["Ana"]


# ---------------------------------------------------------------------- folders and modes


def test_archive_refuses_a_planted_link_and_moves_nothing(tmp_path: Path) -> None:
    path = record(tmp_path)
    sessions.Session.open(path, Ticking()).end()
    elsewhere = tmp_path / "participant-owned"
    elsewhere.mkdir()
    (tmp_path / "archive").symlink_to(elsewhere)
    status, said = _cli("archive", str(path))
    assert status == 2 and "not a folder" in said
    assert path.exists() and sessions.files.secret_path(path).exists() and not list(elsewhere.iterdir())


def test_archive_refuses_another_account_s_folder(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another account needs root (CI runs as root)")
    path = record(tmp_path)
    sessions.Session.open(path, Ticking()).end()
    (tmp_path / "archive").mkdir()
    os.chown(tmp_path / "archive", 4242, 4242)
    status, said = _cli("archive", str(path))
    assert status == 2 and "another account" in said and path.exists()


def test_a_secret_the_facilitator_does_not_own_is_refused(session: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another account needs root (CI runs as root)")
    os.chown(sessions.files.secret_path(session), 4242, 4242)
    with pytest.raises(sessions.SessionError, match="belongs to another account"):
        sessions.Session.open(session)


def test_new_session_files_are_not_readable_outside_their_group(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "plain", "s")
    assert path.stat().st_mode & 0o777 == 0o640
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o2770)
    assert sessions.create(polls_plan(), shared, "s").stat().st_mode & 0o777 == 0o660


def test_a_block_added_by_hand_without_its_checksum_is_named_as_possibly_hand_made(tmp_path: Path) -> None:
    """A note appended by hand without a `crc` line vanished from the report with a warning that
    blamed a writer "stopped mid-write"; the warning says it may be a block added by hand, and
    that the next append removes it, so its author can copy it out first."""
    from tests.support import polls_plan
    from workshop import sessions
    from workshop.journal import store

    path = sessions.create(polls_plan(), tmp_path, "hand", "Sam", code="K7P2QX")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[[events]]\ntype = "note"\nat = 2026-12-07T23:17:51+00:00\nnote = "aaaa0001"\n')
    said = " ".join(message for _line, _col, message in store.load(path).damage)
    assert "a block added by hand" in said and "the next append removes it" in said, said
