"""`control extend` says what the step was given: a shortening past the step's own minutes cuts
only what the step had, and the line says so."""

from __future__ import annotations

from pathlib import Path

from tests.report.conftest import Clock
from tests.support import polls_plan
from workshop import sessions


def test_extend_says_the_minutes_the_step_was_given(tmp_path: Path) -> None:
    clock = Clock()
    path = sessions.create(polls_plan(), tmp_path, "x", "Sam", clock=clock, code="ABCDEF")
    live = sessions.Session.open(path, clock)
    live.start()  # Intro, 2 minutes
    assert live.extend(3) == "Intro: +3 min"
    assert live.extend(-120) == "Intro: -5 min"  # all it had: 2 planned and 3 given
    assert live.state().step is not None and live.state().step.allowed == 0
