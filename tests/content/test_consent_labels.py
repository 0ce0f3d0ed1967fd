"""A consent poll's labels (a fist of five: block ... full support) in the language the module is
shown in (a variant cannot give them): a module written in French, or given in German, shows
its reader the labels in that language; an English-only module stays as it was."""

from __future__ import annotations

import pytest

from tests.content.samples import edit
from tests.content.samples import poll as sample_poll
from workshop.content import document, languages, schema
from workshop.content.model import CONSENT_LABELS, Module

ENGLISH = sample_poll('vote = "consent"')  # the sample module: a talk step, then this poll
IN_GERMAN_TOO = (
    ENGLISH
    + """
[variants.de]
title = "Vertrauen zuerst"
summary = "Ein kurzes Modul."

[[variants.de.steps]]
id = "vote"
title = "Sind wir uns einig?"
prompt = "Faust oder Finger zeigen."

[variants.de.steps.poll]
question = "Kannst du mit dem Vorschlag leben?"
"""
)
WRITTEN_IN_FRENCH = edit({4: ["minutes = 10", 'language = "fr"'], 27: ['vote = "consent"'], 28: []})


def module(text: str) -> Module:
    return schema.check_module(document.parse(text.encode(), "m.toml"))


def labels(text: str, reader: str) -> list[str]:
    shown = languages.module_in(module(text), languages.shown_in(module(text), reader))
    poll = shown.steps[1].poll
    assert poll is not None
    return [label for _value, label in poll.labels]


def test_a_module_given_in_german_without_labels_gives_its_german_reader_german_labels() -> None:
    assert labels(IN_GERMAN_TOO, "de") == [
        "Veto",
        "schwere Bedenken",
        "Bedenken",
        "kann damit leben",
        "Zustimmung",
        "volle Zustimmung",
    ]
    assert labels(IN_GERMAN_TOO, "de-AT")[0] == "Veto"


def test_a_module_written_in_french_says_its_labels_in_french_to_everyone() -> None:
    assert labels(WRITTEN_IN_FRENCH, "fr")[::5] == ["veto", "plein soutien"]
    assert labels(WRITTEN_IN_FRENCH, "en")[::5] == ["veto", "plein soutien"]  # the module's language, marked Français


@pytest.mark.parametrize("reader", ["en", "es", "de"])
def test_a_module_in_english_only_keeps_english_labels_beside_its_english_text(reader: str) -> None:
    assert labels(ENGLISH, reader) == [label for _value, label in CONSENT_LABELS]
    plain = module(ENGLISH)
    assert languages.module_in(plain, languages.shown_in(plain, reader)) is plain  # nothing copied


def test_the_ballots_and_the_file_keep_the_english_labels() -> None:
    poll = module(IN_GERMAN_TOO).steps[1].poll
    assert poll is not None and poll.labels == CONSENT_LABELS and poll.threshold == 3


@pytest.mark.parametrize("lang", ["de", "es", "fr"])
def test_the_report_s_consent_caption_names_the_labels_the_room_voted_with(lang: str) -> None:
    """The caption under a consent poll's bars said "ernster Einwand", "objeción seria" and
    "blocage" beside ballots labelled "schwere Bedenken", "objeciones serias"/"reservas" and
    "veto": two words for one answer."""
    from workshop import i18n
    from workshop.report.words import KIND_CAPTION

    with i18n.speaking(lang):
        caption = i18n._(KIND_CAPTION["consent"])
        said = dict(languages.consent_labels(lang))
    assert said[0] in caption and said[1] in caption, (caption, said)
    assert said[1].endswith(said[2]), said  # "serious concerns" is "concerns", more of them
