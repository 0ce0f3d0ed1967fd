"""Appending to a session file: `locked` holds its exclusive lock for one check-then-append, and
its `Writer` stages events and commits them in one write and one fsync, first cutting a torn
tail (a killed writer's last block, which holds no event) with the same `blocks.scan` every
reader uses. The file's layout and its reading are in store.py.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workshop.errors import os_message
from workshop.i18n import _
from workshop.journal import blocks, check, codec, files
from workshop.journal.files import JournalError
from workshop.journal.store import SENTINEL, SENTINEL_TEXT, header_end


def checksum_of(block: bytes) -> str:
    """The `crc` of a block as `codec.encode` wrote it."""
    return block[-len(codec.CRC_TAIL) - 8 : -len(codec.CRC_TAIL)].decode("ascii")


class Writer:
    """A session file held under its exclusive lock. `append` stages an event; `commit` writes
    everything staged in one write and one fsync, so a verb's events land together or not at all."""

    def __init__(self, fd: int, path: Path) -> None:
        self.fd, self.path = fd, path
        self.staged: list[bytes] = []

    def append(self, payload: Mapping[str, Any]) -> str:
        """Stage one event; refused (EncodeError) when the reader would not let it through. The
        block's checksum, as it will stand in the file."""
        block = self.encode(payload)
        self.staged.append(block)
        return checksum_of(block)

    @staticmethod
    def encode(payload: Mapping[str, Any]) -> bytes:
        """One event's block, refused (EncodeError) when the reader would not let it through."""
        why = check.one(dict(payload))
        if why is not None:
            raise codec.EncodeError(_("not written: {why}").format(why=why))
        return codec.encode(payload)

    def commit(self) -> None:
        """On disk when this returns."""
        if not self.staged:
            return
        try:
            files.write_all(self.fd, self._cut_torn_tail() + b"".join(self.staged))
            os.fsync(self.fd)
        except OSError as err:
            raise JournalError(os_message(self.path, "write", err)) from None
        self.staged = []

    def _cut_torn_tail(self) -> bytes:
        """Remove a torn last block (a killed writer's; it holds no event) and return what must
        go before the next block. Scans only the end of the file, from the last block header,
        with the same `blocks.scan` every reader uses."""
        size = os.fstat(self.fd).st_size
        window = 1 << 16
        while True:
            offset = max(0, size - window)
            data = os.pread(self.fd, size - offset, offset)
            begin = blocks.last_head(data)
            if begin < 0 and offset > 0:
                window *= 4  # one block longer than the window: look further back
                continue
            if begin < 0:
                begin = header_end(data)
            torn = blocks.scan(data, begin).torn
            cut = len(data) if torn is None else torn.begin
            if cut < len(data):
                os.ftruncate(self.fd, offset + cut)
            kept = data[max(0, cut - len(SENTINEL) - 1) : cut]
            if kept.endswith((b"\n\n", SENTINEL, SENTINEL_TEXT + b"\r\n")):
                return b""
            return b"\n" if kept.endswith(b"\n") else b"\n\n"


@contextmanager
def locked(path: Path) -> Iterator[Writer]:
    """The session file under its exclusive lock, for one check-then-append. Every writer takes
    it, so what a verb read under it is still the whole truth when it appends. What was staged
    is committed when the block ends normally; an exception writes nothing."""
    fd = files.open_regular(path, os.O_RDWR | os.O_APPEND, "write")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        writer = Writer(fd, path)
        yield writer
        writer.commit()
    finally:
        os.close(fd)  # also releases the lock


def append(path: Path, payload: Mapping[str, Any]) -> None:
    """Append one event under the lock, checking nothing."""
    with locked(path) as writer:
        writer.append(payload)
