"""The fast path for a large file that is nothing but sealed blocks as the encoder writes them:
every checksum checked and every event decoded in a fixed number of passes over the bytes, with
no Python-level work per block but giving each event its time (`blocks.read` uses it).

Per-block work in Python was most of a large file's load, so here 32 KB of blocks at a time
(every buffer stays in the CPU's cache) go through a fixed number of passes in C (the figures are
in docs/architecture.md, Speed):

- one `split` at the blank line between blocks gives every block; the checksums are computed by
  `map` over them and compared as two arrays, all in C;
- the JSON is the blocks joined with `},{"` and four passes: `at = <time>+00:00` becomes
  `"at":"<time>+00:00"` (the pattern itself makes it UTC; the zone kept in the string saves a
  concatenation per event), ` = ` becomes `": `, and every line break gains `,` before
  and `"` after it. Line breaks stay: JSON allows none inside a string, so a hand-made value
  that opened a string on one line to swallow the next cannot parse, and the file is read
  block by block instead (as by `codec.decode`);
- msgspec parses it straight into each event type's definition (engine/events.py: known fields
  of the right types, so a table inside a value is refused here, as `codec.decode` refuses
  it), and journal/check.py checks the strings' shapes once per distinct value; small regions
  (every verb's follower, a short session) keep `codec.decode` and check event by event.

Anything that is not exactly that shape returns None, and the caller reads the file the slow way.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import Any

from workshop.journal import check
from workshop.journal.codec import HEADER

FAST_FROM = 1 << 18  # bytes of blocks below which msgspec's import costs more than it saves
_CHUNK = 1 << 15  # bytes taken at a time: small enough to stay in the CPU's cache (docs/architecture.md)
_SEP = b"\n\n" + HEADER  # between two blocks, as the writer appends them
_CRC_AT = b'\ncrc = "'
_TAIL = len(_CRC_AT) + 8 + 1  # the checksum line without its newline, and the newline before it
_SEED = zlib.crc32(HEADER)  # every block's checksum covers its header, which the split removed
_last_line = itemgetter(slice(-_TAIL, None))  # `\ncrc = "xxxxxxxx"`, the closing quote last
_LAST_LINES = re.compile(rb'(?:\ncrc = "[0-9a-f]{8}")*')  # as the encoder writes them: lower-case
_body = itemgetter(slice(None, -_TAIL + 1))  # through the newline before `crc`
_DECODER: Any = None


def _decoder() -> Any:
    global _DECODER
    if _DECODER is None:
        _DECODER = check.decoder()  # only large files come here (see FAST_FROM)
    return _DECODER


def read(data: bytes, first: int) -> list[dict[str, Any]] | None:
    """The events of the blocks from data[first:] (the first block's header) to the end, oldest
    first and without their crc; None when they are not all sealed blocks of the encoder's shape,
    each an event a writer of ours writes (journal/check.py: checked once, over the whole file)."""
    decode, found = _decoder().decode, []
    pos, end = first + len(HEADER), len(data)
    while pos < end:
        cut = data.find(_SEP, pos + _CHUNK)
        got = _chunk(data[pos : cut if cut >= 0 else end], cut < 0, decode)
        if got is None:
            return None
        found += got
        if cut < 0:
            return check.as_dicts(found) if check.fine(found, clean=True) else None
        pos = cut + len(_SEP)
    return None  # a header with nothing after it at the very end: a torn write, for `scan` to find


def _chunk(chunk: bytes, last: bool, decode: Callable[[bytes], Any]) -> list[Any] | None:
    parts = chunk.split(_SEP)
    if last:
        parts[-1] = parts[-1].rstrip(b"\n")  # the file may end without its blank line, or with more
    if not _sealed(parts) or not check.clean_bytes(chunk):
        return None
    text = b'[{"' + b'},{"'.join(parts) + b"}]"
    text = text.replace(b"\nat = ", b'\nat":"').replace(b"+00:00\n", b'+00:00"\n')
    text = text.replace(b" = ", b'": ').replace(b"\n", b',\n"')
    try:
        found = decode(text)  # every event against its type's definition (journal/check.py)
    except ValueError:  # msgspec's DecodeError and ValidationError are ValueErrors
        return None
    return found if len(found) == len(parts) else None


def _sealed(parts: list[bytes]) -> bool:
    """Whether every block ends in its checksum line and the checksum is right. The last lines
    are joined and checked by one regular expression, and their digits read from that, which is faster
    than a comparison and a slice per block (docs/architecture.md, Speed)."""
    lines = b"".join(map(_last_line, parts))
    if _LAST_LINES.fullmatch(lines) is None:
        return False
    wanted = array("I", bytes.fromhex(lines.replace(_CRC_AT, b"").replace(b'"', b"").decode("ascii")))
    if sys.byteorder == "little":
        wanted.byteswap()  # fromhex reads each checksum most significant byte first
    return wanted == array("I", map(zlib.crc32, map(_body, parts), repeat(_SEED)))
