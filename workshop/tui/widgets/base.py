from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Literal

from rich.text import Text

from workshop import i18n
from workshop.content import languages
from workshop.content.model import Poll
from workshop.engine.clockwords import clock, counting, phase, round_left, time_left, time_words
from workshop.engine.in_language import state_in
from workshop.engine.tally import VOTE_WORDS, said
from workshop.engine.views import SessionState, StepView
from workshop.i18n import N_, _

__all__ = ["clock", "counting", "phase", "round_left", "time_left", "time_words"]  # every screen's words

# Who a widget speaks to, told by the screen that composes it (no widget guesses): the
# facilitator (keys, cues to act on, counts of wrong codes), the room on a projector, or a
# participant.
Audience = Literal["facilitator", "room", "participant"]


class ShowsState:
    """Mixin: `show(state)` redraws only when `signature(state)` differs from the last one."""

    _shown: Hashable = object()

    def signature(self, state: SessionState) -> Hashable:
        raise NotImplementedError

    def draw(self, state: SessionState) -> None:
        raise NotImplementedError

    _last: SessionState | None = None

    def show(self, state: SessionState) -> bool:
        self._last = state
        state = state_in(state, i18n.language())  # the modules' texts in this screen's language
        sig = self.signature(state)
        if sig == self._shown:
            return False
        self._shown = sig
        self.draw(state)
        return True

    def redraw(self) -> None:
        """Draw the last state again (after a resize, say)."""
        self._shown = object()
        if self._last is not None:
            self.show(self._last)


def title_in_language(state: SessionState) -> str:
    """The session's title as this screen's reader reads it (an agenda's, or a module's, may be
    given in several languages)."""
    return state_in(state, i18n.language()).title


def other_language(step: StepView) -> Text:
    """The mark beside a step's title when its module is not in this screen's language: the
    name, in itself, of the language it is shown in ("  English"); empty otherwise."""
    other = languages.other(step.module, i18n.language())
    return Text(f"  {other}", style="dim italic") if other else Text("")


def drift_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return _("on schedule")
    return (
        _("+{minutes} min behind").format(minutes=minutes)
        if minutes > 0
        else _("{value} min ahead").format(value=-minutes)
    )


HINT = {
    "single": N_("one option"),
    "multi": N_("up to {max} options"),
    "scale": N_("a number from {min} to {max}"),
    "dots": N_("{budget} dots to spread"),
    "rank": N_("every option in order"),
    "text": N_("a short answer"),
}


# the step kinds as the screens name them (a module's file names them in English)
KIND_WORDS = {
    "talk": N_("talk"),
    "discuss": N_("discuss"),
    "poll": N_("poll"),
    "notes": N_("notes"),
    "break": N_("break"),
    "brainstorm": N_("brainstorm"),
    "qa": N_("qa"),
}


def question(poll: Poll, *, hint_below: bool = False) -> Text:
    """The question in bold, then what a ballot is ('up to 2 options'), and whether it is
    anonymous: the line every screen that shows a poll starts with."""
    line = Text(poll.question, style="bold")
    hint = _(HINT[poll.vote]).format(max=poll.max, min=poll.min, budget=poll.budget)
    kind = _("{vote}: {hint}").format(vote=said(VOTE_WORDS, poll.vote), hint=hint)
    line.append(("\n" if hint_below else "   ") + kind, style="dim")
    if poll.anonymous:
        line.append(_(" · anonymous"), style="dim")
    return line


SWITCH_SHOWN = 5.0  # seconds a new round is marked on the timers, so the room sees the switch


def round_words(step: StepView) -> str:
    """'Speaker B · round 2 of 3', or '' for a step without rounds."""
    return step.round_words


def just_switched(step: StepView) -> bool:
    """Whether the room moved to this round in the last few seconds (never for the first round)."""
    now = step.round
    return now is not None and now.index > 0 and step.elapsed - now.start < SWITCH_SHOWN


def timer_signature(state: SessionState) -> Hashable:
    """What a timer shows: it redraws only when the whole second it shows changes."""
    step = state.step
    if step is None:
        return (state.status,)
    remaining = step.remaining
    shown = math.ceil(remaining) if remaining >= 0 else math.floor(remaining)
    now = step.round
    return (state.status, step.qid, shown, step.allowed, now and now.index, just_switched(step))
