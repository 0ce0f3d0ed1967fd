"""A follow-up's review of last time's actions, on its review step: each carried action with its
owner, due date and status as it stands (done, blocked and what blocks it, dropped, open), and
who said so. The facilitator's screen and replay both show it, so a replay shows each review
when it came. Hidden on every other step.

Participant text goes in as Text: shown literally, never as markup, and isolated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Unpack

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from workshop import i18n
from workshop.engine.afterwards import status_said
from workshop.engine.bidi import isolate
from workshop.engine.decisions import REVIEW_STEP, Carried
from workshop.engine.views import SessionState
from workshop.i18n import N_, _
from workshop.tui.widgets.base import ShowsState
from workshop.tui.widgets.options import WidgetOptions

# not translated: each status's mark and style (its word is status_said's)
MARKS = {"done": ("✓", "bold green"), "blocked": ("■", "bold yellow"), "dropped": ("✗", "dim"), "open": ("○", "bold")}
WORDS = {  # marked here, said in the facilitator's language where shown
    "title": N_("Last time's actions"),
    "counts": N_("{done} done · {blocked} blocked · {dropped} dropped · {open} open"),
    "keys": N_("R: mark one done, blocked or dropped"),
    "due": N_(" · due {due}"),
    "by": N_(" (by {by})"),
}


def _line(action: Carried) -> Text:
    status = action.status if action.status in MARKS else "open"
    mark, style = MARKS[status]
    line = Text(f"{mark} {status_said(status)}".ljust(10), style=style)
    line.append(isolate(" ".join(action.text.split())))
    line.append(" · ", style="dim")
    line.append(isolate(action.owner) or "–", style="bold")
    line.append(
        _(WORDS["due"]).format(due=i18n.day(dt.date.fromisoformat(action.due), english="%Y-%m-%d"))
        if action.due
        else "",
        style="dim",
    )
    if action.comment:
        line.append(": ", style="dim")
        line.append(isolate(action.comment), style="italic")
    if action.reviews:
        line.append(_(WORDS["by"]).format(by=isolate(action.reviews[-1].by)), style="dim")
    return line


class ReviewPanel(ShowsState, Static):
    def __init__(self, *, keys: bool = True, **options: Unpack[WidgetOptions]) -> None:
        super().__init__("", **options)
        self.keys = keys  # the facilitator's screen has R; replay has not
        self.border_title = _(WORDS["title"])

    def signature(self, state: SessionState) -> Hashable:
        shown = state.step is not None and state.step.qid == REVIEW_STEP and bool(state.record.carried)
        return shown and state.record.carried

    def draw(self, state: SessionState) -> None:
        carried = state.record.carried
        self.display = state.step is not None and state.step.qid == REVIEW_STEP and bool(carried)
        if not self.display:
            return
        counts = {status: sum(1 for a in carried if a.status == status) for status in MARKS}
        parts = [Text(_(WORDS["counts"]).format(**counts), style="bold"), *(_line(a) for a in carried)]
        if self.keys:
            parts.append(Text(_(WORDS["keys"]), style="dim"))
        self.update(Group(*parts))
