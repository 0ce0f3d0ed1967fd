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

from collections.abc import Sequence
from pathlib import Path

from workshop.content.model import Plan
from workshop.engine import events
from workshop.engine.views import PollView, SessionState
from workshop.journal import files
from workshop.sessions.files import Clock, SessionError, create, secret_path, utc_now
from workshop.sessions.followup_plan import OpenAction, plan, said
from workshop.sessions.session import Session


def open_actions(state: SessionState) -> list[OpenAction]:
    """The actions a follow-up of `state` carries on: those it carried in and that are still open
    or blocked, then its own action items (not withdrawn)."""
    out = [
        OpenAction(a.note, a.text, a.owner, a.due, a.session, a.decision, a.status, a.comment)
        for a in state.record.carried
        if a.status in ("open", "blocked")
    ]
    for note in state.notes:
        if note.action:
            serving = state.record.serving(note.id)
            out.append(
                OpenAction(
                    note.id, note.text, note.owner, note.due, state.id, serving.text if serving else "", "open", ""
                )
            )
    return out


def repeats(state: SessionState, refs: Sequence[str]) -> list[PollView]:
    """The polls named (poll or step ids), each a scale or consent poll."""
    chosen: dict[str, PollView] = {}
    for ref in refs:
        view = Session._poll_named(state, ref)
        if view.poll.vote != "scale":
            raise SessionError(said("not-repeatable").format(poll=view.qid, kind=view.poll.kind))
        chosen[view.qid] = view
    return sorted(chosen.values(), key=lambda v: v.index)


def followup(
    first: Session,
    folder: Path | None = None,
    name: str | None = None,
    agenda: Plan | None = None,
    again: Sequence[str] = (),
    clock: Clock = utc_now,
) -> tuple[Path, int, int, int]:
    """Make the follow-up of `first` (ended): the new file's path, and how many people, actions
    and polls it carries on."""
    state = first.state()
    if state.status != "ended":
        raise SessionError(said("not-ended").format(first=state.id))
    actions = open_actions(state)
    polls = repeats(state, again)
    made = clock()
    name = name or f"{state.id}-followup-{made:%Y%m%d-%H%M%S}"  # not translated: a file name
    path = create(
        plan(state, actions, polls, name.removesuffix(".toml"), agenda),
        folder,
        name,
        state.facilitator,
        clock,
        follows=state.id,
    )
    people = [
        (token, joined, proof)
        for token, (joined, _) in first.fold.participants.items()
        if (proof := first.fold.proofs.get(token))
    ]
    try:
        with Session.open(path, clock).changing() as write:
            for token, joined, proof in people:
                write(events.JoinEvent(participant=token, name=joined, proof=proof))
            for a in actions:
                write(
                    events.CarryEvent(
                        note=a.note,
                        text=a.text,
                        session=a.session,
                        owner=events.given(a.owner or None),
                        due=events.given(a.due or None),
                        decision=events.given(a.decision or None),
                        status="blocked" if a.status == "blocked" else "open",
                        comment=events.given(a.comment or None),
                    )
                )
    except Exception:
        files.remove(secret_path(path))  # a follow-up half made is none: nothing is left behind
        files.remove(path)
        raise
    return path, len(people), len(actions), len(polls)
