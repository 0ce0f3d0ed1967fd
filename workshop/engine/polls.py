"""The part of the fold that holds the polls and applies what happens to them: closing,
reopening, resets, revotes, reveals and ballots (as `ideas.Contributions` applies the room's
contributions). Moving between steps opens and closes them too (timing.py asks, `enter`,
`leave` and `end`); a brainstorm's ideas give a poll its options (`set_options`) and a
correction its new words (`reword`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from workshop.content import languages
from workshop.content.model import Poll
from workshop.engine import ballots
from workshop.engine.context import Context, Part, handles
from workshop.engine.events import Event
from workshop.engine.order import RunningOrder
from workshop.engine.people import People


@dataclass
class PollRecord:
    """One poll as the fold has it so far."""

    poll: Poll
    index: int
    status: str = "waiting"
    closed_by: str = ""
    revealed: bool = False
    counted: dict[str, tuple[float, Event]] = field(default_factory=dict)
    late: int = 0
    invalid: int = 0
    resets: int = 0
    earlier: list[tuple[Any, ...]] = field(default_factory=list)  # each earlier round's counted values
    # ballots on a poll whose options come from ideas, before any `options` event: the one that
    # set them was lost (or never written); kept and reported, never counted
    orphans: list[tuple[str, tuple[float, Event]]] = field(default_factory=list)
    wordings: list[str] = field(default_factory=list)  # each earlier round's question
    reworded: bool = False
    # Bumped whenever `counted`, `earlier` or `orphans` change: a state copies them only then
    # (`frozen`), not once per state, which in a large room was most of a vote's time.
    version: int = 0
    _frozen: tuple[int, tuple[Any, ...]] = (-1, ())

    def frozen(self) -> tuple[Any, ...]:
        """(counted items, earlier rounds, orphans) as tuples, as they stand now."""
        if self._frozen[0] != self.version:
            self._frozen = (self.version, (tuple(self.counted.items()), tuple(self.earlier), tuple(self.orphans)))
        return self._frozen[1]


class PollEvents(Part):
    """The polls of a session as the fold has them so far (`polls`), and the events that change them."""

    def __init__(self, context: Context, running: RunningOrder, people: People) -> None:
        self.context, self.running, self.people = context, running, people
        steps = zip(running.qids, running.pairs, strict=True)
        self.polls = {q: PollRecord(s.poll, i) for i, (q, (_, s)) in enumerate(steps) if s.poll is not None}
        self.last_seen = context.last_seen  # read per ballot
        # (poll, value) -> whether it is a valid ballot: a room votes the same few values again
        # and again, and a check builds the poll's option set each time
        self.checked: dict[tuple[str, tuple[Any, ...]], bool] = {}

    def _poll_of(self, event: Event) -> PollRecord | None:
        return self.polls.get(str(event.get("poll")))

    # ------------------------------------------------------------------ what other parts ask

    def leave(self, slot: int) -> None:
        """The room moved off step `slot`: its poll, if open, closes."""
        left = self.polls.get(self.running.qids[slot])
        if left is not None and left.status == "open":
            left.status, left.closed_by = "closed", "moved-on"

    def enter(self, slot: int) -> None:
        """The room moved to step `slot`: its poll opens, unless the facilitator closed it."""
        entered = self.polls.get(self.running.qids[slot])
        if entered is not None and (entered.status == "waiting" or entered.closed_by == "moved-on"):
            entered.status, entered.closed_by = "open", ""

    def end(self) -> None:
        """The session ended: every open poll closes."""
        for state in self.polls.values():
            if state.status == "open":
                state.status, state.closed_by = "closed", "ended"

    def takes_options(self, poll_id: str) -> bool:
        """Whether `poll_id` is a poll whose options come from a brainstorm's ideas."""
        p = self.polls.get(poll_id)
        return p is not None and bool(p.poll.options_from)

    def set_options(self, poll_id: str, labels: tuple[str, ...]) -> None:
        """The options of a poll that takes them from ideas, frozen: what ballots count against from
        now on. Ballots counted against earlier options stop counting."""
        p = self.polls[poll_id]
        top = p.poll.max if p.poll.max is None else min(p.poll.max, max(1, len(labels)))
        p.poll = replace(p.poll, options=labels, max=top)
        p.counted = {}
        p.version += 1
        self.checked.clear()  # checked against the options before

    def reword(self, poll_id: str, text: str) -> None:
        """The poll's question (a consent proposal) now reads `text`, in every language."""
        p = self.polls[poll_id]
        p.poll = languages.reworded(p.poll, text)
        p.reworded = True

    def counted(self, poll_id: str, participant: str) -> Any:
        """The value of `participant`'s counted ballot on a poll (as stored), or None."""
        p = self.polls.get(poll_id)
        entry = None if p is None else p.counted.get(participant)
        return None if entry is None else entry[1].get("value")

    # ------------------------------------------------------------------ the events

    @handles("close")
    def _on_close(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None and p.status == "open":
            p.status, p.closed_by = "closed", "facilitator"

    @handles("reopen")
    def _on_reopen(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None and p.status == "closed" and not self.context.ended:
            p.status, p.closed_by = "open", ""

    @handles("reset")
    def _on_reset(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None:
            p.resets += 1
            p.version += 1
            p.counted = {}
            p.revealed = False

    @handles("revote")
    def _on_revote(self, event: Event, t: float) -> None:
        """A new round of the poll: this round's ballots are kept as its result, with the words it
        voted on, and everyone votes again (after a consent poll's objections, on a proposal
        reworded as `wording` says, or on the top options of a dot vote)."""
        p = self._poll_of(event)
        if p is None or self.context.ended or p.index != self.context.current:
            return
        p.earlier.append(tuple(e["value"] for _, e in p.counted.values()))
        p.wordings.append(p.poll.question)
        wording = event.get("wording")
        if type(wording) is str and wording.strip() and len(wording) <= 500:  # the new round votes on new words
            p.poll = languages.reworded(p.poll, wording)  # in every language: the words are the facilitator's
            p.reworded = True
        p.counted = {}
        p.version += 1
        p.revealed = False
        p.status, p.closed_by = "open", ""

    @handles("reveal")
    def _on_reveal(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None:
            p.revealed = True

    @handles("ballot")
    def _on_ballot(self, event: Event, t: float) -> None:
        poll_id, token = event.get("poll"), event.get("participant")
        p = self.polls.get(poll_id if type(poll_id) is str else str(poll_id))
        if p is None or not isinstance(token, str):
            return
        if token in self.last_seen:
            self.last_seen[token] = t
        elif "name" in event:  # a named ballot whose voter's join was lost: it counts, under its name
            self.people.carried(token, event["name"])
        if p.status != "open":
            p.late += 1
            return
        value = event.get("value")
        if p.poll.options_from and not p.poll.options:  # the event that set its options was lost
            if isinstance(value, list):
                p.orphans.append((token, (t, event)))
                p.version += 1
            return
        key = (poll_id if type(poll_id) is str else str(poll_id), tuple(value) if isinstance(value, list) else ())
        valid = self.checked.get(key)
        if valid is None:
            try:
                valid = isinstance(value, list) and ballots.check(p.poll, value) == value
            except ballots.BallotError:
                valid = False
            self.checked[key] = valid
        if not valid:
            p.invalid += 1
            return
        p.counted.pop(token, None)  # a new ballot replaces the old and moves to the end
        p.counted[token] = (t, event)
        p.version += 1
