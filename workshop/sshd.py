"""`workshop serve --ssh PORT`: participants over ssh with nothing to set up on this machine.

`ssh -p PORT join@HOST` from any machine with an ssh client logs in as the one user `join`,
with no password and no key (there is no account behind it), and gets the participant app
(`join --shared`; with `--ssh-kiosk`, the kiosk) in a pseudo-terminal of its own: one app per
connection, nothing else. No shell, no other command, no subsystem (sftp), no forwarding of
ports, agents or X11. asyncssh speaks the protocol; this module only starts each app and
carries bytes and window sizes between it and its connection.

The same limits hold as for a tab at /terminal/: the apps of every channel take their places
from one count (`places.Places`), each app is told its client (the peer's address, counted as
`guard.connection_client` counts a browser's) in `WORKSHOP_CLIENT`, so wrong codes count on
the same client as on every way in, and a connection over the limit is refused in one line.
Logins must finish within LOGIN_WITHIN seconds, connections that stop answering are closed
after ALIVE, and an app that had no key press for `idle` seconds is closed with one line.

Only `serve --ssh` imports this module: asyncssh costs about a third of a second to import.
The host key is made on first use and kept beside the session (`.NAME.ssh-host-key`, mode
0600); its SHA-256 goes on the join bar, so people can check what ssh asks them to accept.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import time
import warnings
from collections import Counter
from pathlib import Path

from cryptography.utils import CryptographyDeprecationWarning

with warnings.catch_warnings():  # asyncssh still names DSA, which cryptography warns of on import
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    import asyncssh

from workshop.errors import WorkshopError
from workshop.journal import files
from workshop.places import Places
from workshop.ptyapp import PtyApp
from workshop.serve import clamp_size
from workshop.sessions.files import host_key_path
from workshop.web import guard

USER = "join"  # the one user: `ssh -p PORT join@HOST`
LOGIN_WITHIN = 30.0  # seconds from connecting to a running app
ALIVE = (30.0, 4)  # a keepalive every 30 s; a client that misses 4 in a row is gone
CLOSE_WITHIN = 5.0  # seconds `serve` waits, stopping, for its last lines to reach the clients
EXTRA_CONNECTIONS = 4  # connections a client may hold beyond its apps' limit (each is refused in a line)
TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
LOCALE = re.compile(r"[A-Za-z0-9_.@-]{1,40}")
# What a Textual app switches on and leaves on if it is killed: mouse reports, bracketed paste,
# the alternate screen, a hidden cursor. Sent before the line that says why an app was closed.
RESTORE = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?25h\x1b[?1049l\r\n"
# The serving process's own terminal and login say nothing about a participant's.
UNSHARED = frozenset({"COLUMNS", "LINES", "ROWS", "COLORTERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION",
                      "TEXTUAL_DRIVER", "WINDOWID", "TMUX", "TMUX_PANE", "DISPLAY", "SSH_CONNECTION",
                      "SSH_CLIENT", "SSH_TTY", "SSH_AUTH_SOCK", "WORKSHOP_CLIENT",
                      "WORKSHOP_CHANNEL"})


def host_key(session: Path) -> asyncssh.SSHKey:
    """The session's ssh host key, made now if it has none. One that is another account's, or a
    link, is refused: whoever planted it holds the key people would trust."""
    path = host_key_path(session)
    if files.kind_of(path) is None:
        key = asyncssh.generate_private_key("ssh-ed25519")
        files.create_secret(path, key.export_private_key())
        return key
    try:
        return asyncssh.import_private_key(files.read_owned(path))
    except files.JournalError as err:
        raise WorkshopError(f"{err} (the ssh host key: remove it and serve makes a new one)") from None
    except (asyncssh.KeyImportError, ValueError):
        raise WorkshopError(f"{path}: not an ssh host key (remove it and serve makes a new one)") from None


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The host key's SHA-256 as hex: what ssh shows as SHA256:<base64> when it first connects."""
    return hashlib.sha256(key.public_data).hexdigest()


_NOTHING_ELSE = asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, "only the workshop runs here")


class SshServer:
    """The ssh way in, on a socket `serve` has bound: `argv` is the whole command each
    connection's app runs."""

    def __init__(self, session: Path, sock: object, places: Places, argv: list[str], idle: float) -> None:
        self.key = host_key(session)
        self.fingerprint = fingerprint(self.key)
        self.sock, self.places, self.argv, self.idle = sock, places, argv, idle
        self.logins: set[_Login] = set()
        self.connections: Counter[str] = Counter()
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> None:
        self._acceptor = await asyncssh.listen(
            sock=self.sock, server_factory=lambda: _Login(self), server_host_keys=[self.key],
            login_timeout=LOGIN_WITHIN, keepalive_interval=ALIVE[0], keepalive_count_max=ALIVE[1],
            allow_pty=True, line_editor=False, encoding=None, x11_forwarding=False,
            agent_forwarding=False, allow_scp=False, sftp_factory=None, password_auth=False,
            kbdint_auth=False, public_key_auth=False, host_based_auth=False, gss_auth=False, gss_kex=False)

    async def stop(self) -> None:
        """Every app told to quit and waited for (killed after STOP_WITHIN), every connection
        closed with a line saying why: no app outlives `serve`."""
        if self._acceptor is not None:
            self._acceptor.close()
        terminals = [login.terminal for login in self.logins if login.terminal is not None]
        for terminal in terminals:
            terminal.end("workshop serve stopped")
        await asyncio.gather(*(t.ended.wait() for t in terminals))
        try:  # each line said reaches its client before the connections go
            await asyncio.wait_for(asyncio.gather(*(t.closed.wait() for t in terminals)), CLOSE_WITHIN)
        except TimeoutError:
            pass  # a client that does not answer: closed all the same
        for login in list(self.logins):
            login.close()
        if self._acceptor is not None:
            await self._acceptor.wait_closed()


class _Login(asyncssh.SSHServer):
    """One connection: its client, its one session."""

    def __init__(self, server: SshServer) -> None:
        self.server = server
        self.client = ""
        self.terminal: _Terminal | None = None
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self.client = guard.connection_client(peer[0] if peer else None, conn.get_extra_info("sockname"))
        self.server.logins.add(self)
        self.server.connections[self.client] += 1
        limits = self.server.places.limits
        if (self.server.connections[self.client] > limits.per_address + EXTRA_CONNECTIONS
                or len(self.server.logins) > limits.total + EXTRA_CONNECTIONS):
            conn.close()  # a flood of connections, not people: no line for it
            return
        asyncio.get_running_loop().call_later(LOGIN_WITHIN, self._started_or_closed)

    def connection_lost(self, exc: Exception | None) -> None:
        if self in self.server.logins:
            self.server.logins.discard(self)
            self.server.connections[self.client] -= 1
            if not self.server.connections[self.client]:
                del self.server.connections[self.client]

    def begin_auth(self, username: str) -> bool:
        return username != USER  # `join` needs nothing; any other user has no way to log in

    def connection_requested(self, *args: object) -> bool:
        raise _NOTHING_ELSE  # no port forwarding (`ssh -L`)

    def unix_connection_requested(self, *args: object) -> bool:
        raise _NOTHING_ELSE

    def server_requested(self, *args: object) -> bool:
        return False  # nor listening here for the client (`ssh -R`)

    def unix_server_requested(self, *args: object) -> bool:
        return False

    def session_requested(self) -> _Terminal | bool:
        if self.terminal is not None:
            return False  # one app per connection
        self.terminal = _Terminal(self.server, self.client)
        return self.terminal

    def _started_or_closed(self) -> None:
        if self.terminal is None or not self.terminal.started:
            self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


class _Terminal(asyncssh.SSHServerSession):
    """One connection's session: the app in its pseudo-terminal, or one line saying why not."""

    def __init__(self, server: SshServer, client: str) -> None:
        self.server, self.client = server, client
        self.chan: asyncssh.SSHServerChannel | None = None
        self.term = ""
        self.size = (80, 24)
        self.command: str | None = None
        self.started = False
        self.app: PtyApp | None = None
        self.ended = asyncio.Event()  # its app has gone (or never started)
        self.closed = asyncio.Event()  # its channel has closed, what was written to it sent
        self._why = ""  # why the app was closed, said once it has gone
        self._place: object = None
        self._typed_at = time.monotonic()

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:  # type: ignore[override]
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        self.term = term_type if TERM.fullmatch(term_type or "") else "xterm-256color"
        self.size = clamp_size(*term_size[:2])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command  # refused with a line once the session starts
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # no sftp, nothing else

    def session_started(self) -> None:
        self.started = True
        if self.command is not None:
            return self._refuse("only the workshop runs here: ssh -t with no command")
        if not self.term:
            return self._refuse("the workshop needs a terminal: ssh -t")
        if refused := self.server.places.refusal(self.client):
            return self._refuse(refused[1])
        place = self.server.places.taken(self.client)
        place.__enter__()  # given back when the app has gone
        self._place = place
        assert self.chan is not None
        self.app = PtyApp(self.server.argv, self._environment(), self.size, self.chan.write, self._gone)
        self._awake_in(self.server.idle)

    def data_received(self, data: bytes, datatype: object) -> None:  # type: ignore[override]
        self._typed_at = time.monotonic()
        if self.app is not None:
            self.app.type(data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.app is not None:
            self.app.resize(*clamp_size(width, height))

    def eof_received(self) -> bool:
        return True  # the app decides when it is done

    def pause_writing(self) -> None:
        if self.app is not None:
            self.app.reading(False)

    def resume_writing(self) -> None:
        if self.app is not None:
            self.app.reading(True)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()
        if self.app is not None:
            self.app.stop()
        else:
            self.ended.set()

    def end(self, why: str) -> None:
        """Close the app, then say `why` in one line."""
        self._why = why
        if self.app is not None:
            self.app.stop()
            return
        if self.chan is not None and not self.started:
            self.chan.close()  # nothing said yet, nothing to wait for
        self.ended.set()

    def _gone(self, code: int) -> None:
        if self._place is not None:
            self._place.__exit__(None, None, None)  # type: ignore[attr-defined]
            self._place = None
        if self.chan is not None and not self.chan.is_closing():
            if self._why:
                self.chan.write(RESTORE + f"{self._why}\r\n".encode())
            self.chan.exit(1 if self._why or code < 0 else code)
        self.ended.set()

    def _refuse(self, why: str) -> None:
        assert self.chan is not None
        self.chan.write(f"refused: {why}\r\n".encode())
        self.chan.exit(1)
        self.ended.set()

    def _awake_in(self, seconds: float) -> None:
        asyncio.get_running_loop().call_later(max(1.0, seconds), self._awake)

    def _awake(self) -> None:
        if self.app is None or self.app.done:
            return
        quiet = time.monotonic() - self._typed_at
        if quiet >= self.server.idle:
            minutes = self.server.idle / 60
            self.end(f"closed after {minutes:g} minute{'s' if minutes != 1 else ''} without a key press: "
                     "ssh again to come back")
        else:
            self._awake_in(self.server.idle - quiet)

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in UNSHARED}
        assert self.chan is not None
        for name, value in self.chan.get_environment().items():
            if (name in ("LANG", "LANGUAGE") or name.startswith("LC_")) and LOCALE.fullmatch(value):
                env[name] = value  # the participant's language (ssh's SendEnv)
            elif name == "COLORTERM" and value in ("truecolor", "24bit"):
                env[name] = value
        env.update(TERM=self.term, WORKSHOP_CLIENT=self.client, WORKSHOP_CHANNEL="ssh")
        return env
