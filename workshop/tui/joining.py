"""Before a participant's screen follows a session: which session (`PickSession`, when several
are running here), then the join code and a name, or a rejoin code for a name that is taken
(`JoinScreen`). A wrong join code costs a growing wait (`wait_after`)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop.sessions import Session, SessionError
from workshop.sessions.people import Person
from workshop.sessions.who import as_person, keep

if TYPE_CHECKING:
    from workshop.tui.participant import ParticipantApp


class PickSession(Screen[Session]):
    """`workshop join` named no session and several are running here: which one?"""

    BINDINGS = [Binding("escape", "dismiss(None)", "Leave")]

    def __init__(self, live: Sequence[Session]) -> None:
        super().__init__()
        self.live = list(live)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Several workshops are running here. Which one are you in?", style="bold"))
            options = []
            for session in self.live:
                state = session.state()
                line = Text(state.title)  # titles come from files anyone may write: never markup
                status = "not started yet" if state.status == "waiting" else state.status
                line.append(f"   {session.path.stem} · {status} · {len(state.here)} here", style="dim")
                options.append(Option(line))
            yield OptionList(*options, id="sessions")
            yield Label("The facilitator's screen shows the session's name.", classes="hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#sessions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.live[event.option_index])


def wait_after(wrong: int) -> float:
    """Seconds the join screen stays shut after the `wrong`-th wrong code: doubling, at most 30."""
    return min(30.0, 0.25 * 2 ** (wrong - 1))


class JoinScreen(Screen[Person]):
    """The room's code, then a name nobody else in the session has, or a name that is yours
    with your rejoin code. Wrong join codes are counted in the session and slow down."""

    def __init__(self, title: str, name: str = "") -> None:
        super().__init__()
        self.session_title = title
        self.start_name = name
        self.wrong = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.session_title, style="bold"))
            yield Label("The join code is on the facilitator's screen.")
            yield Input(placeholder="Join code", id="code", max_length=12)
            yield Input(self.start_name, placeholder="Your name, as the room will see it", id="name", max_length=40)
            yield Input(placeholder="Your rejoin code (only if this name is yours already)", id="rejoin",
                        max_length=12, classes="hidden")
            yield Static("", id="join-error")

    @property
    def participant_app(self) -> ParticipantApp:
        from workshop.tui.participant import ParticipantApp  # the app imports this module: not at the top

        app = self.app
        assert isinstance(app, ParticipantApp)
        return app

    @property
    def session(self) -> Session:
        session = self.participant_app.session
        assert session is not None  # the app asks for a name only once a session is picked
        return session

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#join-error", Static).update(Text(message))  # it may quote the typed name: never markup
        self.query_one(focus, Input).focus()

    @on(Input.Submitted, "#code")
    def code_done(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Input.Submitted, "#rejoin")
    async def name_done(self) -> None:
        app, session = self.participant_app, self.session
        if self.query_one("#code", Input).value.strip().upper() != session.state().code:
            await self._wrong_code()
            return
        name = self.query_one("#name", Input).value
        rejoin = self.query_one("#rejoin", Input).value.strip() or None
        try:
            person, new = as_person(session, name, rejoin, own=not app.shared)
            session.join_now(person)
            if not app.shared:
                keep(session, person)  # this terminal comes back as them by itself
        except SessionError as err:
            taken = "is taken" in str(err)
            self.query_one("#rejoin", Input).set_class(not taken and not rejoin, "hidden")
            self._error(str(err), "#rejoin" if rejoin else "#name")  # a taken name: change it, or tab to the code
            return
        self.dismiss(person if new else dataclasses.replace(person, code=""))

    async def _wrong_code(self) -> None:
        """Each wrong code costs twice the wait of the one before (up to half a minute), and the
        facilitator sees the count: guessing the code is slow and seen."""
        self.wrong += 1
        app = self.participant_app
        try:
            self.session.wrong_code("browser" if app.shared else "terminal")
        except SessionError:
            pass  # counting it is a courtesy to the facilitator; the delay is what protects
        self._error("That code is not right: check the facilitator's screen.", "#code")
        for field in self.query(Input):
            field.disabled = True
        await asyncio.sleep(wait_after(self.wrong))
        for field in self.query(Input):
            field.disabled = False
        self.query_one("#code", Input).focus()
