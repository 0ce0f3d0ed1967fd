"""Time on the screens: a step's rounds switch with a signal the facilitator and the room both
see (and the bell), `n` moves a round on early, the rail forecasts the end, and the agenda is
changed live from the facilitator's screen: skip, move, insert a break."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Digits, OptionList

from tests.cli.test_agenda_live import MODULE
from tests.tui.conftest import CODE, FakeClock, screen_text, text_of
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.journal import store
from workshop.tui.display import make_app as make_room
from workshop.tui.facilitator import make_app
from workshop.tui.widgets.bigclock import RoomTimer
from workshop.tui.widgets.rail import AgendaRail
from workshop.tui.widgets.timer import BigTimer


@pytest.fixture
def timed(tmp_path: Path, clock: FakeClock) -> Path:
    """A session of the timing module (open 5, long 12, pairs 6 in two rounds of 3, close 12),
    standing at the start of its pair work."""
    module = schema.check_module(document.parse(MODULE.encode(), "timing.toml"))
    plan = Plan(Agenda("timing", "Timing", dt.time(9), (AgendaItem("timing"),)), (module,))
    path = sessions.create(plan, tmp_path / "sessions", "timed", "Sam", clock=clock, code=CODE)
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pairs")
    return path


def kinds(path: Path) -> list[str]:
    return [e["type"] for e in store.load(path).events]


async def test_rounds_switch_with_a_signal_and_the_bell_on_the_facilitators_screen(
    timed: Path, clock: FakeClock
) -> None:
    app = make_app(timed, clock=clock, bell=True, watch=False)
    rang: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: rang.append("bell")  # type: ignore[method-assign]
        timer = app.query_one(BigTimer)
        digits = timer.query_one("#digits", Digits)
        assert "Speaker A · round 1 of 2" in text_of(timer.query_one("#timer-status")) and digits.value == "03:00"
        clock.advance(181)  # Speaker A's three minutes are up
        app.render_state()
        await pilot.pause()
        status = text_of(timer.query_one("#timer-status"))
        assert "Speaker B · round 2 of 2 · NEW" in status and timer.has_class("switched") and digits.value == "02:59"
        assert rang == ["bell"] and any("Speaker B" in str(n.message) for n in app._notifications)
        clock.advance(10)
        app.render_state()
        await pilot.pause()
        assert not timer.has_class("switched") and "NEW" not in text_of(timer.query_one("#timer-status"))


@pytest.mark.slow
async def test_n_moves_the_room_to_the_next_round_before_the_next_step(timed: Path, clock: FakeClock) -> None:
    app = make_app(timed, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        clock.advance(60)
        await pilot.press("n")
        await pilot.pause()
        state = app.session.state()
        assert state.step.qid == "timing/pairs" and state.step.round.label == "Speaker B"
        assert kinds(timed)[-1] == "round"
        await pilot.press("n")
        await pilot.pause()
        assert app.session.state().step.qid == "timing/close"


@pytest.mark.slow
async def test_the_room_sees_the_switch(timed: Path, clock: FakeClock) -> None:
    app = make_room(timed, clock=clock, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = app.query_one(RoomTimer)
        assert "Speaker A · round 1 of 2" in screen_text(app)
        clock.advance(182)
        app.render_state()
        await pilot.pause()
        assert "Switch! Now Speaker B · round 2 of 2" in screen_text(app) and timer.has_class("switched")
        clock.advance(10)
        app.render_state()
        await pilot.pause()
        assert "Switch!" not in screen_text(app) and not timer.has_class("switched")


@pytest.mark.slow
async def test_the_rail_forecasts_the_end(timed: Path, clock: FakeClock) -> None:
    app = make_app(timed, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)):
        planned, forecast = app.session.ends()
        rail = text_of(app.query_one(AgendaRail).query_one("#drift"))
        expected = dt.datetime.fromtimestamp(forecast).strftime("%H:%M")
        assert f"ends {expected}" in rail
        if planned is not None:
            assert f"(plan {dt.datetime.fromtimestamp(planned).strftime('%H:%M')})" in rail


@pytest.mark.slow
async def test_skip_move_and_a_break_from_the_facilitators_screen(timed: Path, clock: FakeClock) -> None:
    app = make_app(timed, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        pick = app.screen.query_one(OptionList)
        pick.highlighted = pick.get_option_index("timing/long")  # the long discussion: not run yet
        await pilot.press("s")
        await pilot.pause()
        assert kinds(timed)[-1] == "skip" and app.session.state().step_by_id("long").skipped
        assert "skip" in text_of(app.query_one(AgendaRail).query_one("#steps"))
        await pilot.press("g")
        pick = app.screen.query_one(OptionList)
        pick.highlighted = pick.get_option_index("timing/close")
        await pilot.press("m")
        await pilot.pause()
        assert "Move “Close” after which step?" in screen_text(app)
        targets = app.screen.query_one(OptionList)
        targets.highlighted = 0  # (first)
        await pilot.press("enter")
        await pilot.pause()
        assert [s.qid for s in app.session.state().steps][0] == "timing/close"
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        steps = app.session.state().steps
        assert kinds(timed)[-1] == "insert"
        brk = next(s for s in steps if s.inserted)
        assert brk.spec.minutes == 10 and steps[brk.index - 1].qid == "timing/pairs"
        assert "+ Break" in text_of(app.query_one(AgendaRail).query_one("#steps"))
