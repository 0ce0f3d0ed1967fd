"""Rounds inside a step (1-2-4-All's alone, pairs, foursomes, all; pair work's Speaker A and B):
when each began and ends, from the step's time alone.

A round ends when its minutes are up, or earlier when the facilitator moves the room on (a
`round` event); the next begins then. Minutes given to the step while a round runs go to that
round. So the rounds' planned times always add up to the step's (`planned + extra`), and their
actual times to the time the step ran.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop.content.model import Round


@dataclass(frozen=True)
class RoundView:
    index: int
    label: str
    planned: int  # seconds: the round's minutes, plus what extensions gave it while it ran
    start: float  # seconds into the step it began, or will begin as things stand
    end: float  # seconds into the step it ends, or ended
    last: bool = False

    def actual(self, elapsed: float) -> float:
        """Seconds it has run, with the step `elapsed` seconds in (the last round runs on into
        overtime, so the rounds' actual times add up to the step's)."""
        return max(0.0, (elapsed if self.last else min(elapsed, self.end)) - self.start)


def timeline(rounds: Sequence[Round], extra: Mapping[int, int], moved: Mapping[int, float]) -> tuple[RoundView, ...]:
    """Each round's start and end: `extra` seconds given to round i, `moved` the step time at which
    the facilitator moved on to round i."""
    views: list[RoundView] = []
    start = 0.0
    for i, round_ in enumerate(rounds):
        if i:
            start = min(moved.get(i, views[-1].end), views[-1].end)
            views[-1] = RoundView(i - 1, views[-1].label, views[-1].planned, views[-1].start, start)
        planned = max(0, round_.minutes * 60 + extra.get(i, 0))
        views.append(RoundView(i, round_.label, planned, start, start + planned, i == len(rounds) - 1))
    return tuple(views)


def share(rounds: Sequence[Round], extra: dict[int, int], at: int, seconds: int) -> None:
    """Give round `at` `seconds` more (fewer, when negative) in `extra`. Time taken that the round
    does not have comes from the rounds after it, then before it: no round goes below nothing,
    so the rounds' planned times always add up to the step's."""
    if seconds >= 0:
        extra[at] = extra.get(at, 0) + seconds
        return
    owed = -seconds
    for i in [*range(at, len(rounds)), *reversed(range(at))]:
        has = rounds[i].minutes * 60 + extra.get(i, 0)
        taken = min(has, owed)
        extra[i] = extra.get(i, 0) - taken
        owed -= taken


def current(views: Sequence[RoundView], elapsed: float) -> RoundView | None:
    """The round running `elapsed` seconds into the step (the last one once all are over)."""
    found = None
    for view in views:
        if view.start <= elapsed:
            found = view
    return found
