"""The room's commands, scripted end to end: a brainstorm of five ideas, a duplicate merged, a
dots poll built from the ideas, ballots, three questions with upvotes; the JSON report holds
exactly the expected ideas, options, tallies and question order. Refusals write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import snapshot
from tests.support import ROOM_MODULE
from workshop.cli import app


class Room:
    def __init__(self, root: Path) -> None:
        self.content, self.sessions = root / "content", root / "sessions"
        self.content.mkdir(parents=True)
        (self.content / "room.toml").write_text(ROOM_MODULE, "utf-8")

    def run(self, *args: str):
        return CliRunner().invoke(app, [*args, "--sessions-dir", str(self.sessions)])

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result.stdout.strip()

    def refused(self, *args: str, says: str) -> None:
        before = snapshot(self.sessions)
        result = self.run(*args)
        assert result.exit_code == 2 and result.stderr.startswith("error: ") and says in result.stderr, (
            args,
            result.stderr,
        )
        assert len(result.stderr.splitlines()) == 1 and snapshot(self.sessions) == before


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Room:
    monkeypatch.delenv("WORKSHOP_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    r = Room(tmp_path)
    r.ok("new", "room", "--name", "s", "--path", str(r.content))
    return r


def test_a_scripted_brainstorm_vote_and_questions(room: Room) -> None:
    room.ok("control", "s", "start")
    room.refused("idea", "s", "--name", "Ana", "Too soon", says="brainstorm step")
    room.ok("control", "s", "next")
    ideas = [
        ("Ana", "More coaching"),
        ("Bo", "Fewer metrics"),
        ("Cy", "More coaching!"),
        ("Di", "Shadow a peer"),
        ("Ed", "Quiet hour"),
    ]
    said = [room.ok("idea", "s", "--name", name, text) for name, text in ideas]
    assert said[0] == "idea i1 added to “Ideas”" and said[4].startswith("idea i5")
    room.refused("idea", "s", "--name", "Ana", "x" * 281, says="at most 280")
    assert room.ok("control", "s", "merge", "i3", "i1") == "idea i3 merged into i1"
    room.refused("control", "s", "merge", "i3", says="merge needs two ideas")
    assert room.ok("control", "s", "next").endswith("4 options from the ideas of “Ideas”")
    room.ok("vote", "s", "--name", "Ana", "More coaching=2", "Quiet hour")
    room.ok("vote", "s", "--name", "Bo", "Fewer metrics", "Shadow a peer", "Quiet hour")
    room.ok("vote", "s", "--name", "Cy", "1=3")
    room.ok("control", "s", "goto", "questions")
    assert [
        room.ok("ask", "s", "--name", n, t)
        for n, t in (("Ana", "Who decides?"), ("Bo", "When do we start?"), ("Cy", "What budget?"))
    ] == ["q1", "q2", "q3"]
    room.ok("upvote", "s", "--name", "Ana", "q2")
    room.ok("upvote", "s", "--name", "Cy", "q2")
    room.ok("upvote", "s", "--name", "Di", "q3")
    assert "ignored" in room.ok("upvote", "s", "--name", "Ana", "2")
    room.refused("upvote", "s", "--name", "Ana", "q9", says="no question “q9”")
    room.ok("control", "s", "answered", "q2")
    data = json.loads(room.ok("report", "s", "--format", "json"))
    assert [(i["id"], i["text"], i["author"], i["merged_into"], i["hidden"]) for i in data["ideas"]] == [
        ("i1", "More coaching", "Ana", None, False),
        ("i2", "Fewer metrics", "Bo", None, False),
        ("i3", "More coaching!", "Cy", "i1", False),
        ("i4", "Shadow a peer", "Di", None, False),
        ("i5", "Quiet hour", "Ed", None, False),
    ]
    poll = next(p for p in data["polls"] if p["id"] == "room/vote")
    assert poll["options"] == ["More coaching", "Fewer metrics", "Shadow a peer", "Quiet hour"]
    assert poll["options_from"] == "ideas" and poll["ideas"] == ["i1", "i2", "i4", "i5"]
    assert {r["label"]: r["value"] for r in poll["results"]["rows"]} == {
        "More coaching": 5,
        "Fewer metrics": 1,
        "Shadow a peer": 1,
        "Quiet hour": 2,
    }
    assert [(q["id"], q["votes"], q["answered"]) for q in data["questions"]] == [
        ("q2", 2, True),
        ("q3", 1, False),
        ("q1", 0, False),
    ]
    markdown = room.ok("report", "s")
    assert "## Ideas" in markdown and "## Questions" in markdown


def test_hands_reactions_and_the_qa_switch(room: Room) -> None:
    room.ok("control", "s", "start")
    room.refused("ask", "s", "--name", "Ana", "Now?", says="Q&A")
    assert room.ok("control", "s", "qa", "on").startswith("Q&A on")
    assert room.ok("ask", "s", "--name", "Ana", "--anonymous", "Now?") == "q1"
    assert room.ok("hand", "s", "--name", "Ana") == "hand up: 1 in the queue"
    room.ok("hand", "s", "--name", "Bo")
    room.refused("hand", "s", "--name", "Bo", says="already up")
    assert room.ok("control", "s", "call").startswith("Ana has the word")
    assert room.ok("hand", "s", "--name", "Bo", "--down") == "hand down"
    room.refused("control", "s", "call", says="no hand is up")
    room.ok("react", "s", "--name", "Cy", "louder")
    room.refused("react", "s", "--name", "Cy", "boo", says="unknown reaction")
    room.refused("control", "s", "qa", "maybe", says="on or off")
    data = json.loads(room.ok("report", "s", "--format", "json"))
    intro = data["steps"][0]
    assert (intro["hands"], intro["called"], intro["reactions"]) == (2, 1, {"louder": 1})
    assert data["questions"][0]["author"] is None
    assert "Hands and reactions" in room.ok("report", "s", "--format", "html")


def test_validate_names_a_bad_options_from_with_its_line(room: Room) -> None:
    bad = ROOM_MODULE.replace('options_from = "ideas"', 'options_from = "idea"')
    (room.content / "room.toml").write_text(bad, "utf-8")
    result = CliRunner().invoke(app, ["validate", str(room.content / "room.toml")])
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "options_from" in text)
    assert result.exit_code == 2
    assert f"room.toml:{line}:" in result.stdout + result.stderr
    assert "names no brainstorm step of this module (did you mean 'ideas'?)" in result.stdout + result.stderr


def test_ideas_and_questions_are_escaped_in_the_reports(room: Room) -> None:
    room.ok("control", "s", "start")
    room.ok("control", "s", "next")
    room.ok("idea", "s", "--name", "Ana", "<script>alert(1)</script> [b]*x*[/b] \u202eevil")
    room.ok("control", "s", "qa", "on")
    room.ok("ask", "s", "--name", "Bo", "<img src=x onerror=alert(1)>?")
    html = room.ok("report", "s", "--format", "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<bdi>" in html
    markdown = room.ok("report", "s")
    assert r"\<script\>" in markdown and r"\*x\*" in markdown and "\u2068" in markdown  # isolated


def test_the_html_report_has_word_clouds_of_ideas_and_text_answers(room: Room) -> None:
    room.ok("control", "s", "start")
    room.ok("control", "s", "goto", "secret")
    for name, text in (("Ana", "Coaching every week"), ("Bo", "coaching <b>now</b>"), ("Cy", "Quiet hour")):
        room.ok("idea", "s", "--name", name, text)
    html = room.ok("report", "s", "--format", "html")
    assert '<p class="cloud">' in html and '<span class="w4"><bdi>Coaching</bdi></span>' in html
    assert "<b>now" not in html
    assert html == room.ok("report", "s", "--format", "html")  # the same cloud every time
