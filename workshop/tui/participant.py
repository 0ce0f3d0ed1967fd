"""The participant's screen: join with the room's code and a name, then follow the facilitator:
the step, its prompt (never the facilitator's notes), the time left, the ballot for an open
poll, results once the poll's reveal policy allows, and notes.

It only follows the journal, so a facilitator that restarts changes nothing here; and it says
"your ballot is recorded" only after the ballot is on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop import identity
from workshop.engine.state import SessionState
from workshop.sessions import Clock, Session, SessionError, utc_now
from workshop.tui.follow import FollowsJournal
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.follow_views import RECORDED, MyNotes, PollArea, PromptView, TimeLine, WhereLine


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
                line.append(f"   {session.path.stem} · {status} · {len(state.participants)} here", style="dim")
                options.append(Option(line))
            yield OptionList(*options, id="sessions")
            yield Label("The facilitator's screen shows the session's name.", classes="hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#sessions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.live[event.option_index])


class JoinScreen(Screen[tuple[str, str]]):
    """The room's code, then a display name that nobody else in the session has."""

    def __init__(self, title: str, name: str = "") -> None:
        super().__init__()
        self.session_title = title
        self.start_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.session_title, style="bold"))
            yield Label("The join code is on the facilitator's screen.")
            yield Input(placeholder="Join code", id="code", max_length=12)
            yield Input(self.start_name, placeholder="Your name, as the room will see it", id="name", max_length=40)
            yield Static("", id="join-error")

    @on(Input.Submitted, "#code")
    def code_done(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def name_done(self) -> None:
        app = self.app
        assert isinstance(app, ParticipantApp)  # noqa: S101
        error = self.query_one("#join-error", Static)
        code = self.query_one("#code", Input).value.strip().upper()
        if code != app.session.state().code:
            error.update("That code is not right: check the facilitator's screen.")
            self.query_one("#code", Input).focus()
            return
        name = self.query_one("#name", Input).value
        known = identity.recall(app.session.state().id, code, name)
        try:
            token = app.session.join_as(known, name)
        except SessionError as err:
            error.update(Text(str(err)))  # it may quote the typed name: never markup
            self.query_one("#name", Input).focus()
            return
        self.dismiss((token, app.session.fold.participants[token][0]))


class ParticipantApp(FollowsJournal, App[None]):
    CSS_PATH = "participant.tcss"
    TITLE = "workshop"
    BINDINGS = [Binding("ctrl+n", "focus_note", "Write a note"), Binding("ctrl+q", "quit", "Leave")]

    def __init__(self, session: Session | None, *, live: Sequence[Session] = (), name: str = "",
                 watch: bool = True, tick: float = 0.5) -> None:
        super().__init__()
        self.session = session  # None until the participant picks one of the `live` sessions
        self.live = live
        self.start_name = name
        self.watch_file = watch
        self.tick_seconds = tick
        self.token = ""
        self.display_name = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="follow"):
            yield WhereLine("", id="where")
            yield TimeLine("", id="time")
            yield PromptView("", id="prompt")
            yield PollArea(self._my_ballot, id="poll")
            yield Input(placeholder="A note for this step (enter sends)", id="note", max_length=2000)
            yield MyNotes(lambda: self.token, id="my-notes")
        yield Footer()

    def _my_ballot(self, poll_id: str) -> tuple | None:
        return self.session.my_ballot(self.token, poll_id) if self.session and self.token else None

    def on_mount(self) -> None:
        if self.session is None:
            self.push_screen(PickSession(self.live), self.picked)
        else:
            self.picked(self.session)

    def picked(self, session: Session | None) -> None:
        if session is None:
            self.exit()
            return
        self.session = session
        state = session.state()
        self.title = state.title
        self.push_screen(JoinScreen(state.title, self.start_name), self.joined)

    def joined(self, who: tuple[str, str] | None) -> None:
        if not who:
            self.exit()
            return
        self.token, self.display_name = who
        state = self.session.state()
        identity.remember(state.id, state.code, self.token, self.display_name)
        self.sub_title = f"you are {self.display_name}"
        self.render_state()
        self.start_following()

    # ------------------------------------------------------------------ rendering

    def render_state(self, state: SessionState | None = None) -> SessionState | None:
        if not self.token:
            return None
        state = state or self.session.state()
        main = self.screen_stack[0]  # a dialog may be in front: the views are on the first screen
        follow = main.query_one("#follow", VerticalScroll)
        moved = state.step is not None and state.step.qid != self._step_shown
        for view in (main.query_one(WhereLine), main.query_one(TimeLine), main.query_one(PromptView),
                     main.query_one(PollArea), main.query_one(MyNotes)):
            view.show(state)
        if moved:
            self._step_shown = state.step.qid
            follow.scroll_home(animate=False)  # a new step opens at its title
        return state

    _step_shown: str | None = None

    # ------------------------------------------------------------------ acting

    @on(BallotForm.Cast)
    def cast(self, event: BallotForm.Cast) -> None:
        status = self.screen_stack[0].query_one("#ballot-status", Static)
        try:
            self.session.cast(self.token, event.poll_id, event.value)
        except SessionError as err:
            self.render_state()  # first: a poll that moved on redraws its area, then the refusal shows
            status.update(Text(str(err), style="bold red"))
            return
        # the append has returned: the ballot is on disk (fsync), so now it may say so
        status.update(Text(RECORDED, style="green"))
        self.render_state()

    @on(Input.Submitted, "#note")
    def send_note(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.session.note(self.display_name, event.value)
        except SessionError as err:
            self.notify(str(err), markup=False, severity="warning")
            return
        event.input.value = ""
        self.render_state()

    def action_focus_note(self) -> None:
        self.screen_stack[0].query_one("#note", Input).focus()


def make_app(path: Path | None = None, *, live: Sequence[Session] = (), clock: Clock = utc_now, name: str = "",
             watch: bool = True) -> ParticipantApp:
    """The one way to build the participant app, for the CLI and for tests alike: on the session
    file `path`, or on one of the `live` sessions (the only one, or the one the participant picks)."""
    if path is not None:
        session: Session | None = Session.open(path, clock)
    else:
        session = live[0] if len(live) == 1 else None
        for each in live:
            each.clock = clock
    return ParticipantApp(session, live=live, name=name, watch=watch)
