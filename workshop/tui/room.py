"""The room display, for the projector: the big timer, the step's prompt, the poll and its
results once revealed, and how to join. Read-only: it follows the session and writes nothing.
No facilitator notes, no names next to ballots."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header

from workshop.engine.state import SessionState
from workshop.sessions import Clock, Session, utc_now
from workshop.tui.follow import FollowsJournal
from workshop.tui.widgets.join import JoinBar
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timer import BigTimer


class RoomApp(FollowsJournal, App[None]):
    CSS_PATH = "room.tcss"
    TITLE = "workshop"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, session: Session, *, watch: bool = True, tick: float = 0.25, address: str = "") -> None:
        super().__init__()
        self.session = session
        self.watch_file = watch
        self.tick_seconds = tick
        self.join_command = f"workshop join {session.path.stem}" + (f"   or open {address}" if address else "")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=True)
        yield BigTimer(id="timer")
        with Horizontal(id="room"):
            yield StepPanel(show_notes=False, id="step")
            with Vertical(id="side"):
                yield PollPanel(id="poll")
        yield JoinBar(self.join_command, id="join")
        yield Footer()

    def on_mount(self) -> None:
        self.views = [self.query_one(BigTimer), self.query_one(StepPanel), self.query_one(PollPanel),
                      self.query_one(JoinBar)]
        state = self.session.state()
        self.title = state.title
        self.render_state(state)
        self.start_following()

    def render_state(self, state: SessionState | None = None) -> SessionState:
        state = state or self.session.state()
        for widget in self.views:
            widget.show(state)
        return state


def make_app(path: Path, *, clock: Clock = utc_now, watch: bool = True, dark: bool = True) -> RoomApp:
    app = RoomApp(Session.open(path, clock), watch=watch)
    app.theme = "textual-dark" if dark else "textual-light"
    return app
