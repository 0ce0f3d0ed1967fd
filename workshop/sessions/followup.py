"""A follow-up session (`workshop followup`): a new session linked to the one it follows (its
header's `follows`) that opens with a generated step reviewing each action still open, repeats
the scale and consent polls the facilitator chose (the same module and step ids, questions and
options, so `compare` and the anonymous tokens line up), runs an agenda if one is given, and
closes with a step for new actions.

People rejoin with the same rejoin codes: the follow-up starts with a copy of each `join` of the
first session that carries a proof (token, name and proof unchanged; sessions/people.py derives
the proof from the code and the token alone). Each open action is carried in as a signed `carry`
event with its id, words, owner, due date, the session it was written in, the decision it serves
and its status so far, so the new session's actions keep their history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from workshop.content.model import Agenda, AgendaItem, Module, Plan, Source, Step
from workshop.engine import dates, events
from workshop.engine.decisions import REVIEW_STEP
from workshop.engine.views import PollView, SessionState
from workshop.journal import files
from workshop.report.render import md_participant
from workshop.sessions.files import Clock, SessionError, create, secret_path, utc_now
from workshop.sessions.session import Session

REVIEW_MODULE, REVIEW_ID = REVIEW_STEP.split("/")
CLOSING_MODULE, CLOSING_ID = "next-actions", "new-actions"
REVIEW_MINUTES, CLOSING_MINUTES = 10, 5  # the seeds' 30-minute `follow-up` agenda counts on these

# Every word the follow-up's generated steps say, in one place.
WORDS = {
    "title": "Follow-up: {title}",
    "review-module": "Where last time's actions stand",
    "review-summary": "Each action still open after {first}: done, blocked or dropped.",
    "review-title": "Last time's actions",
    "review-prompt": ("**Where each action from {first} stands.** Its owner says: done, blocked (and what blocks "
                      "it) or dropped (and why).\n\n{items}"),
    "review-none": "No action was left open last time: say what has changed since.",
    "review-item": "{n}. {text} ({owner}{due}){decision}",
    "review-owner": "no owner",
    "review-due": ", due {day}",
    "review-decision": " for the decision “{decision}”",
    "review-blocked": " Blocked last time: {comment}",
    "review-notes": ("**R** marks an action done, blocked or dropped; owners can mark their own from a shell "
                     "while this step runs (`workshop review`). A blocked action needs what blocks it."),
    "repeat-title": "Again: {title}",
    "repeat-prompt": "The same question as at {first}, with the same options: answer as things stand now.",
    "repeat-notes": "Reveal, then compare with last time: `workshop compare {first} {this}`.",
    "repeat-summary": "Polls of {first}, asked again.",
    "closing-module": "What we do next",
    "closing-summary": "New actions, with owners and due dates.",
    "closing-title": "New actions",
    "closing-prompt": "**What do we do next?** One action each: what, who, by when. A blocked action may need a "
                      "new one.",
    "closing-notes": "Mark each as an action item (**m**) with its owner and due date (**u**); record what the room "
                     "decides (**D**).",
    "source": "The session {first}",
    "publisher": "workshop follow-up",
    "not-ended": "{first} has not ended: follow it up once it has (`workshop control {first} end`)",
    "not-repeatable": "only scale and consent polls are repeated: {poll} is a {kind} poll",
    "taken": "the agenda already has a module {module!r}: a follow-up makes its own",
}


class OpenAction(NamedTuple):
    note: str
    text: str
    owner: str
    due: str
    session: str  # where it was first written
    decision: str  # the wording of the decision in force that lists it
    status: str  # open or blocked
    comment: str


def open_actions(state: SessionState) -> list[OpenAction]:
    """The actions a follow-up of `state` carries on: those it carried in and that are still open
    or blocked, then its own action items (not withdrawn)."""
    out = [OpenAction(a.note, a.text, a.owner, a.due, a.session, a.decision, a.status, a.comment)
           for a in state.record.carried if a.status in ("open", "blocked")]
    for note in state.notes:
        if note.action:
            serving = state.record.serving(note.id)
            out.append(OpenAction(note.id, note.text, note.owner, note.due, state.id,
                                  serving.text if serving else "", "open", ""))
    return out


def repeats(state: SessionState, refs: Sequence[str]) -> list[PollView]:
    """The polls named (poll or step ids), each a scale or consent poll."""
    chosen: dict[str, PollView] = {}
    for ref in refs:
        view = Session._poll_named(state, ref)
        if view.poll.vote != "scale":
            raise SessionError(WORDS["not-repeatable"].format(poll=view.qid, kind=view.poll.kind))
        chosen[view.qid] = view
    return sorted(chosen.values(), key=lambda v: v.index)


def plan(state: SessionState, actions: Sequence[OpenAction], again: Sequence[PollView], name: str,
         agenda: Plan | None = None) -> Plan:
    """The follow-up's plan: the review step, the agenda's modules, the repeated polls (in their
    own modules' ids, less those the agenda runs anyway), the new actions."""
    first = state.title
    source = Source(WORDS["source"].format(first=first)[:200], state.facilitator or "the facilitator",
                    WORDS["publisher"])
    modules = list(agenda.modules) if agenda is not None else []
    for taken in {REVIEW_MODULE, CLOSING_MODULE} & {m.id for m in modules}:
        raise SessionError(WORDS["taken"].format(module=taken))
    review = _module(REVIEW_MODULE, WORDS["review-module"], WORDS["review-summary"].format(first=first), source, [
        Step(REVIEW_ID, WORDS["review-title"], "notes", REVIEW_MINUTES if actions else 3,
             WORDS["review-prompt"].format(first=first, items=_items(actions)), WORDS["review-notes"])])
    grouped: dict[str, list[Step]] = {}
    owners: dict[str, Module] = {}
    for view in again:
        module, step = state.steps[view.index].module, state.steps[view.index].step
        if module.id in {m.id for m in modules}:
            continue  # the agenda runs this module, poll and all
        owners[module.id] = module
        grouped.setdefault(module.id, []).append(replace(
            step, title=WORDS["repeat-title"].format(title=step.title)[:200], rounds=(), poll=view.poll,
            prompt=WORDS["repeat-prompt"].format(first=first),
            notes=WORDS["repeat-notes"].format(first=state.id, this=name)))
    repeated = [_module(m, owners[m].title, WORDS["repeat-summary"].format(first=first), owners[m].source, steps)
                for m, steps in grouped.items()]
    closing = _module(CLOSING_MODULE, WORDS["closing-module"], WORDS["closing-summary"], source, [
        Step(CLOSING_ID, WORDS["closing-title"], "notes", CLOSING_MINUTES, WORDS["closing-prompt"],
             WORDS["closing-notes"])])
    title = agenda.agenda.title if agenda is not None else WORDS["title"].format(title=first)[:200]
    start = agenda.agenda.start if agenda is not None else state.plan.agenda.start
    every = (review, *modules, *repeated, closing)
    return Plan(Agenda(agenda.agenda.id if agenda is not None else "follow-up", title, start,
                       tuple(AgendaItem(m.id) for m in every), state.plan.agenda.summary), every)


def _module(module_id: str, title: str, summary: str, source: Source, steps: list[Step]) -> Module:
    return Module(module_id, title, summary, sum(s.minutes for s in steps), source, tuple(steps))


def _items(actions: Sequence[OpenAction]) -> str:
    """The open actions as a numbered list, their words escaped: a prompt is Markdown, an action is not."""
    if not actions:
        return WORDS["review-none"]
    lines = []
    for n, a in enumerate(actions, 1):
        due = WORDS["review-due"].format(day=dates.shown(dt.date.fromisoformat(a.due))) if a.due else ""
        decision = WORDS["review-decision"].format(decision=md_participant(a.decision)) if a.decision else ""
        blocked = WORDS["review-blocked"].format(comment=md_participant(a.comment)) if a.comment else ""
        lines.append(WORDS["review-item"].format(n=n, text=md_participant(" ".join(a.text.split())),
                                                 owner=md_participant(a.owner) or WORDS["review-owner"], due=due,
                                                 decision=decision) + blocked)
    return "\n".join(lines)


def followup(first: Session, folder: Path | None = None, name: str | None = None, agenda: Plan | None = None,
             again: Sequence[str] = (), clock: Clock = utc_now) -> tuple[Path, int, int, int]:
    """Make the follow-up of `first` (ended): the new file's path, and how many people, actions
    and polls it carries on."""
    state = first.state()
    if state.status != "ended":
        raise SessionError(WORDS["not-ended"].format(first=state.id))
    actions = open_actions(state)
    polls = repeats(state, again)
    made = clock()
    name = name or f"{state.id}-followup-{made:%Y%m%d-%H%M%S}"
    path = create(plan(state, actions, polls, name.removesuffix(".toml"), agenda), folder, name, state.facilitator,
                  clock, follows=state.id)
    people = [(token, joined, proof) for token, (joined, _) in first.fold.participants.items()
              if (proof := first.fold.proofs.get(token))]
    try:
        with Session.open(path, clock).changing() as write:
            for token, joined, proof in people:
                write(events.JoinEvent(participant=token, name=joined, proof=proof))
            for a in actions:
                write(events.CarryEvent(note=a.note, text=a.text, session=a.session,
                                        owner=events.given(a.owner or None), due=events.given(a.due or None),
                                        decision=events.given(a.decision or None),
                                        status="blocked" if a.status == "blocked" else "open",
                                        comment=events.given(a.comment or None)))
    except Exception:
        files.remove(secret_path(path))  # a follow-up half made is none: nothing is left behind
        files.remove(path)
        raise
    return path, len(people), len(actions), len(polls)
