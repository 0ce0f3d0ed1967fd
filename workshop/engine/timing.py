"""The part of the fold that keeps time: which step runs, how long each has run and been given,
its rounds, pauses, and the session's start and end.

| type   | fields          | who writes it |
|--------|-----------------|---------------|
| start  | planned         | facilitator: the first step not skipped starts |
| goto   | step            | facilitator: that step runs now (and is no longer skipped) |
| round  | step, round     | facilitator: the running step's next round, now |
| pause  |                 | facilitator |
| resume |                 | facilitator |
| extend | step, seconds   | facilitator: more (or less) time for a step, shared to its rounds |
| end    |                 | facilitator |

Moving between steps opens and closes their polls (polls.py); the running step and the end are
the context's, which every part reads.
"""

from __future__ import annotations

from workshop.engine import rounds
from workshop.engine.context import Context, Part, handles
from workshop.engine.events import Event
from workshop.engine.order import RunningOrder
from workshop.engine.polls import PollEvents
from workshop.engine.rounds import RoundView
from workshop.engine.text import seconds_at


class Timing(Part):
    """Each step's planned, given and spent seconds, the clock's pauses, the start and the end."""

    def __init__(self, context: Context, running: RunningOrder, polls: PollEvents) -> None:
        self.context, self.running, self.polls = context, running, polls
        self.planned = [s.minutes * 60 for _, s in running.pairs]  # slot -> seconds the agenda gives it
        self.extra = [0] * len(running.pairs)  # slot -> seconds the facilitator added (or took away)
        self.elapsed = [0.0] * len(running.pairs)  # slot -> seconds run, banked up to `running_since`
        self.round_extra: dict[int, dict[int, int]] = {}  # slot -> round -> seconds given while it ran
        self.round_moved: dict[int, dict[int, float]] = {}  # slot -> round -> step time it was moved to
        self.running_since: float | None = None
        self.paused_since: float | None = None
        self.paused_total = 0.0
        self.started: float | None = None
        self.ended_at: float | None = None
        self.planned_start: float | None = None

    def add_step(self, planned: int) -> None:
        """A step inserted on the day (order.py), planned for `planned` seconds, in the next slot."""
        self.planned.append(planned)
        self.extra.append(0)
        self.elapsed.append(0.0)

    # ------------------------------------------------------------------ reading

    def step_time(self, slot: int, t: float) -> float:
        """Seconds step `slot` has run by time t."""
        since = self.running_since
        return self.elapsed[slot] + (t - since if since is not None and slot == self.context.current else 0.0)

    def rounds_of(self, slot: int) -> tuple[RoundView, ...]:
        step = self.running.step(slot)
        if not step.rounds:
            return ()
        return rounds.timeline(step.rounds, self.round_extra.get(slot, {}), self.round_moved.get(slot, {}))

    def status(self) -> str:
        """ "waiting", "running", "paused" or "ended"."""
        if self.context.ended:
            return "ended"
        if self.context.current is None:
            return "waiting"
        return "paused" if self.paused_since is not None else "running"

    def paused(self, now: float) -> float:
        """Seconds spent paused by `now`."""
        return self.paused_total + (now - self.paused_since if self.paused_since is not None else 0.0)

    # ------------------------------------------------------------------ moving between steps

    def _settle(self, t: float) -> None:
        """Bank the running step's time up to t."""
        current = self.context.current
        if self.running_since is not None and current is not None:
            self.elapsed[current] += t - self.running_since
            self.running_since = t

    def _enter(self, index: int, t: float) -> None:
        self._settle(t)
        current = self.context.current
        if current is not None and current != index:
            self.polls.leave(current)
        self.context.current = index
        self.running.visited.add(index)
        if self.paused_since is None:
            self.running_since = t
        self.polls.enter(index)

    @handles("start")
    def _on_start(self, event: Event, t: float) -> None:
        to_run = [slot for slot in self.running.order if slot not in self.running.skipped]
        if self.context.current is None and not self.context.ended and to_run:
            self.started = t
            self.planned_start = seconds_at(event.get("planned"))
            self._enter(to_run[0], t)

    @handles("goto")
    def _on_goto(self, event: Event, t: float) -> None:
        index = self.running.slot.get(str(event.get("step")))
        if index is not None and not self.context.ended:
            self.running.skip(index, False)  # a step the facilitator goes to is not skipped
            self._enter(index, t)

    @handles("round")
    def _on_round(self, event: Event, t: float) -> None:
        """The facilitator moved the room on to the step's next round."""
        slot = self.running.slot.get(str(event.get("step")))
        if slot is None or slot != self.context.current or self.context.ended:
            return
        now = rounds.current(self.rounds_of(slot), self.step_time(slot, t))
        if now is not None and event.get("round") == now.index + 1 < len(self.rounds_of(slot)):
            self.round_moved.setdefault(slot, {})[now.index + 1] = self.step_time(slot, t)

    # ------------------------------------------------------------------ the clock

    @handles("pause")
    def _on_pause(self, event: Event, t: float) -> None:
        if self.context.current is not None and self.paused_since is None and not self.context.ended:
            self._settle(t)
            self.running_since = None
            self.paused_since = t

    @handles("resume")
    def _on_resume(self, event: Event, t: float) -> None:
        if self.paused_since is not None and not self.context.ended:
            self.paused_total += t - self.paused_since
            self.paused_since = None
            self.running_since = t

    @handles("extend")
    def _on_extend(self, event: Event, t: float) -> None:
        index = self.running.slot.get(str(event.get("step")))
        seconds = event.get("seconds")
        if index is not None and isinstance(seconds, int) and not isinstance(seconds, bool):
            given = max(-self.planned[index], self.extra[index] + seconds) - self.extra[index]
            self.extra[index] += given
            if views := self.rounds_of(index):  # to the round running now (or the last, for a later step)
                now = rounds.current(views, self.step_time(index, t)) if index == self.context.current else views[-1]
                rounds.share(
                    self.running.step(index).rounds,
                    self.round_extra.setdefault(index, {}),
                    (now or views[-1]).index,
                    given,
                )

    @handles("end")
    def _on_end(self, event: Event, t: float) -> None:
        if self.context.ended:
            return
        self._settle(t)
        self._on_resume(event, t)
        self.running_since = None
        self.context.ended = True
        self.ended_at = t
        self.polls.end()
