"""The room display from the first minute to the last: when it starts, when a break ends, the
thanks after the end (with the headline results only when asked for), the round's time, a
prompt too long for the screen turning its pages, and revealed results sharing every screen
size with a timer that stays in block digits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import by_name
from tests.cli.test_agenda_live import MODULE as TIMING
from tests.support import POLLS_MODULE, polls_plan
from tests.tui.conftest import FakeClock, screen_text, unwrapped
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.tui.display import make_app
from workshop.tui.widgets.bigclock import ROWS, RoomTimer

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)  # half an hour before the agenda's 09:00


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def plan_of(text: str, agenda: str = "Room") -> Plan:
    module = schema.check_module(document.parse(text.encode(), "m.toml"))
    return Plan(Agenda("a", agenda, dt.time(9), (AgendaItem(module.id),)), (module,))


async def redraw(app, pilot) -> str:
    app.render_state()
    await pilot.pause()
    await pilot.pause()  # the pages turn once the new text is laid out
    return unwrapped(screen_text(app))


@pytest.mark.slow
async def test_before_the_start_a_break_and_after_the_end(tmp_path: Path) -> None:
    clock = Clock()
    path = sessions.create(polls_plan(), tmp_path, "day", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await redraw(app, pilot)
        assert "Starting at" in shown and "Welcome. The workshop starts with Intro" in shown
        assert app.query_one(RoomTimer).scale() >= 1  # 09:00 in block digits
        clock.advance(30 * 60)
        live.start()
        live.insert_break(10)
        live.next()
        clock.advance(75)
        app.session.refresh()
        shown = await redraw(app, pilot)
        assert "Back at" in shown and "Break · 08:45 left of 10 min" in shown  # back at 09:10, in digits
        assert app.query_one(RoomTimer)._text == "09:10"
        live.pause()
        clock.advance(120)  # paused two minutes: the room is back two minutes later
        app.session.refresh()
        await redraw(app, pilot)
        assert app.query_one(RoomTimer)._text == "09:12"
        live.resume()
        live.end()
        app.session.refresh()
        shown = await redraw(app, pilot)
        assert "The workshop has ended" in shown and "Thank you for taking part." in shown
        assert "left of" not in shown and "Back at" not in shown and "Join:" not in shown  # no frozen timer


@pytest.mark.slow
async def test_the_ended_screen_has_headline_results_only_when_asked_and_only_those_seen(tmp_path: Path) -> None:
    clock = Clock()
    path = sessions.create(polls_plan(), tmp_path, "day", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    for step, ballots, reveal in (
        ("pick", [["Coaching"], ["Coaching"], ["Quality"]], True),
        ("dots", [["Coaching=3", "Quality=2"]], False),
    ):
        live.goto(step)
        for name, ballot in zip(("Ana", "Bo", "Cy"), ballots, strict=False):
            by_name.vote(live, name, ballot)
        if reveal:
            live.poll_action("reveal")
    live.end()
    for asked in (False, True):
        app = make_app(path, clock=clock, watch=False, headlines=asked)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = await redraw(app, pilot)
            assert "Thank you for taking part." in shown
            assert ("Which first?" in shown and "Coaching: 2 votes · 67%" in shown) == asked
            assert "Where to invest?" not in shown  # never revealed: it stays hidden


@pytest.mark.slow
async def test_a_round_shows_its_label_and_time_with_the_steps_beside_it(tmp_path: Path) -> None:
    clock = Clock()
    path = sessions.create(plan_of(TIMING), tmp_path, "pairs", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pairs")
    clock.advance(1)
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await redraw(app, pilot)
        assert "Speaker A · round 1 of 2 · 02:59 left of 3 min · step 05:59 left of 6 min" in shown
        assert app.query_one(RoomTimer)._text == "02:59"  # the digits count the round


LONG = "\n\n".join(f"Paragraph {i} of a long prompt, to be read to the room slowly." for i in range(1, 31))


@pytest.mark.slow
async def test_a_prompt_too_long_for_the_projector_turns_its_pages(tmp_path: Path) -> None:
    clock = Clock()
    text = POLLS_MODULE.replace('prompt = "Welcome."', f'prompt = """{LONG}"""', 1)
    path = sessions.create(plan_of(text), tmp_path, "long", "Sam", clock=clock, code="K7P2QX")
    sessions.Session.open(path, clock).start()
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await redraw(app, pilot)
        assert "Paragraph 1 of" in first and "page 1 of" in first and "more below" not in first
        pages = int(first.split("page 1 of ")[1].split()[0])
        seen = {n for n in range(1, 31) if f"Paragraph {n} of" in first}
        for page in range(2, pages + 1):
            clock.advance(12)
            shown = await redraw(app, pilot)
            assert f"page {page} of {pages}" in shown and "Paragraph 1 of" not in shown
            seen |= {n for n in range(1, 31) if f"Paragraph {n} of" in shown}
        assert seen == set(range(1, 31))  # every paragraph was on the screen, none skipped
        clock.advance(12)
        assert "page 1 of" in await redraw(app, pilot)  # and round again


SCALE = (
    POLLS_MODULE
    + """
[[steps]]
id = "nps"
title = "Eleven points"
kind = "poll"
minutes = 3
prompt = "Zero to ten."
[steps.poll]
question = "How likely are you to recommend this workshop to a colleague in another centre?"
vote = "scale"
min = 0
max = 10
labels = { 0 = "not at all likely", 10 = "extremely likely" }
reveal = "live"
"""
)
SCALE = SCALE.replace("minutes = 14", "minutes = 17", 1)

SIZES = [(80, 24), (100, 30), (120, 40), (160, 45), (200, 50), (200, 60)]


@pytest.mark.parametrize("step", ["nps", "pick", "many", "fist", "dots", "order"])
@pytest.mark.slow
async def test_revealed_results_share_every_size_with_a_timer_in_digits(tmp_path: Path, step: str) -> None:
    clock = FakeClock()
    path = sessions.create(plan_of(SCALE), tmp_path, "nps", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto(step)
    view = live.state().poll
    assert view is not None
    options = view.poll.options or [str(x) for x in range(view.poll.min or 0, (view.poll.max or 0) + 1)]
    for n, option in enumerate(options[:-1]):  # the last option chosen by nobody: a zero to draw
        value = (
            [str(n)]
            if view.poll.vote == "scale"
            else list(reversed(options))
            if view.poll.vote == "rank"
            else [f"{option}=1"]
            if view.poll.vote == "dots"
            else [option]
        )
        by_name.vote(live, f"P{n}", value)
    live.poll_action("reveal")
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=SIZES[0]) as pilot:
        for size in SIZES:
            await pilot.resize_terminal(*size)
            shown = await redraw(app, pilot)
            timer = app.query_one(RoomTimer)
            assert timer.scale() >= 1 and timer.region.height >= ROWS, (size, shown)
            assert timer.region.height <= size[1] // 4, size  # a quarter at most: the results have the rest
            assert "░" not in shown  # an option nobody chose draws nothing, not an empty track
            tally = live.state().poll.tally
            for row in tally.rows:
                assert row.label in shown, (size, row.label, shown)
            if tally.mean is not None:
                assert f"mean {tally.mean:.1f} · median {tally.median:g}" in shown, (size, shown)


@pytest.mark.slow
async def test_more_questions_than_fit_turn_their_pages(tmp_path: Path) -> None:
    from tests.support import room_plan

    clock = Clock()
    path = sessions.create(room_plan(), tmp_path, "qa", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("questions")
    for n in range(1, 25):
        by_name.ask(live, f"P{n}", f"Question number {n} from the floor?")
    app = make_app(path, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await redraw(app, pilot)
        assert "Question number 1 from" in first and "page 1 of" in first
        clock.advance(12)
        second = await redraw(app, pilot)
        assert "page 2 of" in second and "Question number 1 from" not in second
        assert "Question number 24 from" in second or "page 2 of 2" not in second
