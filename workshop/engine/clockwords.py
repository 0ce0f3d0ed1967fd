"""Time in words, the same on every screen: the room display, the facilitator's, a participant's
terminal, the phone page and `join --plain`.

A step counts down ('12:30 left of 15 min'); a step with rounds counts its running round and
gives the step's total beside it ('Speaker A · round 1 of 3 · 02:59 left of 3 min · step 06:59
left of 7 min'). The words say what a timer's colour says, so colour is never the only signal.
"""

from __future__ import annotations

import math

from workshop.engine.views import StepView
from workshop.i18n import _


def clock(seconds: float) -> str:
    """mm:ss, or h:mm:ss past an hour, for a non-negative number of seconds."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def phase(remaining: float, allowed: int) -> str:
    """'calm', 'amber', 'red' or 'overtime' for a step with `remaining` of `allowed` seconds."""
    if remaining < 0:
        return "overtime"
    if allowed <= 0 or remaining <= 0.05 * allowed:
        return "red"
    if remaining <= 0.2 * allowed:
        return "amber"
    return "calm"


def counting(step: StepView) -> tuple[float, int]:
    """What a timer counts down, and out of how much: the running round's time when the step
    has rounds (the last round's is the step's), else the step's."""
    now = step.round
    if now is None or now.last:
        return step.remaining, step.allowed
    return now.end - step.elapsed, now.planned


def left(remaining: float, allowed: int, extra: int = 0) -> str:
    """'12:30 left of 15 min', '01:10 over 10 min' ('(+2)' after it when minutes were added)."""
    plus = f" ({extra // 60:+d})" if extra else ""
    if remaining >= 0:
        return _("{clock} left of {allowed} min{plus}").format(
            clock=clock(math.ceil(remaining)), allowed=allowed // 60, plus=plus
        )
    return _("{clock} over {allowed} min{plus}").format(
        clock=clock(math.floor(-remaining)), allowed=allowed // 60, plus=plus
    )


def time_left(step: StepView, paused: bool = False) -> str:
    """The step's own time: '12:30 left of 15 min', '02:00 left of 10 min (+2) · 2 min left',
    '01:10 over 10 min · over time'."""
    remaining = step.remaining
    words = left(remaining, step.allowed, step.extra)
    kind = phase(remaining, step.allowed)
    if kind == "overtime":
        words += _(" · over time")
    elif kind in ("amber", "red"):
        words += _(" · {ceil} min left").format(ceil=math.ceil(remaining / 60)) if remaining > 0 else _(" · time is up")
    return _("{time} · paused").format(time=words) if paused else words


def round_left(step: StepView) -> str:
    """The running round's time, '02:59 left of 3 min' ('' for a step without rounds)."""
    now = step.round
    if now is None:
        return ""
    return left(now.end - step.elapsed, now.planned)


def time_words(step: StepView, paused: bool = False) -> str:
    """What every screen says of the time: the step's words, or for a step with rounds the round's
    label and time left, then the step's ('Speaker A · round 1 of 3 · 02:59 left of 3 min · step
    06:59 left of 7 min')."""
    if not step.rounds:
        return time_left(step, paused)
    return _("{round_words} · {round_left} · step {time_left}").format(
        round_words=step.round_words, round_left=round_left(step), time_left=time_left(step, paused)
    )
