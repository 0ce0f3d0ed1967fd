"""`workshop sessions` lists every session of the folder with its status; `archive` puts an ended
one away with its secret; `--delete` removes one only after a yes. `join` offers only sessions
one can still take part in: not ended, and not created over an hour ago and never started."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop, snapshot
from tests.support import polls_plan
from workshop import sessions
from workshop.cli import app
from workshop.sessions import catalogue


def listed(ws: Workshop, *options: str) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads(ws.ok("sessions", "--json", *options).stdout)}


def stale(ws: Workshop, name: str = "old") -> None:
    """A session made two hours ago and never started: what every try of the README leaves."""
    two_hours_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    sessions.create(polls_plan(), ws.sessions, name, clock=lambda: two_hours_ago)


def test_sessions_lists_every_session_with_its_status(ws: Workshop) -> None:
    ws.new("waiting")
    ws.started_at(name="running")
    ws.started_at(name="ended")
    ws.ok("control", "ended", "end")
    stale(ws)
    found = listed(ws)
    assert {k: v["status"] for k, v in found.items()} == {
        "waiting": "waiting",
        "running": "running",
        "ended": "ended",
        "old": "stale",
    }
    assert found["running"]["started"] and not found["running"]["ended"] and found["ended"]["ended"]
    assert found["running"]["events"] == 1 and found["old"]["created"].startswith(
        (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).strftime("%Y-%m-%d")
    )
    table = ws.ok("sessions").stdout
    assert "running" in table and "stale" in table


def test_join_offers_only_live_sessions(ws: Workshop) -> None:
    stale(ws)
    ws.started_at(name="ended")
    ws.ok("control", "ended", "end")
    assert catalogue.live(ws.sessions) == []
    ws.refused("join", says="no live session")
    ws.new("fresh")
    assert [s.path.stem for s in sessions.live_sessions(ws.sessions)] == ["fresh"]


def test_archive_moves_an_ended_session_and_its_secret(ws: Workshop) -> None:
    ws.started_at(name="done")
    ws.ok("control", "done", "end")
    out = ws.ok("archive", "done").stdout
    assert "archive/done.toml" in out
    assert not ws.file("done").exists() and not (ws.sessions / ".done.secret").exists()
    assert (ws.sessions / "archive" / "done.toml").is_file() and (ws.sessions / "archive" / ".done.secret").is_file()
    assert listed(ws) == {}
    assert listed(ws, "--all")["done"]["archived"] is True
    assert sessions.Session.open(ws.sessions / "archive" / "done.toml").state().status == "ended"


def test_an_archived_session_asked_for_by_name_says_where_it_went(ws: Workshop) -> None:
    """Yesterday's session, archived, asked for by the name it had: the one line said only "no
    session", and `sessions` "no sessions", as if it were gone; both now say where it is, and the
    path they give is taken."""
    ws.started_at(name="done")
    ws.ok("control", "done", "end")
    ws.ok("archive", "done")
    archived = ws.sessions / "archive" / "done.toml"
    said = ws.refused("report", "done", says=f"it is archived: {archived}")
    assert said.startswith("error: no session “done” in "), said
    assert ws.ok("report", str(archived)).stdout.startswith("# ")
    assert "`workshop sessions --all` lists them" in ws.ok("sessions").stdout


def test_the_certificate_and_host_key_serve_made_go_with_their_session(ws: Workshop) -> None:
    """`serve --tls` and `--ssh` keep a private key beside the session: archived, it goes with the
    session; deleted, it is gone too. Nothing secret is left behind in the folder."""
    from workshop import sshd, tls

    for name in ("kept", "gone"):
        ws.started_at(name=name)
        tls.self_signed(ws.file(name), ["192.0.2.5"])
        sshd.host_key(ws.file(name))
        ws.ok("control", name, "end")
    ws.ok("archive", "kept")
    ws.ok("archive", "gone", "--delete", "--yes")
    assert sorted(p.name for p in ws.sessions.iterdir()) == ["archive"]
    assert sorted(p.name for p in (ws.sessions / "archive").iterdir()) == [
        ".kept.secret",
        ".kept.ssh-host-key",
        ".kept.tls.pem",
        "kept.toml",
    ]


def test_a_live_session_is_neither_archived_nor_deleted(ws: Workshop) -> None:
    ws.started_at(name="live")
    ws.refused("archive", "live", says="live is running")
    ws.refused("archive", "live", "--delete", "--yes", says="end it first")


def test_delete_asks_first_and_no_means_no(ws: Workshop) -> None:
    ws.started_at(name="done")
    ws.ok("control", "done", "end")
    before = snapshot(ws.sessions)
    from typer.testing import CliRunner

    from workshop.cli import app

    no = CliRunner().invoke(app, ["archive", "done", "--delete", "--sessions-dir", str(ws.sessions)], input="n\n")
    assert no.exit_code == 2 and "not deleted" in no.stderr
    nothing = CliRunner().invoke(app, ["archive", "done", "--delete", "--sessions-dir", str(ws.sessions)], input="")
    assert nothing.exit_code == 2 and "not deleted" in nothing.stderr  # no answer (a script without --yes)
    assert snapshot(ws.sessions) == before
    yes = CliRunner().invoke(app, ["archive", "done", "--delete", "--sessions-dir", str(ws.sessions)], input="y\n")
    assert yes.exit_code == 0 and not ws.file("done").exists() and not (ws.sessions / ".done.secret").exists()


def test_delete_with_yes_does_not_ask(ws: Workshop) -> None:
    stale(ws)
    ws.ok("archive", "old", "--delete", "--yes")
    assert listed(ws) == {}


def test_an_archived_name_is_never_overwritten(ws: Workshop) -> None:
    for _ in range(2):
        ws.started_at(name="twice")
        ws.ok("control", "twice", "end")
        if not (ws.sessions / "archive" / "twice.toml").exists():
            ws.ok("archive", "twice")
    ws.refused("archive", "twice", says="already there")


def test_run_reopens_the_latest_live_session_of_its_agenda(ws: Workshop) -> None:
    """What `workshop run` with no session reopens: the agenda's latest session still live, never
    an ended or a stale one, nor one of another agenda (`--last`: of any agenda)."""
    stale(ws)  # the polls agenda, two hours old, never started
    assert catalogue.latest_live(ws.sessions, "polls") is None
    ws.started_at(name="mine")
    ws.started_at(name="over")
    ws.ok("control", "over", "end")
    other = sessions.create(polls_plan(), ws.sessions, "other")
    assert catalogue.latest_live(ws.sessions, "zz-cli-probe").path.stem == "mine"
    assert catalogue.latest_live(ws.sessions).path == other  # --last: the latest of any agenda


def test_run_last_with_nothing_live_says_so(ws: Workshop) -> None:
    stale(ws)
    ws.refused("run", "--last", says="no session to reopen")
    ws.refused("run", "--last", "half-day", says="--last reopens the latest live session")


@pytest.mark.parametrize("options", [[], ["--json"]], ids=["table", "json"])
def test_a_file_given_as_the_sessions_folder_is_said_to_be_no_folder(tmp_path, options) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, typed where a folder was meant\n")
    result = CliRunner().invoke(app, ["sessions", *options, "--sessions-dir", str(not_a_folder)])
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert result.stderr.splitlines() == [f"error: {not_a_folder}: cannot read: a part of the path is not a folder"]


def _first_cells(table: str) -> list[str]:
    """The first cell of each row of `workshop sessions`'s table (after its rule)."""
    rows = re.split(r"─ *\n", table, maxsplit=1)[1].splitlines()
    return [row.split()[0] for row in rows if row.strip()]


def test_sessions_shows_the_name_every_other_command_takes(ws: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repaired copy, a copy under another name and an archived session all carry the id of the
    session they came from: the list shows what `report` and the rest take for each, once each."""
    monkeypatch.setenv("COLUMNS", "200")  # the archived one's path is the test folder's, long
    ws.started_at(name="s")
    ws.ok("repair", "s")  # s-repaired.toml, its header's id still "s"
    (ws.sessions / "copy.toml").write_bytes(ws.file("s").read_bytes())
    ws.started_at(name="done")
    ws.ok("control", "done", "end")
    ws.ok("archive", "done")
    archived = str(ws.sessions / "archive" / "done.toml")
    shown = _first_cells(ws.ok("sessions", "--all").stdout)
    assert sorted(shown) == sorted(["s", "s-repaired", "copy", archived])
    for name in shown:  # each one, copied as shown, opens that very file
        assert ws.ok("report", name, "--format", "json").stdout
    rows = json.loads(ws.ok("sessions", "--all", "--json").stdout)
    assert {r["name"]: (r["id"], r["path"]) for r in rows} == {
        "s": ("s", str(ws.file("s"))),
        "s-repaired": ("s", str(ws.file("s-repaired"))),
        "copy": ("s", str(ws.file("copy"))),
        archived: ("done", archived),
    }


def test_a_name_with_a_space_or_a_leading_dash_is_shown_as_a_shell_takes_it_back(
    ws: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files copied in by hand under names the folder's names do not allow (a space, a leading
    dash), listed from inside the folder: each row, pasted after `workshop report`, opens that file
    (not `-dash.toml` read as an option, not `with` and `space.toml` as two arguments)."""
    import shlex

    monkeypatch.setenv("COLUMNS", "200")
    ws.started_at(name="s")
    for name in ("with space", "-dash", "it's"):
        (ws.sessions / f"{name}.toml").write_bytes(ws.file("s").read_bytes())
    monkeypatch.chdir(ws.sessions)
    table = CliRunner().invoke(app, ["sessions", "--sessions-dir", "."]).stdout
    rows = re.split(r"─ *\n", table, maxsplit=1)[1].splitlines()
    shown = [shlex.split(row)[0] for row in rows if row.strip()]
    assert sorted(shown) == sorted(["s", "with space.toml", "./-dash.toml", "it's.toml"]), table
    for name in shown:
        result = CliRunner().invoke(app, ["report", name, "--format", "json", "--sessions-dir", "."])
        assert result.exit_code == 0 and json.loads(result.stdout)["session"], (name, result.output)
    listed = json.loads(CliRunner().invoke(app, ["sessions", "--json", "--sessions-dir", "."]).stdout)
    assert sorted(r["name"] for r in listed) == sorted(shown)  # as a program passes it: no quotes


def test_a_session_whose_header_is_damaged_is_named_not_left_out_in_silence(ws: Workshop) -> None:
    """A session cut short inside its header, or with a byte of its header changed by hand, opens
    for no command; `sessions` still says it is there (one warning line each on stderr, the list
    and its JSON as before), so nobody takes it for lost and starts again. A file that is not a
    session at all is passed over quietly, as before."""
    ws.started_at(name="s")
    whole = ws.file("s").read_bytes()
    (ws.sessions / "cut.toml").write_bytes(whole[:200])
    changed = bytearray(whole)
    changed[whole.index(b"title = ") + 9] = 0xFF
    (ws.sessions / "changed.toml").write_bytes(bytes(changed))
    (ws.sessions / "notes.toml").write_text('what = "not a session"\n')
    for options in ((), ("--json",)):
        result = ws.ok("sessions", *options)
        assert "cut" not in result.stdout and "changed" not in result.stdout
        warned = result.stderr.splitlines()
        assert len(warned) == 2 and all(line.startswith("warning: ") for line in warned), result.stderr
        assert any(str(ws.file("cut")) in line for line in warned), warned
        assert any(str(ws.file("changed")) in line for line in warned), warned
    assert [r["name"] for r in json.loads(ws.ok("sessions", "--json").stdout)] == ["s"]


@pytest.mark.parametrize("columns", ["80", None], ids=["80-columns", "piped"])
def test_a_name_longer_than_the_screen_is_still_whole(
    ws: Workshop, monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    """An archived session's path in a deep folder, and a 64-character name, at 80 columns or
    piped (`| grep`, where the width is 80 too): each name is printed whole, never cut at the
    screen's edge, and its status is still there."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ws.started_at(name="s")
    long = "n" * 64
    (ws.sessions / f"{long}.toml").write_bytes(ws.file("s").read_bytes())
    deep = ws.sessions / "archive"
    deep.mkdir()
    (deep / "a-session-put-away-long-ago.toml").write_bytes(ws.file("s").read_bytes())
    archived = str(deep / "a-session-put-away-long-ago.toml")
    assert len(archived) > 80
    table = ws.ok("sessions", "--all").stdout
    rows = re.split(r"─ *\n", table, maxsplit=1)[1].splitlines()
    rows = [row for row in rows if row.strip()]
    assert sorted(row.split()[0] for row in rows) == sorted(["s", long, archived]), table
    assert all(" running" in row for row in rows), table  # the status: the title gives way, nothing else


def test_a_name_with_a_control_or_a_byte_that_is_no_text_is_shown_as_bash_takes_it_back(
    ws: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file copied in by hand as `s<ESC>.toml` or `s<byte 0xff>.toml` (no UTF-8): its name shown
    with the character left out would be `s.toml`, another session; shown as bash's $'…' it is
    pasted back to this very file, and nothing a terminal obeys reaches it."""
    import os
    import subprocess

    monkeypatch.setenv("COLUMNS", "200")
    ws.started_at(name="s")
    odds = (b"\x1b[2J", b"\xff", b"\t", "\u202e".encode())  # the last a right-to-left override: it reverses the row
    planted = [os.fsencode(ws.sessions) + b"/s" + odd + b".toml" for odd in odds]
    for name in planted:
        with open(name, "wb") as handle:
            handle.write(ws.file("s").read_bytes())
    table = ws.ok("sessions").stdout
    assert "\x1b" not in table and "\u202e" not in table
    rows = [row for row in re.split(r"─ *\n", table, maxsplit=1)[1].splitlines() if row.strip()]
    shown = [row.split()[0] for row in rows]
    assert len(shown) == 5 and "s" in shown, table
    pasted = [subprocess.run(["bash", "-c", f"printf %s {cell}"], capture_output=True).stdout for cell in shown]
    assert sorted(pasted) == sorted([b"s", *planted]), (table, pasted)
