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

from workshop.engine import events, evidence, lookalikes, text
from workshop.engine.afterwards import STATUSES, status_said
from workshop.engine.decisions import REVIEW_STEP, Carried, Decision
from workshop.engine.tally import under
from workshop.engine.views import PollView, SessionState
from workshop.i18n import N_, _, ngettext
from workshop.sessions.corrections import CorrectionVerbs, quoted
from workshop.sessions.files import SessionError
from workshop.sessions.people import Person

WORDING_MAX = 2000
SAID = {  # marked here, said in the language in force where a verb refuses or answers
    "no-step": N_("the session has not started: a decision is made on a step"),
    "no-words": N_("say what was decided (TEXT), or name a consent poll (--from) whose proposal it is"),
    "no-action": N_("no action item {ref} in this session (a note marked as one: its id, or the start of it)"),
    "several-actions": N_("{ref} is the start of several actions' ids: give more of it"),
    "several-items": N_("{ref} is the start of several action items' ids: give more of it"),
    "no-decision": N_("no decision {ref} in this session (d1, d2, …)"),
    "withdrawn": N_("decision {ref} was withdrawn: record a new one instead"),
    "nothing": N_("say what changes: new words, the actions (--action), or both"),
    "no-consent": N_("no consent to record here: this step's poll is not a consent poll that reached consent"),
    "no-carried": N_("no action {ref} carried into this session (`workshop actions --chain` lists them)"),
    "status": N_("an action is done, blocked, dropped or open, not {status}"),
    "blocked": N_("say what blocks it (--note)"),
    "not-owner": N_("only its owner ({owner}) or the facilitator can review this action"),
    "not-now": N_("owners review their actions while the review step runs: ask the facilitator"),
    "recorded": N_("decision {ref} recorded: {words}"),
    "amended": N_("decision {ref} amended"),
    "amended-to": N_("decision {ref} amended: {words}"),
    "withdrew": N_("decision {ref} withdrawn: {words}"),
    "reviewed": "{action}: {status}",
    "reviewed-note": "{action}: {status} ({note})",
}


def said(key: str) -> str:
    """One of SAID in the language in force."""
    return _(SAID[key])


def proposal(question: str) -> str:
    """A consent poll's question as the decision it proposes: 'Proposal: we pilot it first. Can you
    live with that?' -> 'We pilot it first.' (a question of one sentence stays as it is)."""
    words = re.sub(r"^\s*proposal\s*:\s*", "", question, flags=re.IGNORECASE)
    statement = re.match(r"^(.*[.!])\s+[^.!?]*\?\s*$", words, re.DOTALL)
    said = (statement.group(1) if statement else words).strip()
    return said[:1].upper() + said[1:] if said else question


def wording(body: str, what: str | None = None) -> str:
    """A decision's words (or, `what` says, a reason's or a note's): cleaned, not blank, not too long."""
    try:
        return text.body(body, what or _("a decision"), WORDING_MAX)
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
                raise SessionError(said("no-step"))
            views = list({v.qid: v for v in (self._poll_named(s, ref) for ref in polls)}.values())
            if body is None:
                consent = next((v for v in views if v.poll.threshold is not None), None)
                if consent is None:
                    raise SessionError(said("no-words"))
                body = proposal(consent.poll.question)
            words = wording(body)
            step = s.steps[views[0].index] if views else s.step
            lines = [line for v in views for line in evidence.rounds(v, evidence.written_in(s, v))]
            heard = [line for v in views for line in evidence.objections(s, v)]
            steps = {step.qid, s.step.qid, *(q for v in views for q in evidence.objection_steps(s, v))}
            ids = self._defaults(s, steps) if actions is None else [self._action(s, ref) for ref in actions]
            ref = f"d{max((int(d.id[1:]) for d in s.record.decisions), default=0) + 1}"
            for view in views:
                if view.status == "open" and s.status != "ended":
                    write(events.CloseEvent(poll=view.qid))
            write(
                events.DecisionEvent(
                    decision=ref,
                    step=step.qid,
                    text=words,
                    polls=events.given([v.qid for v in views] or None),
                    evidence=events.given(lines[:200] or None),
                    objections=events.given(heard[:200] or None),
                    actions=events.given(list(dict.fromkeys(ids))[:200] or None),
                )
            )
        if ids:  # English says "(s)" whatever the count, as it always has
            return ngettext(
                "decision {ref} recorded: {words}, {n} action(s)",
                "decision {ref} recorded: {words}, {n} action(s)",
                len(ids),
            ).format(ref=ref, words=quoted(words, 60), n=len(ids))
        return said("recorded").format(ref=ref, words=quoted(words, 60))

    def decide_consent(self) -> str:
        """The one key: the current step's consent poll (or the one an objections round follows)
        reached consent, and its proposal is recorded as a decision, with its action items."""
        s = self.state()
        view = s.poll or (s.polls.get(ref) if (ref := self._poll_before(s)) else None)
        if view is None or view.poll.threshold is None or not view.ballots or under(view.poll, view.tally):
            raise SessionError(said("no-consent"))
        return self.decide(None, [view.qid])

    def recorded(self, view: PollView) -> Decision | None:
        """The decision in force that rests on this poll, if any."""
        return next((d for d in self.state().record.decisions if view.qid in d.polls and d.withdrawn is None), None)

    def amend_decision(
        self, ref: str, body: str | None = None, actions: Sequence[str] | None = None, why: str | None = None
    ) -> str:
        if body is None and actions is None:
            raise SessionError(said("nothing"))
        words = None if body is None else wording(body)
        reason = None if why is None else wording(why, _("a reason"))
        with self.changing() as write:
            s = self.state()
            found = self._decision(s, ref)
            ids = None if actions is None else list(dict.fromkeys(self._action(s, a) for a in actions))[:200]
            write(
                events.DecisionAmendEvent(
                    decision=found.id, text=events.given(words), actions=events.given(ids), why=events.given(reason)
                )
            )
        return (
            said("amended-to").format(ref=found.id, words=quoted(words, 60))
            if words
            else said("amended").format(ref=found.id)
        )

    def withdraw_decision(self, ref: str, why: str | None = None) -> str:
        reason = None if why is None else wording(why, _("a reason"))
        with self.changing() as write:
            found = self._decision(self.state(), ref)
            write(events.DecisionWithdrawEvent(decision=found.id, why=events.given(reason)))
        return said("withdrew").format(ref=found.id, words=quoted(found.text, 60))

    # ---------------------------------------------------------------- reviews of carried actions

    def review(self, ref: str, status: str, comment: str | None = None, person: Person | None = None) -> str:
        """Mark a carried action done, blocked (with what blocks it), dropped or open again: the
        facilitator at any time, its owner while the review step runs."""
        if status not in STATUSES:
            raise SessionError(said("status").format(status=text.said_back(status)))
        note = None if not comment or not comment.strip() else wording(comment, _("a note"))
        if status == "blocked" and note is None:
            raise SessionError(said("blocked"))
        with self.changing() as write:
            s = self.state()
            action = self._carried(s, ref)
            if person is not None:
                self._may_review(s, action, person)
            write(
                events.ReviewEvent(
                    note=action.note,
                    status=status,  # type: ignore[arg-type]
                    author=events.FACILITATOR if person is None else person.token,
                    comment=events.given(note),
                )
            )
        return SAID["reviewed-note" if note else "reviewed"].format(
            action=quoted(action.text, 50), status=status_said(status), note=note
        )

    def _may_review(self, s: SessionState, action: Carried, person: Person) -> None:
        if (
            not action.owner
            or lookalikes.name_key(action.owner) != lookalikes.name_key(person.name)
            or person.token not in self.fold.participants
        ):
            raise SessionError(said("not-owner").format(owner=action.owner or _("nobody named")))
        if s.status == "ended" or s.step is None or s.step.qid != REVIEW_STEP:
            raise SessionError(said("not-now"))

    # ---------------------------------------------------------------- finding things

    @staticmethod
    def _carried(s: SessionState, ref: str) -> Carried:
        found = [a for a in s.record.carried if a.note.startswith(ref.lower())]
        if len(found) != 1:
            raise SessionError(said("no-carried" if not found else "several-actions").format(ref=text.said_back(ref)))
        return found[0]

    @staticmethod
    def _decision(s: SessionState, ref: str) -> Decision:
        found = s.record.decision(ref.strip().lower())
        if found is None:
            raise SessionError(said("no-decision").format(ref=text.said_back(ref)))
        if found.withdrawn is not None:
            raise SessionError(said("withdrawn").format(ref=found.id))
        return found

    @staticmethod
    def _action(s: SessionState, ref: str) -> str:
        found = [n.id for n in s.notes if n.action and n.id.startswith(ref.strip().lower())]
        if len(found) != 1:
            raise SessionError(said("no-action" if not found else "several-items").format(ref=text.said_back(ref)))
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
