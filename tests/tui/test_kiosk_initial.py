"""The kiosk's advice to a second person whose name is taken ("type your name with an initial:
Ana B."): the example it shows is always a name the kiosk would take, and never the taken one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.engine.text import NAME_MAX, TextError, name
from workshop.tui.next_person import with_initial


def _joinable(raw: str) -> str | None:
    try:
        return name(raw)
    except TextError:
        return None


def test_a_long_name_gets_an_example_that_fits() -> None:
    """A name of 38 to 40 characters: the example "… B." stays within the 40 a name may have (it
    was 41 to 43, so a person typing the example was refused for a name too long)."""
    taken = "Maria Fernanda Gonzalez de la Cruz Ruiz"  # 39 characters
    example = with_initial(taken)
    assert len(example) <= NAME_MAX and example.endswith(" B.") and example != taken
    assert name(example) == example


def test_a_name_that_already_has_the_initial_gets_another() -> None:
    assert with_initial("Ana") == "Ana B."
    assert with_initial("Ana B.") == "Ana C."


@given(st.text(min_size=1, max_size=60).map(_joinable).filter(bool))
def test_every_example_is_a_name_the_kiosk_takes(taken: str | None) -> None:
    assert taken is not None
    example = with_initial(taken)
    assert name(example) == example
    assert example != taken
