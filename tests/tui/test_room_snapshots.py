"""How the room display looks on a projector, small and large: a running step, a hidden poll and
each vote kind revealed. Nothing on it is meant for the facilitator: no key hint anywhere.
Update with `pytest tests/tui/test_room_snapshots.py --snapshot-update` after a deliberate change."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.support import polls_plan
from tests.tui.conftest import screen_text
from tests.tui.test_snapshots import Fixed
from workshop import sessions
from workshop.tui.room import make_app

BALLOTS = {
    "pick": [["2"], ["Planning"], ["Quality"], ["1"]],
    "many": [["1", "3"], ["Coaching"], ["2"]],
    "fist": [["4"], ["2"], ["5"], ["4"]],
    "dots": [["Coaching=3", "Quality=2"], ["Planning=2", "Coaching=1"]],
    "order": [["Trust", "Goals", "Change", "Letting go"], ["Goals", "Trust", "Letting go", "Change"]],
    "word": [["More coaching"], ["more coaching."], ["A calmer rota, planned a month ahead"]],
}
SHOWS = [("talk", "running step"), ("dots", "hidden poll")] + [
    (step, f"{kind} revealed") for step, kind in
    (("pick", "single"), ("many", "multi"), ("fist", "scale"), ("dots", "dots"), ("order", "rank"), ("word", "text"))]
CASES = [pytest.param(size, step, "revealed" in what, id=f"room {size[0]}x{size[1]}, {what}")
         for size in ((80, 24), (200, 50)) for step, what in SHOWS]

# What a key hint looks like: a key named with what it does, a key in brackets, or the footer.
HINTS = re.compile(r"\bpress\b|\(([a-z]|PgDn|ctrl\+\w)\)|\bPgDn\b|\^p|\bpalette\b|\bq Quit\b", re.IGNORECASE)


def _session(tmp_path: Path, clock: Fixed, step: str, reveal: bool) -> Path:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    clock.now += dt.timedelta(seconds=50)
    if step != "talk":
        live.goto(step)
        clock.now += dt.timedelta(seconds=25)
        for name, ballot in zip(("Ana", "Bo", "Cy", "Di"), BALLOTS[step], strict=False):
            live.vote(name, ballot)
        if reveal:
            live.poll_action("reveal")
    return path


@pytest.mark.parametrize(("size", "step", "reveal"), CASES)
def test_room(snap_compare, tmp_path: Path, size: tuple[int, int], step: str, reveal: bool) -> None:
    clock = Fixed()
    app = make_app(_session(tmp_path, clock, step, reveal), clock=clock, watch=False)

    async def no_key_hints(pilot) -> None:
        await pilot.pause()
        shown = screen_text(app)
        assert not HINTS.search(shown), shown

    assert snap_compare(app, terminal_size=size, run_before=no_key_hints)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)],
                         ids=["room 80x24, waiting, served", "room 200x50, waiting, served"])
def test_room_waiting_with_the_join_code(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Before the start, while `serve` runs: the QR code of the join page beside the wait, black on
    white (small at 80x24, two cells a module where the screen allows)."""
    clock = Fixed()
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    sessions.Session.open(path, clock).announce("http://192.168.1.5:8000")
    assert snap_compare(make_app(path, clock=clock, watch=False), terminal_size=size)
