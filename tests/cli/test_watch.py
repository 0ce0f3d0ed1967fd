"""`workshop validate --watch`: every save is validated again, problems or "ok"."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import write_module


def lines_of(proc: subprocess.Popen) -> queue.Queue:
    out: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [out.put(line) for line in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
    return out


def read_until(out: queue.Queue, needle: str, seconds: float = 20) -> list[str]:
    seen: list[str] = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            seen.append(out.get(timeout=0.2))
        except queue.Empty:
            continue
        if needle in seen[-1]:
            return seen
    raise AssertionError(f"{needle!r} never came; saw {seen}")


@contextmanager
def watching(module: Path) -> Iterator[queue.Queue]:
    """`workshop validate --watch MODULE` running, its output line by line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "validate", "--watch", str(module)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield lines_of(proc)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.e2e
def test_watch_sees_each_save(tmp_path: Path) -> None:
    module = write_module(tmp_path)
    good = module.read_text("utf-8")
    with watching(module) as out:
        read_until(out, "ok: module 'polls'")
        module.write_text(good.replace("minutes = 14", "minutes = 15", 1), encoding="utf-8")
        seen = read_until(out, "polls.toml:")
        assert any("minutes" in line for line in seen)
        module.write_text(good, encoding="utf-8")
        read_until(out, "ok: module 'polls'")


@pytest.mark.e2e
def test_watch_sees_a_save_that_keeps_the_size_and_the_time(tmp_path: Path) -> None:
    """A second save in the same clock tick, or a tool that puts the old time back, changes neither
    the size nor the modification time; the watcher still validates what the file now holds."""
    module = write_module(tmp_path)
    good = module.read_text("utf-8")
    before = module.stat()
    with watching(module) as out:
        read_until(out, "ok: module 'polls'")
        broken = good.replace("minutes = 14", "minutes = 15", 1)
        assert broken != good and len(broken) == len(good)
        module.write_text(broken, encoding="utf-8")
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (module.stat().st_size, module.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        seen = read_until(out, "polls.toml:")
        assert any("minutes" in line for line in seen)


@pytest.mark.e2e
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_watch_goes_on_past_a_pipe_in_the_folder(tmp_path: Path) -> None:
    """A named pipe among the modules is refused by validate; the watcher, reading each file to see
    whether it changed, waited on it for a writer forever and said nothing, not even the first time."""
    module = write_module(tmp_path)
    os.mkfifo(tmp_path / "pipe.toml")
    good = module.read_text("utf-8")
    with watching(tmp_path) as out:
        read_until(out, "ok: module 'polls'")  # after the pipe's line: its name comes first
        module.write_text(good.replace("minutes = 14", "minutes = 15", 1), encoding="utf-8")
        assert "polls.toml:" in read_until(out, "minutes")[-1]
