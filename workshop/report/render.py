"""The report's content as one dict (`as_dict`), JSON for scripts, and the words every format
shares; Markdown is in markdown.py, HTML in html.py, all from the same SessionState.

Participant strings are untrusted: JSON carries them as data, Markdown escapes its own syntax
so a note like `[click](javascript:…)` shows as typed and never becomes a link, and isolates
them (`bidi.isolate`: FSI…PDI, only around text that holds bidi controls or right-to-left
characters) so a name or note cannot reorder the rest of its line.

`as_dict` is the one shape every other report (Markdown, HTML) reads, so they carry the same content.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from workshop import i18n
from workshop.content.model import Poll
from workshop.engine import forecast, tally
from workshop.engine.bidi import isolate
from workshop.engine.tally import SESSION_STATUS_WORDS, Tally, plural, said
from workshop.engine.views import Note, PollView, SessionState, StepView
from workshop.i18n import N_, _, ngettext, number

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md_escape(value: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", value).replace("\n", "  \n")


def md_participant(value: str) -> str:
    """A participant's string (name, note, answer) for Markdown: isolated, then escaped."""
    return md_escape(isolate(value))


def _iso(t: float, _memo: dict[int, str] = {}) -> str:  # noqa: B006 - a deliberate cache
    second = int(t)
    if second not in _memo:
        if len(_memo) > 100_000:
            _memo.clear()
        _memo[second] = dt.datetime.fromtimestamp(second, dt.UTC).isoformat(timespec="seconds")
    return _memo[second]


def _names(state: SessionState) -> dict[str, str]:
    return {p.token: p.name for p in state.participants}


def as_dict(state: SessionState, notes: bool = True) -> dict[str, Any]:
    """The report's content; `notes=False` leaves the notes list empty (as_json writes it itself)."""
    names = _names(state)
    return {
        "session": _session(state),
        # planned_seconds: what the step was allowed (agenda minutes and any extension);
        # difference_seconds: what it did to the schedule, by the one rule drift adds up
        # (SessionState.step_drift), None while it does not count yet
        "steps": [_step(state, s) for s in state.steps],
        "polls": [_poll(state, view) for view in state.polls.values()],
        "notes": [note_dict(n, names) for n in state.notes] if notes else [],
        "participants": [
            {"name": p.name, "joined": _iso(p.joined), "last_seen": _iso(p.last_seen)} for p in state.participants
        ],
        "ideas": [
            {
                "id": i.id,
                "step": i.step,
                "text": i.text,
                "author": i.name or None,
                "merged_into": i.merged_into or None,
                "merged": i.merged,
                "hidden": i.hidden,
                "at": _iso(i.at),
                **({"edited": True} if i.edited else {}),
            }
            for i in state.room.ideas
        ],
        "questions": [
            {
                "id": q.id,
                "step": q.step,
                "text": q.text,
                "author": q.name or None,
                "votes": q.votes,
                "answered": q.answered,
                "hidden": q.hidden,
                "at": _iso(q.at),
            }
            for q in state.room.questions
        ],
    }


def _poll(state: SessionState, view: PollView) -> dict[str, Any]:
    t = view.tally
    rows = [{"label": r.label, "value": r.value, "share": round(r.share, 4)} for r in t.rows]
    results: dict[str, Any] = {"unit": t.unit, "rows": rows}
    if t.mean is not None:
        results["mean"], results["median"] = round(t.mean, 3), t.median
    entry = {
        "id": view.qid,
        "kind": view.poll.kind,
        "question": view.poll.question,
        "anonymous": view.poll.anonymous,
        "status": view.status,
        "ballots": len(view.ballots),
        "late": view.late,
        "resets": view.resets,
        "results": results,
        "options": list(view.poll.options),
        "options_from": view.poll.options_from or None,
        "ideas": list(state.room.options.get(view.qid, ())),
    }
    if view.poll.threshold is not None:
        entry["threshold"], entry["under"] = view.poll.threshold, tally.under(view.poll, t)
    if view.orphans:  # kept, not counted: the event that set the options was lost (or never written)
        entry["not_counted"] = [{"name": b.name, "value": list(b.value)} for b in view.orphans]
    if view.rounds:  # earlier rounds of a revote, oldest first; `results` is the latest round's
        rounds = [_round(view.poll, earlier) for earlier in view.rounds]
        entry["rounds"] = rounds
        entry["rounds_summary"] = tally.rounds_words(view.poll, view.rounds, t)
        if view.reworded:  # each round beside the words it voted on, the latest's last
            for entry_round, wording in zip(rounds, view.wordings, strict=False):
                entry_round["question"] = wording
            entry["round_wordings"] = [
                {"round": i, "question": q, "result": tally.round_words(view.poll, r)}
                for i, (q, r) in enumerate(zip([*view.wordings, view.poll.question], [*view.rounds, t], strict=True), 1)
            ]
    if view.reworded:
        entry["reworded"] = True
    return entry


def _session(state: SessionState) -> dict[str, Any]:
    session: dict[str, Any] = {
        "id": state.id,
        "title": state.title,
        "status": state.status,
        "events": state.events,
        "facilitator": state.facilitator,
        "started": _iso(state.started) if state.started is not None else None,
        "ended": _iso(state.ended) if state.ended is not None else None,
        "paused_seconds": round(state.paused_seconds, 1),
        "drift_seconds": round(state.drift, 1),
        "late_start_seconds": round(state.late_start, 1),
        "planned_start": _iso(state.planned_start) if state.planned_start is not None else None,
        "planned_end": _iso(end) if (end := forecast.planned_end(state)) is not None else None,
        "forecast_end": _iso(forecast.forecast_end(state)) if state.started is not None else None,
    }
    if state.forged:  # only when there is something to say, so ordinary reports stay as they were
        session["not_from_facilitator"] = [{"type": kind, "at": _iso(t)} for kind, t in state.forged]
    if state.breaks:
        session["chain_breaks"] = [{"event": at + 1, "what": what} for at, what in state.breaks]
    if state.unjoined:
        session["joins_lost"] = list(state.unjoined)
    if state.clamped:
        session["clamped_times"] = state.clamped
    return session


def _round(poll: Poll, result: Tally) -> dict[str, Any]:
    rows = [{"label": r.label, "value": r.value} for r in result.rows]
    out: dict[str, Any] = {"ballots": result.ballots, "rows": rows}
    if poll.threshold is not None:
        out["under"] = tally.under(poll, result)
    return out


def _step(state: SessionState, s: StepView) -> dict[str, Any]:
    """A step as it ran. An inserted break was in no plan: its minutes count as added on the day."""
    out: dict[str, Any] = {
        "id": s.qid,
        "title": s.spec.title,
        "planned_seconds": s.planned + s.extra,
        "agenda_seconds": 0 if s.inserted else s.planned,
        "extra_seconds": s.extra + (s.planned if s.inserted else 0),
        "actual_seconds": round(s.elapsed, 1),
        "visited": s.visited,
        "skipped": s.skipped,
        "inserted": s.inserted,
        "difference_seconds": None if (d := state.step_drift(s)) is None else round(d, 1),
        "hands": state.room.hands_raised.get(s.qid, 0),
        "called": state.room.hands_called.get(s.qid, 0),
        "reactions": dict(state.room.reactions.get(s.qid, {})),
    }
    if s.rounds:
        out["rounds"] = [
            {"label": r.label, "planned_seconds": r.planned, "actual_seconds": round(r.actual(s.elapsed), 1)}
            for r in s.rounds
        ]
    return out


def note_dict(n: Note, names: dict[str, str]) -> dict[str, Any]:
    return {
        "step": n.step,
        "author": n.name or names.get(n.author, n.author),
        "text": n.text,
        "action": n.action,
        "at": _iso(n.at),
        **({"owner": n.owner, "due": n.due} if n.action else {}),
        **({"edited": True} if n.edited else {}),
    }


def as_json(state: SessionState) -> str:
    """`as_dict` as JSON, compact (json's C encoder only runs without indent). The notes, most of
    a long session's report, are written here without a dict each: byte for byte what json.dumps
    makes of `note_dict` (tests/report/test_identity.py), in half its time (78,000 notes: 60 ms
    against 117 ms, benchmarks/run.py report)."""
    data = as_dict(state, notes=False)
    names, dump, text = _names(state), json.dumps, json.encoder.encode_basestring
    notes = [
        dump(note_dict(n, names), ensure_ascii=False)
        if n.action or n.edited
        # not translated: JSON
        else f'{{"step": {text(n.step)}, "author": {text(n.name or names.get(n.author, n.author))}, '
        f'"text": {text(n.text)}, "action": false, "at": "{_iso(n.at)}"}}'
        for n in state.notes
    ]
    pieces: list[str] = []  # joined once: the notes are most of 17 MB, and each `+` of them would copy it all
    for key, value in data.items():
        pieces += [", " if pieces else "{", f'"{key}": ']
        pieces += ["[", ", ".join(notes), "]"] if key == "notes" else [dump(value, ensure_ascii=False)]
    return "".join([*pieces, "}"])


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
