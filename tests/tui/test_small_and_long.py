"""The whole default agenda on small windows: the rail keeps the current step in sight however
long the day, the timer of a step with rounds stays readable on one short line, and a window
under 80x24 says it is too small instead of hiding things silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from tests.tui.conftest import CODE, FakeClock, screen_text, wait_for
from workshop import sessions
from workshop.content import library
from workshop.engine.views import StepView
from workshop.tui.facilitator import make_app


@pytest.fixture
def half_day(tmp_path: Path, clock: FakeClock) -> Path:
    plan = library.plan_for(library.catalog(), "half-day")
    return sessions.create(plan, tmp_path / "sessions", "room", "Sam", clock=clock, code=CODE)


@pytest.mark.slow
async def test_the_rail_follows_the_current_step_down_a_long_agenda(half_day: Path, clock: FakeClock) -> None:
    live = sessions.Session.open(half_day, clock)
    live.start()
    app = make_app(half_day, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for qid in (
            "work-at-home-heroes/speak-up",
            "four-steps-collaboration/questions",
            "three-leadership-traits/invest",
        ):
            live.goto(qid)
            app.sync()
            title = next(s.spec.title for s in live.state().steps if s.qid == qid)
            await wait_for(pilot, lambda title=title: f"▶ {title[:15]}" in screen_text(app))


def at_a_round(half_day: Path, clock: FakeClock, seconds: float) -> StepView:
    """The half-day agenda on a step with rounds, `seconds` into it: the step as the session sees it."""
    live = sessions.Session.open(half_day, clock)
    live.start()
    live.goto("audacious-operations/challenge-plan")
    clock.advance(seconds)
    step = live.state().step
    assert step is not None and step.rounds
    return step


def words_of(app: App[object], selector: str) -> str:
    """What a widget shows on screen, its rows' words joined: what a reader of that part sees."""
    region = app.query_one(selector).region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right].split()) for row in rows)


@pytest.mark.slow
async def test_a_round_and_its_time_stay_readable_on_the_short_timer_line(half_day: Path, clock: FakeClock) -> None:
    from workshop.tui.widgets.base import round_left, time_left

    step = at_a_round(half_day, clock, 30)
    wanted = [round_left(step), time_left(step)]
    app = make_app(half_day, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: all(w in words_of(app, "#timer-status") for w in wanted))
        assert words_of(app, "#timer-status").startswith("running")


@pytest.mark.slow
async def test_the_room_display_shows_a_rounds_whole_words_at_80x24(half_day: Path, clock: FakeClock) -> None:
    from workshop.tui.display import make_app as display_app
    from workshop.tui.widgets.base import time_left

    wanted = "step " + time_left(at_a_round(half_day, clock, 20))
    app = display_app(half_day, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: wanted in words_of(app, "#timer"))


@pytest.mark.slow
@pytest.mark.parametrize("app_name", ["facilitator", "display", "participant", "kiosk", "replay"])
async def test_a_window_under_80x24_says_it_is_too_small(
    half_day: Path, clock: FakeClock, app_name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from workshop.tui import display, kiosk, participant, replay

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    sessions.Session.open(half_day, clock).start()
    app = {
        "facilitator": lambda: make_app(half_day, clock=clock, bell=False, watch=False),
        "display": lambda: display.make_app(half_day, clock=clock, watch=False),
        "participant": lambda: participant.make_app(half_day, clock=clock, watch=False),
        "kiosk": lambda: kiosk.make_app(half_day, clock=clock, watch=False),
        "replay": lambda: replay.make_app(half_day, watch=False),
    }[app_name]()

    def told() -> list[str]:
        return [
            str(n.message) for n in app._notifications if "too small" in str(n.message) or "80×24" in str(n.message)
        ]

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert told() == []
        await pilot.resize_terminal(60, 20)
        await wait_for(
            pilot,
            lambda: told() == ["This window is 60×20: some of the screen is out of sight. Make it 80×24 or larger."],
        )
        await pilot.resize_terminal(50, 16)  # still too small: said once
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert len(told()) == 1
