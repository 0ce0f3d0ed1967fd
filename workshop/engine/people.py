"""The part of the fold that knows who is in the session: who joined under which name, whose
screen says it is here, what a rejoin code must give, and the people whose `join` was lost (a
damaged block) or refused, whose events still count under the name they carry (`carried`).

| type    | fields                    | who writes it |
|---------|---------------------------|---------------|
| join    | participant, name, proof  | a participant, once |
| present | participant               | a participant's screen, about once a minute |
| leave   | participant               | a participant's screen, as it closes |
"""

from __future__ import annotations

from workshop.engine.context import Context, Part, handles
from workshop.engine.events import Event
from workshop.engine.lookalikes import name_key, reserved


class People(Part):
    """Who joined, under which names, and who is here: applies join, present and leave."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.participants: dict[str, tuple[str, float]] = {}  # token -> (name, joined)
        self.by_name: dict[str, str] = {}  # lookalikes.name_key(name) -> the first token that joined with it
        # token -> name, for people whose `join` was lost (a damaged block) or refused: what they
        # wrote still counts, under the name it carries (`carried`)
        self.unjoined: dict[str, str] = {}
        self.unjoined_names: dict[str, str] = {}  # lookalikes.name_key(name) -> token, for those
        self.beats: dict[str, float] = {}  # token -> the last time their screen said it is here
        self.proofs: dict[str, str] = {}  # token -> what a rejoin code must give (sessions/people.py)

    @handles("join")
    def _on_join(self, event: Event, t: float) -> None:
        token, name = event.get("participant"), event.get("name")
        if isinstance(token, str) and isinstance(name, str) and token not in self.participants:
            self.participants[token] = (name, t)
            self.context.last_seen[token] = t
            self.by_name.setdefault(name_key(name), token)
            if isinstance(event.get("proof"), str):
                self.proofs[token] = event["proof"]

    @handles("present")
    def _on_present(self, event: Event, t: float) -> None:
        token = event.get("participant")
        if isinstance(token, str) and token in self.participants:
            self.beats[token] = t
            self.context.last_seen[token] = t

    @handles("leave")
    def _on_leave(self, event: Event, t: float) -> None:
        token = event.get("participant")
        if isinstance(token, str):
            self.beats.pop(token, None)

    def carried(self, token: object, name: object) -> str:
        """The name an event of `token` counts under: the name they joined with, or, when their
        join was lost (a damaged or refused block), the name the event carries, unless someone
        who joined, or another lost join, holds it (or it is a reserved one); "" when none."""
        if type(token) is not str:
            return ""
        joined = self.participants.get(token)
        if joined is not None:
            return joined[0]
        known = self.unjoined.get(token)
        if known is not None:
            return known
        if type(name) is not str or not name:
            return ""
        key = name_key(name)
        if key in self.by_name or key in self.unjoined_names or reserved(name):
            return ""
        self.unjoined[token], self.unjoined_names[key] = name, token
        return name

    def counts(self, token: object) -> bool:
        """Whether `token` is someone whose events count: they joined, or their lost join was carried."""
        return type(token) is str and (token in self.participants or token in self.unjoined)

    def named(self, name: str) -> str | None:
        """The token of the participant who joined first under `name` (any case, letters drawn
        alike), if any; the one who joined under exactly `name` first, in a session whose file
        holds names drawn alike from before they counted as one."""
        token = self.by_name.get(name_key(name))
        if token is None or self.participants[token][0].casefold() == name.casefold():
            return token
        exact = (t for t, (joined, _) in self.participants.items() if joined.casefold() == name.casefold())
        return next(exact, token)

    def doubtful(self) -> set[str]:
        """People whose join was lost, carrying a name someone has joined with since: their events
        cannot be told from a forgery, so they count for no one (found anew each time: a join may
        come after the events that carry its name)."""
        if not self.unjoined:
            return set()
        return {t for t, name in self.unjoined.items() if t not in self.participants and name_key(name) in self.by_name}

    def lost_joins(self, doubtful: set[str]) -> tuple[str, ...]:
        """The names of the people whose join was lost and whose events count."""
        return tuple(name for t, name in self.unjoined.items() if t not in doubtful and t not in self.participants)
