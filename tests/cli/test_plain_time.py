"""`join --plain` tells the time as the screens show it, each change once, in one sentence: a
step's rounds as they begin, then 1 minute and 30 seconds left of each round and of the step,
and time up; a pause and a consent poll's result too. Driven by a clock the test moves."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from tests import by_name
from tests.cli.test_agenda_live import MODULE as TIMING
from tests.engine.test_consent import MODULE as CONSENT
from workshop import i18n, plain, sessions
from workshop.content import document, schema
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.transcript import Transcript, time_sentence

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def plan_of(text: str) -> Plan:
    module = schema.check_module(document.parse(text.encode(), "m.toml"))
    return Plan(Agenda("a", "A", dt.time(9), (AgendaItem(module.id),)), (module,))


def test_rounds_and_time_warnings_are_said_once_each(tmp_path: Path) -> None:
    now = [T0]
    path = sessions.create(plan_of(TIMING), tmp_path, "t", "Sam", clock=lambda: now[0], code="ROUNDS")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    live.goto("pairs")  # two rounds of 3 minutes
    heard: list[str] = []
    transcript = Transcript("nobody", heard.append)

    def at(seconds: float) -> list[str]:
        now[0] = T0 + dt.timedelta(seconds=seconds)
        heard.clear()
        transcript.follow(live.state())
        transcript.follow(live.state())  # asked again: nothing new is said twice
        return list(heard)

    assert at(0)[1:] == ["Round 1 of 2: Speaker A, 3 minutes; 6 minutes left in the step."]
    assert at(100) == []
    assert at(125) == ["1 minute left in this round, Speaker A."]
    assert at(155) == ["30 seconds left in this round, Speaker A."]
    assert at(181) == ["Round 2 of 2: Speaker B, 3 minutes; 3 minutes left in the step."]
    assert at(305) == ["1 minute left in this step."]
    assert at(335) == ["30 seconds left in this step."]
    live.pause()
    assert at(336) == ["The facilitator paused the timer."]
    live.resume()
    assert at(362) == ["The timer runs again.", "Time is up for this step."]


def test_a_consent_poll_is_said_as_a_result(tmp_path: Path) -> None:
    now = [T0]
    path = sessions.create(plan_of(CONSENT), tmp_path, "c", "Sam", clock=lambda: now[0], code="CONSNT")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    for name, value in (("Ana", "4"), ("Bo", "2"), ("Cy", "5")):
        by_name.vote(live, name, [value])
    live.poll_action("close")
    heard: list[str] = []
    Transcript("nobody", heard.append).follow(live.state())
    said = next(line for line in heard if line.startswith("Results for"))
    assert said.startswith("Results for Can you live with the proposal? 3 ballots. No consent: 1 under 3. 0 block:")


def test_where_tells_the_time_left_of_the_round_or_step(tmp_path: Path) -> None:
    """`where` says how long is left (of the round while one runs), that the timer is paused, and
    time up in overtime, as the screens' timers do; in the reader's language."""
    now = [T0]
    path = sessions.create(plan_of(TIMING), tmp_path, "w", "Sam", clock=lambda: now[0], code="WHERE1")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    live.goto("pairs")  # two rounds of 3 minutes

    def where(seconds: float) -> str:
        now[0] = T0 + dt.timedelta(seconds=seconds)
        return time_sentence(live.state())

    assert where(0) == "3 minutes left in this round, Speaker A."
    assert where(130) == "1 minute left in this round, Speaker A."
    with i18n.speaking("de"):
        assert where(130) == "Noch 1 Minute für diese Runde, Speaker A."
    assert where(200) == "3 minutes left in this step."  # the last round counts the step
    live.pause()
    assert where(201) == "The timer is paused. 3 minutes left in this step."
    live.resume()
    assert where(500) == "Time is up for this step."
    live.end()
    assert where(501) == ""


def test_where_in_join_plain_says_the_step_and_its_time(tmp_path: Path) -> None:
    now = [T0]
    path = sessions.create(plan_of(TIMING), tmp_path, "p", "Sam", clock=lambda: now[0], code="WHERE2")
    live = sessions.Session.open(path, lambda: now[0])
    live.start()
    live.goto("pairs")
    now[0] = T0 + dt.timedelta(seconds=70)
    out = io.StringIO()
    plain.run(sessions.Session.open(path, lambda: now[0]), "Ana", io.StringIO("WHERE2\nwhere\n"), out)
    lines = out.getvalue().splitlines()
    said = lines.index("2 minutes left in this round, Speaker A.")
    assert lines[said - 1].startswith("Now: ")  # after the step it tells the time of
