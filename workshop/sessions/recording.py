"""A session file read for replay: never written to."""

from __future__ import annotations

from pathlib import Path

from workshop.sessions.journal import latest_possible, poll, start


class Recording:
    """A session file read for replay. `refresh` feeds the replay whatever has been appended
    since, so a live session can be followed."""

    def __init__(self, path: Path) -> None:
        from workshop.engine.replay import (
            Replay,  # only replay needs it: kept out of every command's start-up
        )

        self.path = path
        self.follower, loaded, self.replay = start(
            path, lambda loaded: Replay(loaded.header, loaded.events, latest_possible(path))
        )
        self.warnings = loaded.warnings

    def new_warnings(self) -> list[str]:
        return self.follower.take_warnings()

    def refresh(self) -> int:
        new = poll(self.follower)
        self.replay.extend(new, latest_possible(self.path))
        return len(new)
