"""Corrections on the day, as events: nothing already written is changed, and replay shows each
correction when it came. The part of the fold that applies them (as `ideas.Contributions` applies the
room's contributions).

| type          | fields              | who writes it |
|---------------|---------------------|---------------|
| note-edit     | note, author, text  | the facilitator (signed), or the note's author while its step runs |
| note-withdraw | note, author, on    | the same: the note no longer shows anywhere (on = false: it does again) |
| idea-edit     | idea, author, text  | the facilitator (signed), or the idea's author while its step runs |
| idea-withdraw | idea, author, on    | the same; an idea merged, or merged into, stays |
| wording       | poll, text          | facilitator: the poll's question (a consent proposal) now reads so |

A participant's correction counts only under the token the note or idea was written under, on
the current step, before the session ends; an anonymous idea has no author to match, so only the
facilitator corrects it. A poll's options already frozen from ideas keep the words they had.
"""

from __future__ import annotations

from workshop.engine.context import Context, Part, handles
from workshop.engine.events import FACILITATOR, Event
from workshop.engine.notes import Notes
from workshop.engine.order import RunningOrder
from workshop.engine.people import People
from workshop.engine.polls import PollEvents
from workshop.engine.room_fold import Contributions

TEXT_MAX = 2000


def _text(value: object, limit: int = TEXT_MAX) -> str:
    if type(value) is not str or not value.strip() or len(value) > limit:
        raise ValueError("not a text")
    return value


class Corrections(Part):
    """The part of the fold that applies corrections to what the notes, room and polls parts hold."""

    def __init__(
        self,
        context: Context,
        running: RunningOrder,
        people: People,
        notes: Notes,
        room: Contributions,
        polls: PollEvents,
    ) -> None:
        self.context, self.running, self.people = context, running, people
        self.notes, self.room, self.polls = notes, room, polls

    def _may(self, event: Event, author: str, step: str) -> bool:
        """Whether the event's author may correct what `author` wrote on `step`: the facilitator
        (the fold has checked the signature) always, its author while that step runs."""
        by = event.get("author")
        if by == FACILITATOR:
            return True
        current = self.context.live()
        return (
            type(by) is str
            and by == author
            and by in self.people.participants
            and current is not None
            and self.running.qids[current] == step
        )

    @handles("note-edit")
    def _on_note_edit(self, event: Event, t: float) -> None:
        notes = self.notes.by_id
        note = notes.get(str(event.get("note")))
        if note is not None and not note.withdrawn and self._may(event, note.author, note.step):
            notes[note.id] = note._replace(text=_text(event.get("text")), edited=True)

    @handles("note-withdraw")
    def _on_note_withdraw(self, event: Event, t: float) -> None:
        note = self.notes.by_id.get(str(event.get("note")))
        if note is not None and self._may(event, note.author, note.step):
            on = bool(event.get("on", True))
            if on != note.withdrawn:
                self.notes.withdrawn += 1 if on else -1
                self.notes.by_id[note.id] = note._replace(withdrawn=on)

    @handles("idea-edit")
    def _on_idea_edit(self, event: Event, t: float) -> None:
        ideas = self.room.ideas
        idea = ideas.get(str(event.get("idea")))
        if idea is not None and not idea.withdrawn and self._may(event, idea.author or "-", idea.step):
            ideas[idea.id] = idea._replace(text=_text(event.get("text"), 280), edited=True)

    @handles("idea-withdraw")
    def _on_idea_withdraw(self, event: Event, t: float) -> None:
        ideas = self.room.ideas
        idea = ideas.get(str(event.get("idea")))
        if idea is None or idea.merged_into or idea.merged or not self._may(event, idea.author or "-", idea.step):
            return
        ideas[idea.id] = idea._replace(withdrawn=bool(event.get("on", True)))

    @handles("wording")
    def _on_wording(self, event: Event, t: float) -> None:
        poll = str(event.get("poll"))
        if poll in self.polls.polls:
            self.polls.reword(poll, _text(event.get("text"), 500))
