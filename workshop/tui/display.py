"""The room display, for the projector, from the first minute to the last: before the start, the
title, how to join and when it starts; then the big timer, the step's prompt, the poll and its
results once revealed; during a break, when the room is back; after the end, thanks (and, if the
facilitator asked, each poll's headline result). Read-only: it follows the session and writes
nothing. No facilitator notes, no names next to ballots, and no key hints or lines meant for the
facilitator: every panel is told it speaks to the room.

Its layout follows the window: the timer grows with it, the prompt and the poll sit side by side
where there is width, and once a poll's results are revealed they share the screen with the
timer by one rule (`DisplayScreen._fit`): the results get the lines they need with bars a line tall, the timer
up to a quarter of the screen in block digits, and the bars grow into what is left. A prompt
taller than its place turns its pages by itself. While `workshop serve` runs, a QR code of the
join page stands at the right wherever it leaves the rest its room: before the start from 80
columns, during the session only on a screen wide enough for the prompt and the poll side by
side beside it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.geometry import Size
from textual.widgets import Static

from workshop.engine.text import clean
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Clock, Session, utc_now
from workshop.tui.follow import SessionApp, SessionScreen
from workshop.tui.widgets.base import ShowsState, title_in_language
from workshop.tui.widgets.bigclock import RoomTimer
from workshop.tui.widgets.cards import RoomCards
from workshop.tui.widgets.ended import RoomEnd
from workshop.tui.widgets.join import JoinBar
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.qr import JoinCode
from workshop.tui.widgets.step import StepPanel

WIDE = 120  # columns from which the prompt and a hidden poll sit side by side
BESIDE_THE_WAIT = 40  # columns the timer and "Starting soon" keep beside the join code
TIMER_SHARE = 4  # beside revealed results, the timer takes up to a quarter of the screen's lines


class DisplayApp(SessionApp):
    CSS_PATH = "display.tcss"
    TITLE = "workshop"
    ENABLE_COMMAND_PALETTE = False
    main: DisplayScreen

    def __init__(
        self,
        session: Session,
        *,
        watch: bool = True,
        tick: float = 0.25,
        address: str = "",
        dark: bool = True,
        headlines: bool = False,
    ) -> None:
        super().__init__(session, watch=watch, tick=tick, dark=dark)
        self.session = session
        self.join_command = _("workshop join {stem}").format(stem=session.path.stem) + (
            _("   or open {address}").format(address=address) if address else ""
        )
        self.headlines = headlines  # the ended screen lists each poll's headline result

    def make_main(self) -> DisplayScreen:
        return DisplayScreen(self.session, join_command=self.join_command, headlines=self.headlines)


class DisplayScreen(SessionScreen):
    """The room display's one screen: every view, fitted to the window on every resize."""

    # No key is shown on the projector; q still quits for whoever runs it.
    BINDINGS = [Binding("q", "app.quit", N_("Quit"), show=False)]

    def __init__(self, session: Session, *, join_command: str, headlines: bool) -> None:
        super().__init__()
        self.session = session
        self.join_command = join_command
        self.headlines = headlines

    def compose(self) -> ComposeResult:
        yield Static("", id="room-title")
        with Horizontal(id="middle"):
            with Vertical(id="main"):
                yield RoomTimer(id="timer")
                with Container(id="room"):
                    yield StepPanel(show_notes=False, audience="room", id="step")
                    yield PollPanel(audience="room", id="poll")
                    yield RoomCards(id="cards")
                yield RoomEnd(headlines=self.headlines, id="ended")
            yield JoinCode(id="qr")
        yield JoinBar(self.join_command, audience="room", id="join")

    def on_mount(self) -> None:
        state = self.session.state()
        self.app.title = clean(title_in_language(state))
        self.query_one(RoomTimer).starts = self.session.starts_at()
        self.render_state(state)

    def on_resize(self, event: events.Resize) -> None:
        self.render_state(size=event.size)  # the event's size: the screen's may not be updated yet

    def render_state(self, state: SessionState | None = None, size: Size | None = None) -> SessionState:
        state = state or self.session.state()
        self.query_one(JoinBar).show(state)  # the layout depends on these two
        self.query_one(JoinCode).show(state)
        self._fit(state, size or self.app.size)
        self.query_one("#room-title", Static).update(Text(title_in_language(state), style="bold"))
        views: tuple[ShowsState, ...] = (
            self.query_one(RoomTimer),
            self.query_one(StepPanel),
            self.query_one(PollPanel),
            self.query_one(RoomCards),
            self.query_one(RoomEnd),
        )
        for widget in views:
            widget.show(state)
        self.call_after_refresh(self._turn_pages, state)  # once the new text is laid out
        return state

    def _turn_pages(self, state: SessionState) -> None:
        if self.closing():
            return
        step = state.step.qid if state.step else None
        self.query_one(StepPanel).turn(state.now, (step, state.status))
        self.query_one(RoomCards).turn(state.now, step)
        self.query_one(RoomEnd).turn(state.now, state.status)

    def _fit(self, state: SessionState, size: Size) -> None:
        """Revealed results share the screen with the timer; otherwise prompt and poll share
        it, side by side when wide; once ended, the thanks take it. Classes change only when
        they must: each change restyles the screen."""
        revealed = state.poll is not None and state.poll.visible and state.status != "ended"
        screen = self
        # a text poll: its answers, then the cloud of their words
        answers = revealed and state.poll is not None and state.poll.poll.vote == "text"
        for name, on in (("results", revealed), ("answers", answers), ("ended", state.status == "ended")):
            if screen.has_class(name) != on:
                screen.set_class(on, name)
        timer = self.query_one(RoomTimer)
        most = self._timer_lines(state, size) if revealed else 0
        if timer.most != most:
            timer.most = most
            timer.refresh(layout=True)
        code = self.query_one(JoinCode)
        width = self._code_width(state, code, size)
        if code.display != bool(width):
            code.display = bool(width)
        join = self.query_one(JoinBar)
        if join.beside != bool(width):  # the address and certificate once: beside the code, or on the bar
            join.beside = bool(width)
            join.show(state)
        wide = size.width - width >= WIDE
        if screen.has_class("wide") != wide:
            screen.set_class(wide, "wide")

    def _timer_lines(self, state: SessionState, size: Size) -> int:
        """The lines the timer may take beside revealed results: up to a quarter of the screen,
        less whatever the results need with bars a line tall (the question, the count, every
        option and the mean); one line only where even its least block digits would crowd them."""
        join = self._join_lines(size)
        need = self.query_one(PollPanel).lines_needed(state, size.width - 4) + 1  # and the rule above it
        cards = self.query_one(RoomCards)
        if cards.display:
            need += min(cards.lines_needed(size.width - 4), size.height // 4)
        free = size.height - 1 - join - need  # less the title
        return max(1, min(size.height // TIMER_SHARE, free))

    def _join_lines(self, size: Size) -> int:
        """The join bar's lines at this width (it may not be laid out yet)."""
        join = self.query_one(JoinBar)
        if not join.display:
            return 0
        content = join.content
        return len(content.wrap(self.app.console, max(1, size.width - 2))) if isinstance(content, Text) else 1

    def _code_width(self, state: SessionState, code: JoinCode, size: Size) -> int:
        """The columns the join code takes (0: not shown). Not once the session has ended or
        results take the screen, and only where what is beside it keeps its room."""
        if state.status == "ended" or (state.poll is not None and state.poll.visible):
            return 0
        beside = BESIDE_THE_WAIT if state.status == "waiting" else WIDE
        room = (size.width - beside, size.height - 1 - self._join_lines(size))  # less the title and the join bar
        for big in (True, False) if state.status == "waiting" else (False,):  # a big code only before the start
            needed = code.size_needed(big=big)
            if needed is not None and needed[0] <= room[0] and needed[1] <= room[1]:
                if code.big != big:
                    code.big = big
                    code.redraw()
                return needed[0]
        return 0


def make_app(
    path: Path, *, clock: Clock = utc_now, watch: bool = True, dark: bool = True, headlines: bool = False
) -> DisplayApp:
    return DisplayApp(Session.open(path, clock), watch=watch, dark=dark, headlines=headlines)
