"""Exports that land: one Markdown row per action whatever its text holds, calendar entries as
all-day events as well as to-dos (read back by two independent iCalendar parsers), a format
taken from the output file's name, and session ids kept whole in an 80-column table."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from tests.cli.conftest import Workshop


def test_a_multi_line_action_is_one_markdown_row_with_its_owner_and_due_date(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", "--owner", "Bo Chen", "--due", "2026-12-15", "Book the WFM review\nwith the planners | all")
    table = [line for line in ws.ok("actions", "s").stdout.splitlines() if line.startswith("| ")]
    assert len(table) == 2  # the header and one action
    row = table[1]
    assert "Book the WFM review" in row and "with the planners" in row
    assert row.split(" | ")[-4:-2] == ["Bo Chen", "2026-12-15"]


def actions_with_dates(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", "--owner", "Ana Lima", "--due", "2026-12-15", "Book the WFM review")
    ws.ok("note", "s", "--owner", "WFM team", "--due", "2027-01-04", "Share the forecast; then, call\nback")
    ws.ok("note", "s", "--action", "No date for this one")


def test_ics_events_are_all_day_on_the_due_date_for_two_parsers(ws: Workshop) -> None:
    actions_with_dates(ws)
    result = ws.ok("actions", "s", "--format", "ics", "--ics-kind", "event")
    text = result.stdout
    events = Calendar.from_ical(text).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        ("Book the WFM review", dt.date(2026, 12, 15), dt.date(2026, 12, 16)),
        ("Share the forecast; then, call\nback", dt.date(2027, 1, 4), dt.date(2027, 1, 5)),
    ]
    parsed = vobject.readOne(text)
    read = [(e.summary.value, e.dtstart.value, e.dtend.value) for e in parsed.vevent_list]
    assert read == [
        ("Book the WFM review", dt.date(2026, 12, 15), dt.date(2026, 12, 16)),
        ("Share the forecast; then, call\nback", dt.date(2027, 1, 4), dt.date(2027, 1, 5)),
    ]
    assert all(not isinstance(value, dt.datetime) for _, value, _ in read)  # all-day: dates, no time
    assert "1 action item without a due date" in result.stderr


def test_ics_todos_still_parse_in_both(ws: Workshop) -> None:
    actions_with_dates(ws)
    text = ws.ok("actions", "s", "--format", "ics", "--ics-kind", "todo").stdout
    assert len(Calendar.from_ical(text).walk("VTODO")) == 3
    todos = vobject.readOne(text).vtodo_list
    assert [t.summary.value for t in todos][:1] == ["Book the WFM review"] and len(todos) == 3
    assert todos[0].due.value == dt.date(2026, 12, 15)


def test_an_unknown_ics_kind_is_refused(ws: Workshop) -> None:
    actions_with_dates(ws)
    ws.refused("actions", "s", "--format", "ics", "--ics-kind", "meeting", says="--ics-kind")


def test_compare_and_report_take_the_format_from_the_file_name(ws: Workshop) -> None:
    ws.started_at(name="a")
    ws.started_at(name="b")
    for command, sessions in (("compare", ("a", "b")), ("report", ("a",))):
        for suffix, starts in ((".md", "#"), (".html", "<!DOCTYPE html>"), (".json", "{")):
            out = ws.root / f"{command}{suffix}"
            assert ws.ok(command, *sessions, "-o", str(out)).stdout.strip() == str(out)
            assert out.read_text("utf-8").startswith(starts), (command, suffix)
    ics = ws.root / "todo.ics"
    ws.ok("actions", "a", "-o", str(ics))
    assert ics.read_text("utf-8").startswith("BEGIN:VCALENDAR")
    ws.refused("compare", "a", "b", "-o", str(ws.root / "x.txt"), says="--format md, html or json")


@pytest.mark.e2e
def test_sessions_keeps_ids_whole_at_80_columns(ws: Workshop) -> None:
    ws.new("half-day-20261123-090211")
    ws.ok("control", "half-day-20261123-090211", "start")
    env = {**os.environ, "COLUMNS": "80", "LINES": "24"}
    table = subprocess.run(
        [sys.executable, "-m", "workshop", "sessions", "--sessions-dir", str(ws.sessions)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    ).stdout
    assert "half-day-20261123-090211" in table
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "running" in table
    # and the counts at the right are whole, not cut at the edge: what is left out is a time
    head = next(line for line in table.splitlines() if "session" in line and "status" in line)
    assert head.split()[-2:] == ["people", "events"], table
    row = next(line for line in table.splitlines() if line.lstrip().startswith("half-day-"))
    listed = json.loads(ws.ok("sessions", "--json").stdout)
    assert row.split()[-1] == str(listed[0]["events"]), table


@pytest.mark.e2e
def test_the_ids_stay_whole_however_long_the_title(ws: Workshop, tmp_path: Path) -> None:
    ws.new("a-rather-long-session-name-0001")
    env = {**os.environ, "COLUMNS": "80"}
    table = subprocess.run(
        [sys.executable, "-m", "workshop", "sessions", "--sessions-dir", str(ws.sessions)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    ).stdout
    assert "a-rather-long-session-name-0001" in table


def test_an_action_due_on_the_calendars_last_day_is_an_event_not_a_traceback(ws: Workshop) -> None:
    """`--due 9999-12-31` (a careless "some day") is a date like any other: the all-day event on it
    has no day after it to end on, so it goes without DTEND, which means one day (RFC 5545 3.6.1)."""
    ws.started_at()
    ws.ok("note", "s", "--due", "9999-12-31", "Some day")
    text = ws.ok("actions", "s", "--format", "ics", "--ics-kind", "event").stdout
    events = Calendar.from_ical(text).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART"), "DTEND" in e) for e in events] == [
        ("Some day", dt.date(9999, 12, 31), False)
    ]
    assert [e.dtstart.value for e in vobject.readOne(text).vevent_list] == [dt.date(9999, 12, 31)]
