"""Action items that follow the session: an owner and a due date on a note, `workshop actions` in
Markdown, CSV, JSON and iCalendar (one to-do per action, read back with the library that wrote
it), the report opening with them, and a one-line refusal for a date that is not one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from icalendar import Calendar

from tests.cli.conftest import Workshop
from workshop import i18n
from workshop.engine import dates


def with_actions(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", "--owner", "Ana Lima", "--due", "2026-12-15", "Book the WFM review")
    ws.ok("note", "s", "--action", "Share the slides")
    ws.ok("note", "s", "Just a note, not an action")


def test_owner_and_due_travel_to_every_format(ws: Workshop) -> None:
    with_actions(ws)
    listed = json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]
    assert [(a["text"], a["owner"], a["due"]) for a in listed] == [
        ("Book the WFM review", "Ana Lima", "2026-12-15"),
        ("Share the slides", "", ""),
    ]
    rows = list(csv.DictReader(io.StringIO(ws.ok("actions", "s", "--format", "csv").stdout)))
    assert [(r["text"], r["owner"], r["due"]) for r in rows] == [
        ("Book the WFM review", "Ana Lima", "2026-12-15"),
        ("Share the slides", "", ""),
    ]
    markdown = ws.ok("actions", "s").stdout
    assert "| Book the WFM review | Ana Lima | 2026-12-15 |" in markdown and "Just a note" not in markdown


def test_the_ics_has_one_todo_per_action_and_parses(ws: Workshop) -> None:
    with_actions(ws)
    calendar = Calendar.from_ical(ws.ok("actions", "s", "--format", "ics", "--ics-kind", "todo").stdout)
    todos = list(calendar.walk("VTODO"))
    assert [str(t["SUMMARY"]) for t in todos] == ["Book the WFM review", "Share the slides"]
    first = todos[0]
    assert first.decoded("DUE").isoformat() == "2026-12-15" and str(first["CONTACT"]) == "Ana Lima"
    assert "DUE" not in todos[1] and len({str(t["UID"]) for t in todos}) == 2


def test_the_report_opens_with_the_actions(ws: Workshop) -> None:
    with_actions(ws)
    report = ws.ok("report", "s").stdout
    actions = report.index("## Action items")
    assert actions < report.index("## Agenda")
    assert "owner Ana Lima; due 2026-12-15" in report[actions : report.index("## Agenda")]


def test_a_due_date_that_is_not_one_is_refused(ws: Workshop) -> None:
    ws.started_at()
    assert "due Tue 15 Dec 2026" in ws.ok("note", "s", "--due", "15/12/2026", "Book it").stdout  # once refused
    ws.refused("note", "s", "--due", "2026-02-30", "Book it", says="not a day of the calendar")
    ws.refused("actions", "s", "--format", "xls", says="unknown format")


def test_a_due_date_is_read_and_said_back_in_the_language_spoken(ws: Workshop) -> None:
    """A facilitator in Germany, Spain or France types the month as they write it, and hears the
    date back in their language, not 'fällig Tue 15 Dec 2026'."""
    ws.started_at()
    for lang, typed, said in (
        ("de", "15. Dez. 2026", "fällig Di. 15. Dez. 2026"),
        ("es", "15 de diciembre de 2026", "vence el mar 15 dic 2026"),
        ("fr", "15 déc. 2026", "échéance mar. 15 déc. 2026"),
        ("en", "Tue 15 Dec 2026", "due Tue 15 Dec 2026"),
    ):
        assert said in ws.ok("note", "s", "--lang", lang, "--due", typed, "Book it").stdout
    assert {a["due"] for a in json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]} == {"2026-12-15"}
    refused = ws.run("note", "s", "--lang", "de", "--due", "15 jui", "Book it")  # juin or juillet: neither
    said = "Fehler: „15 jui“ ist kein lesbares Datum; geben Sie zum Beispiel eines davon ein: "  # not '15 jui'
    assert refused.exit_code == 2 and refused.stderr.startswith(said), refused.stderr
    assert "15. Dez., morgen, Freitag, nächste Woche, in 2 Wochen" in refused.stderr


def test_a_relative_due_date_is_read_in_the_language_spoken(ws: Workshop) -> None:
    """The reproduction: `--lang de note --due morgen` was refused ('is not a date this reads'), as
    were 'la semana que viene' and 'dans 2 semaines'; each now says back the day it read."""
    ws.started_at()
    for lang, typed, days, said in (
        ("de", "morgen", 1, "fällig "),
        ("de", "in 2 Wochen", 14, "fällig "),
        ("es", "mañana", 1, "vence el "),
        ("es", "dentro de dos semanas", 14, "vence el "),
        ("fr", "demain", 1, "échéance "),
        ("fr", "dans 2 semaines", 14, "échéance "),
        ("en", "in 3 days", 3, "due "),
    ):
        before = dt.datetime.now().astimezone().date()
        out = ws.ok("note", "s", "--lang", lang, "--due", typed, "Book it").stdout
        after = dt.datetime.now().astimezone().date()  # a run across midnight reads either day
        with i18n.speaking(lang):
            assert any(said + dates.shown(day + dt.timedelta(days=days)) in out for day in (before, after)), out
    listed = json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]
    assert len(listed) == 7 and all(len(a["due"]) == 10 for a in listed)
    refused = ws.run("note", "s", "--lang", "fr", "--due", "dans quelques jours", "Book it")
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert refused.stderr.startswith("erreur : ") and "demain, vendredi, la semaine prochaine" in refused.stderr


def test_a_revote_on_a_poll_nobody_has_voted_on_is_refused(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.refused("control", "s", "revote", says="no ballots in this round yet")
    ws.ok("vote", "s", "--name", "Ana", "1")
    assert "round 2 open" in ws.ok("control", "s", "revote").stdout
    ws.refused("control", "s", "revote", says="no ballots in this round yet")


def test_the_csv_gives_every_action_back_as_typed_by_dropping_one_quote(ws: Workshop) -> None:
    """A note starting with `'` came out of the actions CSV as typed, so a spreadsheet ate the
    quote and a reader could not tell it from a guarded `=SUM(…)`; the ballots CSV already
    guarded it. Both write it the same way now: drop one leading `'` to read any cell back."""
    ws.started_at()
    typed = ["'quoted' is how the team says it", "=SUM(A1:A9) is not a formula here", "Plain"]
    for text in typed:
        ws.ok("note", "s", "--action", text)
    rows = list(csv.DictReader(io.StringIO(ws.ok("actions", "s", "--format", "csv").stdout)))
    assert [r["text"] for r in rows] == [
        "''quoted' is how the team says it",
        "'=SUM(A1:A9) is not a formula here",
        "Plain",
    ]
    assert [r["text"][1:] if r["text"].startswith("'") else r["text"] for r in rows] == typed
