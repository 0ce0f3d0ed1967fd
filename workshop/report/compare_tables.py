"""Sessions compared (`compare.compare`'s data) as tables: Markdown, HTML and Rich, each poll a
grid of options down and sessions then differences across.

Answers and titles are untrusted text: escaped in Markdown and HTML, and `Text` (never markup)
in Rich; answers are also isolated (FSI…PDI where needed, `<bdi>` in HTML) so one cannot reorder
the cells after it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from workshop.engine.bidi import isolate
from workshop.engine.tally import SESSION_STATUS_WORDS, VOTE_WORDS, said
from workshop.i18n import _, html_open, number, pgettext
from workshop.report import followup
from workshop.report.compare import match_key
from workshop.report.html import CSS, bdi
from workshop.report.render import md_escape, md_participant


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
            key = match_key(kind, r["label"])
            labels.setdefault(key, r["label"])
            cells.setdefault(key, {})[s["session"]] = f"{number(r['value'], 'g')} ({number(r['share'], '.0%')})"
    for d in diffs:
        for r in d["rows"]:
            cells.setdefault(match_key(kind, r["label"]), {})[f"Δ {d['session']}"] = _("{value} ({points} pts)").format(
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
