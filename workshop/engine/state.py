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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop.content.frozen import thaw
from workshop.content.model import Poll, Step
from workshop.engine import ballots, rounds
from workshop.engine.events import FACILITATOR, Event
from workshop.engine.ideas import Room
from workshop.engine.order import BREAK_PROMPT, INSERTED_KINDS, RunningOrder
from workshop.engine.rounds import RoundView
from workshop.engine.tally import tally
from workshop.engine.text import is_date
from workshop.engine.trust import SIGNED, verifier
from workshop.engine.views import (  # noqa: F401 - where screens and reports have always found them
    HEARTBEAT,
    PRESENT_FOR,
    Ballot,
    Note,
    Participant,
    PollView,
    SessionState,
    StepView,
    qualified,
)


@dataclass
class _Poll:
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
        self.polls = {q: _Poll(s.poll, i) for i, (q, (_, s)) in enumerate(zip(self.qids, pairs, strict=True))
                      if s.poll is not None}
        self.notes: dict[str, Note] = {}
        self.participants: dict[str, tuple[str, float]] = {}  # token -> (name, joined)
        self.last_seen: dict[str, float] = {}
        self.by_name: dict[str, str] = {}  # casefolded name -> the first token that joined with it
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
        self.forged: list[tuple[str, float]] = []  # facilitator events without a valid signature
        self._signatures: set[str] = set()  # each signed event counts once: a copy appended later is forged
        self.unreadable = 0  # events of a shape no writer makes (a list for a type, a table for a value)
        self._verify = verifier(header.get("facilitator_key"))
        self.count = 0
        self.address = ""
        self.served = ""
        self._valid: dict[tuple[str, tuple[Any, ...]], bool] = {}
        self.wrong_codes = 0
        self._handlers = {name[4:].replace("_", "-"): getattr(self, name) for name in dir(self) if name.startswith("_on_")}
        self.room = Room(self)
        self._handlers.update(self.room.handlers())

    # ------------------------------------------------------------------ applying events

    def apply_all(self, events: Iterable[Event]) -> Fold:
        """Apply events in journal order. A facilitator event without a valid signature is
        counted and listed, never obeyed; an event dated after `not_after` is read as of then.

        The loop is the fold's cost per event (issue #18): names are bound locally, the clock and
        count are stored once at the end (no handler reads them), and a note, most of a long
        session's events, is applied right here. 100,000 events (78,000 notes) fold in 120 ms,
        against 170 ms through a handler each (benchmarks/run.py report)."""
        handlers, clock, count, limit, verify = self._handlers, self.clock, self.count, self.not_after, self._verify
        seen, datetime, signed = self._signatures, dt.datetime, SIGNED
        notes, participants, last_seen = self.notes, self.participants, self.last_seen
        try:
            for event in events:
                count += 1
                get = event.get
                kind = get("type")
                if kind == "note":
                    author = get("author", "")
                    if author == FACILITATOR:
                        sig = get("sig")
                        if not verify(event) or type(sig) is str and sig in seen:  # unsigned, or appended again
                            self.forged.append((kind, clock))
                            continue
                        if type(sig) is str:
                            seen.add(sig)
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
                    name = FACILITATOR if author == FACILITATOR else participants.get(author, ("",))[0]
                    if not name:
                        self.unreadable += 1
                        continue
                    step = get("step", "")
                    # tuple.__new__ skips Note's own __new__, a Python function: 78,000 notes 15 ms sooner
                    notes[note_id] = _new_note(Note, (note_id, step if type(step) is str else str(step), author,
                                                      name, text, clock, False, "", ""))
                    if author in last_seen:
                        last_seen[author] = clock
                    continue
                if type(kind) is not str:
                    self.unreadable += 1
                    continue
                if kind in signed:
                    sig = get("sig")
                    if not verify(event) or type(sig) is str and sig in seen:  # unsigned, or appended again
                        self.forged.append((kind, clock))
                        continue
                    if type(sig) is str:
                        seen.add(sig)
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
            self.planned_start = _moment(event.get("planned"))
            self._enter(to_run[0], t)

    def _on_goto(self, event: Event, t: float) -> None:
        index = self.index.get(str(event.get("step")))
        if index is not None and not self.ended:
            self.running.skip(index, False)  # a step the facilitator goes to is not skipped
            self._enter(index, t)

    # ------------------------------------------------------------------ the agenda changed live

    def _changeable(self, event: Event, key: str = "step") -> int | None:
        """The slot of a step that has not run yet (only those can be skipped or moved)."""
        slot = self.index.get(str(event.get(key)))
        if slot is None or self.visited[slot] or slot == self.current or self.ended:
            return None
        return slot

    def _on_skip(self, event: Event, t: float) -> None:
        if (slot := self._changeable(event)) is not None:
            self.running.skip(slot, bool(event.get("on", True)))

    def _on_move(self, event: Event, t: float) -> None:
        slot, after = self._changeable(event), event.get("after", "")
        if slot is not None and (after == "" or after in self.index):
            self.running.move(slot, self.index[after] if after else None)

    def _on_insert(self, event: Event, t: float) -> None:
        """A step added on the day: a break, or a notes step (an objections round)."""
        qid, minutes, after = event.get("step"), event.get("minutes"), event.get("after", "")
        kind, title, prompt = event.get("kind", "break"), event.get("title", "Break"), event.get("prompt", "")
        if (type(qid) is not str or qid in self.index or type(minutes) is not int or not 1 <= minutes <= 120
                or self.ended or not (after == "" or after in self.index) or kind not in INSERTED_KINDS
                or type(title) is not str or type(prompt) is not str):
            return
        step = Step(qid.rpartition("/")[2], title, kind, minutes, prompt or BREAK_PROMPT.format(minutes=minutes))
        self.running.insert(qid, step, self.index[after] if after else None)
        self.planned.append(minutes * 60)
        self.extra.append(0)
        self.elapsed.append(0.0)
        self.visited.append(False)

    def _step_time(self, slot: int, t: float) -> float:
        """Seconds step `slot` has run by time t."""
        running = self.running_since is not None and slot == self.current
        return self.elapsed[slot] + (t - self.running_since if running and self.running_since is not None else 0.0)

    def _rounds(self, slot: int) -> tuple[RoundView, ...]:
        step = self.running.pairs[slot][1]
        if not step.rounds:
            return ()
        return rounds.timeline(step.rounds, self.round_extra.get(slot, {}), self.round_moved.get(slot, {}))

    def _on_round(self, event: Event, t: float) -> None:
        """The facilitator moved the room on to the step's next round."""
        slot = self.index.get(str(event.get("step")))
        if slot is None or slot != self.current or self.ended:
            return
        now = rounds.current(self._rounds(slot), self._step_time(slot, t))
        if now is not None and event.get("round") == now.index + 1 < len(self._rounds(slot)):
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
            if views := self._rounds(index):  # to the round running now (or the last, for a later step)
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

    def _poll_of(self, event: Event) -> _Poll | None:
        return self.polls.get(str(event.get("poll")))

    def _on_close(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None and p.status == "open":
            p.status, p.closed_by = "closed", "facilitator"

    def _on_reopen(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None and p.status == "closed" and not self.ended:
            p.status, p.closed_by = "open", ""

    def _on_reset(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None:
            p.resets += 1
            p.counted = {}
            p.revealed = False

    def _on_revote(self, event: Event, t: float) -> None:
        """A new round of the poll: this round's ballots are kept as its result, and everyone
        votes again (after a consent poll's objections, or on the top options of a dot vote)."""
        p = self._poll_of(event)
        if p is None or self.ended or p.index != self.current:
            return
        p.earlier.append(tuple(e["value"] for _, e in p.counted.values()))
        p.counted = {}
        p.revealed = False
        p.status, p.closed_by = "open", ""

    def _on_reveal(self, event: Event, t: float) -> None:
        if (p := self._poll_of(event)) is not None:
            p.revealed = True

    def _on_join(self, event: Event, t: float) -> None:
        token, name = event.get("participant"), event.get("name")
        if isinstance(token, str) and isinstance(name, str) and token not in self.participants:
            self.participants[token] = (name, t)
            self.last_seen[token] = t
            self.by_name.setdefault(name.casefold(), token)
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

    def _on_wrong_code(self, event: Event, t: float) -> None:
        self.wrong_codes += 1

    def _seen(self, token: str, t: float) -> None:
        if token in self.last_seen:
            self.last_seen[token] = t

    def _on_ballot(self, event: Event, t: float) -> None:
        poll_id, token = event.get("poll"), event.get("participant")
        p = self.polls.get(poll_id if type(poll_id) is str else str(poll_id))
        if p is None or not isinstance(token, str):
            return
        if token in self.last_seen:
            self.last_seen[token] = t
        if p.status != "open":
            p.late += 1
            return
        value = event.get("value")
        key = (poll_id if type(poll_id) is str else str(poll_id), tuple(value) if isinstance(value, list) else ())
        valid = self._valid.get(key)
        if valid is None:
            try:
                valid = isinstance(value, list) and ballots.check(p.poll, value) == value
            except ballots.BallotError:
                valid = False
            self._valid[key] = valid
        if not valid:
            p.invalid += 1
            return
        p.counted.pop(token, None)  # a new ballot replaces the old and moves to the end
        p.counted[token] = (t, event)

    def _on_serve(self, event: Event, t: float) -> None:
        if isinstance(event.get("address"), str):
            self.address = event["address"]
            self.served = self.address or self.served

    def _on_action(self, event: Event, t: float) -> None:
        note = self.notes.get(str(event.get("note")))
        if note is None:
            return
        owner, due = event.get("owner", note.owner), event.get("due", note.due)
        self.notes[note.id] = note._replace(action=bool(event.get("on", True)),
                                            owner=owner if type(owner) is str else note.owner,
                                            due=due if type(due) is str and is_date(due) else note.due)

    # ------------------------------------------------------------------ reading the state

    def participant_named(self, name: str) -> str | None:
        """The token of the participant who joined first under `name` (any case), if any."""
        return self.by_name.get(name.casefold())

    def counted(self, poll_id: str, participant: str) -> Any:
        """The value of `participant`'s counted ballot on a poll (as stored), or None."""
        p = self.polls.get(poll_id)
        entry = None if p is None else p.counted.get(participant)
        return None if entry is None else entry[1].get("value")

    def state(self, now: float | None = None) -> SessionState:
        """The session at `now` (seconds since the epoch; default: the last event's time)."""
        now = self.clock if now is None else max(now, self.clock)
        elapsed = list(self.elapsed)
        if self.running_since is not None and self.current is not None:
            elapsed[self.current] += now - self.running_since
        paused = self.paused_total + (now - self.paused_since if self.paused_since is not None else 0.0)
        order, skipped, inserted = self.running.order, self.running.skipped, self.running.inserted
        position = {slot: i for i, slot in enumerate(order)}
        steps = tuple(
            StepView(self.qids[slot], i, *self.running.pairs[slot], self.planned[slot], self.extra[slot],
                     elapsed[slot], self.visited[slot], slot in skipped, slot in inserted, self._rounds(slot))
            for i, slot in enumerate(order)
        )
        polls = _PollViews({q: (position[p.index], p.poll, p.status, p.revealed, tuple(p.counted.items()), p.late,
                                p.invalid, p.resets, tuple(p.earlier)) for q, p in self.polls.items()})
        if self.ended:
            status = "ended"
        elif self.current is None:
            status = "waiting"
        else:
            status = "paused" if self.paused_since is not None else "running"
        return SessionState(
            id=str(self.header.get("id", "")), title=str(self.header.get("title", "")),
            code=str(self.header.get("code", "")), plan=self.plan, now=now, status=status,
            current=None if self.current is None else position[self.current], steps=steps, polls=polls,
            notes=tuple(self.notes.values()),
            participants=tuple(Participant(token, name, joined, self.last_seen[token])
                               for token, (name, joined) in self.participants.items()),
            paused_seconds=paused, events=self.count, address=self.address, served=self.served,
            forged=tuple(self.forged),
            clamped=self.clamped, here=frozenset(t for t, beat in self.beats.items() if now - beat <= PRESENT_FOR),
            wrong_codes=self.wrong_codes,
            facilitator=str(self.header.get("facilitator", "")), started=self.started, ended=self.ended_at,
            room=self.room.view(),
            planned_start=self.planned_start,
        )



class _PollViews(Mapping[str, PollView]):
    """A state's polls, each built (ballots, tally) only when someone looks at it, from a
    snapshot taken with the state: a screen shows one poll, and a verb checks one, so building
    every poll's tally on every state cost most of a vote's time under the lock."""

    def __init__(self, snapshot: dict[str, tuple[Any, ...]]) -> None:
        self._snapshot = snapshot
        self._views: dict[str, PollView] = {}

    def __getitem__(self, qid: str) -> PollView:
        view = self._views.get(qid)
        if view is None:
            view = self._views[qid] = _poll_view(qid, *self._snapshot[qid])
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshot)

    def __len__(self) -> int:
        return len(self._snapshot)


def _poll_view(qid: str, index: int, poll: Poll, status: str, revealed: bool,
               counted_items: tuple[tuple[str, tuple[float, Event]], ...], late: int, invalid: int,
               resets: int, earlier: tuple[tuple[Any, ...], ...] = ()) -> PollView:
    counted = tuple(Ballot(token, str(e.get("name", "")), tuple(e["value"]), t) for token, (t, e) in counted_items)
    return PollView(qid, index, poll, status, revealed, counted, late, invalid, resets,
                    tally(poll, [b.value for b in counted]), tuple(tally(poll, values) for values in earlier))


_new_note = tuple.__new__


def _moment(value: object) -> float | None:
    """An ISO 8601 time with its offset (as `start` carries `planned`), in seconds; None if not one."""
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        return None
    return moment.timestamp()


def fold(header: Mapping[str, Any], events: Iterable[Event], now: float | None = None) -> SessionState:
    """The pure fold: the state of a session with these events at `now`."""
    return Fold(header).apply_all(events).state(now)
