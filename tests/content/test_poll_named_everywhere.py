"""Every problem in a poll table names it `poll:`, as the file spells it, in every language: the
module's own poll, a variant's, a poll's `options_from`, and an option a variant gives that is
another option's label. German said "poll:" on one line and "Umfrage:" on the next for the same
`[variants.de.steps.poll]` table, and "Umfrage:" for `options_from` in the module's own poll."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.content.samples import run_validate, write
from tests.content.test_variants import german

HEAD = """id = "probe-poll"
title = "Poll probe"
summary = "One poll."
minutes = 2

[source]
title = "T"
author = "A"
publisher = "P"

[[steps]]
id = "pick"
title = "Pick"
kind = "poll"
minutes = 2
prompt = "Pick."
[steps.poll]
question = "Which?"
vote = "single"
"""

# a variant whose options swap the module's own (each names the other option) and whose poll
# holds a key no variant's poll takes: problems on lines 26 and 27 of one table
VARIANT = (
    HEAD
    + """options = ["Yes", "No"]

[variants.de]
[[variants.de.steps]]
id = "pick"
[variants.de.steps.poll]
options = ["No", "Yes"]
bogus = 2
"""
)

# a poll whose options come from a brainstorm step the module does not have (line 20)
FROM = HEAD + 'options_from = "nowhere"\n'

TRANSLATED = {"de": "Umfrage", "es": "encuesta", "fr": "sondage"}


def validated_in(lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> tuple[int, list[str]]:
    """`workshop validate` of `files` (name: text) as a reader of `lang` runs it: (exit status,
    printed lines). The language comes from the environment: validate's own --lang asks for a
    module's language."""
    for name, text in files.items():
        write(tmp_path, name, text)
    monkeypatch.setenv("LC_ALL", f"{lang}.UTF-8")
    return run_validate(tmp_path, monkeypatch, *files)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_variant_s_poll_is_named_one_way_on_every_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    status, lines = validated_in(lang, tmp_path, monkeypatch, **{"v.toml": VARIANT})
    assert status == 2 and len(lines) == 3, lines
    assert all(" poll: " in line and TRANSLATED[lang] not in line for line in lines), lines


@pytest.mark.parametrize("lang", TRANSLATED)
def test_options_from_names_the_poll_as_the_file_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    status, lines = validated_in(lang, tmp_path, monkeypatch, **{"m.toml": FROM})
    assert status == 2 and len(lines) == 1, lines
    assert lines[0].startswith("m.toml:20:1: ") and " poll: options_from " in lines[0], lines
    assert TRANSLATED[lang] not in lines[0], lines


@pytest.mark.parametrize("lang", ["de", "es", "fr"])
def test_a_poll_table_is_named_as_the_file_spells_it_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Where a problem sits is said by the file's own keys (`poll`, `source`), in every language and
    in a variant as in the module itself: German said "poll: " for the module's poll and "Umfrage: "
    for the same table in `[variants.de]`, so the two lines seemed to speak of two things."""
    own_poll = german({9: [], 28: ['options = ["Only one"]']})
    variant_poll = german({46: ['options = ["Coaching"]']}).replace('id = "probe-trust"', 'id = "probe-trust-v"', 1)
    _, lines = validated_in(lang, tmp_path, monkeypatch, **{"m.toml": own_poll, "v.toml": variant_poll})
    assert len(lines) == 3, lines
    source, own, variant = lines
    assert source.startswith("m.toml:6:1: source: "), source
    assert re.match(r"m\.toml:27:1: \w+ 'vote' ?: poll: ", own), own
    assert re.match(r"v\.toml:46:1: variants\.de ?: \w+ 'vote' ?: poll: ", variant), variant
