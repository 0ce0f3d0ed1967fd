"""One byte that is not UTF-8, typed at a real terminal (0xFF sent over `serve --ssh`, a
terminal left in Latin-1): Textual decoded the keyboard strictly, the app panicked with a
traceback and exited. At the kiosk that handed the keyboard to the shell without the
facilitator's code. The app goes on and takes the next keys."""

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


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "ready"), [(("kiosk",), "Your name"), (("join", "--shared"), "join code")], ids=["kiosk", "join"]
)
def test_a_byte_that_is_not_utf8_neither_ends_the_app_nor_shows_a_traceback(
    tmp_path: Path, args: tuple[str, ...], ready: str
) -> None:
    path = sessions.create(polls_plan(), tmp_path / "s", "bytes", code="TEST42")
    sessions.Session.open(path).start()
    env = {**os.environ, "TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path / "state"), "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    terminal = Terminal(args[0], str(path), *args[1:], env=env)
    try:
        assert terminal.shows(ready), ESCAPES.sub(b"", terminal.shown)[-2000:]
        terminal.type(b"\xff")
        terminal.type(b"Zyx")
        assert terminal.shows("Zyx"), ESCAPES.sub(b"", terminal.shown)[-2000:]
        assert terminal.alive(), ESCAPES.sub(b"", terminal.shown)[-2000:]
        assert b"Traceback" not in terminal.shown and b"UnicodeDecodeError" not in terminal.shown
    finally:
        terminal.close()
