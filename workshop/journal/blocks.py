"""The one reader of a session file's events: where the region splits into blocks, and what
each block is. The whole-file loader, the follower and the tail repair all call `scan`, so they
can never disagree about a byte.

A block begins at a line that is exactly `[[events]]` and runs to the next such line. It is

- **sealed** when its lines end in `crc = "xxxxxxxx"` and that is the CRC-32 of everything from
  the header to the checksum line. Its event is read. Bytes after the checksum line that are
  not white space are *stray*: a damaged piece of their own, and the intact event is kept.
- **torn** when it is the last block and its checksum line is not whole, or when the bytes at the
  very end are the beginning of a header: all a writer killed mid-write can leave, since every
  append is one write at the end. Only ever the last thing in the file. The next append cuts it.
- **damaged** otherwise: a complete-looking block whose checksum fails (an edit by hand, a bad
  disk), or bytes outside any block. Skipped with a warning naming its line and byte offset;
  nothing ever removes it, so `workshop repair` can still show a person what it was.
- **refused** when it is sealed but its event is not one a writer of ours writes (journal/check.py):
  skipped and reported like a damaged block, never folded, shown or rendered.

Line ends may be CRLF (an editor converted the file): such a block is read as if it were LF.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from workshop.journal import check, codec, sealed

_HEADER_LINE = re.compile(rb"^\[\[events\]\]\r?$", re.MULTILINE)
_CRC_AT = b'\ncrc = "'
_CRC_WHOLE = len(_CRC_AT) + 8 + 1  # from the newline before `crc` to just past the closing quote


@dataclass(frozen=True)
class Piece:
    """Bytes data[begin:end] that hold no event: `kind` is "damaged", "torn", or "refused" (a
    sealed block whose event no writer of ours writes; `why` says what is wrong with it)."""

    begin: int
    end: int
    kind: str
    why: str = ""


@dataclass
class Scan:
    """What `scan` found: sealed blocks (as runs of bytes exactly as the encoder writes them,
    each with the offset it starts at), damaged pieces, a torn tail, and CRLF line ends."""

    runs: list[tuple[int, bytes | memoryview]] = field(default_factory=list)  # a view: the fast path copies nothing
    damaged: list[Piece] = field(default_factory=list)
    torn: Piece | None = None
    crlf: bool = False
    size: int = 0

    @property
    def end(self) -> int:
        """Where a reader goes on from: everything before it is final, a torn tail is not."""
        return self.torn.begin if self.torn is not None else self.size


def scan(data: bytes, start: int = 0) -> Scan:
    """Classify data[start:], which begins at a line start (after the header sentinel, or at a
    block's header). The usual file, nothing but sealed blocks, takes one fast pass."""
    first = data.find(codec.HEADER, start)
    if first < 0 and not data[start:].strip():
        return Scan(size=len(data))
    if first >= 0 and not data[start:first].strip() and (first == 0 or data[first - 1] == 10):
        region = data[first:]
        if codec.all_sealed(region):
            return Scan(runs=[(first, region)], size=len(data))
    return _slow(data, start)


def scan_each(data: bytes, start: int = 0) -> Scan:
    """`scan` with one run per sealed block, each with its offset (never the one-run fast path)."""
    return _slow(data, start)


def _slow(data: bytes, start: int) -> Scan:
    found = Scan(size=len(data))
    heads = [m.start() for m in _HEADER_LINE.finditer(data, start)]
    _loose(found, data, start, heads[0] if heads else len(data), last=not heads)
    for i, head in enumerate(heads):
        last = i + 1 == len(heads)
        _block(found, data, head, len(data) if last else heads[i + 1], last)
    return found


def _loose(found: Scan, data: bytes, begin: int, end: int, last: bool) -> None:
    """Bytes outside any block: white space is fine; the beginning of a header at the very end
    is a torn write; anything else is damage."""
    chunk = data[begin:end]
    body = chunk.strip()
    if not body:
        return
    at = begin + (len(chunk) - len(chunk.lstrip()))
    if last and codec.HEADER.startswith(body):
        found.torn = Piece(at, end, "torn")
    else:
        found.damaged.append(Piece(at, end, "damaged"))


def _block(found: Scan, data: bytes, head: int, stop: int, last: bool) -> None:
    chunk = data[head:stop]
    crc_at = chunk.find(_CRC_AT)
    if crc_at < 0 or len(chunk) < crc_at + _CRC_WHOLE:
        _short(found, chunk, head, stop, last)
        return
    body = chunk[: crc_at + 1]
    digits = chunk[crc_at + len(_CRC_AT) : crc_at + _CRC_WHOLE - 1]
    if b"\r" in body:
        found.crlf = True
        body = body.replace(b"\r\n", b"\n")
    if chunk[crc_at + _CRC_WHOLE - 1] != 34 or not _matches(body, digits):  # 34: the closing '"'
        found.damaged.append(Piece(head, stop, "damaged"))
        return
    found.runs.append((head, body + b'crc = "' + digits.lower() + b'"\n'))
    _loose(found, data, head + crc_at + _CRC_WHOLE, stop, last)


def _short(found: Scan, chunk: bytes, head: int, stop: int, last: bool) -> None:
    """A block without a whole checksum line. At the very end, and not closed by a blank line
    (a block's only blank line comes after its checksum), it is a write that stopped short.
    Anywhere else, or closed as a whole block is, its checksum line was damaged: keep it."""
    if last and not chunk.rstrip(b" \t").endswith((b"\n\n", b"\n\r\n")):
        found.torn = Piece(head, stop, "torn")
    else:
        found.damaged.append(Piece(head, stop, "damaged"))


def _matches(body: bytes, digits: bytes) -> bool:
    try:
        return digits.isalnum() and zlib.crc32(body) == int(digits, 16)
    except ValueError:
        return False


def read(data: bytes, start: int = 0) -> tuple[Scan, list[dict[str, Any]]]:
    """`scan`, then the events of its sealed blocks, oldest first. A sealed block that still
    cannot be read (its checksum was made to fit bytes our writer never writes) is damaged."""
    first = data.find(codec.HEADER, start)
    if (
        first >= 0
        and len(data) - first >= sealed.FAST_FROM
        and (first == 0 or data[first - 1] == 10)
        and not data[start:first].strip()
    ):
        whole = sealed.read(data, first)  # the usual large file: every block sealed, back to back
        if whole is not None:
            return Scan(runs=[(first, memoryview(data)[first:])], size=len(data)), whole
    found = scan(data, start)
    try:
        runs = [bytes(run) for _, run in found.runs]  # scan's runs are bytes already: no copy
        decoded = [e for run in runs for e in codec.decode(run, run.count(codec.MARK) + 1)]
        if not any(map(check.one, decoded)):  # every event one a writer of ours writes
            return found, decoded
    except ValueError:
        pass
    found = _slow(data, start)  # one run per block: find the ones that do not read, or are not ours
    events: list[dict[str, Any]] = []
    kept = []
    for at, run in found.runs:
        try:
            event = codec.decode(bytes(run), 1)[0]
        except ValueError:
            found.damaged.append(Piece(at, at + len(run), "damaged"))
            continue
        why = check.one(event)
        if why is not None:
            found.damaged.append(Piece(at, at + len(run), "refused", why))
            continue
        events.append(event)
        kept.append((at, run))
    found.runs = kept
    found.damaged.sort(key=lambda piece: piece.begin)
    return found, events


def first_head(data: bytes, start: int = 0) -> int:
    """Where the first block header line at or after `start` begins, or -1."""
    found = _HEADER_LINE.search(data, start)
    return -1 if found is None else found.start()


def last_head(data: bytes) -> int:
    """Where the last block header line in `data` begins (one that follows a newline), or -1."""
    at = len(data)
    while (at := data.rfind(b"\n[[events]]", 0, at)) >= 0:
        if _HEADER_LINE.match(data, at + 1):
            return at + 1
    return -1


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset, for messages."""
    return line_cols(data, [offset])[0]


def line_cols(data: bytes, offsets: list[int]) -> list[tuple[int, int]]:
    """`line_col` of each offset, counting lines on from the one before: a file of many damaged
    blocks is read once, not once per block (which took minutes for a few megabytes)."""
    out, line, at = [], 1, 0
    for offset in offsets:
        if offset < at:  # not in order: count from the start
            line, at = 1, 0
        line, at = line + data.count(b"\n", at, offset), offset
        line_start = data.rfind(b"\n", 0, offset) + 1
        out.append((line, len(data[line_start:offset].decode("utf-8", "replace")) + 1))
    return out
