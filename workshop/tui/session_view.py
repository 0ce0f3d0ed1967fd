"""What a session looks like on the facilitator's screen, shared with replay so a replayed
session looks exactly as it did live: the agenda rail, the timer, the step, the poll and notes.
Styled by facilitator.tcss."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen

from workshop.engine.views import SessionState
from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.review import ReviewPanel
from workshop.tui.widgets.room_panel import RoomPanel
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timer import BigTimer

WIDE = 120  # columns from which the poll and notes get a column of their own
NARROW = 100  # fewer columns than this: the rail gives its width to the step and the results
SHORT = 30  # fewer rows than this: the timer is one line and the header goes


def session_view(*, keys: bool = True, empty: str | None = None) -> ComposeResult:
    """The views, in facilitator.tcss's layout; `empty` is what the NotesList says with no notes.
    The room panel (ideas, questions, hands) shows only on steps where the room has something,
    the review panel only on a follow-up's review step; both name the facilitator's keys where
    the screen has them (`keys`: not in replay)."""
    with Horizontal(id="body"):
        yield AgendaRail(id="rail")
        with Vertical(id="main"):
            yield BigTimer(id="timer")
            with Horizontal(id="work"):
                yield StepPanel(id="step")
                with Vertical(id="side"):
                    yield PollPanel(id="poll")
                    yield ReviewPanel(keys=keys, id="review")
                    yield RoomPanel(keys=keys, id="room")
                    yield NotesList(empty=empty, id="notes")


def fit_layout(screen: Screen, size: Size) -> None:
    """Choose the layout from the window's size now; called on every resize, so it follows the
    window both ways. A class is set only when it changes: each change restyles the screen."""
    for name, on in (("wide", size.width >= WIDE), ("narrow", size.width < NARROW), ("short", size.height < SHORT)):
        if screen.has_class(name) != on:
            screen.set_class(on, name)


def fit_results(screen: Screen, state: SessionState) -> None:
    """Mark the screen while a poll's results are shown: on a narrow one, they take the rail's
    width (the agenda comes back with the next step)."""
    visible = state.poll is not None and state.poll.visible
    if screen.has_class("results") != visible:
        screen.set_class(visible, "results")
