"""The fold's one table of handlers: every event type a writer makes is applied by exactly one
part (a note by the fold's own loop), and no part claims a type another already has."""

from __future__ import annotations

import pytest

from tests.support import polls_plan
from workshop.content.frozen import freeze
from workshop.engine import events
from workshop.engine.state import Fold, handler_table

HEADER = {"id": "h", "title": "Handlers", "code": "ABCDEF", "agenda": freeze(polls_plan())}


def test_every_event_type_has_one_handler_and_no_other() -> None:
    handled = set(Fold(HEADER)._handlers)
    assert handled | {"note"} == set(events.TYPES)
    assert "note" not in handled  # the fold's loop applies notes itself


def test_a_type_claimed_by_two_parts_is_refused() -> None:
    def one(event: events.Event, t: float) -> None: ...

    with pytest.raises(ValueError, match="'pause'"):
        handler_table({"pause": one}, {"resume": one, "pause": one})
