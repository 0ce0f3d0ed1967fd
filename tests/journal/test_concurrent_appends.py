"""Many processes append to one session at once: every event lands exactly once, whole."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop.content.frozen import freeze
from workshop.journal import store

WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from workshop.journal import writer as appending
path, writer, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
while time.time() < go:
    time.sleep(0.001)
for i in range(count):
    appending.append(path, {"type": "note", "at": dt.datetime.now(dt.UTC), "note": f"{writer}{i:04x}",
                        "step": "polls/intro", "author": writer, "name": f"writer {writer}",
                        "text": "x" * (1 + i * 37 % 500)})
"""


@pytest.mark.e2e
@pytest.mark.load
def test_twenty_processes_appending_at_once_lose_and_double_nothing(tmp_path: Path) -> None:
    path = tmp_path / "busy.toml"
    store.create(path, {"id": "busy", "title": "Busy", "code": "ABCDEF", "agenda": freeze(polls_plan())})
    writers, each = 20, 25
    go = time.time() + 2.0  # every process starts appending at the same moment
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), _token(w), str(each), str(go)])
        for w in range(writers)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * writers
    loaded = store.load(path)
    assert not loaded.warnings
    seen = Counter(e["note"] for e in loaded.events)
    assert len(seen) == writers * each
    assert set(seen.values()) == {1}
    assert len(tomllib.loads(path.read_text("utf-8"))["events"]) == writers * each
    # each writer's own events keep their order
    for w in range(writers):
        mine = [e["note"] for e in loaded.events if e["author"] == _token(w)]
        assert mine == [f"{_token(w)}{i:04x}" for i in range(each)]


def _token(writer: int) -> str:
    """A participant token, as `people.newcomer` makes them (twelve hex digits)."""
    return f"{writer:012x}"
