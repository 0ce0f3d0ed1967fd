"""`--output` pointed somewhere that is not a plain file: a folder, a pipe nobody reads, a
device. Each is one line or a write, never a hang: a pipe with no reader would block the command
for good."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.cli.conftest import Workshop


def _unblock_after(fifo: Path, seconds: float, answered: threading.Event) -> threading.Thread:
    """A reader that turns up late (once the command has answered, or after `seconds` at the
    most): should the command wait for one, the test ends anyway."""

    def read() -> None:
        answered.wait(seconds)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while True:
                threading.Event().wait(0.05)
                try:
                    if not os.read(fd, 65536):
                        break
                except BlockingIOError:
                    continue
        finally:
            os.close(fd)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("command", [("report", "s"), ("actions", "s", "--format", "csv")], ids=lambda c: c[0])
def test_a_pipe_nobody_reads_is_one_line_at_once(ws: Workshop, tmp_path: Path, command: tuple[str, ...]) -> None:
    ws.started_at()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    answered = threading.Event()
    reader = _unblock_after(fifo, 3, answered)
    ws.refused(*command, "--output", str(fifo), says=f"{fifo}: cannot write: it is a pipe or device with nothing")
    answered.set()
    reader.join(10)


def test_a_pipe_with_a_reader_gets_the_report(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # at the other end before the command opens it
    try:
        ws.ok("report", "s", "--output", str(fifo))
        got = os.read(reader, 1 << 16)  # a short report fits in the pipe's buffer whole
    finally:
        os.close(reader)
    assert got.startswith(b"# ")


def test_a_folder_is_one_line(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    ws.refused("report", "s", "--output", str(tmp_path), says=f"{tmp_path}: cannot write: it is a folder")


def test_a_device_is_written(ws: Workshop) -> None:
    ws.started_at()
    assert ws.ok("report", "s", "--output", os.devnull).stdout == f"{os.devnull}\n"
