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
from collections.abc import Sequence
from typing import Any

from workshop import i18n
from workshop.engine.afterwards import status_said
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.report.ballots_csv import guard
from workshop.report.render import md_escape, md_participant

FIELDS = ("text", "owner", "due", "author", "step", "step_title", "at", "id", "edited")


def rows(state: SessionState) -> list[dict[str, Any]]:
    titles = {s.qid: s.spec.title for s in state.steps}
    return [
        {
            "text": n.text,
            "owner": n.owner,
            "due": n.due,
            "author": n.name,
            "step": n.step,
            "step_title": titles.get(n.step, n.step),
            "at": _iso(n.at),
            "id": n.id,
            "edited": n.edited,
        }
        for n in state.notes
        if n.action
    ]


def as_json(state: SessionState) -> str:
    return json.dumps({"session": state.id, "title": state.title, "actions": rows(state)}, ensure_ascii=False, indent=2)


def as_csv(state: SessionState) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows(state):  # a cell starting = + - @ is text here, never a spreadsheet formula
        writer.writerow(_guarded(row))
    return out.getvalue()


def as_markdown(state: SessionState) -> str:
    lines = [
        _("# Action items: {title}").format(title=md_escape(state.title)),
        "",
        _("| action | owner | due | from | step |"),
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(r['text'])}{_(' (edited)') if r['edited'] else ''} | {_cell(r['owner']) or '–'} "
        f"| {due_day(r['due']) or '–'} "
        f"| {_cell(r['author'])} | {md_escape(r['step_title'])} |"
        for r in rows(state)
    ]
    return "\n".join(lines if len(lines) > 4 else [*lines[:2], _("None.")]) + "\n"


def due_day(due: str) -> str:
    """A due date (ISO) as the reader writes a day; '' when there is none."""
    return i18n.day(dt.date.fromisoformat(due), english="%Y-%m-%d") if due else ""


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
        entry.add(
            "description",
            _("From {author}, on {step}, in the workshop {title}.").format(
                author=row["author"], step=row["step_title"], title=state.title
            )
            + (_(" Owner: {owner}.").format(owner=row["owner"]) if row["owner"] else ""),
        )
        if row["owner"]:
            entry.add("contact", row["owner"])  # free text: an owner is a name, not an address
        if kind == "event":
            day = dt.date.fromisoformat(row["due"])
            entry.add("dtstart", day)  # a date, not a time: all day
            if day < dt.date.max:  # the calendar's last day has none after it: no DTEND is one day too
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


# ---------------------------------------------------------------------- across a chain of sessions

CHAIN_FIELDS = ("id", "text", "owner", "due", "decision", "written_in", "status", "status_in", "comment")
CHAIN_WORDS = {  # marked here, said in the reader's language where shown
    "title": N_("# Action items across {sessions}"),
    "head": N_("| action | owner | due | decision | written in | status | since | note |"),
    "none": N_("None."),
}


def chain_rows(states: Sequence[SessionState]) -> list[dict[str, Any]]:
    """Every action of a chain of sessions (oldest first), once, with its latest status: an action
    carried into a follow-up keeps its id, and each review there moves it on."""
    rows: dict[str, dict[str, Any]] = {}
    for s in states:
        for c in s.record.carried:
            row = rows.setdefault(
                c.note,
                {
                    "id": c.note,
                    "text": c.text,
                    "owner": c.owner,
                    "due": c.due,
                    "decision": c.decision,
                    "written_in": c.session,
                    "status": c.status,
                    "status_in": s.id,
                    "comment": c.comment,
                    "history": [],
                },
            )
            for r in c.reviews:
                row.update(status=r.status, status_in=s.id, comment=r.comment)
                row["history"].append(
                    {"session": s.id, "at": _iso(r.at), "status": r.status, "comment": r.comment, "by": r.by}
                )
        for n in s.notes:
            if n.action and n.id not in rows:
                serving = s.record.serving(n.id)
                rows[n.id] = {
                    "id": n.id,
                    "text": n.text,
                    "owner": n.owner,
                    "due": n.due,
                    "decision": serving.text if serving else "",
                    "written_in": s.id,
                    "status": "open",
                    "status_in": s.id,
                    "comment": "",
                    "history": [],
                }
    return list(rows.values())


def chain_json(states: Sequence[SessionState]) -> str:
    return json.dumps({"sessions": [s.id for s in states], "actions": chain_rows(states)}, ensure_ascii=False, indent=2)


def chain_csv(states: Sequence[SessionState]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CHAIN_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in chain_rows(states):
        writer.writerow(_guarded(row))
    return out.getvalue()


def _guarded(row: dict[str, Any]) -> dict[str, Any]:
    """The row's text cells as ballots_csv.guard writes them: a spreadsheet runs none as a formula,
    and dropping one leading `'` gives each back."""
    return {k: guard(v) if isinstance(v, str) else v for k, v in row.items()}


def chain_markdown(states: Sequence[SessionState]) -> str:
    lines = [
        _(CHAIN_WORDS["title"]).format(sessions=md_escape(", ".join(s.id for s in states))),
        "",
        _(CHAIN_WORDS["head"]),
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(r['text'])} | {_cell(r['owner']) or '–'} | {due_day(r['due']) or '–'} "
        f"| {_cell(r['decision']) or '–'} | {md_escape(r['written_in'])} | {status_said(r['status'])} "
        f"| {md_escape(r['status_in'])} | {_cell(r['comment']) or '–'} |"
        for r in chain_rows(states)
    ]
    return "\n".join(lines if len(lines) > 4 else [*lines[:2], _(CHAIN_WORDS["none"])]) + "\n"


CHAIN_FORMATS = {"md": chain_markdown, "csv": chain_csv, "json": chain_json}
