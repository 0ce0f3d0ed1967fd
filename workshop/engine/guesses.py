"""Guesses at codes, as the session file counts them: wrong join codes per client, and wrong
rejoin codes (or kiosk PINs) per person and per client. They are events, so every channel and
every process reads one count: a browser tab that reconnects, a second tab, the kiosk and a
script all start where the last one left off (sessions/door.py asks, and writes them).

A `Rule` says how long the next try must wait after the wrong ones so far: twice as long after
each, and after `limit` of them within `window` seconds, until the oldest of those is
`window` seconds old. Pure, with the time given: the same answer in every process, and in tests
with any clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.engine.context import Part, handles
from workshop.engine.events import Event


@dataclass(frozen=True)
class Rule:
    first: float  # seconds the first wrong code holds the next try back; each further one doubles it
    most: float  # the longest such wait
    limit: int  # this many wrong within `window` seconds, and no try is taken ...
    window: float  # ... until the oldest of them is this old

    def wait(self, times: Sequence[float], now: float) -> float:
        """Seconds from `now` until a try is taken, after wrong codes at `times` (oldest first)."""
        recent = [t for t in times[-self.limit :] if now - t < self.window]
        if not recent:
            return 0.0
        if len(recent) >= self.limit:
            return recent[0] + self.window - now
        return max(0.0, recent[-1] + min(self.most, self.first * 2 ** (len(recent) - 1)) - now)

    def most_in(self, seconds: float) -> int:
        """The most tries a patient guesser has answered in `seconds`: each one taken the moment
        the rule allows it (docs/security.md states these figures)."""
        now, times = 0.0, list[float]()
        while True:
            now += self.wait(times, now)
            if now >= seconds:
                return len(times)
            times.append(now)


JOIN_CODE = Rule(first=0.5, most=30.0, limit=10, window=300.0)  # per client; a right code forgives
REJOIN_PER_PERSON = Rule(first=1.0, most=8.0, limit=5, window=900.0)  # per name: rejoin codes and kiosk PINs
REJOIN_PER_CLIENT = Rule(first=1.0, most=30.0, limit=10, window=900.0)  # per client, whatever the names


class Guesses(Part):
    """The part of the fold that counts wrong codes (as `ideas.Contributions` folds the room's contributions)."""

    def __init__(self) -> None:
        self.wrong_codes = 0  # wrong join and rejoin codes (and kiosk PINs), on every way in
        self.codes: dict[str, list[float]] = {}  # client -> its latest wrong join codes since a right one
        self.rejoins: dict[str, list[float]] = {}  # participant token -> the latest wrong rejoin codes for them
        self.rejoin_clients: dict[str, list[float]] = {}  # client -> its latest wrong rejoin codes

    @handles("wrong-code")
    def _on_wrong_code(self, event: Event, t: float) -> None:
        self.wrong_codes += 1
        _add(self.codes, event.get("client"), t, JOIN_CODE)

    @handles("right-code")
    def _on_right_code(self, event: Event, t: float) -> None:
        client = event.get("client")
        if isinstance(client, str):
            self.codes.pop(client, None)

    @handles("wrong-rejoin")
    def _on_wrong_rejoin(self, event: Event, t: float) -> None:
        self.wrong_codes += 1
        _add(self.rejoins, event.get("participant"), t, REJOIN_PER_PERSON)
        _add(self.rejoin_clients, event.get("client"), t, REJOIN_PER_CLIENT)

    def join_wait(self, client: str, now: float) -> float:
        return JOIN_CODE.wait(self.codes.get(client, ()), now)

    def rejoin_wait(self, token: str, client: str, now: float) -> float:
        return max(
            REJOIN_PER_PERSON.wait(self.rejoins.get(token, ()), now),
            REJOIN_PER_CLIENT.wait(self.rejoin_clients.get(client, ()), now),
        )


def _add(counts: dict[str, list[float]], key: object, t: float, rule: Rule) -> None:
    """Count a wrong code at `t`; only the latest `limit` matter to the rule, so only they are kept."""
    if isinstance(key, str) and key:
        times = counts.setdefault(key, [])
        times.append(t)
        del times[: -rule.limit]
