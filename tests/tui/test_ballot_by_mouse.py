"""A ballot says its keys and works with the mouse alone: the rank hint names `[` and `]` (it
was read as markup, and the brackets vanished on every participant screen), and rank and dots
have on-screen buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.tui.conftest import CODE, FakeClock, screen_text, unwrapped
from workshop import sessions
from workshop.journal import store
from workshop.tui.participant import make_app


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


async def joined_at(pilot, path: Path, clock: FakeClock, step: str) -> None:
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto(step)
    app = pilot.app
    app.screen.query_one("#code", Input).value = CODE
    await pilot.press("enter")
    app.screen.query_one("#name", Input).value = "Ana"
    await pilot.press("enter")
    await pilot.pause()


async def click_option(pilot, index: int) -> None:
    """A click on the option's row, where the participant sees it."""
    choices = pilot.app.screen.query_one("#choices", OptionList)
    top = choices.content_region.y - choices.region.y
    await pilot.click(choices, offset=(6, top + index))


def ballots(path: Path) -> list[list]:
    return [e["value"] for e in store.load(path).events if e["type"] == "ballot"]


@pytest.mark.slow
async def test_the_rank_hint_names_its_keys(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await joined_at(pilot, session_path, clock, "order")
        shown = unwrapped(screen_text(app))
        assert "[ and ] (or the buttons) move the chosen option up or down" in shown, shown


@pytest.mark.slow
async def test_rank_by_mouse_alone(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await joined_at(pilot, session_path, clock, "order")
        await click_option(pilot, 2)  # Change
        await pilot.click("#move-up")
        await pilot.click("#move-up")
        await click_option(pilot, 3)  # Letting go
        await pilot.click("#move-up")
        await pilot.click("#cast")
        await pilot.pause()
        assert ballots(session_path) == [["Change", "Trust", "Letting go", "Goals"]]
        assert "your ballot is recorded" in screen_text(app)


@pytest.mark.slow
async def test_dots_by_mouse_alone(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await joined_at(pilot, session_path, clock, "dots")
        await click_option(pilot, 1)  # Planning
        for _ in range(3):
            await pilot.click("#more-dot")
        await pilot.click("#less-dot")
        await click_option(pilot, 2)  # Quality
        await pilot.click("#more-dot")
        assert "2 of 5 dots left" in screen_text(app)
        await pilot.click("#cast")
        await pilot.pause()
        assert ballots(session_path) == [["Planning", "Planning", "Quality"]]
