"""Read a TOML file into a Document, turning every way that can fail into a Problem.

Nothing here raises anything but `Invalid`: empty files, binary or non-UTF-8 bytes, folders,
missing paths, permissions, huge files and pathologically nested values all become one line
`path:line:col: message`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from workshop.content.locate import Locator
from workshop.content.problems import Invalid, Problem
from workshop.errors import os_message
from workshop.i18n import _, number

# Modules and agendas are a few kilobytes; a cap keeps a stray 50 MB file from stalling anyone.
MAX_BYTES = 4 * 1024 * 1024

# `workshop draft` marks every line a person must look at with this comment; its presence means
# the module is still a draft.
_CHECK = re.compile(r"^[ \t]*(#[ \t]*CHECK)\b", re.MULTILINE)
_WHERE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


@dataclass(frozen=True)
class Document:
    """A parsed TOML file and what is needed to point at its lines."""

    path: str
    text: str
    data: dict[str, Any] = field(repr=False)

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.text)

    def problem(self, where: tuple[str | int, ...], message: str) -> Problem:
        line, col = self.locator.find(where)
        return Problem(self.path, line, col, message)

    def draft_marker(self) -> Problem | None:
        """A problem at the first `# CHECK` comment line, or None when the file has none."""
        found = _CHECK.search(self.text)
        if found is None:
            return None
        line = self.text.count("\n", 0, found.start()) + 1
        col = found.start(1) - (self.text.rfind("\n", 0, found.start()) + 1) + 1
        return Problem(
            self.path,
            line,
            col,
            _(
                "still a draft: a '# CHECK' line is left to check; check it and "
                "delete the marker, or validate with --draft"
            ),
        )

    @property
    def kind(self) -> str | None:
        """'module', 'agenda' or 'session', by the file's shape; None when it is none of them."""
        if isinstance(self.data.get("session"), dict):
            return "session"
        if "modules" in self.data:
            return "agenda"
        if "steps" in self.data:
            return "module"
        return None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


_KEPT_BELOW = 256 * 1024  # a module is a few kilobytes: what is kept stays small


@lru_cache(maxsize=256)
def _toml(text: str) -> dict[str, Any]:
    """`text` parsed, once per process for the same text: `validate --watch` and the preview read
    every file again on each save, `new` every module on the search path. What is kept is shared,
    so nothing that reads a document changes its data (tests/content/test_documents_unchanged.py)."""
    return tomllib.loads(text)


def parse(raw: bytes, path: str) -> Document:
    """Decode and parse bytes as TOML; raise Invalid with the reason it cannot be done."""

    def fail(line: int, col: int, message: str) -> Invalid:
        return Invalid([Problem(path, line, col, message)])

    if not raw.strip():
        raise fail(1, 1, _("empty file: nothing to validate"))
    if (nul := raw.find(b"\x00")) >= 0:
        raise fail(*_line_col(raw, nul), _("binary file (NUL byte), not TOML text"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise fail(
            *_line_col(raw, err.start), _("not UTF-8 text: byte 0x{byte:02x}").format(byte=raw[err.start])
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        data = _toml(text) if len(text) <= _KEPT_BELOW else tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = _WHERE.search(message)
        if found and found.group(1):
            line, col = int(found.group(1)), int(found.group(2))
        else:  # "at end of document"
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
        detail = _WHERE.sub("", message) or _("invalid TOML")
        raise fail(
            line, col, _("TOML syntax: {lower}{detail}").format(lower=detail[0].lower(), detail=detail[1:])
        ) from None
    except RecursionError:
        raise fail(1, 1, _("TOML nested too deeply to read")) from None
    except ValueError as err:  # e.g. an integer with more digits than Python will convert
        raise fail(1, 1, _("TOML value too large to read ({split})").format(split=str(err).split(":")[0])) from None
    return Document(path, text, data)


def read(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one file; raise Invalid for anything that stops that."""
    shown = display if display is not None else str(path)

    def fail(message: str) -> Invalid:
        return Invalid([Problem(shown, 1, 1, message)])

    try:
        if path.is_dir():
            raise fail(_("is a folder, not a file"))
        if path.exists() and not path.is_file():
            raise fail(_("not a regular file (a pipe or device?)"))
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(
                _("too large: {size} MB (a module or agenda is at most {limit} MiB)").format(
                    size=number(size / 1e6, ".1f"), limit=max_bytes // 2**20
                )
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail(_("no such file or folder")) from None
    except OSError as err:
        raise fail(os_message("", "read", err).removeprefix(": ")) from None
    if len(raw) > max_bytes:  # it grew while we looked
        raise fail(_("too large (a module or agenda is at most {max_bytes} MiB)").format(max_bytes=max_bytes // 2**20))
    return parse(raw, shown)


def saved_as(files: Iterable[Path]) -> tuple[bytes | None, ...]:
    """What each file holds now, as a digest (None while it is missing or unreadable: an editor
    may delete and write it again as it saves). Watchers compare these, not times and sizes, so
    an edit that keeps both (a save in the same clock tick, a tool that restores the time) is seen."""
    found: list[bytes | None] = []
    for file in files:
        try:  # a pipe is opened without waiting for a writer, and never read (`read` refuses it)
            with open(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
                regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
                found.append(hashlib.blake2b(handle.read(MAX_BYTES + 1), digest_size=16).digest() if regular else None)
        except OSError:
            found.append(None)
    return tuple(found)
