"""The kiosk's screens for one person at a time: choosing a PIN (a newcomer, or someone back
with their rejoin code), their ballot, their idea or question; and the facilitator's dialog to
leave. Each is a screen of its own: dismissing it leaves nothing behind for the next person."""

from __future__ import annotations

import hmac

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, Static

from workshop import i18n
from workshop.engine.bidi import isolate
from workshop.engine.ideas import IDEA_MAX
from workshop.engine.in_language import state_in
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError
from workshop.sessions.people import PIN_DIGITS, Person, pin_problem
from workshop.tui.translated import Translated
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.base import question


def other_screens(code: str) -> str:
    return _(
        "Here, your PIN brings you back. On a phone or another screen, your rejoin code does: {code}. Keep it."
    ).format(code=code)


class ChoosePin(Translated, Screen[str]):
    """A PIN for this kiosk, typed twice: with their name, it brings the person back at the next
    poll, instead of the six-character rejoin code. Dismissed with the PIN; escape: nothing."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.person_name = name

    def compose(self) -> ComposeResult:
        low, high = PIN_DIGITS
        with Vertical(id="vote"):
            yield Label(Text(_("Welcome, {isolate}.").format(isolate=isolate(self.person_name)), style="bold"))
            yield Label(
                _(
                    "Choose a PIN of {low} to {high} digits. With your name, it brings you back here at the next poll."
                ).format(low=low, high=high)
            )
            yield Input(placeholder=_("Your PIN"), id="pin", password=True, max_length=high, restrict="[0-9]*")
            yield Input(
                placeholder=_("The same PIN again"), id="again", password=True, max_length=high, restrict="[0-9]*"
            )
            yield Static("", id="vote-error")
        yield Footer()

    @on(Input.Submitted, "#pin")
    def first(self) -> None:
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    def chosen(self) -> None:
        pin, again = self.query_one("#pin", Input), self.query_one("#again", Input)
        problem = pin_problem(pin.value) or (
            "" if hmac.compare_digest(pin.value, again.value) else _("the two PINs differ: type it twice, the same")
        )
        if problem:
            pin.value = again.value = ""
            self.query_one("#vote-error", Static).update(Text(problem))
            pin.focus()
            return
        self.dismiss(pin.value)


class VoteScreen(Translated, Screen[bool]):
    """One person's ballot. It is a screen of its own: dismissing it leaves nothing behind."""

    BINDINGS = [Binding("escape", "dismiss(False)", N_("Cancel"))]

    def __init__(self, session: Session, person: Person, poll_id: str, code: str = "", again: bool = False) -> None:
        """`again`: this person has voted on the poll already; this ballot replaces theirs."""
        super().__init__()
        self.session, self.person, self.poll_id, self.code = session, person, poll_id, code
        self.again = again

    def compose(self) -> ComposeResult:
        view = state_in(self.session.state(), i18n.language()).polls[self.poll_id]  # in the kiosk's language
        poll = view.poll
        with Vertical(id="vote"):
            yield Label(Text(_("Voting as {isolate}").format(isolate=isolate(self.person.name)), style="bold"))
            if self.code:  # only this voter sees it, and only now: the neutral screen never shows it
                yield Label(Text(other_screens(self.code), style="yellow"))
            if self.again:  # one voice each: the new ballot takes the old one's place, as on every channel
                yield Label(
                    Text(_("You have already voted on this poll: this ballot replaces yours (escape keeps it)."))
                )
            yield Static(question(poll, hint_below=True), id="vote-question")
            yield BallotForm(poll, self.poll_id)
            yield Static("", id="vote-error")
        yield Footer()

    @on(BallotForm.Cast)
    def cast(self, event: BallotForm.Cast) -> None:
        try:
            self.session.cast(self.person, event.poll_id, event.value, via="kiosk")
        except SessionError as err:
            self.query_one("#vote-error", Static).update(Text(str(err), style="bold red"))
            return
        self.dismiss(True)  # on disk: back to the neutral screen


class AddScreen(Translated, Screen[bool]):
    """One person's idea (a brainstorm step) or question (a Q&A step), typed at the kiosk: like
    a ballot, a screen of its own that leaves nothing behind for the next person."""

    BINDINGS = [Binding("escape", "dismiss(False)", N_("Cancel"))]

    def __init__(self, session: Session, person: Person, kind: str, code: str = "") -> None:
        super().__init__()
        self.session, self.person, self.kind, self.code = session, person, kind, code

    def compose(self) -> ComposeResult:
        what = "idea" if self.kind == "idea" else "question"
        with Vertical(id="vote"):
            yield Label(
                Text(
                    (_("Adding an idea as {name}") if what == "idea" else _("Asking a question as {name}")).format(
                        name=isolate(self.person.name)
                    ),
                    style="bold",
                )
            )
            if self.code:
                yield Label(Text(other_screens(self.code), style="yellow"))
            yield Input(
                placeholder=_("Your idea (enter sends it)") if what == "idea" else _("Your question (enter sends it)"),
                id="add",
                max_length=IDEA_MAX,
            )
            yield Static("", id="vote-error")
        yield Footer()

    @on(Input.Submitted, "#add")
    def send(self, event: Input.Submitted) -> None:
        try:
            if self.kind == "idea":
                self.session.idea_as(self.person, event.value)
            else:
                self.session.ask_as(self.person, event.value)
        except SessionError as err:
            self.query_one("#vote-error", Static).update(Text(str(err), style="bold red"))
            return
        self.dismiss(True)


class LeaveScreen(Translated, ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", N_("Cancel"))]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Facilitator's code to leave kiosk mode:"))
            yield Input(password=True, id="leave-code")
            yield Static("", id="leave-error")

    @on(Input.Submitted, "#leave-code")
    def check(self, event: Input.Submitted) -> None:
        typed = event.value.strip().upper().encode()
        if hmac.compare_digest(typed, self.code.encode()):  # no timing hint, letter by letter
            self.dismiss(True)
        else:
            event.input.value = ""
            self.query_one("#leave-error", Static).update(_("That is not the facilitator's code."))
