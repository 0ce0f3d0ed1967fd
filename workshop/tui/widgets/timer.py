"""The big timer: counts a step down, turns amber at 20 % left and red at 5 %, then counts
overtime up in red. Time comes from the state, never from counting ticks."""

from __future__ import annotations

import math
from collections.abc import Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.tui.widgets.base import (
    ShowsState,
    clock,
    counting,
    just_switched,
    phase,
    round_left,
    round_words,
    time_left,
    timer_signature,
)

__all__ = ["BigTimer", "phase"]


class BigTimer(ShowsState, Vertical):
    _classes_now = ""

    def _phase(self, classes: str) -> None:
        """Swap the colour classes only when they change: each change restyles the widget."""
        if classes != self._classes_now:
            self.remove_class(*self._classes_now.split())
            self.add_class(*classes.split())
            self._classes_now = classes

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="digits")
        yield Static("", id="timer-status")

    def signature(self, state: SessionState) -> Hashable:
        return timer_signature(state)

    def draw(self, state: SessionState) -> None:
        digits = self.query_one("#digits", Digits)
        status = self.query_one("#timer-status", Static)
        step = state.step
        if step is None:
            self._phase("")
            digits.update("--:--")
            status.update(_("ended") if state.status == "ended" else _("not started: press n to begin"))
            return
        remaining, out_of = counting(step)  # the running round's time, when the step has rounds
        if remaining >= 0:
            digits.update(clock(math.ceil(remaining)))
        else:
            digits.update("+" + clock(math.floor(-remaining)))
        words = {"running": _("running"), "paused": _("PAUSED"), "ended": _("ended")}[state.status]
        switched = " switched" if just_switched(step) else ""
        self._phase(phase(remaining, out_of) + (" paused" if state.status == "paused" else "") + switched)
        if step.rounds:  # the round's label and time, then the step's total beside it
            said = _("▶ {round_words}{value} · {round_left} · step {time_left}").format(
                round_words=round_words(step),
                value=_(" · NEW") if switched else "",
                round_left=round_left(step),
                time_left=time_left(step),
            )
        else:
            said = time_left(step)
        status.update(Text(_("{status} · {time}").format(status=words, time=said)))
