"""Corrections on the day (engine/corrections.py folds them): a note's or an idea's text edited
or the note or idea withdrawn, by the facilitator at any time or by its author while its step
runs; a poll's question (a consent proposal) reworded by the facilitator. Like every verb, each
checks and appends under the file's lock, and raises `SessionError` with one line, having written
nothing, when it cannot be done. What was written before stays in the file: replay shows the
change when it came, reports show the latest words marked "edited".
"""

from __future__ import annotations

import re

from workshop.engine import events, text
from workshop.engine.ideas import IDEA_MAX, Idea
from workshop.engine.state import Note, PollView, SessionState
from workshop.sessions.files import SessionError
from workshop.sessions.people import Person
from workshop.sessions.room import RoomVerbs, contribution

QUESTION_MAX = 500
IDEA_ID = re.compile(r"^i\d+$")
NOTE_ID = re.compile(r"^[0-9a-f]{4,8}$")


def quoted(words: str, width: int = 40) -> str:
    """The start of what someone wrote, quoted on one line: how a message names a note or an idea."""
    line = " ".join(words.split())
    return f"“{line if len(line) <= width else line[:width - 1] + '…'}”"


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
            raise SessionError(f"no note or idea {ref!r} of yours (a note's id, or an idea's like i3)")
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
                raise SessionError("the note already says that")
            write(events.NoteEditEvent(note=note.id, author=self._author(person), text=clean))
        return f"note edited: {quoted(clean)}"

    def withdraw_note(self, ref: str, person: Person | None = None, on: bool = True) -> str:
        with self.changing() as write:
            note = self._correctable_note(self.state(), ref, person, "withdraw", withdrawn=not on)
            write(events.NoteWithdrawEvent(note=note.id, author=self._author(person), on=on))
        return f"note {'withdrawn' if on else 'back'}: {quoted(note.text)}"

    def _correctable_note(self, s: SessionState, ref: str, person: Person | None, doing: str,
                          withdrawn: bool = False) -> Note:
        notes = self.fold.notes
        found = [n for n in notes.values() if n.id.startswith(ref.lower()) and n.withdrawn == withdrawn]
        if len(found) != 1:
            raise SessionError(f"no note {ref!r}{' withdrawn' if withdrawn else ''}" if not found
                               else f"{ref!r} is the start of several notes' ids: give more of it")
        note = found[0]
        if person is not None:
            self._own(s, note.author, note.step, person, f"{doing} a note")
        return note

    # ---------------------------------------------------------------- ideas

    def edit_idea(self, ref: str, body: str, person: Person | None = None) -> str:
        clean = contribution(body, "an idea")
        with self.changing() as write:
            idea = self._correctable_idea(self.state(), ref, person, "edit")
            if idea.text == clean:
                raise SessionError(f"idea {idea.id} already says that")
            write(events.IdeaEditEvent(idea=idea.id, author=self._author(person), text=clean))
        return f"idea {idea.id} edited: {quoted(clean)}"

    def withdraw_idea(self, ref: str, person: Person | None = None, on: bool = True) -> str:
        with self.changing() as write:
            idea = self._correctable_idea(self.state(), ref, person, "withdraw")
            if idea.merged_into or idea.merged:
                raise SessionError(f"idea {idea.id} is merged {'into another' if idea.merged_into else 'with others'}: "
                                   "hide it instead (h)")
            if idea.withdrawn == on:
                raise SessionError(f"idea {idea.id} is {'already withdrawn' if on else 'not withdrawn'}")
            write(events.IdeaWithdrawEvent(idea=idea.id, author=self._author(person), on=on))
        return f"idea {idea.id} {'withdrawn' if on else 'back'}: {quoted(idea.text)}"

    def _correctable_idea(self, s: SessionState, ref: str, person: Person | None, doing: str) -> Idea:
        idea = self.fold.room.ideas.get(ref)
        if idea is None or idea.withdrawn and doing == "edit":
            raise SessionError(f"no idea {ref!r}")
        if person is not None:
            if not idea.author:
                raise SessionError(f"idea {idea.id} was anonymous: only the facilitator can {doing} it")
            self._own(s, idea.author, idea.step, person, f"{doing} an idea")
        return idea

    # ---------------------------------------------------------------- a poll's wording

    def reword(self, ref: str | None, body: str) -> str:
        """The poll's question (a consent proposal) reads `body` from now on."""
        clean = question_text(body)
        with self.changing() as write:
            s = self._live()
            poll = self._poll_named(s, ref, none="this step has no poll to reword")
            if poll.poll.question == clean:
                raise SessionError("the question already reads so")
            write(events.WordingEvent(poll=poll.qid, text=clean))
        return f"{s.steps[poll.index].step.title}: the question now reads {quoted(clean, 60)}"

    # ---------------------------------------------------------------- who may

    @staticmethod
    def _author(person: Person | None) -> str:
        return events.FACILITATOR if person is None else person.token

    @staticmethod
    def _own(s: SessionState, author: str, step: str, person: Person, doing: str) -> None:
        if author != person.token:
            raise SessionError(f"only its author or the facilitator can {doing}: it is not yours")
        if s.status == "ended" or s.step is None or s.step.qid != step:
            raise SessionError(f"you can {doing} of yours only while its step runs: ask the facilitator")


def question_text(body: str) -> str:
    try:
        return text.body(" ".join(text.clean(body).split()), "a question", QUESTION_MAX)
    except text.TextError as err:
        raise SessionError(str(err)) from None


__all__ = ["IDEA_MAX", "CorrectionVerbs", "PollView", "quoted"]
