"""The room display follows the session, shows results only once revealed, shows no facilitator
notes and no names, and never writes to the session file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import FakeClock, cli, screen_text, text_of, wait_for
from workshop.tui.display import make_app
from workshop.tui.widgets.poll import PollPanel
from workshop.tui.widgets.step import StepPanel


@pytest.mark.e2e
async def test_the_room_sees_what_it_should_and_nothing_more(session_path: Path, clock: FakeClock) -> None:
    app = make_app(session_path, clock=clock)
    async with app.run_test(size=(160, 45)) as pilot:
        for args in (["start"], ["goto", "dots"]):
            assert cli("control", str(session_path), *args).returncode == 0
        assert cli("vote", str(session_path), "--name", "Ana", "Coaching=3").returncode == 0
        assert cli("note", str(session_path), "--name", "Ana", "a private thought").returncode == 0
        panel = app.query_one(PollPanel)
        await wait_for(pilot, lambda: "1 voted" in text_of(panel))
        before = session_path.read_bytes()
        assert "Results will show here once they are revealed" in text_of(panel) and "Ana" not in text_of(panel)
        assert not app.query_one(StepPanel).query_one("#facilitator-notes").display
        assert cli("control", str(session_path), "reveal").returncode == 0
        await wait_for(pilot, lambda: "once they are revealed" not in text_of(panel))
        assert "Coaching" in text_of(panel) and "Ana" not in text_of(panel)
        await pilot.press("n", "space", "e")  # the room has no controls
        assert session_path.read_bytes().count(b"[[events]]") == before.count(b"[[events]]") + 1  # the reveal only


async def test_the_timer_says_in_words_what_its_colour_says(session_path: Path, clock: FakeClock) -> None:
    """Amber and red are not the only signal: the room reads "1 min left", then "over time"."""
    from workshop import sessions
    from workshop.tui.widgets.bigclock import RoomTimer

    sessions.Session.open(session_path, clock).start()  # a 2-minute step
    app = make_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = app.query_one(RoomTimer)
        assert "02:00 left of 2 min" in screen_text(app) and "min left" not in screen_text(app).split("of 2 min")[1]
        for seconds, colour, words in ((100, "amber", "· 1 min left"), (30, "overtime", "over 2 min · over time")):
            clock.advance(seconds)
            app.render_state()
            await pilot.pause()
            assert timer.has_class(colour) and words in screen_text(app)
