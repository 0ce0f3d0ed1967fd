"""A due date written as a weekday and the day in numbers, as German writes it most ('Dienstag,
15.12.', 'Di. 15.12.2026') and anyone may ('Tue 12/15'): one date, checked against its weekday;
a weekday that is not the date's is refused as such, never kept as part of the owner's name."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engine.date_cases import TODAY
from workshop import i18n
from workshop.engine import dates
from workshop.engine.date_words import DateError

TUESDAY = dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("lang", "typed", "order", "owner"),
    [
        ("de", "Bo Dienstag 15.12.", "dmy", "Bo"),
        ("de", "Bo Dienstag, 15.12.", "dmy", "Bo"),
        ("de", "Bo Di., 15.12.2026", "dmy", "Bo"),
        ("de", "Ana Domingo, 15.12.", "dmy", "Ana Domingo"),  # a Spanish weekday is a name to a German reader
        ("en", "Jo Freitag 2026-12-15", None, "Jo Freitag"),
        ("de", "Bo Lima bis Dienstag, 15.12.", "dmy", "Bo Lima"),
        ("es", "Ana martes 15/12", "dmy", "Ana"),
        ("fr", "Luc mardi 15/12/2026", "dmy", "Luc"),
        ("en", "Bo Chen Tue 12/15", "mdy", "Bo Chen"),
        ("en", "Bo Chen Tue, 15/12/2026", None, "Bo Chen"),
    ],
)
def test_a_weekday_before_a_date_in_numbers_is_that_date(lang: str, typed: str, order: str | None, owner: str) -> None:
    """'Bo Dienstag 15.12.' was refused: "'Dienstag' and '15.12' are two dates"."""
    with i18n.speaking(lang):
        assert dates.owner_and_due(typed, TODAY, order) == (owner, TUESDAY)


@pytest.mark.parametrize(
    ("lang", "typed", "said"),
    [
        ("de", "Bo Freitag 15.12.", "Dienstag, kein Freitag"),
        ("en", "Bo Fri 12/15", "is a Tuesday, not a Friday"),
        ("en", "Bo Fri 15 Dec", "is a Tuesday, not a Friday"),
        ("fr", "Luc vendredi 15/12", "est un mardi, pas un vendredi"),
    ],
)
def test_a_weekday_that_is_not_the_dates_is_refused_by_name(lang: str, typed: str, said: str) -> None:
    """'Bo Freitag 15.12.' was refused as two dates, and 'Bo Fri 15 Dec' as 'Fri' and '15 Dec'."""
    with i18n.speaking(lang), pytest.raises(DateError) as refused:
        dates.owner_and_due(typed, TODAY, "mdy" if "/" in typed and lang == "en" else "dmy")
    assert said in str(refused.value)


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr"])
def test_a_weekday_before_an_iso_date_is_that_date_or_refused(lang: str) -> None:
    """'Bo Tue 2026-12-15' gave the owner 'Bo Tue', and 'Bo Fri 2026-12-15' the owner 'Bo Fri' due
    on a Tuesday: the weekday was left in the name, unchecked."""
    weekday = {"en": "Tue", "de": "Di.", "es": "martes", "fr": "mardi"}[lang]
    with i18n.speaking(lang):
        assert dates.owner_and_due(f"Bo {weekday} 2026-12-15", TODAY, "dmy") == ("Bo", TUESDAY)
        assert dates.owner_and_due(f"Bo {weekday}, 2026/12/15", TODAY, None) == ("Bo", TUESDAY)
        assert dates.read(f"{weekday} 2026-12-15", TODAY, None) == TUESDAY
        with pytest.raises(DateError):
            dates.owner_and_due("Bo Fri 2026-12-15", TODAY, "dmy")


@pytest.mark.parametrize(
    ("lang", "typed", "said", "kept"),
    [
        ("en", "Li Sun 15.12.", "type “due” before the date if “Sun” is part of the name", "Li Sun due 15.12."),
        ("en", "Nguyen Thi Thu 15 Dec", "if “Thu” is part of the name", "Nguyen Thi Thu due 15 Dec"),
        ("de", "Li Mo 15.12.", "wenn „Mo“ zum Namen gehört", "Li Mo due 15.12."),
        ("fr", "Luc Mar, 17/12", "si « Mar » fait partie du nom", "Luc Mar due 17/12"),
    ],
)
def test_a_name_that_ends_like_another_weekday_is_told_how_to_keep_it(
    lang: str, typed: str, said: str, kept: str
) -> None:
    """'Li Sun 15.12.' was refused as "Tue 15 Dec 2026 is a Tuesday, not a Sunday", to someone who
    typed no weekday: the refusal names the word and the way to keep it in the name now."""
    with i18n.speaking(lang):
        with pytest.raises(DateError) as refused:
            dates.owner_and_due(typed, TODAY, "dmy")
        assert said in str(refused.value)
        assert dates.owner_and_due(kept, TODAY, "dmy")[0] == kept.partition(" due ")[0]
