"""The progress bar shows only once the work has taken longer than its delay."""

from __future__ import annotations

import time

import pytest

from workshop.progress import Stages


def test_quick_work_shows_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with Stages(2, delay=0.5) as stages:
        stages.step("one")
        stages.step("two")
    assert stages._bar is None
    assert capsys.readouterr().err == ""


def test_slow_work_shows_the_bar_and_stops_it() -> None:
    with Stages(2, delay=0.01) as stages:
        stages.step("one")
        time.sleep(0.2)
        stages.step("two")
        assert stages._bar is not None
        assert stages._bar.tasks[0].description == "two" and stages._bar.tasks[0].completed == 1
    assert stages._bar.live.is_started is False
