"""Which bidi control a value leaves open: `validate` names it ("holds a control character
(U+2067)"), so the one named must be the one an author has to close or take out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.engine.bidi import balanced, unbalanced

LRI, RLI, PDI, RLO, PDF = "\u2066", "\u2067", "\u2069", "\u202e", "\u202c"


def test_the_control_left_open_is_named_not_the_first_one() -> None:
    """An isolate opened and closed, then an override left open: the override is the problem
    (the first control, the isolate, was named before)."""
    assert unbalanced(f"a {LRI}b{PDI} c {RLO}d") == RLO


def test_a_stray_closer_is_named() -> None:
    assert unbalanced(f"{RLI}a{PDI} b{PDI}") == PDI


def test_on_a_later_line_the_open_one_there_is_named() -> None:
    assert unbalanced(f"{RLO}fine{PDF}\nthen {LRI}open") == LRI


def test_balanced_text_names_nothing() -> None:
    assert unbalanced(f"{RLI}a{PDI} {RLO}b{PDF} {PDF}") is None


@given(st.text(alphabet=f"ab \n{LRI}{RLI}{PDI}{RLO}{PDF}\u202a\u2068", max_size=30))
def test_a_value_names_a_control_exactly_when_it_is_not_balanced(value: str) -> None:
    named = unbalanced(value)
    assert (named is None) == (balanced(value) == value)
    assert named is None or named in value
