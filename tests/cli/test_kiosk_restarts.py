"""`workshop kiosk` ends only with the facilitator's code: a kiosk app that ends any other way (an
exception in Textual or in ours panics the app, which prints a traceback and returns) is started
again at once, so the next person in the queue never finds the facilitator's shell; one that
cannot run at all says so in one line instead of starting forever."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app
from workshop.tui import kiosk


class Ending:
    """A kiosk app that ends as soon as it runs: released by the code, or not (a crash)."""

    followed = None

    def __init__(self, released: bool, runs: list[bool]) -> None:
        self.will_release, self.runs, self.released = released, runs, False

    def run(self) -> None:
        self.runs.append(self.will_release)
        self.released = self.will_release


def kiosk_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ends: list[bool]) -> tuple[int, str, list[bool]]:
    runs: list[bool] = []
    apps = iter(ends)
    monkeypatch.setattr(kiosk, "make_app", lambda path, **_: Ending(next(apps), runs))
    (tmp_path / "s.toml").write_text("")
    result = CliRunner().invoke(app, ["kiosk", "s", "--sessions-dir", str(tmp_path)])
    return result.exit_code, result.output, runs


def test_a_kiosk_that_crashes_starts_again_until_the_code_releases_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It used to end: the shell, on the facilitator's account, was the next person's."""
    code, output, runs = kiosk_with(monkeypatch, tmp_path, [False, False, True, False])
    assert (code, runs) == (0, [False, False, True]), output


def test_a_kiosk_that_cannot_run_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, output, runs = kiosk_with(monkeypatch, tmp_path, [False] * 10)
    assert code == 2 and runs == [False, False, False]
    assert output.strip().splitlines() == [
        "error: the kiosk stopped just after it started, 3 times in a row: not starting it again"
    ], output
