"""Names are letters (issue 24): a name keeps letters, marks, digits, single spaces and a little
punctuation; whatever draws as blank goes before names are compared, and nothing that reads as
"facilitator" or "anonymous" is a participant's name. One rule (`text.name`, and
`participant_name` for the reserved words), checked here over all of Unicode."""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop import sessions
from workshop.engine import lookalikes, text
from workshop.sessions.typed import participant_name

PUNCTUATION = set("-'\u2019.,&()")  # written out here, not borrowed from the code under test


@cache
def every_code_point() -> tuple[str, ...]:
    return tuple(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@cache
def draws_blank() -> tuple[str, ...]:
    """See `_draws_blank`: the private-use and unassigned code points (most of the code space,
    and each a class of its own) by every 97th and the ends of each of their ranges."""
    every = _draws_blank()
    vast = [ch for ch in every if unicodedata.category(ch) in ("Co", "Cn")]
    ends = {a for a, b in zip(vast, vast[1:], strict=False) if ord(b) != ord(a) + 1}
    ends |= {b for a, b in zip(vast, vast[1:], strict=False) if ord(b) != ord(a) + 1}
    return tuple(
        ch for i, ch in enumerate(every) if unicodedata.category(ch) not in ("Co", "Cn") or i % 97 == 0 or ch in ends
    )


@cache
def _draws_blank() -> tuple[str, ...]:
    """Every character that draws as nothing, or as empty space, generated from Unicode's data
    rather than listed: the categories of controls, format characters, separators, private use
    and unassigned code points; whatever compatibility-normalises to spaces or to nothing; and
    every character whose name says blank, filler, variation selector, grapheme joiner or
    inherent (Hangul and Khitan fillers, U+2800 BRAILLE PATTERN BLANK, Khmer's inherent vowels)."""
    words = ("BLANK", "FILLER", "VARIATION SELECTOR", "GRAPHEME JOINER", "INHERENT", "INVISIBLE", "ZERO WIDTH")
    return tuple(
        ch
        for ch in every_code_point()
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp")
        or not unicodedata.normalize("NFKC", ch).strip()
        or any(word in unicodedata.name(ch, "") for word in words)
    )


@cache
def drawn_like_latin() -> dict[str, tuple[str, ...]]:
    """For each Latin letter, the characters drawn like it: whatever compatibility-normalises to
    it (fullwidth, mathematical, circled…), every Latin variant Unicode names after it (small
    capitals, letters with hooks and strokes, accented letters), and the Greek, Cyrillic,
    Armenian and Cherokee letters of Unicode's confusables the rule maps."""
    alike: dict[str, set[str]] = {}
    for ch in every_code_point():
        folded = unicodedata.normalize("NFKC", ch).casefold()
        name = unicodedata.name(ch, "")
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and not ch.isascii():
            alike.setdefault(folded, set()).add(ch)
        elif name.startswith("LATIN ") and name.count(" LETTER ") == 1:  # not a digraph (ǋ: N WITH SMALL LETTER J)
            letter = name.split(" LETTER ", 1)[1].removeprefix("SMALL CAPITAL ").split(" ")[0]
            if len(letter) == 1:
                alike.setdefault(letter.lower(), set()).add(ch)
    for ch, latin in (
        ("а", "a"),
        ("А", "a"),
        ("α", "a"),
        ("Ꭺ", "a"),
        ("ɑ", "a"),
        ("с", "c"),
        ("ϲ", "c"),
        ("і", "i"),
        ("ι", "i"),
        ("ı", "i"),
        ("ӏ", "l"),
        ("ǀ", "l"),
        ("о", "o"),
        ("ο", "o"),
        ("օ", "o"),
        ("т", "t"),
        ("Т", "t"),
        ("τ", "t"),
        ("η", "n"),
        ("ո", "n"),
        ("Ν", "n"),
        ("ѕ", "s"),
        ("υ", "u"),
        ("μ", "u"),
        ("ս", "u"),
        ("у", "y"),
        ("г", "r"),
        ("Ꭱ", "r"),
    ):
        alike.setdefault(latin, set()).add(ch)
    return {latin: tuple(sorted(chars)) for latin, chars in alike.items()}


def refused(name: str) -> bool:
    try:
        participant_name(name)
    except sessions.SessionError:
        return True
    return False


@pytest.mark.slow
def test_nothing_that_draws_blank_makes_a_second_ana_or_a_facilitator() -> None:
    """Ana holds her name; "facilitator" is nobody's. Each character of every blank-drawing
    class, before, inside and after either name, is Ana again (taken) or refused, never a name
    of its own that looks like hers."""
    blanks = draws_blank()
    assert len(_draws_blank()) > 900_000 and {"\u2800", "\u3164", "\u115f", "\U00016fe4", "\ufe0f"} <= set(blanks)
    for ch in blanks:
        for typed in (f"Ana{ch}", f"{ch}Ana", f"A{ch}na", f"An{ch}a"):
            assert refused(typed) or lookalikes.same_name(participant_name(typed), "Ana"), (hex(ord(ch)), typed)
        for typed in (f"facilitator{ch}", f"facil{ch}itator", f"{ch}anonymous"):
            assert refused(typed), (hex(ord(ch)), typed)


@pytest.mark.slow
def test_no_letter_drawn_alike_makes_a_second_ana_or_a_facilitator() -> None:
    alike = drawn_like_latin()
    assert len(alike["a"]) > 50 and "\u1d00" in alike["a"]  # small capital A among them
    for latin in "ana":
        for ch in alike[latin]:
            typed = "Ana".replace(latin.upper() if latin == "a" else latin, ch, 1)
            assert refused(typed) or lookalikes.same_name(participant_name(typed), "Ana"), (hex(ord(ch)), typed)
    for word in ("facilitator", "anonymous"):
        for i, latin in enumerate(word):
            for ch in alike.get(latin, ()):
                typed = word[:i] + ch + word[i + 1 :]
                assert refused(typed), (hex(ord(ch)), typed)
    for typed in (
        "faci1itator",
        "FACILITAT0R",
        "f a c i l i t a t o r",
        "Facilitator.",
        "ꜰᴀᴄɪʟɪᴛᴀᴛᴏʀ",
        "The Facilitator",
        "anonym0us",
    ):
        assert refused(typed), typed


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=50))
@pytest.mark.slow
def test_any_text_is_refused_or_a_name_of_letters(raw: str) -> None:
    """Over all of Unicode: a name holds only letters, marks, digits, single spaces and the
    little punctuation, nothing that draws as nothing, at least one letter or digit, no mark
    first; cleaning it again changes nothing; and it never reads as a reserved word."""
    try:
        name = participant_name(raw)
    except sessions.SessionError:
        return
    assert name == name.strip() and "  " not in name and 1 <= len(name) <= text.NAME_MAX
    for ch in name:
        category = unicodedata.category(ch)
        assert ch == " " or ch in PUNCTUATION or category[0] in "LMN", (hex(ord(ch)), category)
        assert ch not in _draws_blank() or ch == " ", hex(ord(ch))
    assert any(unicodedata.category(ch)[0] in "LN" for ch in name)
    assert all(unicodedata.category(word[0])[0] != "M" for word in name.split())
    assert participant_name(name) == name


@pytest.mark.parametrize("typed", ["Ana\u2800", "\u2800Ana", "Ana \u3164", "A\u2800na"])
def test_ana_and_a_braille_blank_are_one_person(tmp_path, typed: str) -> None:
    """The report's reproduction: "Ana⠀" was a second Ana beside Ana."""
    from tests.support import polls_plan

    live = sessions.Session.open(sessions.create(polls_plan(), tmp_path, "s"))
    live.start()
    live.join("Ana")
    with pytest.raises(sessions.SessionError, match="is taken"):
        live.newcomer(typed)
    with pytest.raises(sessions.SessionError, match="cannot be a participant's name"):
        live.newcomer("facilitator\u2800")
    assert [p.name for p in live.state().participants] == ["Ana"]
