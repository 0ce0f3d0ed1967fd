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

from workshop.engine import evidence
from workshop.engine.events import Event
from workshop.engine.trust import needs_signature
from workshop.engine.views import SessionState
from workshop.report.render import md_escape, md_participant

# Every sentence a reader of the minutes reads, in one place.
WORDS = {
    "title": "Decisions: {title}",
    "session": "Session {id}, {day}, facilitator {facilitator}, {status}.",
    "follows": "A follow-up of {first}.",
    "verified": "Verified",
    "not-verified": "Not verified",
    "chain": "the chain of {n} signed events is unbroken and every signature is good",
    "unsigned": "the session has no facilitator key, so nothing in it is signed",
    "breaks": "{n} break(s) in the chain of signed events ({first})",
    "forged": "{n} event(s) claim to be the facilitator's without a good signature",
    "counts": "{events} events; {participants} participants",
    "no-damage": "no damaged block",
    "damage": "{n} damaged block(s)",
    "tallies": "the tallies every decision quotes match the ballots in the file",
    "tallies-differ": "the tallies decision(s) {ids} quote no longer match the ballots in the file",
    "cut-short": "the file was cut short: {why}",
    "key": "Signed by the key {key}.",
    "none": "No decision was recorded.",
    "in-force": "in force",
    "withdrawn": "withdrawn",
    "recorded": "Recorded on “{step}” at {at}",
    "amended": "Amended at {at}: “{text}”",
    "why": " ({why})",
    "withdrawn-at": "Withdrawn at {at}",
    "rests-on": "Rests on",
    "objections": "Objections heard",
    "actions": "Actions",
    "no-owner": "no owner",
    "no-due": "no due date",
}


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
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def verification(state: SessionState, proof: Proof) -> dict[str, Any]:
    differ = [d.id for d in state.record.decisions if not evidence.matches(d.evidence, d.polls, state)]
    out: dict[str, Any] = {
        "key": proof.key, "signed_events": len(proof.signed), "not_from_facilitator": len(state.forged),
        "chain_breaks": [{"event": at + 1, "what": what} for at, what in state.breaks],
        "events": state.events, "participants": len(state.participants), "damaged_blocks": proof.damaged,
        "cut_short": proof.cut_short, "tallies_differ": differ, "decisions": len(state.record.decisions),
    }
    out["verified"] = bool(proof.key) and not (state.forged or state.breaks or proof.damaged or proof.cut_short
                                               or differ)
    return out


def sentence(v: dict[str, Any]) -> str:
    """The verification line: 'Verified: the chain of 24 signed events is unbroken …'."""
    parts = [WORDS["chain"].format(n=v["signed_events"]) if v["key"] and not v["chain_breaks"]
             and not v["not_from_facilitator"] else ""]
    if not v["key"]:
        parts = [WORDS["unsigned"]]
    if v["chain_breaks"]:
        first = v["chain_breaks"][0]
        parts.append(WORDS["breaks"].format(n=len(v["chain_breaks"]), first=f"event {first['event']}: {first['what']}"))
    if v["not_from_facilitator"]:
        parts.append(WORDS["forged"].format(n=v["not_from_facilitator"]))
    parts.append(WORDS["counts"].format(events=v["events"], participants=v["participants"]))
    parts.append(WORDS["damage"].format(n=v["damaged_blocks"]) if v["damaged_blocks"] else WORDS["no-damage"])
    if v["cut_short"]:
        parts.append(WORDS["cut-short"].format(why=v["cut_short"]))
    if v["decisions"]:
        parts.append(WORDS["tallies-differ"].format(ids=", ".join(v["tallies_differ"])) if v["tallies_differ"]
                     else WORDS["tallies"])
    return f"{WORDS['verified' if v['verified'] else 'not-verified']}: " + "; ".join(p for p in parts if p) + "."


def minutes(state: SessionState, proof: Proof) -> dict[str, Any]:
    """The minutes as plain data: what every format shows."""
    titles = {s.qid: s.step.title for s in state.steps}
    notes = {n.id: n for n in state.notes}
    decisions = []
    for d in state.record.decisions:
        decisions.append({
            "id": d.id, "text": d.text, "status": WORDS["withdrawn" if d.withdrawn else "in-force"],
            "step": d.step, "step_title": titles.get(d.step, d.step), "at": _iso(d.at), "recorded_text": d.first_text,
            "amended": [{"at": _iso(c.at), "text": c.text, "why": c.why} for c in d.amended],
            "withdrawn": None if d.withdrawn is None else {"at": _iso(d.withdrawn.at), "why": d.withdrawn.why},
            "polls": list(d.polls), "evidence": list(d.evidence),
            "evidence_matches": evidence.matches(d.evidence, d.polls, state), "objections": list(d.objections),
            "actions": [{"id": a, "text": notes[a].text if a in notes else "", "owner": notes[a].owner if a in notes
                         else "", "due": notes[a].due if a in notes else "", "author": notes[a].name if a in notes
                         else ""} for a in d.actions],
        })
    v = verification(state, proof)
    return {"session": {"id": state.id, "title": state.title, "status": state.status,
                        "facilitator": state.facilitator, "follows": state.follows,
                        "started": _iso(state.started) if state.started else None},
            "verification": {**v, "sentence": sentence(v)}, "decisions": decisions}


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def context(data: dict[str, Any], escape: Callable[[str], str] = str) -> str:
    s = data["session"]
    return WORDS["session"].format(id=escape(s["id"]), day=(s["started"] or "")[:10] or "not started",
                                   facilitator=escape(s["facilitator"]) or "not named", status=s["status"])


def as_markdown(data: dict[str, Any]) -> str:
    s, v = data["session"], data["verification"]
    out = [f"# {WORDS['title'].format(title=md_escape(s['title']))}", "", context(data, md_escape)]
    if s["follows"]:
        out.append(WORDS["follows"].format(first=md_escape(s["follows"])))
    out += ["", f"**{v['sentence']}**"]  # our own words, numbers and ids
    if v["key"]:
        out += ["", WORDS["key"].format(key=f"`{v['key']}`")]
    for d in data["decisions"] or []:
        out += ["", f"## {d['id']}: {md_participant(' '.join(d['text'].split()))} ({d['status']})", "",
                WORDS["recorded"].format(step=md_escape(d["step_title"]), at=_shown_iso(d["at"])) + "  "]
        for c in d["amended"]:
            out.append(WORDS["amended"].format(at=_shown_iso(c["at"]), text=md_participant(c["text"]))
                       + (WORDS["why"].format(why=md_participant(c["why"])) if c["why"] else "") + "  ")
        if d["withdrawn"]:
            w = d["withdrawn"]
            out.append(WORDS["withdrawn-at"].format(at=_shown_iso(w["at"]))
                       + (WORDS["why"].format(why=md_participant(w["why"])) if w["why"] else ""))
        for heading, lines in (("rests-on", d["evidence"]), ("objections", d["objections"])):
            if lines:
                out += ["", f"**{WORDS[heading]}**", "", *(f"- {md_participant(line)}" for line in lines)]
        if d["actions"]:
            out += ["", f"**{WORDS['actions']}**", ""]
            out += [f"- {md_participant(a['text'])} ({md_participant(a['owner']) or WORDS['no-owner']}, "
                    f"{a['due'] or WORDS['no-due']})" for a in d["actions"]]
    if not data["decisions"]:
        out += ["", WORDS["none"]]
    return "\n".join(out) + "\n"


def _shown_iso(at: str) -> str:
    return _shown(dt.datetime.fromisoformat(at).timestamp())
