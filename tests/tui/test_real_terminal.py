"""`workshop run` in a real terminal (tmux): killed with SIGKILL mid-step, started again, it
comes back to the same step with the same remaining time and every ballot.

Nothing here waits a fixed time: each step waits for what it needs to see on the screen (or in
the file), with deadlines generous enough for a machine whose cores are all busy."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import write_module
from tests.tui.conftest import cli
from workshop import sessions

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (CI installs it with apt-get)"),
]

# a tmux server of this run's own: two runs at once (a developer's and CI's) never share one
SOCKET = f"workshop-test-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", "ws")


def wait_screen(pattern: str, seconds: float = 60) -> str:
    return wait_until(lambda text: re.search(pattern, text) is not None, pattern, seconds)


def wait_until(seen: Callable[[str], bool], what: str, seconds: float = 60) -> str:
    """The screen once `seen` says it shows what is needed (polled every 0.1 s, up to `seconds`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = screen()
        if seen(text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{what} never appeared:\n{screen()}")


def start(command: list[str]) -> None:
    """The command in a new tmux session. A server killed a moment before (the last test's, or this
    one's after a kill) may still be going away, and then tmux says "server exited unexpectedly":
    try again until it has gone, within a generous deadline."""
    deadline = time.monotonic() + 60
    while True:
        try:
            tmux("new-session", "-d", "-s", "ws", "-x", "100", "-y", "30", " ".join(command))
            return
        except subprocess.CalledProcessError as err:
            if "server exited unexpectedly" not in (err.stderr or "") or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def left_seconds(text: str) -> int | None:
    found = re.search(r"(\d+):(\d\d) left of", text)
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def stop_server() -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    deadline = time.monotonic() + 60
    while (
        subprocess.run(["tmux", "-L", SOCKET, "ls"], capture_output=True).returncode == 0
        and time.monotonic() < deadline
    ):
        time.sleep(0.1)  # the server goes away in its own time


@pytest.fixture
def terminal():
    yield
    stop_server()


def test_kill_dash_nine_and_come_back(tmp_path: Path, terminal: None) -> None:
    folder = tmp_path / "sessions"
    write_module(tmp_path / "content")
    made = cli("new", "polls", "--name", "live", "--path", str(tmp_path / "content"), "--sessions-dir", str(folder))
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    env = f"cd {os.getcwd()} && TERM=xterm-256color"
    run = [env, sys.executable, "-m", "workshop", "run", "live", "--sessions-dir", str(folder), "--no-bell"]
    start(run)
    wait_screen(r"not started")
    tmux("send-keys", "-t", "ws", "n")
    wait_screen(r"left of 2 min")
    tmux("send-keys", "-t", "ws", "n")
    wait_screen(r"Which first\?")
    for name, choice in (("Ana", "1"), ("Bo", "2")):
        assert cli("vote", str(path), "--name", name, choice, "--sessions-dir", str(folder)).returncode == 0
    wait_screen(r"2 voted")
    # some of the step's time gone, so a timer started afresh would show
    wait_until(lambda text: (left_seconds(text) or 120) <= 116, "the step's clock at 1:56 or less")
    pid = int(tmux("display-message", "-p", "-t", "ws", "#{pane_pid}").strip())
    before_at = time.monotonic()
    before = sessions.Session.open(path).state()
    read_before = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    stop_server()

    start(run)
    wait_screen(r"left of 2 min")
    agreed: list[tuple[float, float, int, str]] = []

    def agrees(_shown: str) -> bool:
        # the screen's remaining time is the engine's, to the second (plus the screen's 0.25 s redraw
        # tick), despite the kill; read between two reads of the file, and again until a screen that
        # redraws late (a busy machine) has caught up
        earlier = sessions.Session.open(path).state().step.remaining
        text = screen()
        after = sessions.Session.open(path).state().step.remaining
        shown = left_seconds(text)
        agreed[:] = [(earlier, after, -1 if shown is None else shown, text)]
        return shown is not None and after - 1 <= shown <= earlier + 1.3 and "2 voted" in text

    wait_until(agrees, "the engine's remaining time and both ballots")
    reading_after = time.monotonic()
    after = sessions.Session.open(path).state()
    after_at = time.monotonic()
    text = agreed[0][3]
    assert after.step.qid == before.step.qid == "polls/pick"
    assert "Pick one" in text and "Which first?" in text
    # the step's clock ran on while nothing was running, no more and no less: as long as between
    # the two reads of the file, whatever the restart took
    gone = before.step.remaining - after.step.remaining
    assert reading_after - read_before - 1.5 <= gone <= after_at - before_at + 1.5, (gone, after_at - before_at)
    assert len(after.poll.ballots) == 2


def test_the_readme_command_again_after_a_kill_is_the_same_session(tmp_path: Path, terminal: None) -> None:
    """`workshop run` with no argument, killed mid-step and run again (the README's command, as
    a facilitator whose laptop died would): the same session, the same join code, the same step;
    `q` then says how to reopen it, and `--new` is what starts a second one."""
    room = tmp_path / "room"
    room.mkdir()
    env = f"cd {room} && TERM=xterm-256color"
    run = [env, sys.executable, "-m", "workshop", "run", "--no-bell"]
    start(run)
    first = wait_screen(r"Join: .*code ([A-Z2-9]{6})")
    code = re.search(r"code ([A-Z2-9]{6})", first).group(1)
    tmux("send-keys", "-t", "ws", "n")
    wait_screen(r"running ·")
    tmux("send-keys", "-t", "ws", "n")
    wait_screen(r"✓ ")  # the first step done: the second is running
    made = list((room / "sessions").glob("*.toml"))
    assert len(made) == 1
    step = sessions.Session.open(made[0]).state().step.qid
    os.kill(int(tmux("display-message", "-p", "-t", "ws", "#{pane_pid}").strip()), signal.SIGKILL)
    stop_server()

    start([*run, "; sleep 60"])
    wait_screen(r"running ·")
    assert list((room / "sessions").glob("*.toml")) == made  # no second session: the room is not split
    assert sessions.Session.open(made[0]).state().step.qid == step
    title = sessions.Session.open(made[0]).state().step.spec.title
    again = wait_screen("▶ " + re.escape(title[:18]))  # the rail marks the step the file has as current
    assert f"code {code}" in again
    tmux("send-keys", "-t", "ws", "q")
    wait_screen(rf"reopen this session with: workshop run {made[0].stem}")

    stop_server()
    start([*run, "--new"])
    wait_screen(r"not started")
    assert len(list((room / "sessions").glob("*.toml"))) == 2
