"""The room display once the session has ended: thanks, and, when the facilitator asked for them
(`workshop screen --headlines`), each poll's headline result. Only polls whose results the room
was allowed to see: a poll hidden until a reveal that never came stays hidden. Its pages turn
by themselves when the list is longer than the screen.

Answers and options can be participant text (a text poll's answers): Text, isolated, never markup."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.engine import tally
from workshop.engine.bidi import isolate
from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.styled import styled
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.options import WidgetOptions
from workshop.tui.widgets.paging import Paged


def headlines(state: SessionState) -> list[tuple[str, str]]:
    """(question, what it came to) for every poll the room has seen results of, in running order."""
    out = []
    for step in state.steps:
        view = state.polls.get(step.qid)
        if view is not None and view.visible and view.ballots:
            out.append((view.poll.question, tally.headline(view.poll, view.tally)))
    return out


class RoomEnd(ShowsState, Paged, VerticalScroll):
    # not translated: a stylesheet
    DEFAULT_CSS = """
    RoomEnd { display: none; overflow: hidden hidden; padding: 1 2; }
    RoomEnd #thanks { text-align: center; margin-bottom: 1; }
    RoomEnd #headlines { text-align: center; }
    RoomEnd #page { dock: bottom; width: 100%; text-align: right; color: $text-muted; display: none; }
    """

    def __init__(self, *, headlines: bool = False, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.headlines = headlines

    def compose(self) -> ComposeResult:
        yield Static("", id="thanks")
        yield Static("", id="headlines")
        yield Static("", id="page")

    def signature(self, state: SessionState) -> Hashable:
        ended = state.status == "ended"
        return ended, state.title, tuple(headlines(state)) if ended and self.headlines else ()

    def draw(self, state: SessionState) -> None:
        self.display = state.status == "ended"
        if not self.display:
            return
        thanks = styled(
            _("The workshop has ended\n{title}\n\nThank you for taking part."),
            base="bold",
            title=Text(state.title, style="italic"),
        )
        self.query_one("#thanks", Static).update(thanks)
        shown = headlines(state) if self.headlines else []
        lines = Text(_("What the room said") if shown else "", style="bold underline")
        for asked, said in shown:
            lines.append("\n\n")
            lines.append(asked, style="bold")
            lines.append("\n")
            lines.append(isolate(said))
        self.query_one("#headlines", Static).update(lines)
