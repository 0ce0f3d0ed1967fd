"""How the participant's screen looks: joining, and a dots ballot half spread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support import polls_plan
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.sessions import people
from workshop.tui.participant import make_app


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(people, "new_code", lambda: "RJ4CDE")  # a rejoin code the picture can keep


def _session(tmp_path: Path, clock: Fixed) -> Path:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("dots")
    clock.now += dt.timedelta(seconds=30)
    return path


def test_join_screen(snap_compare, tmp_path: Path) -> None:
    clock = Fixed()
    assert snap_compare(make_app(_session(tmp_path, clock), clock=clock, watch=False), terminal_size=(80, 24))


def test_dots_ballot(snap_compare, tmp_path: Path) -> None:
    clock = Fixed()
    app = make_app(_session(tmp_path, clock), clock=clock, watch=False)

    async def join_and_spread(pilot) -> None:
        app.screen.query_one("#code", Input).value = "K7P2QX"
        await pilot.press("enter")
        app.screen.query_one("#name", Input).value = "Ana"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("plus", "plus", "down", "plus")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=join_and_spread)
