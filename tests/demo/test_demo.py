"""The demo session that ships in sessions/: recorded by driving the real apps (record.py), so
`workshop replay demo` and `workshop report demo` work on a fresh install."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path

import pytest

from tests.demo.record import PEOPLE, record
from workshop import sessions
from workshop.journal import store

DEMO = Path(__file__).resolve().parents[2] / "sessions" / "demo.toml"


def test_the_shipped_demo_is_a_whole_session_with_every_kind_of_vote() -> None:
    tomllib.loads(DEMO.read_text("utf-8"))  # plain TOML, as every session file
    state = sessions.Session.open(DEMO).state()
    assert state.status == "ended" and [p.name for p in state.participants] == list(PEOPLE)
    assert all(step.visited for step in state.steps)
    kinds = {view.poll.vote for view in state.polls.values() if len(view.ballots) == len(PEOPLE)}
    assert kinds == {"single", "multi", "scale", "dots", "rank", "text"}
    assert any(note.action for note in state.notes) and state.paused_seconds > 0
    replay = sessions.Recording(DEMO).replay
    assert len(replay.entries) == len(state.steps) + 1  # every step, then the end


@pytest.mark.slow
def test_the_recorder_drives_the_apps_to_the_same_kind_of_session(tmp_path: Path) -> None:
    out = tmp_path / "short.toml"
    asyncio.run(record(out, "short-45"))
    events = store.load(out).events
    state = sessions.Session.open(out).state()
    assert state.status == "ended" and all(step.visited for step in state.steps)
    assert all(len(view.ballots) == len(PEOPLE) for view in state.polls.values())
    first = [e["type"] for e in events if e["type"] in ("join", "start")]
    assert first[: len(PEOPLE) + 1] == ["join"] * len(PEOPLE) + ["start"]  # everyone joins, then it starts
