"""Participants over ssh with no account to set up (`serve --ssh`): a real `serve` process on
loopback ports and the system's own ssh client in tmux (a temporary known_hosts, accepting the
host key on first use), as a person at another machine would type it. Two participants join
with the code, vote, resize their windows and quit; a third connection from the same client
beyond `--per-address` is refused in one line; nothing but the participant app runs there."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.phones import free_port
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

pytestmark = pytest.mark.skipif(not (shutil.which("tmux") and shutil.which("ssh")),
                                reason="needs tmux and the ssh client (CI installs both with apt-get)")
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
        return ["ssh", "-p", str(self.ssh_port), "-o", "StrictHostKeyChecking=accept-new", "-o",
                f"UserKnownHostsFile={self.known}", "-o", "BatchMode=yes", "-o", f"LogLevel={log}",
                *args, f"{user}@127.0.0.1", *command]

    def apps(self) -> list[int]:
        return [int(p) for p in subprocess.run(["pgrep", "-f", f"workshop (join --shared|kiosk) {self.path}"],
                                                capture_output=True, text=True).stdout.split()]


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "ssh", "Sam", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    ssh_port = free_port()
    args = getattr(request, "param", ("--per-address", "2"))
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    with open(tmp_path / "serve.log", "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "workshop", "serve", str(path), "--port", str(free_port()),
                                    "--ssh", str(ssh_port), *args], stdout=log, stderr=subprocess.STDOUT, env=env)
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


def test_two_participants_join_vote_resize_and_quit_and_a_third_is_refused(served: Served) -> None:
    [announced] = served.events("serve")
    assert announced["ssh"] == f"ssh -p {served.ssh_port} join@localhost"
    open_window(served, "ana", 100, 30)
    join(served, "ana", "Ana")
    # the host key ssh accepted is the one the join bar shows
    line = served.known.read_text().split()
    assert hashlib.sha256(base64.b64decode(line[2])).hexdigest() == announced["host_key"]
    open_window(served, "bo", 90, 28)
    join(served, "bo", "Bo", wrong="WRONG1")  # counted as on every way in: this client, over ssh
    assert [(e["channel"], e["client"]) for e in served.events("wrong-code")] == [("ssh", "this machine")]
    assert len(served.apps()) == 2

    # a third connection from this client, beyond --per-address 2: one line, no app
    third = subprocess.run(served.ssh("-tt"), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=WAIT)
    said = [line for line in (third.stdout + third.stderr).splitlines() if line.strip()]
    assert third.returncode == 1
    assert said[0].strip() == "refused: 2 participant apps are already open from your address", said
    assert all("closed" in line for line in said[1:]), said  # ssh's own "Connection … closed."
    assert len(served.apps()) == 2

    for window, key in (("ana", "Down"), ("bo", "Down Down")):  # Planning, Quality
        for press in key.split():
            tmux("send-keys", "-t", f"room:{window}", press)
            time.sleep(0.3)
        tmux("send-keys", "-t", f"room:{window}", "Enter")
    until(lambda: len(served.events("ballot")) == 2, what="two ballots")
    assert sorted((b["name"], b["value"][0]) for b in served.events("ballot")) == [("Ana", "Planning"),
                                                                                  ("Bo", "Quality")]

    # a window resized: the app's terminal follows it and the app lays itself out again
    wait_screen("room:ana", r"Keep it: it brings you back as Ana from any screen\.")  # one line at 100 columns
    tmux("resize-window", "-t", "room:ana", "-x", "60", "-y", "20")
    # cut at 60 columns that line would lose its end; laid out again, it wraps and keeps it
    wait_screen("room:ana", r"from any screen\.")
    assert sizes(served) == {("20", "60"), ("28", "90")}

    # quitting the app ends the connection, and its app is gone
    for window in ("ana", "bo"):
        tmux("send-keys", "-t", f"room:{window}", "C-q")
        wait_screen(f"room:{window}", r"ssh ended")
    until(lambda: not served.apps(), what="the apps ending")


def run_ssh(served: Served, *args: str, user: str = "join", command: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    done = subprocess.run(served.ssh(*args, user=user, command=command), capture_output=True, text=True,
                          timeout=WAIT, stdin=subprocess.DEVNULL)
    return done.returncode, [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def test_nothing_but_the_participant_app_runs_over_ssh(served: Served, tmp_path: Path) -> None:
    """No command, no session without a terminal, no other user, no sftp, no port forwarding:
    each is refused (ours in one line) and starts no app."""
    status, said = run_ssh(served, "-tt", command=("cat", "/etc/passwd"))
    assert status == 1 and said[0].strip() == "refused: only the workshop runs here: ssh -t with no command", said
    status, said = run_ssh(served, "-T")
    assert status == 1 and said == ["refused: the workshop needs a terminal: ssh -t"], said
    status, said = run_ssh(served, "-tt", user="root")
    assert status == 255 and "Permission denied" in said[-1], said
    sftp = subprocess.run(["sftp", "-P", str(served.ssh_port), "-o", "StrictHostKeyChecking=accept-new", "-o",
                           f"UserKnownHostsFile={served.known}", "-o", "BatchMode=yes", "join@127.0.0.1"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=WAIT)
    assert sftp.returncode != 0 and "subsystem request failed" in sftp.stderr, sftp.stderr
    local = free_port()
    tunnel = subprocess.Popen(served.ssh("-T", "-N", "-L", f"{local}:127.0.0.1:{served.ssh_port}", log="INFO"),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: socket.socket().connect_ex(("127.0.0.1", local)) == 0, what="the client's end of the tunnel")
        with socket.create_connection(("127.0.0.1", local), timeout=WAIT) as through:
            assert through.recv(100) == b""  # the server opens nothing: the connection just ends
    finally:
        tunnel.terminate()
        _, err = tunnel.communicate(timeout=WAIT)
    assert "administratively prohibited" in err, err
    status, said = run_ssh(served, "-T", "-N", "-o", "ExitOnForwardFailure=yes", "-R", f"{free_port()}:127.0.0.1:22")
    assert status == 255 and "remote port forwarding failed" in " ".join(said), said
    assert served.apps() == [] and served.events("join") == []


@pytest.mark.parametrize("served", [("--ssh-idle", "0.05")], indirect=True)
def test_an_idle_connection_is_closed_with_a_line(served: Served) -> None:
    """No key for --ssh-idle minutes (here three seconds): the app goes, the terminal is given
    back as it was (no mouse reports, the main screen), and one line says why."""
    open_window(served, "quiet", 80, 24)
    wait_screen("room:quiet", r"Join code")
    shown = wait_screen("room:quiet", r"ssh ended")
    assert "closed after 0.05 minutes without a key press: ssh again to come back" in shown, shown
    assert "Join code" not in shown  # back on the main screen, where the shell was
    until(lambda: not served.apps(), what="the app ending")


@pytest.mark.parametrize("served", [("--ssh-kiosk",)], indirect=True)
def test_the_kiosk_over_ssh(served: Served) -> None:
    open_window(served, "kiosk", 100, 30)
    wait_screen("room:kiosk", r"(?i)next person|your name")
    assert [pid for pid in served.apps()]  # the kiosk, not the participant app
    assert subprocess.run(["pgrep", "-f", f"workshop kiosk {served.path}"], capture_output=True).returncode == 0


def test_stopping_serve_ends_every_ssh_app_with_a_line(served: Served) -> None:
    open_window(served, "ana", 80, 24)
    wait_screen("room:ana", r"Join code")
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=WAIT) == 0
    shown = wait_screen("room:ana", r"ssh ended")
    assert "workshop serve stopped" in shown
    assert served.apps() == []
    assert served.events("serve")[-1]["address"] == ""  # every way in taken off the join bar


def test_the_host_key_is_kept_and_a_busy_ssh_port_is_one_line(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "keys", "Sam")
    key = path.with_name(".keys.ssh-host-key")

    def serve(*args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "workshop", "serve", str(path), "--port", str(free_port()),
                                 *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def keys() -> list[str]:
        return [e["host_key"] for e in store.load(path).events if e.get("host_key")]

    for times in (1, 2):  # made once, then the same one again
        process = serve("--ssh", str(free_port()))
        until(lambda: len(keys()) == times, what="the serve event")  # noqa: B023 - waited for here
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WAIT)
    made = keys()
    assert len(made) == 2 and made[0] == made[1]
    assert (key.stat().st_mode & 0o777) == 0o600
    with socket_taken() as port:
        before = path.read_bytes()
        busy = serve("--ssh", str(port))
        out, err = busy.communicate(timeout=WAIT)
        assert busy.returncode == 2 and "Traceback" not in err
        assert err.strip().splitlines() == [f"error: port {port} is in use (by another program, or another "
                                            "`workshop serve`): choose another --ssh"]
        assert path.read_bytes() == before
    key.unlink()
    key.symlink_to(tmp_path / "elsewhere")  # planted: never followed, never written through
    planted = serve("--ssh", str(free_port()))
    out, err = planted.communicate(timeout=WAIT)
    assert planted.returncode == 2 and len(err.strip().splitlines()) == 1 and "ssh host key" in err, err
    assert not (tmp_path / "elsewhere").exists()


class socket_taken:
    """A port something else listens on."""

    def __enter__(self) -> int:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


async def test_an_app_is_never_made_huge(served: Served) -> None:
    """A client may ask for any window size (here through asyncssh's own client): the app's
    terminal is kept between 20x10 and 300x100 cells, at login and at every change, as in a tab."""
    import asyncio

    from workshop.sshd import asyncssh  # imported there without cryptography's warnings about DSA

    async with asyncssh.connect("127.0.0.1", served.ssh_port, username="join", known_hosts=None,
                                client_keys=None, agent_path=None, password=None) as conn:
        process = await conn.create_process(term_type="xterm", term_size=(20000, 20000))
        await asyncio.to_thread(until, served.apps, what="the app")
        await asyncio.to_thread(until, lambda: sizes(served) == {("100", "300")}, what="the clamped size")
        process.change_terminal_size(3, 1)
        await asyncio.to_thread(until, lambda: sizes(served) == {("10", "20")}, what="the least size")
        process.close()
