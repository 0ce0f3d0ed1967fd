"""After the room, scripted end to end: a session with a consent poll over two rounds, two
decisions and four actions; a follow-up in which people rejoin with their rejoin codes, two
actions are done (one by its owner), one blocked and one dropped, and both polls are asked again;
then `decisions`, `compare` and `actions --chain` checked against results computed by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Workshop

MODULE = """
id = "rota"
title = "The new rota"
summary = "A proposal, its consent check, a confidence scale and the commitments."
minutes = 12

[source]
title = "A test article"
author = "Test Author"
publisher = "Test Press"

[[steps]]
id = "intro"
title = "Intro"
kind = "talk"
minutes = 2
prompt = "Welcome."

[[steps]]
id = "agree"
title = "Do we agree?"
kind = "poll"
minutes = 4
prompt = "Show a fist or fingers."

[steps.poll]
question = "Can you live with the new rota from January?"
vote = "consent"

[[steps]]
id = "confidence"
title = "How confident?"
kind = "poll"
minutes = 3
prompt = "From 0 to 5."

[steps.poll]
question = "How confident are you that the rota will hold?"
vote = "scale"
min = 0
max = 5
anonymous = true

[[steps]]
id = "commit"
title = "Commitments"
kind = "notes"
minutes = 3
prompt = "Who does what, by when?"
"""

D1 = "We pilot the new rota in one team first"
D2 = "Coaching time is protected every week"
ROUND_1 = (
    "rota/agree, round 1: “Can you live with the new rota from January?” · 4 ballots · 0 block: 1 · "
    "1 serious concerns: 1 · 2 concerns: 0 · 3 can live with it: 0 · 4 support: 1 · 5 full support: 1 · "
    "No consent: 2 under 3"
)
ROUND_2 = (
    "rota/agree, round 2: “Can you live with a pilot in one team first?” · 4 ballots · 0 block: 0 · "
    "1 serious concerns: 0 · 2 concerns: 0 · 3 can live with it: 2 · 4 support: 1 · 5 full support: 1 · "
    "Consent ✓ 4 of 4 at 3 or more"
)


def note_id(said: str) -> str:
    return re.search(r"note ([0-9a-f]{8}) added", said).group(1)


class Room:
    """Runs the session: each person's rejoin code is kept as they first join."""

    def __init__(self, ws: Workshop) -> None:
        self.ws = ws
        self.codes: dict[str, str] = {}

    def vote(self, session: str, name: str, value: str) -> None:
        args = ["vote", session, "--name", name, value]
        if session != "first":
            args[4:4] = ["--rejoin", self.codes[name]]
        done = self.ws.ok(*args)
        if found := re.search(r"rejoin code is (\w+)", done.stderr):
            self.codes[name] = found.group(1)


@pytest.fixture
def chain(ws: Workshop) -> tuple[Workshop, dict[str, str], Room]:
    content = ws.root / "rota-content"
    content.mkdir()
    (content / "rota.toml").write_text(MODULE, encoding="utf-8")
    room = Room(ws)
    ws.ok("new", "rota", "--name", "first", "--path", str(content), "--facilitator", "Sam")
    ws.ok("control", "first", "start")
    ws.ok("control", "first", "next")
    for name, value in (("Ana", "1"), ("Bo", "4"), ("Cy", "0"), ("Di", "5")):
        room.vote("first", name, value)
    ws.ok("control", "first", "objections")
    ws.ok("note", "first", "--name", "Ana", "--rejoin", room.codes["Ana"], "Too soon for my team")
    ws.ok("note", "first", "--name", "Cy", "--rejoin", room.codes["Cy"], "Needs WFM on board")
    ws.ok("control", "first", "revote", "--wording", "Can you live with a pilot in one team first?")
    for name, value in (("Ana", "3"), ("Bo", "4"), ("Cy", "3"), ("Di", "5")):
        room.vote("first", name, value)
    ws.ok("control", "first", "goto", "confidence")
    for name, value in (("Ana", "2"), ("Bo", "3"), ("Cy", "1")):
        room.vote("first", name, value)
    ws.ok("control", "first", "goto", "commit")
    ids = {
        "wfm": note_id(ws.ok("note", "first", "--owner", "Ana", "--due", "2026-12-15", "Book the WFM review").stdout),
        "rota": note_id(ws.ok("note", "first", "--owner", "Bo", "--due", "2026-12-20", "Draft the pilot rota").stdout),
        "brief": note_id(ws.ok("note", "first", "--owner", "Cy", "Brief the team leaders").stdout),
        "slides": note_id(ws.ok("note", "first", "--owner", "Di", "Share the slides").stdout),
    }
    said = ws.ok("decide", "first", D1, "--from", "agree", "--action", ids["wfm"], "--action", ids["rota"]).stdout
    assert said.startswith("decision d1 recorded: “We pilot the new rota in one team first”, 2 action(s)")
    ws.ok("decide", "first", D2, "--action", ids["brief"], "--action", ids["slides"][:5])
    ws.ok("control", "first", "end")

    made = ws.ok("followup", "first", "--name", "second", "--repeat", "agree", "--repeat", "confidence")
    assert made.stdout.strip() == str(ws.file("second"))
    assert "4 people can rejoin with their rejoin codes; 4 open action(s) to review; 2 poll(s)" in made.stderr
    ws.ok("control", "second", "start")  # the review of last time's actions
    ws.ok("review", "second", ids["wfm"], "done", "--name", "Ana", "--rejoin", room.codes["Ana"])
    ws.ok("review", "second", ids["rota"][:4], "done")
    ws.ok("review", "second", ids["brief"], "blocked", "--note", "waiting for IT")
    ws.ok("review", "second", ids["slides"], "dropped", "--note", "nobody asked for them")
    ws.ok("control", "second", "next")
    for name, value in (("Ana", "4"), ("Bo", "5"), ("Cy", "2")):
        room.vote("second", name, value)
    ws.ok("control", "second", "next")
    for name, value in (("Ana", "4"), ("Bo", "3"), ("Di", "5")):
        room.vote("second", name, value)
    ws.ok("control", "second", "next")
    ids["review"] = note_id(ws.ok("note", "second", "--owner", "Bo", "Review the pilot").stdout)
    ws.ok("control", "second", "end")
    return ws, ids, room


@pytest.mark.slow
def test_the_minutes_say_what_was_decided_on_what_and_that_the_file_proves_it(chain) -> None:
    ws, ids, _ = chain
    minutes = json.loads(ws.ok("decisions", "first", "--format", "json").stdout)
    d1, d2 = minutes["decisions"]
    assert (d1["id"], d1["text"], d1["status"], d1["step"]) == ("d1", D1, "in force", "rota/agree")
    assert d1["polls"] == ["rota/agree"] and d1["evidence"] == [ROUND_1, ROUND_2] and d1["evidence_matches"]
    assert d1["objections"] == ["Ana: Too soon for my team", "Cy: Needs WFM on board"]
    assert [(a["text"], a["owner"], a["due"]) for a in d1["actions"]] == [
        ("Book the WFM review", "Ana", "2026-12-15"),
        ("Draft the pilot rota", "Bo", "2026-12-20"),
    ]
    assert (d2["id"], d2["text"], d2["step"], d2["polls"], d2["evidence"]) == ("d2", D2, "rota/commit", [], [])
    assert [(a["text"], a["owner"], a["due"]) for a in d2["actions"]] == [
        ("Brief the team leaders", "Cy", ""),
        ("Share the slides", "Di", ""),
    ]
    v = minutes["verification"]
    events = ws.report("first")["session"]["events"]
    assert v["verified"] and v["participants"] == 4 and v["events"] == events and v["damaged_blocks"] == 0
    assert not v["chain_breaks"] and not v["not_from_facilitator"] and not v["tallies_differ"]
    assert v["sentence"] == (
        f"Verified: the chain of {v['signed_events']} signed events is unbroken and every "
        f"signature is good; {events} events; 4 participants; no damaged block; the tallies "
        "every decision quotes match the ballots in the file."
    )
    markdown = ws.ok("decisions", "first").stdout
    assert f"## d1: {D1} (in force)" in markdown and f"- {ROUND_2}" in markdown
    assert "- Book the WFM review (Ana, 2026-12-15)" in markdown


@pytest.mark.slow
def test_compare_shows_the_shift_who_answered_both_and_the_actions_done(chain) -> None:
    ws, _, _ = chain
    data = json.loads(ws.ok("compare", "first", "second", "--format", "json").stdout)
    polls = {p["id"]: p for p in data["polls"]}
    assert set(polls) == {"rota/agree", "rota/confidence"}
    # agree: the first session's last round 3, 4, 3, 5 (mean 3.75); then Ana 4, Bo 5, Cy 2 (mean 11/3)
    agree = polls["rota/agree"]["differences"][0]
    assert agree["both"] == 3 and agree["both_mean"] == pytest.approx(1 / 3, abs=0.001)  # +1, +1, -1
    assert agree["mean"] == pytest.approx(11 / 3 - 3.75, abs=0.001)
    assert {r["label"]: r["value"] for r in agree["rows"]}["2 concerns"] == 1
    # confidence (anonymous: matched by each person's per-poll token): Ana 2 -> 4, Bo 3 -> 3, Cy and Di once
    confidence = polls["rota/confidence"]["differences"][0]
    assert confidence["both"] == 2 and confidence["both_mean"] == 1.0 and confidence["mean"] == 2.0
    (actions,) = data["actions"]
    assert (
        actions["session"],
        actions["follows"],
        actions["actions"],
        actions["done"],
        actions["blocked"],
        actions["dropped"],
        actions["rate"],
    ) == ("second", "first", 4, 2, 1, 1, 0.5)
    owners = {o["owner"]: (o["done"], o["blocked"], o["dropped"], o["rate"]) for o in actions["by_owner"]}
    assert owners == {"Ana": (1, 0, 0, 1.0), "Bo": (1, 0, 0, 1.0), "Cy": (0, 1, 0, 0.0), "Di": (0, 0, 1, 0.0)}
    decisions = {d["decision"]: (d["actions"], d["done"], d["rate"]) for d in actions["by_decision"]}
    assert decisions == {D1: (2, 2, 1.0), D2: (2, 0, 0.0)}
    table = ws.ok("compare", "first", "second", "--format", "md").stdout
    assert "2 of 4 done (50%); 1 blocked, 1 dropped, 0 still open." in table
    assert "| answered both: their own mean change |  |  | 2 (+1) |" in table


@pytest.mark.slow
def test_actions_across_the_chain_each_with_its_latest_status(chain) -> None:
    ws, ids, _ = chain
    listed = json.loads(ws.ok("actions", "first", "--chain", "--format", "json").stdout)
    assert listed["sessions"] == ["first", "second"]
    rows = {r["id"]: r for r in listed["actions"]}
    assert [
        (rows[ids[k]]["status"], rows[ids[k]]["status_in"], rows[ids[k]]["comment"], rows[ids[k]]["decision"])
        for k in ("wfm", "rota", "brief", "slides", "review")
    ] == [
        ("done", "second", "", D1),
        ("done", "second", "", D1),
        ("blocked", "second", "waiting for IT", D2),
        ("dropped", "second", "nobody asked for them", D2),
        ("open", "second", "", ""),
    ]
    assert [h["by"] for h in rows[ids["wfm"]]["history"]] == ["Ana"]  # the owner, under the name she joined with
    assert [h["by"] for h in rows[ids["rota"]]["history"]] == ["facilitator"]
    assert all(rows[ids[k]]["written_in"] == "first" for k in ("wfm", "rota", "brief", "slides"))
    assert (
        ws.ok("actions", "second", "--chain", "--format", "json").stdout
        == ws.ok("actions", "first", "--chain", "--format", "json").stdout
    )  # from either end, the same chain


@pytest.mark.slow
def test_the_follow_up_starts_with_the_review_and_ends_with_new_actions(chain) -> None:
    ws, _, _ = chain
    report = ws.report("second")
    assert [s["id"] for s in report["steps"]] == [
        "action-review/review",
        "rota/agree",
        "rota/confidence",
        "next-actions/new-actions",
    ]
    assert {p["name"] for p in report["participants"]} == {"Ana", "Bo", "Cy", "Di"}
    header = Path(ws.file("second")).read_text("utf-8")
    assert 'follows = "first"' in header


@pytest.mark.slow
def test_only_owners_review_their_own_actions_and_only_during_the_review(chain, ws: Workshop) -> None:
    _, ids, room = chain
    ws.ok("followup", "second", "--name", "third")
    ws.ok("control", "third", "start")
    ws.refused(
        "review",
        "third",
        ids["brief"],
        "done",
        "--name",
        "Ana",
        "--rejoin",
        room.codes["Ana"],
        says="only its owner (Cy) or the facilitator",
    )
    ws.refused("review", "third", ids["brief"], "blocked", says="say what blocks it")
    ws.refused("review", "third", ids["brief"], "finished", says="done, blocked, dropped or open")
    ws.refused("review", "third", ids["wfm"], "done", says="no action")  # done last time: not carried again
    ws.ok("control", "third", "next")
    ws.refused(
        "review",
        "third",
        ids["brief"],
        "done",
        "--name",
        "Cy",
        "--rejoin",
        room.codes["Cy"],
        says="while the review step runs",
    )


@pytest.mark.slow
def test_decisions_are_amended_and_withdrawn_as_new_events(chain, ws: Workshop) -> None:
    ws.ok("decide", "first", "--amend", "d1", "We pilot the new rota in two teams first", "--why", "Bo's team asked")
    ws.ok("decide", "first", "--withdraw", "d2", "--why", "covered by the budget")
    minutes = json.loads(ws.ok("decisions", "first", "--format", "json").stdout)
    d1, d2 = minutes["decisions"]
    assert (d1["text"], d1["recorded_text"], [c["why"] for c in d1["amended"]]) == (
        "We pilot the new rota in two teams first",
        D1,
        ["Bo's team asked"],
    )
    assert d2["status"] == "withdrawn" and d2["withdrawn"]["why"] == "covered by the budget"
    ws.refused("decide", "first", "--amend", "d2", "Again", says="was withdrawn")
    ws.refused("decide", "first", "--amend", "d9", "Again", says="no decision “d9”")
    ws.refused("decide", "first", says="say what was decided")
    ws.refused("followup", "first", "--repeat", "commit", says="no poll “commit”")
