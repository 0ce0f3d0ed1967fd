"""What every part of the fold reads of the others: the step running now, whether the session
has ended, and when each participant was last seen doing something (`Context`).

The timing part moves `current` and `ended`; the people part adds a participant to `last_seen`
when they join; every part that applies a participant's event marks them seen.

Each part is a `Part`: the methods that apply its event types are marked where they stand,
`@handles("goto")`, and `Part.handlers` gathers them into the part's table, which the fold merges
(engine/state.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Handler = Callable[[dict[str, Any], float], None]  # applies an event (`events.Event`) at a time
M = TypeVar("M", bound=Callable[..., None])


def handles(*kinds: str) -> Callable[[M], M]:
    """The mark on a part's method that applies events of these types (read by `Part.handlers`)."""

    def mark(method: M) -> M:
        method.handles = kinds  # type: ignore[attr-defined]
        return method

    return mark


class Part:
    """A part of the fold: it holds its own fields and applies its own event types, each by the
    method marked `@handles(...)` in the part's class."""

    def handlers(self) -> dict[str, Handler]:
        """Event type -> this part's method that applies it, from the marks in its class's own dict."""
        return {
            kind: getattr(self, name)
            for name, method in vars(type(self)).items()
            for kind in getattr(method, "handles", ())
        }


class Context:
    """The fold's shared state: its parts read it, and only the named writers change it."""

    __slots__ = ("current", "ended", "last_seen")

    def __init__(self) -> None:
        self.current: int | None = None  # the slot of the step running now (timing.py moves it)
        self.ended = False  # the session has ended (timing.py ends it)
        self.last_seen: dict[str, float] = {}  # token -> the time of their latest event, for those who joined

    def live(self) -> int | None:
        """The slot of the step running now, or None before the start and once it has ended."""
        return None if self.ended else self.current

    def seen(self, token: str, t: float) -> None:
        """Participant `token` did something at `t` (nothing, for someone who never joined)."""
        if token in self.last_seen:
            self.last_seen[token] = t
