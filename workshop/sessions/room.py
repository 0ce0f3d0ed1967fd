"""The verbs of what the room contributes (engine/ideas.py folds them): ideas, questions and
upvotes, hands and reactions from participants; merge, hide, answered, call and the Q&A switch
from the facilitator; and a poll's options frozen from a brainstorm as it opens.

Like every verb (sessions/session.py), each one checks and appends under the file's lock and
raises `SessionError` with one line, having written nothing, when it cannot be done. A
participant acts under their joined name; an anonymous idea or question carries no name and
no token, and its time only to the minute, like an anonymous ballot.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from workshop.engine import events, text
from workshop.engine.ideas import IDEA_MAX, OPTIONS_MAX, REACTIONS, Idea, Question, candidates, option_labels
from workshop.engine.in_language import step_title
from workshop.engine.views import SessionState, StepView
from workshop.i18n import _
from workshop.sessions.files import SessionError
from workshop.sessions.journal import Write
from workshop.sessions.people import Person
from workshop.sessions.taking import Taking


def contribution(raw: str, what: str) -> str:
    """An idea or question: one line (spacing collapsed), cleaned, 1–280 characters."""
    try:
        return text.body(" ".join(text.clean(raw).split()), what, IDEA_MAX)
    except text.TextError as err:
        raise SessionError(str(err)) from None


class RoomVerbs(Taking):
    """The room's verbs, on what every verb asks (`Taking`: `_started`, `_ensure_joined`, `person`);
    `Session` adds the facilitator's."""

    # ---------------------------------------------------------------- ideas

    def idea_as(self, person: Person, body: str) -> str:
        """Add an idea to the current brainstorm step; a line with its id."""
        clean = contribution(body, _("an idea"))
        with self.changing() as write:
            step = self._step_of_kind("brainstorm", _("ideas are added on a brainstorm step"))
            idea_id = _next_id("i", [i.id for i in self.state().room.ideas])
            if step.spec.anonymous:
                write(events.IdeaEvent(at=self._minute(), idea=idea_id, step=step.qid, text=clean))
            else:
                self._ensure_joined(write, person)
                write(events.IdeaEvent(idea=idea_id, step=step.qid, author=person.token, name=person.name, text=clean))
        title = step_title(step)
        if step.spec.anonymous:
            return _("idea {idea_id} added to “{title}” (anonymous)").format(idea_id=idea_id, title=title)
        return _("idea {idea_id} added to “{title}”").format(idea_id=idea_id, title=title)

    def merge(self, ref: str, into_ref: str) -> str:
        """Merge idea `ref` into idea `into_ref` (a duplicate): it no longer becomes an option."""
        with self.changing() as write:
            s = self._started("merge")
            idea, into = self._idea(s, ref), self._idea(s, into_ref)
            while into.merged_into:
                into = self._idea(s, into.merged_into)
            if idea.merged_into:
                raise SessionError(
                    _("idea {id} is already merged into {merged_into}").format(id=idea.id, merged_into=idea.merged_into)
                )
            if into.id == idea.id:
                raise SessionError(_("an idea cannot be merged into itself"))
            if into.step != idea.step:
                raise SessionError(_("ideas {id} and {into} are from different steps").format(id=idea.id, into=into.id))
            if into.hidden:
                raise SessionError(_("idea {id} is hidden: merge into one that is shown").format(id=into.id))
            write(events.MergeEvent(idea=idea.id, into=into.id))
        return _("idea {id} merged into {into}").format(id=idea.id, into=into.id)

    def hide(self, ref: str, on: bool = True) -> str:
        """Hide an idea or a question (or, `on=False`, show it again)."""
        with self.changing() as write:
            s = self._started("hide" if on else "unhide")
            item: Idea | Question | None = s.room.idea(_id(ref, "i")) or s.room.question(_id(ref, "q"))
            if item is None:
                raise SessionError(_("no idea or question {ref}").format(ref=text.said_back(ref)))
            if item.hidden == on:
                raise SessionError((_("{id} is already hidden") if on else _("{id} is not hidden")).format(id=item.id))
            write(events.HideEvent(item=item.id, on=on))
        return (_("{id} hidden") if on else _("{id} shown again")).format(id=item.id)

    def _idea(self, s: SessionState, ref: str) -> Idea:
        idea = s.room.idea(_id(ref, "i"))
        if idea is None:
            raise SessionError(_("no idea {ref}").format(ref=text.said_back(ref)))
        return idea

    def _freeze_options(self, write: Write, s: SessionState, target: StepView, again: bool = False) -> str:
        """As a poll with `options_from` first opens (`again`: is reset), write its options: the
        remaining ideas of its brainstorm, at most OPTIONS_MAX. What to say about it, or ""."""
        poll = target.spec.poll
        if poll is None or not poll.options_from or (target.qid in s.room.options and not again):
            return ""
        source = f"{target.module.id}/{poll.options_from}"
        ideas = candidates(s.room.ideas_of(source))
        chosen = ideas[:OPTIONS_MAX]
        write(events.OptionsEvent(poll=target.qid, options=option_labels(chosen), ideas=[i.id for i in chosen]))
        named = s.step_by_id(source)
        said = _("; {chosen} options from the ideas of “{title}”").format(
            chosen=len(chosen), title=step_title(named) if named else source
        )
        if len(ideas) > OPTIONS_MAX:
            said += _(
                " ({ideas} more ideas remain: a poll takes at most {OPTIONS_MAX}; merge or hide ideas, then "
                "reset the poll)"
            ).format(ideas=len(ideas) - OPTIONS_MAX, OPTIONS_MAX=OPTIONS_MAX)
        elif len(chosen) < 2:
            said += _(" (fewer than two: add ideas on that step, then reset the poll)")
        return said

    # ---------------------------------------------------------------- questions

    def ask_as(self, person: Person, body: str, anonymous: bool = False) -> str:
        """Ask a question on a qa step, or on any step while Q&A is on; a line with its id."""
        clean = contribution(body, "a question")
        with self.changing() as write:
            s = self._started("ask")
            step = s.step
            assert step is not None
            if step.spec.kind != "qa" and not s.room.qa:
                raise SessionError(_("questions are asked on a Q&A step, or once the facilitator opens Q&A"))
            question_id = _next_id("q", [q.id for q in s.room.questions])
            anonymous = anonymous or (step.spec.kind == "qa" and step.spec.anonymous)
            if anonymous:
                write(events.QuestionEvent(at=self._minute(), question=question_id, step=step.qid, text=clean))
            else:
                self._ensure_joined(write, person)
                write(
                    events.QuestionEvent(
                        question=question_id, step=step.qid, author=person.token, name=person.name, text=clean
                    )
                )
        return question_id

    def upvote_as(self, person: Person, ref: str) -> str:
        """One upvote per person per question; a second writes nothing and says so."""
        with self.changing() as write:
            s = self._started("upvote")
            question = self._question(s, ref)
            if question.hidden:
                raise SessionError(_("no question {ref}").format(ref=text.said_back(ref)))
            if person.token in self.fold.room.upvoters.get(question.id, ()):
                return _("you have already upvoted {id}: one upvote per person (ignored)").format(id=question.id)
            self._ensure_joined(write, person)
            write(events.UpvoteEvent(question=question.id, participant=person.token))
        return _("upvoted {id} ({votes})").format(id=question.id, votes=question.votes + 1)

    def answered(self, ref: str, on: bool = True) -> str:
        with self.changing() as write:
            question = self._question(self._started("answered"), ref)
            if question.answered == on:
                raise SessionError(
                    (_("{id} is already marked answered") if on else _("{id} is not marked answered")).format(
                        id=question.id
                    )
                )
            write(events.AnsweredEvent(question=question.id, on=on))
        return (_("{id} answered") if on else _("{id} open again")).format(id=question.id)

    def qa(self, on: bool) -> str:
        """Q&A open on every step (or only on qa steps)."""
        with self.changing() as write:
            if self._started("qa").room.qa == on:
                raise SessionError(_("Q&A is already on") if on else _("Q&A is already off"))
            write(events.QaEvent(on=on))
        return _("Q&A on: questions on every step") if on else _("Q&A off: questions on Q&A steps only")

    @staticmethod
    def _question(s: SessionState, ref: str) -> Question:
        question = s.room.question(_id(ref, "q"))
        if question is None:
            raise SessionError(_("no question {ref}").format(ref=text.said_back(ref)))
        return question

    # ---------------------------------------------------------------- hands and reactions

    def hand_as(self, person: Person, up: bool = True) -> str:
        """Raise (or lower) a hand; a line with the place in the queue."""
        with self.changing() as write:
            s = self._started("hand")
            queue = [h.participant for h in s.room.hands]
            if up and person.token in queue:
                raise SessionError(
                    _("your hand is already up ({index} in the queue)").format(index=queue.index(person.token) + 1)
                )
            if not up and person.token not in queue:
                raise SessionError(_("your hand is not up"))
            self._ensure_joined(write, person)
            write(events.HandEvent(participant=person.token, up=up))
        return _("hand up: {queue} in the queue").format(queue=len(queue) + 1) if up else _("hand down")

    def call_next(self) -> str:
        """Give the word to the first raised hand."""
        with self.changing() as write:
            hands = self._started("call").room.hands
            if not hands:
                raise SessionError(_("no hand is up"))
            write(events.CallEvent(participant=hands[0].participant))
        return _("{name} has the word ({hands} more in the queue)").format(name=hands[0].name, hands=len(hands) - 1)

    def react_as(self, person: Person, reaction: str) -> str:
        if reaction not in REACTIONS:
            raise SessionError(
                _("unknown reaction {reaction}: {REACTIONS}").format(
                    reaction=text.said_back(reaction), REACTIONS=", ".join(REACTIONS)
                )
            )
        with self.changing() as write:
            step = self._step_of_kind(None, "")
            if person.token in self.fold.room.reactions.get(step.qid, {}).get(reaction, ()):
                return _("{reaction}: already counted on this step").format(reaction=reaction)
            self._ensure_joined(write, person)
            write(
                events.ReactEvent(participant=person.token, step=step.qid, reaction=cast(events.Reaction, reaction))
            )  # one of REACTIONS
        return _("{reaction}: counted").format(reaction=reaction)

    # ---------------------------------------------------------------- helpers

    def _step_of_kind(self, kind: str | None, refusal: str) -> StepView:
        s = self._started(kind or "react")
        step = s.step
        assert step is not None
        if kind is not None and step.spec.kind != kind:
            raise SessionError(
                _("{refusal}: the current step ({title}) is not one").format(refusal=refusal, title=step_title(step))
            )
        return step

    def _minute(self) -> dt.datetime:
        return self.clock().replace(second=0, microsecond=0)


def _id(ref: str, prefix: str) -> str:
    """`i3`, `I3` or `3` all name idea i3."""
    ref = ref.strip().lower()
    return prefix + ref if ref.isdigit() else ref


def _next_id(prefix: str, taken: list[str]) -> str:
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"
