"""Kiosk mode: one shared keyboard, a queue of people. Each types their name, votes, and the
screen returns to a neutral "next person" screen with no trace of the ballot. Everyone names
themselves, on anonymous polls too (the ballot is still stored without the name): a name is how
the kiosk knows that person has voted, so a name that already voted on this poll is told so and
not counted twice, and the count never shows more ballots than voters.

The kiosk is locked: no command palette, no header menu, and every way Textual offers to quit
(ctrl+q, ctrl+c, the quit action) asks for the facilitator's code. docs/security.md lists the
tests that prove it.
"""

from __future__ import annotations

import hmac
from collections.abc import Hashable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, Static

from workshop.engine.ideas import IDEA_MAX
from workshop.engine.state import SessionState
from workshop.engine.text import NAME_MAX, isolate
from workshop.sessions import Clock, Session, SessionError, door, utc_now
from workshop.sessions.people import Person
from workshop.sessions.who import as_person
from workshop.tui.follow import SessionApp
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.base import ShowsState, question
from workshop.tui.widgets.contribute import asking, brainstorming


class VoteScreen(Screen[bool]):
    """One person's ballot. It is a screen of its own: dismissing it leaves nothing behind."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, session: Session, person: Person, poll_id: str, who: str, code: str = "") -> None:
        super().__init__()
        self.session, self.person, self.poll_id, self.who, self.code = session, person, poll_id, who, code

    def compose(self) -> ComposeResult:
        view = self.session.state().polls[self.poll_id]
        poll = view.poll
        with Vertical(id="vote"):
            yield Label(Text(f"Voting as {isolate(self.who)}", style="bold"))
            if self.code:  # only this voter sees it, and only now: the neutral screen never shows it
                yield Label(Text(f"Your rejoin code is {self.code}: keep it, you need it to vote here again.",
                                 style="bold yellow"))
            yield Static(question(poll, hint_below=True), id="vote-question")
            yield BallotForm(poll, self.poll_id)
            yield Static("", id="vote-error")
        yield Footer()

    @on(BallotForm.Cast)
    def cast(self, event: BallotForm.Cast) -> None:
        try:
            self.session.cast(self.person, event.poll_id, event.value)
        except SessionError as err:
            self.query_one("#vote-error", Static).update(Text(str(err), style="bold red"))
            return
        self.dismiss(True)  # on disk: back to the neutral screen


class AddScreen(Screen[bool]):
    """One person's idea (a brainstorm step) or question (a Q&A step), typed at the kiosk: like
    a ballot, a screen of its own that leaves nothing behind for the next person."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, session: Session, person: Person, kind: str, code: str = "") -> None:
        super().__init__()
        self.session, self.person, self.kind, self.code = session, person, kind, code

    def compose(self) -> ComposeResult:
        what = "idea" if self.kind == "idea" else "question"
        with Vertical(id="vote"):
            yield Label(Text(f"Adding an {what} as {isolate(self.person.name)}" if what == "idea"
                             else f"Asking a question as {isolate(self.person.name)}", style="bold"))
            if self.code:
                yield Label(Text(f"Your rejoin code is {self.code}: keep it, you need it to take part here again.",
                                 style="bold yellow"))
            yield Input(placeholder=f"Your {what} (enter sends it)", id="add", max_length=IDEA_MAX)
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


def what_to_do(state: SessionState) -> str:
    """What a person at the kiosk can do now: "vote", "idea", "question" or "" (nothing yet)."""
    if state.poll is not None and state.poll.status == "open":
        return "vote"
    if brainstorming(state):
        return "idea"
    return "question" if asking(state) else ""


class OpenPoll(ShowsState, Static):
    """The neutral screen's line: the open poll's question, or that none is open. Never a tally:
    the next person must not see how the room voted."""

    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        if view and view.status == "open":
            return (view.qid, view.poll.question, view.poll.anonymous)
        return what_to_do(state), state.step.qid if state.step else None

    def draw(self, state: SessionState) -> None:
        view = state.poll
        doing = what_to_do(state)
        if doing in ("idea", "question"):
            self.update(Text("Add your idea: type your name to begin." if doing == "idea"
                             else "Ask the room a question: type your name to begin."))
            return
        if view is None or view.status != "open":
            self.update(Text("No poll is open right now.", style="italic"))
            return
        line = Text(view.poll.question)
        if view.poll.anonymous:
            line.append("   (you may vote as anonymous)", style="dim")
        self.update(line)


class LeaveScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Facilitator's code to leave kiosk mode:")
            yield Input(password=True, id="leave-code")
            yield Static("", id="leave-error")

    @on(Input.Submitted, "#leave-code")
    def check(self, event: Input.Submitted) -> None:
        typed = event.value.strip().upper().encode()
        if hmac.compare_digest(typed, self.code.encode()):  # no timing hint, letter by letter
            self.dismiss(True)
        else:
            event.input.value = ""
            self.query_one("#leave-error", Static).update("That is not the facilitator's code.")


LOCKED = "Only the facilitator can leave the kiosk."


class KioskApp(SessionApp):
    CSS_PATH = "kiosk.tcss"
    TITLE = "workshop · kiosk"
    # Locked: the palette offers Quit (and the header icon opens it), so there is none. Textual
    # binds ctrl+q to quit and ctrl+c to a "press ctrl+q to quit" hint: both are rebound here, a
    # subclass's binding replacing the App's for the same key. Escape closes a ballot or the
    # code dialog (their own bindings); on the neutral screen it only says the kiosk is locked.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "leave", "Leave kiosk (facilitator)", priority=True),
        Binding("ctrl+c", "locked", show=False, priority=True, system=True),
        Binding("escape", "locked", show=False),
    ]

    def __init__(self, session: Session, code: str, *, watch: bool = True) -> None:
        super().__init__(session, watch=watch)
        self.session = session
        self.code = code  # the facilitator's, read once at start: see make_app

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")  # no icon: it would look like a menu
        with Vertical(id="next"):
            yield Static(Text("Next person, please", style="bold"), id="welcome")
            yield OpenPoll("", id="question")
            yield Input(placeholder="Your name", id="who", max_length=NAME_MAX)
            yield Input(placeholder="Your rejoin code (you were shown it at your first vote)", id="rejoin",
                        max_length=12, password=True, classes="hidden")
            yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        state = self.session.state()
        self.title = state.title
        self.main = self.screen
        self.render_state(state)
        self.start_following()

    def render_state(self, state: SessionState | None = None) -> SessionState:
        state = state or self.session.state()
        self.main.query_one(OpenPoll).show(state)
        return state

    def _say(self, message: Text | str, style: str = "") -> None:
        self.main.query_one("#message", Static).update(Text(message, style=style) if isinstance(message, str)
                                                       else message)

    @on(Input.Submitted, "#who")
    @on(Input.Submitted, "#rejoin")
    def who(self, event: Input.Submitted) -> None:
        """A person names themselves; a name already in the session needs its rejoin code (the
        kiosk is a shared keyboard: typing a name never makes you that person)."""
        who_input, rejoin_input = self.main.query_one("#who", Input), self.main.query_one("#rejoin", Input)
        name, rejoin = who_input.value.strip(), rejoin_input.value.strip()
        try:
            self.session.refresh()
        except SessionError as err:  # the file moved or cannot be read: say so, stay locked
            self._say(str(err), "bold red")
            return
        state = self.session.state()
        view, doing = state.poll, what_to_do(state)
        if not doing:
            self._say("No poll is open right now: wait for the facilitator.", "italic")
            return
        if name.casefold() == "anonymous":  # what the kiosk used to ask for on anonymous polls
            self._say("Please type your own name: an anonymous poll does not store it with your ballot.", "bold")
            return
        try:
            person, new = as_person(self.session, name, rejoin or None, door.Client("kiosk", "kiosk"), own=False)
            if new:
                self.session.join_now(person)  # the name is theirs from now on, on every channel
        except SessionError as err:
            taken = "is taken" in str(err) or "rejoin code" in str(err)
            rejoin_input.value = ""
            rejoin_input.set_class(not taken, "hidden")
            self._say(str(err), "bold red")  # it may quote the typed name: Text, never markup
            (rejoin_input if taken else who_input).focus()
            return
        who_input.value = rejoin_input.value = ""
        rejoin_input.add_class("hidden")
        self._say("")
        if doing != "vote":
            self.push_screen(AddScreen(self.session, person, doing, person.code if new else ""), self.added)
            return
        assert view is not None
        if self.session.my_ballot(person, view.qid) is not None:
            self._say(Text.assemble((isolate(person.name), "bold"), (", you have already voted on this poll.", "bold")))
            return
        self._say("")
        self.push_screen(VoteScreen(self.session, person, view.qid, person.name, person.code if new else ""),
                         self.voted)

    def added(self, sent: bool | None) -> None:
        self._say("Thank you: it is on the board. Next person, please." if sent else "", "green")
        self.main.query_one("#who", Input).focus()

    def voted(self, recorded: bool | None) -> None:
        self._say("Thank you: your ballot is recorded. Next person, please." if recorded else "", "green")
        self.main.query_one("#who", Input).focus()

    def action_leave(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self.exit()

        if not isinstance(self.screen, LeaveScreen):
            self.push_screen(LeaveScreen(self.code), done)

    def action_locked(self) -> None:
        self.notify(LOCKED, markup=False, timeout=3)

    async def action_quit(self) -> None:
        """Textual's own quit, however it is reached (a palette entry, an `@click` link), asks
        for the code like ctrl+q."""
        self.action_leave()

    def action_command_palette(self) -> None:
        """No palette: its entries include Quit."""

    def action_suspend_process(self) -> None:
        """A suspended kiosk would hand its shell to the next person in the queue."""


def make_app(path: Path, *, clock: Clock = utc_now, watch: bool = True) -> KioskApp:
    session = Session.open(path, clock)
    # The code needs the session's secret: read it now, so a missing or unreadable secret is one
    # line from the CLI before the kiosk starts, not a crash when the facilitator tries to leave.
    code = session.facilitator_code()
    return KioskApp(session, code, watch=watch)
