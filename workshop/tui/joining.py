"""Before a participant's screen follows a session: which session (`PickSession`, when several
are running here), then the join code and a name, or a rejoin code for a name that is taken
(`JoinScreen`). Each is given what it needs and answers through `dismiss`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop import i18n
from workshop.engine.in_language import state_in
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError, door
from workshop.sessions.door import Client
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken, TooManyTries, WrongJoinCode, WrongRejoinCode
from workshop.sessions.who import as_person, keep
from workshop.tui.translated import Translated


class PickSession(Translated, Screen[Session]):
    """`workshop join` named no session and several are running here: which one?"""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Leave"))]

    def __init__(self, live: Sequence[Session]) -> None:
        super().__init__()
        self.live = list(live)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(_("Several workshops are running here. Which one are you in?"), style="bold"))
            options = []
            for session in self.live:
                state = session.state()
                title = state_in(state, i18n.language()).title
                line = Text(title)  # titles come from files anyone may write: never markup
                status = {
                    "waiting": _("not started yet"),
                    "running": _("running"),
                    "paused": _("paused"),
                    "ended": _("ended"),
                }.get(state.status, state.status)
                line.append(
                    _("   {stem} · {status} · {here} here").format(
                        stem=session.path.stem, status=status, here=len(state.here)
                    ),
                    style="dim",
                )
                options.append(Option(line))
            yield OptionList(*options, id="sessions")
            yield Label(_("The facilitator's screen shows the session's name."), classes="hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#sessions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.live[event.option_index])


class JoinScreen(Screen[Person]):
    """The room's code, then a name nobody else in the session has, or a name that is yours
    with your rejoin code, through the one way in (sessions/door.py): wrong codes are counted in
    the session, per client and per name, and the screen stays shut while they hold it back.
    Dismissed with the person (their rejoin code kept only when they are new)."""

    def __init__(self, session: Session, *, shared: bool, name: str = "", client: Client | None = None) -> None:
        super().__init__()
        self.session = session
        self.shared = shared  # many people behind one account (ssh recipe, browser): never recall a person
        self.start_name = name
        self.client = client or door.this_terminal("browser" if shared else "terminal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(state_in(self.session.state(), i18n.language()).title, style="bold"))
            yield Label(_("The join code is on the facilitator's screen."))
            yield Input(placeholder=_("Join code"), id="code", max_length=12)
            yield Input(self.start_name, placeholder=_("Your name, as the room will see it"), id="name", max_length=40)
            yield Input(
                placeholder=_("Your rejoin code (only if this name is yours already)"),
                id="rejoin",
                max_length=12,
                classes="hidden",
            )
            yield Static("", id="join-error")

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#join-error", Static).update(Text(message))  # it may quote the typed name: never markup
        self.query_one(focus, Input).focus()

    @property
    def shut(self) -> bool:
        """Whether the screen is waiting out wrong codes (its fields take nothing meanwhile)."""
        return self.query_one("#code", Input).disabled

    @on(Input.Submitted, "#code")
    def code_done(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Input.Submitted, "#rejoin")
    def name_done(self) -> None:
        session = self.session
        rejoin_field = self.query_one("#rejoin", Input)
        rejoin = rejoin_field.value.strip() or None
        try:
            door.join_code(session, self.query_one("#code", Input).value, self.client)
            person, new = as_person(
                session, self.query_one("#name", Input).value, rejoin, self.client, own=not self.shared
            )
            session.join_now(person)
            if not self.shared:
                keep(session, person)  # this terminal comes back as them by itself
        except (WrongJoinCode, TooManyTries) as err:
            where = "#code" if isinstance(err, WrongJoinCode) or not rejoin else "#rejoin"
            self._error(str(err), where)
            self._shut_for(err.wait, where)
            return
        except NameTaken as err:
            rejoin_field.remove_class("hidden")  # the rightful person tabs to their code
            self._error(str(err), "#name")
            return
        except WrongRejoinCode as err:
            rejoin_field.value = ""
            self._error(str(err), "#rejoin")
            self._shut_for(err.wait, "#rejoin")
            return
        except SessionError as err:
            self._error(str(err), "#rejoin" if rejoin else "#name")
            return
        self.dismiss(person if new else dataclasses.replace(person, code=""))

    def _shut_for(self, seconds: float, then: str) -> None:
        """Nothing is taken until the wrong codes so far allow the next try; then the field
        `then` waits for it."""
        if seconds <= 0:
            return
        fields = list(self.query(Input))
        for field in fields:
            field.disabled = True

        def reopen() -> None:
            for field in fields:
                field.disabled = False
            self.query_one(then, Input).focus()

        self.set_timer(seconds, reopen)
