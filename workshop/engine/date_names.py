"""Month and weekday names in the interface's languages, for the date reader (dates.py): a date is
shown back in the language spoken ('Di. 15. Dez. 2026'), and a month or weekday is read in any of
them, so '15. Dez', '15 déc.' and '15 de diciembre' are days as '15 Dec' is. Pure: no locale
data is looked up, so what is shown is always what is read back.

A name is read by its start (at least three letters for a month, two for a weekday), accents and
case aside; a start that names two different months or weekdays ('jui': juin or juillet; 'di':
Dienstag or dimanche) names none."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

# Full names, Monday first and January first, in each language the interface speaks.
WEEKDAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
MONTH_NAMES = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
# How a date is shown back, as each market abbreviates it: 'Tue 15 Dec 2026', 'Di. 15. Dez. 2026',
# 'mar 15 dic 2026', 'mar. 15 déc. 2026'.
SHORT_WEEKDAYS = {
    "en": tuple(name[:3] for name in WEEKDAY_NAMES["en"]),  # English keeps a name's first three letters
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}
SHORT_MONTHS = {
    "en": tuple(name[:3] for name in MONTH_NAMES["en"]),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
DAY_FORMAT = {"en": "{weekday} {day} {month} {year}", "de": "{weekday} {day}. {month} {year}"}
# Short forms no full name starts with.
OTHER_MONTHS = {"mrz": 3, "set": 9}


def weekday_called(language: str, weekday: int) -> str:
    """A weekday's full name in `language`, as a sentence names it ('Tuesday', 'Dienstag', 'mardi')."""
    return WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["en"])[weekday]


def plain(word: str) -> str:
    """Lower case, accents and a trailing full stop dropped: 'Déc.' -> 'dec'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain_names(tables: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {language: tuple(map(plain, names)) for language, names in tables.items()}


# The tables as they are compared (plain), made once.
_WEEKDAYS = _plain_names(WEEKDAY_NAMES)
_MONTHS = _plain_names(MONTH_NAMES)
_SHORT_WEEKDAYS = _plain_names(SHORT_WEEKDAYS)


def _named(word: str, tables: Mapping[str, tuple[str, ...]], least: int) -> int | None:
    """The 0-based place in `tables` of the one name (in any language) `word` starts."""
    word = plain(word)
    if len(word) < least or not word.isalpha():
        return None
    found = {i for names in tables.values() for i, name in enumerate(names) if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def weekday_named(word: str) -> int | None:
    """The weekday `word` starts the name of in some language, if only one ('di': none)."""
    return _named(word, _WEEKDAYS, 2)


def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or the start of it in any language ('dez', 'déc.', 'ene'), else None."""
    if plain(word) in OTHER_MONTHS:
        return OTHER_MONTHS[plain(word)]
    found = _named(word, _MONTHS, 3)
    return None if found is None else found + 1


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday on its own: the start of its English name (fri, thurs: at
    least three letters) or its whole name in another language (freitag, viernes, vendredi), so
    that an owner called Sam or Don is not read as samedi or Donnerstag."""
    word = plain(word)
    english = [i for i, name in enumerate(_WEEKDAYS["en"]) if len(word) >= 3 and name.startswith(word)]
    whole = [i for names in _WEEKDAYS.values() for i, name in enumerate(names) if name == word]
    found = english or whole
    return found[0] if found else None


def weekday_in(word: str, language: str) -> int | None:
    """The weekday `word` names in `language`, after a word that makes it one ('am Fr.', 'el
    viernes', 'ce ven.', 'this fri'): its whole name or its short form, or in English the start of
    its name (three letters at least)."""
    word = plain(word)
    names, shorts = _WEEKDAYS.get(language, ()), _SHORT_WEEKDAYS.get(language, ())
    if language == "en":
        return next((day for day, name in enumerate(names) if len(word) >= 3 and name.startswith(word)), None)
    return next((day for day in range(len(names)) if word in (names[day], shorts[day])), None)


def spoken_weekday(word: str, language: str) -> bool:
    """Whether `word` is a weekday as a reader of `language` writes one: the start of its English
    name (three letters at least), its whole name or short form in `language`, or a short form
    with its full stop in any ('Di.'). Only these end an owner's line as its due date: 'Bo
    Freitag' is a name to an English reader, and 'Sam 12 Dec' is Sam's to a German one."""
    typed, word = word, plain(word)
    return (
        len(word) >= 3
        and any(name.startswith(word) for name in _WEEKDAYS["en"])
        or word in _SHORT_WEEKDAYS.get(language, ())
        or word in _WEEKDAYS.get(language, ())
        or typed.endswith(".")
        and any(word in names for names in _SHORT_WEEKDAYS.values())
    )


def names_a_weekday(word: str) -> bool:
    """Whether `word` starts some weekday's name in some language ('di': Dienstag, dimanche)."""
    return any(is_weekday(word, day) for day in range(7))


def _own_weekday(word: str, language: str, day: int) -> bool:
    """Whether the plain `word` is `day` as `language` writes it: its short form, or the start of its
    name (three letters at least)."""
    if language not in _WEEKDAYS:
        return False
    name, short = _WEEKDAYS[language][day], _SHORT_WEEKDAYS[language][day]
    return word == short or len(word) >= 3 and name.startswith(word)


def weekday_meant(word: str, language: str) -> int | None:
    """The weekday `word` names as `language` writes it, else the one it starts in any language."""
    own = [day for day in range(7) if _own_weekday(plain(word), language, day)]
    return own[0] if len(own) == 1 else weekday_named(word)


def is_weekday(word: str, weekday: int, language: str = "en") -> bool:
    """Whether `word` is (the start of) that weekday's name: in `language` when it names one there
    ('Do.' is Thursday to a German reader, so 'Do. 13. Dez.' on a Sunday is refused), else in some
    language ('Di.' is a Tuesday's in German to an English reader, whatever Sunday is in French)."""
    word = plain(word)
    if len(word) < 2:
        return False
    own = [day for day in range(7) if _own_weekday(word, language, day)]
    if own:
        return weekday in own
    return any(names[weekday].startswith(word) for names in _WEEKDAYS.values())


def said(language: str, weekday: int, day: int, month: int, year: int) -> str:
    """A day as `language` shows it back, read again as typed by dates.read."""
    lang = language if language in SHORT_MONTHS else "en"
    return DAY_FORMAT.get(lang, DAY_FORMAT["en"]).format(
        weekday=SHORT_WEEKDAYS[lang][weekday], day=day, month=SHORT_MONTHS[lang][month - 1], year=year
    )
