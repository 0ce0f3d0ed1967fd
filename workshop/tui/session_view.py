"""What a session looks like on the facilitator's screen, shared with replay so a replayed
session looks exactly as it did live: the agenda rail, the timer, the step, the poll and notes.
Styled by facilitator.tcss."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timer import BigTimer

WIDE = 120  # columns from which the poll and notes get a column of their own


def session_view(**notes: str) -> ComposeResult:
    """The views, in facilitator.tcss's layout; `notes` goes to the NotesList (its empty text)."""
    with Horizontal(id="body"):
        yield AgendaRail(id="rail")
        with Vertical(id="main"):
            yield BigTimer(id="timer")
            with Horizontal(id="work"):
                yield StepPanel(id="step")
                with Vertical(id="side"):
                    yield PollPanel(id="poll")
                    yield Static("Notes", id="notes-title")
                    yield NotesList(id="notes", **notes)


def fit_layout(screen: Screen, width: int) -> None:
    """Narrow or wide layout. Set it while the screen is still empty where possible: changing the
    class restyles every widget on the screen."""
    wide = width >= WIDE
    if screen.has_class("wide") != wide:
        screen.set_class(wide, "wide")
