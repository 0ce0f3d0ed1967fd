"""The report's content as one dict (`as_dict`) and JSON for scripts; the words every format
shares are in words.py, Markdown in markdown.py, HTML in html.py, all from the same SessionState.

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
from typing import Any

from workshop.content.model import Poll
from workshop.engine import forecast, tally
from workshop.engine.bidi import isolate
from workshop.engine.tally import Tally
from workshop.engine.views import Note, PollView, SessionState, StepView

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md_escape(value: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", value).replace("\n", "  \n")


def md_participant(value: str) -> str:
    """A participant's string (name, note, answer) for Markdown: isolated, then escaped."""
    return md_escape(isolate(value))


def iso_time(t: float, _memo: dict[int, str] = {}) -> str:  # noqa: B006 - a deliberate cache
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
            {"name": p.name, "joined": iso_time(p.joined), "last_seen": iso_time(p.last_seen)}
            for p in state.participants
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
                "at": iso_time(i.at),
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
                "at": iso_time(q.at),
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
        "started": iso_time(state.started) if state.started is not None else None,
        "ended": iso_time(state.ended) if state.ended is not None else None,
        "paused_seconds": round(state.paused_seconds, 1),
        "drift_seconds": round(state.drift, 1),
        "late_start_seconds": round(state.late_start, 1),
        "planned_start": iso_time(state.planned_start) if state.planned_start is not None else None,
        "planned_end": iso_time(end) if (end := forecast.planned_end(state)) is not None else None,
        "forecast_end": iso_time(forecast.forecast_end(state)) if state.started is not None else None,
    }
    if state.forged:  # only when there is something to say, so ordinary reports stay as they were
        session["not_from_facilitator"] = [{"type": kind, "at": iso_time(t)} for kind, t in state.forged]
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
        "at": iso_time(n.at),
        **({"owner": n.owner, "due": n.due} if n.action else {}),
        **({"edited": True} if n.edited else {}),
    }


def as_json(state: SessionState) -> str:
    """`as_dict` as JSON, compact (json's C encoder only runs without indent). The notes, most of
    a long session's report, are written here without a dict each, for speed: byte for byte what
    json.dumps makes of `note_dict` (tests/report/test_identity.py)."""
    data = as_dict(state, notes=False)
    names, dump, text = _names(state), json.dumps, json.encoder.encode_basestring
    notes = [
        dump(note_dict(n, names), ensure_ascii=False)
        if n.action or n.edited
        # not translated: JSON
        else f'{{"step": {text(n.step)}, "author": {text(n.name or names.get(n.author, n.author))}, '
        f'"text": {text(n.text)}, "action": false, "at": "{iso_time(n.at)}"}}'
        for n in state.notes
    ]
    pieces: list[str] = []  # joined once: the notes are most of the report, and each `+` would copy it all
    for key, value in data.items():
        pieces += [", " if pieces else "{", f'"{key}": ']
        pieces += ["[", ", ".join(notes), "]"] if key == "notes" else [dump(value, ensure_ascii=False)]
    return "".join([*pieces, "}"])
