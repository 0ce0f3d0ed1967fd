"""The scripting commands: new, control, vote, note, report.

Every refusal is one `error: ` line on stderr, exit status 2, and leaves the session file (and the
rest of the sessions folder) byte for byte as it was."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.cli.conftest import MODULE_ID, STEP_IDS, TITLE, Workshop, qid, snapshot
from workshop import sessions

CODE_ALPHABET = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


# ------------------------------------------------------------------------------------------ new


def test_new_prints_the_path_of_a_toml_file_with_the_frozen_agenda(ws: Workshop) -> None:
    result = ws.ok("new", MODULE_ID, "--name", "s", "--path", str(ws.content), "--facilitator", "Dee")
    path = Path(result.stdout.strip())
    assert path == ws.file("s")
    assert path.is_file()
    header = tomllib.loads(path.read_text("utf-8"))["session"]
    assert header["id"] == "s"
    assert header["title"] == TITLE
    assert header["facilitator"] == "Dee"
    modules = header["agenda"]["modules"]
    assert [m["id"] for m in modules] == [MODULE_ID]
    assert [s["id"] for s in modules[0]["steps"]] == STEP_IDS
    assert [s["minutes"] for s in modules[0]["steps"]] == [2] * len(STEP_IDS)
    polls = {s["id"]: s["poll"] for s in modules[0]["steps"] if "poll" in s}
    assert polls["dots"]["budget"] == 5 and polls["dots"]["cap"] == 3
    assert polls["secret"]["anonymous"] is True
    code = header["code"]
    assert len(code) == 6 and set(code) <= CODE_ALPHABET


def test_the_frozen_agenda_does_not_follow_later_edits_to_the_module(ws: Workshop) -> None:
    path = ws.new()
    module = ws.content / f"{MODULE_ID}.toml"
    module.write_text(module.read_text("utf-8").replace('"Which first?"', '"Edited later?"'), "utf-8")
    assert ws.poll("pick")["question"] == "Which first?"
    assert "Which first?" in path.read_text("utf-8")


def test_events_are_appended_as_toml_blocks(ws: Workshop) -> None:
    path = ws.started_at("pick")
    header_before = path.read_bytes()
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    ws.ok("note", "s", "kept")
    raw = path.read_bytes()
    assert raw.startswith(header_before)  # appended, never rewritten
    data = tomllib.loads(raw.decode("utf-8"))
    assert [e["type"] for e in data["events"]] == ["start", "goto", "join", "ballot", "note"]
    assert data["events"][3]["value"] == ["Coaching"]
    assert data["events"][4]["text"] == "kept"


def test_new_with_a_name_that_exists_is_refused_and_the_file_is_unchanged(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    line = ws.refused("new", MODULE_ID, "--name", "s", "--path", str(ws.content), says="already exists")
    assert str(ws.file("s")) in line
    assert ws.poll("pick")["ballots"] == 1


@pytest.mark.parametrize("name", ["../x", "a/b", "..", "", "/tmp/abs", ".hidden", "a b", "x" * 65, "s\n", "s\n.toml"])
def test_bad_session_names_are_refused_and_nothing_is_created(ws: Workshop, name: str) -> None:
    before = snapshot(ws.root)
    result = ws.run("new", MODULE_ID, "--name", name, "--path", str(ws.content))
    assert result.exit_code == 2, (name, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "bad session name" in lines[0], result.stderr
    assert result.stdout == ""
    assert snapshot(ws.root) == before
    assert not (ws.root / "x.toml").exists() and not (ws.root.parent / "x.toml").exists()
    assert not ws.sessions.exists() or not any(ws.sessions.iterdir())


def test_new_with_an_unknown_id_suggests_or_lists(ws: Workshop) -> None:
    before = snapshot(ws.root)
    close = ws.run("new", "zz-cli-prob", "--path", str(ws.content))
    assert close.exit_code == 2
    assert close.stderr.splitlines() == ["error: no agenda or module 'zz-cli-prob' (did you mean 'zz-cli-probe'?)"]
    far = ws.run("new", "nosuch", "--path", str(ws.content))
    assert far.exit_code == 2
    lines = far.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no agenda or module 'nosuch'")
    assert "did you mean '" in lines[0] or ("try one of: " in lines[0] and MODULE_ID in lines[0])
    assert snapshot(ws.root) == before


# -------------------------------------------------------------------------------------- control


def test_start_then_move_through_the_steps(ws: Workshop) -> None:
    ws.new()
    assert ws.report()["session"]["status"] == "waiting"
    assert ws.ok("control", "s", "start").stdout.strip() == f"now at {qid('intro')}: Intro"
    assert ws.report()["session"]["status"] == "running"
    assert all(p["status"] == "waiting" for p in ws.report()["polls"])

    assert ws.ok("control", "s", "next").stdout.strip() == f"now at {qid('pick')}: Pick one"
    assert ws.poll("pick")["status"] == "open"

    assert ws.ok("control", "s", "next").stdout.strip() == f"now at {qid('many')}: Pick some"
    polls = {p["id"]: p["status"] for p in ws.report()["polls"]}
    assert polls[qid("pick")] == "closed" and polls[qid("many")] == "open"

    assert ws.ok("control", "s", "prev").stdout.strip() == f"now at {qid('pick')}: Pick one"
    polls = {p["id"]: p["status"] for p in ws.report()["polls"]}
    assert polls[qid("pick")] == "open" and polls[qid("many")] == "closed"

    assert ws.ok("control", "s", "goto", "order").stdout.strip() == f"now at {qid('order')}: Rank"
    assert ws.ok("control", "s", "goto", qid("dots")).stdout.strip() == f"now at {qid('dots')}: Dots"
    polls = {p["id"]: p["status"] for p in ws.report()["polls"]}
    assert polls[qid("dots")] == "open" and polls[qid("order")] == "closed"
    assert polls[qid("fist")] == "waiting"  # skipped over, never opened


def test_start_twice_is_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "start", says="already started")


def test_prev_at_the_first_and_next_at_the_last_step_are_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "prev", says="first step")
    ws.ok("control", "s", "goto", "secret")
    ws.refused("control", "s", "next", says="last step")


def test_goto_an_unknown_step_is_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "goto", "nowhere", says="no step “nowhere”")
    ws.refused("control", "s", "goto", "other-module/pick", says="no step")
    ws.refused("control", "s", "goto", says="needs a step id")


def test_unknown_action_is_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "dance", says="unknown action “dance”")


def test_pause_and_resume(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("control", "s", "resume", says="not paused")
    assert ws.ok("control", "s", "pause").stdout.strip() == "paused"
    assert ws.report()["session"]["status"] == "paused"
    ws.refused("control", "s", "pause", says="already paused")
    assert ws.ok("control", "s", "resume").stdout.strip() == "resumed"
    assert ws.report()["session"]["status"] == "running"


def test_extend_lengthens_and_shortens_the_current_step(ws: Workshop) -> None:
    ws.started_at("pick")
    assert ws.ok("control", "s", "extend", "2").stdout.strip() == "Pick one: +2 min"
    planned = {s["id"]: s["planned_seconds"] for s in ws.report()["steps"]}
    assert planned[qid("pick")] == 120 + 120
    assert planned[qid("intro")] == 120 and planned[qid("many")] == 120
    assert ws.ok("control", "s", "extend", "-1").stdout.strip() == "Pick one: -1 min"
    planned = {s["id"]: s["planned_seconds"] for s in ws.report()["steps"]}
    assert planned[qid("pick")] == 120 + 60
    ws.ok("control", "s", "extend")  # one minute by default
    planned = {s["id"]: s["planned_seconds"] for s in ws.report()["steps"]}
    assert planned[qid("pick")] == 120 + 120


@pytest.mark.parametrize(
    ("arg", "says"),
    [
        ("lots", "whole minutes"),
        ("1.5", "whole minutes"),
        ("0", "1 to 120"),
        ("121", "1 to 120"),
        ("", "whole minutes"),
    ],
)
def test_extend_with_a_bad_number_is_refused(ws: Workshop, arg: str, says: str) -> None:
    ws.started_at("pick")
    ws.refused("control", "s", "extend", arg, says=says)
    assert ws.report()["steps"][1]["planned_seconds"] == 120


def test_close_and_reopen_a_poll(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.refused("control", "s", "reopen", says="not closed")
    assert ws.ok("control", "s", "close").stdout.strip() == "Pick one: poll closed"
    assert ws.poll("pick")["status"] == "closed"
    ws.refused("control", "s", "close", says="not open")
    ws.refused("vote", "s", "--name", "Ana", "Coaching", says="closed")
    # going away and back does not reopen a poll the facilitator closed
    ws.ok("control", "s", "next")
    ws.ok("control", "s", "prev")
    assert ws.poll("pick")["status"] == "closed"
    assert ws.ok("control", "s", "reopen").stdout.strip() == "Pick one: poll reopened"
    assert ws.poll("pick")["status"] == "open"
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    assert ws.poll("pick")["ballots"] == 1


def test_close_a_poll_by_its_step_id(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("control", "s", "next")
    ws.ok("control", "s", "close", "many")
    ws.ok("control", "s", "reopen", "pick")
    polls = {p["id"]: p["status"] for p in ws.report()["polls"]}
    assert polls[qid("many")] == "closed" and polls[qid("pick")] == "open"
    ws.refused("control", "s", "close", "nosuch", says="no poll “nosuch”")


def test_poll_actions_on_a_step_without_a_poll_are_refused(ws: Workshop) -> None:
    ws.started_at("intro")
    for action in ("close", "reopen", "reset", "reveal"):
        ws.refused("control", "s", action, says="has no poll")


def test_reset_drops_the_ballots_so_far(ws: Workshop) -> None:
    path = ws.started_at("dots")
    ws.ok("vote", "s", "--name", "Ana", "Coaching=2")
    ws.ok("vote", "s", "--name", "Bo", "Quality=3")
    assert ws.ok("control", "s", "reset").stdout.strip() == "Dots: poll reset, its ballots no longer count"
    poll = ws.poll("dots")
    assert (poll["ballots"], poll["resets"], poll["status"]) == (0, 1, "open")
    assert ws.rows("dots") == {"Coaching": 0, "Planning": 0, "Quality": 0}
    assert path.read_text("utf-8").count('type = "ballot"') == 2  # the journal keeps them
    ws.ok("vote", "s", "--name", "Ana", "Planning")
    assert ws.rows("dots") == {"Coaching": 0, "Planning": 1, "Quality": 0}


def test_reveal_shows_a_manual_poll(ws: Workshop) -> None:
    path = ws.started_at("dots")
    ws.ok("vote", "s", "--name", "Ana", "Coaching=2")
    view = sessions.Session.open(path).state().polls[qid("dots")]
    assert not view.visible  # manual: hidden until revealed, even while open
    assert ws.ok("control", "s", "reveal").stdout.strip() == "Dots: results shown"
    view = sessions.Session.open(path).state().polls[qid("dots")]
    assert view.revealed and view.visible
    assert ws.rows("dots")["Coaching"] == 2


def test_end_closes_the_open_poll_and_ends_the_session(ws: Workshop) -> None:
    ws.started_at("many")
    ws.ok("vote", "s", "--name", "Ana", "1")
    assert ws.ok("control", "s", "end").stdout.strip() == "session ended"
    data = ws.report()
    assert data["session"]["status"] == "ended"
    assert {p["id"]: p["status"] for p in data["polls"]}[qid("many")] == "closed"
    assert ws.rows("many")["Coaching"] == 1


ACTIONS = [
    ["start"],
    ["next"],
    ["prev"],
    ["goto", "pick"],
    ["pause"],
    ["resume"],
    ["extend", "2"],
    ["extend", "-1"],
    ["close"],
    ["reopen"],
    ["reset"],
    ["reveal"],
    ["end"],
]


@pytest.mark.parametrize("action", [a for a in ACTIONS if a != ["start"]], ids=" ".join)
def test_actions_before_start_are_refused(ws: Workshop, action: list[str]) -> None:
    ws.new()
    ws.refused("control", "s", *action, says="start")
    assert ws.report()["session"]["status"] == "waiting"


@pytest.mark.parametrize("action", ACTIONS, ids=" ".join)
def test_actions_after_end_are_refused(ws: Workshop, action: list[str]) -> None:
    ws.started_at("pick")
    ws.ok("control", "s", "end")
    ws.refused("control", "s", *action, says="has ended")


def test_voting_after_end_is_refused(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("control", "s", "end")
    ws.refused("vote", "s", "--name", "Ana", "Coaching", says="the session has ended")
    ws.refused("vote", "s", "--name", "Ana", "--poll", "many", "Coaching", says="the session has ended")


# ----------------------------------------------------------------------------------------- vote


def test_single_votes_by_label_any_case_or_number(ws: Workshop) -> None:
    ws.started_at("pick")
    for name, value in [("Ana", "Planning"), ("Bo", "2"), ("Cy", "quality")]:
        assert ws.ok("vote", "s", "--name", name, value).stdout.strip() == f"ballot recorded on {qid('pick')}"
    poll = ws.poll("pick")
    assert poll["ballots"] == 3 and poll["kind"] == "single"
    assert ws.rows("pick") == {"Coaching": 0, "Planning": 2, "Quality": 1}


def test_multi_counts_each_choice(ws: Workshop) -> None:
    ws.started_at("many")
    ws.ok("vote", "s", "--name", "Ana", "1", "Quality")
    ws.ok("vote", "s", "--name", "Bo", "coaching")
    assert ws.rows("many") == {"Coaching": 2, "Planning": 0, "Quality": 1}
    assert ws.poll("many")["ballots"] == 2


def test_scale_reports_the_distribution_mean_and_median(ws: Workshop) -> None:
    ws.started_at("fist")
    for name, value in [("Ana", "5"), ("Bo", "2"), ("Cy", "2")]:
        ws.ok("vote", "s", "--name", name, value)
    poll = ws.poll("fist")
    assert poll["results"]["mean"] == 3.0 and poll["results"]["median"] == 2
    assert ws.rows("fist") == {"0 not at all": 0, "1": 0, "2": 2, "3": 0, "4": 0, "5 fully": 1}


def test_dots_add_up_per_option(ws: Workshop) -> None:
    ws.started_at("dots")
    ws.ok("vote", "s", "--name", "Ana", "Coaching=3", "Quality=2")
    ws.ok("vote", "s", "--name", "Bo", "Coaching", "planning=2")  # a bare label is one dot
    ws.ok("vote", "s", "--name", "Cy", "3=1")  # options by number too
    assert ws.rows("dots") == {"Coaching": 4, "Planning": 2, "Quality": 3}
    poll = ws.poll("dots")
    assert poll["results"]["unit"] == "dots" and poll["ballots"] == 3


def test_rank_is_tallied_by_borda_points(ws: Workshop) -> None:
    ws.started_at("order")
    ws.ok("vote", "s", "--name", "Ana", "Trust", "Goals", "Change", "Letting go")  # 3 2 1 0
    ws.ok("vote", "s", "--name", "Bo", "2", "1", "3", "4")  # Goals 3, Trust 2, Change 1
    ws.ok("vote", "s", "--name", "Cy", "change", "trust", "goals", "letting go")  # Change 3, Trust 2, Goals 1
    rows = ws.poll("order")["results"]["rows"]
    assert [(r["label"], r["value"]) for r in rows] == [
        ("Trust", 7),
        ("Goals", 6),
        ("Change", 5),
        ("Letting go", 0),
    ]
    assert ws.poll("order")["results"]["unit"] == "points"


def test_text_answers_are_grouped_by_frequency(ws: Workshop) -> None:
    ws.started_at("word")
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    ws.ok("vote", "s", "--name", "Bo", "coaching.")
    ws.ok("vote", "s", "--name", "Cy", "More", "time")  # words join into one answer
    ws.ok("vote", "s", "--name", "Di", "  COACHING!  ")
    rows = ws.poll("word")["results"]["rows"]
    assert [(r["label"], r["value"]) for r in rows] == [("Coaching", 3), ("More time", 1)]
    assert ws.poll("word")["ballots"] == 4


def test_a_second_ballot_from_the_same_name_replaces_the_first(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    ws.ok("vote", "s", "--name", "Ana", "Quality")
    ws.ok("vote", "s", "--name", "ana", "Planning")  # names match without case
    data = ws.report()
    assert ws.poll("pick")["ballots"] == 1
    assert ws.rows("pick") == {"Coaching": 0, "Planning": 1, "Quality": 0}
    assert [p["name"] for p in data["participants"]] == ["Ana"]


def test_a_second_dots_ballot_replaces_rather_than_adds(ws: Workshop) -> None:
    ws.started_at("dots")
    ws.ok("vote", "s", "--name", "Ana", "Coaching=3", "Quality=2")
    ws.ok("vote", "s", "--name", "Ana", "Planning=1")
    assert ws.rows("dots") == {"Coaching": 0, "Planning": 1, "Quality": 0}
    assert ws.poll("dots")["ballots"] == 1


@pytest.mark.parametrize(
    ("step", "values", "says"),
    [
        ("pick", ["Nothing"], "no option 'Nothing'"),
        ("pick", ["0"], "no option '0'"),
        ("pick", ["4"], "no option '4'"),
        ("pick", ["Coaching", "Quality"], "exactly one"),
        ("many", ["1", "2", "3"], "at most 2 options"),
        ("many", ["Coaching", "coaching"], "chosen twice"),
        ("many", ["Hiring"], "no option 'Hiring'"),
        ("fist", ["6"], "outside the scale 0 to 5"),
        ("fist", ["-1"], "outside the scale 0 to 5"),
        ("fist", ["lots"], "not a number"),
        ("fist", ["2", "3"], "one number"),
        ("dots", ["Coaching=3", "Quality=3"], "over the budget of 5"),
        ("dots", ["Coaching=2", "Planning=2", "Quality=2"], "over the budget of 5"),
        ("dots", ["Coaching=4"], "over the cap of 3"),
        ("dots", ["Coaching=2", "coaching=2"], "over the cap of 3"),
        ("dots", ["Coaching=lots"], "option=dots"),
        ("dots", ["Hiring=1"], "no option 'Hiring'"),
        ("dots", ["Coaching=0"], "at least one dot"),
        ("order", ["Trust", "Trust", "Change", "Goals"], "ranked twice"),
        ("order", ["Trust", "Goals", "Change"], "missing 'Letting go'"),
        ("order", ["1", "2", "3", "5"], "no option '5'"),
        ("word", [" "], "cannot be empty"),
        ("word", ["x" * 61], "at most 60 characters"),
    ],
)
def test_invalid_ballots_are_refused_with_the_reason(ws: Workshop, step: str, values: list[str], says: str) -> None:
    ws.started_at(step)
    line = ws.refused("vote", "s", "--name", "Ana", *values, says=says)
    assert line.startswith("error: ballot refused: ")
    assert ws.poll(step)["ballots"] == 0


@pytest.mark.parametrize(
    ("step", "values"),
    [
        ("pick", ["²"]),  # str.isdigit() is true for a superscript two, int() refuses it
        ("dots", ["Coaching=²"]),
        ("dots", ["Coaching=100000000000000000000"]),
    ],
)
def test_odd_numbers_in_a_ballot_are_refused_not_crashed_on(ws: Workshop, step: str, values: list[str]) -> None:
    ws.started_at(step)
    ws.refused("vote", "s", "--name", "Ana", *values, says="ballot refused")


def test_a_refused_ballot_keeps_the_earlier_one(ws: Workshop) -> None:
    ws.started_at("dots")
    ws.ok("vote", "s", "--name", "Ana", "Coaching=2")
    ws.refused("vote", "s", "--name", "Ana", "Coaching=4", says="over the cap")
    assert ws.rows("dots")["Coaching"] == 2


def test_voting_needs_a_poll_on_the_current_step(ws: Workshop) -> None:
    ws.new()
    ws.refused("vote", "s", "--name", "Ana", "1", says="no poll is open")
    ws.ok("control", "s", "start")
    ws.refused("vote", "s", "--name", "Ana", "1", says="the current step has none")
    assert ws.report()["participants"] == []


def test_vote_on_a_named_poll(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("control", "s", "next")  # moving on closes `pick`
    ws.refused("vote", "s", "--name", "Ana", "--poll", "pick", "Coaching", says="closed")
    ws.refused("vote", "s", "--name", "Ana", "--poll", "dots", "Coaching", says="not open yet")
    ws.refused("vote", "s", "--name", "Ana", "--poll", "nosuch", "Coaching", says="no poll “nosuch”")
    ws.refused("vote", "s", "--name", "Ana", "--poll", "intro", "Coaching", says="no poll “intro”")
    ws.ok("control", "s", "reopen", "pick")  # open again while the session stands on `many`
    result = ws.ok("vote", "s", "--name", "Ana", "--poll", "pick", "Quality")
    assert result.stdout.strip() == f"ballot recorded on {qid('pick')}"
    ws.ok("vote", "s", "--name", "Bo", "--poll", qid("many"), "Planning")
    ws.ok("vote", "s", "--name", "Cy", "Coaching")  # no --poll: the current step's poll
    assert ws.rows("pick") == {"Coaching": 0, "Planning": 0, "Quality": 1}
    assert ws.rows("many") == {"Coaching": 1, "Planning": 1, "Quality": 0}


def test_anonymous_ballots_store_no_name_and_count_once(ws: Workshop) -> None:
    path = ws.started_at("secret")
    first = ws.ok("vote", "s", "--name", "Ana", "Yes")
    assert first.stdout.strip() == f"ballot recorded on {qid('secret')} (anonymous)"
    ws.ok("vote", "s", "--name", "Ana", "No")
    ws.ok("vote", "s", "--name", "Bo", "No")
    events = tomllib.loads(path.read_text("utf-8"))["events"]
    ballots = [e for e in events if e["type"] == "ballot"]
    assert len(ballots) == 3
    assert all("name" not in b for b in ballots)
    participants = {e["participant"] for e in events if e["type"] == "join"}
    assert not participants & {b["participant"] for b in ballots}  # not linkable to a join
    blocks = [b for b in path.read_text("utf-8").split("[[events]]") if 'type = "ballot"' in b]
    assert len(blocks) == 3
    assert all("name = " not in b and "Ana" not in b and "Bo" not in b for b in blocks)
    poll = ws.poll("secret")
    assert poll["anonymous"] is True and poll["ballots"] == 2
    assert ws.rows("secret") == {"Yes": 0, "No": 2, "Unsure": 0}


def test_named_ballots_do_store_the_name(ws: Workshop) -> None:
    path = ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "Coaching")
    ballot = [e for e in tomllib.loads(path.read_text("utf-8"))["events"] if e["type"] == "ballot"][0]
    assert ballot["name"] == "Ana"


# ----------------------------------------------------------------------------------------- note


def test_notes_with_and_without_a_name_and_action_items(ws: Workshop) -> None:
    ws.new()
    ws.refused("note", "s", "too early", says="not started")
    ws.ok("control", "s", "start")
    assert ws.ok("note", "s", "Book the room", "--action").stdout.startswith("note ")
    ws.ok("note", "s", "--name", "Bo", "Rota is late")
    ws.ok("control", "s", "goto", "pick")
    ws.ok("note", "s", "--name", "Cy", "--action", "Ask HR")
    notes = ws.report()["notes"]
    assert [(n["step"], n["author"], n["text"], n["action"]) for n in notes] == [
        (qid("intro"), "facilitator", "Book the room", True),
        (qid("intro"), "Bo", "Rota is late", False),
        (qid("pick"), "Cy", "Ask HR", True),
    ]
    assert [p["name"] for p in ws.report()["participants"]] == ["Bo", "Cy"]


def test_a_note_with_only_whitespace_is_refused(ws: Workshop) -> None:
    ws.started_at()
    ws.refused("note", "s", "   ", says="cannot be empty")
    ws.refused("note", "s", "", says="cannot be empty")
    assert ws.report()["notes"] == []


# --------------------------------------------------------------------------------------- report


def test_markdown_report_has_the_questions_results_and_action_items(ws: Workshop) -> None:
    ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "Planning")
    ws.ok("note", "s", "Book the room", "--action")
    ws.ok("note", "s", "Just a thought")
    md = ws.ok("report", "s", "--format", "md").stdout
    assert md == ws.ok("report", "s").stdout  # md is the default
    for question in [
        "Which first?",
        "Which matter most?",
        "How ready are we?",
        "Where to invest?",
        "Hardest first?",
        "One word for today?",
        "Is the rota fair?",
    ]:
        assert f"### {question}" in md
    actions = md.split("## Action items", 1)[1].split("## ", 1)[0]
    assert "Book the room (facilitator)" in actions
    assert "Just a thought" not in actions
    assert "Just a thought" in md.split("## Notes", 1)[1]
    assert "- Planning: 1 vote " in md


def test_report_to_a_file(ws: Workshop) -> None:
    ws.started_at()
    ws.ok("note", "s", "Book the room", "--action")
    md_out = ws.root / "out" / "r.md"
    md_out.parent.mkdir()
    result = ws.ok("report", "s", "-o", str(md_out))
    assert result.stdout.strip() == str(md_out)
    assert "Book the room" in md_out.read_text("utf-8")
    json_out = ws.root / "out" / "r.json"
    ws.ok("report", "s", "--format", "json", "--output", str(json_out))
    data = json.loads(json_out.read_text("utf-8"))
    assert data["session"]["id"] == "s" and data["notes"][0]["text"] == "Book the room"


def test_report_in_an_unknown_format_is_refused(ws: Workshop) -> None:
    ws.started_at()
    out = ws.root / "r.xml"
    ws.refused("report", "s", "--format", "xml", says="unknown format “xml”")
    ws.refused("report", "s", "--format", "xml", "-o", str(out), says="unknown format")
    assert not out.exists()


def test_report_on_a_session_that_does_not_exist(ws: Workshop) -> None:
    ws.new()
    ws.refused("report", "nosuch", says="no session “nosuch”")
    ws.refused("report", str(ws.root / "nowhere.toml"), says="no such session file")


# ----------------------------------------------------------------------- session by name or path


def test_a_session_can_be_named_by_its_file(ws: Workshop) -> None:
    path = ws.new()
    ws.new("other")
    assert ws.ok("control", str(path), "start").stdout.strip() == f"now at {qid('intro')}: Intro"
    ws.ok("control", str(path), "goto", "pick")
    ws.ok("vote", str(path), "--name", "Ana", "Coaching")
    ws.ok("note", str(path), "by path")
    by_path = json.loads(ws.ok("report", str(path), "--format", "json").stdout)
    by_name = ws.report("s")
    assert by_path["session"]["id"] == by_name["session"]["id"] == "s"
    assert by_path["notes"] == by_name["notes"] and by_path["polls"] == by_name["polls"]
    assert by_name["notes"][0]["text"] == "by path"
    assert ws.rows("pick")["Coaching"] == 1
    assert ws.report("other")["session"]["status"] == "waiting"  # the other session is untouched


def test_a_relative_path_to_the_file_works_too(ws: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    ws.new()
    monkeypatch.chdir(ws.root)
    ws.ok("control", "sessions/s.toml", "start")
    assert ws.report("s")["session"]["status"] == "running"
