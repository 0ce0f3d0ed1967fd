"""The table of letters drawn like ASCII ones (workshop/engine/confusables.py) is Unicode's:
made again here from the `confusable_homoglyphs` package's copy of confusables.txt (a test
dependency only), it must be the table the code reads."""

from __future__ import annotations

import json
import unicodedata
from importlib.resources import files

from workshop.engine import confusables, lookalikes


def made_again() -> str:
    data = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    pairs = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii() or unicodedata.name(char, "").startswith("LATIN "):
            continue
        like = sorted(
            (e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalnum()),
            key=lambda c: (c.isdigit(), c),
        )
        if like:
            pairs[char] = like[0]
    return "".join(char + latin for char, latin in sorted(pairs.items()))


def test_the_table_is_unicode_s_confusables() -> None:
    assert made_again() == confusables.PAIRS


def test_no_script_spells_a_reserved_word_in_letters_drawn_like_latin() -> None:
    """Every letter confusables.txt says is drawn like one of the word's letters, put in its place."""
    table = made_again()
    like: dict[str, list[str]] = {}
    for i in range(0, len(table), 2):
        like.setdefault(table[i + 1].casefold(), []).append(table[i])
    for word in lookalikes.RESERVED_WORDS:
        for i, letter in enumerate(word):
            for char in like.get(letter, ()):
                typed = word[:i] + char + word[i + 1 :]
                assert lookalikes.reserved(typed) == word, (hex(ord(char)), typed)
