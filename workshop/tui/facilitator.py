"""The facilitator's screen: run a live workshop from one terminal.

Every key appends an event through workshop.sessions and the screen redraws from the folded
state; a worker watches the session file so ballots, notes and joins from other processes
appear within a fraction of a second. Quitting loses nothing: each action was on disk already.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Header

from workshop.engine.text import clean
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Clock, Session, SessionError, utc_now
from workshop.tui.deciding import TOLD
from workshop.tui.decisions import DECISION_BINDINGS
from workshop.tui.room_actions import ROOM_BINDINGS, RoomActions
from workshop.tui.session_view import fit_layout, fit_results, session_view
from workshop.tui.widgets.base import ShowsState, title_in_language
from workshop.tui.widgets.join import JoinBar
from workshop.tui.widgets.keys import KeyBar
from workshop.tui.widgets.notes import NotesList
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.review import ReviewPanel
from workshop.tui.widgets.room_panel import RoomPanel
from workshop.tui.widgets.step import StepPanel
from workshop.tui.widgets.timer import BigTimer

# The dialogs (workshop.tui.modals, and the QR code's drawing with them) are imported where they open:
# the first screen shows none (3 ms of `workshop run`'s start, benchmarks/run.py first).


class FacilitatorApp(RoomActions):
    CSS_PATH = "facilitator.tcss"
    TITLE = "workshop"

    BINDINGS = [
        Binding("space", "toggle_pause", N_("Pause")),
        Binding("n", "next", N_("Next")),
        Binding("p", "prev", N_("Prev")),
        Binding("plus,equals_sign", "extend(1)", N_("+1 min"), key_display="+"),
        Binding("minus", "extend(-1)", N_("-1 min"), key_display="-"),
        Binding("g", "goto", N_("Go to")),
        Binding("b", "insert_break", N_("Break")),
        Binding("r", "reveal", N_("Reveal")),
        Binding("c", "close_poll", N_("Close")),
        Binding("v", "revote", N_("Vote again")),
        Binding("o", "objections", N_("Objections"), show=False),
        Binding("a", "add_note", N_("Note")),
        Binding("m", "mark_action", N_("Action")),
        Binding("u", "owner", N_("Owner")),
        Binding("x", "edit_note", N_("Edit note")),
        Binding("left_square_bracket", "pick_note(-1)", N_("Note ▲"), key_display="["),
        Binding("right_square_bracket", "pick_note(1)", N_("Note ▼"), key_display="]"),
        # the step's prompt and notes scroll from anywhere: no Tab to the panel first
        Binding("pageup", "scroll_step(-1)", N_("Scroll"), key_display="PgUp", priority=True, show=False),
        Binding("pagedown", "scroll_step(1)", N_("Scroll"), key_display="PgDn", priority=True),
        Binding("f", "toggle_notes", N_("Hide notes")),
        Binding("j", "join_code", N_("QR")),
        Binding("k", "kiosk", N_("Kiosk")),
        Binding("e", "end", N_("End")),
        Binding("q", "quit", N_("Quit")),
        *ROOM_BINDINGS,
        *DECISION_BINDINGS,
    ]

    def __init__(self, session: Session, *, bell: bool = True, join_command: str = "", watch: bool = True,
                 tick: float = 0.25, dark: bool = True) -> None:
        super().__init__(session, watch=watch, tick=tick, dark=dark)
        self.session = session
        self.bell_on = bell
        self.join_command = join_command or _("workshop join {stem}").format(stem=session.path.stem)
        self._rang_for: str | None = None  # the step whose end the bell has rung for
        self._round_for: tuple[str, int] | None = None  # the round the bell has rung in
        self._everyone_for: tuple[str, int] | None = None
        self._status = ""  # the status the key bar's labels were said for

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        fit_layout(self.screen, self.size)
        yield Header(show_clock=False)
        yield from session_view()
        yield JoinBar(self.join_command, id="join")
        yield KeyBar()

    def on_mount(self) -> None:
        # Kept from the main screen, by name: a tick or a ballot may arrive while a dialog is on
        # top, and queries search the screen in front.
        self.step_panel = self.query_one(StepPanel)
        self.notes_list = self.query_one(NotesList)
        self.room_panel = self.query_one(RoomPanel)
        self.views: list[ShowsState] = [self.query_one(AgendaRail), self.query_one(BigTimer), self.step_panel,
                                        self.query_one(PollPanel), self.room_panel, self.query_one(ReviewPanel),
                                        self.notes_list, self.query_one(JoinBar)]
        self.query_one(AgendaRail).ends = self.session.ends
        state = self.session.state()
        self.title = clean(title_in_language(state))
        self.sub_title = clean(_("session {id}").format(id=state.id))
        self.render_state(state)
        for warning in self.session.warnings:  # damage, and who wrote it: the chain broken, no key
            self.notify(clean(warning), markup=False, severity="warning", timeout=15)
        self.start_following()

    def on_resize(self, event: events.Resize) -> None:
        fit_layout(self.screen_stack[0], event.size)  # the event's size: the app's may not be updated yet

    # ------------------------------------------------------------------ rendering

    def render_state(self, state: SessionState | None = None) -> SessionState:
        state = state or self.session.state()
        fit_results(self.screen_stack[0], state)
        for widget in self.views:
            widget.show(state)
        self._signals(state)
        if state.status != self._status:  # the keys' labels follow it ("space Resume" while paused)
            self._status = state.status
            self.refresh_bindings()
        return state

    def key_label(self, action: str, label: str) -> str:
        """A key's label as things stand (widgets/keys.py asks)."""
        if action == "toggle_pause" and self._status == "paused":
            return _("Resume")
        if action == "next" and self._status == "waiting":
            return _("Start")
        return label

    def _signals(self, state: SessionState) -> None:
        """The bell at a step's end and at each new round, and the notice when everyone present
        has voted."""
        step = state.step
        now = step.round if step is not None else None
        if step is not None and now is not None and (step.qid, now.index) != self._round_for:
            if self._round_for is not None and self._round_for[0] == step.qid and now.index > 0:
                self.notify(_("Round {index} of {rounds}: {label}").format(
                    index=now.index + 1, rounds=len(step.rounds), label=now.label), title=_("Switch"),
                            markup=False)
                if self.bell_on and step.elapsed - now.start < 2:  # only as it happens, not on a restart
                    self.bell()
            self._round_for = (step.qid, now.index)
        if step is not None and state.status == "running" and step.remaining <= 0 and self._rang_for != step.qid:
            self._rang_for = step.qid
            if step.elapsed - step.allowed < 2 and self.bell_on:  # only as it happens, not on a restart
                self.bell()
        poll = state.poll
        if poll is not None and poll.status == "open" and state.all_voted(poll):
            key = (poll.qid, len(poll.ballots))
            if self._everyone_for is None or self._everyone_for[0] != poll.qid:
                self._everyone_for = key
                self.notify(_("Everyone present has voted ({ballots}).").format(
                    ballots=len(poll.ballots)), title=_("Poll"))
                if self.bell_on:
                    self.bell()
        elif (poll is not None and self._everyone_for and self._everyone_for[0] == poll.qid
              and not state.all_voted(poll)):
            self._everyone_for = None

    # ------------------------------------------------------------------ actions

    def action_toggle_pause(self) -> None:
        status = self.session.state().status
        self._do(self.session.pause if status == "running" else self.session.resume)

    def action_next(self) -> None:
        self._do(self.session.start if self.session.state().status == "waiting" else self.session.next)

    def action_prev(self) -> None:
        self._do(self.session.prev)

    def action_extend(self, minutes: int) -> None:
        self._do(lambda: self.session.extend(minutes), TOLD)

    def action_reveal(self) -> None:
        self._do(lambda: self.session.poll_action("reveal"), TOLD)

    def action_close_poll(self) -> None:
        self._do(lambda: self.session.poll_action("close"), TOLD)

    def action_reopen_poll(self) -> None:
        self._do(lambda: self.session.poll_action("reopen"), TOLD)

    def action_reset_poll(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self._do(lambda: self.session.poll_action("reset"), TOLD)

        from workshop.tui.modals import Confirm
        self.push_screen(Confirm(_("Reset this poll? Its ballots stop counting (they stay in the file).")), done)

    @on(AgendaRail.StepChosen)
    def rail_step(self, event: AgendaRail.StepChosen) -> None:
        self._do(lambda: self.session.goto(event.qid))

    def action_add_note(self) -> None:
        def done(text: str | None) -> None:
            if text:
                try:
                    self.session.note(None, text)
                except SessionError as err:
                    self.notify(str(err), markup=False, severity="warning")
                self.render_state()

        from workshop.tui.modals import AskText
        self.push_screen(AskText(_("Add a facilitator note"), _("What should the room remember?")), done)

    def action_pick_note(self, step: int) -> None:
        self.notes_list.move(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # with a dialog in front, page keys are the dialog's (its list of steps, say)
        return not (action == "scroll_step" and isinstance(self.screen, ModalScreen))

    def action_scroll_step(self, direction: int) -> None:
        if direction > 0:
            self.step_panel.scroll_page_down(animate=False)
        else:
            self.step_panel.scroll_page_up(animate=False)

    def action_toggle_notes(self) -> None:
        panel = self.step_panel
        panel.show_notes = not panel.show_notes
        self.render_state()
        self.notify(_("Facilitator notes shown") if panel.show_notes else _("Facilitator notes hidden"), timeout=2)

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.notify(_("Bell on") if self.bell_on else _("Bell off"), timeout=2)

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_kiosk(self) -> None:
        """How to hand a second terminal over as a kiosk; the exit code is shown only here."""
        try:
            code = self.session.facilitator_code()
        except SessionError as err:
            self.notify(str(err), markup=False, severity="error")
            return
        from workshop.tui.modals import Info
        self.push_screen(Info(_("Kiosk: one shared terminal for a queue of voters."),
                              _("On that terminal run:   workshop kiosk {stem}").format(stem=self.session.path.stem),
                              _("To leave kiosk mode there, type this code:   {code}").format(code=code),
                              _("(Not shown on the room display; close this before projecting.)")))

    def action_join_code(self) -> None:
        """The join page's QR code, big: to hold up to the camera of whoever asks, or to project."""
        state = self.session.state()
        from workshop.tui.modals import JoinQR
        self.push_screen(JoinQR(state.address, state.code))

    def action_end(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self._do(self.session.end)

        from workshop.tui.modals import Confirm
        self.push_screen(Confirm(_("End the session? Open polls close and the timer stops.")), done)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = [
            (_("Pause or resume the timer"), "space", self.action_toggle_pause),
            (_("Next step"), "n", self.action_next),
            (_("Previous step"), "p", self.action_prev),
            (_("Go to, skip or move a step"), "g", self.action_goto),
            (_("Insert a break after the current step"), "b", self.action_insert_break),
            (_("Extend the step by a minute"), "+", lambda: self.action_extend(1)),
            (_("Shorten the step by a minute"), "-", lambda: self.action_extend(-1)),
            (_("Reveal the poll's results"), "r", self.action_reveal),
            (_("Close the poll"), "c", self.action_close_poll),
            (_("Reopen the poll"), "", self.action_reopen_poll),
            (_("Vote again: a new round of the poll"), "v", self.action_revote),
            (_("Objections round after a consent poll"), "o", self.action_objections),
            (_("Reset the poll"), _("its ballots stop counting"), self.action_reset_poll),
            (_("Add a facilitator note"), "a", self.action_add_note),
            (_("Mark the selected note as an action item"), "m", self.action_mark_action),
            (_("Give the selected action item an owner and a due date"), "u", self.action_owner),
            (_("Edit or withdraw the selected note"), "x", self.action_edit_note),
            (_("Reword the poll's question (a proposal)"), "", self.action_reword),
            (_("Select the previous note"), "[", lambda: self.action_pick_note(-1)),
            (_("Select the next note"), "]", lambda: self.action_pick_note(1)),
            (_("Show or hide facilitator notes"), "f", self.action_toggle_notes),
            (_("Turn the bell on or off"), "", self.action_toggle_bell),
            (_("Switch light and dark"), "", self.action_toggle_dark),
            (_("Show the join page's QR code"), "j", self.action_join_code),
            (_("Hand a terminal over as a kiosk"), "k", self.action_kiosk),
            *self.room_commands(),
            *self.decision_commands(),
            (_("End the session"), "e", self.action_end),
        ]
        for title, key, callback in commands:
            yield SystemCommand(title, _("key: {key}").format(key=key) if len(key) <= 5 and key else key, callback)


def make_app(path: Path, *, clock: Clock = utc_now, bell: bool = True, watch: bool = True,
             tick: float = 0.25, dark: bool = True) -> FacilitatorApp:
    """The one way to build the facilitator app, for the CLI and for tests alike."""
    session = Session.open(path, clock)
    return FacilitatorApp(session, bell=bell, watch=watch, tick=tick, dark=dark)
