"""Keys go where the step's action is, and a ballot's limit is kept where it is chosen: on a
participant's terminal a typed idea lands without a Tab, and after a note the arrows work on
the poll at once; a tick over a multiple-choice poll's limit is refused as it is made, on the
terminal and at the kiosk, with what was ticked kept; and a first join's rejoin code stands in
a line of its own, never over the ballot's status line, never cut from the header."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, Static

from tests.support import polls_plan, room_plan
from tests.tui.conftest import CODE, FakeClock, screen_text, text_of
from tests.tui.test_kiosk import person
from workshop import sessions
from workshop.journal import store
from workshop.tui import kiosk, kiosk_screens
from workshop.tui.participant import make_app


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def events(path: Path, type_: str) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == type_]


async def join(pilot, name: str = "Ana") -> None:
    app = pilot.app
    app.screen.query_one("#code", Input).value = CODE
    await pilot.press("enter")
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


@pytest.mark.slow
async def test_an_idea_typed_on_a_brainstorm_step_lands_without_tab(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(room_plan(), tmp_path / "s", "room", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        live.goto("ideas")  # the facilitator moves on while Ana watches
        app.sync()
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*"Shorter shifts", "enter")
        await pilot.pause()
        assert [e["text"] for e in events(path, "idea")] == ["Shorter shifts"]
        await pilot.press(*"Coaching hour", "enter")  # and the next, the focus still there
        await pilot.pause()
        assert [e["text"] for e in events(path, "idea")] == ["Shorter shifts", "Coaching hour"]


@pytest.mark.slow
async def test_after_a_note_the_arrows_work_on_the_poll(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "p", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pick")
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        await pilot.press("ctrl+n", *"Rota first", "enter")
        await pilot.pause()
        assert [e["text"] for e in events(path, "note")] == ["Rota first"]
        await pilot.press("down", "enter")  # no shift+tab first
        await pilot.pause()
        assert [e["value"] for e in events(path, "ballot")] == [["Planning"]]


@pytest.mark.slow
async def test_a_tick_over_the_limit_is_refused_on_the_terminal(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "p", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("many")  # up to two of three
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await join(pilot)
        ticks = app.screen.query_one("#choices", SelectionList)
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        assert ticks.selected == ["Coaching", "Planning"]  # the third refused as it was ticked
        assert "At most 2: untick one first." in screen_text(app)
        await pilot.press("up", "space", "down", "space")  # untick one, then the third goes in
        await pilot.pause()
        assert ticks.selected == ["Coaching", "Quality"] and "At most 2" not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e["value"] for e in events(path, "ballot")] == [["Coaching", "Quality"]]


@pytest.mark.slow
async def test_a_tick_over_the_limit_is_refused_at_the_kiosk(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "p", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("many")
    app = kiosk.make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await person(pilot, "Bo", [])  # a newcomer: a name, then a PIN chosen twice
        assert isinstance(app.screen, kiosk_screens.VoteScreen)
        await pilot.press("space", "down", "space", "down")
        ticks = app.screen.query_one("#choices", SelectionList)
        top = ticks.content_region.y - ticks.region.y
        await pilot.click("#choices", offset=(4, top + 2))  # a click on the third box: refused too
        await pilot.pause()
        assert ticks.selected == ["Coaching", "Planning"]
        assert "At most 2: untick one first." in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e["value"] for e in events(path, "ballot")] == [["Coaching", "Planning"]]


@pytest.mark.slow
async def test_the_rejoin_code_stands_in_its_own_line(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "p", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pick")
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, "Maximiliana Konstantinova")
        await pilot.press("enter")  # a ballot: its status line must be readable
        await pilot.pause()
        code = app.person.code
        shown = screen_text(app)
        assert f"Your rejoin code is {code}" in shown and not app._notifications
        assert "your ballot is recorded" in text_of(app.screen.query_one("#ballot-status", Static))
        assert "your ballot is recorded" in shown
