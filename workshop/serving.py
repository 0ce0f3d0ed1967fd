"""What `workshop serve` opens, and what it tells the room: every way in that runs.

`run` binds every socket and reads every certificate and key before it announces anything, so
a busy port, a bad host or a missing certificate is one line and sends nobody anywhere. Then
one signed `serve` event says every way in (the address, the self-signed certificate's SHA-256,
the ssh command and its host key's SHA-256) for the join bar, `j` and the room display; on the
way out the same address is taken off again. asyncssh is imported only when `--ssh` is given.
"""

from __future__ import annotations

import shlex
import socket
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workshop import i18n, qr, sessions
from workshop.engine.in_language import state_in
from workshop.engine.ways import Ways
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.listen import listen, public_address
from workshop.places import Limits
from workshop.serve import FrontDoor
from workshop.serve import Ways as Open
from workshop.web.proxy import Proxy

Echo = Callable[..., None]


@dataclass(frozen=True)
class Options:
    tls: bool = False  # HTTPS, with a self-signed certificate unless `cert` and `key` are given
    cert: Path | None = None
    key: Path | None = None
    trusted_proxy: str | None = None  # the address whose X-Forwarded-* / Forwarded headers count
    url: str | None = None  # the address people open, when it is not this server's own (a proxy's)
    ssh: int | None = None  # the ssh port
    ssh_kiosk: bool = False  # the kiosk over ssh instead of the participant app
    ssh_idle: float = 120.0  # minutes without a key press before an ssh app is closed

    def check(self) -> None:
        if (self.cert is None) != (self.key is None):
            raise WorkshopError(_("--cert and --key go together: the certificate (PEM) and its key"))
        if self.ssh_kiosk and self.ssh is None:
            raise WorkshopError(_("--ssh-kiosk offers the kiosk over ssh: give the port too (--ssh 2222)"))
        if self.url is not None and not qr.announceable(self.url):
            raise WorkshopError(
                _(
                    "--url {url!r}: give the address people open, as https://workshop.example.org (a "
                    "scheme, a host and a port if not the usual one; no path)"
                ).format(url=self.url)
            )
        if not self.ssh_idle > 0:
            raise WorkshopError(
                _("--ssh-idle must be more than 0 minutes, not {minutes}").format(
                    minutes=i18n.number(self.ssh_idle, "g")
                )
            )

    @property
    def https(self) -> bool:
        return self.tls or self.cert is not None


def run(path: Path, host: str, port: int, limits: Limits, echo: Echo, options: Options | None = None) -> None:
    """Listen, announce where, serve until stopped, then take the address off the join bar."""
    options = options or Options()
    limits.check()
    options.check()
    trusted = Proxy.parse(options.trusted_proxy) if options.trusted_proxy is not None else None
    live = sessions.Session.open(path)
    with ExitStack() as stack:
        sock = stack.enter_context(listen(host, port))
        ssh_sock = stack.enter_context(listen(host, options.ssh, "--ssh")) if options.ssh is not None else None
        address = options.url or public_address(host, sock, "https" if options.https else "http")
        tls = _tls(path, options, address, host)
        # Browsers only ever get the participant app: this is the whole command each tab runs.
        # --shared: every tab runs as this account, so none may come back as someone by name alone
        command = [sys.executable, "-m", "workshop", "join", "--shared", str(path)]
        door = FrontDoor(shlex.join(command), limits, title=state_in(live.state(), i18n.language()).title)
        ssh: Any = None
        if ssh_sock is not None:
            from workshop import sshd

            kiosk = [sys.executable, "-m", "workshop", "kiosk", str(path)]
            ssh = sshd.SshServer(
                path, ssh_sock, door.places, kiosk if options.ssh_kiosk else command, idle=options.ssh_idle * 60
            )
        ways = Ways(
            address or "",
            tls.fingerprint if tls else "",
            _ssh_command(address, host, options.ssh) if ssh else "",
            ssh.fingerprint if ssh else "",
        )
        _announce(live, ways, sock, ssh_sock, echo, made=bool(tls and tls.made))
        try:
            door.run(
                sock,
                live,
                Open(tls=tls.context if tls else None, hsts=bool(tls and tls.given), trusted=trusted, ssh=ssh),
            )
        finally:
            if address:
                _withdraw(live, address, echo)


def _tls(path: Path, options: Options, address: str | None, host: str) -> Any:
    if not options.https:
        return None
    from workshop import tls

    if options.cert is not None and options.key is not None:
        return tls.given(options.cert, options.key)
    names = [urlsplit(address).hostname or ""] if address else []
    names += [host, socket.gethostname()]
    return tls.self_signed(path, [n for n in names if n and n not in ("0.0.0.0", "::")])


def _ssh_command(address: str | None, host: str, port: int | None) -> str:
    where = (urlsplit(address).hostname if address else None) or host or "localhost"
    return f"ssh -p {port} join@{where}" if port != 22 else f"ssh join@{where}"  # not translated: a command


def _announce(
    live: sessions.Session, ways: Ways, sock: socket.socket, ssh_sock: socket.socket | None, echo: Echo, made: bool
) -> None:
    port = sock.getsockname()[1]
    if not ways.address:
        echo(
            _(
                "warning: this machine's network address is unknown: tell participants to open "
                "http://<this machine>:{port}"
            ).format(port=port),
            err=True,
        )
        return
    live.announce(ways.address, ways.certificate, ways.ssh, ways.host_key)
    echo(
        _("Participants open {address} and type the join code {code}.").format(
            address=ways.address, code=live.state().code
        )
    )
    if ways.certificate:
        echo(
            (
                _(
                    "Its certificate is self-signed (made just now): browsers warn once. Its SHA-256 fingerprint, to "
                    "compare with the one the browser shows: {fingerprint}"
                )
                if made
                else _(
                    "Its certificate is self-signed: browsers warn once. Its SHA-256 fingerprint, to compare "
                    "with the one "
                    "the browser shows: {fingerprint}"
                )
            ).format(fingerprint=ways.certificate_words)
        )
    if ways.ssh:
        echo(
            _(
                "From any terminal: {ssh} (no account needed; ssh asks to accept the host key {fingerprint} the "
                "first time)."
            ).format(ssh=ways.ssh, fingerprint=ways.host_key_words)
        )
    if qr.only_here(ways.address):
        echo(_("warning: listening on this machine only: nobody else can join (--host 0.0.0.0 lets them in)"), err=True)
    elif ssh_sock is not None:
        echo(
            _("warning: anyone who can reach ports {port} and {ssh_port} and knows the code can join.").format(
                port=port, ssh_port=ssh_sock.getsockname()[1]
            ),
            err=True,
        )
    else:
        echo(_("warning: anyone who can reach port {port} and knows the code can join.").format(port=port), err=True)


def _withdraw(live: sessions.Session, address: str, echo: Echo) -> None:
    try:
        live.withdraw(address)
    except WorkshopError as err:
        echo(_("warning: {address} is still on the join bar: {err}").format(address=address, err=err), err=True)
