"""What a participant follows, one widget per part, each by the `ShowsState` rule (a signature
of what it shows, then a draw only when that changes): where the session is, the time left, the
prompt (never the facilitator's notes), the poll with its results and ballot, and their notes.

Participant text goes in as Text: shown literally, never as markup."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Unpack

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.content.languages import value_in
from workshop.engine.bidi import isolate
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.tui.widgets.ballot import BallotForm
from workshop.tui.widgets.base import ShowsState, other_language, question, time_words
from workshop.tui.widgets.options import WidgetOptions
from workshop.tui.widgets.results import Results

RECORDED = N_("✓ your ballot is recorded; you can change it while the poll is open")


class WhereLine(ShowsState, Static):
    def signature(self, state: SessionState) -> Hashable:
        return (state.status == "ended", state.step.qid if state.step else None)

    def draw(self, state: SessionState) -> None:
        step = state.step
        if state.status == "ended":
            self.update(Text(_("The session has ended. Thank you!"), style="bold"))
        elif step is None:
            self.update(Text(_("Waiting for the facilitator to start…"), style="italic"))
        else:
            line = Text(f"{step.module.title} · ", style="dim")
            line.append(step.spec.title, style="bold")
            line.append_text(other_language(step))
            self.update(line)


class TimeLine(ShowsState, Static):
    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        if step is None or state.status == "ended":
            return None
        return time_words(step, paused=state.status == "paused")

    def draw(self, state: SessionState) -> None:
        step = state.step
        if step is None or state.status == "ended":
            self.update("")
            return
        # pair work: whose turn it is and the round's time, then the step's
        self.update(Text(time_words(step, paused=state.status == "paused"), style="bold"))


class PromptView(ShowsState, Static):
    def signature(self, state: SessionState) -> Hashable:
        return state.step.qid if state.step else None

    def draw(self, state: SessionState) -> None:
        from workshop.content.prompt import terminal  # rich's Markdown is slow to import: only once a step is shown

        self.update(terminal(state.step.spec.prompt) if state.step else "")


class PollArea(ShowsState, Vertical):
    """The question, the results once the poll's reveal policy allows (first, so they are on
    screen at any size), then the ballot while the poll is open. `mine(poll_id)` is this
    participant's counted ballot, to start the form from and to say it is recorded."""

    def __init__(self, mine: Callable[[str], tuple | None], **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.mine = mine
        self._form_for: Hashable = object()

    def compose(self) -> ComposeResult:
        yield Static("", id="question")
        yield Static("", id="results")
        yield Vertical(id="form")
        yield Static("", id="ballot-status")

    def signature(self, state: SessionState) -> Hashable:
        view = state.poll
        if view is None:
            return None
        return (view.qid, view.status, view.resets, view.visible, view.tally if view.visible else None)

    def draw(self, state: SessionState) -> None:
        view = state.poll
        self.display = view is not None
        if view is None:
            self._form_for = None
            return
        self.query_one("#question", Static).update(question(view.poll, hint_below=True))
        self.query_one("#results", Static).update(Results(view.tally) if view.visible else "")
        form_for = (view.qid, view.status, view.resets)
        if form_for == self._form_for:
            return  # results changed, the ballot did not: a half-filled form stays as it is
        self._form_for = form_for
        form = self.query_one("#form", Vertical)
        form.remove_children()
        status = self.query_one("#ballot-status", Static)
        if view.status == "open":
            mine = self.mine(view.qid)
            mine = None if mine is None else value_in(view.poll, mine)  # as this screen words the options
            form.mount(BallotForm(view.poll, view.qid, mine))
            status.update(Text(_(RECORDED), style="green") if mine else "")
        else:
            status.update(
                Text(
                    _("This poll is closed: ballots are no longer taken.")
                    if view.status == "closed"
                    else _("This poll has not opened yet."),
                    style="italic",
                )
            )


class MyNotes(ShowsState, OptionList):
    """This participant's notes on the step; one the facilitator made an action item says so."""

    def __init__(self, token: Callable[[], str], **options: Unpack[WidgetOptions]) -> None:
        super().__init__(**options)
        self.token = token

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        me = self.token()
        return (
            step.qid if step else None,
            tuple((n.id, n.action) for n in state.notes if n.author == me and step and n.step == step.qid),
        )

    def draw(self, state: SessionState) -> None:
        step = state.step
        me = self.token()
        self.clear_options()
        for note in reversed(state.notes):
            if note.author != me or step is None or note.step != step.qid:
                continue
            line = Text(_("★ action item: ") if note.action else "• ", style="bold" if note.action else "")
            line.append(isolate(note.text))
            self.add_option(Option(line))
