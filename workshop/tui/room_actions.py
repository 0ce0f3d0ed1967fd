"""The facilitator's keys for what the room makes: merge and hide ideas, mark questions answered,
give the word to the next hand, switch Q&A on every step. A base of the facilitator's screen; they
act on the line selected in the room panel (widgets/room_panel.py), which lists these keys, so
they stay out of the key bar on steps where they do nothing."""

from __future__ import annotations

from textual.binding import Binding

from workshop.i18n import N_, _
from workshop.tui.deciding import ROOM
from workshop.tui.decisions import Decisions
from workshop.tui.widgets.room_panel import RoomPanel

# The dialogs (workshop.tui.modals, and the QR code's drawing with them) are imported where they open:
# the first screen shows none, so `workshop run`'s start does not pay for them.

ROOM_BINDINGS = [
    Binding("M", "merge", N_("Merge"), show=False, tooltip=N_("Merge the selected idea into another")),
    Binding("h", "hide_item", N_("Hide"), show=False, tooltip=N_("Hide or show the selected idea or question")),
    Binding("X", "edit_idea", N_("Edit idea"), show=False, tooltip=N_("Edit or withdraw the selected idea")),
    Binding("d", "answered", N_("Answered"), show=False, tooltip=N_("Mark the selected question answered (or not)")),
    Binding("w", "call_hand", N_("Next hand"), show=False, tooltip=N_("Give the word to the first raised hand")),
    Binding("Q", "toggle_qa", "Q&A", show=False, tooltip=N_("Switch Q&A on every step on or off")),
    Binding("comma", "pick_item(-1)", N_("Item ▲"), key_display=",", show=False),
    Binding("full_stop", "pick_item(1)", N_("Item ▼"), key_display=".", show=False),
]


class RoomActions(Decisions):
    """A typed base of the facilitator's screen, on `Decisions` and `Deciding` (whose `_do` runs an action word)."""

    room_panel: RoomPanel

    def _chosen(self, prefix: str, what: str) -> str | None:
        chosen = self.room_panel.chosen_id() if self.room_panel.display else None
        if not chosen or not chosen.startswith(prefix):
            self.notify(
                _("No {what} selected: , and . select one in the room panel").format(what=what), severity="warning"
            )
            return None
        return chosen

    def action_merge(self) -> None:
        idea = self._chosen("i", "idea")
        if idea is None:
            return

        def done(into: str | None) -> None:
            if into:
                self._do(lambda: self.session.merge(idea, into.strip()), ROOM)

        from workshop.tui.modals import AskText

        self.push_screen(
            AskText(_("Merge idea {idea} into which idea? (its id, like i2)").format(idea=idea), "i2"), done
        )

    def action_hide_item(self) -> None:
        item = self._chosen("", _("idea or question"))
        if item is None:
            return
        state = self.session.state()
        found = state.room.idea(item) or state.room.question(item)
        self._do(lambda: self.session.hide(item, on=not (found is not None and found.hidden)), ROOM)

    def action_edit_idea(self) -> None:
        """Correct the selected idea's words; emptied, it is withdrawn."""
        ref = self._chosen("i", "idea")
        idea = None if ref is None else self.session.state().room.idea(ref)
        if idea is None:
            return
        self._correct(
            _("Edit idea {id} (empty it to withdraw it):").format(id=idea.id),
            idea.text,
            lambda words: self.session.edit_idea(idea.id, words),
            lambda: self.session.withdraw_idea(idea.id),
        )

    def action_answered(self) -> None:
        question = self._chosen("q", "question")
        if question is None:
            return
        found = self.session.state().room.question(question)
        self._do(lambda: self.session.answered(question, on=not (found is not None and found.answered)), ROOM)

    def action_call_hand(self) -> None:
        self._do(self.session.call_next, ROOM)

    def action_toggle_qa(self) -> None:
        self._do(lambda: self.session.qa(not self.session.state().room.qa), ROOM)

    def action_pick_item(self, step: int) -> None:
        self.room_panel.move(step)
