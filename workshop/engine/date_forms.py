"""Dates written with numbers or a month's name, for the date reader (dates.py): ISO (2026-12-15),
day and month in numbers in the locale's order (15/12/2026, 12/15, 15.12., Di. 15.12.), and a month's name
(Tue 15 Dec 2026, 15 de diciembre, 1er déc.); a weekday before any of them must be the date's
(Fri 2026-12-18, a Friday).
Each reader gives the date `words` (lower case, one space) mean, None where they are not written
this way, or raises DateError for one written so that is none, or could be two. Pure: today and
the order are given."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from workshop import i18n
from workshop.engine import date_names
from workshop.engine.date_words import DateError, shown
from workshop.i18n import _

Reader = Callable[[str, dt.date, str | None], dt.date | None]


class OtherWeekday(DateError):
    """A date with a weekday that is not its own ('Fri 15.12.2026', a Tuesday): refused outright, as
    the whole phrase, never read as the date alone with the weekday left to the owner's name.
    `said`: the message's fields (date, weekday, typed), `word`: the weekday as read, so that the
    owner line can say the way out for a name that ends like one ('Li Sun 15.12.')."""

    def __init__(self, word: str, **said: str) -> None:
        super().__init__(_("{date} is a {weekday}, not a {typed}").format(**said))
        self.word, self.said = word, said


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _coming(month: int, day: int, today: dt.date) -> dt.date | None:
    """The next `day` of `month` from today on (29 February: the next leap year's)."""
    for year in range(today.year, today.year + 9):
        found = _date(year, month, day)
        if found is not None and found >= today:
            return found
    return None


def iso(words: str, today: dt.date, order: str | None) -> dt.date | None:
    return _after_weekday(_iso, words, today, order)


def numeric(words: str, today: dt.date, order: str | None) -> dt.date | None:
    return _after_weekday(_numeric, words, today, order)


_WEEKDAY_FIRST = re.compile(r"([^\W\d_]+)\.?,?\s+(?=\d)")  # 'Di., 15.12.', 'Tue 12/15', 'Fri 2026-12-18'


def _after_weekday(reader: Reader, words: str, today: dt.date, order: str | None) -> dt.date | None:
    """What `reader` reads, after a weekday that must be the date's when one stands before it."""
    weekday = _WEEKDAY_FIRST.match(words)
    if weekday is None:
        return reader(words, today, order)
    if not date_names.spoken_weekday(weekday.group(0).rstrip(", \t"), i18n.language()):
        return None  # 'Domingo, 1.1.2020' to a German reader: a name, then the date
    found = reader(words[weekday.end() :], today, order)
    return found if found is None else _on_weekday(weekday.group(1), found)


def _iso(words: str, today: dt.date, order: str | None) -> dt.date | None:
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", words)
    if match is None:
        return None
    found = _date(*map(int, match.groups()))
    if found is None:
        raise DateError(_("{words} is not a day of the calendar").format(words=words))
    return found


def _numeric(words: str, today: dt.date, order: str | None) -> dt.date | None:
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.", words):
        words = words[:-1]  # 15.12., as German writes a day and month
    match = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?", words)
    if match is None:
        return None
    a, b, year = int(match.group(1)), int(match.group(3)), match.group(4)

    def on(month: int, day: int) -> dt.date | None:
        return _date(_year(year), month, day) if year else _coming(month, day, today)

    day_first, month_first = on(b, a), on(a, b)
    if day_first is None and month_first is None:
        raise DateError(_("{words} is not a day of the calendar whichever way it is read").format(words=words))
    if day_first is None or month_first is None or day_first == month_first:
        return day_first or month_first
    if order == "dmy" or match.group(2) == ".":  # 1.2.27: dots put the day first wherever they are written
        return day_first
    if order == "mdy":
        return month_first
    raise DateError(
        _(
            "{words} could be {day_month} or {month_day} (this locale says no order): type {day_month_iso} or "
            "{month_day_iso}"
        ).format(
            words=words,
            day_month=shown(day_first),
            month_day=shown(month_first),
            day_month_iso=day_first.isoformat(),
            month_day_iso=month_first.isoformat(),
        )
    )


_MONTH = r"([^\W\d_]+)\.?"  # a month's name in a language of date_names.py, or it is no date
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|\.)?"  # 15th, 1er (French), 15. (German)
_WEEKDAY = r"(?:([^\W\d_]+)\.?\s+)?"
_YEAR = r"(?:\s+(?:de\s+)?(\d{4}))?"  # 15 de diciembre de 2026


def named(words: str, today: dt.date, order: str | None) -> dt.date | None:
    match = re.fullmatch(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}{_YEAR}", words)
    if match is not None:
        weekday, day, month, year = match.groups()
    else:
        match = re.fullmatch(rf"{_WEEKDAY}{_MONTH}\s+{_DAY}{_YEAR}", words)
        if match is None:
            return None
        weekday, month, day, year = match.groups()
    number = date_names.month_number(month)
    if number is None or weekday and not date_names.names_a_weekday(weekday):
        return None  # 'in 2 weeks', 'team 7': words, not a month's or a weekday's name
    found = _date(int(year), number, int(day)) if year else _coming(number, int(day), today)
    if found is None:
        raise DateError(_("{words} is not a day of the calendar").format(words=words))
    return _on_weekday(weekday, found) if weekday else found


def _on_weekday(weekday: str, found: dt.date) -> dt.date:
    """`found`, when `weekday` names its day of the week; else DateError says which it is."""
    lang = i18n.language()
    if date_names.is_weekday(weekday, found.weekday(), lang):
        return found
    typed = date_names.weekday_meant(weekday, lang)
    raise OtherWeekday(
        weekday,
        date=shown(found),
        weekday=date_names.weekday_called(lang, found.weekday()),
        typed=weekday if typed is None else date_names.weekday_called(lang, typed),
    )
