"""A refusal quotes what was typed as the reader's language quotes it: German read
"Fehler: kein Schritt 'nirgends' in dieser Agenda", Python's quotes in a German sentence, and an
English "Bo's step" came back as "no step \\"Bo's step\\"" (Python's other quotes). What was typed
still never reaches the terminal as a control or a second line: it is escaped inside the quotes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Workshop
from workshop import i18n
from workshop.engine import dates


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "error: no step “nirgends” in this agenda"),
        ("de", "Fehler: kein Schritt „nirgends“ in dieser Agenda"),
        ("es", "«nirgends»"),
        ("fr", "« nirgends »"),
    ],
)
def test_a_refusal_quotes_the_typed_word_as_the_readers_language_does(ws: Workshop, lang: str, said: str) -> None:
    ws.started_at()
    refused = ws.run("control", "s", "--lang", lang, "goto", "nirgends")
    assert refused.exit_code == 2 and said in refused.stderr and "'nirgends'" not in refused.stderr, refused.stderr


def test_an_apostrophe_typed_comes_back_as_typed(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "goto", "Bo's step", says="no step “Bo's step” in this agenda")
    ws.refused("control", "s", "goto", "C:\\steps", says="no step “C:\\steps” in")  # one backslash, as typed


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr"])
def test_controls_typed_into_a_refused_word_come_back_escaped_on_one_line(ws: Workshop, lang: str) -> None:
    ws.started_at()
    refused = ws.run("react", "s", "--lang", lang, "--name", "Ana", "boo\x1b[2J\nrm\u202eevil\x07")
    line = refused.stderr
    assert refused.exit_code == 2 and line.count("\n") == 1 and line.endswith("\n"), line
    assert not any(ch in line[:-1] for ch in "\x1b\x07\u202e\n"), line
    with i18n.speaking(lang):
        assert i18n.quote("boo\\x1b[2J\\nrm\\u202eevil\\x07") in line, line


def test_the_date_reader_quotes_what_was_typed_in_german_and_escapes_a_control() -> None:
    with i18n.speaking("de"), pytest.raises(dates.DateError) as refused:
        dates.read("15 jui\x1b[2J", dt.date(2026, 12, 1), "dmy")
    assert str(refused.value).startswith("„15 jui\\x1b[2J“ ist kein lesbares Datum"), refused.value


def test_the_english_date_refusal_quotes_the_words_to_type() -> None:
    """On a Friday, "friday" was refused with "type today, or next friday for …": which words?"""
    with pytest.raises(dates.DateError) as refused:
        dates.read("friday", dt.date(2026, 12, 4), "dmy")
    assert "type “today”, or “next friday” for Fri 11 Dec 2026" in str(refused.value), refused.value
