"""`--output` pointed somewhere that is not a plain file: a folder, a pipe nobody reads, a
device. Each is one line or a write, never a hang: a pipe with no reader would block the command
for good."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop
from workshop.cli import app


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


@pytest.mark.parametrize(
    "command",
    [("report", "s"), ("actions", "s"), ("decisions", "s"), ("draft", "article.txt")],
    ids=lambda c: c[0],
)
def test_a_dash_is_standard_output_as_unix_tools_read_it(
    ws: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """`-o -` prints what the command makes, as `-o` left out does; it wrote a file called `-` in
    the folder the command ran in, which the next `cat -` could not even read."""
    ws.started_at()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Trust first\n\nTeams that trust each other recover faster.\n" * 3)

    def run(*args: str) -> str:
        if command[0] == "draft":  # it takes no --sessions-dir
            result = CliRunner().invoke(app, list(args))
            assert result.exit_code == 0, result.output
            return result.stdout
        return ws.ok(*args).stdout

    plain = run(*command)
    dashed = run(*command, "-o", "-")
    assert dashed == plain and plain.strip(), dashed
    assert not (tmp_path / "-").exists()
