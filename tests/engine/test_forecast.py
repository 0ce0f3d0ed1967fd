"""Time like a facilitator keeps it: the forecast end, the planned end, drift with a late start,
skipped steps, inserted breaks and rounds, checked against sums done by hand, and under random
control sequences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content.frozen import freeze
from workshop.content.model import Agenda, AgendaItem, Module, Plan, Round, Source, Step
from workshop.engine import forecast
from workshop.engine.state import Fold
from workshop.engine.views import SessionState

NINE = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
STEPS = (
    Step("a", "A", "talk", 10, "Talk."),
    Step("b", "B", "discuss", 12, "Discuss."),
    Step("c", "C", "discuss", 5, "Pairs.", rounds=(Round("Speaker A", 2), Round("Speaker B", 3))),
    Step("d", "D", "talk", 8, "Close."),
)
MODULE = Module("m", "M", "A module.", 35, Source("T", "A", "P"), STEPS)
PLAN = Plan(Agenda("day", "Day", dt.time(9), (AgendaItem("m"),)), (MODULE,))
HEADER = {"id": "f", "title": "Forecast", "code": "ABCDEF", "agenda": freeze(PLAN)}


def at(minutes: float) -> dt.datetime:
    return NINE + dt.timedelta(minutes=minutes)


class Run:
    """A fold driven by events at minutes after nine."""

    def __init__(self) -> None:
        self.fold = Fold(HEADER)
        self.now = 0.0

    def do(self, minute: float, type_: str, **fields: object) -> Run:
        self.now = max(self.now, minute)
        self.fold.apply({"type": type_, "at": at(minute), **fields})
        return self

    def state(self, minute: float | None = None) -> SessionState:
        return self.fold.state(at(self.now if minute is None else minute).timestamp())


def minutes_after_nine(timestamp: float) -> float:
    return round((timestamp - NINE.timestamp()) / 60, 6)


def test_the_forecast_equals_a_hand_computation() -> None:
    run = Run().do(5, "start", planned=NINE)  # five minutes late
    run.do(10, "pause").do(13, "resume").do(14, "extend", step="m/a", seconds=120)
    run.do(15, "skip", step="m/c", on=True).do(16, "insert", step="m/break-1", minutes=10, after="m/b")
    s = run.state(20)
    # A has run 5 + 7 = 12 of its 10 + 2 minutes: nothing left of it
    assert s.step.qid == "m/a" and s.step.remaining == 0
    # now, then B 12, the break 10 and D 8 (C skipped): 09:20 + 30
    assert minutes_after_nine(forecast.forecast_end(s)) == 50
    assert minutes_after_nine(forecast.planned_end(s)) == 35  # 09:00 + 10 + 12 + 5 + 8
    # late 5, paused 3, A over its plan by 2 (extending a step does not move the schedule)
    assert s.late_start == 300 and s.drift == 10 * 60
    assert [x.qid for x in s.steps] == ["m/a", "m/b", "m/break-1", "m/c", "m/d"]


def test_skipping_a_twelve_minute_step_brings_the_end_twelve_minutes_forward() -> None:
    run = Run().do(0, "start", planned=NINE)
    before = forecast.forecast_end(run.state(2))
    run.do(2, "skip", step="m/b", on=True)
    after = forecast.forecast_end(run.state(2))
    assert before - after >= 11 * 60 and before - after == 12 * 60
    run.do(3, "goto", step="m/c").do(10, "goto", step="m/d").do(20, "end")
    s = run.state()
    b = next(x for x in s.steps if x.qid == "m/b")
    assert b.skipped and b.elapsed == 0 and s.step_drift(b) is None  # not counted as ahead


def test_a_step_that_has_run_cannot_be_skipped_or_moved() -> None:
    run = Run().do(0, "start").do(1, "goto", step="m/b").do(2, "skip", step="m/a", on=True)
    run.do(3, "move", step="m/a", after="m/d").do(4, "skip", step="m/b", on=True)
    s = run.state()
    assert [x.qid for x in s.steps][:2] == ["m/a", "m/b"] and not any(x.skipped for x in s.steps)


def test_next_passes_over_a_skipped_step_and_move_reorders() -> None:
    run = Run().do(0, "start").do(1, "move", step="m/d", after="m/a")
    assert [x.qid for x in run.state().steps] == ["m/a", "m/d", "m/b", "m/c"]
    run.do(2, "move", step="m/c", after="")
    assert [x.qid for x in run.state().steps] == ["m/c", "m/a", "m/d", "m/b"]
    assert run.state().current == 1  # A is still the current step, at its new place


def test_rounds_switch_by_time_and_by_the_facilitator() -> None:
    run = Run().do(0, "start").do(0, "goto", step="m/c")
    s = run.state(1)
    assert s.step.round.label == "Speaker A" and s.step.round.end - 60 == 60  # a minute left of A
    assert run.state(2.5).step.round.label == "Speaker B"  # A's two minutes are up
    run = Run().do(0, "start").do(0, "goto", step="m/c").do(1, "round", step="m/c", round=1)
    s = run.state(1)
    assert s.step.round.label == "Speaker B" and s.step.rounds[0].actual(s.step.elapsed) == 60
    assert s.step.remaining == 3 * 60  # B's three minutes from now: moving on early saved a minute
    run.do(2, "extend", step="m/c", seconds=60)  # to the round running now: B
    assert [r.planned for r in run.state().step.rounds] == [120, 240]


def test_a_session_created_after_its_start_time_was_planned_to_start_when_it_started() -> None:
    assert forecast.planned_start(dt.time(9), NINE - dt.timedelta(hours=1)) == NINE
    assert forecast.planned_start(dt.time(9), NINE + dt.timedelta(minutes=1)) is None
    run = Run().do(30, "start")  # no planned start in the event: no late start counted
    assert run.state().late_start == 0 and minutes_after_nine(forecast.planned_end(run.state())) == 65


CONTROL = st.one_of(
    st.tuples(st.just("time"), st.floats(0, 20)),
    st.tuples(st.sampled_from(["start", "pause", "resume", "end"]), st.none()),
    st.tuples(st.just("goto"), st.sampled_from(["m/a", "m/b", "m/c", "m/d", "m/break-1"])),
    st.tuples(st.just("extend"), st.sampled_from(["m/a", "m/b", "m/c", "m/d"])),
    st.tuples(st.just("skip"), st.sampled_from(["m/a", "m/b", "m/c", "m/d"])),
    st.tuples(st.just("unskip"), st.sampled_from(["m/a", "m/b", "m/c", "m/d"])),
    st.tuples(st.just("move"), st.sampled_from(["m/a", "m/b", "m/c", "m/d"])),
    st.tuples(st.just("break"), st.integers(1, 30)),
    st.tuples(st.just("round"), st.integers(0, 2)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CONTROL, max_size=40), st.integers(-15, 15))
@pytest.mark.slow
def test_no_control_sequence_makes_a_live_forecast_earlier_than_now(actions: list, extension: int) -> None:
    run = Run()
    minute = 0.0
    for word, arg in actions:
        if word == "time":
            minute += arg
        elif word == "extend":
            run.do(minute, "extend", step=arg, seconds=extension * 60)
        elif word in ("skip", "unskip"):
            run.do(minute, "skip", step=arg, on=word == "skip")
        elif word == "move":
            run.do(minute, "move", step=arg, after="m/d")
        elif word == "break":
            run.do(minute, "insert", step="m/break-1", kind="break", minutes=arg, after="m/a")
        elif word == "round":
            run.do(minute, "round", step="m/c", round=arg)
        elif word == "goto":
            run.do(minute, "goto", step=arg)
        else:
            run.do(minute, word)
        s = run.state(minute)
        if s.status == "ended":
            assert forecast.forecast_end(s) == s.ended  # what happened, no longer a forecast
        else:
            assert forecast.forecast_end(s) >= s.now
        for step in s.steps:
            if step.rounds:  # the rounds' times add up to the step's, planned and actual
                assert sum(r.planned for r in step.rounds) == step.allowed
                assert abs(sum(r.actual(step.elapsed) for r in step.rounds) - step.elapsed) < 1e-6


def test_an_early_start_is_no_lead_and_the_plan_runs_from_it() -> None:
    """A session started before its agenda's time (a rehearsal, a room that was ready) is not
    "ahead of schedule": nothing is counted, and the planned end runs from the start."""
    run = Run().do(-70, "start", planned=NINE)
    s = run.state(-69)
    assert s.late_start == 0 and s.drift == 0
    assert minutes_after_nine(forecast.planned_end(s)) == -70 + 35
