"""The room display, for the projector: the big timer, the step's prompt, the poll and its
results once revealed, and how to join. Read-only: it follows the session and writes nothing.
No facilitator notes, no names next to ballots, and no key hints or lines meant for the
facilitator: every panel is told it speaks to the room.

Its layout follows the window: the timer grows with it, the prompt and the poll sit side by side
where there is width, and once a poll's results are revealed they take the screen (the timer
shrinks to a line). While `workshop serve` runs, a QR code of the join page stands at the right
wherever it leaves the rest its room: before the start from 80 columns, during the session only
on a screen wide enough for the prompt and the poll side by side beside it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.geometry import Size
from textual.widgets import Static

from workshop.engine.state import SessionState
from workshop.engine.text import clean
from workshop.sessions import Clock, Session, utc_now
from workshop.tui.follow import SessionApp
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.bigclock import RoomTimer
from workshop.tui.widgets.cards import RoomCards
from workshop.tui.widgets.join import JoinBar
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.qr import JoinCode
from workshop.tui.widgets.step import StepPanel

WIDE = 120  # columns from which the prompt and a hidden poll sit side by side
BESIDE_THE_WAIT = 40  # columns the timer and "Starting soon" keep beside the join code


class RoomApp(SessionApp):
    CSS_PATH = "room.tcss"
    TITLE = "workshop"
    # No key is shown on the projector; q still quits for whoever runs it.
    BINDINGS = [Binding("q", "quit", "Quit", show=False)]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, *, watch: bool = True, tick: float = 0.25, address: str = "",
                 dark: bool = True) -> None:
        super().__init__(session, watch=watch, tick=tick, dark=dark)
        self.session = session
        self.join_command = f"workshop join {session.path.stem}" + (f"   or open {address}" if address else "")

    def compose(self) -> ComposeResult:
        yield Static("", id="room-title")
        with Horizontal(id="middle"):
            with Vertical(id="main"):
                yield RoomTimer(id="timer")
                with Container(id="room"):
                    yield StepPanel(show_notes=False, audience="room", id="step")
                    yield PollPanel(audience="room", id="poll")
                    yield RoomCards(id="cards")
            yield JoinCode(id="qr")
        yield JoinBar(self.join_command, id="join")

    def on_mount(self) -> None:
        state = self.session.state()
        self.title = clean(state.title)
        self.render_state(state)
        self.start_following()

    def on_resize(self, event: events.Resize) -> None:
        self.render_state(size=event.size)  # the event's size: the app's is not updated yet

    def render_state(self, state: SessionState | None = None, size: Size | None = None) -> SessionState:
        state = state or self.session.state()
        self.query_one(JoinBar).show(state)  # the layout depends on these two
        self.query_one(JoinCode).show(state)
        self._fit(state, size or self.size)
        self.query_one("#room-title", Static).update(Text(state.title, style="bold"))
        views: tuple[ShowsState, ...] = (self.query_one(RoomTimer), self.query_one(StepPanel),
                                         self.query_one(PollPanel), self.query_one(RoomCards))
        for widget in views:
            widget.show(state)
        return state

    def _fit(self, state: SessionState, size: Size) -> None:
        """Results revealed take the screen; otherwise prompt and poll share it, side by side
        when wide. Classes change only when they must: each change restyles the screen."""
        revealed = state.poll is not None and state.poll.visible
        screen = self.screen
        if screen.has_class("results") != revealed:
            screen.set_class(revealed, "results")
            self.query_one(RoomTimer).compact = revealed
            self.query_one(RoomTimer).refresh(layout=True)
        code = self.query_one(JoinCode)
        width = self._code_width(state, code, size)
        if code.display != bool(width):
            code.display = bool(width)
        wide = size.width - width >= WIDE
        if screen.has_class("wide") != wide:
            screen.set_class(wide, "wide")

    def _code_width(self, state: SessionState, code: JoinCode, size: Size) -> int:
        """The columns the join code takes (0: not shown). Not once the session has ended or
        results take the screen, and only where what is beside it keeps its room."""
        if state.status == "ended" or (state.poll is not None and state.poll.visible):
            return 0
        beside = BESIDE_THE_WAIT if state.status == "waiting" else WIDE
        join = self.query_one(JoinBar).content  # its lines at this width: it may not be laid out yet
        rows = len(join.wrap(self.console, max(1, size.width - 2))) if isinstance(join, Text) else 1
        room = (size.width - beside, size.height - 1 - rows)  # less the title and the join bar
        for big in (True, False) if state.status == "waiting" else (False,):  # a big code only before the start
            needed = code.size_needed(big=big)
            if needed is not None and needed[0] <= room[0] and needed[1] <= room[1]:
                if code.big != big:
                    code.big = big
                    code.redraw()
                return needed[0]
        return 0


def make_app(path: Path, *, clock: Clock = utc_now, watch: bool = True, dark: bool = True) -> RoomApp:
    return RoomApp(Session.open(path, clock), watch=watch, dark=dark)
