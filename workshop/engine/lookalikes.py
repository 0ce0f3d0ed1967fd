"""When two display names are one person's, and when a name reads as a word reports use instead
of a name: letters drawn alike (another script's, a Latin letter's variants), case, accents and the
punctuation between letters do not tell names apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from workshop.engine.confusables import ASCII_OF
from workshop.engine.text import NAME_PUNCTUATION

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
