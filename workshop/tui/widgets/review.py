"""A follow-up's review of last time's actions, on its review step: each carried action with its
owner, due date and status as it stands (done, blocked and what blocks it, dropped, open), and
who said so. The facilitator's screen and replay both show it, so a replay shows each review
when it came. Hidden on every other step.

Participant text goes in as Text: shown literally, never as markup, and isolated."""

from __future__ import annotations

from collections.abc import Hashable

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from workshop.engine.decisions import REVIEW_STEP, Carried
from workshop.engine.text import isolate
from workshop.engine.views import SessionState
from workshop.tui.widgets.base import ShowsState

MARKS = {"done": ("✓ done", "bold green"), "blocked": ("■ blocked", "bold yellow"),
         "dropped": ("✗ dropped", "dim"), "open": ("○ open", "bold")}
WORDS = {
    "title": "Last time's actions",
    "counts": "{done} done · {blocked} blocked · {dropped} dropped · {open} open",
    "keys": "R: mark one done, blocked or dropped",
    "due": " · due {due}",
    "by": " (by {by})",
}


def _line(action: Carried) -> Text:
    mark, style = MARKS.get(action.status, MARKS["open"])
    line = Text(f"{mark:<10}", style=style)
    line.append(isolate(" ".join(action.text.split())))
    line.append(" · ", style="dim")
    line.append(isolate(action.owner) or "–", style="bold")
    line.append(WORDS["due"].format(due=action.due) if action.due else "", style="dim")
    if action.comment:
        line.append(": ", style="dim")
        line.append(isolate(action.comment), style="italic")
    if action.reviews:
        line.append(WORDS["by"].format(by=isolate(action.reviews[-1].by)), style="dim")
    return line


class ReviewPanel(ShowsState, Static):
    def __init__(self, *, keys: bool = True, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.keys = keys  # the facilitator's screen has R; replay has not
        self.border_title = WORDS["title"]

    def signature(self, state: SessionState) -> Hashable:
        shown = state.step is not None and state.step.qid == REVIEW_STEP and bool(state.record.carried)
        return shown and state.record.carried

    def draw(self, state: SessionState) -> None:
        carried = state.record.carried
        self.display = state.step is not None and state.step.qid == REVIEW_STEP and bool(carried)
        if not self.display:
            return
        counts = {status: sum(1 for a in carried if a.status == status) for status in MARKS}
        parts = [Text(WORDS["counts"].format(**counts), style="bold"), *(_line(a) for a in carried)]
        if self.keys:
            parts.append(Text(WORDS["keys"], style="dim"))
        self.update(Group(*parts))
