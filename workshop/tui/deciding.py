"""The facilitator's actions that change the agenda and record decisions, as a typed base of the
facilitator's screen: go to, skip or move a step (g), insert a break (b), vote again (v), an
objections round (o), and action items with their owners and due dates (m, u). Every one calls a
typed session verb through `_do` or `_said`, then redraws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workshop import i18n
from workshop.engine.bidi import isolate
from workshop.engine.events import FACILITATOR
from workshop.engine.in_language import state_in
from workshop.engine.text import said_back
from workshop.engine.views import PollView, StepView
from workshop.errors import WorkshopError
from workshop.i18n import _, pgettext
from workshop.sessions import Session, SessionError
from workshop.tui.follow import SessionScreen
from workshop.tui.widgets.notes import NotesList

# The dialogs (workshop.tui.modals, and the QR code's drawing with them) are imported where they open:
# the first screen shows none, so `workshop run`'s start does not pay for them.

TOLD = 2.0  # seconds the one line of an action worth a notice shows (the others show on the screen itself)
ROOM = 4.0  # ... of an action on the room's ideas, questions and hands, and of a poll's options from ideas


class Deciding(SessionScreen):
    session: Session
    notes_list: NotesList

    def _run(self, verb: Callable[[], str]) -> str | None:
        """Run a typed session verb and redraw: its one line, or None when it refused (the refusal
        shown as a warning)."""
        try:
            said = verb()
        except WorkshopError as err:
            self.notify(str(err), markup=False, severity="warning")
            return None
        self.render_state()
        return said

    def _tell(self, said: str, seconds: float) -> None:
        """A verb's one line as a notice for `seconds`, begun with a capital."""
        self.notify(said[:1].upper() + said[1:], markup=False, timeout=seconds)

    def _do(self, verb: Callable[[], str], told: float | None = None) -> None:
        """Run a typed session verb and redraw; its one line as a notice for `told` seconds (none
        when None, unless it froze a poll's options from ideas), or its refusal as a warning."""
        message = self._run(verb)
        if message is None:
            return
        if "options" in message:  # a poll's options from ideas
            told = ROOM
        if told is not None:
            self._tell(message, told)

    def action_revote(self) -> None:
        """Vote again: a new round of the poll, on the proposal as the dialog reads it (enter keeps it)."""
        poll = self.session.state().poll or self._poll_before()
        if poll is None:
            self._do(lambda: self.session.revote(), TOLD)  # says why not
            return

        def done(words: str | None) -> None:
            if words is not None:
                wording = words if words.strip() and words != poll.poll.question else None
                self._do(lambda: self.session.revote(None, wording), TOLD)

        from workshop.tui.modals import AskText

        self.push_screen(
            AskText(
                _(
                    "Vote again? This round's ballots stay, as its result. The new round votes on "
                    "(change the words if the proposal changed; enter to start it, escape: not now):"
                ),
                value=poll.poll.question,
            ),
            done,
        )

    def _poll_before(self) -> PollView | None:
        s = self.session.state()
        ref = self.session._poll_before(s)
        return None if ref is None else s.polls.get(ref)

    def action_reword(self) -> None:
        """Reword the poll's question (a consent proposal), without a new round."""
        poll = self.session.state().poll
        if poll is None:
            self.notify(_("This step has no poll to reword"), severity="warning")
            return

        def done(words: str | None) -> None:
            if words and words != poll.poll.question:
                self._said(lambda: self.session.reword(None, words))

        from workshop.tui.modals import AskText

        self.push_screen(AskText(_("The poll's question, as it reads from now on:"), value=poll.poll.question), done)

    def _said(self, verb: Callable[[], str]) -> None:
        """Run a session verb; its line as a notice, or its refusal as a warning; redraw."""
        said = self._run(verb)
        if said is not None:
            self._tell(said, 3)

    def _correct(self, prompt: str, words: str, edit: Callable[[str], str], withdraw: Callable[[], str]) -> None:
        """Ask for the corrected `words` of an idea or a note (the dialog's line: `prompt`), then
        `edit` them in, or `withdraw` the idea or note when they are emptied; unchanged, nothing."""

        def done(typed: str | None) -> None:
            if typed is None or typed == words:
                return
            if typed.strip():
                self._said(lambda: edit(typed))
            else:
                self._said(withdraw)

        from workshop.tui.modals import AskText

        self.push_screen(AskText(prompt, value=words), done)

    def action_objections(self) -> None:
        self._do(lambda: self.session.objections(), TOLD)

    def action_goto(self) -> None:
        """Go to a step, or skip or move one (the agenda changed live)."""
        state = state_in(self.session.state(), i18n.language())  # titles in this screen's language
        choices = [(s.qid, s.module.title, _choice(s, state.current)) for s in state.steps]

        def done(picked: tuple[str, str] | None) -> None:
            if picked is None:
                return
            what, qid = picked
            if what == "move":
                self._move(qid, choices)
            elif what == "skip":
                skipped = next(s.skipped for s in self.session.state().steps if s.qid == qid)
                self._do(lambda: self.session.skip(qid, on=not skipped), TOLD)
            else:
                self._do(lambda: self.session.goto(qid))

        from workshop.tui.modals import AgendaPick

        self.push_screen(AgendaPick(choices, state.step.qid if state.step else None), done)

    def _move(self, qid: str, choices: list[tuple[str, str, str]]) -> None:
        def done(after: str | None) -> None:
            if after:
                self._do(lambda: self.session.move(qid, after), TOLD)

        step = state_in(self.session.state(), i18n.language()).step_by_id(qid)
        title = step.spec.title if step is not None else qid
        targets = [("start", "", _("(first, before every step)")), *(c for c in choices if c[0] != qid)]
        from workshop.tui.modals import PickStep

        self.push_screen(
            PickStep(targets, None, question=_("Move “{title}” after which step?").format(title=title)), done
        )

    def action_insert_break(self) -> None:
        def done(text: str | None) -> None:
            if text:
                self._do(lambda: self.session.insert_break(_whole_minutes(text.strip())), TOLD)

        from workshop.tui.modals import AskText

        self.push_screen(AskText(_("Insert a break after the current step: how many minutes?"), "10"), done)

    def action_mark_action(self) -> None:
        note_id = self.notes_list.chosen_id()
        if not note_id:
            self.notify(_("No note to mark on this step yet"), severity="warning")
            return
        current = next((n for n in self.session.state().notes if n.id == note_id), None)
        try:
            self.session.mark_action(note_id, on=not (current and current.action))
        except SessionError as err:
            self.notify(str(err), markup=False, severity="warning")
        self.render_state()

    def action_owner(self) -> None:
        """Give the selected note an owner (anyone) and a due date as people type them: the dialog
        says how it reads the line before it is saved; it becomes an action item."""
        note_id = self.notes_list.chosen_id()
        if not note_id:
            self.notify(_("No note on this step to give an owner yet"), severity="warning")
            return
        from workshop.engine import dates
        from workshop.sessions.typed import owner_line, owner_line_of

        today = self.session.today()
        note = next((n for n in self.session.state().notes if n.id == note_id), None)
        due = dt.date.fromisoformat(note.due) if note and note.due else None
        now = owner_line_of(note.owner or "", due, today) if note else ""

        def reading(typed: str) -> tuple[bool, str]:
            if not typed.strip():
                return False, _("type a name, a due date, or both")
            try:
                owner, due = owner_line(typed, today)
            except WorkshopError as err:
                return False, str(err)
            return True, " · ".join(
                part
                for part in (
                    _("owner {owner}").format(owner=isolate(owner)) if owner else "",
                    _("due {shown}").format(shown=dates.shown(due)) if due else _("no due date"),
                )
                if part
            )

        def done(typed: str | None) -> None:
            if not typed or not typed.strip():
                return
            owner, due = owner_line(typed, today)
            self._said(lambda: self.session.mark_action(note_id, True, owner or None, due.isoformat() if due else None))

        from workshop.tui.modals import AskText

        names = sorted({p.name for p in self.session.state().participants}, key=str.casefold)
        self.push_screen(
            AskText(
                _("Owner (anyone) and due date of the selected note: “Bo Chen 15/12/2026”, “WFM team friday”"),
                _("Ana Lima in 2 weeks"),
                value=now,
                reading=reading,
                suggestions=names,
            ),
            done,
        )

    def action_edit_note(self) -> None:
        """Correct the selected note's words; emptied, it is withdrawn."""
        note_id = self.notes_list.chosen_id()
        note = next((n for n in self.session.state().notes if n.id == note_id), None)
        if note is None:
            self.notify(_("No note on this step to edit yet"), severity="warning")
            return

        asked = (
            _("Edit your note (empty it to withdraw it); the file keeps what it said, the reports show this:")
            if note.author == FACILITATOR
            else _(
                "Edit {name}'s note (empty it to withdraw it); the file keeps what it said, the reports show this:"
            ).format(name=isolate(note.name))
        )
        self._correct(
            asked,
            note.text,
            lambda words: self.session.edit_note(note.id, words),
            lambda: self.session.withdraw_note(note.id),
        )


def _whole_minutes(typed: str) -> int:
    """A break's length as typed in its dialog."""
    try:
        return int(typed)
    except ValueError:
        raise SessionError(
            _("{message}, not {arg}").format(
                message=_("insert-break takes whole minutes, like `insert-break 10`"), arg=said_back(typed)
            )
        ) from None


def _choice(step: StepView, current: int | None) -> str:
    """A step as the `g` dialog lists it, under its module's title: what became of it, truthfully."""
    if step.index == current:
        mark, state = "▶", pgettext("a step in the go-to list", "now")
    elif step.skipped:
        mark, state = "–", pgettext("a step in the go-to list", "skipped")
    elif step.visited:
        mark, state = "✓", pgettext("a step in the go-to list", "done")
    elif step.inserted:
        mark, state = "+", _("added today")
    else:
        mark, state = " ", ""
    return f"{mark} {step.spec.title}" + (f"  ({state})" if state else "")
