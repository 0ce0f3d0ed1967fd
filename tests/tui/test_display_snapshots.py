"""How the room display looks on a projector, small and large, from the first minute to the last:
before the start, a running step, a hidden poll, each vote kind revealed (its timer still in
block digits), a step in rounds, a break, a consent poll reached and not reached, and the ended
screen. Nothing on it is meant for the facilitator: no key hint, no count of wrong join codes,
no "everyone has voted" (a cue to move on), whatever the session holds.
Update with `pytest tests/tui/test_display_snapshots.py --snapshot-update` after a deliberate change."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import pytest

from tests import by_name
from tests.cli.test_agenda_live import MODULE as TIMING
from tests.engine.test_consent import MODULE as CONSENT
from tests.support import polls_plan
from tests.tui.conftest import screen_text
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.sessions import door
from workshop.sessions.refusals import WrongJoinCode
from workshop.tui.display import make_app
from workshop.tui.widgets.bigclock import RoomTimer

BALLOTS = {
    "pick": [["2"], ["Planning"], ["Quality"], ["1"]],
    "many": [["1", "3"], ["Coaching"], ["2"]],
    "fist": [["4"], ["2"], ["5"], ["4"]],
    "dots": [["Coaching=3", "Quality=2"], ["Planning=2", "Coaching=1"]],
    "order": [["Trust", "Goals", "Change", "Letting go"], ["Goals", "Trust", "Letting go", "Change"]],
    "word": [["More coaching"], ["more coaching."], ["A calmer rota, planned a month ahead"]],
}
SHOWS = [("talk", "running step"), ("dots", "hidden poll")] + [
    (step, f"{kind} revealed")
    for step, kind in (
        ("pick", "single"),
        ("many", "multi"),
        ("fist", "scale"),
        ("dots", "dots"),
        ("order", "rank"),
        ("word", "text"),
    )
]
CASES = [
    pytest.param(size, step, "revealed" in what, id=f"room {size[0]}x{size[1]}, {what}")
    for size in ((80, 24), (200, 50))
    for step, what in SHOWS
]

# What a key hint looks like: a key named with what it does, a key in brackets, or the footer;
# and the facilitator's lines: wrong join codes, the cue that everyone has voted, what to do next.
HINTS = re.compile(
    r"\bpress\b|\(([a-z]|PgDn|ctrl\+\w)\)|\bPgDn\b|\^p|\bpalette\b|\bq Quit\b|wrong code"
    r"|everyone has voted|objections round|vote again|more below",
    re.IGNORECASE,
)


def _session(tmp_path: Path, clock: Fixed, step: str, reveal: bool) -> Path:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    clock.now += dt.timedelta(seconds=50)
    if step != "talk":
        live.goto(step)
        clock.now += dt.timedelta(seconds=25)
        for name, ballot in zip(("Ana", "Bo", "Cy", "Di"), BALLOTS[step], strict=False):
            by_name.vote(live, name, ballot)
            live.present(live.person(name))  # everyone here has voted: the facilitator's cue
        _wrong_code(live)  # the facilitator's join bar counts it; the room's never does
        if reveal:
            live.poll_action("reveal")
    return path


async def _for_the_room(pilot) -> None:
    """Checked before each picture: nothing meant for the facilitator, and revealed results
    leave the timer in block digits."""
    app = pilot.app
    await pilot.pause()
    shown = screen_text(app)
    assert not HINTS.search(shown), shown
    if app.screen.has_class("results"):
        assert app.query_one(RoomTimer).scale() >= 1, shown


@pytest.mark.parametrize(("size", "step", "reveal"), CASES)
def test_room(snap_compare, tmp_path: Path, size: tuple[int, int], step: str, reveal: bool) -> None:
    clock = Fixed()
    app = make_app(_session(tmp_path, clock, step, reveal), clock=clock, watch=False)
    assert snap_compare(app, terminal_size=size, run_before=_for_the_room)


@pytest.mark.parametrize(
    "size", [(80, 24), (200, 50)], ids=["room 80x24, waiting, served", "room 200x50, waiting, served"]
)
def test_room_waiting_with_the_join_code(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Before the start, while `serve` runs: the QR code of the join page beside the wait, black on
    white (small at 80x24, two cells a module where the screen allows)."""
    clock = Fixed()
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    sessions.Session.open(path, clock).announce("http://192.168.1.5:8000")
    assert snap_compare(make_app(path, clock=clock, watch=False), terminal_size=size)


SIZES = [(80, 24), (200, 50)]


def _moment(tmp_path: Path, clock: Fixed, moment: str) -> Path:
    """A session at one of the room's moments: before the start (made half an hour before the
    agenda's 09:00), a break, a step in rounds, a consent poll, the end."""
    if moment.startswith("consent"):
        plan = Plan(
            Agenda("d", "Deciding together", dt.time(9), (AgendaItem("decide"),)),
            (schema.check_module(document.parse(CONSENT.encode(), "decide.toml")),),
        )
    elif moment == "rounds":
        plan = Plan(
            Agenda("t", "Timing", dt.time(9), (AgendaItem("timing"),)),
            (schema.check_module(document.parse(TIMING.encode(), "timing.toml")),),
        )
    else:
        plan = polls_plan()
    if moment == "before the start":
        clock.now -= dt.timedelta(minutes=30)
    path = sessions.create(plan, tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    _wrong_code(live)
    if moment == "before the start":
        return path
    live.start()
    clock.now += dt.timedelta(seconds=50)
    if moment == "a break":
        live.insert_break(10)
        live.next()
        clock.now += dt.timedelta(seconds=65)
    elif moment == "rounds":
        live.goto("pairs")
        clock.now += dt.timedelta(seconds=200)  # Speaker B's round, 2:40 left of it
    elif moment.startswith("consent"):
        ballots = [[4], [5], [3], [4], [3], [5]] if moment == "consent reached" else [[4], [2], [3], [1], [5], [4]]
        for name, ballot in zip(("Ana", "Bo", "Cy", "Di", "Ed", "Flo"), ballots, strict=True):
            by_name.vote(live, name, [str(ballot[0])])
            live.present(live.person(name))
        live.poll_action("close")
    elif moment == "the end":
        for step in ("pick", "fist", "order"):
            live.goto(step)
            for name, ballot in zip(("Ana", "Bo", "Cy"), BALLOTS[step], strict=False):
                by_name.vote(live, name, ballot)
            live.poll_action("reveal")
        live.end()
    return path


MOMENTS = ["before the start", "a break", "rounds", "consent reached", "consent not reached", "the end"]


@pytest.mark.parametrize(
    ("size", "moment"),
    [pytest.param(size, moment, id=f"room {size[0]}x{size[1]}, {moment}") for size in SIZES for moment in MOMENTS],
)
def test_room_through_the_session(snap_compare, tmp_path: Path, size: tuple[int, int], moment: str) -> None:
    clock = Fixed()
    app = make_app(_moment(tmp_path, clock, moment), clock=clock, watch=False, headlines=True)
    assert snap_compare(app, terminal_size=size, run_before=_for_the_room)


def _wrong_code(live: sessions.Session) -> None:
    """A phone types a wrong join code, as the one way in counts it (sessions/door.py)."""
    with contextlib.suppress(WrongJoinCode):
        door.join_code(live, "WRONG1", door.Client("10.0.0.9", "phone"))
