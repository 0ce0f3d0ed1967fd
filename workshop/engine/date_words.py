"""Due dates counted from today, in the words of each language the interface speaks, for the date
reader (dates.py): 'tomorrow', 'morgen', 'mañana', 'demain'; 'next week', 'nächste Woche', 'la
semana que viene', 'la semaine prochaine'; 'in 2 weeks', 'in 2 Wochen', 'en 2 semanas', 'dans 2
semaines'; 'this friday', 'diesen Freitag', 'este viernes', 'ce vendredi'. Each phrase means
what its English counterpart means (tests/engine/test_date_words.py checks it for any today),
refusals included: 'nächsten Freitag' on a Monday is this week's or next week's, as 'next
friday' is. Case, accents, articles and a German 'ae' for 'ä' aside.

Which languages are read is the caller's: a --due value reads every language's words (a date is
all it can be); the owner dialog's line only English and the language spoken, so that 'Bo
Morgen' or 'Ana Hoy' stays a name to an English reader. Also: the examples a refusal gives, in
the reader's language, each read back by this reader. Pure: today is given, nothing looked up."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from workshop import i18n
from workshop.engine import date_names
from workshop.engine.text import TextError
from workshop.i18n import _

LANGUAGES = ("en", "de", "es", "fr")
# A day so many days from today, and next week's Monday.
DAYS = {
    "en": {"today": 0, "tonight": 0, "tomorrow": 1, "day after tomorrow": 2, "the day after tomorrow": 2},
    "de": {"heute": 0, "heute abend": 0, "morgen": 1, "ubermorgen": 2},
    "es": {"hoy": 0, "esta noche": 0, "manana": 1, "pasado manana": 2},
    "fr": {"aujourd'hui": 0, "aujourdhui": 0, "ce soir": 0, "demain": 1, "apres demain": 2},
}
NEXT_WEEK = {
    "en": ("next week",),
    "de": ("nachste woche", "kommende woche"),
    "es": ("la proxima semana", "proxima semana", "la semana que viene", "semana que viene", "la semana proxima"),
    "fr": ("la semaine prochaine", "semaine prochaine"),
}
# 'in 3 days': the words before the count, the count in words, and the units.
WITHIN = {"en": ("in",), "de": ("in",), "es": ("en", "dentro de"), "fr": ("dans", "d'ici")}
NUMBERS = {
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
    | {"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15},
    "de": {"ein": 1, "eine": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6}
    | {"sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "vierzehn": 14, "funfzehn": 15},
    "es": {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7}
    | {"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "catorce": 14, "quince": 15},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8}
    | {"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quatorze": 14, "quinze": 15},
}
# Days counted in words as these languages count a week and a fortnight, the day itself included:
# 'dans huit jours', 'in acht Tagen', 'dentro de ocho días' is a week today; 'dans quinze jours',
# 'en quince días' two weeks. In digits a count is the days it says.
IDIOMS = {"de": {"acht": 7}, "es": {"ocho": 7, "quince": 14}, "fr": {"huit": 7, "quinze": 14}}
UNITS = {
    "en": {"day": 1, "days": 1, "week": 7, "weeks": 7},
    "de": {"tag": 1, "tage": 1, "tagen": 1, "woche": 7, "wochen": 7},
    "es": {"dia": 1, "dias": 1, "semana": 7, "semanas": 7},
    "fr": {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7},
}
# A weekday ({d}): the coming one ('this friday'), and 'next friday' (refused where English leaves
# it open). A weekday alone is read in every language by date_names.weekday_number; after a
# word of these, its short form too ('am Fr.'); 'am nächsten Freitag' is 'nächsten Freitag'
# after 'am' (BEFORE).
THIS = {
    "en": ("this {d}",),
    "de": ("am {d}", "diesen {d}", "kommenden {d}"),
    "es": ("el {d}", "este {d}"),
    "fr": ("ce {d}", "le {d}"),
}
NEXT = {
    "en": ("next {d}",),
    "de": ("nachsten {d}", "nachster {d}"),
    "es": ("el proximo {d}", "proximo {d}", "el {d} proximo", "el {d} que viene", "{d} que viene"),
    "fr": ("{d} prochain",),
}
# A weekday of next week ('friday next week', 'Freitag nächster Woche', 'el viernes de la semana que
# viene', 'vendredi de la semaine prochaine'): never two days, so the answer to a refused 'next
# friday'. An article or 'by' before it is BEFORE's ('am', 'el', 'le', 'pour').
NEXT_WEEKS = {
    "en": ("{d} next week", "next week {d}", "{d} of next week", "the {d} of next week", "next week on {d}"),
    "de": tuple(
        f"{d} {w}" if first else f"{w} {d}"
        for w in ("nachste woche", "nachster woche", "kommende woche", "kommender woche")
        for d, first in (("{d}", True), ("am {d}", False), ("{d}", False))
    ),
    "es": (
        *(f"{{d}} de {w}" for w in ("la semana que viene", "la proxima semana", "la semana proxima")),
        "la semana que viene el {d}",
        "la proxima semana el {d}",
    ),
    "fr": ("{d} de la semaine prochaine", "{d} la semaine prochaine", "{d} semaine prochaine"),
}
# Words only a date holds: 'next', 'nächste', 'prochaine' before the word they qualify, and
# 'prochain', 'que viene' after it. A line ending in one, or in one and the word it qualifies ('Bo
# next wek', 'Luc vendrdi prochain'), is a date mistyped: refused, not kept as a name.
LEADS = {
    "en": ("next",),
    "de": ("nachste", "nachsten", "nachster", "kommende", "kommenden", "kommender", "ubernachste", "ubernachsten"),
    "es": ("proxima", "proximo"),
    "fr": ("prochaine", "prochain"),
}
AFTER = {"en": (), "de": (), "es": ("proxima", "proximo", "viene"), "fr": ("prochaine", "prochain")}
# Words before a date that leave it as it is: an article, or 'by' ('am 15.12.', 'el 15 de
# diciembre', 'le 15 déc.', 'bis Freitag', 'para mañana', 'pour demain', 'until friday', 'au plus
# tard vendredi'); a longer one before the shorter one it starts with.
BEFORE = {
    "en": ("on", "by", "until", "till", "no later than"),
    "de": ("am", "bis zum", "bis am", "bis spatestens am", "bis spatestens", "bis", "spatestens am", "spatestens"),
    "es": ("el", "para el", "para", "hasta el", "hasta", "a mas tardar el", "a mas tardar"),
    "fr": ("le", "pour le", "pour", "d'ici", "au plus tard le", "au plus tard", "jusqu'au", "jusqu'a"),
}
# How the reader's own language says them back: today, a weekday, next weekday, that weekday of
# next week ({d} lower case, {D} as a sentence writes it), and the examples a refusal gives (after
# ISO and the numeric date).
SAY = {
    "en": ("today", "{d}", "next {d}", "{d} next week"),
    "de": ("heute", "{D}", "nächsten {D}", "{D} nächste Woche"),
    "es": ("hoy", "el {d}", "el próximo {d}", "el {d} de la semana que viene"),
    "fr": ("aujourd'hui", "{d}", "{d} prochain", "{d} de la semaine prochaine"),
}
EXAMPLES = {
    "en": ("15 Dec", "tomorrow", "friday", "next week", "in 2 weeks"),
    "de": ("15. Dez.", "morgen", "Freitag", "nächste Woche", "in 2 Wochen"),
    "es": ("15 dic", "mañana", "el viernes", "la semana que viene", "en 2 semanas"),
    "fr": ("15 déc.", "demain", "vendredi", "la semaine prochaine", "dans 2 semaines"),
}


class DateError(TextError):
    """A due date that cannot be read, or could be read two ways; the message is one line."""


class OpenDay(DateError):
    """A weekday phrase that could be two days ('next friday' on a Monday, 'monday' on a Monday):
    on the owner dialog's line it is refused, never read as a shorter end ('Ana next' due friday)."""


def spoken() -> str:
    """The language the reader's words are said in (English for the pseudo-locale)."""
    lang = i18n.language()
    return lang if lang in LANGUAGES else "en"


def shown(day: dt.date) -> str:
    """'Tue 15 Dec 2026' ('Di. 15. Dez. 2026' in German): how a reading is shown back before it is
    saved, in the language spoken, and read again as typed."""
    return date_names.said(i18n.language(), day.weekday(), day.day, day.month, day.year)


def examples(order: str | None) -> tuple[str, ...]:
    """What a reader of the language spoken types, each read back by dates.read: ISO, the numeric
    date in the locale's order (none where it names none) and as that language separates it, a
    month's name, and words."""
    lang = spoken()
    numeric = {"mdy": "12/15/2026", "dmy": "15.12.2026" if lang == "de" else "15/12/2026"}.get(order or "")
    month, *words = EXAMPLES[lang]
    if lang == "en" and order == "mdy":
        month = "Dec 15"
    return ("2026-12-15", *([numeric] if numeric else []), month, *words)


def plain(words: str, language: str) -> str:
    """Words as the tables write them: lower case, no accents, one space, apostrophes straight,
    a hyphen between letters a space ('après-demain'); in German, 'ae' as 'ä' ('naechste', 'uebermorgen')."""
    words = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", words.replace("’", "'"))  # not a minus: 'in -1 days'
    text = " ".join(date_names.plain(w) for w in words.split())
    return re.sub(r"([aou])e", r"\1", text) if language == "de" else text


def after_article(words: str, languages: Iterable[str]) -> str | None:
    """`words` less an article or a 'by' before a date in one of `languages` ('am 15.12.' ->
    '15.12.', 'bis Freitag' -> 'Freitag'), None when they start with none."""
    parts = words.split()
    for lang in languages:
        for before in BEFORE[lang]:
            size = len(before.split())
            if len(parts) > size and plain(" ".join(parts[:size]), lang) == before:
                return " ".join(parts[size:])
    return None


def attempted(words: list[str], languages: Iterable[str]) -> int:
    """How many of the last `words` are a date in `languages` mistyped, 0 for none: a count and a
    unit ('2 Wochen', 'in 1000 weeks', 'dans huit jours'), or a word only dates hold last or next to last ('next
    wek', 'vendrdi prochain'). A unit with neither before it is a name's: Ana Tag, Bo Week."""
    found = 0
    for lang in languages:
        said = [plain(word, lang) for word in words[-4:]]
        if len(said) > 1 and said[-1] in UNITS[lang]:  # '2 Wochen', 'dans huit jours': a count not read
            within = [len(w.split()) for w in WITHIN[lang] if said[:-2][-len(w.split()) :] == w.split()]
            if within or said[-2].isdigit() or said[-2] in NUMBERS[lang]:
                found = max(found, 2 + max(within, default=0))
        last, before = ["", "", *said][-1], ["", "", *said][-2]
        if last in AFTER[lang] or before in LEADS[lang]:
            found = max(found, min(2, len(words)))
        elif last in LEADS[lang]:
            found = max(found, 1)
    return found


def relative(words: str, today: dt.date, languages: Iterable[str]) -> dt.date | None:
    """The day `words` counts from today in one of `languages`, None when it is no such phrase;
    raises OpenDay for a weekday phrase that could be two days."""
    for lang in languages:
        said = plain(words, lang)
        if said in DAYS[lang]:
            return today + dt.timedelta(days=DAYS[lang][said])
        if said in NEXT_WEEK[lang]:
            return today + dt.timedelta(days=7 - today.weekday())
        for template in NEXT_WEEKS[lang]:
            wanted = _weekday_in(said.split(), template.split(), lang)
            if wanted is not None:
                return today + dt.timedelta(days=7 - today.weekday() + wanted)
        found = _counted(said, lang, today)
        if found is not None:
            return found
        parts = said.split()
        if len(parts) == 1 and (wanted := date_names.weekday_number(parts[0])) is not None:
            return _weekday(wanted, today, after=False)
        for kind, templates in ((False, THIS[lang]), (True, NEXT[lang])):
            for template in templates:
                wanted = _weekday_in(parts, template.split(), lang)
                if wanted is not None:
                    return _weekday(wanted, today, after=kind)
    return None


def _counted(said: str, lang: str, today: dt.date) -> dt.date | None:
    within = "|".join(map(re.escape, WITHIN[lang]))
    match = re.fullmatch(rf"(?:{within}) (\d{{1,3}}|[a-z]+) ([a-z]+)", said)
    if match is None or match.group(2) not in UNITS[lang]:
        return None
    count = NUMBERS[lang].get(match.group(1)) or (int(match.group(1)) if match.group(1).isdigit() else None)
    if count is None:
        return None
    if UNITS[lang][match.group(2)] == 1 and match.group(1) in IDIOMS.get(lang, {}):
        return today + dt.timedelta(days=IDIOMS[lang][match.group(1)])
    return today + dt.timedelta(days=count * UNITS[lang][match.group(2)])


def _weekday_in(parts: list[str], template: list[str], lang: str) -> int | None:
    """The weekday `parts` names where `template` says {d}, when the other words are the template's."""
    if len(parts) != len(template):
        return None
    at = template.index("{d}")
    if parts[:at] + parts[at + 1 :] != template[:at] + template[at + 1 :]:
        return None
    return date_names.weekday_in(parts[at], lang)


def _weekday(wanted: int, today: dt.date, after: bool) -> dt.date:
    """The coming `wanted` weekday (`after`: next week's, where that is the same day)."""
    ahead = (wanted - today.weekday()) % 7
    coming = today + dt.timedelta(days=ahead or 7)
    lang = spoken()
    today_word, this, next_one, next_weeks_one = SAY[lang]
    name = date_names.weekday_called(lang, wanted)
    this, next_one, next_weeks_one = (s.format(d=name.lower(), D=name) for s in (this, next_one, next_weeks_one))
    if not after:
        if ahead == 0:
            raise OpenDay(
                _("today is a {title}: type “{today}”, or “{next}” for {shown}").format(
                    title=name, today=today_word, next=next_one, shown=shown(coming)
                )
            )
        return coming
    next_weeks = today + dt.timedelta(days=7 - today.weekday() + wanted)
    if next_weeks != coming:
        raise OpenDay(
            _(
                "“{next}” could be {coming} or {following}: type “{this}” for the first, or “{next_week}” for the"
                " second"
            ).format(
                next=next_one, coming=shown(coming), following=shown(next_weeks), this=this, next_week=next_weeks_one
            )
        )
    return coming
