"""The fold's accumulator as a frozen SessionState for one instant (`Fold.state`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from workshop.engine.text import name_key
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
    # people whose join was lost, carrying a name someone has joined with since: their events
    # cannot be told from a forgery, so they count for no one (found anew each time: a join
    # may come after the events that carry its name)
    doubtful = {t for t, name in fold.unjoined.items()
                if t not in fold.participants and name_key(name) in fold.by_name} if fold.unjoined else set()
    polls = _PollViews({q: (position[p.index], p) for q, p in fold.polls.items()}, doubtful)
    notes = tuple(fold.notes.values())
    if fold.withdrawn_notes or doubtful:  # taken back, or doubtful: shown nowhere (most sessions have neither)
        notes = tuple(n for n in notes if not n.withdrawn and n.author not in doubtful)
    unjoined = tuple(name for t, name in fold.unjoined.items() if t not in doubtful and t not in fold.participants)
    return SessionState(
        id=str(fold.header.get("id", "")), title=str(fold.header.get("title", "")),
        code=str(fold.header.get("code", "")), plan=fold.plan, now=now, status=_status(fold),
        current=None if fold.current is None else position[fold.current], steps=steps, polls=polls,
        notes=notes,
        joined=dict(fold.participants), seen=dict(fold.last_seen),
        paused_seconds=paused, events=fold.count, address=fold.address, served=fold.served, ways=fold.ways,
        forged=tuple(fold.forged), unjoined=unjoined, breaks=tuple(fold.trust.breaks),
        clamped=fold.clamped, beats=dict(fold.beats),
        wrong_codes=fold.wrong_codes,
        facilitator=str(fold.header.get("facilitator", "")), started=fold.started, ended=fold.ended_at,
        room=fold.room.view(), record=fold.decided.view(), follows=str(fold.header.get("follows", "")),
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

    def __init__(self, snapshot: dict[str, tuple[int, PollRecord]], doubtful: set[str] | None = None) -> None:
        self._snapshot = {q: (index, p.poll, p.status, p.revealed, p.late, p.invalid, p.resets,
                              tuple(p.wordings), p.reworded, *_without(p.frozen(), doubtful))
                          for q, (index, p) in snapshot.items()}
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
