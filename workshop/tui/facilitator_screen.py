"""The facilitator's main screen: the session's views (session_view.py) with the join bar and
every key of the facilitator's, one binding each, which the key bar, the command palette (their
tooltips) and docs/facilitator.md's key table all read. Every key appends an event through
workshop.sessions and the screen redraws from the folded state."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from workshop.engine.text import clean
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError
from workshop.tui.deciding import TOLD
from workshop.tui.decisions import DECISION_BINDINGS, DECISION_COMMANDS
from workshop.tui.follow import warn
from workshop.tui.palette import Command
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
# the first screen shows none, so `workshop run`'s start does not pay for them.


class FacilitatorScreen(RoomActions):
    # Each key once: the key bar shows its description, the palette its tooltip (with the key).
    BINDINGS = [
        Binding("space", "toggle_pause", N_("Pause"), tooltip=N_("Pause or resume the timer")),
        Binding("n", "next", N_("Next"), tooltip=N_("Next step")),
        Binding("p", "prev", N_("Prev"), tooltip=N_("Previous step")),
        Binding(
            "plus,equals_sign", "extend(1)", N_("+1 min"), key_display="+", tooltip=N_("Extend the step by a minute")
        ),
        Binding("minus", "extend(-1)", N_("-1 min"), key_display="-", tooltip=N_("Shorten the step by a minute")),
        Binding("g", "goto", N_("Go to"), tooltip=N_("Go to, skip or move a step")),
        Binding("b", "insert_break", N_("Break"), tooltip=N_("Insert a break after the current step")),
        Binding("r", "reveal", N_("Reveal"), tooltip=N_("Reveal the poll's results")),
        Binding("c", "close_poll", N_("Close"), tooltip=N_("Close the poll")),
        Binding("v", "revote", N_("Vote again"), tooltip=N_("Vote again: a new round of the poll")),
        Binding("o", "objections", N_("Objections"), show=False, tooltip=N_("Objections round after a consent poll")),
        Binding("a", "add_note", N_("Note"), tooltip=N_("Add a facilitator note")),
        Binding("m", "mark_action", N_("Action"), tooltip=N_("Mark the selected note as an action item")),
        Binding("u", "owner", N_("Owner"), tooltip=N_("Give the selected action item an owner and a due date")),
        Binding("x", "edit_note", N_("Edit note"), tooltip=N_("Edit or withdraw the selected note")),
        Binding(
            "left_square_bracket",
            "pick_note(-1)",
            N_("Note ▲"),
            key_display="[",
            tooltip=N_("Select the previous note"),
        ),
        Binding(
            "right_square_bracket", "pick_note(1)", N_("Note ▼"), key_display="]", tooltip=N_("Select the next note")
        ),
        # the step's prompt and notes scroll from anywhere: no Tab to the panel first
        Binding("pageup", "scroll_step(-1)", N_("Scroll"), key_display="PgUp", priority=True, show=False),
        Binding("pagedown", "scroll_step(1)", N_("Scroll"), key_display="PgDn", priority=True),
        Binding("f", "toggle_notes", N_("Hide notes"), tooltip=N_("Show or hide facilitator notes")),
        Binding("j", "join_code", N_("QR"), tooltip=N_("Show the join page's QR code")),
        Binding("k", "kiosk", N_("Kiosk"), tooltip=N_("Hand a terminal over as a kiosk")),
        Binding("e", "end", N_("End"), tooltip=N_("End the session")),
        Binding("q", "app.quit", N_("Quit")),
        *ROOM_BINDINGS,
        *DECISION_BINDINGS,
    ]
    # What the palette offers beside the keys: actions with no key of their own.
    PALETTE_ONLY = (
        Command(N_("Reopen the poll"), "", "reopen_poll"),
        Command(N_("Reset the poll"), N_("its ballots stop counting"), "reset_poll"),
        Command(N_("Reword the poll's question (a proposal)"), "", "reword"),
        Command(N_("Turn the bell on or off"), "", "toggle_bell"),
        Command(N_("Switch light and dark"), "", "app.toggle_dark"),
        *DECISION_COMMANDS,
    )

    def __init__(self, session: Session, *, bell: bool = True, join_command: str = "") -> None:
        super().__init__()
        self.session = session
        self.bell_on = bell
        self.join_command = join_command or _("workshop join {stem}").format(stem=session.path.stem)
        self._rang_for: str | None = None  # the step whose end the bell has rung for
        self._round_for: tuple[str, int] | None = None  # the round the bell has rung in
        self._everyone_for: tuple[str, int] | None = None
        self._status = ""  # the status the key bar's labels were said for

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        fit_layout(self, self.app.size)  # the window's: this screen is not laid out yet
        yield Header(show_clock=False)
        yield from session_view()
        yield JoinBar(self.join_command, id="join")
        yield KeyBar(label=self.key_label)

    def on_mount(self) -> None:
        # Kept by name: the panels the keys act on.
        self.step_panel = self.query_one(StepPanel)
        self.notes_list = self.query_one(NotesList)
        self.room_panel = self.query_one(RoomPanel)
        self.views: list[ShowsState] = [
            self.query_one(AgendaRail),
            self.query_one(BigTimer),
            self.step_panel,
            self.query_one(PollPanel),
            self.room_panel,
            self.query_one(ReviewPanel),
            self.notes_list,
            self.query_one(JoinBar),
        ]
        self.query_one(AgendaRail).ends = self.session.ends
        state = self.session.state()
        self.app.title = clean(title_in_language(state))
        self.app.sub_title = clean(_("session {id}").format(id=state.id))
        self.render_state(state)
        warn(self, self.session.warnings, timeout=15)  # damage, and who wrote it: the chain broken, no key

    def on_resize(self, event: events.Resize) -> None:
        fit_layout(self, event.size)  # the event's size: the screen's may not be updated yet

    # ------------------------------------------------------------------ rendering

    def render_state(self, state: SessionState | None = None) -> SessionState:
        state = state or self.session.state()
        fit_results(self, state)
        for widget in self.views:
            widget.show(state)
        self._signals(state)
        if state.status != self._status:  # the keys' labels follow it ("space Resume" while paused)
            self._status = state.status
            self.refresh_bindings()
        return state

    def key_label(self, action: str, label: str) -> str:
        """A key's label as things stand (the key bar asks)."""
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
                self.notify(
                    _("Round {index} of {rounds}: {label}").format(
                        index=now.index + 1, rounds=len(step.rounds), label=now.label
                    ),
                    title=_("Switch"),
                    markup=False,
                )
                if self.bell_on and step.elapsed - now.start < 2:  # only as it happens, not on a restart
                    self.app.bell()
            self._round_for = (step.qid, now.index)
        if step is not None and state.status == "running" and step.remaining <= 0 and self._rang_for != step.qid:
            self._rang_for = step.qid
            if step.elapsed - step.allowed < 2 and self.bell_on:  # only as it happens, not on a restart
                self.app.bell()
        poll = state.poll
        if poll is not None and poll.status == "open" and state.all_voted(poll):
            key = (poll.qid, len(poll.ballots))
            if self._everyone_for is None or self._everyone_for[0] != poll.qid:
                self._everyone_for = key
                self.notify(
                    _("Everyone present has voted ({ballots}).").format(ballots=len(poll.ballots)), title=_("Poll")
                )
                if self.bell_on:
                    self.app.bell()
        elif (
            poll is not None and self._everyone_for and self._everyone_for[0] == poll.qid and not state.all_voted(poll)
        ):
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

    def action_kiosk(self) -> None:
        """How to hand a second terminal over as a kiosk; the exit code is shown only here."""
        try:
            code = self.session.facilitator_code()
        except SessionError as err:
            self.notify(str(err), markup=False, severity="error")
            return
        from workshop.tui.modals import Info

        self.push_screen(
            Info(
                _("Kiosk: one shared terminal for a queue of voters."),
                _("On that terminal run:   workshop kiosk {stem}").format(stem=self.session.path.stem),
                _("To leave kiosk mode there, type this code:   {code}").format(code=code),
                _("(Not shown on the room display; close this before projecting.)"),
            )
        )

    def action_join_code(self) -> None:
        """The join page's QR code, big: to hold up to the camera of whoever asks, or to project."""
        state = self.session.state()
        from workshop.tui.modals import JoinQR

        self.push_screen(JoinQR(state.address, state.code, state.ways))

    def action_end(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self._do(self.session.end)

        from workshop.tui.modals import Confirm

        self.push_screen(Confirm(_("End the session? Open polls close and the timer stops.")), done)
