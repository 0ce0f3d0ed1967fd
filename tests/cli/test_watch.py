"""`workshop validate --watch`: every save is validated again, problems or "ok"."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
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


@pytest.mark.e2e
def test_watch_sees_each_save(tmp_path: Path) -> None:
    module = write_module(tmp_path)
    good = module.read_text("utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "validate", "--watch", str(module)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        out = lines_of(proc)
        read_until(out, "ok: module 'polls'")
        module.write_text(good.replace("minutes = 14", "minutes = 15", 1), encoding="utf-8")
        seen = read_until(out, "polls.toml:")
        assert any("minutes" in line for line in seen)
        module.write_text(good, encoding="utf-8")
        read_until(out, "ok: module 'polls'")
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode is not None
