"""Names lose invisible characters; names and notes are isolated where shown, so nothing typed can
reorder the text after it (docs/security.md, "Untrusted text")."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.bidi import FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, explicit, in_order
from workshop.engine import bidi, text

CONTROLS = [LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, "\u200e", "\u200f", "\u061c"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
# Letters of both directions, digits of both kinds, neutrals, and every control, often.
TYPED = st.lists(
    st.sampled_from([*CONTROLS, *ZERO_WIDTH, "a", "Z", "1", " ", "(", ":", "א", "ب", "١"]), max_size=40
).map("".join)
AFTER = " after"


def isolates_nest(span: str) -> bool:
    """Every isolate the span opens is closed inside it, and no PDI closes one opened outside."""
    depth = 0
    for ch in span:
        depth += ch in (LRI, RLI, FSI)
        depth -= ch == PDI
        if depth < 0:
            return False
    return depth == 0


def without_added(value: str) -> str:
    """What `isolate` and `balanced` may add: isolate initiators and closers."""
    return value.translate(str.maketrans(dict.fromkeys(FSI + PDI + PDF)))


@pytest.mark.parametrize("invisible", [*ZERO_WIDTH, *CONTROLS])
def test_a_name_loses_invisible_characters(invisible: str) -> None:
    assert text.name(f"Ana{invisible}") == "Ana"
    assert text.name(f"{invisible}A{invisible}na {invisible} Bo") == "Ana Bo"
    with pytest.raises(text.TextError, match="cannot be empty"):
        text.name(invisible * 3)


def test_a_note_keeps_them() -> None:
    typed = "Ana\u200b says \u202eevil\u202c and 👩\u200d💻"
    assert text.body(typed) == typed


@pytest.mark.parametrize("plain", ["Ana", "O'Brien [x](y) <b>", "Zoë Ünal", "日本語", "tab\there\nand a line", ""])
def test_text_without_right_to_left_is_shown_unchanged(plain: str) -> None:
    assert bidi.isolate(plain) == plain and bidi.balanced(plain) == plain


@settings(max_examples=400, deadline=None, database=None)
@given(typed=TYPED)
@example(typed=RLO + "evil")  # the HTML report's unclosed override
@example(typed=PDI + RLO + "x")  # a stray PDI would end the isolation early
@example(typed=RLI + "abc")  # an open isolate would take the closing PDI
@example(typed=RLO * 200 + "x")  # past the bidi algorithm's depth of 125
@example(typed=RLI * 200 + PDI * 250 + RLE * 130 + "x")
@pytest.mark.slow
def test_nothing_isolated_can_reorder_what_follows(typed: str) -> None:
    shown = bidi.isolate(typed)
    assert without_added(shown) == without_added(typed)  # only controls are added
    if shown != typed:
        assert shown.startswith(FSI) and shown.endswith(PDI) and isolates_nest(shown)
    line = "Ana: " + shown + AFTER
    assert in_order(line, 0, 5) and in_order(line, len(line) - len(AFTER), len(line))
    # balanced() is for inside an isolation the page provides (<bdi>): the same guarantee
    inside = "Ana: " + FSI + bidi.balanced(typed) + PDI + AFTER
    assert isolates_nest(inside[5 : -len(AFTER)])
    assert in_order(inside, len(inside) - len(AFTER), len(inside))


@settings(max_examples=100, deadline=None, database=None)
@given(lines=st.lists(TYPED, min_size=2, max_size=4))
def test_each_line_of_a_note_is_isolated_on_its_own(lines: list[str]) -> None:
    """A newline ends every embedding and isolate (it ends the bidi paragraph): each line of a
    note is isolated by itself, so the last one cannot reorder what follows it either."""
    shown = bidi.isolate("\n".join(lines)) + AFTER
    for line in shown.split("\n"):
        assert all(state == (0, None) for state in explicit(line + "x")[-1:])
    last = shown.split("\n")[-1]
    assert in_order(last, len(last) - len(AFTER), len(last))
