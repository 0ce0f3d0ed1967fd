"""How the facilitator's screen looks: committed SVG snapshots (pytest-textual-snapshot).
Update them with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change; the
guides show some of them (docs/images, tests/test_docs.py says which), copied over by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import by_name
from tests.support import polls_plan
from workshop import sessions
from workshop.tui.facilitator import make_app

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class Fixed:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def _session(tmp_path: Path, clock: Fixed, reveal: bool, poll: bool = True) -> Path:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "room-a", "Sam", clock=clock, code="K7P2QX")
    live = sessions.Session.open(path, clock)
    live.start()
    clock.now += dt.timedelta(seconds=95)
    if not poll:
        live.note("Ana", "Can we get [bold]the[/] rota earlier?")
        return path
    live.goto("dots")
    clock.now += dt.timedelta(seconds=40)
    by_name.vote(live, "Ana", ["Coaching=3", "Quality=2"])
    by_name.vote(live, "Bo", ["Planning=2", "Coaching=1"])
    live.join("Cy")
    live.note("Bo", "Dots on coaching again, as last quarter")
    if reveal:
        live.poll_action("reveal")
    return path


SCREENS = {
    "80x24 dark": ((80, 24), True),
    "80x24 light": ((80, 24), False),
    "160x45 dark": ((160, 45), True),
    "160x45 light": ((160, 45), False),
}


@pytest.mark.parametrize(
    ("size", "dark", "reveal"),
    [
        pytest.param(size, dark, reveal, id=f"{screen}, dots poll {'revealed' if reveal else 'hidden'}")
        for reveal in (False, True)
        for screen, (size, dark) in SCREENS.items()
    ],
)
def test_poll_step(snap_compare, tmp_path: Path, size: tuple[int, int], dark: bool, reveal: bool) -> None:
    clock = Fixed()
    app = make_app(_session(tmp_path, clock, reveal), clock=clock, bell=False, watch=False, dark=dark)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24 dark, talk step", "160x45 dark, talk step"])
def test_talk_step_with_a_note(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = Fixed()
    app = make_app(_session(tmp_path, clock, reveal=False, poll=False), clock=clock, bell=False, watch=False)
    assert snap_compare(app, terminal_size=size)
