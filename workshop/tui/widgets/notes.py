"""Notes on the current step, newest first, with their author; action items marked. One note
is always selected (highlighted, newest first), and stays selected as others arrive: `m` on the
facilitator's screen marks it, `[` and `]` move the selection without moving the focus.
Participant text goes in as Text: shown literally, never as markup, and isolated so a name or
note cannot reorder what follows it (bidi.isolate)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.engine.bidi import isolate
from workshop.engine.events import FACILITATOR
from workshop.engine.views import Note, SessionState
from workshop.i18n import _, pgettext
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.options import WidgetOptions

SHOWN = 100  # newest notes listed; a screen cannot show more usefully, and redraws stay cheap


class NotesList(ShowsState, OptionList):
    def __init__(self, *, empty: str | None = None, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.empty = empty or _("No notes yet: a adds one; participants' notes appear here.")
        self.border_title = _("Notes")

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        if step is None:
            return None
        mine = [(n.id, n.action, n.owner, n.due, n.text) for n in state.notes if n.step == step.qid]
        return (step.qid, len(mine), tuple(mine[-SHOWN:]))

    def draw(self, state: SessionState) -> None:
        step = state.step
        chosen = self.chosen_id()
        self.clear_options()
        if step is None:
            return
        mine = [n for n in state.notes if n.step == step.qid]
        if not mine:
            self.add_option(Option(Text(self.empty, style="dim"), disabled=True))
            return
        for note in reversed(mine[-SHOWN:]):
            line = Text("★ " if note.action else "• ", style="bold yellow" if note.action else "dim")
            before, _name, after = _("{name}: ").partition("{name}")  # the name bold, not the colon
            line.append(before)
            line.append(author(note), style="bold")
            line.append(after)
            line.append(isolate(note.text))
            if note.edited:
                line.append(_(" (edited)"), style="dim")
            if note.action and (note.owner or note.due):
                line.append(" → ", style="dim")
                line.append(isolate(note.owner) or _("no owner"), style="bold")
                line.append(_(", due {due}").format(due=note.due) if note.due else "", style="dim")
            self.add_option(Option(line, id=note.id))
        if len(mine) > SHOWN:
            self.add_option(
                Option(
                    Text(_("… and {mine} earlier notes, in the report").format(mine=len(mine) - SHOWN), style="dim"),
                    disabled=True,
                )
            )
        ids = [note.id for note in reversed(mine[-SHOWN:])]
        # the selection stays on its note as others arrive; a new step starts at the newest
        self.highlighted = ids.index(chosen) if chosen in ids else 0

    def chosen_id(self) -> str | None:
        """The id of the selected note, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def move(self, step: int) -> None:
        """Select the next (1) or previous (-1) note, without taking the focus."""
        count = self.option_count
        if not count or self.get_option_at_index(0).disabled:
            return
        at = 0 if self.highlighted is None else self.highlighted + step
        last = count - 1 if not self.get_option_at_index(count - 1).disabled else count - 2
        self.highlighted = max(0, min(last, at))


def author(note: Note) -> str:
    """Who wrote a note, as the notes panel names them: the facilitator in the reader's words."""
    if note.author == FACILITATOR:
        return pgettext("who wrote a note", "facilitator")
    return isolate(note.name) or "?"
