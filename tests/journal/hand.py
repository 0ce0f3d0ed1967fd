"""Editing a session file by hand, as anyone who can write it could: whole blocks copied,
re-spelt, deleted or moved, the header rewritten. Nothing here goes through our writers."""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from pathlib import Path

from workshop.journal import codec
from workshop.journal.store import SENTINEL


def split(path: Path) -> tuple[bytes, list[bytes]]:
    """The file's header (through the sentinel line) and each event block, exactly as written."""
    data = path.read_bytes()
    cut = data.index(SENTINEL) + len(SENTINEL)
    body = data[cut:]
    starts = [m.start() for m in re.finditer(rb"^\[\[events\]\]$", body, re.MULTILINE)]
    return data[:cut], [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def block(event: dict) -> bytes:
    """A sealed block for `event`, as a hand could write it: any string (escaped the way TOML
    and JSON both read, lone surrogates included), `at` as a TOML time."""
    lines = [f"{k} = {v.isoformat() if isinstance(v, dt.datetime) else json.dumps(v)}\n" for k, v in event.items()]
    body = b"[[events]]\n" + "".join(lines).encode()
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


def kind(block: bytes) -> str:
    return codec.decode(block, 1)[0]["type"]


def of_type(path: Path, type_: str) -> list[bytes]:
    return [b for b in split(path)[1] if kind(b) == type_]


def reseal(block: bytes, change: tuple[bytes, bytes] | None = None) -> bytes:
    """`block` with bytes replaced (`change`: old, new) and its checksum made to fit again."""
    body = block[: block.rindex(b'crc = "')]
    if change is not None:
        assert change[0] in body, change
        body = body.replace(*change)
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


def append(path: Path, *blocks: bytes) -> None:
    with path.open("ab") as handle:
        for block in blocks:
            handle.write(block if block.endswith(b"\n\n") else block + b"\n")


def rewrite(path: Path, header: bytes, blocks: list[bytes]) -> None:
    """The file written again in place (same inode, as an editor or a group member could)."""
    with path.open("r+b") as handle:
        handle.write(header + b"".join(blocks))
        handle.truncate()
