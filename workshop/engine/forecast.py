"""When the workshop will end: as planned, and as things are going.

- The **planned start** is the agenda's start time on the day the session was created, if the
  session was created before then (a session prepared for the day). A session created later
  (a rerun, a try of the README) was planned to start when it started. `Session.start` writes
  it into the `start` event, so every fold agrees on it wherever it is read.
- The **planned end** is the planned start (or the start, when it came earlier: an early start is
  no "ahead of schedule") plus every planned step's minutes.
- The **forecast end** is now, plus what is left of the current step (nothing once it is over
  time: the step ends when the facilitator moves on), plus every step still to run (not skipped,
  not run yet, with its extensions and inserted breaks). It is never earlier than now; while
  the session is paused it moves later with the clock. Once the session has ended, it is the end.
"""

from __future__ import annotations

import datetime as dt

from workshop.engine.views import SessionState


def planned_start(start: dt.time | dt.datetime, created: dt.datetime) -> dt.datetime | None:
    """When an agenda starting at `start` meant a session created at `created` (aware, in the
    facilitator's time zone) to start; None when it was created after that."""
    if isinstance(start, dt.datetime):
        meant = start if start.tzinfo else start.replace(tzinfo=created.tzinfo)
    else:
        meant = dt.datetime.combine(created.date(), start, tzinfo=created.tzinfo)
    return meant if created <= meant else None


def planned_end(state: SessionState) -> float | None:
    begin = state.plan_start
    if begin is None:
        return None
    return begin + sum(s.planned for s in state.steps if not s.inserted)


def to_come(state: SessionState) -> float:
    """Seconds of the steps still to run after the current one."""
    return sum(s.allowed for s in state.steps if not s.skipped and not s.visited and s.index != state.current)


def forecast_end(state: SessionState, planned: float | None = None) -> float:
    """When the session will end as things stand (`planned`: the planned start, while waiting)."""
    if state.ended is not None:
        return state.ended
    now = state.now
    if state.step is None:
        return max(now, planned or now) + to_come(state)
    return now + max(0.0, state.step.remaining) + to_come(state)
