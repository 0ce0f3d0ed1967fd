"""Several sessions side by side: the results of the polls they share, and how they differ.

Every difference is against the first session given: per option the change in value (votes,
dots, points, answers) and in share (percentage points); for scale polls the change in mean.
A poll is shared when every session has its id with the same vote kind; the others are listed
with the sessions that have them. Text answers are matched as the tally groups them (case,
spacing and trailing punctuation do not matter).

`compare` builds plain data and `as_json` writes it; compare_tables.py turns it into Markdown,
HTML or Rich tables.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workshop.content.languages import value_in
from workshop.engine.in_language import state_in
from workshop.engine.tally import normalise
from workshop.engine.views import PollView, SessionState
from workshop.i18n import _
from workshop.report import followup


def _results(view: PollView) -> dict[str, Any]:
    t = view.tally
    out: dict[str, Any] = {
        "ballots": len(view.ballots),
        "rows": [{"label": r.label, "value": r.value, "share": round(r.share, 4)} for r in t.rows],
    }
    if t.mean is not None:
        out["mean"], out["median"] = round(t.mean, 3), t.median
    return out


def match_key(kind: str, label: str) -> str:
    """What an option or answer is matched by across sessions: text answers as the tally groups them."""
    return normalise(label) if kind == "text" else label


def _differences(kind: str, base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    first = {match_key(kind, r["label"]): r for r in base["rows"]}
    then = {match_key(kind, r["label"]): r for r in other["rows"]}
    labels = {**{k: r["label"] for k, r in then.items()}, **{k: r["label"] for k, r in first.items()}}
    rows = []
    for key in [*first, *(k for k in then if k not in first)]:  # the first session's order, then new answers
        a, b = first.get(key), then.get(key)
        rows.append(
            {
                "label": labels[key],
                "value": (b["value"] if b else 0) - (a["value"] if a else 0),
                "share_points": round(((b["share"] if b else 0) - (a["share"] if a else 0)) * 100, 1),
            }
        )
    out: dict[str, Any] = {"rows": rows}
    if base.get("mean") is not None and other.get("mean") is not None:
        out["mean"] = round(other["mean"] - base["mean"], 3)
    return out


def _ids(states: Sequence[SessionState]) -> list[str]:
    """Session ids, made unique: two files may carry the same id."""
    seen: dict[str, int] = {}
    ids = []
    for s in states:
        seen[s.id] = seen.get(s.id, 0) + 1
        ids.append(s.id if seen[s.id] == 1 else f"{s.id}#{seen[s.id]}")
    return ids


def compare(states: Sequence[SessionState]) -> dict[str, Any]:
    ids = _ids(states)
    order: dict[str, None] = {}
    for s in states:
        order.update(dict.fromkeys(s.polls))
    shared, only = [], []
    for qid in order:
        views = [s.polls.get(qid) for s in states]
        kinds = {v.poll.vote for v in views if v is not None}
        present = [v for v in views if v is not None]
        if len(present) < len(states) or len(kinds) > 1:
            only.append(
                {
                    "id": qid,
                    "question": present[0].poll.question,
                    "sessions": [i for i, v in zip(ids, views, strict=True) if v is not None],
                    "why": _("vote kinds differ") if len(kinds) > 1 else _("not in every session"),
                }
            )
            continue
        results = [_results(v) for v in present]
        kind = present[0].poll.vote
        shared.append(
            {
                "id": qid,
                "kind": kind,
                "question": present[0].poll.question,
                "unit": present[0].tally.unit,
                "sessions": [{"session": i, **r} for i, r in zip(ids, results, strict=True)],
                "differences": [
                    {
                        "session": i,
                        "against": ids[0],
                        **_differences(kind, results[0], r),
                        **followup.paired(present[0], v),
                    }
                    for i, r, v in zip(ids[1:], results[1:], present[1:], strict=True)
                ],
            }
        )
    return {
        "sessions": [
            {"id": i, "title": s.title, "status": s.status, "participants": len(s.participants)}
            for i, s in zip(ids, states, strict=True)
        ],
        "polls": shared,
        "not_shared": only,
        "actions": followup.completion(states, ids),  # a follow-up's carried actions, by owner and decision
    }


def in_language(data: dict[str, Any], states: Sequence[SessionState], lang: str) -> dict[str, Any]:
    """`compare`'s data (made from the states as they are, so options match by their first-
    language labels, whenever each session ran and in whatever languages) with each question,
    option and scale label as a reader of `lang` reads it: in the words of the first session
    whose module gives that poll in `lang`, as it is otherwise; and each session's title."""
    shown = [state_in(s, lang) for s in states]
    said: dict[str, PollView] = {}
    for own, read in zip(states, shown, strict=True):
        for qid, view in own.polls.items():
            if qid not in said and read.polls[qid] is not view:
                said[qid] = read.polls[qid]
    for session, read in zip(data["sessions"], shown, strict=True):
        session["title"] = read.title
    for poll in [*data["polls"], *data["not_shared"]]:
        if poll["id"] not in said:
            continue
        view = said[poll["id"]]
        poll["question"] = view.poll.question
        labels = [r.label for r in view.tally.rows]
        for table in [*poll.get("sessions", ()), *poll.get("differences", ())]:
            for i, row in enumerate(table["rows"]):
                if view.poll.vote == "scale" and i < len(labels):
                    row["label"] = labels[i]
                elif view.poll.vote != "text":
                    row["label"] = value_in(view.poll, (row["label"],))[0]
    return data


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)
