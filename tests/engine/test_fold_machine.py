"""Random sessions through the fold: control actions, ballots and notes in any order, with a
virtual clock, checking what a facilitator and participants rely on after every step."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.support import polls_plan
from workshop.content.frozen import freeze
from workshop.engine import ballots
from workshop.engine.state import Fold
from workshop.engine.tally import normalise
from workshop.engine.views import SessionState

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC).timestamp()
PLAN = polls_plan()
HEADER = {"id": "m", "title": "Machine", "code": "ABCDEF", "agenda": freeze(PLAN)}
PEOPLE = [f"p{i}" for i in range(5)]
OPTIONS = ["Coaching", "Planning", "Quality", "Trust", "Goals", "Change", "Letting go", "Nope"]


def raw_values() -> st.SearchStrategy[list]:
    """Ballot values of every shape, valid for some polls and not others."""
    return st.one_of(
        st.lists(st.sampled_from(OPTIONS), max_size=7),
        st.lists(st.integers(-2, 8), min_size=1, max_size=2),
        st.lists(st.sampled_from(["Coaching", "coaching.", "  COACHING ", "", "speed"]), min_size=1, max_size=1),
    )


class SessionMachine(RuleBasedStateMachine):
    @initialize()
    def begin(self) -> None:
        self.fold = Fold(HEADER)
        self.now = T0
        self.events: list[dict] = []
        self.expected: dict[str, dict[str, tuple]] = {}  # poll -> participant -> counted value
        self.before: SessionState | None = None
        self.last_action = "none"

    def _apply(self, type_: str, **fields: object) -> None:
        event = {"type": type_, "at": dt.datetime.fromtimestamp(self.now, dt.UTC), **fields}
        self.events.append(event)
        self.before = self.fold.state(self.now)
        self.fold.apply(event)
        self.last_action = type_

    def state(self) -> SessionState:
        return self.fold.state(self.now)

    @rule(seconds=st.floats(0, 900))
    def time_passes(self, seconds: float) -> None:
        self.before = self.state()
        self.now += seconds
        self.last_action = "time"
        after = self.state()
        step_before, step_after = self.before.step, after.step
        if step_before is None:
            return
        # time is data: with nothing happening, remaining time falls exactly as the clock moves,
        # and a paused or ended timer does not move at all
        moved = step_before.remaining - step_after.remaining
        if self.before.status == "running":
            assert abs(moved - seconds) < 1e-6
        else:
            assert moved == 0

    @rule(action=st.sampled_from(["start", "pause", "resume", "end"]))
    def control(self, action: str) -> None:
        self._apply(action)

    @rule(index=st.integers(0, len(PLAN.steps) - 1))
    def goto(self, index: int) -> None:
        module, step = PLAN.steps[index]
        self._apply("goto", step=f"{module.id}/{step.id}")

    @rule(minutes=st.integers(-3, 3))
    def extend(self, minutes: int) -> None:
        step = self.state().step
        if step is not None:
            self._apply("extend", step=step.qid, seconds=minutes * 60)

    @rule(action=st.sampled_from(["close", "reopen", "reset", "reveal"]), data=st.data())
    def poll_action(self, action: str, data: st.DataObject) -> None:
        poll = data.draw(st.sampled_from(sorted(self.state().polls)))
        self._apply(action, poll=poll)
        if action == "reset":
            self.expected[poll] = {}

    @rule(who=st.sampled_from(PEOPLE), value=raw_values(), data=st.data())
    def ballot(self, who: str, value: list, data: st.DataObject) -> None:
        poll_id = data.draw(st.sampled_from(sorted(self.state().polls)))
        view = self.state().polls[poll_id]
        try:
            ok = ballots.check(view.poll, value) == value
        except ballots.BallotError:
            ok = False
        self._apply("ballot", poll=poll_id, participant=who, name=who, value=value)
        if view.status == "open" and ok:
            mine = self.expected.setdefault(poll_id, {})
            mine.pop(who, None)
            mine[who] = tuple(value)

    @rule(who=st.sampled_from(PEOPLE))
    def join(self, who: str) -> None:
        self._apply("join", participant=who, name=who.upper())

    @precondition(lambda self: self.state().step is not None)
    @rule(text=st.text(max_size=30))
    def note(self, text: str) -> None:
        self._apply(
            "note",
            note=f"n{len(self.events)}",
            step=self.state().step.qid,
            author="facilitator",
            name="facilitator",
            text=text,
        )

    # ------------------------------------------------------------------ invariants

    @invariant()
    def one_counted_ballot_per_participant_per_poll(self) -> None:
        for view in self.state().polls.values():
            voters = [b.participant for b in view.ballots]
            assert len(voters) == len(set(voters))

    @invariant()
    def counted_ballots_are_the_last_valid_ones_cast_while_open(self) -> None:
        for poll_id, view in self.state().polls.items():
            assert {b.participant: b.value for b in view.ballots} == self.expected.get(poll_id, {})

    @invariant()
    def dot_budgets_and_caps_hold(self) -> None:
        for view in self.state().polls.values():
            if view.poll.vote != "dots":
                continue
            for b in view.ballots:
                assert 1 <= len(b.value) <= view.poll.budget
                assert max(Counter(b.value).values()) <= view.poll.cap

    @invariant()
    def tallies_equal_a_recount_from_the_raw_ballots(self) -> None:
        for view in self.state().polls.values():
            values = [b.value for b in view.ballots]
            rows = {r.label: r.value for r in view.tally.rows}
            kind = view.poll.vote
            assert view.tally.ballots == len(values)
            if kind in ("single", "multi", "dots"):
                flat = Counter(v for value in values for v in value)
                assert rows == {o: flat[o] for o in view.poll.options}
            elif kind == "rank":
                size = len(view.poll.options)
                points = {o: sum(size - 1 - value.index(o) for value in values) for o in view.poll.options}
                assert rows == points
            elif kind == "scale":
                numbers = [v[0] for v in values]
                assert sum(rows.values()) == len(numbers)
                assert view.tally.mean == (statistics.fmean(numbers) if numbers else None)
                assert view.tally.median == (statistics.median(numbers) if numbers else None)
            else:
                grouped = Counter(normalise(v[0]) for v in values)
                assert sorted(rows.values(), reverse=True) == sorted(grouped.values(), reverse=True)

    @invariant()
    def time_never_runs_backwards_and_only_the_current_step_runs(self) -> None:
        if self.before is None:
            return
        after = self.state()
        for old, new in zip(self.before.steps, after.steps, strict=True):
            assert new.elapsed >= old.elapsed - 1e-6
            if new.index != after.current:
                assert abs(new.elapsed - old.elapsed) < 1e-6 or old.index == self.before.current

    @invariant()
    def going_back_resumes_a_step_rather_than_restarting_it(self) -> None:
        if self.last_action == "goto" and self.before is not None and self.before.status != "ended":
            after = self.state()
            step = after.step
            assert step is not None
            assert abs(step.elapsed - self.before.steps[step.index].elapsed) < 1e-6

    @invariant()
    def replaying_the_journal_gives_the_same_state(self) -> None:
        again = Fold(HEADER).apply_all(self.events).state(self.now)
        assert again == self.state()


SessionMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestSessionMachine = SessionMachine.TestCase
TestSessionMachine.pytestmark = [pytest.mark.slow]
