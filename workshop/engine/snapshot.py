"""The fold's accumulator as a frozen SessionState for one instant (`Fold.state`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from workshop.content.model import Poll
from workshop.engine.events import Event
from workshop.engine.tally import tally
from workshop.engine.views import PRESENT_FOR, Ballot, Participant, PollView, SessionState, StepView

if TYPE_CHECKING:
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
    polls = _PollViews({q: (position[p.index], p.poll, p.status, p.revealed, tuple(p.counted.items()), p.late,
                            p.invalid, p.resets, tuple(p.earlier), tuple(p.wordings), p.reworded, tuple(p.orphans))
                        for q, p in fold.polls.items()})
    notes = tuple(fold.notes.values())
    if fold.withdrawn_notes:  # taken back: shown nowhere (most sessions have none: no pass over 78,000 notes)
        notes = tuple(n for n in notes if not n.withdrawn)
    return SessionState(
        id=str(fold.header.get("id", "")), title=str(fold.header.get("title", "")),
        code=str(fold.header.get("code", "")), plan=fold.plan, now=now, status=_status(fold),
        current=None if fold.current is None else position[fold.current], steps=steps, polls=polls,
        notes=notes,
        participants=tuple(Participant(token, name, joined, fold.last_seen[token])
                           for token, (name, joined) in fold.participants.items()),
        paused_seconds=paused, events=fold.count, address=fold.address, served=fold.served, ways=fold.ways,
        forged=tuple(fold.forged), unjoined=tuple(fold.unjoined.values()), breaks=tuple(fold.trust.breaks),
        clamped=fold.clamped, here=frozenset(t for t, beat in fold.beats.items() if now - beat <= PRESENT_FOR),
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
    """A state's polls, each built (ballots, tally) only when someone looks at it, from a
    snapshot taken with the state: a screen shows one poll, and a verb checks one, so building
    every poll's tally on every state cost most of a vote's time under the lock."""

    def __init__(self, snapshot: dict[str, tuple[Any, ...]]) -> None:
        self._snapshot = snapshot
        self._views: dict[str, PollView] = {}

    def __getitem__(self, qid: str) -> PollView:
        view = self._views.get(qid)
        if view is None:
            view = self._views[qid] = _poll_view(qid, *self._snapshot[qid])
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshot)

    def __len__(self) -> int:
        return len(self._snapshot)


def _poll_view(qid: str, index: int, poll: Poll, status: str, revealed: bool,
               counted_items: tuple[tuple[str, tuple[float, Event]], ...], late: int, invalid: int,
               resets: int, earlier: tuple[tuple[Any, ...], ...] = (), wordings: tuple[str, ...] = (),
               reworded: bool = False, orphans: tuple[tuple[str, tuple[float, Event]], ...] = ()) -> PollView:
    counted = tuple(Ballot(token, str(e.get("name", "")), tuple(e["value"]), t, str(e.get("via", "")))
                    for token, (t, e) in counted_items)
    return PollView(qid, index, poll, status, revealed, counted, late, invalid, resets,
                    tally(poll, [b.value for b in counted]), tuple(tally(poll, values) for values in earlier),
                    wordings, reworded,
                    tuple(Ballot(token, str(e.get("name", "")), tuple(e["value"]), t) for token, (t, e) in orphans))


