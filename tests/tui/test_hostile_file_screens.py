"""A hostile file never reaches a screen (issue #23): escapes, surrogates and re-spelt signatures
written into the session by hand leave the facilitator's screen whole, its title its own, and
say what was refused."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.journal import hand
from tests.journal.test_hostile_file import HOSTILE
from tests.journal.test_hostile_properties import hostile_event
from tests.support import polls_plan
from tests.tui.conftest import FakeClock, screen_text, wait_for
from workshop import sessions
from workshop.tui.facilitator import make_app

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.mark.slow
async def test_escapes_and_surrogates_in_the_file_leave_the_facilitator_s_screen_whole(
    session_path: Path, clock: FakeClock
) -> None:
    live = sessions.Session.open(session_path, clock)
    live.start()
    live.goto("order")
    live.note("Ana", "an honest note")
    late = clock() + dt.timedelta(seconds=1)
    ana = live.state().participant_named("Ana").token
    blocks = [hand.block({**e, "at": late}) for e in HOSTILE]
    blocks += [
        hand.block(
            {
                "type": "note",
                "at": late,
                "note": f"{n:08x}",
                "step": "polls/order",
                "author": ana,
                "name": "Ana",
                "text": text,
            }
        )
        for n, text in enumerate(("wipe\x1b[2J", "half \udc00"))
    ]
    goto = hand.of_type(session_path, "goto")[0]
    sig = re.search(rb'sig = "([0-9a-f]{128})"', goto).group(1)
    blocks.append(hand.reseal(goto, (sig, sig.upper())))  # a copy of the first goto, re-spelt
    hand.append(session_path, *blocks)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: "an honest note" in screen_text(app))
        shown = screen_text(app)
        assert not CONTROLS.search(shown) and "owned" not in shown and "wipe" not in shown
        assert app.title == "Every kind of poll"
        assert live.state().step.qid == app.session.state().step.qid == "polls/order"
        said = [str(n.message) for n in app._notifications]
        assert sum("no writer of ours writes" in m for m in said) == len(blocks)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.slow
def test_random_hostile_events_never_reach_the_screen(tmp_path_factory, data) -> None:
    """The property test's hostile events (tests/journal/test_hostile_properties.py), appended to a
    running session: the facilitator's screen opens, shows no control character, and keeps its title."""
    path = sessions.create(polls_plan(), tmp_path_factory.mktemp("s"), "live", "Sam", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("order")
    live.note("Ana", "an honest note")
    tokens = tuple(p.token for p in live.state().participants)
    hostile = data.draw(st.lists(hostile_event(tokens=tokens), min_size=1, max_size=6))
    hand.append(path, *(hand.block({**e, "at": dt.datetime.now(dt.UTC)}) for e in hostile))

    async def look() -> str:
        app = make_app(path, bell=False, watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.title == "Every kind of poll"
            return screen_text(app)

    shown = asyncio.run(look())
    assert "an honest note" in shown and not CONTROLS.search(shown)


@pytest.mark.slow
async def test_thousands_of_damaged_blocks_are_told_in_a_dozen_notifications(
    session_path: Path, clock: FakeClock
) -> None:
    """Each damaged block was a notification of its own: 8,000 written by hand (120 KB) kept the
    facilitator's screen from opening for 13 s, and more for minutes. A dozen are told, the last
    with how many more (`workshop validate` lists them all)."""
    sessions.Session.open(session_path, clock).start()
    with session_path.open("ab") as handle:
        handle.write(b"[[events]]\nx\n\n" * 8000)
    app = make_app(session_path, clock=clock, bell=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 12 and said[-1].endswith(" (and 7988 more)"), said[-1]
