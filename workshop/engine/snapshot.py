"""The fold's accumulator as a frozen SessionState for one instant (`Fold.state`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from workshop.engine.views import PollView, SessionState, StepView

if TYPE_CHECKING:
    from workshop.engine.polls import PollRecord
    from workshop.engine.state import Fold


def snapshot(fold: Fold, now: float) -> SessionState:
    """The session at `now` (seconds since the epoch, no earlier than the fold's clock)."""
    elapsed = list(fold.elapsed)
    if fold.running_since is not None and fold.current is not None:
        elapsed[fold.current] += now - fold.running_since
    paused = fold.paused_total + (now - fold.paused_since if fold.paused_since is not None else 0.0)
    order, skipped, inserted = fold.running.order, fold.running.skipped, fold.running.inserted
    position = {slot: i for i, slot in enumerate(order)}
    steps = tuple(
        StepView(fold.qids[slot], i, *fold.running.pairs[slot], fold.planned[slot], fold.extra[slot],
                 elapsed[slot], fold.visited[slot], slot in skipped, slot in inserted, fold.rounds_of(slot))
        for i, slot in enumerate(order)
    )
    polls = _PollViews({q: (position[p.index], p) for q, p in fold.polls.items()})
    notes = tuple(fold.notes.values())
    if fold.withdrawn_notes:  # taken back: shown nowhere (most sessions have none: no pass over 78,000 notes)
        notes = tuple(n for n in notes if not n.withdrawn)
    return SessionState(
        id=str(fold.header.get("id", "")), title=str(fold.header.get("title", "")),
        code=str(fold.header.get("code", "")), plan=fold.plan, now=now, status=_status(fold),
        current=None if fold.current is None else position[fold.current], steps=steps, polls=polls,
        notes=notes,
        joined=dict(fold.participants), seen=dict(fold.last_seen),
        paused_seconds=paused, events=fold.count, address=fold.address, served=fold.served,
        forged=tuple(fold.forged), unjoined=tuple(fold.unjoined.values()), breaks=tuple(fold.trust.breaks),
        clamped=fold.clamped, beats=dict(fold.beats),
        wrong_codes=fold.wrong_codes,
        facilitator=str(fold.header.get("facilitator", "")), started=fold.started, ended=fold.ended_at,
        room=fold.room.view(),
        planned_start=fold.planned_start,
    )


def _status(fold: Fold) -> str:
    if fold.ended:
        return "ended"
    if fold.current is None:
        return "waiting"
    return "paused" if fold.paused_since is not None else "running"


class _PollViews(Mapping[str, PollView]):
    """A state's polls, each built only when someone looks at it: a screen shows one poll, and a
    verb checks one. Each is built from what its record holds at the snapshot (`PollRecord.frozen`,
    copied once per change of its ballots, not once per state), and builds its ballots and tally
    only when asked (engine/views.py)."""

    def __init__(self, snapshot: dict[str, tuple[int, PollRecord]]) -> None:
        self._snapshot = {q: (index, p.poll, p.status, p.revealed, p.late, p.invalid, p.resets,
                              tuple(p.wordings), p.reworded, *p.frozen()) for q, (index, p) in snapshot.items()}
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
