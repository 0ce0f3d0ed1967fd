"""A full room: 50 participant apps in five processes, all on one account (as the ssh recipe has
it), join one session and vote during one poll while the facilitator's screen is open. Every
ballot is counted once, and the facilitator sees all of them."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.load_driver import results, spawn
from tests.support import polls_plan
from tests.tui.conftest import text_of, wait_for
from workshop import sessions
from workshop.journal import store
from workshop.tui.facilitator import make_app
from workshop.tui.widgets.poll import PollPanel

PROCESSES, APPS = 5, 10


@pytest.mark.load
async def test_fifty_participants_vote_once_each(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room", "Sam")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "shared-account")}
    app = make_app(path, bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        room = spawn(path, live.state().code, PROCESSES, APPS, env)
        await wait_for(pilot, lambda: all(p.poll() is not None for p in room), seconds=300)
        casts, _ = results(room, timeout=10)
        await wait_for(pilot, lambda: "50 voted" in text_of(app.query_one(PollPanel)), seconds=10)

    assert len(casts) == PROCESSES * APPS
    events = store.load(path).events
    joins = [e for e in events if e["type"] == "join"]
    assert sorted(e["name"] for e in joins) == sorted(f"p{n}-{i}" for n in range(PROCESSES) for i in range(APPS))
    assert len({e["participant"] for e in joins}) == 50
    state = sessions.Session.open(path).state()
    ballots = state.polls["polls/pick"].ballots
    assert len(ballots) == 50 and {b.participant for b in ballots} == {e["participant"] for e in joins}
    # each process's apps chose the first, second, third option in turn: 4, 3, 3 of every ten
    assert Counter(b.value[0] for b in ballots) == {"Coaching": 20, "Planning": 15, "Quality": 15}
