"""Several sessions side by side: the results of the polls they share, and how they differ.

Every difference is against the first session given: per option the change in value (votes,
dots, points, answers) and in share (percentage points); for scale polls the change in mean.
A poll is shared when every session has its id with the same vote kind; the others are listed
with the sessions that have them. Text answers are matched as the tally groups them (case,
spacing and trailing punctuation do not matter).

`compare` builds plain data; the renderers below turn it into JSON, Markdown, HTML or Rich
tables. Answers and titles are untrusted text: escaped in Markdown and HTML, and `Text` (never
markup) in Rich; answers are also isolated (FSI…PDI where needed, `<bdi>` in HTML) so one cannot
reorder the cells after it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from workshop.content.languages import value_in
from workshop.engine.bidi import isolate
from workshop.engine.in_language import state_in
from workshop.engine.tally import SESSION_STATUS_WORDS, VOTE_WORDS, normalise, said
from workshop.engine.views import PollView, SessionState
from workshop.i18n import _, html_open, number, pgettext
from workshop.report import followup
from workshop.report.html import CSS, bdi
from workshop.report.render import md_escape, md_participant


def _results(view: PollView) -> dict[str, Any]:
    t = view.tally
    out: dict[str, Any] = {
        "ballots": len(view.ballots),
        "rows": [{"label": r.label, "value": r.value, "share": round(r.share, 4)} for r in t.rows],
    }
    if t.mean is not None:
        out["mean"], out["median"] = round(t.mean, 3), t.median
    return out


def _key(kind: str, label: str) -> str:
    return normalise(label) if kind == "text" else label


def _differences(kind: str, base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    first = {_key(kind, r["label"]): r for r in base["rows"]}
    then = {_key(kind, r["label"]): r for r in other["rows"]}
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


# -------------------------------------------------------------------------------- the tables


def _grid(poll: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """One poll as a header and rows of plain strings: options down, sessions then differences across.
    The label column is untrusted text; the caller escapes it for its format."""
    kind, sessions, diffs = poll["kind"], poll["sessions"], poll["differences"]
    header = [
        pgettext("a column of a comparison", "option"),
        *(s["session"] for s in sessions),
        *(f"Δ {d['session']}" for d in diffs),
    ]
    cells: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for s in sessions:
        for r in s["rows"]:
            key = _key(kind, r["label"])
            labels.setdefault(key, r["label"])
            cells.setdefault(key, {})[s["session"]] = f"{number(r['value'], 'g')} ({number(r['share'], '.0%')})"
    for d in diffs:
        for r in d["rows"]:
            cells.setdefault(_key(kind, r["label"]), {})[f"Δ {d['session']}"] = _("{value} ({points} pts)").format(
                value=number(r["value"], "+g"), points=number(r["share_points"], "+.1f")
            )
    rows = [[labels.get(key, key), *(row.get(h, "0") for h in header[1:])] for key, row in cells.items()]
    if any("mean" in s for s in sessions):
        rows.append(
            [
                pgettext("a row of a comparison", "mean"),
                *(number(s["mean"], "") if "mean" in s else "–" for s in sessions),
                *(number(d["mean"], "+g") if "mean" in d else "–" for d in diffs),
            ]
        )
    if diffs:
        rows.append(
            [
                _(followup.WORDS["both"]),
                *("" for _ in sessions),
                *(str(d["both"]) + (f" ({number(d['both_mean'], '+g')})" if "both_mean" in d else "") for d in diffs),
            ]
        )
    return header, rows


def _kind(poll: dict[str, Any]) -> str:
    """A poll's vote kind and what its tally counts, in the reader's words: 'scale, votes'."""
    units = {
        "votes": pgettext("what a tally counts", "votes"),
        "answers": pgettext("what a tally counts", "answers"),
        "dots": pgettext("what a tally counts", "dots"),
        "points": pgettext("what a tally counts", "points"),
    }
    return f"{said(VOTE_WORDS, poll['kind'])}, {units.get(poll['unit'], poll['unit'])}"


def _title(poll: dict[str, Any]) -> str:
    return f"{poll['question']} ({poll['id']}, {_kind(poll)})"


def as_markdown(data: dict[str, Any]) -> str:
    out = [_("# Sessions compared"), ""]
    out += [
        _("- {id}: {title}, {status}, {participants} participants").format(
            id=md_escape(s["id"]),
            title=md_escape(s["title"]),
            status=said(SESSION_STATUS_WORDS, s["status"]),
            participants=s["participants"],
        )
        for s in data["sessions"]
    ]
    out += ["", _("Differences (Δ) are against the first session."), "", _("## Shared polls"), ""]
    for poll in data["polls"]:
        header, rows = _grid(poll)
        out += [
            f"### {md_escape(poll['question'])}",
            "",
            f"`{poll['id']}`, {_kind(poll)}",
            "",
            "| " + " | ".join(md_escape(h) for h in header) + " |",
            "|---|" + "---:|" * (len(header) - 1),
        ]
        # the label is untrusted and a table row is one line: an answer's line breaks become spaces;
        # the numbers are the report's own
        out += ["| " + " | ".join([md_participant(" ".join(row[0].split())), *row[1:]]) + " |" for row in rows]
        out.append("")
    out += followup.as_markdown(data.get("actions", []))
    out += [_("## Polls not shared"), ""]
    out += [
        _("- {question} ({id}): only in {sessions} ({why})").format(
            question=md_escape(p["question"]),
            id=md_escape(p["id"]),
            sessions=md_escape(", ".join(p["sessions"])),
            why=p["why"],
        )
        for p in data["not_shared"]
    ] or [_("None.")]
    return "\n".join(out) + "\n"


def as_html(data: dict[str, Any]) -> str:
    e = escape
    out = [
        "<!DOCTYPE html>",
        html_open(),
        _("<title>Sessions compared</title><style>{CSS}</style></head><body>").format(CSS=CSS),
        _("<h1>Sessions compared</h1><ul>"),
    ]
    out += [
        _("<li><code>{id}</code>: {title}, {status}, {participants} participants</li>").format(
            id=e(s["id"]),
            title=e(s["title"]),
            status=e(said(SESSION_STATUS_WORDS, s["status"])),
            participants=s["participants"],
        )
        for s in data["sessions"]
    ]
    out += [_("</ul><p>Differences (Δ) are against the first session.</p>"), _("<h2>Shared polls</h2>")]
    for poll in data["polls"]:
        header, rows = _grid(poll)
        out.append(
            f'<article class="poll"><h3>{e(_title(poll))}</h3><table><thead><tr>'
            + "".join(f"<th>{e(h)}</th>" for h in header)
            + "</tr></thead><tbody>"
        )
        out += [
            "<tr>" + f"<td>{bdi(row[0])}</td>" + "".join(f'<td class="num">{e(c)}</td>' for c in row[1:]) + "</tr>"
            for row in rows
        ]
        out.append("</tbody></table></article>")
    out += followup.as_html(data.get("actions", []))
    out.append(_("<h2>Polls not shared</h2><ul>"))
    out += [
        _("<li>{question} (<code>{id}</code>): only in {sessions} ({why})</li>").format(
            question=e(p["question"]), id=e(p["id"]), sessions=e(", ".join(p["sessions"])), why=e(p["why"])
        )
        for p in data["not_shared"]
    ] or [_("<li>None.</li>")]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


def as_rich(data: dict[str, Any]) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    sessions = Table(title=Text(_("Sessions compared")), title_justify="left")
    for name, justify in (
        (pgettext("a column of a comparison", "session"), "left"),
        (pgettext("a column of a comparison", "title"), "left"),
        (pgettext("a column of a comparison", "status"), "left"),
        (pgettext("a column of a comparison", "participants"), "right"),
    ):
        sessions.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in data["sessions"]:
        sessions.add_row(
            Text(s["id"]), Text(s["title"]), Text(said(SESSION_STATUS_WORDS, s["status"])), Text(str(s["participants"]))
        )
    parts += [sessions, Text(_("Differences (Δ) are against the first session.\n"))]
    for poll in data["polls"]:
        header, rows = _grid(poll)
        table = Table(title=Text(_title(poll)), title_justify="left")
        for i, h in enumerate(header):
            table.add_column(Text(h), justify="left" if i == 0 else "right")
        for label, *numbers in rows:
            table.add_row(Text(isolate(label)), *(Text(c) for c in numbers))
        parts.append(table)
    parts += followup.as_rich(data.get("actions", []))
    if data["not_shared"]:
        table = Table(title=Text(_("Polls not shared")), title_justify="left")
        for name in (
            pgettext("a column of a comparison", "poll"),
            pgettext("a column of a comparison", "question"),
            _("only in"),
            pgettext("a column of a comparison", "why"),
        ):
            table.add_column(name)
        for p in data["not_shared"]:
            table.add_row(Text(p["id"]), Text(p["question"]), Text(", ".join(p["sessions"])), Text(p["why"]))
        parts.append(table)
    return Group(*parts)
