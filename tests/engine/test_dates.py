"""The date reader: the 40 typed dates of date_cases.py, each read or refused as it must be; the
owner and the date typed on one line; the locale's order; and, by hypothesis, that every date
shown back reads as itself and that no input raises anything but a one-line DateError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.date_cases import CASES, TODAY
from workshop import i18n
from workshop.engine import dates


def test_there_are_forty_cases() -> None:
    assert len(CASES) == 40


@pytest.mark.parametrize(("typed", "order", "means"), CASES, ids=[f"{c[0]!r}-{c[1]}" for c in CASES])
def test_each_typed_date_is_read_or_refused(typed: str, order: str | None, means: dt.date | None) -> None:
    if means is None:
        with pytest.raises(dates.DateError) as refused:
            dates.read(typed, TODAY, order)
        assert "\n" not in str(refused.value) and str(refused.value)
    else:
        assert dates.read(typed, TODAY, order) == means


def test_a_refusal_says_what_the_two_readings_would_be() -> None:
    with pytest.raises(dates.DateError, match=r"could be Sat 5 Jun 2027 or Thu 6 May 2027"):
        dates.read("05/06/2027", TODAY, None)
    with pytest.raises(dates.DateError, match=r"“next friday” could be Fri 11 Dec 2026 or Fri 18 Dec 2026"):
        dates.read("next friday", TODAY, "dmy")


@pytest.mark.parametrize(
    ("typed", "owner", "due"),
    [
        ("Bo Chen 15/12/2026", "Bo Chen", dt.date(2026, 12, 15)),
        ("WFM team", "WFM team", None),
        ("Ana Lima in 2 weeks", "Ana Lima", dt.date(2026, 12, 21)),
        ("Ana due friday", "Ana", dt.date(2026, 12, 11)),
        ("friday", "", dt.date(2026, 12, 11)),
        ("Team 7", "Team 7", None),
        ("WFM team Tue 15 Dec 2026", "WFM team", dt.date(2026, 12, 15)),
    ],
)
def test_owner_and_due_on_one_line(typed: str, owner: str, due: dt.date | None) -> None:
    assert dates.owner_and_due(typed, TODAY, "dmy") == (owner, due)


def test_a_line_ending_in_a_date_that_is_none_is_refused_not_kept_as_a_name() -> None:
    for typed in ("Bo Chen 31/02/2026", "Bo Chen 05/06/2027"):
        with pytest.raises(dates.DateError):
            dates.owner_and_due(typed, TODAY, None)


@pytest.mark.parametrize(
    ("environ", "order"),
    [
        ({"LANG": "en_GB.UTF-8"}, "dmy"),
        ({"LANG": "en_US.UTF-8"}, "mdy"),
        ({"LANG": "de_DE.UTF-8"}, "dmy"),
        ({"LANG": "en_US.UTF-8", "LC_TIME": "fr_FR.UTF-8"}, "dmy"),
        ({"LC_ALL": "en_US", "LANG": "en_GB"}, "mdy"),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
        ({"LANG": "ja_JP.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
    ],
)
def test_the_order_comes_from_the_locale(environ: dict[str, str], order: str | None) -> None:
    assert dates.order_of(environ) == order


@pytest.mark.parametrize(
    ("environ", "language", "order"),
    [
        ({"LANG": "C.UTF-8"}, "de", "dmy"),
        ({}, "fr", "dmy"),
        ({"LANG": "POSIX"}, "es", "dmy"),
        ({"LANG": "C.UTF-8"}, "en", None),
        ({"LANG": "en_US.UTF-8"}, "de", "mdy"),  # the locale, where it names an order, comes first
    ],
)
def test_where_the_locale_names_no_order_the_language_spoken_does(
    environ: dict[str, str], language: str, order: str | None
) -> None:
    """A German facilitator on a machine whose locale is C was told 1/2/27 could be either day."""
    assert dates.order_of(environ, language) == order


def test_dots_put_the_day_first_whatever_the_locale() -> None:
    today = dt.date(2026, 12, 7)
    assert dates.read("1.2.27", today, None) == dt.date(2027, 2, 1)
    assert dates.read("1.2.27", today, "mdy") == dt.date(2027, 2, 1)
    assert dates.read("1/2/27", today, "mdy") == dt.date(2027, 1, 2)
    with pytest.raises(dates.DateError):
        dates.read("1/2/27", today, None)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(["dmy", "mdy", None]))
def test_every_date_shown_back_reads_as_itself(day: dt.date, order: str | None) -> None:
    assert dates.read(dates.shown(day), TODAY, order) == day
    assert dates.read(day.isoformat(), TODAY, order) == day


@pytest.mark.parametrize(
    ("typed", "means"),
    [
        ("15. Dez", dt.date(2026, 12, 15)),
        ("15. Dezember 2026", dt.date(2026, 12, 15)),
        ("3. März", dt.date(2027, 3, 3)),
        ("15 de diciembre de 2026", dt.date(2026, 12, 15)),
        ("15 dic", dt.date(2026, 12, 15)),
        ("1er févr.", dt.date(2027, 2, 1)),
        ("15 déc.", dt.date(2026, 12, 15)),
        ("2 aout", dt.date(2027, 8, 2)),
        ("Di. 15. Dez. 2026", dt.date(2026, 12, 15)),
        ("mar. 15 déc. 2026", dt.date(2026, 12, 15)),
        ("freitag", dt.date(2026, 12, 11)),
        ("vendredi", dt.date(2026, 12, 11)),
    ],
)
def test_a_month_or_weekday_in_german_spanish_or_french_is_read(typed: str, means: dt.date) -> None:
    assert dates.read(typed, TODAY, "dmy") == means


def test_a_name_that_starts_a_weekday_elsewhere_stays_a_name() -> None:
    for typed in ("Bo and Sam", "Don", "Team Mar", "3 jui"):  # samedi, Donnerstag, martes; juin or juillet
        assert dates.owner_and_due(typed, TODAY, "dmy") == (typed, None)


@pytest.mark.parametrize(
    ("typed", "means"),
    [
        ("Bo Freitag", ("Bo Freitag", None)),  # a surname, not Friday, to an English reader
        ("Ana Domingo", ("Ana Domingo", None)),
        ("Sam 12 Dec", ("Sam", dt.date(2026, 12, 12))),  # a Saturday: samedi's start was taken as its weekday
        ("Jack Ma 15 Dec", ("Jack Ma", dt.date(2026, 12, 15))),  # a Tuesday: martes, mardi
        ("Bo Di. 15. Dez. 2026", ("Bo", dt.date(2026, 12, 15))),  # a short form with its stop is a weekday's
    ],
)
def test_a_weekday_of_another_language_ending_an_owner_stays_the_owner_s(
    typed: str, means: tuple[str, dt.date | None]
) -> None:
    assert dates.owner_and_due(typed, TODAY, "dmy") == means


def test_a_weekday_is_checked_as_the_language_spoken_names_it() -> None:
    """'Do.' is Thursday to a German reader: 'Do. 13. Dez.' (a Sunday) was taken, as 'do' also starts
    domingo, and a wrong day number passed unseen; the weekday is the check typing it gives."""
    with i18n.speaking("de"):
        with pytest.raises(dates.DateError, match="ist ein Sonntag, kein Donnerstag"):
            dates.read("Do. 13. Dez. 2026", TODAY, "dmy")
        assert dates.read("Do. 10. Dez. 2026", TODAY, "dmy") == dt.date(2026, 12, 10)
    with i18n.speaking("fr"):  # 'di' is no French weekday: Dienstag's
        assert dates.read("Di. 15. Dez. 2026", TODAY, "dmy") == dt.date(2026, 12, 15)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(["en", "de", "es", "fr"]))
def test_the_owner_dialog_reads_its_own_line_back(day: dt.date, lang: str) -> None:
    with i18n.speaking(lang):
        assert dates.owner_and_due(f"Bo {dates.shown(day)}", TODAY, None) == ("Bo", day)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(["de", "es", "fr"]))
def test_a_date_shown_in_another_language_reads_as_itself(day: dt.date, lang: str) -> None:
    with i18n.speaking(lang):
        assert dates.read(dates.shown(day), TODAY, None) == day


@given(st.text(max_size=40), st.sampled_from(["dmy", "mdy", None]))
def test_any_input_is_a_date_or_one_line_refusal(typed: str, order: str | None) -> None:
    try:
        found = dates.read(typed, TODAY, order)
    except dates.DateError as err:
        assert str(err) and "\n" not in str(err).strip("\n")
    else:
        assert isinstance(found, dt.date)
