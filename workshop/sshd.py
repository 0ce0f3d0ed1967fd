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
from collections import Counter
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.journal import files
from workshop.places import Places
from workshop.sessions.files import host_key_path
from workshop.sshapp import Terminal, asyncssh
from workshop.web import guard

USER = "join"  # the one user: `ssh -p PORT join@HOST`
LOGIN_WITHIN = 30.0  # seconds from connecting to a running app
ALIVE = (30.0, 4)  # a keepalive every 30 s; a client that misses 4 in a row is gone
CLOSE_WITHIN = 5.0  # seconds `serve` waits, stopping, for its last lines to reach the clients
EXTRA_CONNECTIONS = 4  # connections a client may hold beyond its apps' limit (each is refused in a line)


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
        raise WorkshopError(
            _("{err} (the ssh host key: remove it and serve makes a new one)").format(err=err)
        ) from None
    except (asyncssh.KeyImportError, ValueError):
        raise WorkshopError(
            _("{path}: not an ssh host key (remove it and serve makes a new one)").format(path=path)
        ) from None


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The host key's SHA-256 as hex: what ssh shows as SHA256:<base64> when it first connects."""
    return hashlib.sha256(key.public_data).hexdigest()


# not translated: a reason in the protocol, which an ssh client may show but never asked a language for
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
            sock=self.sock,
            server_factory=lambda: _Login(self),
            server_host_keys=[self.key],
            login_timeout=LOGIN_WITHIN,
            keepalive_interval=ALIVE[0],
            keepalive_count_max=ALIVE[1],
            allow_pty=True,
            line_editor=False,
            encoding=None,
            x11_forwarding=False,
            agent_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            password_auth=False,
            kbdint_auth=False,
            public_key_auth=False,
            host_based_auth=False,
            gss_auth=False,
            gss_kex=False,
        )

    async def stop(self) -> None:
        """Every app told to quit and waited for (killed after STOP_WITHIN), every connection
        closed with a line saying why: no app outlives `serve`."""
        if self._acceptor is not None:
            self._acceptor.close()
        terminals = [login.terminal for login in self.logins if login.terminal is not None]
        for terminal in terminals:
            terminal.end(terminal.speak(lambda: _("workshop serve stopped")))
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
        self.terminal: Terminal | None = None
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self.client = guard.connection_client(peer[0] if peer else None, conn.get_extra_info("sockname"))
        self.server.logins.add(self)
        self.server.connections[self.client] += 1
        limits = self.server.places.limits
        if (
            self.server.connections[self.client] > limits.per_address + EXTRA_CONNECTIONS
            or len(self.server.logins) > limits.total + EXTRA_CONNECTIONS
        ):
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

    def session_requested(self) -> Terminal | bool:
        if self.terminal is not None:
            return False  # one app per connection
        self.terminal = Terminal(self.server, self.client)
        return self.terminal

    def _started_or_closed(self) -> None:
        if self.terminal is None or not self.terminal.started:
            self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
