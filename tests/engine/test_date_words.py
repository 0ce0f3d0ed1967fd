"""Relative due dates in the facilitator's own language: 'morgen', 'la semana que viene', 'dans 2
semaines' read as 'tomorrow', 'next week', 'in 2 weeks' do, for any today (hypothesis); which
language's words a line reads when (a --due value: every language's; the owner dialog's line:
English and the language spoken, so that 'Bo Morgen' stays a name to an English reader); and
the examples a refusal gives, in the reader's language, each read back as a date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.date_cases import TODAY
from workshop import i18n
from workshop.engine import dates

D = dt.date
LANGS = ("en", "de", "es", "fr")

# Each English phrase with what a facilitator in Germany, Spain or France types for it: with and
# without accents, articles, any case.
COUNTERPARTS: list[tuple[str, tuple[str, ...]]] = [
    ("today", ("heute", "Heute", "hoy", "HOY", "aujourd'hui", "aujourd’hui", "Aujourdhui")),
    ("tonight", ("heute Abend", "esta noche", "ce soir")),
    ("tomorrow", ("morgen", "Morgen", "mañana", "manana", "Mañana", "demain")),
    ("the day after tomorrow", ("übermorgen", "uebermorgen", "pasado mañana", "après-demain", "apres demain")),
    ("next week", ("nächste Woche", "naechste Woche", "nachste woche", "kommende Woche")),
    ("next week", ("la próxima semana", "próxima semana", "la semana que viene", "semana que viene")),
    ("next week", ("la semaine prochaine", "semaine prochaine", "La Semaine Prochaine")),
    ("in 2 weeks", ("in 2 Wochen", "in zwei Wochen", "en 2 semanas", "dentro de dos semanas")),
    ("in 2 weeks", ("dans 2 semaines", "dans deux semaines", "d'ici 2 semaines")),
    ("in a week", ("in einer Woche", "en una semana", "dans une semaine")),
    ("in 3 days", ("in 3 Tagen", "in drei Tagen", "en 3 días", "en tres dias", "dans 3 jours", "dans trois jours")),
    ("in 10 days", ("in 10 Tagen", "dentro de 10 días", "dans 10 jours")),
    ("friday", ("Freitag", "am Freitag", "am Fr.", "viernes", "el viernes", "vendredi", "le vendredi")),
    ("by friday", ("bis Freitag", "para el viernes", "hasta el viernes", "pour vendredi", "d'ici vendredi")),
    ("by tomorrow", ("bis morgen", "para mañana", "pour demain", "on tomorrow")),
    ("15 Dec", ("am 15.12.", "bis zum 15.12.", "el 15 de diciembre", "para el 15/12", "le 15 déc.", "pour le 15/12")),
    ("this friday", ("diesen Freitag", "kommenden Freitag", "este viernes", "ce vendredi")),
    ("next friday", ("nächsten Freitag", "naechsten Freitag", "am nächsten Freitag")),
    ("next friday", ("el próximo viernes", "el viernes que viene", "vendredi prochain", "le vendredi prochain")),
    ("monday", ("Montag", "am Montag", "lunes", "el lunes", "lundi")),
    ("next monday", ("nächsten Montag", "el próximo lunes", "lundi prochain")),
    ("sunday", ("Sonntag", "domingo", "el domingo", "dimanche")),
    ("next sunday", ("nächsten Sonntag", "el domingo que viene", "dimanche prochain")),
]


def _read(typed: str, today: dt.date) -> dt.date | str:
    try:
        return dates.read(typed, today, "dmy")
    except dates.DateError:
        return "refused"


@pytest.mark.parametrize(("english", "typed"), [(e, t) for e, ts in COUNTERPARTS for t in ts])
def test_a_relative_phrase_reads_as_its_english_counterpart(english: str, typed: str) -> None:
    """The reproduction: 'morgen', 'mañana', 'demain' were refused as 'not a date this reads'."""
    refused = english in ("next friday", "next sunday", "monday")  # on a Monday: this week's or next week's,
    # today or in a week
    for lang in LANGS:
        with i18n.speaking(lang):
            assert _read(typed, TODAY) == _read(english, TODAY) == ("refused" if refused else _read(typed, TODAY))
            assert (_read(typed, TODAY) == "refused") is refused


@given(
    st.dates(D(2000, 1, 1), D(2099, 12, 31)),
    st.sampled_from(COUNTERPARTS),
    st.data(),
)
def test_every_phrase_in_every_language_is_its_english_counterpart_s_day(
    today: dt.date, pair: tuple[str, tuple[str, ...]], data: st.DataObject
) -> None:
    english, typed = pair[0], data.draw(st.sampled_from(pair[1]))
    with i18n.speaking(data.draw(st.sampled_from(LANGS))):
        assert _read(typed, today) == _read(english, today)


def test_next_friday_is_refused_in_every_language_when_it_could_be_two_days() -> None:
    refusal = "„nächsten Freitag“ kann Fr. 11. Dez. 2026 oder Fr. 18. Dez. 2026"
    with i18n.speaking("de"), pytest.raises(dates.DateError, match=refusal):
        dates.read("nächsten Freitag", TODAY, "dmy")
    with i18n.speaking("fr"), pytest.raises(dates.DateError, match="tapez « vendredi » pour le premier"):
        dates.read("vendredi prochain", TODAY, "dmy")
    with i18n.speaking("es"), pytest.raises(dates.DateError, match="hoy es lunes: escribe «hoy» o «el próximo lunes»"):
        dates.read("el lunes", TODAY, "dmy")


@pytest.mark.parametrize(
    ("lang", "typed", "means"),
    [
        ("de", "Bo morgen", ("Bo", D(2026, 12, 8))),
        ("de", "WFM-Team nächste Woche", ("WFM-Team", D(2026, 12, 14))),
        ("de", "Ana Lima in 2 Wochen", ("Ana Lima", D(2026, 12, 21))),
        ("de", "Ana am Freitag", ("Ana", D(2026, 12, 11))),
        ("es", "Ana Lima en 2 semanas", ("Ana Lima", D(2026, 12, 21))),
        ("es", "equipo WFM la semana que viene", ("equipo WFM", D(2026, 12, 14))),
        ("es", "Bo mañana", ("Bo", D(2026, 12, 8))),
        ("fr", "Ana Lima dans 2 semaines", ("Ana Lima", D(2026, 12, 21))),
        ("fr", "Bo demain", ("Bo", D(2026, 12, 8))),
        ("fr", "équipe WFM le 15 déc.", ("équipe WFM", D(2026, 12, 15))),
        ("en", "Ana in 2 weeks", ("Ana", D(2026, 12, 21))),
        ("de", "Ana tomorrow", ("Ana", D(2026, 12, 8))),  # English is read in every language
    ],
)
def test_the_owner_line_reads_the_language_spoken(lang: str, typed: str, means: tuple[str, dt.date]) -> None:
    with i18n.speaking(lang):
        assert dates.owner_and_due(typed, TODAY, "dmy") == means


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("en", "Bo Morgen"),  # a surname to an English reader
        ("en", "Ana Hoy"),
        ("fr", "Ana Morgen"),
        ("en", "Ana Le 15 Dec"),  # Le is a surname: only a French reader's 'le' is an article
        ("en", "Ana el viernes"),
        ("es", "Sam Demain"),
    ],
)
def test_another_language_s_words_ending_an_owner_stay_the_owner_s(lang: str, typed: str) -> None:
    with i18n.speaking(lang):
        owner, _due = dates.owner_and_due(typed, TODAY, "dmy")
    assert owner.startswith(typed.split()[0] + " " + typed.split()[1])


@pytest.mark.parametrize(
    ("lang", "typed", "means"),
    [
        ("es", "Plácido Domingo", ("Plácido Domingo", None)),
        ("es", "Ana Domingo", ("Ana Domingo", None)),
        ("es", "Pedro el Mar", ("Pedro el Mar", None)),
        ("fr", "Jean Le Jeu", ("Jean Le Jeu", None)),
        ("fr", "Ana Le Sam", ("Ana Le Sam", None)),
        ("es", "Ana el domingo", ("Ana", D(2026, 12, 13))),  # Spanish writes the weekday in lower case
        ("es", "Ana Domingo 13 dic", ("Ana", D(2026, 12, 13))),  # with its day: a date
        ("fr", "Ana samedi", ("Ana", D(2026, 12, 12))),
        ("de", "Bo Freitag", ("Bo", D(2026, 12, 11))),  # German writes every weekday with a capital
    ],
)
def test_a_surname_that_is_a_weekday_stays_a_name_where_weekdays_are_written_small(
    lang: str, typed: str, means: tuple[str, dt.date | None]
) -> None:
    """In Spanish "Ana Domingo" became Ana, due Sunday (and "Pedro el Mar" Pedro, due Tuesday):
    Spanish and French write a weekday in lower case, so a capital one on its own is a surname."""
    with i18n.speaking(lang):
        assert dates.owner_and_due(typed, TODAY, "dmy") == means


def test_names_are_not_dates_on_their_own() -> None:
    for lang in LANGS:
        with i18n.speaking(lang):
            for name in ("Sam", "Don", "Bo", "Le", "Domingo Silva", "Morgan"):
                assert dates.owner_and_due(name, TODAY, "dmy") == (name, None)


def test_a_longer_end_refused_is_not_read_as_a_shorter_one() -> None:
    """'Ana next friday' on a Monday became owner 'Ana next', due this Friday."""
    with pytest.raises(dates.DateError, match="could be"):
        dates.owner_and_due("Ana next friday", TODAY, "dmy")
    with i18n.speaking("de"), pytest.raises(dates.DateError, match="kann"):
        dates.owner_and_due("Ana nächsten Freitag", TODAY, "dmy")


def test_a_german_day_and_month_with_its_closing_stop_is_read() -> None:
    assert dates.read("15.12.", TODAY, "dmy") == D(2026, 12, 15)
    with i18n.speaking("de"):
        assert dates.owner_and_due("Bo am 15.12.", TODAY, "dmy") == ("Bo", D(2026, 12, 15))


@pytest.mark.parametrize(
    ("lang", "order", "examples"),
    [
        ("en", "dmy", "2026-12-15, 15/12/2026, 15 Dec, tomorrow, friday, next week, in 2 weeks"),
        ("en", "mdy", "2026-12-15, 12/15/2026, Dec 15, tomorrow, friday, next week, in 2 weeks"),
        ("en", None, "2026-12-15, 15 Dec, tomorrow, friday, next week, in 2 weeks"),
        ("de", "dmy", "2026-12-15, 15.12.2026, 15. Dez., morgen, Freitag, nächste Woche, in 2 Wochen"),
        ("es", "dmy", "2026-12-15, 15/12/2026, 15 dic, mañana, el viernes, la semana que viene, en 2 semanas"),
        ("fr", "dmy", "2026-12-15, 15/12/2026, 15 déc., demain, vendredi, la semaine prochaine, dans 2 semaines"),
    ],
)
def test_a_refusal_gives_the_reader_s_own_examples(lang: str, order: str | None, examples: str) -> None:
    with i18n.speaking(lang):
        with pytest.raises(dates.DateError) as refused:
            dates.read("soonish", TODAY, order)
        assert str(refused.value).endswith(examples)
        assert "\n" not in str(refused.value)


@given(st.sampled_from(LANGS), st.sampled_from(["dmy", "mdy", None]), st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_every_example_a_refusal_gives_is_read_back(lang: str, order: str | None, today: dt.date) -> None:
    with i18n.speaking(lang):
        for example in dates.examples(order):
            try:
                assert isinstance(dates.read(example, today, order), dt.date)
            except dates.DateError as err:  # 'friday' on a Friday: today or in a week
                assert today.weekday() == 4 and re.search("friday|Freitag|viernes|vendredi", example), err
            not_friday = today + dt.timedelta(days=1 if today.weekday() == 4 else 0)
            assert dates.owner_and_due(f"Bo {example}", not_friday, order)[0] == "Bo"


@given(
    st.dates(D(2000, 1, 1), D(2099, 12, 31)),
    st.sampled_from(LANGS),
    st.sampled_from(LANGS),
    st.sampled_from(["dmy", "mdy", None]),
)
def test_a_date_shown_in_any_language_reads_as_itself_in_any_other(
    day: dt.date, shown_in: str, read_in: str, order: str | None
) -> None:
    with i18n.speaking(shown_in):
        shown = dates.shown(day)
    with i18n.speaking(read_in):
        assert dates.read(shown, TODAY, order) == day
        if shown_in in ("en", read_in):  # 'Bo sáb 1 ene 2000' is Bo Sáb's to an English reader
            assert dates.owner_and_due(f"Bo {shown}", TODAY, order) == ("Bo", day)


HELP = (
    "The action item's due date: 2026-12-15, 15/12/2026 (your locale's order), 15 Dec, tomorrow, friday, "
    "next week, in 2 weeks."
)
DIALOG = "Owner (anyone) and due date of the selected note: “Bo Chen 15/12/2026”, “WFM team friday”"


@pytest.mark.parametrize("lang", LANGS)
def test_the_examples_help_and_the_owner_dialog_give_are_read_back(lang: str) -> None:
    """`note --due`'s help, the `u` dialog's title and its placeholder, as each language gives them:
    the German ones once said '15/12/2026' and 'Ana Lima in 2 weeks'."""
    tuesday = D(2026, 12, 8)  # not a Friday, so 'friday' is one day
    with i18n.speaking(lang):
        listed = i18n._(HELP).split(": ", 1)[1].rstrip(".").split(", ")
        assert len(listed) == 7
        for example in listed:
            assert isinstance(dates.read(re.sub(r" \(.*\)$", "", example), tuesday, "dmy"), dt.date), example
        lines = re.findall(r"[“„«] ?([^”“»]+?) ?[”“»]", i18n._(DIALOG))
        assert len(lines) == 2
        for line in [*lines, i18n._("Ana Lima in 2 weeks")]:
            owner, due = dates.owner_and_due(line, tuesday, "dmy")
            assert owner and due is not None, line
        if lang == "de":
            assert "15.12.2026" in i18n._(HELP) and "„Bo Chen 15.12.2026“" in i18n._(DIALOG)


WORDS = [w for _english, typed in COUNTERPARTS for phrase in typed for w in phrase.split()]


@given(
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=6),
    st.sampled_from(LANGS),
    st.sampled_from(["dmy", "mdy", None]),
)
def test_any_line_of_date_words_is_read_or_refused_with_one_line(
    words: list[str], lang: str, order: str | None
) -> None:
    with i18n.speaking(lang):
        for reading in (dates.read, dates.owner_and_due):
            try:
                reading(" ".join(words), TODAY, order)
            except dates.DateError as err:
                assert str(err) and "\n" not in str(err).strip("\n")


@pytest.mark.parametrize("article", ["am", "bis", "le", "el", "by"])
def test_a_run_of_articles_before_a_date_is_refused_in_one_line(article: str) -> None:
    # One article or 'by' is read ('bis morgen'); a pasted run of them was stripped one at a
    # time, a call each, until Python's recursion limit ended it with a traceback.
    line = f"{article} " * 1200 + "morgen"
    with i18n.speaking("de"):
        for reading in (dates.read, lambda typed, today, order: dates.owner_and_due(f"Ana due {typed}", today, order)):
            with pytest.raises(dates.DateError):
                reading(line, TODAY, "dmy")
        with pytest.raises(dates.DateError):
            dates.read(f"{article} {article} morgen", TODAY, "dmy")
        assert dates.read(f"{article} morgen", TODAY, "dmy") == TODAY + dt.timedelta(days=1)


def test_a_german_refusal_quotes_the_words_to_type() -> None:
    # "nächsten Freitag kann … sein" put the typed words (accusative) where German wants a subject
    with i18n.speaking("de"), pytest.raises(dates.DateError) as refused:
        dates.owner_and_due("Ana nächsten Freitag", D(2026, 3, 2), "dmy")
    assert str(refused.value).startswith("„nächsten Freitag“ kann Fr. 6. März 2026 oder"), refused.value
    assert "geben Sie „Freitag“ für den ersten ein" in str(refused.value)
