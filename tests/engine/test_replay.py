"""The replay model: any instant, reached in any order, is the engine's fold of the events up to
that instant; step moves are found without folding the ballots."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import record_session
from workshop.engine.replay import Replay
from workshop.engine.state import fold
from workshop.journal import store


def _load() -> store.Loaded:
    with tempfile.TemporaryDirectory() as folder:  # the events are all that is kept
        return store.load(record_session(Path(folder)))


LOADED = _load()
EVENTS = LOADED.events


def comparable(state):
    """The state without its tallies' float noise: what a screen or report would show."""
    return (
        state.status,
        state.current,
        state.now,
        [(s.elapsed, s.extra, s.visited) for s in state.steps],
        {q: (p.status, p.revealed, p.ballots, p.tally) for q, p in state.polls.items()},
        state.notes,
        state.participants,
        state.paused_seconds,
        state.events,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(EVENTS)), st.floats(0, 30)), min_size=1, max_size=12))
@pytest.mark.slow
def test_any_instant_in_any_order_is_the_fold_of_its_prefix(seeks: list[tuple[int, float]]) -> None:
    replay = Replay(LOADED.header, EVENTS)
    for count, later in seeks:
        at = (replay.times[count - 1] if count else replay.start) + later
        if replay.count_at(at) < count:
            at = replay.times[count - 1]
        assert comparable(replay.state_at(at, count)) == comparable(fold(LOADED.header, EVENTS[:count], at))


def test_step_moves_and_marks() -> None:
    replay = Replay(LOADED.header, EVENTS[:5])
    replay.extend(EVENTS[5:])  # a live session arrives in pieces
    indices = [e.index for e in replay.entries]
    assert indices == [0, 1, 2, 3, 4, 5, 6, None] and replay.ended
    for entry in replay.entries[:-1]:
        assert fold(LOADED.header, EVENTS[: entry.count], entry.at).current == entry.index
        assert fold(LOADED.header, EVENTS[: entry.count - 1], entry.at).current != entry.index
    kinds = [kind for _, kind in replay.marks]
    assert kinds.count("ballot") == sum(e["type"] == "ballot" for e in EVENTS)
    assert kinds.count("note") == sum(e["type"] == "note" for e in EVENTS)
    assert replay.next_entry(0) == replay.entries[0] and replay.previous_entry(replay.entries[0].count) is None
    assert replay.entry_of(5) == replay.entries[5] and replay.times == sorted(replay.times)
