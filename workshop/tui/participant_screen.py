"""The participant's main screen: the step, its prompt (never the facilitator's notes), the time
left, the ballot for an open poll, results once the poll's reveal policy allows, what the room
makes, and notes; with the participant's keys. It is shown once the participant has joined
(`joined`), and says "your ballot is recorded" only after the ballot is on disk."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Header, Input, OptionList, Static

from workshop.engine.bidi import isolate
from workshop.engine.ideas import REACTIONS
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError
from workshop.sessions.people import Person
from workshop.tui.follow import SessionScreen
from workshop.tui.modals import PickReaction
from workshop.tui.styled import styled
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.contribute import ContributeArea
from workshop.tui.widgets.follow_views import RECORDED, MyNotes, PollArea, PromptView, TimeLine, WhereLine
from workshop.tui.widgets.keys import KeyBar


class ParticipantScreen(SessionScreen):
    BINDINGS = [
        Binding("ctrl+q", "app.quit", N_("Leave")),
        Binding("ctrl+n", "focus_note", N_("Write a note")),
        Binding("ctrl+r", "hand", N_("Hand")),
        Binding("ctrl+e", "react", N_("React")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None  # until the participant has joined
        self.person: Person | None = None
        self.token = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="follow"):
            yield Static("", id="rejoin-code")  # a first join's rejoin code, kept in view (never a toast)
            yield WhereLine("", id="where")
            yield TimeLine("", id="time")
            yield PromptView("", id="prompt")
            yield PollArea(self._my_ballot, id="poll")
            yield ContributeArea(lambda: self.token, id="contribute")
            yield Input(placeholder=_("A note for this step (enter sends)"), id="note", max_length=2000)
            yield MyNotes(lambda: self.token, id="my-notes")
        yield KeyBar()  # wraps, so every key stays in sight at 80 columns in any language

    def _my_ballot(self, poll_id: str) -> tuple | None:
        return self.session.my_ballot(self.person, poll_id) if self.session and self.person else None

    def joined(self, session: Session, person: Person) -> None:
        """The participant is in: from now on the screen follows `session` as `person`."""
        self.session, self.person, self.token = session, person, person.token
        self.app.sub_title = _("you are {isolate}").format(isolate=isolate(person.name))
        line = self.query_one("#rejoin-code", Static)
        line.display = bool(person.code)
        if person.code:  # new: the only time they see it, in a line of its own that covers nothing
            line.update(
                styled(
                    _("Your rejoin code is {code}. Keep it: it brings you back as {name} from any screen."),
                    code=Text(person.code, style="bold reverse"),
                    name=Text(isolate(person.name), style="bold"),
                )
            )
        self.render_state()

    # ------------------------------------------------------------------ rendering

    def render_state(self, state: SessionState | None = None) -> SessionState | None:
        if not self.token:
            return None
        state = state or self._live().state()
        follow = self.query_one("#follow", VerticalScroll)
        qid = state.step.qid if state.step is not None else None
        moved = qid is not None and qid != self._step_shown
        for view in (
            self.query_one(WhereLine),
            self.query_one(TimeLine),
            self.query_one(PromptView),
            self.query_one(PollArea),
            self.query_one(ContributeArea),
            self.query_one(MyNotes),
        ):
            view.show(state)
        if moved:
            self._step_shown = qid
            follow.scroll_home(animate=False)  # a new step opens at its title
            self.call_after_refresh(self.focus_action)  # and the keys go where the step's action is
        return state

    def focus_action(self) -> None:
        """Focus where the step's action is: the ballot on an open poll, the idea box on a
        brainstorm, the question box on a Q&A step, else the note box. Typed ideas are never
        lost for want of a Tab, and the arrows work on a ballot after a note was sent."""
        if not self.is_current or self.closing():
            return  # a dialog is in front: it keeps the keys
        ballot = (
            [*self.query("#form OptionList, #form SelectionList, #form Input")]
            if self.query_one(PollArea).display
            else []
        )
        area = self.query_one(ContributeArea)
        boxes = [
            box
            for box in (self.query_one("#idea", Input), self.query_one("#ask", Input))
            if area.display and box.display
        ]
        (ballot + boxes + [self.query_one("#note", Input)])[0].focus(scroll_visible=False)

    _step_shown: str | None = None

    # ------------------------------------------------------------------ acting

    @on(BallotForm.Cast)
    def cast(self, event: BallotForm.Cast) -> None:
        status = self.query_one("#ballot-status", Static)
        assert self.person is not None  # ballot forms are shown only once joined
        try:
            self._live().cast(self.person, event.poll_id, event.value)
        except SessionError as err:
            self.render_state()  # first: a poll that moved on redraws its area, then the refusal shows
            status.update(Text(str(err), style="bold red"))
            status.scroll_visible(animate=False)  # said where the eyes are, as a recorded ballot is
            return
        # the append has returned: the ballot is on disk (fsync), so now it may say so
        status.update(Text(_(RECORDED), style="green"))
        self.render_state()
        status.scroll_visible(animate=False)  # below a long ballot, it says so where the eyes are

    @on(Input.Submitted, "#note")
    def send_note(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self._live().note_as(self.person, event.value)
        except SessionError as err:
            self.notify(str(err), markup=False, severity="warning")
            return
        event.input.value = ""
        self.render_state()
        self.focus_action()  # back to where the step's action is: the next poll's arrows work at once

    # ------------------------------------------------------------------ what the room makes

    def _live(self) -> Session:
        assert self.session is not None  # the views and keys act only once joined
        return self.session

    def _contribute(self, verb: Callable[..., str], *args: object) -> bool:
        area = self.query_one(ContributeArea)
        try:
            said = verb(self.person, *args)
        except SessionError as err:
            area.say(str(err), ok=False)
            return False
        area.say(said)
        self.render_state()
        return True

    @on(Input.Submitted, "#idea")
    def send_idea(self, event: Input.Submitted) -> None:
        event.stop()
        if self._contribute(self._live().idea_as, event.value):
            event.input.value = ""

    @on(Input.Submitted, "#ask")
    def send_question(self, event: Input.Submitted) -> None:
        event.stop()
        anonymous = self.query_one("#ask-anonymous", Checkbox).value
        if self._contribute(
            lambda person, text: (
                _("asked: {ask_as}").format(ask_as=self._live().ask_as(person, text, anonymous))
                + (_(" (without your name)") if anonymous else "")
            ),
            event.value,
        ):
            event.input.value = ""

    @on(OptionList.OptionSelected, "#questions")
    def upvote(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._contribute(self._live().upvote_as, event.option.id)

    def action_hand(self) -> None:
        if self.person is None:
            return
        up = all(h.participant != self.token for h in self._live().state().room.hands)
        self._contribute(self._live().hand_as, up)

    def action_react(self) -> None:
        if self.person is None:
            return

        def done(reaction: str | None) -> None:
            if reaction:
                self._contribute(self._live().react_as, reaction)

        self.push_screen(PickReaction(REACTIONS), done)

    def action_focus_note(self) -> None:
        self.query_one("#note", Input).focus()
