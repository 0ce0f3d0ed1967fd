"""What a participant adds to the room: an idea on a brainstorm step, a question on a Q&A step
(or any step while Q&A is on) and an upvote on others' questions, and where their raised hand is
in the queue. The app (tui/participant.py) sends what is typed or chosen through the session's
verbs; this widget only shows the state. Participant text goes in as Text, isolated."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Unpack

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from workshop.engine.ideas import IDEA_MAX
from workshop.engine.views import SessionState
from workshop.i18n import _, ngettext
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.cards import idea_card, question_line
from workshop.tui.widgets.options import WidgetOptions


def asking(state: SessionState) -> bool:
    step = state.step
    return step is not None and state.status != "ended" and (step.spec.kind == "qa" or state.room.qa)


def brainstorming(state: SessionState) -> bool:
    step = state.step
    return step is not None and state.status != "ended" and step.spec.kind == "brainstorm"


class ContributeArea(ShowsState, Vertical):
    """`token()` is this participant's token, to find their hand in the queue."""

    def __init__(self, token: Callable[[], str], **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.token = token

    def compose(self) -> ComposeResult:
        yield Static("", id="hand-line")
        yield Input(
            placeholder=_("An idea (enter adds it; one per entry, up to {IDEA_MAX} characters)").format(
                IDEA_MAX=IDEA_MAX
            ),
            id="idea",
            max_length=IDEA_MAX,
        )
        yield Static("", id="ideas")
        yield Input(placeholder=_("A question (enter asks it)"), id="ask", max_length=IDEA_MAX)
        yield Checkbox(_("Ask without my name"), id="ask-anonymous")
        yield OptionList(id="questions")
        yield Static("", id="contribute-status")

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        room = state.room
        me = self.token()
        place = next((n for n, h in enumerate(room.hands, 1) if h.participant == me), 0)
        ideas = room.ideas_of(step.qid, remaining=True) if brainstorming(state) and step else ()
        questions = room.questions_of(None if room.qa else step.qid) if asking(state) and step else ()
        return (step.qid if step else None, state.status == "ended", place, ideas, questions)

    def draw(self, state: SessionState) -> None:
        room, me = state.room, self.token()
        place = next((n for n, h in enumerate(room.hands, 1) if h.participant == me), 0)
        ideas_on, questions_on = brainstorming(state), asking(state)
        self.display = bool(place or ideas_on or questions_on)
        hand = self.query_one("#hand-line", Static)
        hand.display = bool(place)
        hand.update(
            Text(
                _("✋ Your hand is up: {place} in the queue (ctrl+r lowers it)").format(place=place),
                style="bold yellow",
            )
            if place
            else ""
        )
        step = state.step
        anonymous_step = step is not None and step.spec.kind == "qa" and step.spec.anonymous
        for widget_id, on in (
            ("#idea", ideas_on),
            ("#ideas", ideas_on),
            ("#ask", questions_on),
            ("#ask-anonymous", questions_on and not anonymous_step),
            ("#questions", questions_on),
        ):
            self.query_one(widget_id).display = on
        if ideas_on and step is not None:
            ideas = room.ideas_of(step.qid, remaining=True)
            shown = Text(ngettext("{n} idea so far", "{n} ideas so far", len(ideas)).format(n=len(ideas)), style="dim")
            for idea in ideas[-12:]:
                shown.append("\n")
                shown.append_text(idea_card(idea))
            self.query_one("#ideas", Static).update(shown)
        questions = self.query_one("#questions", OptionList)
        at = questions.highlighted
        chosen = questions.get_option_at_index(at).id if at is not None and at < questions.option_count else None
        questions.clear_options()
        if questions_on and step is not None:
            listed = room.questions_of(None if room.qa else step.qid)
            if not listed:
                questions.add_option(Option(Text(_("No questions yet: ask the first."), style="dim"), disabled=True))
            for q in listed:
                questions.add_option(Option(question_line(q), id=q.id))
            ids = [q.id for q in listed]
            if ids:  # the selection stays on its question as the order changes
                questions.highlighted = ids.index(chosen) if chosen in ids else 0
            questions.border_title = _("Questions, most upvoted first: enter upvotes the selected one")

    def say(self, message: str, ok: bool = True) -> None:
        self.query_one("#contribute-status", Static).update(Text(message, style="green" if ok else "bold red"))
