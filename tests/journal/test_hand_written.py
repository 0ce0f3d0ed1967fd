"""A session header written or trimmed by a person from docs/sessions.md (whose example leaves the
agenda out with "…"): what the docs do not ask for may be left out, and what is missing is named
in the user's words, never as a Python exception's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.journal import hand
from tests.journal.recorded import record
from workshop import sessions
from workshop.cli import app


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return record(tmp_path)


def test_an_agenda_without_its_start_time_reads_as_nine_oclock(session: Path) -> None:
    header, blocks = hand.split(session)
    header, cut = re.subn(rb"\nstart = [0-9:]+\n", b"\n", header, count=1)
    assert cut == 1
    hand.rewrite(session, header, blocks)
    sessions.files.secret_path(session).unlink()  # a file of their own: no secret of ours beside it
    result = CliRunner().invoke(app, ["report", str(session), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["session"]["id"]
    opened = sessions.Session.open(session)
    assert opened.state().plan.agenda.start.hour == 9


def test_a_byte_order_mark_an_editor_put_first_costs_nothing(session: Path) -> None:
    """Notepad and others save UTF-8 with a BOM, as they save CRLF line ends: every event stays
    readable (and obeyed, the header's table being the same), and the next append keeps them."""
    before = sessions.Session.open(session).state()
    session.write_bytes(b"\xef\xbb\xbf" + session.read_bytes())
    result = CliRunner().invoke(app, ["report", str(session), "--format", "json"])
    assert result.exit_code == 0, result.output
    after = sessions.Session.open(session)
    state = after.state()
    assert (state.status, state.current, state.events, state.forged) == (
        before.status,
        before.current,
        before.events,
        (),
    )
    assert len(state.notes) == len(before.notes)
    status = CliRunner().invoke(app, ["note", str(session), "kept"])
    assert status.exit_code == 0, status.output
    assert len(sessions.Session.open(session).state().notes) == len(before.notes) + 1


@pytest.mark.parametrize(
    "damage",
    [lambda data: data.replace(b"[session.agenda]", b"[session.agenda", 1), lambda data: data[:200]],
    ids=["bracket-lost", "cut-in-header"],
)
def test_validate_names_a_damaged_header_once(session: Path, damage) -> None:
    session.write_bytes(damage(session.read_bytes()))
    result = CliRunner().invoke(app, ["validate", str(session)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{session}:1:1: the [session] header is damaged: no command can use this file"
    ]


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o660])
def test_a_repaired_copy_is_no_easier_to_read_than_the_session(session: Path, mode: int) -> None:
    """The copy holds the join code, the names and every ballot: others may read it no more
    than they could the session it was made from (never the umask's 0644)."""
    hand.append(session, b"stray bytes a hand left\n")
    session.chmod(mode)
    result = CliRunner().invoke(app, ["repair", str(session)])
    assert result.exit_code == 0, result.output
    (copy,) = session.parent.glob("*-repaired*.toml")
    assert copy.stat().st_mode & 0o777 == mode
