"""Kiosk mode: one shared keyboard, a queue of people. Each types a name (or "anonymous" where
the poll allows), votes, and the screen returns to a neutral "next person" screen with no trace
of the ballot. A name that already voted on this poll is told so and not counted twice. Leaving
kiosk mode needs the facilitator's code."""

from __future__ import annotations

import secrets
from collections.abc import Hashable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, Static

from workshop.engine.state import SessionState
from workshop.sessions import Clock, Session, SessionError, utc_now
from workshop.tui.follow import FollowsJournal
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.base import ShowsState, question

ANONYMOUS = "anonymous"


class VoteScreen(Screen[bool]):
    """One person's ballot. It is a screen of its own: dismissing it leaves nothing behind."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, session: Session, token: str, poll_id: str, who: str) -> None:
        super().__init__()
        self.session, self.token, self.poll_id, self.who = session, token, poll_id, who

    def compose(self) -> ComposeResult:
        view = self.session.state().polls[self.poll_id]
        poll = view.poll
        with Vertical(id="vote"):
            yield Label(Text(f"Voting as {self.who}", style="bold"))
            yield Static(question(poll, hint_below=True), id="vote-question")
            yield BallotForm(poll, self.poll_id)
            yield Static("", id="vote-error")
        yield Footer()

    @on(BallotForm.Cast)
    def cast(self, event: BallotForm.Cast) -> None:
        try:
            self.session.cast(self.token, event.poll_id, event.value)
        except SessionError as err:
            self.query_one("#vote-error", Static).update(Text(str(err), style="bold red"))
            return
        self.dismiss(True)  # on disk: back to the neutral screen


class OpenPoll(ShowsState, Static):
    """The neutral screen's line: the open poll's question, or that none is open. Never a tally:
    the next person must not see how the room voted."""

    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        return (view.qid, view.poll.question, view.poll.anonymous) if view and view.status == "open" else None

    def draw(self, state: SessionState) -> None:
        view = state.poll
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
        if event.value.strip().upper() == self.code:
            self.dismiss(True)
        else:
            event.input.value = ""
            self.query_one("#leave-error", Static).update("That is not the facilitator's code.")


class KioskApp(FollowsJournal, App[None]):
    CSS_PATH = "kiosk.tcss"
    TITLE = "workshop · kiosk"
    BINDINGS = [Binding("ctrl+q", "leave", "Leave kiosk (facilitator)", priority=True)]

    def __init__(self, session: Session, *, watch: bool = True) -> None:
        super().__init__()
        self.session = session
        self.watch_file = watch

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="next"):
            yield Static(Text("Next person, please", style="bold"), id="welcome")
            yield OpenPoll("", id="question")
            yield Input(placeholder="Your name (or anonymous, where the poll allows)", id="who", max_length=40)
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

    def _say(self, message: str, style: str = "") -> None:
        self.main.query_one("#message", Static).update(Text(message, style=style))

    @on(Input.Submitted, "#who")
    def who(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        event.input.value = ""
        self.session.refresh()
        view = self.session.state().poll
        if view is None or view.status != "open":
            self._say("No poll is open right now: wait for the facilitator.", "italic")
            return
        try:
            if name.casefold() == ANONYMOUS:
                if not view.poll.anonymous:
                    self._say("This poll is not anonymous: please type your name.", "bold")
                    return
                token, shown = secrets.token_hex(6), "anonymous"
            else:
                token = self.session.join(name)
                shown = self.session.fold.participants[token][0]
                if self.session.my_ballot(token, view.qid) is not None:
                    self._say(f"{shown}, you have already voted on this poll.", "bold")
                    return
        except SessionError as err:
            self._say(str(err), "bold red")
            return
        self._say("")
        self.push_screen(VoteScreen(self.session, token, view.qid, shown), self.voted)

    def voted(self, recorded: bool | None) -> None:
        self._say("Thank you: your ballot is recorded. Next person, please." if recorded else "", "green")
        self.main.query_one("#who", Input).focus()

    def action_leave(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self.exit()

        self.push_screen(LeaveScreen(self.session.facilitator_code()), done)


def make_app(path: Path, *, clock: Clock = utc_now, watch: bool = True) -> KioskApp:
    return KioskApp(Session.open(path, clock), watch=watch)
