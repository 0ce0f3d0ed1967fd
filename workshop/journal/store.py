"""The session file on disk: created once, then only appended to.

    # workshop session …           a comment
    [session]                      the header: id, title, join code, frozen agenda …
    …
    # events follow …              SENTINEL: where the header ends
    [[events]] … crc = "…"         one sealed block per event (see codec)

Appends take an exclusive lock, repair a torn last block left by a killed writer (the only
bytes ever removed, and never a complete event), write the block in one call and fsync before
returning: when `append` returns, the event is on disk.
"""

from __future__ import annotations

import fcntl
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from workshop.journal import codec

SENTINEL = b"# events follow, one [[events]] block each, oldest first\n"

class JournalError(Exception):
    """A session file that cannot be used; the message is one line for the user."""


@dataclass
class Loaded:
    header: dict[str, Any]
    events: list[dict[str, Any]]
    end: int  # offset just past the last sealed block: where a follower goes on from
    warnings: list[str] = field(default_factory=list)


def create(path: Path, header: Mapping[str, Any]) -> None:
    """Write a new session file atomically; refuse if one is already there."""
    text = (
        "# workshop session file: append-only. Each [[events]] block is one thing that happened.\n"
        + tomli_w.dumps({"session": dict(header)})
    ).encode("utf-8")
    if not text.endswith(b"\n"):
        text += b"\n"
    text += b"\n" + SENTINEL
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(tmp, path)  # fails if the name is taken: two `new`s never overwrite each other
    except FileExistsError:
        raise JournalError(f"{path}: a session with this name already exists") from None
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _split(data: bytes, start: int = 0) -> tuple[list[tuple[int, int]], list[int], int]:
    """Sealed blocks in data[start:] as (begin, end) offsets, offsets of broken ones, and the
    offset just past the last sealed block.

    A block runs from its header to its own crc line. No value holds a raw newline, so
    `\ncrc = "` only ever begins a checksum line."""
    good: list[tuple[int, int]] = []
    broken: list[int] = []
    end = start
    i = start
    n = len(data)
    while i < n:
        nxt = data.find(codec.MARK, i)  # the next block's header (never the one at i)
        if not data.startswith(codec.HEADER, i):
            if data[i : nxt + 1 if nxt >= 0 else n].strip():
                broken.append(i)  # the start of a block torn before its header was whole
            if nxt < 0:
                break
            i = nxt + 1
            continue
        crc = data.find(codec.CRC_MARK, i)
        if crc >= 0 and (nxt < 0 or crc < nxt):
            stop = min(n, crc + 1 + codec.CRC_LINE_LEN)
            if codec.sealed(data[i:stop]):
                good.append((i, stop))
                end = i = stop
                continue
        broken.append(i)
        if nxt < 0:
            break
        i = nxt + 1
    return good, broken, end


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _header_end(data: bytes, path: Path) -> int:
    cut = data.find(SENTINEL)
    if cut < 0:
        raise JournalError(f"{path}: not a workshop session file (no events marker)")
    return cut + len(SENTINEL)


def load(path: Path) -> Loaded:
    """Read the whole session: its header and every complete event, oldest first."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(f"{path}: no such session file") from None
    except IsADirectoryError:
        raise JournalError(f"{path}: is a folder, not a session file") from None
    except PermissionError:
        raise JournalError(f"{path}: cannot read: permission denied") from None
    except OSError as err:
        raise JournalError(f"{path}: cannot read: {err.strerror or err}") from None
    start = _header_end(data, path)
    try:
        header = tomllib.loads(data[:start].decode("utf-8"))["session"]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError) as err:
        raise JournalError(f"{path}: the [session] header is damaged ({err})") from None
    region = data[start:]
    first = region.find(codec.HEADER)
    if first < 0 and not region.strip() or first >= 0 and not region[:first].strip() and codec.all_sealed(region[first:]):
        # the usual case, every block whole: no offsets needed
        return Loaded(header, codec.decode(region[first:]) if first >= 0 else [], len(data), [])
    good, broken, end = _split(data, start)
    warnings = [
        f"warning: {path}:{_line_of(data, at)}: dropped an incomplete event block (a writer was stopped mid-write)"
        for at in broken
    ]
    events = codec.decode(b"".join(data[b:e] for b, e in good))
    return Loaded(header, events, max(end, start), warnings)


def append(path: Path, payload: Mapping[str, Any]) -> None:
    """Append one event durably. Raises JournalError if the file cannot take it."""
    block = codec.encode(payload)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND)
    except FileNotFoundError:
        raise JournalError(f"{path}: no such session file") from None
    except OSError as err:
        raise JournalError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        block = _repair_tail(fd, path) + block
        view = memoryview(block)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except OSError as err:
        raise JournalError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        os.close(fd)  # also releases the lock


def _repair_tail(fd: int, path: Path) -> bytes:
    """Cut a torn last block (a killed writer's) and return what must precede the next block.

    Reads only the end of the file: from the header of the last block (or the header sentinel),
    never removing a sealed block."""
    size = os.fstat(fd).st_size
    window = 1 << 16
    while True:
        offset = max(0, size - window)
        data = os.pread(fd, size - offset, offset)
        last = data.rfind(codec.MARK)
        sentinel = data.rfind(SENTINEL)
        if sentinel >= 0 and sentinel >= last:
            cut = sentinel + len(SENTINEL)
        elif last >= 0 and offset + last > 0:
            # step back one block so a sealed block followed by a torn header is seen whole
            before = data.rfind(codec.MARK, 0, last)
            if before < 0 and offset > 0:
                window *= 4
                continue
            cut = (before if before >= 0 else last) + 1
        elif offset == 0:
            raise JournalError(f"{path}: not a workshop session file (no events marker)")
        else:
            window *= 4
            continue
        good, _, end = _split(data, cut)
        kept = data[: max(end, cut)] if data[max(end, cut) :].strip() else data
        if len(kept) < len(data):
            os.ftruncate(fd, offset + len(kept))
        if kept.endswith(b"\n\n") or kept.endswith(SENTINEL):
            return b""
        return b"\n" if kept.endswith(b"\n") else b"\n\n"


class Follower:
    """Reads a live session file incrementally: each poll parses only the bytes added since."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def start(self) -> Loaded:
        loaded = load(self.path)
        self.offset = loaded.end
        return loaded

    def poll(self) -> list[dict[str, Any]]:
        """New complete events since the last call; an unfinished block waits for its writer."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except OSError as err:
            raise JournalError(f"{self.path}: cannot read: {err.strerror or err}") from None
        if not data:
            return []
        first = data.find(codec.HEADER)
        if first < 0:
            return []
        good, _, end = _split(data, first)
        if not good:
            return []
        self.offset += end
        return codec.decode(b"".join(data[b:e] for b, e in good))
