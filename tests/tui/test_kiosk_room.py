"""The kiosk takes what the room makes too: on a brainstorm step a person names themselves and
types an idea, on a Q&A step a question; the next person sees none of it on the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support import room_plan
from tests.tui.conftest import FakeClock, text_of
from tests.tui.test_kiosk import message, person
from workshop import sessions
from workshop.journal import store
from workshop.tui import kiosk_screens
from workshop.tui.kiosk import make_app
from workshop.tui.next_person import OpenPoll


async def turn(pilot, name: str, typed: str) -> None:
    app = pilot.app
    await person(pilot, name, [])  # a newcomer chooses a PIN first
    assert isinstance(app.screen, kiosk_screens.AddScreen)
    app.screen.query_one("#add", Input).value = typed
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_ideas_and_questions_at_the_kiosk(tmp_path: Path, clock: FakeClock) -> None:
    path = sessions.create(room_plan(), tmp_path / "sessions", "room", "Sam", clock=clock, code="KIOSK1")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("ideas")
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Add your idea" in text_of(app.main.query_one(OpenPoll))
        await turn(pilot, "Ana", "More coaching time")
        await turn(pilot, "Bo", "Fewer metrics")
        assert "on the board" in message(app) and "coaching" not in message(app).casefold()
        live.goto("questions")
        app.session.refresh()
        app.render_state()
        await pilot.pause()
        assert "Ask the room a question" in text_of(app.main.query_one(OpenPoll))
        await turn(pilot, "Cy", "When does the pilot start?")
    events = store.load(path).events
    assert [(e["name"], e["text"]) for e in events if e["type"] == "idea"] == [
        ("Ana", "More coaching time"),
        ("Bo", "Fewer metrics"),
    ]
    assert [(e["name"], e["text"]) for e in events if e["type"] == "question"] == [("Cy", "When does the pilot start?")]
    assert [e["name"] for e in events if e["type"] == "join"] == ["Ana", "Bo", "Cy"]
