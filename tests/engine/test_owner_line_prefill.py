"""The owner dialog (`u`) opens on an action item with its owner and due date already in the line;
enter on that line keeps both. An owner whose name ends in a word the reader takes for a date
(Nguyen Thi Thu, Li Sun, Team 2.0, given with 'due' or from the command line) was refused there
as 'two dates', or lost that word to the date: the line says 'due' between them now, and only then."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop import i18n
from workshop.sessions.typed import owner_line, owner_line_of

TODAY = dt.date(2026, 12, 7)  # a Monday
LANGS = ("en", "de", "es", "fr")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("owner", ["Nguyen Thi Thu", "Li Sun", "Team 2.0", "Ana due", "Bo Tomorrow", "Mo Mon"])
def test_an_owner_ending_in_a_date_word_keeps_name_and_date(lang: str, owner: str) -> None:
    due = dt.date(2026, 12, 15)
    with i18n.speaking(lang):
        line = owner_line_of(owner, due, TODAY)
        assert owner_line(line, TODAY) == (owner, due)
        assert " due " in line or lang in ("es", "fr")  # there a capital 'Thu', 'Sun' is a name's


@pytest.mark.parametrize("lang", LANGS)
def test_an_ordinary_owner_s_line_is_name_and_date_as_before(lang: str) -> None:
    with i18n.speaking(lang):
        line = owner_line_of("Bo Chen", dt.date(2026, 12, 15), TODAY)
        assert "due" not in line and line.startswith("Bo Chen ")
        assert owner_line(line, TODAY) == ("Bo Chen", dt.date(2026, 12, 15))
        assert owner_line_of("Bo Chen", None, TODAY) == "Bo Chen"
        assert owner_line(owner_line_of("", dt.date(2027, 2, 1), TODAY), TODAY) == ("", dt.date(2027, 2, 1))


WORDS = ["Ana", "Lima", "Thu", "Sun", "Mon", "Wed", "Sat", "Fri", "Mar", "Domingo", "Tag", "Next", "2.0", "Day"]


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)),
    st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)),
    st.sampled_from(LANGS),
)
def test_the_line_an_action_opens_with_reads_back_as_its_owner_and_date(
    words: list[str], due: dt.date, today: dt.date, lang: str
) -> None:
    owner = " ".join(words)
    with i18n.speaking(lang):
        assert owner_line(owner_line_of(owner, due, today), today) == (owner, due)
