"""The scripting commands: new, control, vote, note, report. Every refusal is one line on
stderr, exit status 2, and leaves the session file exactly as it was."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.support import write_module
from workshop.cli import app


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, Path]:
    content = tmp_path / "content"
    write_module(content)
    return {"content": content, "sessions": tmp_path / "sessions"}


def ws(env: dict[str, Path], *args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--sessions-dir", str(env["sessions"])])


def new(env: dict[str, Path], name: str = "s") -> Path:
    result = CliRunner().invoke(app, ["new", "polls", "--name", name, "--path", str(env["content"]),
                                      "--sessions-dir", str(env["sessions"])])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def report(env: dict[str, Path], session: str = "s") -> dict:
    result = ws(env, "report", session, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refused(env: dict[str, Path], path: Path, *args: str, says: str) -> None:
    before = path.read_bytes()
    result = ws(env, *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.stderr
    assert path.read_bytes() == before


def poll(data: dict, step: str) -> dict:
    return next(p for p in data["polls"] if p["id"] == f"polls/{step}")


def rows(data: dict, step: str) -> dict:
    return {r["label"]: r["value"] for r in poll(data, step)["results"]["rows"]}


def test_new_writes_a_parseable_file_with_the_frozen_agenda(env: dict[str, Path]) -> None:
    path = new(env)
    header = tomllib.loads(path.read_text("utf-8"))["session"]
    assert header["title"] == "Every kind of poll"
    assert [s["id"] for s in header["agenda"]["modules"][0]["steps"]] == ["intro", "pick", "many", "fist", "dots", "order", "word"]
    assert len(header["code"]) == 6
    refused(env, path, "new", "polls", "--name", "s", "--path", str(env["content"]), says="already exists")


@pytest.mark.parametrize("name", ["../x", "a/b", "..", ".hidden", "a b"])
def test_bad_session_names_are_refused_and_nothing_is_created(env: dict[str, Path], tmp_path: Path, name: str) -> None:
    result = ws(env, "new", "polls", "--name", name, "--path", str(env["content"]))
    assert result.exit_code == 2 and "bad session name" in result.stderr
    assert not list(tmp_path.rglob("*.toml.*")) and not (tmp_path / "x.toml").exists()
    assert not env["sessions"].exists() or not list(env["sessions"].iterdir())


def test_new_with_an_unknown_agenda_says_what_exists(env: dict[str, Path]) -> None:
    result = ws(env, "new", "half-dya")
    assert result.exit_code == 2 and "did you mean 'half-day'" in result.stderr


def test_control_moves_through_steps_and_runs_the_timer(env: dict[str, Path]) -> None:
    path = new(env)
    refused(env, path, "control", "s", "pause", says="not started")
    refused(env, path, "control", "s", "prev", says="not started")
    assert "now at polls/intro" in ws(env, "control", "s", "start").stdout
    refused(env, path, "control", "s", "start", says="already started")
    refused(env, path, "control", "s", "prev", says="first step")
    assert ws(env, "control", "s", "extend", "2").exit_code == 0
    assert ws(env, "control", "s", "extend", "-1").exit_code == 0
    refused(env, path, "control", "s", "extend", "lots", says="whole minutes")
    assert report(env)["steps"][0]["planned_seconds"] == 120 + 60
    assert ws(env, "control", "s", "pause").exit_code == 0
    refused(env, path, "control", "s", "pause", says="already paused")
    assert report(env)["session"]["status"] == "paused"
    assert ws(env, "control", "s", "resume").exit_code == 0
    assert "now at polls/pick" in ws(env, "control", "s", "next").stdout
    assert "now at polls/word" in ws(env, "control", "s", "goto", "word").stdout
    refused(env, path, "control", "s", "next", says="last step")
    refused(env, path, "control", "s", "goto", "nowhere", says="no step 'nowhere'")
    refused(env, path, "control", "s", "dance", says="unknown action")
    assert ws(env, "control", "s", "end").exit_code == 0
    assert report(env)["session"]["status"] == "ended"
    refused(env, path, "control", "s", "goto", "pick", says="has ended")


def test_poll_controls(env: dict[str, Path]) -> None:
    path = new(env)
    ws(env, "control", "s", "start")
    refused(env, path, "control", "s", "close", says="no poll")
    ws(env, "control", "s", "goto", "dots")
    assert poll(report(env), "dots")["status"] == "open"
    assert ws(env, "vote", "s", "--name", "Ana", "Coaching=2").exit_code == 0
    assert ws(env, "control", "s", "close").exit_code == 0
    refused(env, path, "control", "s", "close", says="not open")
    refused(env, path, "vote", "s", "--name", "Bo", "Coaching", says="closed")
    assert ws(env, "control", "s", "reopen").exit_code == 0
    assert ws(env, "control", "s", "reset").exit_code == 0
    data = report(env)
    assert poll(data, "dots")["ballots"] == 0 and poll(data, "dots")["resets"] == 1
    assert '"Coaching", "Coaching"' in path.read_text("utf-8")  # reset ballots stay in the journal
    assert ws(env, "control", "s", "reveal").exit_code == 0


def test_every_vote_kind_is_tallied(env: dict[str, Path]) -> None:
    new(env)
    ws(env, "control", "s", "start")
    casts = {
        "pick": [("Ana", ["Planning"]), ("Bo", ["2"]), ("Cy", ["quality"])],
        "many": [("Ana", ["1", "Quality"]), ("Bo", ["Coaching"])],
        "fist": [("Ana", ["5"]), ("Bo", ["2"]), ("Cy", ["2"])],
        "dots": [("Ana", ["Coaching=3", "Quality=2"]), ("Bo", ["Coaching", "Planning=2"])],
        "order": [("Ana", ["Trust", "Goals", "Change", "Letting go"]), ("Bo", ["4", "3", "2", "1"])],
        "word": [("Ana", ["Coaching"]), ("Bo", ["coaching."]), ("Cy", ["More", "time"])],
    }
    for step, votes in casts.items():
        assert ws(env, "control", "s", "goto", step).exit_code == 0
        for name, value in votes:
            result = ws(env, "vote", "s", "--name", name, *value)
            assert result.exit_code == 0, result.stderr
            assert "ballot recorded" in result.stdout
    data = report(env)
    assert rows(data, "pick") == {"Coaching": 0, "Planning": 2, "Quality": 1}
    assert rows(data, "many") == {"Coaching": 2, "Planning": 0, "Quality": 1}
    fist = poll(data, "fist")["results"]
    assert (fist["mean"], fist["median"]) == (3.0, 2)
    assert rows(data, "dots") == {"Coaching": 4, "Planning": 2, "Quality": 2}
    assert rows(data, "order") == {"Trust": 3 + 0, "Goals": 2 + 1, "Change": 1 + 2, "Letting go": 0 + 3}
    assert rows(data, "word") == {"Coaching": 2, "More time": 1}


def test_a_new_ballot_replaces_the_old_one(env: dict[str, Path]) -> None:
    new(env)
    ws(env, "control", "s", "start")
    ws(env, "control", "s", "next")
    ws(env, "vote", "s", "--name", "Ana", "Coaching")
    ws(env, "vote", "s", "--name", "ana", "Quality")  # same person: names match without case
    data = report(env)
    assert poll(data, "pick")["ballots"] == 1 and rows(data, "pick")["Quality"] == 1
    assert len(data["participants"]) == 1


@pytest.mark.parametrize(("step", "value", "says"), [
    ("pick", ["Nothing"], "no option 'Nothing'"),
    ("pick", ["7"], "no option '7'"),
    ("many", ["1", "2", "3"], "at most 2 options"),
    ("fist", ["9"], "outside the scale 0 to 5"),
    ("fist", ["lots"], "not a number"),
    ("dots", ["Coaching=3", "Quality=3"], "over the budget of 5"),
    ("dots", ["Coaching=4"], "over the cap of 3"),
    ("order", ["Trust", "Trust", "Change", "Goals"], "ranked twice"),
    ("order", ["Trust", "Goals", "Change"], "missing 'Letting go'"),
    ("word", [" "], "cannot be empty"),
])
def test_invalid_ballots_are_refused_with_the_reason(env: dict[str, Path], step: str, value: list[str], says: str) -> None:
    path = new(env)
    ws(env, "control", "s", "start")
    ws(env, "control", "s", "goto", step)
    refused(env, path, "vote", "s", "--name", "Ana", *value, says=says)


def test_voting_needs_an_open_poll(env: dict[str, Path]) -> None:
    path = new(env)
    refused(env, path, "vote", "s", "--name", "Ana", "1", says="no poll is open")
    ws(env, "control", "s", "start")
    refused(env, path, "vote", "s", "--name", "Ana", "1", says="no poll is open")
    refused(env, path, "vote", "s", "--name", "Ana", "--poll", "dots", "1", says="not open yet")
    ws(env, "control", "s", "goto", "dots")
    ws(env, "control", "s", "goto", "pick")  # moving on closes the dots poll
    refused(env, path, "vote", "s", "--name", "Ana", "--poll", "dots", "1", says="closed")
    assert ws(env, "vote", "s", "--name", "Ana", "--poll", "pick", "1").exit_code == 0


def test_anonymous_ballots_store_no_name_and_still_count_once(env: dict[str, Path]) -> None:
    path = new(env)
    ws(env, "control", "s", "start")
    ws(env, "control", "s", "goto", "fist")
    ws(env, "vote", "s", "--name", "Ana", "4")
    ws(env, "vote", "s", "--name", "Ana", "5")
    blocks = [b for b in path.read_text("utf-8").split("[[events]]") if 'type = "ballot"' in b]
    assert len(blocks) == 2 and all("name =" not in b for b in blocks)
    assert "Ana" not in "".join(blocks)
    data = report(env)
    assert poll(data, "fist")["ballots"] == 1 and poll(data, "fist")["results"]["mean"] == 5


def test_notes_and_action_items(env: dict[str, Path]) -> None:
    path = new(env)
    refused(env, path, "note", "s", "too early", says="not started")
    ws(env, "control", "s", "start")
    assert ws(env, "note", "s", "Book the room", "--action").exit_code == 0
    assert ws(env, "note", "s", "--name", "Bo", "Rota is late").exit_code == 0
    notes = report(env)["notes"]
    assert [(n["step"], n["author"], n["text"], n["action"]) for n in notes] == [
        ("polls/intro", "facilitator", "Book the room", True),
        ("polls/intro", "Bo", "Rota is late", False),
    ]


def test_reports_in_markdown_and_to_a_file(env: dict[str, Path], tmp_path: Path) -> None:
    path = new(env)
    ws(env, "control", "s", "start")
    ws(env, "note", "s", "Book the room", "--action")
    md = ws(env, "report", "s").stdout
    assert "## Action items" in md and "Book the room" in md and "### Which first?" in md
    out = tmp_path / "r.json"
    assert ws(env, "report", str(path), "--format", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["session"]["id"] == "s"
    refused(env, path, "report", "s", "--format", "xml", says="unknown format")
    refused(env, path, "report", "nosuch", says="no session 'nosuch'")


def test_validate_reads_session_files_through_the_journal(env: dict[str, Path]) -> None:
    path = new(env)
    ws(env, "control", "s", "start")
    ws(env, "note", "s", "kept")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{path}: ok: session 's', 2 events, running"
    with open(path, "ab") as handle:
        handle.write(b'[[events]]\ntype = "note"\ntext = "torn')  # a writer killed mid-block
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "2 events" in result.stdout
    assert "dropped an incomplete event block" in result.stderr
    damaged = path.with_name("damaged.toml")
    damaged.write_text("[session]\nid = 1\n")
    result = CliRunner().invoke(app, ["validate", str(damaged)])
    assert (result.exit_code, result.stdout.strip()) == (2, f"{damaged}:1:1: not a workshop session file (no events marker)")
