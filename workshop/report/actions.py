"""The session's action items, for whoever follows up: `workshop actions S --format md|csv|json|ics`.

Each is a note the facilitator marked, with its owner and due date when given. iCalendar is
written by the `icalendar` library (escaping, line folding and the required properties are its
job): an all-day VEVENT on each action's due date, which every calendar app takes in, or one
VTODO per action, for task apps (many calendars import no to-dos). It is imported only here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from workshop.engine.state import SessionState
from workshop.i18n import _
from workshop.report.render import md_escape, md_participant

FIELDS = ("text", "owner", "due", "author", "step", "step_title", "at", "id", "edited")


def rows(state: SessionState) -> list[dict[str, Any]]:
    titles = {s.qid: s.step.title for s in state.steps}
    return [{"text": n.text, "owner": n.owner, "due": n.due, "author": n.name, "step": n.step,
             "step_title": titles.get(n.step, n.step), "at": _iso(n.at), "id": n.id, "edited": n.edited}
            for n in state.notes if n.action]


def as_json(state: SessionState) -> str:
    return json.dumps({"session": state.id, "title": state.title, "actions": rows(state)}, ensure_ascii=False, indent=2)


def as_csv(state: SessionState) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows(state):  # a cell starting = + - @ is text here, never a spreadsheet formula
        writer.writerow({k: ("'" + v if isinstance(v, str) and v and v[0] in "=+-@\t\r" else v)
                         for k, v in row.items()})
    return out.getvalue()


def as_markdown(state: SessionState) -> str:
    lines = [_("# Action items: {title}").format(
        title=md_escape(state.title)), "", _("| action | owner | due | from | step |"),
             "|---|---|---|---|---|"]
    lines += [f"| {_cell(r['text'])}{_(' (edited)') if r['edited'] else ''} | {_cell(r['owner']) or '–'} "
              f"| {r['due'] or '–'} "
              f"| {_cell(r['author'])} | {md_escape(r['step_title'])} |" for r in rows(state)]
    return "\n".join(lines if len(lines) > 4 else [*lines[:2], _("None.")]) + "\n"


def _cell(value: str) -> str:
    """Participant text in a table cell: a line break would end the row, so it becomes <br>."""
    return md_participant(value).replace("  \n", "<br>")


ICS_KINDS = ("event", "todo")


def as_ics(state: SessionState, kind: str = "event") -> tuple[str, int]:
    """The calendar, and how many actions it leaves out: an event needs a due date."""
    from icalendar import Calendar, Event, Todo

    calendar = Calendar()
    calendar.add("prodid", "-//workshop//action items//EN")  # not translated: iCalendar's product id
    calendar.add("version", "2.0")
    undated = 0
    for row in rows(state):
        if kind == "event" and not row["due"]:
            undated += 1
            continue
        entry = Event() if kind == "event" else Todo()
        # not translated: an iCalendar UID
        entry.add("uid", f"{row['id']}@{state.id}.workshop")
        entry.add("dtstamp", dt.datetime.fromisoformat(row["at"]))
        entry.add("summary", row["text"])
        entry.add("description", _("From {author}, on {step}, in the workshop {title}.").format(
            author=row['author'], step=row['step_title'], title=state.title)
                  + (_(" Owner: {owner}.").format(owner=row['owner']) if row["owner"] else ""))
        if row["owner"]:
            entry.add("contact", row["owner"])  # free text: an owner is a name, not an address
        if kind == "event":
            day = dt.date.fromisoformat(row["due"])
            entry.add("dtstart", day)  # a date, not a time: all day
            entry.add("dtend", day + dt.timedelta(days=1))
            entry.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        else:
            entry.add("status", "NEEDS-ACTION")
            if row["due"]:
                entry.add("due", dt.date.fromisoformat(row["due"]))
        calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8"), undated


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).isoformat()


FORMATS = {"md": as_markdown, "csv": as_csv, "json": as_json}  # and as_ics, with its kind
