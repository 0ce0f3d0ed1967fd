"""The kiosk's main screen, the neutral "next person" screen: each person types their name (then a
PIN they chose here, or their rejoin code), and goes to their ballot, idea or question
(kiosk_screens.py); dismissed, it comes back here with no trace of it. Everyone names
themselves, on anonymous polls too: a name is how the kiosk knows that person has voted."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static

from workshop.engine import lookalikes
from workshop.engine.bidi import isolate
from workshop.engine.text import NAME_MAX, clean
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError, door
from workshop.sessions.people import Person, Pins
from workshop.sessions.refusals import TooManyTries, WrongRejoinCode
from workshop.sessions.typed import participant_name
from workshop.tui.follow import SessionScreen
from workshop.tui.kiosk_screens import AddScreen, ChoosePin, VoteScreen
from workshop.tui.styled import styled
from workshop.tui.widgets.base import ShowsState, title_in_language
from workshop.tui.widgets.contribute import asking, brainstorming

KIOSK = door.Client("kiosk", "kiosk")  # one keyboard, one place: its wrong codes count together


def with_initial(name: str) -> str:
    """`name` told apart by an initial ("Ana B."), as the kiosk suggests to a second person of that
    name: always a name the kiosk takes (at most `NAME_MAX` characters) and never `name` itself."""
    base, initial = (name[:-3], "C.") if name.endswith(" B.") else (name, "B.")
    return f"{base[: NAME_MAX - len(initial) - 1].rstrip()} {initial}"


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
            self.update(
                Text(
                    _("Add your idea: type your name to begin.")
                    if doing == "idea"
                    else _("Ask the room a question: type your name to begin.")
                )
            )
            return
        if view is None or view.status != "open":
            self.update(Text(_("No poll is open right now."), style="italic"))
            return
        line = Text(view.poll.question)
        if view.poll.anonymous:  # everyone still types their name: it is how the kiosk counts one ballot each
            line.append(
                _("\nAn anonymous poll: type your name all the same; your ballot is stored without it."), style="dim"
            )
        self.update(line)


class NextPersonScreen(SessionScreen):
    """The kiosk's main screen: "Next person, please", the open poll's question, and a name to
    type (then a PIN or a rejoin code). Escape clears the form for the next person."""

    # ctrl+q is the app's, a priority key on every screen of the kiosk (kiosk.py); named here too,
    # so the neutral screen's key bar lists it first, as it always has.
    BINDINGS = [
        Binding("ctrl+q", "app.leave", N_("Leave kiosk (facilitator)")),
        Binding("escape", "clear", N_("Clear the form")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.pins = Pins()  # the PINs people chose here: in this process only (sessions/people.py)
        self.asking = ""  # what the second field asks for: "pin", "rejoin" or nothing
        self._said_on: Hashable = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")  # no icon: it would look like a menu
        with Vertical(id="next"):
            yield Static(Text(_("Next person, please"), style="bold"), id="welcome")
            yield OpenPoll("", id="question")
            yield Input(placeholder=_("Your name"), id="who", max_length=NAME_MAX)
            yield Input(id="secret", max_length=12, password=True, classes="hidden")
            yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        state = self.session.state()
        self.app.title = clean(title_in_language(state))
        self.render_state(state)

    def render_state(self, state: SessionState | None = None) -> SessionState:
        state = state or self.session.state()
        self.query_one(OpenPoll).show(state)
        if self._step_of(state) != self._said_on:  # what was said belongs to a step that is over
            self._say("")
        return state

    @staticmethod
    def _step_of(state: SessionState) -> Hashable:
        return what_to_do(state), state.step.qid if state.step else None, state.poll.resets if state.poll else 0

    def _say(self, message: Text | str, style: str = "") -> None:
        self._said_on = self._step_of(self.session.state())
        self.query_one("#message", Static).update(Text(message, style=style) if isinstance(message, str) else message)

    def _ask(self, mode: str, name: str) -> None:
        """The second field: `pin` for someone who chose one here, `rejoin` for a name held elsewhere."""
        secret = self.query_one("#secret", Input)
        self.asking, secret.value = mode, ""
        secret.placeholder = _("Your PIN") if mode == "pin" else _("Your rejoin code (shown when you first joined)")
        secret.remove_class("hidden")
        said = styled(
            _("Welcome back, {name}: your PIN, please.")
            if mode == "pin"
            else _("Welcome back, {name}: this name joined on another screen; its rejoin code, please."),
            "bold",
            name=isolate(name),
        )
        # a second person of that name: each code they guessed would count against the first one's name
        said.append(" ")
        said.append(
            styled(
                _("Not {name}? Escape, then type your name with an initial: {example}"),
                name=isolate(name),
                example=isolate(with_initial(name)),
            )
        )
        self._say(said)
        secret.focus()

    def clear(self) -> None:
        """The form as the next person should find it: empty, no second field, nothing said."""
        who, secret = self.query_one("#who", Input), self.query_one("#secret", Input)
        who.value = secret.value = ""
        secret.add_class("hidden")
        self.asking = ""
        self._say("")
        who.focus()

    @on(Input.Submitted, "#who")
    @on(Input.Submitted, "#secret")
    def who(self, event: Input.Submitted) -> None:
        """A person names themselves. A new name chooses a PIN; a name that chose one here gives
        it; a name held elsewhere gives its rejoin code (and then chooses a PIN). Typing a name
        never makes you that person: the kiosk is a shared keyboard."""
        name = self.query_one("#who", Input).value
        secret = self.query_one("#secret", Input).value.strip()
        try:
            self.session.refresh()
            state = self.session.state()
            doing = what_to_do(state)
            if not doing:
                self._say(_("No poll is open right now: wait for the facilitator."), "italic")
                return
            if lookalikes.reads_as(name, "anonymous"):  # what the kiosk used to ask for on anonymous polls
                self._say(_("Please type your own name: an anonymous poll does not store it with your ballot."), "bold")
                return
            clean = participant_name(name)
            holder = self.session.holder(clean)
            if holder is None:
                self.push_screen(ChoosePin(clean), lambda pin: self._new(clean, pin))
                return
            mode = "pin" if self.pins.knows(holder) else "rejoin"
            if self.asking != mode or event.input.id == "who" and not secret:
                self._ask(mode, self.session.name_of(holder))
                return
            if mode == "pin":
                person = door.attempt(
                    self.session, clean, KIOSK, lambda token: self.pins.check(token, secret), pin=True
                )
            else:
                person = door.rejoin(self.session, clean, secret, KIOSK)
        except (WrongRejoinCode, TooManyTries) as err:
            self.query_one("#secret", Input).value = ""
            self._say(str(err), "bold red")  # it may quote the typed name: Text, never markup
            return
        except SessionError as err:  # a name that cannot be, a file that cannot be read: say so, stay locked
            self._say(str(err), "bold red")
            return
        if mode == "pin":
            self._go(person, "")
        else:  # back with the rejoin code: a PIN for next time, so the code is typed only once here
            self.push_screen(ChoosePin(person.name), lambda pin: self._keep(person, pin))

    def _new(self, name: str, pin: str | None) -> None:
        """A newcomer chose a PIN (None: they gave up): their name is theirs from now on."""
        if pin is None:
            self.clear()
            return
        try:
            person = self.session.newcomer(name)
        except SessionError as err:  # the name was taken meanwhile, on another channel
            self._say(str(err), "bold red")
            return
        self.pins.choose(person, pin)
        self._go(person, person.code)

    def _keep(self, person: Person, pin: str | None) -> None:
        if pin is None:
            self.clear()
            return
        self.pins.choose(person, pin)
        self._go(person, "")

    def _go(self, person: Person, code: str) -> None:
        """To this person's ballot (or idea, or question), the form cleared behind them."""
        self.clear()
        state = self.session.state()
        doing, view = what_to_do(state), state.poll
        if doing in ("idea", "question"):
            self.push_screen(AddScreen(self.session, person, doing, code), self.added)
        elif doing == "vote" and view is not None:
            again = self.session.my_ballot(person, view.qid) is not None  # proven by PIN: theirs to change
            self.push_screen(VoteScreen(self.session, person, view.qid, code, again), self.voted)
        else:
            self._say(_("No poll is open right now: wait for the facilitator."), "italic")

    def added(self, sent: bool | None) -> None:
        self._say(_("Thank you: it is on the board. Next person, please.") if sent else "", "green")
        self.query_one("#who", Input).focus()

    def voted(self, recorded: bool | None) -> None:
        self._say(_("Thank you: your ballot is recorded. Next person, please.") if recorded else "", "green")
        self.query_one("#who", Input).focus()

    def action_clear(self) -> None:
        """Escape on the neutral screen: whoever gave up, the next person finds an empty form."""
        self.clear()
