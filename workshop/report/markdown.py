"""The report as Markdown, for people: from `as_dict`, as every format is. Participant strings
are isolated and escaped (`md_participant`), so a note cannot become a link or reorder its line."""

from __future__ import annotations

from typing import Any

from workshop.engine.tally import POLL_STATUS_WORDS, UNITS, VOTE_WORDS, plural, said
from workshop.engine.views import SessionState
from workshop.i18n import _, number
from workshop.report import words
from workshop.report.render import as_dict, md_escape, md_participant
from workshop.report.room import room_markdown


def _minutes(seconds: float) -> str:
    return number(seconds / 60, ".1f")


def _owned(note: dict[str, Any]) -> str:
    """'; owner Ana, due 2026-12-15' for an action item that has them."""
    said = [
        _("owner {owner}").format(owner=md_participant(note["owner"])) if note.get("owner") else "",
        _("due {due}").format(due=note["due"]) if note.get("due") else "",
    ]
    return "".join(f"; {part}" for part in said if part)


def as_markdown(state: SessionState) -> str:
    data = as_dict(state)
    out = [
        f"# {md_escape(state.title)}",
        "",
        _("Session `{id}`: {meta_words}.").format(id=state.id, meta_words=words.meta_words(data, md_escape)),
        "",
    ] + words.trust_lines(data, md_participant)
    actions = [n for n in data["notes"] if n["action"]]
    out += [_("## Action items"), ""]
    titles = {s["id"]: s["title"] for s in data["steps"]}
    # the step comes from the file: escaped, as a hand-edited one may hold anything
    out += [
        f"- {md_participant(n['text'])} ({md_participant(n['author'])}), "
        f"on {md_escape(titles.get(n['step'], n['step']))}{_owned(n)}{_(' (edited)') if n.get('edited') else ''}"
        for n in actions
    ] or [_("None.")]
    out += [""]
    out += _md_agenda(data)
    out += [_("## Polls"), ""]
    for poll in data["polls"]:
        out += _md_poll(poll)
    out += room_markdown(data)
    out += [_("## Notes"), ""]
    for step, notes in words.notes_by_step(data):
        out += [f"### {md_escape(step['title'] if step else notes[0]['step'])}", ""]
        for n in notes:
            flag = (_(" **(action)**") if n["action"] else "") + (_(" (edited)") if n.get("edited") else "")
            out.append(f"- {md_participant(n['author'])}: {md_participant(n['text'])}{flag}")
        out.append("")
    if not data["notes"]:
        out += [_("None."), ""]
    return "\n".join(out)


def _md_agenda(data: dict[str, Any]) -> list[str]:
    out = [
        _("## Agenda"),
        "",
        _("| step | title | planned min | extended | actual min | difference |"),
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in words.agenda_rows(data):
        extended = f"{s['extra_seconds'] / 60:+.0f}" if s["extra_seconds"] else ""
        out.append(
            f"| {s['id']} | {md_escape(words.row_title(s))} | {_minutes(s['agenda_seconds'])} | {extended} "
            f"| {words.actual_words(s, _minutes)} | {words.difference_words(s['difference_seconds'])} |"
        )
    planned = sum(s["agenda_seconds"] for s in data["steps"])
    actual = sum(s["actual_seconds"] for s in words.agenda_rows(data) if s["kind"] != "round")
    out.append(
        _("| | **total** | {planned} | | {actual} | {difference} |").format(
            planned=_minutes(planned),
            actual=_minutes(actual),
            difference=words.difference_words(data["session"]["drift_seconds"]),
        )
    )
    drift = _(
        "Drift: {drift_words} (the difference column's total; a step never visited counts as skipped once the "
        "session has ended)."
    ).format(drift_words=words.drift_words(data["session"]["drift_seconds"]))
    if ends := words.end_words(data["session"]):
        drift += f" {ends}"
    return [*out, "", drift, ""]


def _md_poll(poll: dict[str, Any]) -> list[str]:
    res = poll["results"]
    out = [
        f"### {md_escape(poll['question'])}",
        "",
        (
            _("`{id}`, {kind}, {status}, {ballots} (anonymous); {caption}")
            if poll["anonymous"]
            else _("`{id}`, {kind}, {status}, {ballots}; {caption}")
        ).format(
            id=poll["id"],
            kind=said(VOTE_WORDS, poll["kind"]),
            status=said(POLL_STATUS_WORDS, poll["status"]),
            ballots=plural(poll["ballots"], "ballot"),
            caption=_(words.KIND_CAPTION.get(poll["kind"], "")),
        ),
        "",
    ]
    rows, left_out = words.shown_rows(poll)
    top = max((r["share"] for r in rows), default=0) or 1
    for row in rows:
        bar = "█" * round(row["share"] / top * 20)  # the largest row gets the full bar
        out.append(f"- {md_participant(str(row['label']))}: {plural(row['value'], UNITS[res['unit']])} {bar}")
    if left_out:
        out.append(_("- and {left_out}").format(left_out=plural(left_out, "other answer")))
    if "mean" in res:
        out.append(_("- mean {mean}, median {median}").format(mean=res["mean"], median=res["median"]))
    if "rounds_summary" in poll:
        out.append(
            _("- voted in {rounds} rounds: {results}").format(
                rounds=len(poll["rounds"]) + 1, results=poll["rounds_summary"]
            )
        )
    for each in poll.get("round_wordings", ()):  # the proposal was reworded: each round beside its words
        out.append(
            _("- round {round}, on “{question}”: {result}").format(
                round=each["round"], question=md_escape(each["question"]), result=each["result"]
            )
        )
    if poll.get("reworded") and "round_wordings" not in poll:
        out.append(_("- the question was edited on the day"))
    return out + [""]
