"""Corrections on the day, from the command line: a note, an idea, an action's owner and due date
and a poll's question edited or withdrawn as new events (the file only grows), by the facilitator
at any time and by a participant only for their own note or idea while its step runs; the report
and the action exports show the latest, marked edited; due dates typed as people type them."""

from __future__ import annotations

import json

from icalendar import Calendar

from tests.cli.conftest import Workshop


def note_id(ws: Workshop, said: str) -> str:
    return said.split()[1]  # "note 1a2b3c4d added to ..."


def test_the_facilitator_edits_a_note_and_its_owner_and_due_date(ws: Workshop) -> None:
    path = ws.started_at()
    made = note_id(ws, ws.ok("note", "s", "--owner", "Bo", "--due", "2026-12-15", "Book the WFM revew").stdout)
    size = path.stat().st_size
    before = path.read_bytes()
    assert "note edited" in ws.ok("edit", "s", made, "Book the WFM review").stdout
    said = ws.ok("edit", "s", made[:5], "--owner", "WFM team", "--due", "2027-01-04").stdout
    assert "for WFM team, due Mon 4 Jan 2027" in said
    assert path.read_bytes()[:size] == before  # appended, nothing rewritten
    listed = json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]
    assert [(a["text"], a["owner"], a["due"], a["edited"]) for a in listed] == [
        ("Book the WFM review", "WFM team", "2027-01-04", True)
    ]
    report = ws.ok("report", "s").stdout
    assert "Book the WFM review" in report and "revew" not in report and "(edited)" in report
    event = Calendar.from_ical(ws.ok("actions", "s", "--format", "ics").stdout).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Book the WFM review" and str(event["CONTACT"]) == "WFM team"
    ws.ok("edit", "s", made, "--withdraw")
    assert json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"] == []
    assert "Book the WFM" not in ws.ok("report", "s").stdout
    ws.ok("edit", "s", made, "--restore")
    assert "Book the WFM review" in ws.ok("report", "s").stdout


def test_a_participant_edits_only_their_own_note_while_its_step_runs(ws: Workshop) -> None:
    ws.started_at()
    mine = note_id(ws, ws.ok("note", "s", "--name", "Ana", "My note, with a typo").stdout)
    theirs = note_id(ws, ws.ok("note", "s", "--name", "Bo", "Bo's note").stdout)
    ws.ok("edit", "s", mine, "My note, without a typo", "--name", "Ana")
    ws.refused("edit", "s", theirs, "Hijacked", "--name", "Ana", says="not yours")
    ws.refused("edit", "s", theirs, "--owner", "Ana", "--name", "Ana", says="only the facilitator")
    ws.ok("control", "s", "next")
    ws.refused("edit", "s", mine, "Too late", "--name", "Ana", says="only while its step runs")
    ws.refused("edit", "s", mine, "--withdraw", "--name", "Ana", says="only while its step runs")
    notes = {n["text"]: n for n in ws.report()["notes"]}
    assert set(notes) == {"My note, without a typo", "Bo's note"} and notes["My note, without a typo"]["edited"]
    assert "edited" not in notes["Bo's note"]


def test_a_due_date_typed_the_way_people_type_it(ws: Workshop, monkeypatch) -> None:
    ws.started_at()
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    ws.ok("note", "s", "--owner", "Bo Chen", "--due", "15/12/2026", "Book the WFM review")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    ws.ok("note", "s", "--owner", "Ana", "--due", "05/06/2027", "Share the slides")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    ws.refused("note", "s", "--due", "05/06/2027", "Ambiguous", says="could be Sat 5 Jun 2027 or Thu 6 May 2027")
    ws.refused("note", "s", "--due", "2026-02-30", "Book it", says="not a day of the calendar")
    ws.refused("note", "s", "--due", "soonish", "Book it", says="is not a date this reads")
    listed = json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]
    assert [(a["owner"], a["due"]) for a in listed] == [("Bo Chen", "2026-12-15"), ("Ana", "2027-05-06")]


def test_a_due_date_pasted_by_mistake_is_quoted_short_in_its_one_line(ws: Workshop) -> None:
    ws.started_at()
    line = ws.refused("note", "s", "--due", "9" * 400 + " \x1b[2J", "Book it", says="is not a date this reads")
    assert "9" * 40 in line and "9" * 41 not in line and len(line) < 200 and "\x1b" not in line


def test_a_revote_on_new_wording_keeps_each_rounds_wording_beside_its_result(ws: Workshop) -> None:
    ws.started_at("fist")
    for name, value in (("Ana", "1"), ("Bo", "4")):
        ws.ok("vote", "s", "--name", name, value)
    said = ws.ok("control", "s", "revote", "--wording", "How ready are we, with a trial of two weeks?").stdout
    assert "Fist of five: round 2 open" in said
    for name, value in (("Ana", "4"), ("Bo", "5")):
        ws.ok("vote", "s", "--name", name, value)
    poll = ws.poll("fist")
    assert poll["question"] == "How ready are we, with a trial of two weeks?" and poll["reworded"]
    assert [r["question"] for r in poll["round_wordings"]] == [
        "How ready are we?",
        "How ready are we, with a trial of two weeks?",
    ]
    report = ws.ok("report", "s").stdout
    assert "round 1, on “How ready are we?”" in report
    assert "round 2, on “How ready are we, with a trial of two weeks?”" in report
    ws.ok("edit", "s", "fist", "How ready are we, with a trial of three weeks?")
    assert ws.poll("fist")["question"] == "How ready are we, with a trial of three weeks?"
    ws.refused("edit", "s", "fist", "Not mine to change", "--name", "Ana", says="no note or idea")
    ws.refused("control", "s", "next", "--wording", "x", says="--wording goes with revote")


def test_edit_needs_one_change(ws: Workshop) -> None:
    ws.started_at()
    made = note_id(ws, ws.ok("note", "s", "A note").stdout)
    ws.refused("edit", "s", made, says="say what to change")
    ws.refused("edit", "s", made, "New", "--withdraw", says="say what to change")
    ws.refused("edit", "s", "ffffffff", "New", says="no note “ffffffff”")
    ws.refused("edit", "s", made, "A note", says="already says that")


def test_the_fold_ignores_a_hand_written_correction_from_someone_else_or_too_late(ws: Workshop) -> None:
    """Written into the file by hand, past the verbs' checks: the fold itself decides."""
    import datetime as dt

    from workshop import sessions
    from workshop.journal import codec

    path = ws.started_at()
    made = note_id(ws, ws.ok("note", "s", "--name", "Ana", "Ana's own words").stdout)
    ws.ok("note", "s", "--name", "Bo", "Bo's words")
    state = sessions.Session.open(path).state()
    ana, bo = (next(p.token for p in state.participants if p.name == n) for n in ("Ana", "Bo"))

    def raw(**fields: object) -> None:
        with path.open("ab") as handle:
            handle.write(codec.encode({"type": "note-edit", "at": dt.datetime.now(dt.UTC), **fields}))

    raw(note=made, author=bo, text="Bo rewrote Ana")
    assert [n["text"] for n in ws.report()["notes"]][0] == "Ana's own words"
    ws.ok("control", "s", "next")
    raw(note=made, author=ana, text="Ana, after her step")
    assert [n["text"] for n in ws.report()["notes"]][0] == "Ana's own words"
