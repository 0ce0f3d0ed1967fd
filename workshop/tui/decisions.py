"""The facilitator's keys for what lasts after the room, as a typed base of the facilitator's screen:
record a decision (D: in one key, a consent poll's proposal once it has consent; otherwise its
words typed, with the step's poll and action items), amend or withdraw one (the palette), and in
a follow-up, review a carried action (R: done, blocked with what blocks it, dropped, or open)."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from workshop.engine.afterwards import STATUSES, status_said
from workshop.errors import WorkshopError
from workshop.i18n import N_, _
from workshop.tui.deciding import Deciding
from workshop.tui.palette import Command

# The dialogs (workshop.tui.modals) are imported where they open: the first screen shows none.

DECISION_BINDINGS = [
    Binding(
        "D",
        "decide",
        N_("Decide"),
        show=False,
        tooltip=N_("Record a decision (a consent poll's proposal once it has consent)"),
    ),
    Binding(
        "R",
        "review_action",
        N_("Review action"),
        show=False,
        tooltip=N_("Review a carried action: done, blocked, dropped"),
    ),
]
# Every word these keys say, in one place: marked here, said in the facilitator's language where shown.
WORDS = {
    "decide": N_("What did the room decide? The step's poll (each round's tally) and its action items go with it:"),
    "decide-hint": N_("We pilot the new rota in one team first"),
    "amend-pick": N_("Amend which decision? (enter to choose, escape to cancel)"),
    "amend": N_("The decision, as it reads from now on (the file keeps what it said):"),
    "withdraw-pick": N_("Withdraw which decision? (enter to choose, escape to cancel)"),
    "withdraw": N_("Why is it withdrawn? (kept with it; enter to withdraw, escape: not now)"),
    "no-decisions": N_("No decision in force to change yet: D records one"),
    "no-carried": N_(
        "No actions were carried into this session: `workshop followup` makes a session that reviews them"
    ),
    "review-pick": N_("Review which action? (enter to choose, escape to cancel)"),
    "review": N_("done, blocked WHAT BLOCKS IT, dropped WHY, or open:"),
    "review-hint": N_("blocked waiting for IT"),
    "review-says": "{status}{comment}",
    "review-bad": N_("start with done, blocked, dropped or open"),
    "review-blocked": N_("say what blocks it after 'blocked'"),
}
# The palette's entries with no key (the keys' are their tooltips).
DECISION_COMMANDS = (
    Command(N_("Amend a decision"), "", "amend_decision"),
    Command(N_("Withdraw a decision"), "", "withdraw_decision"),
)


def read_review(typed: str) -> tuple[str, str]:
    """'blocked waiting for IT' -> ('blocked', 'waiting for IT'); ValueError says why not. A status
    is read in English or in the facilitator's language ('blockiert wartet auf die IT')."""
    typed_status, _sep, comment = typed.strip().partition(" ")
    # the status in English, or in the facilitator's words for it ("erledigt")
    status = {**{status_said(s).casefold(): s for s in STATUSES}, **{s: s for s in STATUSES}}.get(
        typed_status.casefold()
    )
    if status is None:
        raise ValueError(_(WORDS["review-bad"]))
    if status == "blocked" and not comment.strip():
        raise ValueError(_(WORDS["review-blocked"]))
    return status, comment.strip()


class Decisions(Deciding):
    """A typed base of the facilitator's screen, on `Deciding` (whose `_said` runs a verb and says its line)."""

    def action_decide(self) -> None:
        s = self.session.state()
        view = s.poll or (s.polls.get(ref) if (ref := self.session._poll_before(s)) else None)
        if view is not None and self.session.recorded(view) is None:
            try:
                said = self.session.decide_consent()
            except WorkshopError:
                said = ""
            if said:
                self.render_state()
                self.notify(said[:1].upper() + said[1:], markup=False, timeout=4)
                return
        polls = [view.qid] if view is not None and view.ballots else []

        def done(words: str | None) -> None:
            if words and words.strip():
                self._said(lambda: self.session.decide(words, polls))

        from workshop.tui.modals import AskText

        self.push_screen(AskText(_(WORDS["decide"]), _(WORDS["decide-hint"])), done)

    def _pick_decision(self, question: str, then: Callable[[str], None]) -> None:
        choices = [
            (d.id, "", f"{d.id}: {' '.join(d.text.split())}")
            for d in self.session.state().record.decisions
            if d.withdrawn is None
        ]
        if not choices:
            self.notify(_(WORDS["no-decisions"]), severity="warning")
            return

        def done(picked: str | None) -> None:
            if picked:
                then(picked)

        from workshop.tui.modals import PickStep

        self.push_screen(PickStep(choices, choices[-1][0], question=question), done)

    def action_amend_decision(self) -> None:
        def ask(ref: str) -> None:
            found = self.session.state().record.decision(ref)

            def done(words: str | None) -> None:
                if words and words.strip() and found is not None and words != found.text:
                    self._said(lambda: self.session.amend_decision(ref, words))

            from workshop.tui.modals import AskText

            self.push_screen(AskText(_(WORDS["amend"]), value=found.text if found else ""), done)

        self._pick_decision(_(WORDS["amend-pick"]), ask)

    def action_withdraw_decision(self) -> None:
        def ask(ref: str) -> None:
            def done(why: str | None) -> None:
                if why is not None:
                    self._said(lambda: self.session.withdraw_decision(ref, why if why.strip() else None))

            from workshop.tui.modals import AskText

            self.push_screen(AskText(_(WORDS["withdraw"])), done)

        self._pick_decision(_(WORDS["withdraw-pick"]), ask)

    def action_review_action(self) -> None:
        carried = self.session.state().record.carried
        if not carried:
            self.notify(_(WORDS["no-carried"]), severity="warning")
            return
        choices = [
            (a.note, "", f"{status_said(a.status).upper():8} {' '.join(a.text.split())} · {a.owner or '–'}")
            for a in carried
        ]
        first_open = next((a.note for a in carried if a.status in ("open", "blocked")), carried[0].note)

        def reading(typed: str) -> tuple[bool, str]:
            try:
                status, comment = read_review(typed)
            except ValueError as err:
                return False, str(err)
            return True, WORDS["review-says"].format(
                status=status_said(status), comment=f": {comment}" if comment else ""
            )

        def review(note: str | None) -> None:
            if not note:
                return

            def done(typed: str | None) -> None:
                if typed and reading(typed)[0]:
                    status, comment = read_review(typed)
                    self._said(lambda: self.session.review(note, status, comment or None))

            from workshop.tui.modals import AskText

            self.push_screen(AskText(_(WORDS["review"]), _(WORDS["review-hint"]), reading=reading), done)

        from workshop.tui.modals import PickStep

        self.push_screen(PickStep(choices, first_open, question=_(WORDS["review-pick"])), review)
