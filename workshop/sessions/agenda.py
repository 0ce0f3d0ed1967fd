"""The agenda, changed live by the facilitator: skip or move a step still to come, insert a
break, hold an objections round after a consent poll, and vote again (a revote, perhaps on new
words). Like every verb, each checks and appends under the file's lock and raises `SessionError`
with one line, having written nothing, when it cannot be done.
"""

from __future__ import annotations

from workshop.engine import events
from workshop.engine.in_language import step_title
from workshop.engine.text import said_back
from workshop.engine.views import SessionState, StepView
from workshop.i18n import _
from workshop.sessions.corrections import question_text, quoted
from workshop.sessions.decisions import DecisionVerbs
from workshop.sessions.files import SessionError


class AgendaVerbs(DecisionVerbs):
    def skip(self, ref: str, on: bool = True) -> str:
        """Skip a step that has not run (`on=False`: run it after all)."""
        with self.changing() as write:
            step = self._to_change(ref, "skip" if on else "unskip")
            if step.skipped == on:
                raise SessionError(
                    (_("{qid} is already skipped") if on else _("{qid} is not skipped")).format(qid=step.qid)
                )
            write(events.SkipEvent(step=step.qid, on=on))
        title = step_title(step)
        return _("{title}: skipped").format(title=title) if on else _("{title}: back in the agenda").format(title=title)

    def move(self, ref: str, after: str) -> str:
        """Move a step that has not run to right after the step `after` ("" or "start": first)."""
        with self.changing() as write:
            step = self._to_change(ref, "move")
            target = None if after in ("", "start") else self._step_named(after)
            if target is not None and target.qid == step.qid:
                raise SessionError(_("a step cannot move after itself"))
            write(events.MoveEvent(step=step.qid, after="" if target is None else target.qid))
        return _("{title}: now {value}").format(
            title=step_title(step),
            value=_("after {quoted}").format(quoted=quoted(step_title(target), 60)) if target else _("first"),
        )

    def insert_break(self, minutes: int, after: str | None = None) -> str:
        """Add a break of `minutes` after the step `after` (default: the current step)."""
        if not 1 <= minutes <= 120:
            raise SessionError(_("a break is 1 to 120 minutes"))
        with self.changing() as write:
            s = self._live()
            place = self._step_named(after) if after else s.step
            anchor = place or s.steps[0]
            qid = self._new_step_id(s, anchor, "break")
            write(
                events.InsertEvent(
                    step=qid, kind="break", title=_("Break"), minutes=minutes, after=place.qid if place else ""
                )
            )
        return _("A {minutes}-minute break {value}").format(
            minutes=minutes,
            value=_("after {quoted}").format(quoted=quoted(step_title(place), 60)) if place else _("first"),
        )

    def objections(self, minutes: int = 5) -> str:
        """After a consent poll with blocks: a notes step on the spot, right after the poll, where
        those under the threshold say what would make the proposal work for them."""
        with self.changing() as write:
            s = self._started("objections")
            poll = self._poll_named(s, None, none=_("objections follow a poll: this step has none"))
            here = self._current(s)
            qid = self._new_step_id(s, here, "objections")
            prompt = (
                _(
                    "Objections to: {question}\n\nIf you voted under {threshold}, say what would make it "
                    "work for you. Then we vote again."
                ).format(question=poll.poll.question, threshold=poll.poll.threshold)
                if poll.poll.threshold
                else _(
                    "Objections to: {question}\n\nIf you voted under the middle, say what would make it "
                    "work for you. Then we vote again."
                ).format(question=poll.poll.question)
            )
            write(
                events.InsertEvent(
                    step=qid, kind="notes", title=_("Objections round"), minutes=minutes, after=here.qid, prompt=prompt
                )
            )
            write(events.GotoEvent(step=qid, via="goto"))
        return _("Objections round ({minutes} min) on {quoted}: vote again when the proposal has changed").format(
            minutes=minutes, quoted=quoted(step_title(here), 60)
        )

    def revote(self, ref: str | None = None, wording: str | None = None) -> str:
        """A new round of a poll (the current step's, or the one named), on new words if `wording`
        (a proposal changed after its objections): earlier rounds' ballots are kept as their
        result, each with the words it voted on; the room goes back to the poll's step if it is
        elsewhere."""
        words = question_text(wording) if wording else None
        with self.changing() as write:
            s = self._started("revote")
            poll = self._poll_named(s, (ref or "").strip() or self._poll_before(s))
            if poll.status == "waiting" or not poll.ballots:
                raise SessionError(
                    _("the poll {qid} has no ballots in this round yet: nothing to vote again on").format(qid=poll.qid)
                )
            if s.current != poll.index:
                write(events.GotoEvent(step=poll.qid, via="goto"))
            write(
                events.RevoteEvent(poll=poll.qid, wording=events.given(None if words == poll.poll.question else words))
            )
        title = step_title(s.steps[poll.index])
        if words:
            return _("{title}: round {round} open on {quoted}").format(
                title=title, round=poll.round + 1, quoted=quoted(words, 60)
            )
        return _("{title}: round {round} open").format(title=title, round=poll.round + 1)

    @staticmethod
    def _new_step_id(s: SessionState, anchor: StepView, stem: str) -> str:
        n = sum(1 for x in s.steps if x.inserted and x.spec.id.startswith(stem)) + 1
        qid = f"{anchor.module.id}/{stem}-{n}"
        while s.step_by_id(qid) is not None:
            qid += "-b"
        return qid

    def _step_named(self, ref: str) -> StepView:
        step = self.state().step_by_id(ref)
        if step is None:
            raise SessionError(
                _("no step {ref} in this agenda (or the id is in several modules: use module/step)").format(
                    ref=said_back(ref)
                )
            )
        return step

    def _to_change(self, ref: str, doing: str) -> StepView:
        s = self._live()
        step = self._step_named(ref)
        if step.index == s.current:
            raise SessionError(_("{qid} is running now: it cannot {doing}").format(qid=step.qid, doing=doing))
        if step.visited:
            raise SessionError(
                _("{qid} has already run: only steps still to come can {doing}").format(qid=step.qid, doing=doing)
            )
        return step
