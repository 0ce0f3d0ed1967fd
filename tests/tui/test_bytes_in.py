"""Bytes a terminal sends that no keyboard makes (anyone can send them over `serve --ssh`, a
terminal in Latin-1 or a paste of binary data can): Textual decoded and parsed them without
limits, and one byte that is not UTF-8 or one kitty key past U+10FFFF made the app panic with a
traceback and exit (at the kiosk, to the shell, without the facilitator's code); an in-band
window size made it as large as it said, past the 300×100 cells `serve` and ssh keep a terminal
to. The app goes on, at the terminal's own size, and takes the next keys."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """`python -m workshop ARGS` in a pseudo-terminal of 120×40, as a person's terminal runs it."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: nothing here may return into pytest
            try:
                os.execve(sys.executable, [sys.executable, "-m", "workshop", *args], env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.shown = b""

    def alive(self) -> bool:
        return os.waitpid(self.pid, os.WNOHANG) == (0, 0)

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)

    def shows(self, text: str, seconds: float = 60) -> bool:
        """Whether `text` is drawn (escapes aside) before `seconds` pass or the terminal closes."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text.encode() in ESCAPES.sub(b"", self.shown):
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.shown += os.read(self.fd, 65536)
                except OSError:  # the terminal closed: the app is gone
                    return text.encode() in ESCAPES.sub(b"", self.shown)
        return False

    def close(self) -> None:
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


SENT = {
    "not-utf8": b"\xff",
    "kitty-key-past-unicode": b"\x1b[99999999u",
    "kitty-key-a-surrogate": b"\x1b[55296u",
    "kitty-text-past-unicode": b"\x1b[65;1;99999999999u",
    "zero-columns-then-a-click": b"\x1b[48;40;0;1;0t\x1b[<0;5;5M",
}
APPS = {"kiosk": (("kiosk",), "Your name"), "join": (("join", "--shared"), "join code")}


@pytest.mark.e2e
@pytest.mark.parametrize("sent", SENT.values(), ids=SENT.keys())
@pytest.mark.parametrize(("args", "ready"), APPS.values(), ids=APPS.keys())
def test_bytes_no_keyboard_makes_neither_end_the_app_nor_show_a_traceback(
    tmp_path: Path, args: tuple[str, ...], ready: str, sent: bytes
) -> None:
    terminal = _started(tmp_path, args, ready)
    try:
        terminal.type(sent)
        terminal.type(b"Zyx")
        assert terminal.shows("Zyx"), ESCAPES.sub(b"", terminal.shown)[-2000:]
        terminal.type(b"Wvu")  # and the frame after the one that showed what was sent
        assert terminal.shows("ZyxWvu"), ESCAPES.sub(b"", terminal.shown)[-2000:]
        assert terminal.alive(), ESCAPES.sub(b"", terminal.shown)[-2000:]
        assert b"Traceback" not in terminal.shown and b"Error" not in terminal.shown
    finally:
        terminal.close()


@pytest.mark.e2e
def test_an_in_band_window_size_does_not_make_the_app_huge(tmp_path: Path) -> None:
    """`ESC [ 48 ; 3000 ; 3000 ; … t` typed into a 120×40 terminal: the kiosk drew 3000×3000
    cells (4.5 MB for one frame, 160 MB of memory), and took seconds a key after it."""
    terminal = _started(tmp_path, ("kiosk",), "Your name")
    try:
        terminal.shown = b""
        terminal.type(b"\x1b[48;3000;3000;30000;30000t")
        terminal.type(b"Zyx")
        assert terminal.shows("Zyx"), ESCAPES.sub(b"", terminal.shown)[-2000:]
        terminal.type(b"Wvu")  # a frame drawn after the size was taken
        assert terminal.shows("ZyxWvu"), ESCAPES.sub(b"", terminal.shown)[-2000:]
        rows = {int(row) for row in re.findall(rb"\x1b\[(\d+);\d+H", terminal.shown)}
        assert rows and max(rows) <= 40, sorted(rows)[-5:]
        assert terminal.alive()
    finally:
        terminal.close()


def _started(tmp_path: Path, args: tuple[str, ...], ready: str) -> Terminal:
    path = sessions.create(polls_plan(), tmp_path / "s", "bytes", code="TEST42")
    sessions.Session.open(path).start()
    env = {**os.environ, "TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path / "state"), "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    terminal = Terminal(args[0], str(path), *args[1:], env=env)
    assert terminal.shows(ready), ESCAPES.sub(b"", terminal.shown)[-2000:]
    return terminal
