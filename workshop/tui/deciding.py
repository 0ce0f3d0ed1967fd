"""The facilitator's actions that change the agenda and record decisions, as a typed base of the
facilitator's app: go to, skip or move a step (g), insert a break (b), vote again (v), an
objections round (o), and action items with their owners and due dates (m, u). Every one goes
through `_do` (the action words, workshop/sessions/words.py) or a session verb, then redraws."""

from __future__ import annotations

from workshop.engine.state import StepView
from workshop.errors import WorkshopError
from workshop.sessions import Session, SessionError, words
from workshop.tui.follow import SessionApp
from workshop.tui.widgets.notes import NotesList

# The dialogs (workshop.tui.modals, and the QR code's drawing with them) are imported where they open:
# the first screen shows none (3 ms of `workshop run`'s start, benchmarks/run.py first).

TOLD = ("extend", "close", "reopen", "reset", "reveal", "skip", "unskip", "move", "insert-break", "objections",
        "revote")  # actions whose one line is worth a notice; the others show on the screen itself


class Deciding(SessionApp):
    session: Session
    notes_list: NotesList

    def _do(self, action: str, arg: str | None = None, after: str | None = None, into: str | None = None) -> None:
        try:
            message = words.act(self.session, action, arg, after, into)
        except WorkshopError as err:
            self.notify(str(err), markup=False, severity="warning")
            return
        self.render_state()
        if action in TOLD or action in words.ROOM_WORDS or "options" in message:  # a poll's options from ideas
            self.notify(message, markup=False, timeout=4 if action in words.ROOM_WORDS else 2)

    def action_revote(self) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self._do("revote")

        from workshop.tui.modals import Confirm
        self.push_screen(Confirm("Vote again on this poll? This round's ballots stay, as round results."), done)

    def action_objections(self) -> None:
        self._do("objections")

    def action_goto(self) -> None:
        """Go to a step, or skip or move one (the agenda changed live)."""
        state = self.session.state()
        choices = [(s.qid, _choice(s)) for s in state.steps]

        def done(picked: tuple[str, str] | None) -> None:
            if picked is None:
                return
            what, qid = picked
            if what == "move":
                self._move(qid, choices)
            elif what == "skip":
                skipped = next(s.skipped for s in self.session.state().steps if s.qid == qid)
                self._do("unskip" if skipped else "skip", qid)
            else:
                self._do("goto", qid)

        from workshop.tui.modals import AgendaPick
        self.push_screen(AgendaPick(choices, state.step.qid if state.step else None), done)

    def _move(self, qid: str, choices: list[tuple[str, str]]) -> None:
        def done(after: str | None) -> None:
            if after:
                self._do("move", qid, after)

        targets = [("start", "(first, before every step)"), *((q, label) for q, label in choices if q != qid)]
        from workshop.tui.modals import PickStep
        self.push_screen(PickStep(targets, None, question=f"Move {qid} after which step?"), done)

    def action_insert_break(self) -> None:
        def done(text: str | None) -> None:
            if text:
                self._do("insert-break", text.strip())

        from workshop.tui.modals import AskText
        self.push_screen(AskText("Insert a break after the current step: how many minutes?", "10"), done)

    def action_mark_action(self) -> None:
        note_id = self.notes_list.chosen_id()
        if not note_id:
            self.notify("No note to mark on this step yet", severity="warning")
            return
        current = next((n for n in self.session.state().notes if n.id == note_id), None)
        try:
            self.session.mark_action(note_id, on=not (current and current.action))
        except SessionError as err:
            self.notify(str(err), markup=False, severity="warning")
        self.render_state()

    def action_owner(self) -> None:
        """Give the selected note an owner and a due date: it becomes an action item."""
        note_id = self.notes_list.chosen_id()
        if not note_id:
            self.notify("No note on this step to give an owner yet", severity="warning")
            return

        def done(typed: str | None) -> None:
            if not typed or not typed.strip():
                return
            owner, due = owner_and_due(typed)
            try:
                said = self.session.mark_action(note_id, True, owner or None, due or None)
            except SessionError as err:
                self.notify(str(err), markup=False, severity="warning")
                return
            self.render_state()
            self.notify(said, markup=False, timeout=3)

        from workshop.tui.modals import AskText
        self.push_screen(AskText("Owner and due date of the selected action item", "Ana 2026-12-15"), done)


def owner_and_due(typed: str) -> tuple[str, str]:
    """'Ana Lima 2026-12-15' -> ('Ana Lima', '2026-12-15'): a last word shaped like a date is the
    due date, the rest the owner (either may be left out)."""
    words = typed.split()
    if words and len(words[-1]) == 10 and words[-1][4] == "-" and words[-1][7] == "-":
        return " ".join(words[:-1]), words[-1]
    return " ".join(words), ""


def _choice(step: StepView) -> str:
    """A step as the `g` dialog lists it: its module, its title, and what became of it."""
    state = " (skipped)" if step.skipped else " (inserted)" if step.inserted else " (done)" if step.visited else ""
    return f"{step.module.title} · {step.step.title}{state}"
