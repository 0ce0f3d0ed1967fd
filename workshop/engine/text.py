"""Participant text is untrusted: kept as typed, minus control characters, within limits.

Names lose their invisible characters when stored (`name`), so that nothing in a name can reorder
the text around it; notes keep what was typed, and are isolated where shown (engine/bidi.py).
When two names are one person's is engine/lookalikes.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from workshop.errors import WorkshopError
from workshop.i18n import _, quote

NAME_MAX = 40
TEXT_MAX = 2000
# What no stored or shown text may hold: C0 and C1 controls (but newline and tab), DEL, and lone
# surrogates (they cannot be encoded, and crash whatever prints them). `clean` removes them;
# readers of files refuse text that holds them.
UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class TextError(WorkshopError, ValueError):
    """Text that cannot be stored; the message is one line for the user."""


def clean(text: str) -> str:
    """`text` without C0/C1 control characters (newline and tab stay) or lone surrogates.

    An ANSI escape in a note would otherwise reach every terminal that shows it."""
    return UNCLEAN.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def replaced(text: str) -> str:
    """`text` as read from bytes that were not all UTF-8 (an argument, a terminal in another
    encoding: Python keeps each such byte as a lone surrogate), each of them U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def escaped(text: str) -> str:
    """`text` with every character that does not print written as Python escapes it (\\x1b,
    \\u202e): a file's words shown where they must not act on the terminal (a file name, a
    field's name, a value quoted in a problem)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def said_back(typed: str) -> str:
    """What a person typed, quoted back to them in a refusal as the reader's language quotes
    („15 jui“, «15 jui», “15 jui”), each character that does not print escaped as `escaped`
    writes it (a newline as \\n, an ESC as \\x1b): the refusal stays one line, and nothing in it
    acts on the terminal, as a `{typed!r}` field kept it."""
    return quote(escaped(typed))


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
    """A note or answer: cleaned, not blank (nor made only of what draws as nothing, such as
    zero-width spaces), at most `limit` characters."""
    value = clean(raw).strip()
    if all(ch.isspace() or ignorable(ch) for ch in value):
        raise TextError(_("{what} cannot be empty").format(what=what))
    if len(value) > limit:
        raise TextError(
            _("{what} is at most {limit} characters (this one has {value})").format(
                what=what, limit=limit, value=len(value)
            )
        )
    return value


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
