from __future__ import annotations

import math
from collections.abc import Hashable

from rich.text import Text

from workshop.content.model import Poll
from workshop.engine.state import SessionState, StepView


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


def clock(seconds: float) -> str:
    """mm:ss, or h:mm:ss past an hour, for a non-negative number of seconds."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def drift_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return "on schedule"
    return f"+{minutes} min behind" if minutes > 0 else f"{-minutes} min ahead"


HINT = {
    "single": "one option", "multi": "up to {max} options", "scale": "a number from {min} to {max}",
    "dots": "{budget} dots to spread", "rank": "every option in order", "text": "a short answer",
}


def question(poll: Poll, *, hint_below: bool = False) -> Text:
    """The question in bold, then what a ballot is ('up to 2 options'), and whether it is
    anonymous: the line every screen that shows a poll starts with."""
    line = Text(poll.question, style="bold")
    hint = HINT[poll.vote].format(max=poll.max, min=poll.min, budget=poll.budget)
    line.append(("\n" if hint_below else "   ") + f"{poll.vote}: {hint}", style="dim")
    if poll.anonymous:
        line.append(" · anonymous", style="dim")
    return line


def time_left(step: StepView, paused: bool = False) -> str:
    """'12:30 left of 15 min', '02:00 left of 10 min (+2) · 2 min left', '01:10 over 10 min · over
    time': the words say what the timer's colour says, so colour is never the only signal."""
    remaining = step.remaining
    extra = f" ({step.extra // 60:+d})" if step.extra else ""
    if remaining >= 0:
        words = f"{clock(math.ceil(remaining))} left of {step.allowed // 60} min{extra}"
    else:
        words = f"{clock(math.floor(-remaining))} over {step.allowed // 60} min{extra}"
    kind = phase(remaining, step.allowed)
    if kind == "overtime":
        words += " · over time"
    elif kind in ("amber", "red"):
        words += f" · {math.ceil(remaining / 60)} min left" if remaining > 0 else " · time is up"
    return words + (" · paused" if paused else "")


SWITCH_SHOWN = 5.0  # seconds a new round is marked on the timers, so the room sees the switch


def counting(step: StepView) -> tuple[float, int]:
    """What a timer counts down, and out of how much: the running round's time when the step
    has rounds (the last round's is the step's), else the step's."""
    now = step.round
    if now is None or now.last:
        return step.remaining, step.allowed
    return now.end - step.elapsed, now.planned


def round_words(step: StepView) -> str:
    """'Speaker B · round 2 of 3', or '' for a step without rounds."""
    return step.round_words


def just_switched(step: StepView) -> bool:
    """Whether the room moved to this round in the last few seconds (never for the first round)."""
    now = step.round
    return now is not None and now.index > 0 and step.elapsed - now.start < SWITCH_SHOWN


def phase(remaining: float, allowed: int) -> str:
    """'calm', 'amber', 'red' or 'overtime' for a step with `remaining` of `allowed` seconds."""
    if remaining < 0:
        return "overtime"
    if allowed <= 0 or remaining <= 0.05 * allowed:
        return "red"
    if remaining <= 0.2 * allowed:
        return "amber"
    return "calm"


def timer_signature(state: SessionState) -> Hashable:
    """What a timer shows: it redraws only when the whole second it shows changes."""
    step = state.step
    if step is None:
        return (state.status,)
    remaining = step.remaining
    shown = math.ceil(remaining) if remaining >= 0 else math.floor(remaining)
    now = step.round
    return (state.status, step.qid, shown, step.allowed, now and now.index, just_switched(step))
