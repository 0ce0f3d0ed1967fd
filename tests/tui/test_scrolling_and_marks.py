"""A new step opens at its top; a panel with more below says so; PgDn scrolls the step from
anywhere; the selected note is visible and `m` marks it, and its author sees it became an
action item; a ticked box shows a mark, not just a colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support import POLLS_MODULE
from tests.tui.conftest import CODE, FakeClock, screen_text, unwrapped, wait_for
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.journal import store
from workshop.tui.facilitator import make_app
from workshop.tui.widgets.step import StepPanel

LONG = "\n\n".join(f"Paragraph {i} of a long prompt, to be read to the room slowly." for i in range(1, 41))


def long_plan() -> Plan:
    text = POLLS_MODULE.replace('prompt = "Welcome."', f'prompt = """{LONG}"""', 1)
    text = text.replace('prompt = "Pick one."', f'prompt = """{LONG}"""', 1)
    module = schema.check_module(document.parse(text.encode(), "polls.toml"))
    import datetime as dt

    return Plan(Agenda("polls", "Long prompts", dt.time(9), (AgendaItem(module.id),)), (module,))


@pytest.fixture
def long_session(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return sessions.create(long_plan(), tmp_path / "sessions", "long", "Sam", clock=clock, code=CODE)


@pytest.mark.slow
async def test_a_new_step_opens_at_its_top_and_pgdn_scrolls_from_anywhere(long_session: Path, clock: FakeClock) -> None:
    app = make_app(long_session, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        # each step waits for the screen to show it (a loaded machine draws late), then asserts
        await pilot.press("n")
        await wait_for(pilot, lambda: "▼ more below: PgDn" in screen_text(app))
        assert "▼ more below: PgDn" in screen_text(app)
        assert app.focused is not app.query_one(StepPanel)
        await pilot.press("pagedown", "pagedown")
        await wait_for(pilot, lambda: "Paragraph 1 of" not in screen_text(app))
        assert "Paragraph 1 of" not in screen_text(app)  # scrolled, the focus where it was
        await pilot.press("n")  # the next step's prompt is as long: it opens at its title
        await wait_for(pilot, lambda: "Pick one" in screen_text(app))
        shown = screen_text(app)
        assert "Pick one" in shown and "Paragraph 1 of" in shown
        await pilot.press(*["pagedown"] * 30)
        await wait_for(pilot, lambda: "Paragraph 40 of" in screen_text(app) and "more below" not in screen_text(app))
        assert "Paragraph 40 of" in screen_text(app) and "more below" not in screen_text(app)


async def join(pilot) -> None:
    pilot.app.screen.query_one("#code", Input).value = CODE
    await pilot.press("enter")
    pilot.app.screen.query_one("#name", Input).value = "Ana"
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_m_marks_the_selected_note_and_its_author_sees_it(
    session_path: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop.tui.participant import make_app as participant_app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    live = sessions.Session.open(session_path, clock)
    live.start()
    ana = participant_app(session_path, clock=clock, watch=False)
    async with ana.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        ana.main.query_one("#note", Input).value = "Book the coaching room"
        ana.main.query_one("#note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    live.note("Bo", "A newer note")
    facilitator = make_app(session_path, clock=clock, bell=False, watch=False)
    async with facilitator.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        focused = facilitator.focused
        await pilot.press("right_square_bracket")  # from the newest note to Ana's
        await pilot.press("m")
        await pilot.pause()
        assert facilitator.focused is focused  # no Tab, Tab, Down: the focus never moved
        marked = [e["note"] for e in store.load(session_path).events if e["type"] == "action"]
        assert marked == [next(n.id for n in live.state().notes if n.name == "Ana")]
        assert "★ Ana: Book the coaching room" in screen_text(facilitator)
    again = participant_app(session_path, clock=clock, watch=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await join(pilot)  # the same terminal: Ana again, with her notes
        assert "★ action item: Book the coaching room" in unwrapped(screen_text(again))


@pytest.mark.slow
async def test_a_ticked_box_shows_a_mark(
    session_path: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop.tui.participant import make_app as participant_app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.goto("many")
    app = participant_app(session_path, clock=clock, watch=False)
    async with app.run_test(size=(80, 30)) as pilot:
        app.screen.query_one("#code", Input).value = CODE
        await pilot.press("enter")
        app.screen.query_one("#name", Input).value = "Ana"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "space")  # ticks Planning
        await pilot.pause()
        shown = screen_text(app)
        boxes = {
            o: next(line.split("▌")[0] for line in shown.splitlines() if "▐" in line and o in line)
            for o in ("Coaching", "Planning", "Quality")
        }
        assert boxes["Planning"].endswith("▐X") and boxes["Coaching"].endswith("▐ ") and boxes["Quality"].endswith("▐ ")
