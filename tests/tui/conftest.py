from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from tests.support import polls_plan
from workshop import sessions

CODE = "TEST42"


class FakeClock:
    """A clock the test moves by hand; it starts at the real time so ballots cast by other
    processes (stamped with the real time) do not land in its future."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session_path(tmp_path: Path, clock: FakeClock) -> Path:
    return sessions.create(polls_plan(), tmp_path / "sessions", "live", "Sam", clock=clock, code=CODE)


@pytest.fixture
def short_45(tmp_path: Path, clock: FakeClock) -> Path:
    """A session of the bundled short-45 agenda (its modules in German and Spanish too)."""
    from workshop.content.library import catalog, plan_for

    return sessions.create(
        plan_for(catalog(), "short-45"), tmp_path / "sessions", "room", "Sam", clock=clock, code=CODE
    )


def text_of(widget: Static | OptionList, width: int = 120) -> str:
    """What a widget shows, as plain text."""
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    if isinstance(widget, OptionList):
        for index in range(widget.option_count):
            console.print(widget.get_option_at_index(index).prompt)
    else:
        console.print(widget.content)
    return console.export_text()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`workshop ...` in a separate process, as a participant at another terminal would."""
    return subprocess.run([sys.executable, "-m", "workshop", *args], capture_output=True, text=True, timeout=60)


async def wait_for(pilot, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Let the app run until `condition` holds (the file watcher works in the background, another
    process may be writing): checked every 0.05 s up to a deadline generous enough for a machine
    whose cores are all busy, which only a failing test waits out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "condition not met in time"


def screen_text(app) -> str:
    """What the terminal shows now, as plain text, one line per row: drawn by the compositor as
    for a screenshot, so only what is on screen (not what a widget holds out of sight) counts."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def unwrapped(text: str) -> str:
    """Screen text with runs of spaces squeezed, for looking up phrases within a line."""
    return re.sub(r"[ \u00a0]+", " ", text)
