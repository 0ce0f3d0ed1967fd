"""The facilitator's view of what the room makes on this step: the queue of raised hands and the
reactions, then the step's ideas (brainstorm) or the questions (Q&A step, or Q&A switched on),
one selectable line each. The facilitator's keys act on the selected line: M merges an idea
into another, h hides or shows it, d marks a question answered; w gives the first hand the
word, Q switches Q&A on every step. Hidden when there is nothing to show, so other steps look as
they always did.

Participant text goes in as Text: shown literally, never as markup, and isolated."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.engine.bidi import isolate
from workshop.engine.ideas import REACTIONS, Idea, Question
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.options import WidgetOptions

IDEA_KEYS = N_("M merge into… · h hide/show · X edit · , . select")
QUESTION_KEYS = N_("d answered · h hide/show · , . select · Q Q&A on/off")


def _idea(idea: Idea) -> Text:
    line = Text(f"{idea.id:>4} ", style="dim")
    line.append(isolate(idea.text), style="strike dim" if idea.hidden else "")
    if idea.merged:
        line.append(f"  ×{idea.merged + 1}", style="bold")
    line.append(f"  {isolate(idea.name)}" if idea.name else "", style="dim")
    if idea.hidden:
        line.append(" ").append(_(" (hidden)"), style="italic dim")
    if idea.edited:
        line.append(" ").append(_(" (edited)"), style="italic dim")
    return line


def _question(question: Question) -> Text:
    line = Text(f"▲{question.votes:>2} {question.id:>3} ", style="bold")
    line.append(isolate(question.text), style="strike dim" if question.hidden else "dim" if question.answered else "")
    line.append(f"  {isolate(question.name) if question.name else _('anonymous')}", style="dim")
    if question.answered:
        line.append("  ").append(_("✓ answered"), style="green")
    if question.hidden:
        line.append(" ").append(_(" (hidden)"), style="italic dim")
    return line


def items(state: SessionState) -> tuple[tuple[Idea, ...], tuple[Question, ...]]:
    """The ideas (not merged ones: they count in the idea they went into) or the questions the
    panel lists for the current step."""
    step, room = state.step, state.room
    if step is None:
        return (), ()
    ideas = tuple(i for i in room.ideas_of(step.qid) if not i.merged_into) if step.spec.kind == "brainstorm" else ()
    questions = (
        room.questions_of(None if room.qa else step.qid, shown=False) if step.spec.kind == "qa" or room.qa else ()
    )
    return ideas, questions


class RoomPanel(ShowsState, OptionList):
    """`keys`: whether the screen has the keys the panel names (the live facilitator's does;
    replay shows the panel without them). Told by the screen, never guessed."""

    def __init__(self, *, keys: bool = True, **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.border_title = _("The room")
        self.keys = keys

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        if step is None:
            return None
        ideas, questions = items(state)
        return (
            step.qid,
            step.spec.kind,
            state.room.qa,
            ideas,
            questions,
            state.room.hands,
            tuple(state.room.reactions.get(step.qid, {}).items()),
        )

    def draw(self, state: SessionState) -> None:
        step = state.step
        chosen = self.chosen_id()
        self.clear_options()
        ideas, questions = items(state)
        room = state.room
        reactions = room.reactions.get(step.qid, {}) if step else {}
        shown = step is not None and (step.spec.kind in ("brainstorm", "qa") or room.qa or room.hands or reactions)
        self.display = bool(shown)
        if not shown:
            return
        if room.hands:
            line = Text("✋ ", style="bold yellow")
            line.append(", ".join(isolate(h.name) for h in room.hands))
            line.append(_("  (w: the first has the word)"), style="dim")
            self.add_option(Option(line, disabled=True))
        if reactions:
            counts = " · ".join(f"{r} {reactions[r]}" for r in REACTIONS if r in reactions)
            self.add_option(Option(Text(_("Reactions: {counts}").format(counts=counts), style="bold"), disabled=True))
        if step is not None and step.spec.kind == "brainstorm":
            remaining = sum(1 for i in ideas if not i.hidden)
            self.add_option(
                Option(Text(_("Ideas: {remaining}").format(remaining=remaining), style="bold"), disabled=True)
            )
        if questions or (step is not None and (step.spec.kind == "qa" or room.qa)):
            asked = sum(1 for q in questions if not q.hidden)
            heading = _("Questions: {asked} · Q&A on") if room.qa else _("Questions: {asked}")
            self.add_option(Option(Text(heading.format(asked=asked), style="bold"), disabled=True))
        for idea in ideas:
            self.add_option(Option(_idea(idea), id=idea.id))
        for question in questions:
            self.add_option(Option(_question(question), id=question.id))
        if (ideas or questions) and self.keys:
            self.add_option(Option(Text(_(IDEA_KEYS if ideas else QUESTION_KEYS), style="dim"), disabled=True))
        ids = [i.id for i in ideas] + [q.id for q in questions]
        merged = room.idea(chosen) if chosen else None
        if merged is not None and merged.merged_into:  # the selection follows a merged idea into its target
            chosen = merged.merged_into
        if ids:
            self.highlighted = self._index(chosen if chosen in ids else ids[-1 if ideas else 0])

    def _index(self, item_id: str) -> int:
        return self.get_option_index(item_id)

    def chosen_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def move(self, step: int) -> None:
        """Select the next (1) or previous (-1) idea or question, skipping headings."""
        enabled = [i for i in range(self.option_count) if not self.get_option_at_index(i).disabled]
        if not enabled:
            return
        at = self.highlighted if self.highlighted in enabled else enabled[0]
        position = max(0, min(len(enabled) - 1, enabled.index(at) + step))
        self.highlighted = enabled[position]
