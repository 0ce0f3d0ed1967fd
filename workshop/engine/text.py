"""Participant text is untrusted: kept as typed, minus control characters, within limits; and
isolated where it is shown, so that nothing in it can reorder the text around it.

Bidi: a right-to-left override (U+202E) left open in a name or note reverses everything after it
on the line, and a stray isolate closer (U+2069) can end an isolation early. So names lose their
invisible characters when stored (`name`), and names and notes are shown through `isolate` (the
terminal, Markdown) or `balanced` inside `<bdi>` (HTML). Notes keep what was typed: the
isolation is added on display, never stored.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from workshop.errors import WorkshopError

NAME_MAX = 40
TEXT_MAX = 2000
# What no stored or shown text may hold: C0 and C1 controls (but newline and tab), DEL, and lone
# surrogates (they cannot be encoded, and crash whatever prints them). `clean` removes them;
# readers of files refuse text that holds them.
UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # ZWSP, ZWNJ, ZWJ, word joiner, BOM
EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO: each closed by a PDF
PDF = "\u202c"
ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI: each closed by a PDI
FSI, PDI = "\u2068", "\u2069"
MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: invisible, they only steer direction
BIDI_CONTROLS = EMBEDDINGS + PDF + ISOLATES + PDI + MARKS
# What a name may not hold: invisible, so two names differing only by them look the same.
_INVISIBLE = str.maketrans(dict.fromkeys(ZERO_WIDTH + BIDI_CONTROLS))
# Where a bidi paragraph ends (class B): every embedding and isolate ends there too, so each line
# of a note is isolated on its own.
_PARAGRAPH = re.compile("([\n\r\x1c-\x1e\x85\u2029])")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})


class TextError(WorkshopError, ValueError):
    """Text that cannot be stored; the message is one line for the user."""


def clean(text: str) -> str:
    """`text` without C0/C1 control characters (newline and tab stay) or lone surrogates.

    An ANSI escape in a note would otherwise reach every terminal that shows it."""
    return UNCLEAN.sub("", text)


# Characters that render as nothing (Unicode's Default_Ignorable_Code_Point, less what the
# categories below already catch): fillers and joiners that would let "Ana" and "Ana" be two people.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0") | frozenset(map(chr, range(0x180b, 0x1810)))


def _ignorable(ch: str) -> bool:
    """Invisible in a name: a format character (soft hyphen, tags, …), a variation selector, a filler."""
    return (unicodedata.category(ch) == "Cf" or ch in _IGNORABLE or "\ufe00" <= ch <= "\ufe0f"
            or "\U000e0100" <= ch <= "\U000e01ef")


def name(raw: str) -> str:
    """A display name: cleaned, without zero-width characters or bidi controls, one line, 1–40
    characters. "Ana" and "Ana\u200b" are one person."""
    value = " ".join("".join(ch for ch in unicodedata.normalize("NFKC", clean(raw)).translate(_INVISIBLE)
                             if not _ignorable(ch)).split())
    if not value:
        raise TextError("a name cannot be empty")
    if len(value) > NAME_MAX:
        raise TextError(f"a name is at most {NAME_MAX} characters (this one has {len(value)})")
    return value


def body(raw: str, what: str = "a note", limit: int = TEXT_MAX) -> str:
    """A note or answer: cleaned, not blank, at most `limit` characters."""
    value = clean(raw).strip()
    if not value:
        raise TextError(f"{what} cannot be empty")
    if len(value) > limit:
        raise TextError(f"{what} is at most {limit} characters (this one has {len(value)})")
    return value


# Letters of other scripts (and Latin variants) drawn like Latin letters, from Unicode's
# confusables: with them "Аna", its first letter Cyrillic, would pass on every screen for "Ana".
# Mapped as typed, before casefolding, since a capital and its small letter can look like two
# different Latin letters (Greek "Η" is an H, "η" an n).
_DRAWN_ALIKE = {
    "A": "АΑᎪ", "B": "ВΒᏴ", "C": "СϹᏟ", "D": "Ꭰ", "E": "ЕΕᎬ", "G": "Ꮐ", "H": "НΗᎻ", "I": "ІӀΙ",
    "J": "ЈͿᎫ", "K": "КΚᏦ", "L": "ᏞԼ", "M": "МΜᎷ", "N": "Ν", "O": "ОΟՕ", "P": "РΡᏢ", "Q": "Ԛ",
    "R": "Ꮢ", "S": "ЅՏᏚ", "T": "ТΤᎢ", "U": "Ս", "V": "ѴᏙ", "W": "ԜᎳ", "X": "ХΧ", "Y": "УҮΥ",
    "Z": "ΖᏃ",
    "a": "аαɑ", "c": "сϲ", "d": "ԁ", "e": "еε", "g": "ɡց", "h": "һհ", "i": "іιɩı", "j": "јϳȷ",
    "k": "κ", "l": "ӏǀ", "n": "ηո", "o": "оοօ", "p": "рρ", "q": "ԛզ", "s": "ѕ", "u": "υμս",
    "v": "νѵ", "w": "ԝա", "x": "хχ", "y": "уүγ",
}
_LOOKALIKES = str.maketrans({ch: latin for latin, chars in _DRAWN_ALIKE.items() for ch in chars})


def name_key(value: str) -> str:
    """What two display names must share to be one person's: neither case nor letters drawn
    alike tell them apart ("ANA", "ana" and "Аna" with a Cyrillic А are one name)."""
    return value.translate(_LOOKALIKES).casefold()


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def isolate(value: str) -> str:
    """`value` safe to show beside other text (terminal, Markdown): each line that holds bidi
    controls or right-to-left characters wrapped in FSI…PDI and balanced inside (see `balanced`).
    Other text comes back unchanged, so plain ASCII output stays byte for byte what it was."""
    return _by_line(value, lambda line: FSI + _balance(line) + PDI)


def balanced(value: str) -> str:
    """`value` for inside an isolation the caller provides (HTML `<bdi>`): each line closes what
    it opens (a PDF per embedding or override, a PDI per isolate, at the end of the line), and a
    PDI that closes nothing the line opened is given an isolate of its own to close, rather than
    the one around the text. Nothing typed is removed."""
    return _by_line(value, _balance)


def _by_line(value: str, change: Callable[[str], str]) -> str:
    if value.isascii():  # the common case, and a long report has many notes
        return value
    parts = _PARAGRAPH.split(value)  # lines at even indexes, their separators between
    return "".join(change(part) if i % 2 == 0 and _reorders(part) else part for i, part in enumerate(parts))


def _reorders(line: str) -> bool:
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in line)


def _balance(line: str) -> str:
    """One line, balanced as the Unicode bidi algorithm (UAX #9, X1–X8) pairs its controls."""
    closers: list[str] = []  # what closes each control the line opened, innermost last
    strays = 0  # PDIs that close no isolate the line opened
    for ch in line:
        if ch in EMBEDDINGS:
            closers.append(PDF)
        elif ch in ISOLATES:
            closers.append(PDI)
        elif ch == PDF:
            if closers and closers[-1] == PDF:  # a PDF never closes across an isolate (X7)
                closers.pop()
        elif ch == PDI:
            if PDI in closers:  # it ends the embeddings opened inside its isolate too (X6a)
                while closers.pop() != PDI:
                    pass
            else:
                closers.clear()  # it ends the open embeddings, and closes an isolate outside the line
                strays += 1
    return FSI * strays + line + "".join(reversed(closers))


def is_date(value: str) -> bool:
    """Whether `value` is a calendar date written YYYY-MM-DD."""
    import datetime as dt

    try:
        return len(value) == 10 and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def due(raw: str) -> str:
    """An action item's due date as typed: YYYY-MM-DD, a real date; raises TextError."""
    value = raw.strip()
    if not is_date(value):
        raise TextError(f"a due date is written YYYY-MM-DD, like 2026-12-15, not {raw!r}")
    return value


def seconds_at(value: object) -> float | None:
    """An ISO 8601 time with its offset (as `start` carries `planned`), in seconds; None if not one."""
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        return None
    return moment.timestamp()
