"""Screens isolate participants' names and notes (FSI…PDI) so none can reorder the line it is on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, Static

from tests.bidi import FSI, PDI, RLO, in_order
from tests.tui.conftest import FakeClock, text_of
from tests.tui.test_kiosk import person
from workshop import sessions
from workshop.tui import facilitator, kiosk, kiosk_screens
from workshop.tui.widgets.notes import NotesList

NAME = "דנה"
NOTE = RLO + "an override left open"


async def test_the_facilitators_notes_isolate_name_and_note(session_path: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.note(NAME, NOTE, action=True)
    app = facilitator.make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)):
        line = next(line for line in text_of(app.query_one(NotesList)).splitlines() if "override" in line)
        assert f"{FSI}{NAME}{PDI}: {FSI}{NOTE}\u202c{PDI}" in line
        assert in_order(line, 0, line.index(FSI)) and in_order(line, line.rindex(PDI) + 1, len(line))


@pytest.mark.slow
async def test_the_kiosk_isolates_the_voters_name(session_path: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.goto("pick")
    app = kiosk.make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _first in (True, False):  # a newcomer (who chooses a PIN), then back with it to change the ballot
            await person(pilot, NAME, [])
            assert isinstance(app.screen, kiosk_screens.VoteScreen)
            assert f"Voting as {FSI}{NAME}{PDI}" in str(app.screen.query_one(Label).content)
            await pilot.press("enter")
            await pilot.pause()
        said = text_of(app.main.query_one("#message", Static))
        assert "your ballot is recorded" in said
