"""The agenda changed while it runs, from the command line: skip, unskip, move, insert-break,
and `next` through a step's rounds; what the JSON report then says; and a one-line refusal,
with nothing written, for each thing that cannot be done."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app

MODULE = """
id = "timing"
title = "Timing"
summary = "Steps of known lengths, one in rounds."
minutes = 35

[source]
title = "T"
author = "A"
publisher = "P"

[[steps]]
id = "open"
title = "Open"
kind = "talk"
minutes = 5
prompt = "Hello."

[[steps]]
id = "long"
title = "Long discussion"
kind = "discuss"
minutes = 12
prompt = "Talk it through."

[[steps]]
id = "pairs"
title = "Pair work"
kind = "discuss"
minutes = 6
prompt = "In pairs, three minutes each."

[[steps.rounds]]
label = "Speaker A"
minutes = 3

[[steps.rounds]]
label = "Speaker B"
minutes = 3

[[steps]]
id = "close"
title = "Close"
kind = "talk"
minutes = 12
prompt = "Bye."
"""


class Cli:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content").mkdir()
        (root / "content" / "timing.toml").write_text(MODULE, encoding="utf-8")

    def run(self, *args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, [*args, "--sessions-dir", str(self.root / "sessions")])
        return result.exit_code, result.stdout, result.stderr

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, (args, out, err)
        return out

    def refused(self, *args: str, says: str) -> None:
        before = (self.root / "sessions" / "t.toml").read_bytes()
        code, out, err = self.run(*args)
        assert code == 2 and err.startswith("error: ") and len(err.splitlines()) == 1 and says in err, (args, err)
        assert (self.root / "sessions" / "t.toml").read_bytes() == before

    def report(self) -> dict:
        return json.loads(self.ok("report", "t", "--format", "json"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.ok("new", "timing", "--name", "t", "--path", str(tmp_path / "content"))
    cli.ok("control", "t", "start")
    return cli


def step(report: dict, qid: str) -> dict:
    return next(s for s in report["steps"] if s["id"] == qid)


def test_skipping_a_twelve_minute_step_brings_the_forecast_forward(cli: Cli) -> None:
    before = dt.datetime.fromisoformat(cli.report()["session"]["forecast_end"])
    assert "skipped" in cli.ok("control", "t", "skip", "long")
    after = dt.datetime.fromisoformat(cli.report()["session"]["forecast_end"])
    assert before - after >= dt.timedelta(minutes=11)
    assert "timing/pairs" in cli.ok("control", "t", "next")  # past the skipped step
    cli.ok("control", "t", "end")
    long = step(cli.report(), "timing/long")
    assert long["skipped"] is True and long["actual_seconds"] == 0 and long["difference_seconds"] is None
    markdown = cli.ok("report", "t", "--format", "md")
    assert "| timing/long | Long discussion | 12.0 |  | skipped |  |" in markdown


def test_next_moves_through_rounds_before_the_next_step(cli: Cli) -> None:
    cli.ok("control", "t", "goto", "pairs")
    assert cli.ok("control", "t", "next").strip() == "now Speaker B (Pair work)"
    assert "timing/close" in cli.ok("control", "t", "next")
    rounds = step(cli.report(), "timing/pairs")["rounds"]
    assert [r["label"] for r in rounds] == ["Speaker A", "Speaker B"]
    assert [r["planned_seconds"] for r in rounds] == [180, 180]


def test_move_and_insert_break_change_the_running_order(cli: Cli) -> None:
    cli.ok("control", "t", "move", "close", "--after", "open")
    out = cli.ok("control", "t", "insert-break", "10")
    assert "10-minute break after “Open”" in out
    order = [s["id"] for s in cli.report()["steps"]]
    assert order == ["timing/open", "timing/break-1", "timing/close", "timing/long", "timing/pairs"]
    brk = step(cli.report(), "timing/break-1")
    assert brk["inserted"] is True and brk["agenda_seconds"] == 0 and brk["extra_seconds"] == 600
    assert "timing/break-1" in cli.ok("control", "t", "next")
    cli.ok("control", "t", "move", "long", "--after", "start")  # a step still to come may go first


def test_what_cannot_be_changed_is_one_line_and_writes_nothing(cli: Cli) -> None:
    cli.refused("control", "t", "skip", "open", says="running now")
    cli.ok("control", "t", "next")
    cli.refused("control", "t", "skip", "open", says="already run")
    cli.refused("control", "t", "move", "open", "--after", "close", says="already run")
    cli.refused("control", "t", "skip", "nope", says="no step “nope”")
    cli.refused("control", "t", "unskip", "close", says="not skipped")
    cli.refused("control", "t", "move", "close", says="--after")
    cli.refused("control", "t", "move", "close", "--after", "close", says="after itself")
    cli.refused("control", "t", "insert-break", "0", says="1 to 120")
    cli.refused("control", "t", "insert-break", "ten", says="whole minutes")
    cli.refused("control", "t", "pause", "--after", "open", says="--after goes with")
    cli.ok("control", "t", "skip", "close")
    cli.refused("control", "t", "skip", "close", says="already skipped")


def test_a_revote_needs_ballots_and_a_started_session(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.ok("new", "timing", "--name", "t", "--path", str(tmp_path / "content"))
    cli.refused("control", "t", "revote", says="has not started")
    cli.refused("control", "t", "objections", says="has not started")
    cli.ok("control", "t", "start")
    cli.refused("control", "t", "objections", says="this step has none")
    cli.refused("control", "t", "revote", says="no poll is open")
