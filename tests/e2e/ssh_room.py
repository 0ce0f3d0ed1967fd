"""What the ssh tests share: `serve --ssh` as a real process on loopback ports (`served`), and the
system's own ssh client in tmux windows of a tmux server of the run's own (a temporary
known_hosts, accepting the host key on first use), typed into as a person at another machine
would: key by key, looking before typing on."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.phones import free_port
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

NEEDS = pytest.mark.skipif(
    not (shutil.which("tmux") and shutil.which("ssh")),
    reason="needs tmux and the ssh client (CI installs both with apt-get)",
)
SOCKET = f"workshop-ssh-test-{os.getpid()}"  # a tmux server of this run's own
WAIT = 60  # seconds: a loaded two-core machine starts an app slowly; a broken one never shows it


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True).stdout


def until(condition, seconds: float = WAIT, what: str = "it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what} never happened")


@dataclass
class Served:
    path: Path
    live: sessions.Session
    ssh_port: int
    process: subprocess.Popen
    known: Path

    def events(self, *types: str) -> list[dict]:
        return [e for e in store.load(self.path).events if e["type"] in types]

    def ssh(self, *args: str, user: str = "join", command: tuple[str, ...] = (), log: str = "ERROR") -> list[str]:
        return [
            "ssh",
            "-p",
            str(self.ssh_port),
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            f"UserKnownHostsFile={self.known}",
            "-o",
            "BatchMode=yes",
            "-o",
            f"LogLevel={log}",
            *args,
            f"{user}@127.0.0.1",
            *command,
        ]

    def apps(self) -> list[int]:
        return [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-f", f"workshop (join --shared|kiosk) {self.path}"], capture_output=True, text=True
            ).stdout.split()
        ]


@contextmanager
def ssh_room(tmp_path: Path, args: tuple[str, ...] = ("--per-address", "2")) -> Iterator[Served]:
    """A started session at its first poll, served with `--ssh` (and `args`) until the block ends."""
    path = sessions.create(polls_plan(), tmp_path / "sessions", "ssh", "Sam", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    ssh_port = free_port()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    with open(tmp_path / "serve.log", "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "workshop",
                "serve",
                str(path),
                "--port",
                str(free_port()),
                "--ssh",
                str(ssh_port),
                *args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server = Served(path, live, ssh_port, process, tmp_path / "known_hosts")
    try:
        until(lambda: server.events("serve") or process.poll() is not None, what="the serve event")
        assert process.poll() is None, (tmp_path / "serve.log").read_text()
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


def screen(window: str) -> str:
    return tmux("capture-pane", "-p", "-t", window)


def wait_screen(window: str, pattern: str, seconds: float = WAIT) -> str:
    def shown() -> str | None:
        text = screen(window)
        return text if re.search(pattern, text) else None

    return until(shown, seconds, what=f"{pattern!r} on {window}")


def open_window(served: Served, name: str, width: int, height: int) -> None:
    """A terminal window of its own, in which a person types the ssh command."""
    command = " ".join(served.ssh()) + "; echo ssh ended; sleep 600"
    if subprocess.run(["tmux", "-L", SOCKET, "has-session", "-t", "room"], capture_output=True).returncode == 0:
        tmux("new-window", "-t", "room", "-n", name, command)
        tmux("resize-window", "-t", f"room:{name}", "-x", str(width), "-y", str(height))
    else:
        tmux("new-session", "-d", "-s", "room", "-n", name, "-x", str(width), "-y", str(height), command)


def type_in(target: str, text: str) -> None:
    """Type `text` and wait until it shows: keys a person types arrive apart, not in one burst
    that the app would take for a paste."""
    tmux("send-keys", "-t", target, "-l", text)
    wait_screen(target, re.escape(text))


def press(target: str, *keys: str) -> None:
    for key in keys:
        tmux("send-keys", "-t", target, key)


def press_and_see(target: str, key: str) -> None:
    """Press `key` and wait until the screen shows it was taken (the focus moving to the next
    field shows only in colours): a person looks before typing on."""
    before = tmux("capture-pane", "-p", "-e", "-t", target)
    press(target, key)
    until(lambda: tmux("capture-pane", "-p", "-e", "-t", target) != before, what=f"{key} taken")


def join(served: Served, window: str, name: str, wrong: str = "") -> None:
    """Type the join code (a wrong one first, if given) and a name, as a person does: enter on
    the code goes to the name, enter on the name joins."""
    target = f"room:{window}"
    wait_screen(target, r"Join code")
    type_in(target, wrong or "test42")  # as people type it: case does not matter
    press_and_see(target, "Enter")
    type_in(target, name)
    press(target, "Enter")
    joined = lambda: [e for e in served.events("join") if e["name"] == name]  # noqa: E731
    if wrong:  # the screen takes nothing until the wrong code's wait is over, then offers the code again
        until(lambda: served.events("wrong-code"), what="the wrong code counted")
        deadline = time.monotonic() + WAIT
        while wrong in screen(target):
            assert time.monotonic() < deadline, screen(target)
            press(target, "C-u")
            time.sleep(0.2)
        type_in(target, "test42")
        press_and_see(target, "Enter")
        press(target, "Enter")  # the name is still there
    try:
        until(joined, what=f"{name}'s join")
    except AssertionError:
        raise AssertionError(screen(target)) from None
    wait_screen(target, r"Which first\?")


def sizes(served: Served) -> set[tuple[str, ...]]:
    """The terminal size each app's pseudo-terminal has, as stty reads it (lines, columns)."""
    found = set()
    for pid in served.apps():
        tty = os.readlink(f"/proc/{pid}/fd/0")
        found.add(tuple(subprocess.run(["stty", "-F", tty, "size"], capture_output=True, text=True).stdout.split()))
    return found
