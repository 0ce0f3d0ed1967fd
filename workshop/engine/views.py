"""What the fold gives every screen and report: the session at an instant (`SessionState`) and
its parts (`StepView`, `PollView`, `Note`, `Participant`), frozen, with the rules that read
across them (drift, who has voted). `state.py` builds them; nothing here changes a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from workshop.content.model import Module, Plan, Poll, Step
from workshop.engine import rounds
from workshop.engine.decisions import RecordView
from workshop.engine.ideas import RoomView
from workshop.engine.lookalikes import same_name
from workshop.engine.rounds import RoundView
from workshop.engine.tally import Tally, tally
from workshop.engine.ways import Ways
from workshop.i18n import _

# A participant's screen says it is here about once a minute (HEARTBEAT, in tui/); one that has
# not said so for longer than this has gone (closed without saying, or its host went away).
HEARTBEAT = 60.0
PRESENT_FOR = 2.5 * HEARTBEAT


def qualified(module: Module, step: Step) -> str:
    return f"{module.id}/{step.id}"


@dataclass(frozen=True)
class StepView:
    qid: str
    index: int
    module: Module
    spec: Step  # what the agenda says of it (title, kind, prompt, poll)
    planned: int  # seconds, as the agenda planned them
    extra: int  # seconds added (or taken away) by the facilitator
    elapsed: float  # seconds this step has run, over all its visits
    visited: bool
    skipped: bool = False  # the facilitator skipped it: it will not run
    inserted: bool = False  # a break added on the day: not in the agenda's plan
    rounds: tuple[RoundView, ...] = ()  # its rounds, when it has them (engine/rounds.py)

    @property
    def allowed(self) -> int:
        return max(0, self.planned + self.extra)

    @property
    def end(self) -> float:
        """Seconds into the step it ends: its time, less what moving rounds on early saved."""
        return self.rounds[-1].end if self.rounds else self.allowed

    @property
    def remaining(self) -> float:
        """Seconds left; negative once in overtime."""
        return self.end - self.elapsed

    @property
    def round(self) -> RoundView | None:
        """The round running now, when the step has rounds."""
        return rounds.current(self.rounds, self.elapsed)

    @property
    def round_words(self) -> str:
        """'Speaker B · round 2 of 3', or '' for a step without rounds: every screen's words."""
        now = self.round
        return (
            ""
            if now is None
            else _("{label} · round {index} of {rounds}").format(
                label=now.label, index=now.index + 1, rounds=len(self.rounds)
            )
        )

    @property
    def overtime(self) -> float:
        return max(0.0, -self.remaining)


class Ballot(NamedTuple):
    participant: str  # a participant token, or for an anonymous poll a per-poll token
    name: str  # "" on an anonymous poll
    value: tuple[Any, ...]
    at: float
    via: str = ""  # "kiosk": cast at the kiosk


@dataclass(frozen=True)
class PollView:
    qid: str
    index: int  # of its step
    poll: Poll
    status: str  # "waiting" (its step has not started), "open", "closed"
    revealed: bool
    late: int  # ballots that arrived while the poll was not open: not counted
    invalid: int  # ballots that break the poll's rules (a hand-edited file): not counted
    resets: int
    wordings: tuple[str, ...] = ()  # the question each earlier round voted on (a revote may reword it)
    reworded: bool = False  # the question was reworded on the day (`wording`, or a revote's `wording`)
    # What the fold had counted when the state was taken, as it holds it: (token, (time, event))
    # per counted ballot, each earlier round's values, and the orphans. Ballots and tallies are
    # built from these only when asked: a verb checking a poll needs neither (docs/architecture.md,
    # "A room of 1,000 phones").
    counted_items: tuple[tuple[str, tuple[float, Any]], ...] = field(default=(), repr=False)
    earlier_values: tuple[tuple[Any, ...], ...] = field(default=(), repr=False)
    orphan_items: tuple[tuple[str, tuple[float, Any]], ...] = field(default=(), repr=False)

    @cached_property
    def ballots(self) -> tuple[Ballot, ...]:
        """Counted: the latest from each participant since the last reset."""
        return _ballots(self.counted_items)

    @cached_property
    def tally(self) -> Tally:
        return tally(self.poll, [b.value for b in self.ballots])

    @cached_property
    def rounds(self) -> tuple[Tally, ...]:
        """Earlier rounds' results, when the facilitator called a revote."""
        return tuple(tally(self.poll, values) for values in self.earlier_values)

    @cached_property
    def orphans(self) -> tuple[Ballot, ...]:
        """Ballots kept but not counted: its options (from ideas) were never set, or their event was lost."""
        return _ballots(self.orphan_items)

    @property
    def at_kiosk(self) -> int:
        """How many people's counted ballots were cast at the kiosk (one each: a person has one)."""
        return sum(1 for ballot in self.ballots if ballot.via == "kiosk")

    @property
    def round(self) -> int:
        """Which round of voting this is: 1, or more after a revote."""
        return len(self.rounds) + 1

    @property
    def visible(self) -> bool:
        """Whether participants may see the results now, by the poll's reveal policy."""
        reveal = self.poll.reveal
        return self.revealed or reveal == "live" or (reveal == "on-close" and self.status == "closed")


class Note(NamedTuple):
    id: str
    step: str
    author: str  # participant token or "facilitator"
    name: str
    text: str
    at: float
    action: bool
    owner: str = ""  # an action item's owner, when the facilitator named one
    due: str = ""  # its due date, YYYY-MM-DD
    edited: bool = False  # its text, owner or due date was corrected (engine/corrections.py)
    withdrawn: bool = False  # taken back: a state lists only notes not withdrawn


class Participant(NamedTuple):
    token: str
    name: str
    joined: float
    last_seen: float


@dataclass(frozen=True)
class SessionState:
    id: str
    title: str
    code: str
    plan: Plan
    now: float
    status: str  # "waiting", "running", "paused", "ended"
    current: int | None
    steps: tuple[StepView, ...]
    polls: Mapping[str, PollView]
    notes: tuple[Note, ...]
    # token -> (name, joined) and token -> last seen, copied from the fold: `participants` is
    # built from them only when asked (a big room's list per state costs more than a vote)
    joined: Mapping[str, tuple[str, float]]
    seen: Mapping[str, float]
    paused_seconds: float
    events: int
    address: str = ""  # where browsers join, once `workshop serve` runs
    served: str = ""  # the last address `serve` announced, kept once it stops (the report shows it)
    ways: Ways = Ways()  # every way in `serve` runs now: the address, the ssh command, their fingerprints
    forged: tuple[tuple[str, float], ...] = ()  # (type, time) of facilitator events not signed by the facilitator
    unjoined: tuple[str, ...] = ()  # names of people whose join was lost (damaged or refused): their events count
    breaks: tuple[tuple[int, str], ...] = ()  # (event number from 0, what) per break in the signed chain
    clamped: int = 0  # events dated after the file was last written, read as of then
    beats: Mapping[str, float] = field(default_factory=dict)  # token -> when their screen last said it is here
    wrong_codes: int = 0  # wrong join and rejoin codes (and kiosk PINs) typed on every way in
    facilitator: str = ""
    started: float | None = None  # when the facilitator started it
    ended: float | None = None  # when it ended
    planned_start: float | None = None  # when the agenda meant it to start (engine/forecast.py)
    room: RoomView = RoomView()  # ideas, questions, hands and reactions (engine/ideas.py)
    record: RecordView = RecordView()  # decisions, and a follow-up's carried actions (engine/decisions.py)
    follows: str = ""  # the session this one follows up (its id), for a follow-up

    @property
    def step(self) -> StepView | None:
        return None if self.current is None else self.steps[self.current]

    @cached_property
    def participants(self) -> tuple[Participant, ...]:
        seen = self.seen
        return tuple(Participant(token, name, joined, seen[token]) for token, (name, joined) in self.joined.items())

    @cached_property
    def here(self) -> frozenset[str]:
        """Tokens of participants whose screen is here now."""
        return frozenset(t for t, beat in self.beats.items() if self.now - beat <= PRESENT_FOR)

    @property
    def poll(self) -> PollView | None:
        """The poll of the current step, if it has one."""
        step = self.step
        return None if step is None else self.polls.get(step.qid)

    def step_by_id(self, ref: str) -> StepView | None:
        """A step by `module/step`, or by its bare step id when that is unambiguous."""
        exact = [s for s in self.steps if s.qid == ref]
        loose = [s for s in self.steps if s.spec.id == ref]
        found = exact or loose
        return found[0] if len(found) == 1 else None

    def step_drift(self, s: StepView) -> float | None:
        """Seconds step `s` put the session behind the agenda's plan (negative: ahead), or None
        while it does not count yet. The plan is the agenda's minutes: extending a step does
        not move the schedule, running over does. The current step of a live session counts
        only once it runs over (it may still end on time); a step never visited counts nothing
        while the session is live (it is still to come) and, once it has ended, as skipped:
        none of its planned minutes were spent, so it puts the session that much ahead."""
        if s.skipped:
            return None  # skipped on purpose: not run, and not counted as ahead
        planned = 0 if s.inserted else s.planned  # an inserted break was never in the plan
        if s.index == self.current and self.status != "ended":
            return s.elapsed if s.inserted else max(0.0, s.elapsed - planned)
        if s.visited or (self.status == "ended" and not s.inserted):
            return s.elapsed - planned
        return None

    @property
    def late_start(self) -> float:
        """Seconds the session started after the agenda meant it to. An early start counts
        nothing: the plan then runs from when it began (a rehearsal, or a room that was ready)."""
        if self.started is None or self.planned_start is None:
            return 0.0
        return max(0.0, self.started - self.planned_start)

    @property
    def plan_start(self) -> float | None:
        """When the plan runs from: the planned start, or the start if that came earlier."""
        if self.planned_start is None or self.started is not None and self.started < self.planned_start:
            return self.started
        return self.planned_start

    @property
    def drift(self) -> float:
        """Seconds behind the agenda (negative: ahead): a late start, every step's `step_drift`,
        and the time spent paused. The report's agenda table adds up to exactly this."""
        steps = sum(d for s in self.steps if (d := self.step_drift(s)) is not None)
        return self.late_start + self.paused_seconds + steps

    def all_voted(self, poll: PollView) -> bool:
        """Every participant present now has a counted ballot on `poll`."""
        if not self.here:
            return False
        if poll.poll.anonymous:
            return len(poll.ballots) >= len(self.here)
        voted = {b.participant for b in poll.ballots}
        return self.here <= voted

    def not_voted(self, poll: PollView) -> list[str]:
        """The names of participants present now without a counted ballot on a named poll."""
        voted = {b.participant for b in poll.ballots}
        return sorted(
            (p.name for p in self.participants if p.token in self.here and p.token not in voted), key=str.casefold
        )

    def participant_named(self, name: str) -> Participant | None:
        return next((p for p in self.participants if same_name(p.name, name)), None)


def _ballots(counted: tuple[tuple[str, tuple[float, Any]], ...]) -> tuple[Ballot, ...]:
    return tuple(
        Ballot(token, str(e.get("name", "")), tuple(e["value"]), t, str(e.get("via", ""))) for token, (t, e) in counted
    )
