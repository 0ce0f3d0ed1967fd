"""One ssh connection's session for `workshop serve --ssh` (sshd.py): the participant app (or
the kiosk) in a pseudo-terminal of its own (ptyapp.py), or one line saying why not, in the
participant's language (the one their ssh client sends, else the server's). An app that had no
key press for the server's `idle` seconds is closed with one line; so is every app when `serve`
stops. Only sshd.py imports this module."""

from __future__ import annotations

import asyncio
import os
import re
import time
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from cryptography.utils import CryptographyDeprecationWarning

with warnings.catch_warnings():  # asyncssh still names DSA, which cryptography warns of on import
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    import asyncssh

from workshop import i18n
from workshop.i18n import _, ngettext
from workshop.ptyapp import PtyApp
from workshop.sizes import clamp_size

if TYPE_CHECKING:
    from workshop.sshd import SshServer

__all__ = ["Terminal", "asyncssh"]

TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
LOCALE = re.compile(r"[A-Za-z0-9_.@-]{1,40}")
LANGUAGE_VARIABLE = re.compile(r"LANG|LANGUAGE|LC_[A-Z]{1,20}")  # a name ssh sends is any string (`LC_X=1`)
# What a Textual app switches on and leaves on if it is killed: mouse reports, bracketed paste,
# the alternate screen, a hidden cursor. Sent before the line that says why an app was closed.
RESTORE = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?25h\x1b[?1049l\r\n"
# The serving process's own terminal and login say nothing about a participant's.
UNSHARED = frozenset(
    {
        "COLUMNS",
        "LINES",
        "ROWS",
        "COLORTERM",
        "TERM_PROGRAM",
        "TERM_PROGRAM_VERSION",
        "TEXTUAL_DRIVER",
        "WINDOWID",
        "TMUX",
        "TMUX_PANE",
        "DISPLAY",
        "SSH_CONNECTION",
        "SSH_CLIENT",
        "SSH_TTY",
        "SSH_AUTH_SOCK",
        "WORKSHOP_CLIENT",
        "WORKSHOP_CHANNEL",
    }
)
SAID_WITHIN = 5.0  # seconds a client has to take the last line before its connection is closed
T = TypeVar("T")


class Terminal(asyncssh.SSHServerSession):
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

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
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
            return self._refuse(self.speak(lambda: _("only the workshop runs here: ssh -t with no command")))
        if not self.term:
            return self._refuse(self.speak(lambda: _("the workshop needs a terminal: ssh -t")))
        if refused := self.speak(lambda: self.server.places.refusal(self.client)):
            return self._refuse(refused[1])
        place = self.server.places.taken(self.client)
        place.__enter__()  # given back when the app has gone
        self._place = place
        assert self.chan is not None
        try:
            self.app = PtyApp(self.server.argv, self._environment(), self.size, self.chan.write, self._gone)
        except (OSError, ValueError) as err:  # no pty left, the process table full: the place given back
            place.__exit__(None, None, None)
            self._place, error = None, type(err).__name__
            return self._refuse(self.speak(lambda: _("the app could not start ({error})").format(error=error)))
        self._awake_in(self.server.idle)
        return None

    def data_received(self, data: bytes, datatype: object) -> None:
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
        self._hang_up(0)
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
            self._hang_up(SAID_WITHIN)
        self.ended.set()

    def _refuse(self, why: str) -> None:
        assert self.chan is not None
        self.chan.write(self.speak(lambda: _("refused: {why}\n").format(why=why)).replace("\n", "\r\n").encode())
        self.chan.exit(1)
        self._hang_up(SAID_WITHIN)
        self.ended.set()

    def _hang_up(self, after: float) -> None:
        """Close the whole connection `after` seconds from now: its one session has ended and no
        other is given, so a client that kept it open (answering keepalives, never idle) would
        hold it for ever. The wait lets the last line reach a client that closes the session."""
        if self.chan is not None:
            asyncio.get_running_loop().call_later(after, self.chan.get_connection().close)

    def _awake_in(self, seconds: float) -> None:
        asyncio.get_running_loop().call_later(max(1.0, seconds), self._awake)

    def _awake(self) -> None:
        if self.app is None or self.app.done:
            return
        quiet = time.monotonic() - self._typed_at
        if quiet >= self.server.idle:
            minutes = self.server.idle / 60
            self.end(
                self.speak(
                    lambda: ngettext(
                        "closed after {minutes} minute without a key press: ssh again to come back",
                        "closed after {minutes} minutes without a key press: ssh again to come back",
                        int(minutes) if minutes == int(minutes) else 2,
                    ).format(minutes=i18n.number(minutes, "g"))
                )
            )
        else:
            self._awake_in(self.server.idle - quiet)

    def speak(self, make: Callable[[], T]) -> T:
        """What `make` says in the participant's language: the one their ssh client sends (SendEnv
        LANG, LC_*), else the server's, as the app they get would speak."""
        own = _locale(self.chan.get_environment() if self.chan is not None else {})
        with i18n.speaking(i18n.from_environment(own) if own else None):
            return make()

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in UNSHARED}
        assert self.chan is not None
        sent = self.chan.get_environment()
        env.update(_locale(sent))  # the participant's language (ssh's SendEnv)
        if sent.get("COLORTERM") in ("truecolor", "24bit"):
            env["COLORTERM"] = sent["COLORTERM"]
        env.update(TERM=self.term, WORKSHOP_CLIENT=self.client, WORKSHOP_CHANNEL="ssh")
        return env


def _locale(sent: Mapping[str, str]) -> dict[str, str]:
    """The language variables a client sent (LANG, LANGUAGE, LC_*), those that look like one."""
    return {
        name: value for name, value in sent.items() if LANGUAGE_VARIABLE.fullmatch(name) and LOCALE.fullmatch(value)
    }
