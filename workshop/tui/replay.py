"""Replay a saved session as it happened: the facilitator's own view (rail, timer, step, tallies,
notes) drawn from the engine's fold of the journal up to a moving instant (replay_screen.py).

The replay clock is virtual: play and pause it, speed it up, skip the quiet gaps, step by event
or by step, jump to a step from the rail, or click the timeline. Nothing is ever written to the
session file; a live session replays up to now and, following it, shows each new event.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import SystemCommand
from textual.screen import Screen

from workshop.sessions import Recording
from workshop.tui.follow import SessionApp
from workshop.tui.palette import commands
from workshop.tui.replay_screen import ReplayScreen


class ReplayApp(SessionApp):
    CSS_PATH = ["facilitator.tcss", "replay.tcss"]
    TITLE = "workshop · replay"
    main: ReplayScreen

    def __init__(
        self,
        recording: Recording,
        *,
        speed: float = 1.0,
        watch: bool = True,
        tick: float = 0.1,
        wall: Callable[[], float] = time.time,
        dark: bool = True,
    ) -> None:
        super().__init__(recording, watch=watch, tick=tick, dark=dark)
        self.recording = recording
        self.speed = speed
        self.wall = wall  # real time: how fast to play, and where "now" is for a live session

    def make_main(self) -> ReplayScreen:
        return ReplayScreen(self.recording.replay, speed=self.speed, wall=self.wall)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands(self.main)


def make_app(
    path: Path, *, speed: float = 1.0, watch: bool = True, wall: Callable[[], float] = time.time, dark: bool = True
) -> ReplayApp:
    """The one way to build the replay app, for the CLI and for tests alike."""
    return ReplayApp(Recording(path), speed=speed, watch=watch, wall=wall, dark=dark)
