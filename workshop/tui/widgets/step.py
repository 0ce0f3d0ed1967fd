"""The current step: its title, the prompt as participants see it, and the facilitator's notes
(hidden with a key when the screen is projected). On the room display (`audience="room"`) it
never shows notes or a line meant for the facilitator, whatever `show_notes` says, and a prompt
taller than its place turns its pages by itself (widgets/paging.py): nobody scrolls a projector."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.styled import styled
from workshop.tui.widgets.base import KIND_WORDS, Audience, ShowsState, other_language
from workshop.tui.widgets.options import WidgetOptions
from workshop.tui.widgets.paging import Paged


class StepPanel(ShowsState, Paged, VerticalScroll):
    def __init__(
        self, *, show_notes: bool = True, audience: Audience = "facilitator", **options: Unpack[WidgetOptions]
    ) -> None:
        super().__init__(**options)
        self.audience = audience
        self.show_notes = show_notes and audience == "facilitator"

    def compose(self) -> ComposeResult:
        yield Static("", id="step-title")
        # Rich's Markdown in one Static: Textual's Markdown widget mounts a widget per block,
        # which made the first screen twice as slow to appear.
        yield Static("", id="prompt")
        yield Static(_("Facilitator notes"), id="notes-heading")
        yield Static("", id="facilitator-notes")
        # docked: says the panel has more than it shows, and how to see it; the room's pages turn
        yield Static(_("▼ more below: PgDn"), id="more") if self.audience == "facilitator" else Static("", id="page")

    def on_mount(self) -> None:
        if self.audience != "facilitator":
            self.query_one("#page").display = False
            return
        self.query_one("#more").display = False
        self.watch(self, "scroll_y", self._mark_more, init=False)

    def on_resize(self) -> None:
        if self.audience == "facilitator":
            self.call_after_refresh(self._mark_more)

    def _mark_more(self, *_: object) -> None:
        more = self.query_one("#more", Static)
        below = self.max_scroll_y - self.scroll_y >= 1
        if more.display != below:
            more.display = below

    def signature(self, state: SessionState) -> Hashable:
        step = state.step
        return (step.qid if step else None, state.status, self.show_notes)

    def draw(self, state: SessionState) -> None:
        step = state.step
        title = self.query_one("#step-title", Static)
        prompt = self.query_one("#prompt", Static)
        notes = self.query_one("#facilitator-notes", Static)
        heading = self.query_one("#notes-heading", Static)
        if step is None:
            title.update(Text(state.title, style="bold"))
            first = state.steps[0].spec.title if state.steps else ""
            first_step = Text(first, style="italic")
            if self.audience == "room":
                ready = styled(_("Welcome. The workshop starts with {step}"), step=first_step)
            else:
                ready = styled(
                    _("Ready. Press {key} to start with {step}"), key=Text("n", style="bold"), step=first_step
                )
            prompt.update(Text(_("The session has ended.")) if state.status == "ended" else ready)
            notes.update("")
            heading.display = notes.display = False
            return
        from workshop.content.prompt import terminal  # only once a step is shown: rich's Markdown is slow to import

        line = Text(f"{step.module.title} · ", style="dim")
        line.append(step.spec.title, style="bold")
        line.append(_("  ({kind})").format(kind=_(KIND_WORDS.get(step.spec.kind, step.spec.kind))), style="dim")
        line.append_text(other_language(step))
        title.update(line)
        # Module text is the author's Markdown; it is content we ship or an author wrote, not
        # participant input, which never reaches this widget.
        prompt.update(terminal(step.spec.prompt))
        has_notes = bool(step.spec.notes) and self.show_notes
        heading.display = notes.display = has_notes
        notes.update(terminal(step.spec.notes) if has_notes else "")
        if self.audience != "facilitator":
            return  # the room's pages start at the title (the room display turns them)
        if step.qid != self._opened:
            self._opened = step.qid
            self.scroll_home(animate=False)  # a new step opens at its title, not where the last one was
        self.call_after_refresh(self._mark_more)  # the new text is laid out by then

    _opened: str | None = None
