"""A recorded session at any instant: the fold of the events up to that instant, at that instant.

Replay moves mostly forward, so one fold is kept and fed the events it has not seen; going back
folds again from the start (fast enough for a long session: docs/architecture.md, Replay). Step
changes are found by folding only the events that move between steps, so jumping to a step never
folds the ballots on the way.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workshop.engine.events import Event
from workshop.engine.state import Fold
from workshop.engine.views import SessionState

SPEEDS = (1.0, 2.0, 5.0, 10.0, 60.0)  # times real time
STEP_MOVES = frozenset({"start", "goto", "end"})
MARKED = frozenset({"ballot", "note", "idea", "question"})  # what the timeline shows: ballots, and what people wrote


@dataclass(frozen=True, slots=True)  # not a NamedTuple: its fields `count` and `index` would hide tuple's methods
class Entry:
    """The moment the session moved to a step (`index` None: it ended)."""

    at: float
    count: int  # events up to and including the move
    index: int | None


class Replay:
    def __init__(self, header: Mapping[str, Any], events: Iterable[Event] = (), not_after: float = math.inf) -> None:
        self.header = header
        self.not_after = not_after  # as Fold.not_after: no event is read as later than this
        self.events: list[Event] = []
        self.times: list[float] = []  # as the fold sees them: never decreasing
        self.entries: list[Entry] = []
        self.marks: list[tuple[float, str]] = []  # (time, the kind of event: one of MARKED)
        created = header.get("created")
        # before the first event (a session never started): the moment the session was created
        self.origin = created.timestamp() if isinstance(created, dt.datetime) else 0.0
        self._fold = self._new_fold()
        self._moves = self._new_fold()  # sees only the step moves
        self.extend(events)

    def extend(self, events: Iterable[Event], not_after: float | None = None) -> None:
        """More of the journal (a live session grows while it is replayed), and the new latest
        time an event can carry."""
        if not_after is not None:
            self.not_after = self._fold.not_after = self._moves.not_after = not_after
        last = self.times[-1] if self.times else 0.0
        # names bound locally: opening a 100,000-event replay spends this loop once per event
        limit, datetime, moves = self.not_after, dt.datetime, self._moves
        moved = moves.context  # the running step and the end, as the moves alone have them
        keep, time_of, mark = self.events.append, self.times.append, self.marks.append
        for event in events:
            at = event.get("at")
            t = at.timestamp() if isinstance(at, datetime) else last
            if t > limit:
                t = limit
            if t < last:
                t = last
            keep(event)
            time_of(t)
            last = t
            kind = event.get("type")
            if kind in STEP_MOVES:
                before = (moved.current, moved.ended)
                moves.apply(event)
                if (moved.current, moved.ended) != before:
                    index = None if moved.ended else moved.current
                    self.entries.append(Entry(t, len(self.events), index))
            elif kind in MARKED:
                mark((t, kind))

    def _new_fold(self) -> Fold:
        fold = Fold(self.header)
        fold.not_after = self.not_after
        return fold

    @property
    def start(self) -> float:
        return self.times[0] if self.times else self.origin

    @property
    def end(self) -> float:
        return self.times[-1] if self.times else self.origin

    @property
    def ended(self) -> bool:
        """The recorded session has ended (as far as the journal goes)."""
        return bool(self.entries) and self.entries[-1].index is None

    def count_at(self, t: float) -> int:
        """How many events had happened at `t`."""
        return bisect.bisect_right(self.times, t)

    def state_at(self, t: float, count: int | None = None) -> SessionState:
        """The session at `t` with its first `count` events (default: all those up to `t`)."""
        count = self.count_at(t) if count is None else count
        if self._fold.count > count:
            self._fold = self._new_fold()  # going back: fold again from the start
        batch = self.events[self._fold.count : count]
        paused = len(batch) > 5000 and gc.isenabled()
        if paused:  # a long jump: the collector would rescan the fold's fresh, acyclic records
            gc.disable()
        try:
            self._fold.apply_all(batch)
        finally:
            if paused:
                gc.enable()
        return self._fold.state(t)

    def entry_of(self, index: int) -> Entry | None:
        """When the session first moved to step `index`."""
        return next((e for e in self.entries if e.index == index), None)

    def next_entry(self, count: int) -> Entry | None:
        """The first step move after the first `count` events."""
        return next((e for e in self.entries if e.count > count), None)

    def previous_entry(self, count: int) -> Entry | None:
        """The last step move before the `count`-th event (not the one just shown)."""
        earlier = [e for e in self.entries if e.count < count]
        return earlier[-1] if earlier else None
