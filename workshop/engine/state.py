"""SessionState = fold(header, events, now): the one truth every view renders.

`Fold` applies events in journal order to a small accumulator; `state(now)` turns it into a
frozen SessionState for an instant. Time comes only from event times and the `now` it is given,
never from ticks, so a facilitator that restarts computes exactly what it showed before, and
replay is the same fold over a prefix of the events with a virtual `now`.

Event times come from several processes' clocks; the fold never lets time run backwards.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from workshop.content.frozen import thaw
from workshop.engine.context import Context, Handler
from workshop.engine.corrections import Corrections
from workshop.engine.decisions import Decisions
from workshop.engine.events import FACILITATOR, Event
from workshop.engine.guesses import Guesses
from workshop.engine.notes import Notes
from workshop.engine.order import AgendaEvents, RunningOrder
from workshop.engine.people import People
from workshop.engine.polls import PollEvents, PollRecord
from workshop.engine.room_fold import Contributions
from workshop.engine.snapshot import snapshot
from workshop.engine.timing import Timing
from workshop.engine.trust import AUTHORED, SIGNED, Authority
from workshop.engine.views import Note, SessionState, qualified
from workshop.engine.ways import Ways


class Fold:
    """The accumulator: apply events in journal order, then ask for the state at any instant.

    It is made of parts (`context.Part`), each holding its own fields and applying its own event
    types: the running order and its changes (`running`, `agenda`), time (`timing`), who joined
    (`people`), polls (`poll_events`), notes (`notebook`), the room's contributions (`room`),
    corrections, wrong codes (`guesses`) and decisions (`decided`). What they share is the `context`: the
    running step, the end, and when each participant was last seen. The fold itself keeps the
    clock, the count and the signatures (`trust`)."""

    def __init__(self, header: Mapping[str, Any]) -> None:
        self.header = header
        self.plan = thaw(header["agenda"])
        pairs = self.plan.steps
        self.context = context = Context()
        self.running = running = RunningOrder(pairs, [qualified(m, s) for m, s in pairs])
        self.people = people = People(context)
        self.poll_events = polls = PollEvents(context, running, people)
        self.timing = Timing(context, running, polls)
        self.agenda = AgendaEvents(context, running, self.timing.add_step)
        self.notebook = Notes()
        self.room = Contributions(context, running, people, polls)
        self.corrections = Corrections(context, running, people, self.notebook, self.room, polls)
        self.guesses = Guesses()
        self.decided = Decisions(context, running, people)
        self.clock = 0.0  # the latest event time seen: time never runs backwards
        # No event is read as later than this (seconds since the epoch): whoever opens the file
        # sets it from the file's time or the wall clock, so one line dated 2099 cannot freeze
        # every timer (events past it are `clamped`).
        self.not_after = math.inf
        self.clamped = 0
        self.trust = Authority(header)  # which facilitator events are obeyed, and the chain they form
        self.forged = self.trust.forged  # facilitator events without a valid signature, or copies
        self.unreadable = 0  # events of a shape no writer makes (a list for a type, a table for a value)
        self.count = 0
        self.address = ""
        self.served = ""
        self.ways = Ways()  # every way in `serve` runs now
        self._handlers = handler_table(
            self.timing.handlers(),
            self.agenda.handlers(),
            self.people.handlers(),
            polls.handlers(),
            self.notebook.handlers(),
            self.room.handlers(),
            self.corrections.handlers(),
            self.guesses.handlers(),
            self.decided.handlers(),
            {"serve": self._on_serve},
        )

    # ------------------------------------------------------------------ applying events

    def apply_all(self, events: Iterable[Event]) -> Fold:
        """Apply events in journal order. A facilitator event without a valid signature is
        counted and listed, never obeyed; an event dated after `not_after` is read as of then.

        The loop is the fold's cost per event: names are bound locally, the clock and count are
        stored once at the end (no handler reads them), and a note, most of a long session's
        events, is applied right here, which is faster than through a handler (measured in
        docs/architecture.md, Speed)."""
        handlers, clock, count, limit = self._handlers, self.clock, self.count, self.not_after
        datetime, signed, authored = dt.datetime, SIGNED, AUTHORED
        notes, participants, last_seen = self.notebook.by_id, self.people.participants, self.context.last_seen
        carried = self.people.carried
        pend = self.trust.pending.append  # each block's checksum, until a signed event covers them
        try:
            for event in events:
                count += 1
                get = event.get
                pend(get("crc", ""))
                kind = get("type")
                if is_note := kind == "note":
                    author = get("author", "")
                    if author == FACILITATOR and not self.trust.obeys(event, kind, count - 1, clock):
                        continue
                elif type(kind) is not str:
                    self.unreadable += 1
                    continue
                elif (kind in signed or kind in authored and get("author") == FACILITATOR) and not self.trust.obeys(
                    event, kind, count - 1, clock
                ):
                    continue
                at = get("at")
                t = at.timestamp() if isinstance(at, datetime) else clock
                if t > limit:
                    t = limit
                    self.clamped += 1
                if t > clock:
                    clock = t
                if is_note:
                    # by the (signed) facilitator or by a participant who joined, shown under the name
                    # they joined with: a note cannot pass for someone else's by what it says it is
                    note_id, text = get("note"), get("text")
                    if type(note_id) is not str or type(text) is not str or type(author) is not str or note_id in notes:
                        continue
                    name = (
                        FACILITATOR
                        if author == FACILITATOR
                        else participants.get(author, ("",))[0] or carried(author, get("name"))
                    )
                    if not name:
                        self.unreadable += 1
                        continue
                    step = get("step", "")
                    # tuple.__new__ skips Note's own __new__, a Python function called per note
                    notes[note_id] = _new_note(
                        Note,
                        (
                            note_id,
                            step if type(step) is str else str(step),
                            author,
                            name,
                            text,
                            clock,
                            False,
                            "",
                            "",
                            False,
                            False,
                        ),
                    )
                    if author in last_seen:
                        last_seen[author] = clock
                    continue
                handler = handlers.get(kind)
                if handler is not None:
                    try:
                        handler(event, clock)
                    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
                        self.unreadable += 1  # a hand-made event of a shape no writer makes: it counts for nothing
        finally:
            self.clock, self.count = clock, count
        return self

    def apply(self, event: Event) -> None:
        self.apply_all((event,))

    def _on_serve(self, event: Event, t: float) -> None:
        if isinstance(event.get("address"), str):
            self.address = event["address"]
            self.served = self.address or self.served
            self.ways = Ways(
                self.address,
                *(str(event.get(key, "")) if self.address else "" for key in ("certificate", "ssh", "host_key")),
            )

    # ------------------------------------------------------------------ reading the state

    @property
    def participants(self) -> Mapping[str, tuple[str, float]]:
        """token -> (name, joined), for everyone who joined."""
        return self.people.participants

    @property
    def proofs(self) -> Mapping[str, str]:
        """token -> what their rejoin code must give."""
        return self.people.proofs

    @property
    def notes(self) -> Mapping[str, Note]:
        """The notes by id, withdrawn ones too."""
        return self.notebook.by_id

    @property
    def polls(self) -> Mapping[str, PollRecord]:
        """The polls by step, as the fold has them so far."""
        return self.poll_events.polls

    def participant_named(self, name: str) -> str | None:
        """The token of the participant who joined first under `name` (people.py)."""
        return self.people.named(name)

    def counted(self, poll_id: str, participant: str) -> Any:
        """The value of `participant`'s counted ballot on a poll (as stored), or None."""
        return self.poll_events.counted(poll_id, participant)

    def state(self, now: float | None = None) -> SessionState:
        """The session at `now` (seconds since the epoch; default: the last event's time)."""
        return snapshot(self, self.clock if now is None else max(now, self.clock))


def handler_table(*tables: Mapping[str, Handler]) -> dict[str, Handler]:
    """Event type -> the one handler that applies it, from each part's table."""
    merged: dict[str, Handler] = {}
    for table in tables:
        for kind, handler in table.items():
            if kind in merged:
                raise ValueError(f"two parts of the fold apply {kind!r} events")
            merged[kind] = handler
    return merged


_new_note = tuple.__new__


def fold(header: Mapping[str, Any], events: Iterable[Event], now: float | None = None) -> SessionState:
    """The pure fold: the state of a session with these events at `now`."""
    return Fold(header).apply_all(events).state(now)
