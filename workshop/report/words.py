"""The words every report format shares, read from `as_dict` (render.py): a poll's caption and
shown rows, when and how the session ran, the agenda's rows and columns, notes grouped by step,
and what the fold refused to obey or to believe. Each takes a `quote` where a participant's or
the file's string must be made safe for the format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from workshop import i18n
from workshop.engine.tally import SESSION_STATUS_WORDS, plural, said
from workshop.i18n import N_, _, ngettext, number

# What a poll's bars count, by vote kind: the caption under its question.
KIND_CAPTION = {
    "single": N_("votes per option"),
    "multi": N_("votes per option (each voter may pick several)"),
    "scale": N_("distribution of answers"),
    "dots": N_("dots per option, in total"),
    "rank": N_("Borda points: last place 0, each place higher one more"),
    "text": N_("most frequent answers"),
    "consent": N_("fist of five: under the threshold is a block or a serious concern"),
}
TEXT_ROWS = 10  # a text poll shows its most frequent answers, not a long tail of one-offs


def shown_rows(poll: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The result rows a report shows for a poll (from `as_dict`), and how many it left out."""
    rows = poll["results"]["rows"]
    if poll["kind"] != "text":
        return rows, 0
    return rows[:TEXT_ROWS], max(0, len(rows) - TEXT_ROWS)


def drift_words(seconds: float) -> str:
    minutes = seconds / 60
    if round(minutes, 1) == 0:
        return _("on schedule")
    late = number(abs(minutes), ".1f")
    return (
        _("{minutes} min behind schedule").format(minutes=late)
        if minutes >= 0
        else _("{minutes} min ahead of schedule").format(minutes=late)
    )


def when_words(session: dict[str, Any]) -> str:
    """'2026-04-01, 09:00–09:09 UTC', from the ISO times as_dict gives; '' before it started."""
    started, ended = session["started"], session["ended"]
    if not started:
        return _("not started")
    day, start = started[:10], started[11:16]
    day = i18n.day(dt.date.fromisoformat(day), english="%Y-%m-%d")
    if not ended:
        return _("{day}, from {start} UTC").format(day=day, start=start)
    end = (
        ended[11:16]
        if ended[:10] == started[:10]
        else f"{i18n.day(dt.date.fromisoformat(ended[:10]), english='%Y-%m-%d')} {ended[11:16]}"
    )
    return _("{day}, {start}–{end} UTC").format(day=day, start=start, end=end)


def meta_words(data: dict[str, Any], quote: Callable[[str], str] = str) -> str:
    """The report's first line: when, who ran it, who took part, how it kept time. `quote`
    escapes the facilitator's name for the format (it comes from the file)."""
    session = data["session"]
    who = _(", facilitated by {quote}").format(quote=quote(session["facilitator"])) if session["facilitator"] else ""
    status = said(SESSION_STATUS_WORDS, session["status"])
    return (
        f"{when_words(session)}{who}; {status}, {plural(len(data['participants']), 'participant')}, "
        f"{drift_words(session['drift_seconds'])}"
    )


def agenda_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The agenda table's rows, with paused time as a row of its own when there was any, so
    that the difference column adds up to the drift."""
    rows = []
    late = data["session"]["late_start_seconds"]
    if late:
        rows.append(
            {
                "id": "",
                "title": _("late start"),
                "kind": "start",
                "planned_seconds": 0,
                "agenda_seconds": 0,
                "extra_seconds": 0,
                "actual_seconds": 0,
                "visited": True,
                "difference_seconds": late,
            }
        )
    for step in data["steps"]:
        rows.append(dict(step, kind="step"))
        rows += [
            {
                "id": "",
                "title": f"· {r['label']}",
                "kind": "round",
                "planned_seconds": r["planned_seconds"],
                "agenda_seconds": r["planned_seconds"],
                "extra_seconds": 0,
                "actual_seconds": r["actual_seconds"],
                "visited": step["visited"],
                "difference_seconds": None,
            }
            for r in step.get("rounds", ())
        ]
    paused = data["session"]["paused_seconds"]
    if paused:
        rows.append(
            {
                "id": "",
                "title": "paused",
                "kind": "paused",
                "planned_seconds": 0,
                "agenda_seconds": 0,
                "extra_seconds": 0,
                "actual_seconds": paused,
                "visited": True,
                "difference_seconds": paused,
            }
        )
    return rows


def row_title(row: dict[str, Any]) -> str:
    return row["title"] + (" (inserted)" if row.get("inserted") else "")


def actual_words(row: dict[str, Any], minutes: Callable[[float], str]) -> str:
    """What the actual column says: minutes, "skipped", or "–" for a step that never ran."""
    if row.get("skipped"):
        return _("skipped")
    return minutes(row["actual_seconds"]) if row["visited"] else "–"


def end_words(session: dict[str, Any]) -> str:
    """'Planned end 10:30 UTC; forecast 10:42 UTC.' ('' when neither is known)."""
    planned, forecast_at = session["planned_end"], session["forecast_end"]
    if not planned:
        return ""
    said = _("Planned end {planned} UTC").format(planned=planned[11:16])
    if forecast_at and session["status"] != "ended":
        said += _("; forecast {forecast_at} UTC").format(forecast_at=forecast_at[11:16])
    return said + "."


def difference_words(seconds: float | None) -> str:
    return "" if seconds is None else number(seconds / 60, "+.1f")


def notes_by_step(data: dict[str, Any]) -> list[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
    """Notes grouped under their step, in agenda order (notes on an unknown step come last)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for note in data["notes"]:
        groups.setdefault(note["step"], []).append(note)
    steps = {s["id"]: s for s in data["steps"]}
    ordered: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]] = [
        (s, groups.pop(s["id"])) for s in data["steps"] if s["id"] in groups
    ]
    return ordered + [(steps.get(step), notes) for step, notes in groups.items()]


def trust_lines(data: dict[str, Any], quote: Callable[[str], str] = str) -> list[str]:
    """What the fold refused to obey or to believe, said once at the top of a report; `quote`
    makes a participant's name safe for the report's format."""
    session, out = data["session"], []
    forged = session.get("not_from_facilitator", [])
    if forged:
        kinds = ", ".join(sorted({f["type"] for f in forged}))
        # English says "(s)" whatever the count, as reports always have (byte for byte); a
        # translation takes its language's forms
        out.append(
            ngettext(
                "Ignored {n} event(s) not from the facilitator (no valid signature): {kinds}.",
                "Ignored {n} event(s) not from the facilitator (no valid signature): {kinds}.",
                len(forged),
            ).format(n=len(forged), kinds=kinds)
        )
    if breaks := session.get("chain_breaks", []):
        out.append(
            ngettext(
                "The facilitator's signed events are not all as signed ({n} break(s) in their chain: "
                "events deleted, moved or copied); `workshop validate` lists them.",
                "The facilitator's signed events are not all as signed ({n} break(s) in their chain: "
                "events deleted, moved or copied); `workshop validate` lists them.",
                len(breaks),
            ).format(n=len(breaks))
        )
    if lost := session.get("joins_lost", []):
        out.append(
            _("Joins lost (a damaged or refused block), counted under the names their events carry: {names}.").format(
                names=", ".join(map(quote, lost))
            )
        )
    for poll in data.get("polls", []):
        if kept := poll.get("not_counted"):
            out.append(
                ngettext(
                    "{n} ballot(s) kept but not counted on “{question}”: the event that set its options "
                    "was lost, or never written.",
                    "{n} ballot(s) kept but not counted on “{question}”: the event that set its options "
                    "was lost, or never written.",
                    len(kept),
                ).format(n=len(kept), question=quote(poll["question"]))
            )
    if clamped := session.get("clamped_times"):
        out.append(
            ngettext(
                "{n} event(s) were dated after the file was written; read as of then.",
                "{n} event(s) were dated after the file was written; read as of then.",
                clamped,
            ).format(n=clamped)
        )
    return out + [""] if out else out
