"""Markdown for people, JSON for scripts; both from the same SessionState.

Participant strings are untrusted: JSON carries them as data, Markdown escapes its own syntax
so a note like `[click](javascript:…)` shows as typed and never becomes a link, and isolates
them (`text.isolate`: FSI…PDI, only around text that holds bidi controls or right-to-left
characters) so a name or note cannot reorder the rest of its line.

`as_dict` is the one shape every other report (Markdown, HTML) reads, so they carry the same content.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from workshop.engine.state import SessionState
from workshop.engine.text import isolate

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


def as_dict(state: SessionState) -> dict[str, Any]:
    names = _names(state)
    polls = []
    for view in state.polls.values():
        t = view.tally
        results: dict[str, Any] = {"unit": t.unit, "rows": [{"label": r.label, "value": r.value, "share": round(r.share, 4)}
                                                            for r in t.rows]}
        if t.mean is not None:
            results["mean"], results["median"] = round(t.mean, 3), t.median
        polls.append({
            "id": view.qid, "kind": view.poll.vote, "question": view.poll.question,
            "anonymous": view.poll.anonymous, "status": view.status, "ballots": len(view.ballots),
            "late": view.late, "resets": view.resets, "results": results,
        })
    session: dict[str, Any] = {"id": state.id, "title": state.title, "status": state.status, "events": state.events,
                               "drift_seconds": round(state.drift, 1)}
    if state.forged:  # only when there is something to say, so ordinary reports stay as they were
        session["not_from_facilitator"] = [{"type": kind, "at": _iso(t)} for kind, t in state.forged]
    if state.clamped:
        session["clamped_times"] = state.clamped
    return {
        "session": session,
        "steps": [{"id": s.qid, "title": s.step.title, "planned_seconds": s.planned + s.extra,
                   "actual_seconds": round(s.elapsed, 1), "visited": s.visited} for s in state.steps],
        "polls": polls,
        "notes": [{"step": n.step, "author": n.name or names.get(n.author, n.author), "text": n.text,
                   "action": n.action, "at": _iso(n.at)} for n in state.notes],
        "participants": [{"name": p.name, "joined": _iso(p.joined), "last_seen": _iso(p.last_seen)}
                         for p in state.participants],
    }


def as_json(state: SessionState) -> str:
    # compact: json's C encoder only runs without indent, and a long session has many notes
    return json.dumps(as_dict(state), ensure_ascii=False)


# What a poll's bars count, by vote kind: the caption under its question.
KIND_CAPTION = {
    "single": "votes per option",
    "multi": "votes per option (each voter may pick several)",
    "scale": "distribution of answers",
    "dots": "dots per option, in total",
    "rank": "Borda points: last place 0, each place higher one more",
    "text": "most frequent answers",
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
    return f"{abs(minutes):.0f} min {'behind' if minutes >= 0 else 'ahead of'} schedule"


def notes_by_step(data: dict[str, Any]) -> list[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
    """Notes grouped under their step, in agenda order (notes on an unknown step come last)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for note in data["notes"]:
        groups.setdefault(note["step"], []).append(note)
    steps = {s["id"]: s for s in data["steps"]}
    ordered: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]] = [
        (s, groups.pop(s["id"])) for s in data["steps"] if s["id"] in groups]
    return ordered + [(steps.get(step), notes) for step, notes in groups.items()]


def trust_lines(data: dict[str, Any]) -> list[str]:
    """What the fold refused to obey or to believe, said once at the top of a report."""
    session, out = data["session"], []
    forged = session.get("not_from_facilitator", [])
    if forged:
        kinds = ", ".join(sorted({f["type"] for f in forged}))
        out.append(f"Ignored {len(forged)} event(s) not from the facilitator (no valid signature): {kinds}.")
    if session.get("clamped_times"):
        out.append(f"{session['clamped_times']} event(s) were dated after the file was written; read as of then.")
    return out + [""] if out else out


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"


def as_markdown(state: SessionState) -> str:
    data = as_dict(state)
    out = [f"# {md_escape(state.title)}", "",
           f"Session `{state.id}`: {state.status}, {len(state.participants)} participants, "
           f"{drift_words(state.drift)}.", ""] + trust_lines(data)
    actions = [n for n in data["notes"] if n["action"]]
    out += ["## Action items", ""]
    titles = {s["id"]: s["title"] for s in data["steps"]}
    # the step comes from the file: escaped, as a hand-edited one may hold anything
    out += [f"- {md_participant(n['text'])} ({md_participant(n['author'])}), "
            f"on {md_escape(titles.get(n['step'], n['step']))}" for n in actions] or ["None."]
    out += [""]
    out += _md_agenda(data)
    out += ["## Polls", ""]
    for poll in data["polls"]:
        out += _md_poll(poll)
    out += ["## Notes", ""]
    for step, notes in notes_by_step(data):
        out += [f"### {md_escape(step['title'] if step else notes[0]['step'])}", ""]
        for n in notes:
            flag = " **(action)**" if n["action"] else ""
            out.append(f"- {md_participant(n['author'])}: {md_participant(n['text'])}{flag}")
        out.append("")
    if not data["notes"]:
        out += ["None.", ""]
    return "\n".join(out)


def _md_agenda(data: dict[str, Any]) -> list[str]:
    out = ["## Agenda", "", "| step | title | planned min | actual min | difference |", "|---|---|---:|---:|---:|"]
    for s in data["steps"]:
        actual = _minutes(s["actual_seconds"]) if s["visited"] else "–"
        diff = f"{(s['actual_seconds'] - s['planned_seconds']) / 60:+.1f}" if s["visited"] else ""
        out.append(f"| {s['id']} | {md_escape(s['title'])} | {_minutes(s['planned_seconds'])} | {actual} | {diff} |")
    planned = sum(s["planned_seconds"] for s in data["steps"])
    actual = sum(s["actual_seconds"] for s in data["steps"])
    out.append(f"| | **total** | {_minutes(planned)} | {_minutes(actual)} | |")
    return out + ["", f"Drift: {drift_words(data['session']['drift_seconds'])}.", ""]


def _md_poll(poll: dict[str, Any]) -> list[str]:
    res = poll["results"]
    out = [f"### {md_escape(poll['question'])}", "",
           f"`{poll['id']}`, {poll['kind']}, {poll['status']}, {poll['ballots']} ballots"
           + (" (anonymous)" if poll["anonymous"] else "") + f"; {KIND_CAPTION.get(poll['kind'], '')}", ""]
    rows, left_out = shown_rows(poll)
    top = max((r["share"] for r in rows), default=0) or 1
    for row in rows:
        bar = "█" * round(row["share"] / top * 20)  # the largest row gets the full bar
        out.append(f"- {md_participant(str(row['label']))}: {row['value']:g} {res['unit']} {bar}")
    if left_out:
        out.append(f"- and {left_out} other answers")
    if "mean" in res:
        out.append(f"- mean {res['mean']}, median {res['median']}")
    return out + [""]
