"""The participant's screen: join with the room's code and a name, then follow the facilitator
(participant_screen.py): the step, its prompt (never the facilitator's notes), the time left, the
ballot for an open poll, results once the poll's reveal policy allows, and notes.

It only follows the journal, so a facilitator that restarts changes nothing here; and it says
"your ballot is recorded" only after the ballot is on disk. The app picks the session and joins
it, each through a screen that answers with `dismiss`, then says every few minutes that the
participant is here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.binding import Binding

from workshop.engine.text import clean
from workshop.engine.views import HEARTBEAT
from workshop.i18n import N_
from workshop.sessions import Clock, Session, SessionError, utc_now
from workshop.sessions.people import Person
from workshop.tui.follow import SessionApp
from workshop.tui.joining import JoinScreen, PickSession
from workshop.tui.participant_screen import ParticipantScreen
from workshop.tui.widgets.base import title_in_language


class ParticipantApp(SessionApp):
    CSS_PATH = "participant.tcss"
    TITLE = "workshop"
    # ctrl+q leaves from every screen (picking a session, joining), as Textual's does, but not
    # as a priority key: so the main screen's own ctrl+q, "Leave", is the one its key bar shows.
    BINDINGS = [Binding("ctrl+q", "quit", N_("Leave"), show=False)]
    main: ParticipantScreen

    def __init__(
        self,
        session: Session | None,
        *,
        live: Sequence[Session] = (),
        name: str = "",
        watch: bool = True,
        tick: float = 0.5,
        shared: bool = False,
    ) -> None:
        super().__init__(session, watch=watch, tick=tick)
        self.shared = shared  # many people behind one account (ssh recipe, browser): never recall a person
        self.person: Person | None = None
        self.session = session  # None until the participant picks one of the `live` sessions
        self.live = live
        self.start_name = name
        self.token = ""
        self.display_name = ""

    def make_main(self) -> ParticipantScreen:
        return ParticipantScreen()

    def shown(self) -> None:
        """Which session (when several run here), then who: the screen follows once joined."""
        if self.session is None:
            self.push_screen(PickSession(self.live), self.picked)
        else:
            self.picked(self.session)

    def picked(self, session: Session | None) -> None:
        if session is None:
            self.exit()
            return
        self.session = self.followed = session
        self.title = clean(title_in_language(session.state()))
        self.push_screen(JoinScreen(session, shared=self.shared, name=self.start_name), self.joined)

    def joined(self, person: Person | None) -> None:
        if person is None:
            self.exit()
            return
        assert self.session is not None  # picked first
        self.person = person
        self.token, self.display_name = person.token, person.name
        self.main.joined(self.session, person)
        self.start_following()
        self.say_here()
        self.set_interval(HEARTBEAT, self.say_here)

    def say_here(self) -> None:
        """The facilitator's "N here" counts screens that said so within the last minutes."""
        if self.person is not None and self.session is not None and not self.closing():
            try:
                self.session.present(self.person)
            except SessionError:
                pass  # the file cannot take it now: the next heartbeat tries again

    async def on_unmount(self) -> None:
        if self.person is not None and self.session is not None:
            try:
                self.session.leave(self.person)
            except SessionError:
                pass  # gone all the same: presence runs out on its own


def make_app(
    path: Path | None = None,
    *,
    live: Sequence[Session] = (),
    clock: Clock = utc_now,
    name: str = "",
    watch: bool = True,
    shared: bool = False,
) -> ParticipantApp:
    """The one way to build the participant app, for the CLI and for tests alike: on the session
    file `path`, or on one of the `live` sessions (the only one, or the one the participant picks)."""
    if path is not None:
        session: Session | None = Session.open(path, clock)
    else:
        session = live[0] if len(live) == 1 else None
        for each in live:
            each.clock = clock
    return ParticipantApp(session, live=live, name=name, watch=watch, shared=shared)
