"""What an ssh login to `serve --ssh` cannot do, and how its connections end: no command, no
other user, no sftp or forwarding; never a huge terminal; closed when idle, and when `serve`
stops; the host key made once and never one planted beside the session; the kiosk instead of
the participant app with `--ssh-kiosk`."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.phones import free_port
from tests.e2e.ssh_room import (
    NEEDS,
    WAIT,
    Served,
    open_window,
    sizes,
    ssh_room,
    until,
    wait_screen,
)
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

pytestmark = NEEDS


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    with ssh_room(tmp_path, getattr(request, "param", ("--per-address", "2"))) as room:
        yield room


def run_ssh(served: Served, *args: str, user: str = "join", command: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    done = subprocess.run(
        served.ssh(*args, user=user, command=command),
        capture_output=True,
        text=True,
        timeout=WAIT,
        stdin=subprocess.DEVNULL,
    )
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
    sftp = subprocess.run(
        [
            "sftp",
            "-P",
            str(served.ssh_port),
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            f"UserKnownHostsFile={served.known}",
            "-o",
            "BatchMode=yes",
            "join@127.0.0.1",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=WAIT,
    )
    assert sftp.returncode != 0 and "subsystem request failed" in sftp.stderr, sftp.stderr
    local = free_port()
    tunnel = subprocess.Popen(
        served.ssh("-T", "-N", "-L", f"{local}:127.0.0.1:{served.ssh_port}", log="INFO"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
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
    assert list(served.apps())  # the kiosk, not the participant app
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
        return subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(free_port()), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

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
        assert err.strip().splitlines() == [
            f"error: port {port} is in use (by another program, or another `workshop serve`): choose another --ssh"
        ]
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
    from workshop.sshd import asyncssh  # imported there without cryptography's warnings about DSA

    async with asyncssh.connect(
        "127.0.0.1",
        served.ssh_port,
        username="join",
        known_hosts=None,
        client_keys=None,
        agent_path=None,
        password=None,
    ) as conn:
        process = await conn.create_process(term_type="xterm", term_size=(20000, 20000))
        await asyncio.to_thread(until, served.apps, what="the app")
        await asyncio.to_thread(until, lambda: sizes(served) == {("100", "300")}, what="the clamped size")
        process.change_terminal_size(3, 1)
        await asyncio.to_thread(until, lambda: sizes(served) == {("10", "20")}, what="the least size")
        process.close()


async def test_a_connection_is_closed_once_its_one_session_has_ended(served: Served) -> None:
    """A client refused a command, or whose app has quit, gets no other session on that
    connection: the server closes it, rather than let the client hold it for ever, answering
    keepalives, past every idle limit and in the count of its address's connections."""
    from workshop.sshd import asyncssh

    async def connect() -> asyncssh.SSHClientConnection:
        return await asyncssh.connect(
            "127.0.0.1",
            served.ssh_port,
            username="join",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            password=None,
        )

    conn = await connect()
    refused = await conn.run("cat /etc/passwd", term_type="xterm")
    assert refused.exit_status == 1 and "refused" in str(refused.stdout)
    await asyncio.wait_for(conn.wait_closed(), 15)  # the client never closes it: the server does
    conn = await connect()
    process = await conn.create_process(term_type="xterm", term_size=(80, 24))
    shown = ""
    while "Join code" not in shown:  # the app is up and reading keys
        shown += await asyncio.wait_for(process.stdout.read(4096), WAIT)
    process.stdin.write("\x11")  # ctrl+q: the app quits, the client keeps the connection
    await asyncio.wait_for(process.wait_closed(), WAIT)
    await asyncio.wait_for(conn.wait_closed(), 15)


async def test_a_made_up_environment_name_neither_breaks_a_login_nor_keeps_its_place(served: Served) -> None:
    """ssh lets a client name any variable it sends (`LC_X=1`, a NUL in it): no app can be started
    with such a name. Sent again and again, it must not leave places taken (and terminals open)
    until the address can no longer start an app: the name is not passed on, the login works."""
    from workshop.sshd import asyncssh

    for name in ("LC_X=1", "LC_\x00", "LC_ALL=C LANG"):  # more than --per-address 2
        async with asyncssh.connect(
            "127.0.0.1",
            served.ssh_port,
            username="join",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            password=None,
        ) as conn:
            process = await conn.create_process(term_type="xterm", env={name: "de_DE.UTF-8"})
            shown = ""
            while "Join code" not in shown:  # a participant app, as for anyone
                shown += await asyncio.wait_for(process.stdout.read(4096), WAIT)
            process.close()
        await asyncio.to_thread(until, lambda: not served.apps(), what="the app ending")
