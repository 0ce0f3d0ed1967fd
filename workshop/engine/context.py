"""What every part of the fold reads of the others: the step running now, whether the session
has ended, and when each participant was last seen doing something (`Context`).

The timing part moves `current` and `ended`; the people part adds a participant to `last_seen`
when they join; every part that applies a participant's event marks them seen."""

from __future__ import annotations


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
