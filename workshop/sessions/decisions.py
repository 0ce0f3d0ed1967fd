"""Decisions and the review of actions, as verbs (engine/decisions.py folds them): the facilitator
records what the room decided on a step, with the polls it rests on (each round's tally signed
into it), the objections heard and the action items that follow; amends or withdraws it later;
and in a follow-up, the facilitator or an action's owner marks each carried action done, blocked
or dropped. Like every verb, each checks and appends under the file's lock and raises
`SessionError` with one line, having written nothing, when it cannot be done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workshop.engine import events, evidence, text
from workshop.engine.afterwards import STATUSES
from workshop.engine.decisions import REVIEW_STEP, Carried, Decision
from workshop.engine.tally import under
from workshop.engine.views import PollView, SessionState
from workshop.sessions.corrections import CorrectionVerbs, quoted
from workshop.sessions.files import SessionError
from workshop.sessions.people import Person

WORDING_MAX = 2000
SAID = {
    "no-step": "the session has not started: a decision is made on a step",
    "no-words": "say what was decided (TEXT), or name a consent poll (--from) whose proposal it is",
    "no-action": "no action item {ref!r} in this session (a note marked as one: its id, or the start of it)",
    "several": "{ref!r} is the start of several {what}' ids: give more of it",
    "no-decision": "no decision {ref!r} in this session (d1, d2, …)",
    "withdrawn": "decision {ref} was withdrawn: record a new one instead",
    "nothing": "say what changes: new words, the actions (--action), or both",
    "no-consent": "no consent to record here: this step's poll is not a consent poll that reached consent",
    "no-carried": "no action {ref!r} carried into this session (`workshop actions --chain` lists them)",
    "status": "an action is done, blocked, dropped or open, not {status!r}",
    "blocked": "say what blocks it (--note)",
    "not-owner": "only its owner ({owner}) or the facilitator can review this action",
    "not-now": "owners review their actions while the review step runs: ask the facilitator",
    "recorded": "decision {ref} recorded: {words}",
    "with-actions": ", {n} action(s)",
    "amended": "decision {ref} amended",
    "amended-to": "decision {ref} amended: {words}",
    "withdrew": "decision {ref} withdrawn: {words}",
    "reviewed": "{action}: {status}",
    "reviewed-note": "{action}: {status} ({note})",
}


def proposal(question: str) -> str:
    """A consent poll's question as the decision it proposes: 'Proposal: we pilot it first. Can you
    live with that?' -> 'We pilot it first.' (a question of one sentence stays as it is)."""
    words = re.sub(r"^\s*proposal\s*:\s*", "", question, flags=re.IGNORECASE)
    statement = re.match(r"^(.*[.!])\s+[^.!?]*\?\s*$", words, re.DOTALL)
    said = (statement.group(1) if statement else words).strip()
    return said[:1].upper() + said[1:] if said else question


def wording(body: str, what: str = "a decision") -> str:
    try:
        return text.body(body, what, WORDING_MAX)
    except text.TextError as err:
        raise SessionError(str(err)) from None


class DecisionVerbs(CorrectionVerbs):
    """Decisions and reviews, on the corrections' verbs; `Session` adds the facilitator's others."""

    def decide(self, body: str | None, polls: Sequence[str] = (), actions: Sequence[str] | None = None) -> str:
        """Record a decision on the current step (on the step of the first poll named): its
        words (a consent poll's proposal when `body` is None: `proposal`), every round of the polls named,
        the objections heard after them, and the action items named (None: those on its steps
        that no decision lists yet). The polls named are closed, so the tallies stay as quoted."""
        with self.changing() as write:
            s = self.state()
            if s.step is None:
                raise SessionError(SAID["no-step"])
            views = list({v.qid: v for v in (self._poll_named(s, ref) for ref in polls)}.values())
            if body is None:
                consent = next((v for v in views if v.poll.threshold is not None), None)
                if consent is None:
                    raise SessionError(SAID["no-words"])
                body = proposal(consent.poll.question)
            words = wording(body)
            step = s.steps[views[0].index] if views else s.step
            lines = [line for v in views for line in evidence.rounds(v)]
            heard = [line for v in views for line in evidence.objections(s, v)]
            steps = {step.qid, s.step.qid, *(q for v in views for q in evidence.objection_steps(s, v))}
            ids = self._defaults(s, steps) if actions is None else [self._action(s, ref) for ref in actions]
            ref = f"d{max((int(d.id[1:]) for d in s.record.decisions), default=0) + 1}"
            for view in views:
                if view.status == "open" and s.status != "ended":
                    write(events.CloseEvent(poll=view.qid))
            write(events.DecisionEvent(decision=ref, step=step.qid, text=words,
                                       polls=events.given([v.qid for v in views] or None),
                                       evidence=events.given(lines[:200] or None),
                                       objections=events.given(heard[:200] or None),
                                       actions=events.given(list(dict.fromkeys(ids))[:200] or None)))
        said = SAID["with-actions"].format(n=len(ids)) if ids else ""
        return SAID["recorded"].format(ref=ref, words=quoted(words, 60)) + said

    def decide_consent(self) -> str:
        """The one key: the current step's consent poll (or the one an objections round follows)
        reached consent, and its proposal is recorded as a decision, with its action items."""
        s = self.state()
        view = s.poll or (s.polls.get(ref) if (ref := self._poll_before(s)) else None)
        if view is None or view.poll.threshold is None or not view.ballots or under(view.poll, view.tally):
            raise SessionError(SAID["no-consent"])
        return self.decide(None, [view.qid])

    def recorded(self, view: PollView) -> Decision | None:
        """The decision in force that rests on this poll, if any."""
        return next((d for d in self.state().record.decisions if view.qid in d.polls and d.withdrawn is None), None)

    def amend_decision(self, ref: str, body: str | None = None, actions: Sequence[str] | None = None,
                       why: str | None = None) -> str:
        if body is None and actions is None:
            raise SessionError(SAID["nothing"])
        words = None if body is None else wording(body)
        reason = None if why is None else wording(why, "a reason")
        with self.changing() as write:
            s = self.state()
            found = self._decision(s, ref)
            ids = None if actions is None else list(dict.fromkeys(self._action(s, a) for a in actions))[:200]
            write(events.DecisionAmendEvent(decision=found.id, text=events.given(words), actions=events.given(ids),
                                            why=events.given(reason)))
        return SAID["amended-to"].format(ref=found.id, words=quoted(words, 60)) if words \
            else SAID["amended"].format(ref=found.id)

    def withdraw_decision(self, ref: str, why: str | None = None) -> str:
        reason = None if why is None else wording(why, "a reason")
        with self.changing() as write:
            found = self._decision(self.state(), ref)
            write(events.DecisionWithdrawEvent(decision=found.id, why=events.given(reason)))
        return SAID["withdrew"].format(ref=found.id, words=quoted(found.text, 60))

    # ---------------------------------------------------------------- reviews of carried actions

    def review(self, ref: str, status: str, comment: str | None = None, person: Person | None = None) -> str:
        """Mark a carried action done, blocked (with what blocks it), dropped or open again: the
        facilitator at any time, its owner while the review step runs."""
        if status not in STATUSES:
            raise SessionError(SAID["status"].format(status=status))
        said = None if not comment or not comment.strip() else wording(comment, "a note")
        if status == "blocked" and said is None:
            raise SessionError(SAID["blocked"])
        with self.changing() as write:
            s = self.state()
            action = self._carried(s, ref)
            if person is not None:
                self._may_review(s, action, person)
            write(events.ReviewEvent(note=action.note, status=status,  # type: ignore[arg-type]
                                     author=events.FACILITATOR if person is None else person.token,
                                     comment=events.given(said)))
        return SAID["reviewed-note" if said else "reviewed"].format(action=quoted(action.text, 50), status=status,
                                                                   note=said)

    def _may_review(self, s: SessionState, action: Carried, person: Person) -> None:
        if not action.owner or text.name_key(action.owner) != text.name_key(person.name) \
                or person.token not in self.fold.participants:
            raise SessionError(SAID["not-owner"].format(owner=action.owner or "nobody named"))
        if s.status == "ended" or s.step is None or s.step.qid != REVIEW_STEP:
            raise SessionError(SAID["not-now"])

    # ---------------------------------------------------------------- finding things

    @staticmethod
    def _carried(s: SessionState, ref: str) -> Carried:
        found = [a for a in s.record.carried if a.note.startswith(ref.lower())]
        if len(found) != 1:
            raise SessionError(SAID["no-carried"].format(ref=ref) if not found
                               else SAID["several"].format(ref=ref, what="actions"))
        return found[0]

    @staticmethod
    def _decision(s: SessionState, ref: str) -> Decision:
        found = s.record.decision(ref.strip().lower())
        if found is None:
            raise SessionError(SAID["no-decision"].format(ref=ref))
        if found.withdrawn is not None:
            raise SessionError(SAID["withdrawn"].format(ref=found.id))
        return found

    @staticmethod
    def _action(s: SessionState, ref: str) -> str:
        found = [n.id for n in s.notes if n.action and n.id.startswith(ref.strip().lower())]
        if len(found) != 1:
            raise SessionError(SAID["no-action"].format(ref=ref) if not found
                               else SAID["several"].format(ref=ref, what="action items"))
        return found[0]

    @staticmethod
    def _poll_before(s: SessionState) -> str | None:
        """The poll a step without one follows (an objections round follows its poll)."""
        if s.poll is not None or s.current is None:
            return None
        return next((p.qid for p in sorted(s.polls.values(), key=lambda p: -p.index) if p.index < s.current), None)

    @staticmethod
    def _defaults(s: SessionState, steps: set[str]) -> list[str]:
        """The action items on these steps that no decision in force lists yet."""
        listed = {a for d in s.record.decisions if d.withdrawn is None for a in d.actions}
        return [n.id for n in s.notes if n.action and n.step in steps and n.id not in listed]
