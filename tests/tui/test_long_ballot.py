"""A ballot longer than the window: a poll of ten options on a participant's screen. Arrowing down
the options, the one chosen is always on the screen, and so is the line that says how to cast."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.support import module_after_an_intro
from tests.tui.conftest import CODE, FakeClock, screen_text, unwrapped, wait_for
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.tui.participant import make_app

OPTIONS = [f"Option number {n} of the ten" for n in range(1, 11)]
HINT = "Up and down choose; enter (or a click) casts."

MODULE = module_after_an_intro(
    "ten",
    "Ten options",
    4,
    f"""[[steps]]
id = "choose"
title = "Choose one of ten"
kind = "poll"
minutes = 2
prompt = '''Read them all first: each is a change a team here asked for last quarter.

Some cost money, some cost time; none is free.

Then choose the one that matters most to your team this quarter.'''
[steps.poll]
question = "Which one matters most?"
vote = "single"
options = [{", ".join(f'"{o}"' for o in OPTIONS)}]
""",
)


@pytest.fixture
def ten(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    module = schema.check_module(document.parse(MODULE.encode(), "ten.toml"))
    plan = Plan(Agenda("ten", "Ten options", dt.time(9), (AgendaItem(module.id),)), (module,))
    return sessions.create(plan, tmp_path / "sessions", "ten", "Sam", clock=clock, code=CODE)


def chosen_row(app) -> str:
    """The screen row the chosen (highlighted) option is drawn on, if that row is in sight: blank
    if the option list has scrolled it out of its window or the screen has scrolled the list off."""
    choices = app.main.query_one("#choices", OptionList)
    assert choices.highlighted is not None
    row = choices.content_region.y + choices.highlighted - round(choices.scroll_offset.y)
    region, clip = app.screen._compositor.visible_widgets.get(choices, (None, None))
    if region is None or not region.intersection(clip).contains(choices.content_region.x, row):
        return ""
    return screen_text(app).splitlines()[row]


@pytest.mark.slow
@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_every_option_of_a_long_ballot_comes_into_sight_as_the_arrows_reach_it(
    ten: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    from tests.tui.test_participant import join

    live = sessions.Session.open(ten, clock)
    live.start()
    app = make_app(ten, clock=clock, watch=False)
    async with app.run_test(size=size) as pilot:
        await join(pilot)
        live.goto("choose")
        app.sync()
        await wait_for(pilot, lambda: HINT in unwrapped(screen_text(app)))
        assert "Choose one of ten" in screen_text(app)  # the step still opens at its title
        for n, option in enumerate(OPTIONS):
            if n:
                await pilot.press("down")

            def in_sight(option: str = option) -> bool:
                shown = unwrapped(screen_text(app))
                return option in chosen_row(app) and HINT in shown and "Cast ballot" in shown

            with contextlib.suppress(AssertionError):  # said below, with the screen
                await wait_for(pilot, in_sight, seconds=5)
            assert in_sight(), f"{size}: {option!r} or a hint is out of sight:\n{screen_text(app)}"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "your ballot is recorded" in screen_text(app))
        assert app.main.session.my_ballot(app.main.person, "ten/choose") == (OPTIONS[-1],)


@pytest.mark.slow
async def test_a_refused_ballot_says_so_where_the_eyes_are(ten: Path, clock: FakeClock) -> None:
    """At the foot of a long ballot at 80x24, a ballot refused (the poll closed a moment before
    this screen heard of it) says why on the screen, not in a line scrolled out of sight."""
    from tests.tui.test_participant import join

    live = sessions.Session.open(ten, clock)
    live.start()
    app = make_app(ten, clock=clock, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(pilot)
        live.goto("choose")
        app.sync()
        await wait_for(pilot, lambda: HINT in unwrapped(screen_text(app)))
        await pilot.press(*["down"] * 9)
        await wait_for(pilot, lambda: OPTIONS[-1] in chosen_row(app))
        live.poll_action("close")  # this screen does not follow the file: it learns of it when it casts
        await pilot.press("enter")
        said = "the poll ten/choose is closed"
        with contextlib.suppress(AssertionError):  # said below, with the screen
            await wait_for(pilot, lambda: said in unwrapped(screen_text(app)), seconds=5)
        assert said in unwrapped(screen_text(app)), screen_text(app)
