"""What the room made, as the room sees it: a brainstorm's ideas as cards (or a word cloud),
the questions by upvotes, a word cloud of a text poll's answers. Never a name: the room display
is projected. More than fits turns its pages by itself (widgets/paging.py). Participant text
goes in as Text, isolated, never as markup."""

from __future__ import annotations

from collections.abc import Hashable

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.engine import cloud
from workshop.engine.bidi import isolate
from workshop.engine.ideas import Idea, Question
from workshop.engine.views import SessionState
from workshop.i18n import _, ngettext
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.paging import Paged

# not translated: rich styles
SIZE_STYLE = {4: "bold reverse", 3: "bold", 2: "", 1: "dim"}


def word_cloud(texts: list[str], language: str, width: int) -> Text:
    """The words of `texts` laid out as a cloud: the most frequent in capitals and bold."""
    words = cloud.words(texts, language)
    out = Text(justify="center")
    if not words:
        return Text(_("No words yet."), style="italic dim")
    for n, line in enumerate(cloud.layout(words, max(20, width))):
        if n:
            out.append("\n")
        for i, word in enumerate(line):
            if i:
                out.append(" ")
            shown = isolate(word.text.upper() if word.size >= 3 else word.text)
            out.append(f" {shown} " if word.size == 4 else shown, style=SIZE_STYLE[word.size])
    return out


def idea_card(idea: Idea) -> Text:
    line = Text("▪ ", style="dim")
    line.append(isolate(idea.text))
    if idea.merged:
        line.append(f"  ×{idea.merged + 1}", style="bold")
    return line


def question_line(question: Question) -> Text:
    line = Text(f"▲{question.votes:>3}  ", style="bold")
    line.append(isolate(question.text), style="dim" if question.answered else "")
    if question.answered:
        line.append("  ✓ answered", style="green")
    return line


def room_signature(state: SessionState) -> Hashable:
    step = state.step
    poll = state.poll
    if poll is not None and poll.poll.vote == "text" and poll.visible and poll.ballots:
        return ("cloud", poll.qid, poll.tally)
    if step is None or state.status == "ended":
        return None
    room = state.room
    if step.spec.kind == "brainstorm":
        return ("ideas", step.qid, tuple(i for i in room.ideas_of(step.qid, remaining=True)))
    if step.spec.kind == "qa" or room.qa:
        return ("questions", step.qid, room.questions_of(None if room.qa else step.qid))
    return None


def language_of(state: SessionState) -> str:
    return state.step.module.language or "en" if state.step else "en"


class RoomCards(ShowsState, Paged, VerticalScroll):
    """The room display's view of a brainstorm step (cards or cloud) or of the questions."""

    def compose(self) -> ComposeResult:
        yield Static("", id="cards-body")
        yield Static("", id="page")

    def on_mount(self) -> None:
        self.query_one("#page").display = False

    def signature(self, state: SessionState) -> Hashable:
        return (room_signature(state), self.size.width)

    def draw(self, state: SessionState) -> None:
        kind = room_signature(state)
        self.display = kind is not None
        if kind is not None:
            self.query_one("#cards-body", Static).update(self.render_room(state))

    def render_room(self, state: SessionState) -> RenderableType:
        step, poll = state.step, state.poll
        assert step is not None
        room = state.room
        if poll is not None and poll.poll.vote == "text":
            answers = [str(b.value[0]) for b in poll.ballots]
            return Group(
                Text(_("The answers' words"), style="bold"),
                word_cloud(answers, language_of(state), self.size.width - 4),
            )
        if step.spec.kind == "brainstorm":
            ideas = room.ideas_of(step.qid, remaining=True)
            head = Text(ngettext("{n} idea", "{n} ideas", len(ideas)).format(n=len(ideas)), style="bold")
            if step.spec.show == "cloud":
                return Group(head, word_cloud([i.text for i in ideas], language_of(state), self.size.width - 2))
            return (
                Group(head, *(idea_card(i) for i in ideas))
                if ideas
                else Group(head, Text(_("Ideas appear here as they arrive."), style="italic dim"))
            )
        questions = room.questions_of(None if room.qa else step.qid)
        head = Text(_("Questions · {questions} · most upvoted first").format(questions=len(questions)), style="bold")
        return (
            Group(head, *(question_line(q) for q in questions))
            if questions
            else Group(head, Text(_("Questions appear here as they are asked."), style="italic dim"))
        )

    def lines_needed(self, width: int) -> int:
        """The lines it takes at `width` (the room display shares its height by them)."""
        if self._last is None or room_signature(self._last) is None:
            return 0
        console = self.app.console
        return len(console.render_lines(self.render_room(self._last), console.options.update_width(width), pad=False))

    def on_resize(self) -> None:
        self.redraw()
