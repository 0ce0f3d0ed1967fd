"""The part of the fold that holds the session's notes and action items.

A note, most of a long session's events, is applied by the fold's own loop (state.py), not by a
handler here; this part keeps them, and applies what marks one as an action item.

| type   | fields                  | who writes it |
|--------|-------------------------|---------------|
| note   | note, step, author, text, name | a participant who joined, or the facilitator |
| action | note, on, owner, due    | facilitator: the note is an action item (or no longer) |
"""

from __future__ import annotations

from workshop.engine.context import Part, handles
from workshop.engine.events import Event
from workshop.engine.text import is_date
from workshop.engine.views import Note


class Notes(Part):
    """The notes by id, in the order they were written, and how many are withdrawn now."""

    def __init__(self) -> None:
        self.by_id: dict[str, Note] = {}
        self.withdrawn = 0  # notes withdrawn now (corrections.py counts them)

    @handles("action")
    def _on_action(self, event: Event, t: float) -> None:
        note = self.by_id.get(str(event.get("note")))
        if note is None:
            return
        owner, due = event.get("owner", note.owner), event.get("due", note.due)
        owner = owner if type(owner) is str else note.owner
        due = due if type(due) is str and (due == "" or is_date(due)) else note.due  # "": cleared
        edited = note.edited or bool(note.owner or note.due) and (owner, due) != (note.owner, note.due)
        self.by_id[note.id] = note._replace(action=bool(event.get("on", True)), owner=owner, due=due, edited=edited)

    def shown(self, doubtful: set[str]) -> tuple[Note, ...]:
        """The notes a state lists: not withdrawn, and not by someone doubtful (people.py)."""
        notes = tuple(self.by_id.values())
        if self.withdrawn or doubtful:  # most sessions have neither
            notes = tuple(n for n in notes if not n.withdrawn and n.author not in doubtful)
        return notes
