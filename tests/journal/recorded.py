"""A small recorded session to damage: every kind of event the verbs write, and where each
block sits in the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests import by_name
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import blocks

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class Ticking:
    """A clock that moves a second per reading: events get distinct, increasing times."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def record(folder: Path, name: str = "rec") -> Path:
    """A session with joins, ballots, notes, an action, moves and a pause: about 16 blocks."""
    path = sessions.create(polls_plan(), folder, name, "Sam", clock=Ticking(), code="TEST42")
    s = sessions.Session.open(path, Ticking())
    s.start()
    s.note("Ana", 'First "note" [b]x[/b] with = signs')
    s.note(None, "From the front", action=True)
    s.goto("pick")
    by_name.vote(s, "Ana", ["Coaching"])
    by_name.vote(s, "Bo", ["2"])
    s.pause()
    s.resume()
    s.goto("fist")
    by_name.vote(s, "Ana", ["4"])  # anonymous
    s.extend(2)
    s.goto("order")
    by_name.vote(s, "Cy", ["Trust", "Goals", "Change", "Letting go"])
    return path


def block_spans(data: bytes) -> list[tuple[int, int]]:
    """Each block's (header offset, next header offset or end) in an undamaged file."""
    heads = [m.start() for m in blocks._HEADER_LINE.finditer(data)]
    return [(h, heads[i + 1] if i + 1 < len(heads) else len(data)) for i, h in enumerate(heads)]
