"""The session file on disk: created once, then only appended to.

    # workshop session …           a comment
    [session]                      the header: id, title, join code, frozen agenda …
    …
    # events follow …              SENTINEL: where the header ends
    [[events]] … crc = "…"         one sealed block per event (see codec and blocks)

Every reader goes through `blocks.scan`, so the loader, the follower and the tail repair agree
on every byte. Writers take the file's lock for a whole check-then-append (`writer.locked`):
read what is new, decide, append, fsync, release. The only bytes ever removed are a torn tail at the very
end, which holds no event; a damaged block is skipped by readers and kept on disk.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from workshop.i18n import N_, _
from workshop.journal import blocks, check, codec, files
from workshop.journal.files import JournalError

__all__ = ["SENTINEL", "Follower", "JournalError", "Loaded", "create", "load", "repair"]

SENTINEL = b"# events follow, one [[events]] block each, oldest first\n"
SENTINEL_TEXT = SENTINEL.rstrip(b"\n")
CRLF = N_("Windows (CRLF) line ends, read as plain newlines")  # a note on the file, not damage
_COMMENT_LINE = re.compile(rb"^[ \t]*#[^\n]*$", re.MULTILINE)


@dataclass
class Loaded:
    header: dict[str, Any]
    events: list[dict[str, Any]]
    end: int  # where a follower goes on from: past every final byte, before a torn tail
    warnings: list[str] = field(default_factory=list)
    damage: list[tuple[int, int, str]] = field(default_factory=list)  # line, column, what


def header_bytes(header: Mapping[str, Any]) -> bytes:
    text = (
        # not translated: the file's own first line, the same in every session file
        "# workshop session file: append-only. Each [[events]] block is one thing that happened.\n"
        + tomli_w.dumps({"session": dict(header)})
    ).encode("utf-8")
    return text + (b"" if text.endswith(b"\n") else b"\n") + b"\n" + SENTINEL


def create(path: Path, header: Mapping[str, Any]) -> None:
    """Write a new session file, whole or not at all; refuse anything already at its name. It is
    readable by its group only (0640: join codes, tokens and proofs are in it); in a shared
    folder (setgid, as docs/participants.md sets it up) also writable by the group (0660), so
    participants on their own accounts can append to it."""
    shared = path.parent.stat().st_mode & stat.S_ISGID
    files.create_exclusive(path, header_bytes(header), 0o660 if shared else 0o640)


# ---------------------------------------------------------------------------------- reading


def header_end(data: bytes) -> int:
    """Where the header ends: after the sentinel line, or (the sentinel damaged) at the first
    block's header, or (no events yet) at the end."""
    at = data.find(SENTINEL_TEXT)
    if at >= 0 and (at == 0 or data[at - 1] == 10):
        newline = data.find(b"\n", at)
        return len(data) if newline < 0 else newline + 1
    first = blocks.first_head(data)
    return len(data) if first < 0 else first


def _header(data: bytes, path: Path) -> tuple[dict[str, Any], int]:
    """The [session] table, judged by the header's bytes alone."""
    end = header_end(data)
    head = data[:end]
    for attempt in (head, _COMMENT_LINE.sub(b"", head)):  # a damaged comment line must not cost the header
        try:
            session = tomllib.loads(attempt.decode("utf-8-sig")).get("session")  # a BOM an editor put first
        except (ValueError, RecursionError):
            continue
        if isinstance(session, dict):
            if (wrong := check.header(session)) is not None:
                raise JournalError(
                    _(
                        "{path}:1:1: the [session] header is not one workshop wrote ({wrong}): no command can use "
                        "this file"
                    ).format(path=path, wrong=wrong)
                )
            return session, end
    if b"[session]" not in head:
        raise JournalError(_("{path}: not a workshop session file (no [session] header)").format(path=path))
    raise JournalError(_("{path}:1:1: the [session] header is damaged: no command can use this file").format(path=path))


def _messages(path: Path, data: bytes, found: blocks.Scan, base: int = 0) -> list[tuple[int, int, str]]:
    """One (line, column, message) per damaged piece, a torn tail and CRLF line ends. `data`
    is the whole file; `base` is where the scanned bytes began."""
    out = []
    ends = [found.torn] if found.torn is not None else []
    places = iter(blocks.line_cols(data, [base + piece.begin for piece in [*found.damaged, *ends]]))
    for piece in found.damaged:
        line, col = next(places)
        if piece.kind == "refused":
            out.append((line, col, _("{why}, at byte {base}: skipped").format(why=piece.why, base=base + piece.begin)))
            continue
        what = (
            _("stray bytes after an event block")
            if data[base + piece.begin : base + piece.begin + 10] != b"[[events]]"
            else _("a damaged event block (its checksum does not match: edited by hand, or a damaged disk)")
        )
        out.append(
            (
                line,
                col,
                _("{what} at byte {base}, skipped; `workshop repair` writes a copy without it").format(
                    what=what, base=base + piece.begin
                ),
            )
        )
    if found.torn is not None:
        line, col = next(places)
        out.append(
            (
                line,
                col,
                _(
                    "an incomplete last event block at byte {base} (no checksum line: a writer stopped mid-write, or "
                    "a block added by hand), skipped; the next append removes it"
                ).format(base=base + found.torn.begin),
            )
        )
    if found.crlf:
        out.append((1, 1, _(CRLF)))
    return out


def _warnings(path: Path, damage: list[tuple[int, int, str]]) -> list[str]:
    return [
        _("warning: {path}:{line}:{col}: {message}").format(path=path, line=line, col=col, message=message)
        for line, col, message in damage
    ]


def load(path: Path) -> Loaded:
    """Read the whole session: its header and every event of a sealed block, oldest first."""
    data = files.read_regular(path)
    header, start = _header(data, path)
    found, events = blocks.read(data, start)
    damage = _messages(path, data, found) if found.damaged or found.torn or found.crlf else []
    return Loaded(header, events, found.end, _warnings(path, damage), damage)


class Follower:
    """Reads a live session file incrementally: each poll reads only the bytes added since."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.warnings: list[str] = []  # damage found while following, for the screen to show

    def start(self) -> Loaded:
        loaded = load(self.path)
        self.offset = loaded.end
        return loaded

    def take_warnings(self) -> list[str]:
        found, self.warnings = self.warnings, []
        return found

    def poll(self) -> list[dict[str, Any]]:
        """New events since the last call; a block still being written waits for its writer."""
        data = files.read_regular(self.path, self.offset)
        if not data.strip():
            return []
        found, events = blocks.read(data)
        if found.damaged or found.crlf:
            whole = files.read_regular(self.path)
            settled = dataclasses.replace(found, torn=None)  # a torn tail is most likely still being written
            self.warnings += _warnings(self.path, _messages(self.path, whole, settled, self.offset))
        self.offset += found.end
        return events


def decoded(data: bytes) -> list[dict[str, Any]]:
    """The events these blocks hold, exactly as a reader of the file will read them."""
    return blocks.read(data)[1]


def positions(path: Path) -> list[tuple[int, int]]:
    """(line, column) of each event the reader lets through, in file order: where a message
    about the fold's event number n points (block by block: for `validate`, not a hot path)."""
    data = files.read_regular(path)
    _, start = _header(data, path)
    out = []
    for at, run in blocks.scan_each(data, start).runs:
        try:
            event = codec.decode(bytes(run), 1)[0]
        except ValueError:
            continue
        if check.one(event) is None:
            out.append(at)
    return blocks.line_cols(data, out)


def repair(path: Path, target: Path) -> tuple[int, list[str]]:
    """Write to `target` (a new file) the header and every event `path` holds, as the encoder
    writes them; return how many events were kept and what was left out."""
    data = files.read_regular(path)
    header, start = _header(data, path)
    found, events = blocks.read(data, start)
    body = b"".join(bytes(run).rstrip(b"\n") + b"\n\n" for _, run in found.runs)  # exactly as the encoder wrote them
    # no easier to read than the session (its join code, names, ballots): never the umask's 0644
    mode = os.stat(path).st_mode & 0o660
    files.create_exclusive(target, header_bytes(header) + body, mode)
    return len(events), [f"{path}:{line}:{col}: {message}" for line, col, message in _messages(path, data, found)]
