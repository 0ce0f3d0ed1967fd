"""One event <-> one `[[events]]` block of TOML text, sealed with a checksum.

A block is valid TOML on its own and every block starts with its own header, so appending blocks
keeps the file one TOML document and a follower can parse only what is new. The last line of a
block is `crc = "…"`, the CRC-32 of everything before it: a block torn by a crash fails the check
and is never read back as some other value.

Payloads are flat (`key = scalar or array`), so a block never opens a sub-table that would escape
the `[[events]]` element it belongs to.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Mapping
from typing import Any

HEADER = b"[[events]]\n"
MARK = b"\n" + HEADER  # how a block begins, seen from the end of the one before it
_CRC_PREFIX = b'crc = "'
CRC_MARK = b"\n" + _CRC_PREFIX  # where a block's checksum line begins
CRC_LINE_LEN = _CRC_LINE_LEN = len(_CRC_PREFIX) + 8 + 2  # crc = "xxxxxxxx"\n


class EncodeError(ValueError):
    pass


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON's escapes are all valid in a TOML basic string; TOML also forbids a raw DEL.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise EncodeError("event times must carry a time zone")
        return value.isoformat(timespec="microseconds")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise EncodeError(f"cannot store a {type(value).__name__} in an event")


def encode(payload: Mapping[str, Any]) -> bytes:
    """The block for one event: header, one line per key, the checksum line, a blank line."""
    lines = []
    for key, value in payload.items():
        if not key.replace("_", "").isalnum() or not key.isascii() or key == "crc":
            raise EncodeError(f"bad event key {key!r}")
        lines.append(f"{key} = {_value(value)}\n")
    body = HEADER + "".join(lines).encode("utf-8")
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


def sealed(block: bytes) -> bool:
    """Whether `block` (starting at its header, ending after its crc line) is complete and intact."""
    cut = block.rfind(_CRC_PREFIX)
    if cut < 0 or not block.startswith(HEADER):
        return False
    tail = block[cut:]
    if len(tail) != _CRC_LINE_LEN and len(tail) != _CRC_LINE_LEN - 1:  # a missing final newline is fine
        return False
    if tail[_CRC_LINE_LEN - 2 : _CRC_LINE_LEN - 1] != b'"':
        return False
    try:
        expected = int(tail[len(_CRC_PREFIX) : len(_CRC_PREFIX) + 8], 16)
    except ValueError:
        return False
    return zlib.crc32(block[:cut]) == expected
