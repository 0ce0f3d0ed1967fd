"""The fold's accumulator as a frozen SessionState for one instant (`Fold.state`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from workshop.engine import bidi
from workshop.engine.views import PollView, SessionState, StepView

if TYPE_CHECKING:
    from workshop.engine.polls import PollRecord
    from workshop.engine.state import Fold


def snapshot(fold: Fold, now: float) -> SessionState:
    """The session at `now` (seconds since the epoch, no earlier than the fold's clock), from
    what each of the fold's parts holds."""
    timing, running, people = fold.timing, fold.running, fold.people
    elapsed = list(timing.elapsed)
    current = fold.context.current
    if timing.running_since is not None and current is not None:
        elapsed[current] += now - timing.running_since
    order, skipped, inserted, visited = running.order, running.skipped, running.inserted, running.visited
    position = {slot: i for i, slot in enumerate(order)}
    steps = tuple(
        StepView(
            running.qids[slot],
            i,
            *running.pairs[slot],
            timing.planned[slot],
            timing.extra[slot],
            elapsed[slot],
            slot in visited,
            slot in skipped,
            slot in inserted,
            timing.rounds_of(slot),
        )
        for i, slot in enumerate(order)
    )
    doubtful = people.doubtful()
    polls = _PollViews({q: (position[p.index], p) for q, p in fold.poll_events.polls.items()}, doubtful)
    header = fold.header
    return SessionState(
        id=str(header.get("id", "")),
        title=bidi.settled(str(header.get("title", ""))),  # a title an older version let through
        code=str(header.get("code", "")),
        plan=fold.plan,
        now=now,
        status=timing.status(),
        current=None if current is None else position[current],
        steps=steps,
        polls=polls,
        notes=fold.notebook.shown(doubtful),
        joined=dict(people.participants),
        seen=dict(fold.context.last_seen),
        paused_seconds=timing.paused(now),
        events=fold.count,
        address=fold.address,
        served=fold.served,
        ways=fold.ways,
        forged=tuple(fold.forged),
        unjoined=people.lost_joins(doubtful),
        breaks=tuple(fold.trust.breaks),
        clamped=fold.clamped,
        beats=dict(people.beats),
        wrong_codes=fold.guesses.wrong_codes,
        facilitator=str(header.get("facilitator", "")),
        started=timing.started,
        ended=timing.ended_at,
        room=fold.room.view(),
        record=fold.decided.view(),
        follows=str(header.get("follows", "")),
        planned_start=timing.planned_start,
    )


class _PollViews(Mapping[str, PollView]):
    """A state's polls, each built only when someone looks at it: a screen shows one poll, and a
    verb checks one. Each is built from what its record holds at the snapshot (`PollRecord.frozen`,
    copied once per change of its ballots, not once per state), and builds its ballots and tally
    only when asked (engine/views.py)."""

    def __init__(self, snapshot: dict[str, tuple[int, PollRecord]], doubtful: set[str] | None = None) -> None:
        self._snapshot = {
            q: (
                index,
                p.poll,
                p.status,
                p.revealed,
                p.late,
                p.invalid,
                p.resets,
                tuple(p.wordings),
                p.reworded,
                *_without(p.frozen(), doubtful),
            )
            for q, (index, p) in snapshot.items()
        }
        self._views: dict[str, PollView] = {}

    def __getitem__(self, qid: str) -> PollView:
        view = self._views.get(qid)
        if view is None:
            view = self._views[qid] = PollView(qid, *self._snapshot[qid])
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshot)

    def __len__(self) -> int:
        return len(self._snapshot)


def _without(frozen: tuple[Any, ...], doubtful: set[str] | None) -> tuple[Any, ...]:
    """A poll record's counted ballots, earlier rounds and orphans, less the doubtful people's ballots."""
    if not doubtful:
        return frozen
    counted, earlier, orphans = frozen
    return tuple(c for c in counted if c[0] not in doubtful), earlier, orphans
