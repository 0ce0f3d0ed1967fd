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


def test_slow_work_shows_the_bar_and_stops_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)  # a person watching a terminal
    with Stages(2, delay=0.01) as stages:
        stages.step("one")
        time.sleep(0.2)
        stages.step("two")
        assert stages._bar is not None
        assert stages._bar.tasks[0].description == "two" and stages._bar.tasks[0].completed == 1
    assert stages._bar.live.is_started is False


def test_a_script_reading_stderr_never_gets_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    """Reports taken by scripts (and by tests, under a loaded machine) see only errors on stderr."""
    with Stages(2, delay=0.01) as stages:
        stages.step("one")
        time.sleep(0.2)
        stages.step("two")
    assert stages._bar is None and capsys.readouterr().err == ""
