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
from workshop.engine import rounds
from workshop.engine.corrections import Corrections
from workshop.engine.decisions import Decisions
from workshop.engine.events import FACILITATOR, Event
from workshop.engine.guesses import Guesses
from workshop.engine.ideas import Room
from workshop.engine.order import AgendaEvents, RunningOrder
from workshop.engine.polls import PollEvents, PollRecord
from workshop.engine.rounds import RoundView
from workshop.engine.snapshot import snapshot
from workshop.engine.text import is_date, name_key, reserved, seconds_at
from workshop.engine.trust import AUTHORED, SIGNED, Authority
from workshop.engine.views import (  # noqa: F401 - where screens and reports have always found them
    HEARTBEAT,
    PRESENT_FOR,
    Ballot,
    Note,
    Participant,
    PollView,
    SessionState,
    StepView,
    Ways,
    qualified,
)


class Fold:
    """The accumulator: apply events in journal order, then ask for the state at any instant."""

    def __init__(self, header: Mapping[str, Any]) -> None:
        self.header = header
        self.plan = thaw(header["agenda"])
        pairs = self.plan.steps
        self.running = RunningOrder(pairs, [qualified(m, s) for m, s in pairs])
        self.qids = self.running.qids  # slot -> qid; inserted breaks add slots
        self.index = self.running.slot  # qid -> slot
        self.round_extra: dict[int, dict[int, int]] = {}  # slot -> round -> seconds given while it ran
        self.round_moved: dict[int, dict[int, float]] = {}  # slot -> round -> step time it was moved to
        self.planned_start: float | None = None
        self.planned = [s.minutes * 60 for _, s in pairs]
        self.extra = [0] * len(pairs)
        self.elapsed = [0.0] * len(pairs)
        self.visited = [False] * len(pairs)
        self.polls = {q: PollRecord(s.poll, i) for i, (q, (_, s)) in enumerate(zip(self.qids, pairs, strict=True))
                      if s.poll is not None}
        self.notes: dict[str, Note] = {}
        self.withdrawn_notes = 0  # notes withdrawn now (engine/corrections.py)
        self.participants: dict[str, tuple[str, float]] = {}  # token -> (name, joined)
        self.last_seen: dict[str, float] = {}
        self.by_name: dict[str, str] = {}  # text.name_key(name) -> the first token that joined with it
        # token -> name, for people whose `join` was lost (a damaged block) or refused: what they
        # wrote still counts, under the name it carries (`carried`)
        self.unjoined: dict[str, str] = {}
        self._unjoined_names: dict[str, str] = {}  # text.name_key(name) -> token, for those
        self.beats: dict[str, float] = {}  # token -> the last time their screen said it is here
        self.proofs: dict[str, str] = {}  # token -> what a rejoin code must give (sessions/people.py)
        self.current: int | None = None
        self.running_since: float | None = None
        self.paused_since: float | None = None
        self.paused_total = 0.0
        self.ended = False
        self.started: float | None = None
        self.ended_at: float | None = None
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
        self.wrong_codes = 0  # wrong join and rejoin codes (engine/guesses.py counts them)
        self._handlers = {name[4:].replace("_", "-"): getattr(self, name)
                          for name in dir(self) if name.startswith("_on_")}
        self.room, self.poll_events, self.guesses = Room(self), PollEvents(self), Guesses(self)
        self.decided = Decisions(self)
        for part in (self.room, self.poll_events, AgendaEvents(self), Corrections(self), self.guesses, self.decided):
            self._handlers.update(part.handlers())

    # ------------------------------------------------------------------ applying events

    def apply_all(self, events: Iterable[Event]) -> Fold:
        """Apply events in journal order. A facilitator event without a valid signature is
        counted and listed, never obeyed; an event dated after `not_after` is read as of then.

        The loop is the fold's cost per event (issue #18): names are bound locally, the clock and
        count are stored once at the end (no handler reads them), and a note, most of a long
        session's events, is applied right here. 100,000 events (78,000 notes) fold in 120 ms,
        against 170 ms through a handler each (benchmarks/run.py report)."""
        handlers, clock, count, limit = self._handlers, self.clock, self.count, self.not_after
        datetime, signed, authored = dt.datetime, SIGNED, AUTHORED
        notes, participants, last_seen = self.notes, self.participants, self.last_seen
        pend = self.trust.pending.append  # each block's checksum, until a signed event covers them
        try:
            for event in events:
                count += 1
                get = event.get
                pend(get("crc", ""))
                kind = get("type")
                if kind == "note":
                    author = get("author", "")
                    if author == FACILITATOR and not self.trust.obeys(event, kind, count - 1, clock):
                        continue
                    at = get("at")
                    t = at.timestamp() if isinstance(at, datetime) else clock
                    if t > limit:
                        t = limit
                        self.clamped += 1
                    if t > clock:
                        clock = t
                    # by the (signed) facilitator or by a participant who joined, shown under the name
                    # they joined with: a note cannot pass for someone else's by what it says it is
                    note_id, text = get("note"), get("text")
                    if type(note_id) is not str or type(text) is not str or type(author) is not str \
                            or note_id in notes:
                        continue
                    name = FACILITATOR if author == FACILITATOR else participants.get(author, ("",))[0] \
                        or self.carried(author, get("name"))
                    if not name:
                        self.unreadable += 1
                        continue
                    step = get("step", "")
                    # tuple.__new__ skips Note's own __new__, a Python function: 78,000 notes 15 ms sooner
                    notes[note_id] = _new_note(Note, (note_id, step if type(step) is str else str(step), author,
                                                      name, text, clock, False, "", "", False, False))
                    if author in last_seen:
                        last_seen[author] = clock
                    continue
                if type(kind) is not str:
                    self.unreadable += 1
                    continue
                if (kind in signed or kind in authored and get("author") == FACILITATOR) \
                        and not self.trust.obeys(event, kind, count - 1, clock):
                    continue
                at = get("at")
                t = at.timestamp() if isinstance(at, datetime) else clock
                if t > limit:
                    t = limit
                    self.clamped += 1
                if t > clock:
                    clock = t
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

    def _settle(self, t: float) -> None:
        """Bank the running step's time up to t."""
        if self.running_since is not None and self.current is not None:
            self.elapsed[self.current] += t - self.running_since
            self.running_since = t

    def _enter(self, index: int, t: float) -> None:
        self._settle(t)
        if self.current is not None and self.current != index:
            left = self.polls.get(self.qids[self.current])
            if left is not None and left.status == "open":
                left.status, left.closed_by = "closed", "moved-on"
        self.current = index
        self.visited[index] = True
        if self.paused_since is None:
            self.running_since = t
        entered = self.polls.get(self.qids[index])
        if entered is not None and (entered.status == "waiting" or entered.closed_by == "moved-on"):
            entered.status, entered.closed_by = "open", ""

    def _on_start(self, event: Event, t: float) -> None:
        to_run = [slot for slot in self.running.order if slot not in self.running.skipped]
        if self.current is None and not self.ended and to_run:
            self.started = t
            self.planned_start = seconds_at(event.get("planned"))
            self._enter(to_run[0], t)

    def _on_goto(self, event: Event, t: float) -> None:
        index = self.index.get(str(event.get("step")))
        if index is not None and not self.ended:
            self.running.skip(index, False)  # a step the facilitator goes to is not skipped
            self._enter(index, t)

    def _step_time(self, slot: int, t: float) -> float:
        """Seconds step `slot` has run by time t."""
        running = self.running_since is not None and slot == self.current
        return self.elapsed[slot] + (t - self.running_since if running and self.running_since is not None else 0.0)

    def rounds_of(self, slot: int) -> tuple[RoundView, ...]:
        step = self.running.pairs[slot][1]
        if not step.rounds:
            return ()
        return rounds.timeline(step.rounds, self.round_extra.get(slot, {}), self.round_moved.get(slot, {}))

    def _on_round(self, event: Event, t: float) -> None:
        """The facilitator moved the room on to the step's next round."""
        slot = self.index.get(str(event.get("step")))
        if slot is None or slot != self.current or self.ended:
            return
        now = rounds.current(self.rounds_of(slot), self._step_time(slot, t))
        if now is not None and event.get("round") == now.index + 1 < len(self.rounds_of(slot)):
            self.round_moved.setdefault(slot, {})[now.index + 1] = self._step_time(slot, t)

    def _on_pause(self, event: Event, t: float) -> None:
        if self.current is not None and self.paused_since is None and not self.ended:
            self._settle(t)
            self.running_since = None
            self.paused_since = t

    def _on_resume(self, event: Event, t: float) -> None:
        if self.paused_since is not None and not self.ended:
            self.paused_total += t - self.paused_since
            self.paused_since = None
            self.running_since = t

    def _on_extend(self, event: Event, t: float) -> None:
        index = self.index.get(str(event.get("step")))
        seconds = event.get("seconds")
        if index is not None and isinstance(seconds, int) and not isinstance(seconds, bool):
            given = max(-self.planned[index], self.extra[index] + seconds) - self.extra[index]
            self.extra[index] += given
            if views := self.rounds_of(index):  # to the round running now (or the last, for a later step)
                now = rounds.current(views, self._step_time(index, t)) if index == self.current else views[-1]
                step = self.running.pairs[index][1]
                rounds.share(step.rounds, self.round_extra.setdefault(index, {}), (now or views[-1]).index, given)

    def _on_end(self, event: Event, t: float) -> None:
        if self.ended:
            return
        self._settle(t)
        self._on_resume(event, t)
        self.running_since = None
        self.ended = True
        self.ended_at = t
        for state in self.polls.values():
            if state.status == "open":
                state.status, state.closed_by = "closed", "ended"

    def _on_join(self, event: Event, t: float) -> None:
        token, name = event.get("participant"), event.get("name")
        if isinstance(token, str) and isinstance(name, str) and token not in self.participants:
            self.participants[token] = (name, t)
            self.last_seen[token] = t
            self.by_name.setdefault(name_key(name), token)
            if isinstance(event.get("proof"), str):
                self.proofs[token] = event["proof"]

    def _on_present(self, event: Event, t: float) -> None:
        token = event.get("participant")
        if isinstance(token, str) and token in self.participants:
            self.beats[token] = t
            self.last_seen[token] = t

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
        if key in self.by_name or key in self._unjoined_names or reserved(name):
            return ""
        self.unjoined[token], self._unjoined_names[key] = name, token
        return name

    def _seen(self, token: str, t: float) -> None:
        if token in self.last_seen:
            self.last_seen[token] = t

    def _on_serve(self, event: Event, t: float) -> None:
        if isinstance(event.get("address"), str):
            self.address = event["address"]
            self.served = self.address or self.served
            self.ways = Ways(self.address, *(str(event.get(key, "")) if self.address else ""
                                             for key in ("certificate", "ssh", "host_key")))

    def _on_action(self, event: Event, t: float) -> None:
        note = self.notes.get(str(event.get("note")))
        if note is None:
            return
        owner, due = event.get("owner", note.owner), event.get("due", note.due)
        owner = owner if type(owner) is str else note.owner
        due = due if type(due) is str and (due == "" or is_date(due)) else note.due  # "": cleared
        edited = note.edited or bool(note.owner or note.due) and (owner, due) != (note.owner, note.due)
        self.notes[note.id] = note._replace(action=bool(event.get("on", True)), owner=owner, due=due, edited=edited)

    # ------------------------------------------------------------------ reading the state

    def participant_named(self, name: str) -> str | None:
        """The token of the participant who joined first under `name` (any case, letters drawn
        alike), if any; the one who joined under exactly `name` first, in a session whose file
        holds names drawn alike from before they counted as one."""
        token = self.by_name.get(name_key(name))
        if token is None or self.participants[token][0].casefold() == name.casefold():
            return token
        exact = (t for t, (joined, _) in self.participants.items() if joined.casefold() == name.casefold())
        return next(exact, token)

    def counted(self, poll_id: str, participant: str) -> Any:
        """The value of `participant`'s counted ballot on a poll (as stored), or None."""
        p = self.polls.get(poll_id)
        entry = None if p is None else p.counted.get(participant)
        return None if entry is None else entry[1].get("value")

    def state(self, now: float | None = None) -> SessionState:
        """The session at `now` (seconds since the epoch; default: the last event's time)."""
        return snapshot(self, self.clock if now is None else max(now, self.clock))

_new_note = tuple.__new__


def fold(header: Mapping[str, Any], events: Iterable[Event], now: float | None = None) -> SessionState:
    """The pure fold: the state of a session with these events at `now`."""
    return Fold(header).apply_all(events).state(now)
