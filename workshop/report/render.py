"""Markdown for people, JSON for scripts; both from the same SessionState.

Participant strings are untrusted: JSON carries them as data, Markdown escapes its own syntax
so a note like `[click](javascript:…)` shows as typed and never becomes a link.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from workshop.engine.state import SessionState

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md_escape(value: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", value).replace("\n", "  \n")


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
    return {
        "session": {"id": state.id, "title": state.title, "status": state.status, "events": state.events,
                    "drift_seconds": round(state.drift, 1)},
        "steps": [{"id": s.qid, "title": s.step.title, "planned_seconds": s.planned + s.extra,
                   "actual_seconds": round(s.elapsed, 1)} for s in state.steps],
        "polls": polls,
        "notes": [{"step": n.step, "author": n.name or names.get(n.author, n.author), "text": n.text,
                   "action": n.action, "at": _iso(n.at)} for n in state.notes],
        "participants": [{"name": p.name, "joined": _iso(p.joined), "last_seen": _iso(p.last_seen)}
                         for p in state.participants],
    }


def as_json(state: SessionState) -> str:
    # compact: json's C encoder only runs without indent, and a long session has many notes
    return json.dumps(as_dict(state), ensure_ascii=False)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"


def as_markdown(state: SessionState) -> str:
    data = as_dict(state)
    drift = state.drift / 60
    out = [f"# {md_escape(state.title)}", "",
           f"Session `{state.id}`: {state.status}, {len(state.participants)} participants, "
           f"{abs(drift):.0f} min {'behind' if drift >= 0 else 'ahead of'} schedule.", ""]
    actions = [n for n in data["notes"] if n["action"]]
    if actions:
        out += ["## Action items", ""] + [f"- {md_escape(n['text'])} ({md_escape(n['author'])})" for n in actions] + [""]
    out += ["## Agenda", "", "| step | title | planned min | actual min |", "|---|---|---:|---:|"]
    out += [f"| {s['id']} | {md_escape(s['title'])} | {_minutes(s['planned_seconds'])} | {_minutes(s['actual_seconds'])} |"
            for s in data["steps"]]
    out += ["", "## Polls", ""]
    for poll in data["polls"]:
        out += [f"### {md_escape(poll['question'])}", "",
                f"`{poll['id']}`, {poll['kind']}, {poll['ballots']} ballots"
                + (" (anonymous)" if poll["anonymous"] else ""), ""]
        res = poll["results"]
        for row in res["rows"]:
            bar = "█" * round(row["share"] * 20)
            out.append(f"- {md_escape(str(row['label']))}: {row['value']:g} {res['unit']} {bar}")
        if "mean" in res:
            out.append(f"- mean {res['mean']}, median {res['median']}")
        out.append("")
    out += ["## Notes", ""]
    for n in data["notes"]:
        flag = " **(action)**" if n["action"] else ""
        out.append(f"- `{n['step']}` {md_escape(n['author'])}: {md_escape(n['text'])}{flag}")
    return "\n".join(out) + "\n"
