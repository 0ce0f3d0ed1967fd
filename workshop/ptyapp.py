"""A program in a pseudo-terminal of its own, for `serve --ssh` (workshop/sshd.py): the session
leader, with that terminal as its controlling one, so a window change reaches it as SIGWINCH and
a hang-up ends it. Started with posix_spawn (setsid, then the terminal opened by its name, which
makes it the controlling one), never a fork of the serving process with its threads; its end
is seen through a pidfd on the event loop."""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable

STOP_WITHIN = 5.0  # seconds an app has to quit once its connection is gone, before it is killed
MAX_TYPED = 64 * 1024  # bytes typed and not yet read by the app: past this, a paste is cut


class PtyApp:
    """`argv` in a pseudo-terminal of `size`: what it writes goes to `output`, its exit status to
    `gone` once it has ended."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        size: tuple[int, int],
        output: Callable[[bytes], None],
        gone: Callable[[int], None],
    ) -> None:
        self._output, self._gone = output, gone
        self._loop = asyncio.get_running_loop()
        self._typed = bytearray()
        self.done = False
        master, slave = os.openpty()
        try:
            self.master = master
            self.resize(*size)
            # setsid, then opening the terminal by its name: it becomes the app's controlling terminal
            self.pid = os.posix_spawn(
                argv[0],
                argv,
                env,
                setsid=True,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
                    (os.POSIX_SPAWN_DUP2, 0, 1),
                    (os.POSIX_SPAWN_DUP2, 0, 2),
                ],
                setsigdef=(signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM, signal.SIGHUP),
            )
        except BaseException:
            os.close(master)  # an app that never started keeps no terminal open
            raise
        finally:
            os.close(slave)
        os.set_blocking(master, False)
        self._exit = os.pidfd_open(self.pid)
        self._loop.add_reader(master, self._read)
        self._loop.add_reader(self._exit, self._exited)
        self._kill: asyncio.TimerHandle | None = None

    def type(self, data: bytes) -> None:
        if self.done:
            return
        self._typed += data[: MAX_TYPED - len(self._typed)]
        self._write()

    def resize(self, width: int, height: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))

    def reading(self, on: bool) -> None:
        if self.done:
            return
        if on:
            self._loop.add_reader(self.master, self._read)
        else:
            self._loop.remove_reader(self.master)

    def stop(self) -> None:
        """Hang up: the app ends; one that has not after STOP_WITHIN seconds is killed."""
        if self.done or self._kill is not None:
            return
        self._signal(signal.SIGHUP)
        self._kill = self._loop.call_later(STOP_WITHIN, self._signal, signal.SIGKILL)

    def _signal(self, signum: int) -> None:
        try:
            os.killpg(self.pid, signum)
        except ProcessLookupError:
            pass

    def _read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: the app closed its terminal
            data = b""
        if data:
            self._output(data)
        else:
            self._loop.remove_reader(self.master)

    def _write(self) -> None:
        try:
            written = os.write(self.master, self._typed) if self._typed else 0
        except BlockingIOError:
            written = 0
        except OSError:
            self._typed.clear()
            return
        del self._typed[:written]
        if self._typed:
            self._loop.add_writer(self.master, self._flush)

    def _flush(self) -> None:
        self._loop.remove_writer(self.master)
        self._write()

    def _exited(self) -> None:
        self._loop.remove_reader(self._exit)
        while True:  # what it wrote last
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            self._output(data)
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if self._kill is not None:
            self._kill.cancel()
        for fd in (self.master, self._exit):
            self._loop.remove_reader(fd)
            self._loop.remove_writer(fd)
            os.close(fd)
        self._gone(os.waitstatus_to_exitcode(status))
