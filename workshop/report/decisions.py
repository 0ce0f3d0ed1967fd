"""The minutes: `workshop decisions SESSION --format md|html|json`. Every decision with what it
rests on (each poll round's tally and wording, as the facilitator signed them), the objections
heard, the actions that follow, its amendments and withdrawal; and one verification line: the
chain of signed events checked, how many events and participants, whether any block was damaged,
and whether the tallies each decision quotes are still what the ballots in the file say.

The HTML page (report/minutes.py) carries the signed events themselves, so a browser can check
them again. `Proof` is what the command found on opening the file; the rest is the state.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from workshop import i18n
from workshop.engine import evidence
from workshop.engine.events import Event
from workshop.engine.tally import SESSION_STATUS_WORDS
from workshop.engine.tally import said as status_said
from workshop.engine.trust import needs_signature
from workshop.engine.views import SessionState
from workshop.i18n import N_, _, ngettext
from workshop.report.render import md_escape, md_participant

# Every sentence a reader of the minutes reads, in one place: marked here, said in the reader's
# language where it is shown (a count's sentences are in `sentence`, by the language's plural forms).
WORDS = {
    "title": N_("Decisions: {title}"),
    "session": N_("Session {id}, {day}, facilitator {facilitator}, {status}."),
    "follows": N_("A follow-up of {first}."),
    "unsigned": N_("the session has no facilitator key, so nothing in it is signed"),
    "no-damage": N_("no damaged block"),
    "tallies": N_("the tallies every decision quotes match the ballots in the file"),
    "cut-short": N_("the file was cut short: {why}"),
    "key": N_("Signed by the key {key}."),
    "none": N_("No decision was recorded."),
    "in-force": N_("in force"),  # a decision's status: English in the JSON, the reader's words where shown
    "withdrawn": N_("withdrawn"),
    "recorded": N_("Recorded on “{step}” at {at}"),
    "amended": N_("Amended at {at}: “{text}”"),
    "withdrawn-at": N_("Withdrawn at {at}"),
    "rests-on": N_("Rests on"),
    "objections": N_("Objections heard"),
    "actions": N_("Actions"),
    "no-owner": N_("no owner"),
    "no-due": N_("no due date"),
}


def said(key: str) -> str:
    """One of WORDS in the reader's language."""
    return _(WORDS[key])


@dataclass(frozen=True)
class Proof:
    """What opening the file found, beyond the state: the header's key, the signed events the
    fold obeyed in file order, damaged or refused blocks, and a cut the facilitator's account saw."""

    key: str
    signed: tuple[Event, ...]
    damaged: int = 0
    cut_short: str = ""
    header: str = ""  # the header's digest, which every signature made since `since` also covers


def obeyed(events: Iterable[Event], knows: Callable[[str], bool]) -> tuple[Event, ...]:
    """The signed events the fold obeyed (`knows` their signature), each once, in file order."""
    out, seen = [], set()
    for event in events:
        sig = event.get("sig")
        if type(sig) is str and needs_signature(event) and sig not in seen and knows(sig):
            seen.add(sig)
            out.append(event)
    return tuple(out)


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).isoformat(timespec="seconds")


def _shown(t: float) -> str:
    """'2026-12-07 09:30 UTC', its day as the reader writes one."""
    at = dt.datetime.fromtimestamp(t, dt.UTC)
    return _("{day} {time} UTC").format(day=i18n.day(at.date(), english="%Y-%m-%d"), time=at.strftime("%H:%M"))


def verification(state: SessionState, proof: Proof) -> dict[str, Any]:
    differ = [d.id for d in state.record.decisions if not evidence.matches(d.evidence, d.polls, state)]
    out: dict[str, Any] = {
        "key": proof.key,
        "signed_events": len(proof.signed),
        "not_from_facilitator": len(state.forged),
        "chain_breaks": [{"event": at + 1, "what": what} for at, what in state.breaks],
        "events": state.events,
        "participants": len(state.participants),
        "damaged_blocks": proof.damaged,
        "cut_short": proof.cut_short,
        "tallies_differ": differ,
        "decisions": len(state.record.decisions),
    }
    out["verified"] = bool(proof.key) and not (
        state.forged or state.breaks or proof.damaged or proof.cut_short or differ
    )
    return out


def sentence(v: dict[str, Any]) -> str:
    """The verification line: 'Verified: the chain of 24 signed events is unbroken …'. English says
    "(s)" whatever the count, as the minutes always have; a translation takes its language's forms."""
    signed, events, people = v["signed_events"], v["events"], v["participants"]
    parts = [
        ngettext(
            "the chain of {n} signed events is unbroken and every signature is good",
            "the chain of {n} signed events is unbroken and every signature is good",
            signed,
        ).format(n=signed)
        if v["key"] and not v["chain_breaks"] and not v["not_from_facilitator"]
        else ""
    ]
    if not v["key"]:
        parts = [said("unsigned")]
    if breaks := v["chain_breaks"]:
        first = _("event {n}: {what}").format(n=breaks[0]["event"], what=breaks[0]["what"])
        parts.append(
            ngettext(
                "{n} break(s) in the chain of signed events ({first})",
                "{n} break(s) in the chain of signed events ({first})",
                len(breaks),
            ).format(n=len(breaks), first=first)
        )
    if forged := v["not_from_facilitator"]:
        parts.append(
            ngettext(
                "{n} event(s) claim to be the facilitator's without a good signature",
                "{n} event(s) claim to be the facilitator's without a good signature",
                forged,
            ).format(n=forged)
        )
    parts.append(ngettext("{n} events", "{n} events", events).format(n=events))
    parts.append(ngettext("{n} participants", "{n} participants", people).format(n=people))
    damaged = v["damaged_blocks"]
    parts.append(
        ngettext("{n} damaged block(s)", "{n} damaged block(s)", damaged).format(n=damaged)
        if damaged
        else said("no-damage")
    )
    if v["cut_short"]:
        parts.append(said("cut-short").format(why=v["cut_short"]))
    if v["decisions"]:
        differ = v["tallies_differ"]
        parts.append(
            ngettext(
                "the tallies decision(s) {ids} quote no longer match the ballots in the file",
                "the tallies decision(s) {ids} quote no longer match the ballots in the file",
                len(differ),
            ).format(ids=", ".join(differ))
            if differ
            else said("tallies")
        )
    findings = "; ".join(p for p in parts if p)
    return (_("Verified: {findings}.") if v["verified"] else _("Not verified: {findings}.")).format(findings=findings)


def minutes(state: SessionState, proof: Proof) -> dict[str, Any]:
    """The minutes as plain data: what every format shows."""
    titles = {s.qid: s.spec.title for s in state.steps}
    notes = {n.id: n for n in state.notes}
    decisions = []
    for d in state.record.decisions:
        decisions.append(
            {
                "id": d.id,
                "text": d.text,
                "status": WORDS["withdrawn" if d.withdrawn else "in-force"],  # English
                "step": d.step,
                "step_title": titles.get(d.step, d.step),
                "at": _iso(d.at),
                "recorded_text": d.first_text,
                "amended": [{"at": _iso(c.at), "text": c.text, "why": c.why} for c in d.amended],
                "withdrawn": None if d.withdrawn is None else {"at": _iso(d.withdrawn.at), "why": d.withdrawn.why},
                "polls": list(d.polls),
                "evidence": list(d.evidence),
                "evidence_matches": evidence.matches(d.evidence, d.polls, state),
                "objections": list(d.objections),
                "actions": [
                    {
                        "id": a,
                        "text": notes[a].text if a in notes else "",
                        "owner": notes[a].owner if a in notes else "",
                        "due": notes[a].due if a in notes else "",
                        "author": notes[a].name if a in notes else "",
                    }
                    for a in d.actions
                ],
            }
        )
    v = verification(state, proof)
    return {
        "session": {
            "id": state.id,
            "title": state.title,
            "status": state.status,
            "facilitator": state.facilitator,
            "follows": state.follows,
            "started": _iso(state.started) if state.started else None,
        },
        "verification": {**v, "sentence": sentence(v)},
        "decisions": decisions,
    }


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def context(data: dict[str, Any], escape: Callable[[str], str] = str) -> str:
    s = data["session"]
    day = i18n.day(dt.date.fromisoformat(s["started"][:10]), english="%Y-%m-%d") if s["started"] else _("not started")
    return said("session").format(
        id=escape(s["id"]),
        day=day,
        facilitator=escape(s["facilitator"]) or _("not named"),
        status=status_said(SESSION_STATUS_WORDS, s["status"]),
    )


def as_markdown(data: dict[str, Any]) -> str:
    s, v = data["session"], data["verification"]
    out = [f"# {said('title').format(title=md_escape(s['title']))}", "", context(data, md_escape)]
    if s["follows"]:
        out.append(said("follows").format(first=md_escape(s["follows"])))
    out += ["", f"**{v['sentence']}**"]  # our own words, numbers and ids
    if v["key"]:
        out += ["", said("key").format(key=f"`{v['key']}`")]
    for d in data["decisions"] or []:
        out += [
            "",
            _("## {id}: {text} ({status})").format(
                id=d["id"], text=md_participant(" ".join(d["text"].split())), status=_(d["status"])
            ),
            "",
            said("recorded").format(step=md_escape(d["step_title"]), at=_shown_iso(d["at"])) + "  ",
        ]
        for c in d["amended"]:
            out.append(
                said("amended").format(at=_shown_iso(c["at"]), text=md_participant(c["text"]))
                + (f" ({md_participant(c['why'])})" if c["why"] else "")
                + "  "
            )
        if d["withdrawn"]:
            w = d["withdrawn"]
            out.append(
                said("withdrawn-at").format(at=_shown_iso(w["at"]))
                + (f" ({md_participant(w['why'])})" if w["why"] else "")
            )
        for heading, lines in (("rests-on", d["evidence"]), ("objections", d["objections"])):
            if lines:
                out += ["", f"**{said(heading)}**", "", *(f"- {md_participant(line)}" for line in lines)]
        if d["actions"]:
            out += ["", f"**{said('actions')}**", ""]
            out += [
                f"- {md_participant(a['text'])} ({md_participant(a['owner']) or said('no-owner')}, "
                f"{due_day(a['due']) or said('no-due')})"
                for a in d["actions"]
            ]
    if not data["decisions"]:
        out += ["", said("none")]
    return "\n".join(out) + "\n"


def due_day(due: str) -> str:
    """An action's due date (ISO) as the reader writes a day; '' when it has none."""
    return i18n.day(dt.date.fromisoformat(due), english="%Y-%m-%d") if due else ""


def _shown_iso(at: str) -> str:
    return _shown(dt.datetime.fromisoformat(at).timestamp())
