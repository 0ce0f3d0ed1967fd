"""How a screen starts (issue #18): a command that opens one collects no garbage until its first
frame, and the screen turns the collector back on once it is drawn. Timings are benchmarks'
business (benchmarks/run.py first); these check only the behaviour."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from workshop.cli import app
from workshop.cli.argv import SCREENS, starts_a_screen
from workshop.tui.facilitator import make_app


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (["run"], True),
        (["run", "--no-bell", "half-day"], True),
        (["join", "demo"], True),
        (["replay", "demo", "--speed", "2"], True),
        (["preview", "m.toml"], True),
        (["run", "--help"], False),
        (["join", "demo", "--plain"], False),
        (["serve", "demo"], False),
        (["report", "demo"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_only_a_command_that_opens_a_screen_starts_without_the_collector(argv: list[str], starts: bool) -> None:
    assert starts_a_screen(argv) is starts


def test_every_screen_named_is_a_command() -> None:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert set(SCREENS) <= names


async def test_the_screen_turns_the_collector_back_on_after_its_first_frame(session_path: Path) -> None:
    screen = make_app(session_path, bell=False, watch=False)
    gc.disable()  # as main() leaves it for `workshop run`
    try:
        async with screen.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
