"""Before and after, for `workshop compare FIRST FOLLOWUP`: who answered a repeated poll both
times (matched by token: a named ballot's participant, an anonymous ballot's per-poll token,
which a person's rejoin code makes the same in both sessions) and how their answers moved; and
in a follow-up, how many of the actions it carried on were done, by owner and by decision."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from workshop.engine.views import PollView, SessionState
from workshop.i18n import N_, _, number, pgettext
from workshop.report.html import bdi
from workshop.report.render import md_escape, md_participant

STATUSES = ("done", "blocked", "dropped", "open")
WORDS = {  # marked here, said in the reader's language where shown
    "heading": N_("Actions carried into {session}"),
    "intro": N_("{done} of {actions} done ({rate}); {blocked} blocked, {dropped} dropped, {open} still open."),
    "by-owner": N_("By owner"),
    "by-decision": N_("By decision"),
    "no-owner": N_("(no owner)"),
    "no-decision": N_("(no decision)"),
    "both": N_("answered both: their own mean change"),
}


def _intro(entry: dict[str, Any]) -> str:
    return _(WORDS["intro"]).format(**{**entry, "rate": number(entry["rate"], ".0%")})


def _columns() -> tuple[str, ...]:
    """A table's column headings: how many actions, and how many of them are in each status."""
    return (
        pgettext("a column of actions", "actions"),
        pgettext("a column of actions", "done"),
        pgettext("a column of actions", "blocked"),
        pgettext("a column of actions", "dropped"),
        pgettext("a column of actions", "open"),
        pgettext("a column of actions", "done %"),
    )


def paired(first: PollView, then: PollView) -> dict[str, Any]:
    """How many people have a counted ballot on the poll in both sessions and, for a scale, the
    mean change of their own answers."""
    before = {b.participant: b.value for b in first.ballots}
    both = [(before[b.participant], b.value) for b in then.ballots if b.participant in before]
    out: dict[str, Any] = {"both": len(both)}
    if first.poll.vote == "scale" and both:
        out["both_mean"] = round(sum(int(b[0]) - int(a[0]) for a, b in both) / len(both), 3)
    return out


def _counts(rows: Sequence[Any]) -> dict[str, Any]:
    counts = {status: sum(1 for r in rows if r.status == status) for status in STATUSES}
    return {"actions": len(rows), **counts, "rate": round(counts["done"] / len(rows), 4) if rows else 0.0}


def completion(states: Sequence[SessionState], ids: Sequence[str]) -> list[dict[str, Any]]:
    """Per session that carried actions on: their statuses now, all together, by owner and by decision."""
    out = []
    for state, sid in zip(states, ids, strict=True):
        carried = state.record.carried
        if not carried:
            continue
        owners: dict[str, list[Any]] = {}
        decisions: dict[str, list[Any]] = {}
        for a in carried:
            owners.setdefault(a.owner, []).append(a)
            decisions.setdefault(a.decision, []).append(a)
        out.append(
            {
                "session": sid,
                "follows": state.follows,
                **_counts(carried),
                "by_owner": [{"owner": k, **_counts(v)} for k, v in owners.items()],
                "by_decision": [{"decision": k, **_counts(v)} for k, v in decisions.items()],
            }
        )
    return out


def _rows(group: list[dict[str, Any]], key: str, none: str) -> list[list[str]]:
    return [[g[key] or none, *(str(g[s]) for s in ("actions", *STATUSES)), number(g["rate"], ".0%")] for g in group]


def tables(entry: dict[str, Any]) -> list[tuple[str, list[list[str]]]]:
    """(heading, rows) per table of one session's actions; the first cell of a row is untrusted."""
    return [
        (_(WORDS["by-owner"]), _rows(entry["by_owner"], "owner", _(WORDS["no-owner"]))),
        (_(WORDS["by-decision"]), _rows(entry["by_decision"], "decision", _(WORDS["no-decision"]))),
    ]


def as_markdown(actions: list[dict[str, Any]]) -> list[str]:
    out = []
    for entry in actions:
        out += [
            f"## {md_escape(_(WORDS['heading']).format(session=entry['session']))}",
            "",
            _intro(entry),
            "",
        ]  # numbers and our words: nothing to escape
        columns = _columns()
        for heading, rows in tables(entry):
            out += [f"### {heading}", "", "| | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
            out += ["| " + " | ".join([md_participant(" ".join(row[0].split())), *row[1:]]) + " |" for row in rows]
            out.append("")
    return out


def as_html(actions: list[dict[str, Any]]) -> list[str]:
    e = escape
    out = []
    for entry in actions:
        out += [f"<h2>{e(_(WORDS['heading']).format(session=entry['session']))}</h2>", f"<p>{e(_intro(entry))}</p>"]
        for heading, rows in tables(entry):
            out.append(
                f"<h3>{e(heading)}</h3><table><thead><tr><th></th>"
                + "".join(f'<th class="num">{e(c)}</th>' for c in _columns())
                + "</tr></thead><tbody>"
            )
            out += [
                "<tr>" + f"<td>{bdi(row[0])}</td>" + "".join(f'<td class="num">{e(c)}</td>' for c in row[1:]) + "</tr>"
                for row in rows
            ]
            out.append("</tbody></table>")
    return out


def as_rich(actions: list[dict[str, Any]]) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    from workshop.engine.bidi import isolate

    parts: list[Any] = []
    for entry in actions:
        parts.append(
            Text(
                _("{heading}: {intro}").format(
                    heading=_(WORDS["heading"]).format(session=entry["session"]), intro=_intro(entry)
                )
            )
        )
        for heading, rows in tables(entry):
            table = Table(title=Text(heading), title_justify="left")
            table.add_column("")
            for column in _columns():
                table.add_column(column, justify="right")
            for first, *numbers in rows:
                table.add_row(Text(isolate(first)), *(Text(n) for n in numbers))
            parts.append(table)
    return parts
