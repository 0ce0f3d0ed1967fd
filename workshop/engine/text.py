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
from functools import lru_cache

from workshop.engine.confusables import ASCII_OF
from workshop.errors import WorkshopError
from workshop.i18n import _

NAME_MAX = 40
TEXT_MAX = 2000
# What no stored or shown text may hold: C0 and C1 controls (but newline and tab), DEL, and lone
# surrogates (they cannot be encoded, and crash whatever prints them). `clean` removes them;
# readers of files refuse text that holds them.
UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO: each closed by a PDF
PDF = "\u202c"
ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI: each closed by a PDI
FSI, PDI = "\u2068", "\u2069"
MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: invisible, they only steer direction
BIDI_CONTROLS = EMBEDDINGS + PDF + ISOLATES + PDI + MARKS
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


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt: Other_Default_Ignorable_Code_Point
# and Variation_Selector from PropList.txt, with every format character, category Cf): code points
# that render as nothing. The ranges below are the whole of that property that falls among
# letters and marks (Hangul fillers, the grapheme joiner, Khmer inherent vowels, variation
# selectors); the rest of it is Cf or unassigned, which no name keeps anyway.
_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)
NAME_PUNCTUATION = "-'\u2019.,&()"  # what a name may hold besides letters, marks, digits and spaces
_NAME_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No"})


def ignorable(ch: str) -> bool:
    """Whether `ch` renders as nothing: Default_Ignorable_Code_Point, or a filler (a character
    whose whole purpose is to hold an empty place, as Khitan's small script filler does)."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or any(low <= code <= high for low, high in _IGNORABLE)
        or "FILLER" in unicodedata.name(ch, "")
    )


def name_char(ch: str) -> str:
    """What a name keeps of `ch`: a letter, mark or digit as it is, one of NAME_PUNCTUATION, a
    space for any kind of space; nothing for everything else: controls, format characters,
    symbols (U+2800 BRAILLE PATTERN BLANK among them), other punctuation, what renders as nothing."""
    if ch.isspace() or unicodedata.category(ch) == "Zs":
        return " "
    if ch in NAME_PUNCTUATION or (unicodedata.category(ch) in _NAME_CATEGORIES and not ignorable(ch)):
        return ch
    return ""


def name(raw: str) -> str:
    """A display name, the one rule for every channel: compatibility-normalised (NFKC: a
    fullwidth "Ａ" is "A"), made of letters, marks, digits, single spaces and a little
    punctuation (`name_char`), without a mark that has no letter to sit on, 1–40 characters,
    with at least one letter or digit. "Ana", "Ana\u200b" and "Ana\u2800" are one person."""
    kept = "".join(name_char(ch) for ch in unicodedata.normalize("NFKC", raw))
    kept = unicodedata.normalize("NFKC", kept)  # what removing joined together composes again
    value = " ".join(_without_stray_marks(word) for word in kept.split())
    value = " ".join(value.split())
    if not any(unicodedata.category(ch)[0] in "LN" for ch in value):
        typed = any(unicodedata.category(ch)[0] not in "CZ" for ch in raw)
        raise TextError(
            _("a name needs a letter or a digit: symbols and emoji are left out")
            if typed
            else _("a name cannot be empty")
        )
    if len(value) > NAME_MAX:
        raise TextError(
            _("a name is at most {NAME_MAX} characters (this one has {value})").format(
                NAME_MAX=NAME_MAX, value=len(value)
            )
        )
    return value


def readable_name(value: str) -> bool:
    """Whether `value` may stand as a name read from a session file: what `name` makes now, or
    what an earlier version of it let through (visible punctuation and symbols such as "<" or
    "*", which every screen and report shows escaped), but nothing that draws as blank or
    reorders, no control, one line of single spaces, 1-40 characters with a letter or digit."""
    if (
        not 0 < len(value) <= NAME_MAX
        or " ".join(value.split()) != value
        or UNCLEAN.search(value)
        or unicodedata.normalize("NFKC", value) != value
    ):  # every writer normalised: "Ａｎａ" is "Ana"
        return False
    for ch in value:
        if (
            ch != " "
            and name_char(ch) != ch
            and (unicodedata.category(ch)[0] not in "PS" or ch == "\u2800" or ignorable(ch))
        ):
            return False
    return any(unicodedata.category(ch)[0] in "LN" for ch in value)


def _without_stray_marks(word: str) -> str:
    """A word less the marks at its start: with no letter of their own, they would sit on
    whatever a screen shows before the name."""
    start = 0
    while start < len(word) and unicodedata.category(word[start])[0] == "M":
        start += 1
    return word[start:]


def body(raw: str, what: str = "a note", limit: int = TEXT_MAX) -> str:
    """A note or answer: cleaned, not blank, at most `limit` characters."""
    value = clean(raw).strip()
    if not value:
        raise TextError(_("{what} cannot be empty").format(what=what))
    if len(value) > limit:
        raise TextError(
            _("{what} is at most {limit} characters (this one has {value})").format(
                what=what, limit=limit, value=len(value)
            )
        )
    return value


# Letters of other scripts (and Latin variants) drawn like Latin letters, from Unicode's
# confusables: with them "Аna", its first letter Cyrillic, would pass on every screen for "Ana".
# Mapped as typed, before casefolding, since a capital and its small letter can look like two
# different Latin letters (Greek "Η" is an H, "η" an n). A name is compatibility-normalised first, so
# the lunate sigma "ϲ" is stored as "ς", which is drawn like a "c" too.
_DRAWN_ALIKE = {
    "A": "АΑᎪ",
    "B": "ВΒᏴ",
    "C": "СϹᏟ",
    "D": "Ꭰ",
    "E": "ЕΕᎬ",
    "G": "Ꮐ",
    "H": "НΗᎻ",
    "I": "ІӀΙ",
    "J": "ЈͿᎫ",
    "K": "КΚᏦ",
    "L": "ᏞԼ",
    "M": "МΜᎷ",
    "N": "Ν",
    "O": "ОΟՕ",
    "P": "РΡᏢ",
    "Q": "Ԛ",
    "R": "ᏒᎡ",
    "S": "ЅՏᏚ",
    "T": "ТΤᎢ",
    "U": "Ս",
    "V": "ѴᏙ",
    "W": "ԜᎳ",
    "X": "ХΧ",
    "Y": "УҮΥ",
    "Z": "ΖᏃ",
    "a": "аαɑ",
    "c": "сϲς",
    "d": "ԁ",
    "e": "еε",
    "g": "ɡց",
    "h": "һհ",
    "i": "іιɩı",
    "j": "јϳȷ",
    "k": "κ",
    "l": "ӏǀ",
    "n": "ηո",
    "o": "оοօ",
    "p": "рρ",
    "q": "ԛզ",
    "r": "г",
    "s": "ѕ",
    "t": "τт",
    "u": "υμս",
    "v": "νѵ",
    "w": "ԝա",
    "x": "хχ",
    "y": "уүγ",
}
_LOOKALIKES = str.maketrans({ch: latin for latin, chars in _DRAWN_ALIKE.items() for ch in chars})


def name_key(value: str) -> str:
    """What two display names must share to be one person's: neither case, letters drawn alike
    (another script's, a Latin letter's variants, accents and strokes, modifier letters beside
    it), nor the spaces and punctuation between letters tell them apart ("ANA", "ana", "A-na",
    "Ána", "ᴀna" and "Аna" with a Cyrillic А are one name). Marks on other scripts' letters stay:
    there they make a different name."""
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", value):
        if unicodedata.category(ch)[0] == "M" and kept and kept[-1].isascii() or _modifier(ch):
            continue
        kept.append(_latin_letter(ch).translate(_LOOKALIKES))
    return "".join(ch for ch in "".join(kept).casefold() if ch not in _BETWEEN)


_BETWEEN = frozenset(NAME_PUNCTUATION + " ")


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def reads_as(value: str, word: str) -> bool:
    """Whether the name `value` reads as `word`, or holds it: on its letters alone, whatever
    their accents, case, width, script or variant (small capitals), with the spaces and
    punctuation between them left out, and 1, I and | read as l, 0 as O, rn as m
    ("ꜰᴀᴄɪʟɪᴛᴀᴛᴏʀ", "faci1itat0r" and "The Facilitator" all read as "facilitator")."""
    return _skeleton(word) in _skeleton(value)


RESERVED_WORDS = ("facilitator", "anonymous")  # what notes and anonymous polls say instead of a name


def reserved(value: str) -> str:
    """The word reports use instead of a name ("facilitator", "anonymous") that `value` reads as,
    or "": the one rule every channel and the file's reader use (`reads_as`)."""
    return next((word for word in RESERVED_WORDS if reads_as(value, word)), "")


def _skeleton(value: str) -> str:
    value = value.translate(ASCII_OF)  # letters of any script drawn like ASCII ones (confusables.txt)
    kept = "".join(
        ch for ch in unicodedata.normalize("NFD", name_key(unicodedata.normalize("NFKD", value))) if ch.isalnum()
    )  # marks on any letter, and whatever is not a letter or digit, go
    return kept.translate(_ALIKE_IN_LATIN).replace("rn", "m").replace("vv", "w")


_ALIKE_IN_LATIN = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o"})
# "LATIN SMALL LETTER DOTLESS J WITH STROKE", "LATIN LETTER SMALL CAPITAL A", "LATIN SMALL CAPITAL LETTER I
# WITH STROKE": the one letter each is a variant of
_LATIN_NAME = re.compile(r"LATIN (?:[A-Z]+ )*?LETTER (?:[A-Z]+ )*?([A-Z])(?: |$)")


@lru_cache(maxsize=4096)
def _modifier(ch: str) -> bool:
    """A modifier letter (a spacing accent, a half ring, an apostrophe drawn as a letter)."""
    return not ch.isascii() and unicodedata.name(ch, "").startswith("MODIFIER LETTER")


@lru_cache(maxsize=4096)
def _latin_letter(ch: str) -> str:
    """A Latin letter's variant (small capital, with a hook, a stroke…) as its plain letter."""
    found = _LATIN_NAME.match(unicodedata.name(ch, "")) if not ch.isascii() else None
    return found.group(1).lower() if found else ch


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
        raise TextError(_("a due date is written YYYY-MM-DD, like 2026-12-15, not {raw!r}").format(raw=raw))
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
