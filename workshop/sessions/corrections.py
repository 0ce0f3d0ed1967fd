"""Corrections on the day (engine/corrections.py folds them): a note's or an idea's text edited
or the note or idea withdrawn, by the facilitator at any time or by its author while its step
runs; a poll's question (a consent proposal) reworded by the facilitator. Like every verb, each
checks and appends under the file's lock, and raises `SessionError` with one line, having written
nothing, when it cannot be done. What was written before stays in the file: replay shows the
change when it came, reports show the latest words marked "edited".
"""

from __future__ import annotations

import re

from workshop import i18n
from workshop.engine import events, text
from workshop.engine.ideas import IDEA_MAX, Idea
from workshop.engine.in_language import step_title
from workshop.engine.views import Note, PollView, SessionState
from workshop.i18n import _
from workshop.sessions.files import SessionError
from workshop.sessions.people import Person
from workshop.sessions.room import RoomVerbs, contribution

QUESTION_MAX = 500
IDEA_ID = re.compile(r"^i\d+\Z")
NOTE_ID = re.compile(r"^[0-9a-f]{4,8}\Z")


def quoted(words: str, width: int = 40) -> str:
    """The start of what someone wrote, quoted on one line as the reader's language quotes: how a
    message names a note or an idea."""
    line = " ".join(words.split())
    return i18n.quote(line if len(line) <= width else line[: width - 1] + "…")


class CorrectionVerbs(RoomVerbs):
    """Corrections, on the room's verbs; `Session` adds the facilitator's others."""

    def edit(self, ref: str, body: str, person: Person | None = None) -> str:
        """Correct what `ref` names: a note (its id, or the start of it), an idea (i3) or, for the
        facilitator, a poll's question (its step id)."""
        if IDEA_ID.match(ref):
            return self.edit_idea(ref, body, person)
        if NOTE_ID.match(ref):
            return self.edit_note(ref, body, person)
        if person is not None:
            raise SessionError(
                _("no note or idea {ref} of yours (a note's id, or an idea's like i3)").format(ref=text.said_back(ref))
            )
        return self.reword(ref, body)

    def withdraw_item(self, ref: str, person: Person | None = None, on: bool = True) -> str:
        """Take back a note or an idea (`on=False`: bring it back)."""
        if IDEA_ID.match(ref):
            return self.withdraw_idea(ref, person, on)
        return self.withdraw_note(ref, person, on)

    # ---------------------------------------------------------------- notes

    def note_id(self, ref: str) -> str:
        """The id of the note `ref` names: its id, or the start of it."""
        return self._correctable_note(self.state(), ref, None, "change").id

    def edit_note(self, ref: str, body: str, person: Person | None = None) -> str:
        try:
            clean = text.body(body)
        except text.TextError as err:
            raise SessionError(str(err)) from None
        with self.changing() as write:
            note = self._correctable_note(self.state(), ref, person, "edit")
            if note.text == clean:
                raise SessionError(_("the note already says that"))
            write(events.NoteEditEvent(note=note.id, author=self._author(person), text=clean))
        return _("note edited: {quoted}").format(quoted=quoted(clean))

    def withdraw_note(self, ref: str, person: Person | None = None, on: bool = True) -> str:
        with self.changing() as write:
            note = self._correctable_note(self.state(), ref, person, "withdraw", withdrawn=not on)
            write(events.NoteWithdrawEvent(note=note.id, author=self._author(person), on=on))
        said = _("note withdrawn: {quoted}") if on else _("note back: {quoted}")
        return said.format(quoted=quoted(note.text))

    def _correctable_note(
        self, s: SessionState, ref: str, person: Person | None, doing: str, withdrawn: bool = False
    ) -> Note:
        notes = self.fold.notes
        found = [n for n in notes.values() if n.id.startswith(ref.lower()) and n.withdrawn == withdrawn]
        if len(found) != 1:
            raise SessionError(
                (
                    _("no withdrawn note {ref}")
                    if withdrawn and not found
                    else _("no note {ref}")
                    if not found
                    else _("{ref} is the start of several notes' ids: give more of it")
                ).format(ref=text.said_back(ref))
            )
        note = found[0]
        if person is not None:
            self._own(s, note.author, note.step, person, _("{doing} a note").format(doing=doing))
        return note

    # ---------------------------------------------------------------- ideas

    def edit_idea(self, ref: str, body: str, person: Person | None = None) -> str:
        clean = contribution(body, _("an idea"))
        with self.changing() as write:
            idea = self._correctable_idea(self.state(), ref, person, "edit")
            if idea.text == clean:
                raise SessionError(_("idea {id} already says that").format(id=idea.id))
            write(events.IdeaEditEvent(idea=idea.id, author=self._author(person), text=clean))
        return _("idea {id} edited: {quoted}").format(id=idea.id, quoted=quoted(clean))

    def withdraw_idea(self, ref: str, person: Person | None = None, on: bool = True) -> str:
        with self.changing() as write:
            idea = self._correctable_idea(self.state(), ref, person, "withdraw")
            if idea.merged_into or idea.merged:
                raise SessionError(
                    _("idea {id} is merged into another: hide it instead (h)").format(id=idea.id)
                    if idea.merged_into
                    else _("idea {id} is merged with others: hide it instead (h)").format(id=idea.id)
                )
            if idea.withdrawn == on:
                raise SessionError(
                    _("idea {id} is already withdrawn").format(id=idea.id)
                    if on
                    else _("idea {id} is not withdrawn").format(id=idea.id)
                )
            write(events.IdeaWithdrawEvent(idea=idea.id, author=self._author(person), on=on))
        said = _("idea {id} withdrawn: {quoted}") if on else _("idea {id} back: {quoted}")
        return said.format(id=idea.id, quoted=quoted(idea.text))

    def _correctable_idea(self, s: SessionState, ref: str, person: Person | None, doing: str) -> Idea:
        idea = self.fold.room.ideas.get(ref)
        if idea is None or idea.withdrawn and doing == "edit":
            raise SessionError(_("no idea {ref}").format(ref=text.said_back(ref)))
        if person is not None:
            if not idea.author:
                raise SessionError(
                    _("idea {id} was anonymous: only the facilitator can {doing} it").format(id=idea.id, doing=doing)
                )
            self._own(s, idea.author, idea.step, person, _("{doing} an idea").format(doing=doing))
        return idea

    # ---------------------------------------------------------------- a poll's wording

    def reword(self, ref: str | None, body: str) -> str:
        """The poll's question (a consent proposal) reads `body` from now on."""
        clean = question_text(body)
        with self.changing() as write:
            s = self._live()
            poll = self._poll_named(s, ref, none=_("this step has no poll to reword"))
            if poll.poll.question == clean:
                raise SessionError(_("the question already reads so"))
            write(events.WordingEvent(poll=poll.qid, text=clean))
        return _("{title}: the question now reads {quoted}").format(
            title=step_title(s.steps[poll.index]), quoted=quoted(clean, 60)
        )

    # ---------------------------------------------------------------- who may

    @staticmethod
    def _author(person: Person | None) -> str:
        return events.FACILITATOR if person is None else person.token

    @staticmethod
    def _own(s: SessionState, author: str, step: str, person: Person, doing: str) -> None:
        if author != person.token:
            raise SessionError(_("only its author or the facilitator can {doing}: it is not yours").format(doing=doing))
        if s.status == "ended" or s.step is None or s.step.qid != step:
            raise SessionError(
                _("you can {doing} of yours only while its step runs: ask the facilitator").format(doing=doing)
            )


def question_text(body: str) -> str:
    try:
        return text.body(" ".join(text.clean(body).split()), "a question", QUESTION_MAX)
    except text.TextError as err:
        raise SessionError(str(err)) from None


__all__ = ["IDEA_MAX", "CorrectionVerbs", "PollView", "quoted"]
