"""One event <-> one `[[events]]` block of TOML text, sealed with a checksum.

A block is valid TOML on its own and every block starts with its own header, so appending blocks
keeps the file one TOML document and a follower can parse only what is new. The last line of a
block is `crc = "…"`, the CRC-32 of everything before it: a block torn by a crash fails the check
and is never read back as some other value.

Payloads are flat (`key = scalar or array`), so a block never opens a sub-table that would escape
the `[[events]]` element it belongs to.

Reading fast: every value is written in the syntax TOML and JSON share (JSON strings, integers,
true/false, arrays) except `at`, always a UTC time. A sealed block is byte for byte what `encode`
wrote, so a run of sealed blocks turns into one JSON document with a handful of plain byte
replacements and is parsed by the C JSON parser, faster than any TOML parser (measured in
docs/architecture.md, Speed). Anything unexpected falls back to tomllib.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import zlib
from collections.abc import Mapping
from typing import Any

from workshop.errors import WorkshopError

HEADER = b"[[events]]\n"
MARK = b"\n" + HEADER  # how a block begins, seen from the end of the one before it
_CRC_PREFIX = b'crc = "'
CRC_LINE_LEN = len(_CRC_PREFIX) + 8 + 2  # crc = "xxxxxxxx"\n
CRC_TAIL = b'"\n\n'  # what follows a block's checksum digits, as `encode` writes it


class EncodeError(WorkshopError, ValueError):
    """A value no event can hold (a bug in the caller, or a type the journal cannot store)."""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON's escapes are all valid in a TOML basic string; TOML also forbids a raw DEL, and
        # " = " is escaped so that it only ever separates a key from its value (see `decode`).
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f").replace(" = ", " \\u003d ")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    # not translated: a bug of ours, for a developer
    raise EncodeError(f"cannot store a {type(value).__name__} in an event")


def _time(value: Any) -> str:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise EncodeError("an event's `at` must be a datetime with a time zone")  # not translated: a bug of ours
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def encode(payload: Mapping[str, Any]) -> bytes:
    """The block for one event: header, one line per key, the checksum line, a blank line."""
    lines = []
    for key, value in payload.items():
        if not key.replace("_", "").isalnum() or not key.isascii() or key == "crc":
            raise EncodeError(f"bad event key {key!r}")  # not translated: a bug of ours
        lines.append(f"{key} = {_time(value) if key == 'at' else _value(value)}\n")
    body = HEADER + "".join(lines).encode("utf-8")
    return body + b'crc = "%08x"\n\n' % zlib.crc32(body)


def _as_json(region: bytes) -> bytes:
    """Sealed blocks, back to back, as one JSON array (see the module's docstring)."""
    body = region[len(HEADER) :].replace(b"+00:00\n", b'+00:00"\n').replace(b"\nat = ", b'\nat = "')
    if body.startswith(b"at = "):
        body = b'at = "' + body[5:]
    body = body.replace(b'"\n\n' + HEADER, b'"},{"').rstrip(b"\n")  # between blocks, as written
    if HEADER in body:  # blocks joined without their blank line (after dropping a broken one)
        body = body.replace(b'"\n' + HEADER, b'"},{"')
    # Every line break stays, between two members: JSON allows it there and nowhere inside a
    # string, so a hand-made value that opens a string on one line and closes it on another (to
    # swallow the blocks after it) fails to parse here, and is read block by block instead.
    body = body.replace(b"\n", b',\n"').replace(b" = ", b'": ')
    return b'[{"' + body + b"}]"


class _Objects:
    """Counts the JSON objects a parse builds: our writer's blocks make one each, with flat values,
    so a count above the blocks' means a block opened a table that took in the blocks after it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, members: dict[str, Any]) -> dict[str, Any]:
        self.count += 1
        return members


def decode(region: bytes, blocks: int) -> list[dict[str, Any]]:
    """The events of `blocks` sealed blocks back to back, oldest first, without their crc.

    Raises ValueError when the bytes are not that many readable events: a block whose checksum
    was made to fit bytes our writer never writes is refused, never read as something else."""
    try:
        events = json.loads(_as_json(region), object_hook=(objects := _Objects()))
        if objects.count != blocks:  # a table inside a value: a hand-made block swallowing the next ones
            raise ValueError("not our writer's blocks")
        when = dt.datetime.fromisoformat
        for event in events:
            event["at"] = when(event["at"])
            event["crc"]  # a sealed block's last line
    except (ValueError, KeyError, TypeError, RecursionError):  # not our writer's bytes: read it as TOML
        events = _as_toml(region)
    if len(events) != blocks:
        raise ValueError(f"{blocks} blocks hold {len(events)} events")
    return events


def _as_toml(region: bytes) -> list[dict[str, Any]]:
    try:
        events = tomllib.loads(region.decode("utf-8")).get("events")
    except (ValueError, RecursionError) as err:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise ValueError(f"not TOML: {err}") from None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise ValueError("not [[events]] blocks")
    return events


def all_sealed(region: bytes) -> bool:
    """Whether `region` is nothing but sealed blocks (the fast check for a whole file)."""
    if not region.startswith(HEADER):
        return not region.strip()
    seed, crc32, line = zlib.crc32(HEADER), zlib.crc32, CRC_LINE_LEN
    parts = region[len(HEADER) :].split(MARK)
    parts[-1] = parts[-1].rstrip(b"\n") + b"\n"  # the file may end without its blank line
    try:
        # every part ends with its fixed-length crc line, `crc = "xxxxxxxx"` and a newline
        return all(
            p[-line:-10] == _CRC_PREFIX
            and p[-2:] == b'"\n'
            and p[-line - 1 : -line] == b"\n"
            and crc32(p[:-line], seed) == int(p[-10:-2], 16)
            for p in parts
        )
    except ValueError:
        return False
