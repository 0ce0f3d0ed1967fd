"""Due dates as people type them: a small grammar of our own (docs/sessions.md#due-dates says why
not a library: benchmarks/dates.py measured two). Pure: today and the locale's day/month order are
given, never looked up here.

What is read, case and spacing aside:

- ISO and year-first dates: 2026-12-15, 2026/12/15 (these, numeric dates and dates with a month's
  name are date_forms.py's).
- Day and month in numbers, the year last or left out: 15/12/2026, 15.12.26, 15-12, 15.12. (as
  German writes it), 12/15/2026. The locale's order (`dmy` or `mdy`) decides 05/06/2026; where
  only one reading is a date (15/12 cannot be month 15) that one is taken; dots (1.2.27) put the
  day first, as everywhere they are written; where the locale says no order (C, POSIX, or a
  year-first locale), the language spoken does (German, Spanish, French: the day first), and in
  English both readings being dates is refused as ambiguous.
- A month's name, full or its start, in English, German, Spanish or French (date_names.py): 15 Dec
  2026, Dec 15, 15th December, 15. Dez, 15 de diciembre, 1er déc., and the way dates are shown
  back in the language spoken, Tue 15 Dec 2026, Di. 15. Dez. 2026 (the weekday must be that date's);
  an article or a 'by' before it or before words (date_words.BEFORE): am 15.12., el 15 de
  diciembre, le 15 déc., by friday, bis morgen, para el viernes, pour demain.
- Words, in each language (date_words.py): today, tomorrow, morgen, mañana, demain; a weekday
  (friday, fri, this friday, am Freitag, el viernes, ce vendredi, or a whole name alone in any
  language, freitag: the next one after today; on that very weekday it is refused, as it could
  mean today), next friday, nächsten Freitag, el próximo viernes, vendredi prochain (refused when
  this week's and next week's Friday are different days, as English leaves it open), friday next
  week, Freitag nächster Woche, el viernes de la semana que viene, vendredi de la semaine
  prochaine (never two days), next week, nächste Woche, la semana que viene, la semaine
  prochaine (its Monday), in 3 days, in 2 Wochen,
  en una semana, dans 2 semaines. A --due value reads every language's words; the owner
  dialog's line English and the language spoken.

A date without a year is the next such day from today on. Anything else is refused with one line
that says what would be read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from workshop import i18n
from workshop.engine import date_forms, date_names, date_words, text
from workshop.engine.date_words import DateError as DateError
from workshop.engine.date_words import examples as examples
from workshop.engine.date_words import shown as shown
from workshop.i18n import _

ORDERS = ("dmy", "mdy")
# Territories whose everyday numeric dates put the month first, or the year first (so a
# day-month pair typed there has no order of its own); everywhere else the day comes first.
MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"})
YEAR_FIRST = frozenset({"CN", "JP", "KR", "KP", "TW", "HU", "LT", "MN", "CA", "SE", "ZA", "IR"})


# Languages of the interface whose readers put the day first wherever they are (English is
# written both ways: its order comes from the locale alone).
DAY_FIRST_LANGUAGES = frozenset({"de", "es", "fr"})


def order_of(environ: Mapping[str, str], language: str = "en") -> str | None:
    """The day/month order of the locale the environment names (LC_ALL, else LC_TIME, else LANG):
    'dmy' or 'mdy'; where it names none (C, POSIX, a year-first locale), the order of the
    language spoken ('dmy' for German, Spanish and French), else None."""
    value = next((environ[k] for k in ("LC_ALL", "LC_TIME", "LANG") if environ.get(k)), "")
    territory = re.match(r"^[a-zA-Z]{2,3}_([A-Za-z]{2})", value)
    code = territory.group(1).upper() if territory else ""
    if code in MONTH_FIRST:
        return "mdy"
    if code and code not in YEAR_FIRST:
        return "dmy"
    return "dmy" if language in DAY_FIRST_LANGUAGES else None


def read(typed: str, today: dt.date, order: str | None) -> dt.date:
    """The date `typed` means, `today` in the facilitator's time zone, its words in any language
    the interface speaks (a due date is all it can be); raises DateError."""
    found = _reading(typed, today, order, date_words.LANGUAGES)
    if found is None:
        strip = typed.strip() if len(typed.strip()) <= 40 else typed.strip()[:40] + "…"  # a paste, quoted short
        raise DateError(
            _("{strip} is not a date this reads: type {examples}").format(
                strip=text.said_back(strip), examples=", ".join(examples(order))
            )
        )
    return found


def owner_and_due(typed: str, today: dt.date, order: str | None) -> tuple[str, dt.date | None]:
    """'Bo Chen 15/12/2026' -> ('Bo Chen', 15 Dec 2026): the longest end of the line that reads
    as a date (at most eight words: 'in 2 weeks', 'Tue 15 Dec 2026', 'para el viernes de la
    semana que viene') is the due date, the rest the owner, less the punctuation between them
    ('Ana, friday.'); 'due' (in lower case: 'Ana Due' is a surname) may stand between them.
    Words are read in English and the language spoken only: a weekday or a word another
    language names ('Bo Freitag', 'Ana Hoy', 'Sam 12 Dec' on a Saturday) is the owner's, as
    date_names.spoken_weekday says, and so is a time unit after a name ('Ana Tag', 'Bo Week').
    A line whose end looks like a date but is none (an ambiguous 05/06/2026, a 31/02, '2
    Wochen', 'next wek') is refused, never kept as part of a name; so is a weekday phrase that
    could be two days ('Ana next friday' on a Monday), and a line with two dates ('Ana 15/12
    16/12'). Characters that show nothing (a zero-width space, a direction mark, a control) are
    left out first: the stored name loses them too."""
    words = _visible(typed).split()
    if "due" in words:  # in lower case, as the dialog's help writes it: 'Ana Due' is a surname
        at = len(words) - 1 - words[::-1].index("due")
        return _owner(words[:at]), read(" ".join(words[at + 1 :]), today, order)
    languages = tuple(dict.fromkeys(("en", date_words.spoken())))
    ended = [*words[:-1], *[w for w in words[-1:] if w.rstrip(_AFTER)]]  # 'Ana, Friday.', not a lone '!'
    if ended:
        ended[-1] = ended[-1].rstrip(_AFTER)
    try:
        size, due = _dated_end(ended, today, order, languages)
    except date_forms.OtherWeekday as err:  # 'Li Sun 15.12.': a weekday, or the end of a name
        word = next((w.rstrip(",") for w in reversed(ended) if w.lower().rstrip(".,") == err.word), err.word)
        raise DateError(
            _(
                "{date} is a {weekday}, not a {typed}: correct the day, or type “due” before the date if {word} "
                "is part of the name"
            ).format(word=text.said_back(word), **err.said)
        ) from None
    if due is None:
        return " ".join(words), None
    owner = _owner(ended[:-size])
    earlier, other = _dated_end(owner.split(), today, order, languages)
    if other is not None:
        raise DateError(
            _(
                "{first} and {second} are two dates: keep one, or type “due” before the date if the first is part "
                "of the name"
            ).format(
                first=text.said_back(" ".join(owner.split()[-earlier:])), second=text.said_back(" ".join(ended[-size:]))
            )
        )
    return owner, due


# What may follow a date at the end of the line ('Friday.', 'in 2 weeks!'), and stand between the
# owner and the date ('Ana, friday', 'Ana Lima: 15/12', 'Ana – in 2 weeks').
_AFTER = ".,;:!?"
_BETWEEN = ",;:-–—"


def _visible(typed: str) -> str:
    """`typed` without what shows nothing, as text.name drops it: controls, format characters."""
    return "".join(ch for ch in typed if ch.isspace() or not (unicodedata.category(ch) == "Cc" or text.ignorable(ch)))


def _owner(words: list[str]) -> str:
    return " ".join(words).rstrip(_BETWEEN + " ")


def _dated_end(
    words: list[str], today: dt.date, order: str | None, languages: tuple[str, ...]
) -> tuple[int, dt.date | None]:
    """How many of the last `words` are a date, and which: (0, None) where they end in none; raises
    DateError where they end in a date that is none, could be two, or is mistyped."""
    refusal: DateError | None = None
    for size in range(min(8, len(words)), 0, -1):
        first = words[-size]
        if (
            date_names.names_a_weekday(first)
            and date_names.month_number(first) is None  # 'Mar 30' is March's
            and not date_names.spoken_weekday(first, i18n.language())
        ):
            continue  # a weekday in another language ('Freitag', 'Sam'): the end of a name
        if _a_name_in_capitals(words[-size:]):
            continue  # 'Plácido Domingo', 'Pedro el Mar', 'Jean Le Jeu': a surname, not a weekday
        try:
            found = _reading(" ".join(words[-size:]), today, order, languages)
        except (date_words.OpenDay, date_forms.OtherWeekday):
            raise
        except DateError as err:
            refusal = refusal or err
            continue
        if found is not None:
            return size, found
    if refusal is not None:
        raise refusal
    lowered = [w.lower() for w in words]
    size = max(date_words.attempted(lowered, languages), int(bool(words) and _looks_like_a_date(lowered[-1])))
    if size:
        read(" ".join(words[-size:]), today, order)  # raises, saying what it would read
    return 0, None


# Languages that write a weekday's name in lower case: there a capital one on its own is a name.
_LOWER_CASE_WEEKDAYS = frozenset({"es", "fr"})
_ENGLISH_WEEKDAYS = frozenset(name.casefold() for name in date_names.WEEKDAY_NAMES["en"])


def _a_name_in_capitals(words: list[str]) -> bool:
    """Whether an owner line's end is a surname that is also a weekday, as Spanish and French write
    one: a weekday with a capital letter ('Domingo', 'Le Sam') and no number beside it, where
    the language spoken writes weekdays in lower case ('el domingo' is Sunday, 'Viernes 15 dic'
    a date); an English weekday's whole name is English's, written with its capital ('Friday')."""
    if date_words.spoken() not in _LOWER_CASE_WEEKDAYS or any(ch.isdigit() for word in words for ch in word):
        return False
    return any(
        word[:1].isupper() and date_names.names_a_weekday(word) and word.casefold() not in _ENGLISH_WEEKDAYS
        for word in words
    )


def _looks_like_a_date(word: str) -> bool:
    """Numbers with a date's separators between them, or a word only dates use."""
    return bool(re.search(r"\d[-/.]\d", word)) or word in ("today", "tomorrow")


def _reading(
    typed: str, today: dt.date, order: str | None, languages: tuple[str, ...], article: bool = True
) -> dt.date | None:
    """The date `typed` means, its words in `languages`; None when it is not written as a date at
    all; raises DateError for one that is written as a date but is none, or could be two. One
    article or 'by' before it is read (`article`), not a run of them: 'bis bis … morgen' is none."""
    words = " ".join(typed.lower().replace(",", " ").split())
    if not words:
        raise DateError(_("no date given"))
    for reader in (date_forms.iso, date_forms.numeric, date_forms.named):
        found = reader(words, today, order)
        if found is not None:
            return found
    found = date_words.relative(words, today, languages)
    if found is not None or not article:
        return found
    dated = date_words.after_article(words, languages)  # 'am 15.12.', 'le 15 déc.', 'bis Freitag'
    return None if dated is None else _reading(dated, today, order, languages, article=False)
