""" "N here" counts people whose screen is here now: it goes up when a participant's screen
joins, down when it closes (or stops saying so), and never counts command-line voters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.tui.conftest import FakeClock, text_of, wait_for
from tests.tui.test_participant import join
from workshop import sessions
from workshop.engine.views import PRESENT_FOR
from workshop.journal import store
from workshop.tui.facilitator import make_app as facilitator_app
from workshop.tui.participant import make_app as participant_app
from workshop.tui.widgets.join import JoinBar


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.mark.slow
async def test_a_participant_screen_says_it_is_here_and_that_it_left(session_path: Path, clock: FakeClock) -> None:
    app = participant_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        assert [e["type"] for e in store.load(session_path).events] == ["join", "present"]
    assert [e["type"] for e in store.load(session_path).events] == ["join", "present", "leave"]


@pytest.mark.slow
async def test_here_goes_down_when_a_participant_leaves(session_path: Path, clock: FakeClock) -> None:
    app = facilitator_app(session_path, clock=clock, bell=False, watch=True)
    elsewhere = sessions.Session.open(session_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        bar = app.query_one(JoinBar)
        ana, bo = elsewhere.join("Ana"), elsewhere.join("Bo")
        assert "0 here" in text_of(bar)
        for person in (ana, bo):
            elsewhere.present(person)  # what each participant's screen writes as it joins
        await wait_for(pilot, lambda: "2 here" in text_of(bar))
        elsewhere.leave(bo)  # Bo closes his screen
        await wait_for(pilot, lambda: "1 here" in text_of(bar))
        clock.advance(PRESENT_FOR + 1)  # Ana's screen stops saying it is here (her laptop slept)
        await wait_for(pilot, lambda: "0 here" in text_of(bar))


def test_a_heartbeat_keeps_a_screen_here(session_path: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(session_path, clock)
    ana = live.join("Ana")
    live.present(ana)
    for _ in range(5):
        clock.advance(60)
        live.present(ana)
        assert len(live.state().here) == 1
    later = clock.now + dt.timedelta(seconds=PRESENT_FOR + 1)
    assert live.fold.state(later.timestamp()).here == frozenset()
