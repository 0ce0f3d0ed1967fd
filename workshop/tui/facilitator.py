"""The facilitator's screen: run a live workshop from one terminal.

Every key appends an event through workshop.sessions and the screen redraws from the folded
state; a worker watches the session file so ballots, notes and joins from other processes
appear within a fraction of a second. Quitting loses nothing: each action was on disk already.
The app holds the session and the theme; its main screen (facilitator_screen.py) the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import SystemCommand
from textual.screen import Screen

from workshop.sessions import Clock, Session, utc_now
from workshop.tui.facilitator_screen import FacilitatorScreen
from workshop.tui.follow import SessionApp
from workshop.tui.palette import commands


class FacilitatorApp(SessionApp):
    CSS_PATH = "facilitator.tcss"
    TITLE = "workshop"
    main: FacilitatorScreen

    def __init__(
        self,
        session: Session,
        *,
        bell: bool = True,
        join_command: str = "",
        watch: bool = True,
        tick: float = 0.25,
        dark: bool = True,
    ) -> None:
        super().__init__(session, watch=watch, tick=tick, dark=dark)
        self.session = session
        self.ring = bell  # at first: the screen turns the bell on and off
        self.join_command = join_command

    def make_main(self) -> FacilitatorScreen:
        return FacilitatorScreen(self.session, bell=self.ring, join_command=self.join_command)

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands(self.main, self.main.PALETTE_ONLY)


def make_app(
    path: Path, *, clock: Clock = utc_now, bell: bool = True, watch: bool = True, tick: float = 0.25, dark: bool = True
) -> FacilitatorApp:
    """The one way to build the facilitator app, for the CLI and for tests alike."""
    session = Session.open(path, clock)
    return FacilitatorApp(session, bell=bell, watch=watch, tick=tick, dark=dark)
