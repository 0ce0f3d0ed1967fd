"""`join --plain` takes part in what the room makes by typed commands: idea, ask, upvote,
questions, hand, react; each answered in one sentence, refusals too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests import by_name
from tests.support import room_plan
from workshop import plain, sessions


def test_ideas_questions_hands_and_reactions_by_typed_commands(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    path = sessions.create(room_plan(), tmp_path, "room", "Sam", clock=lambda: now, code="ROOMXX")
    s = sessions.Session.open(path, lambda: now)
    s.start()
    s.goto("ideas")
    person = s.join("Ana")
    said: list[str] = []
    for line in ("idea More coaching", "idea", "hand", "hand", "react slower", "react boo", "ask Why?"):
        plain._command(s, person, line, said.append)
    assert said == [
        "Idea i1 added to “Ideas”.",
        "Sorry: an idea cannot be empty.",
        "Hand up: 1 in the queue.",
        "Hand down.",
        "Slower: counted.",
        "Sorry: unknown reaction 'boo': agree, disagree, slower, louder.",
        "Sorry: questions are asked on a Q&A step, or once the facilitator opens Q&A.",
    ]
    s.goto("questions")
    said.clear()
    by_name.ask(s, "Bo", "Who decides?")
    for line in ("ask When do we start?", "upvote q1", "upvote 1", "questions"):
        plain._command(s, person, line, said.append)
    assert said == [
        "Your question is q2.",
        "Upvoted q1 (1).",
        "You have already upvoted q1: one upvote per person (ignored).",
        "Questions, most upvoted first: q1: Who decides?, 1 upvote; q2: When do we start?, 0 upvotes.",
    ]
    heard: list[str] = []
    plain.Transcript(person.token, heard.append).follow(s.state())
    assert any(line.startswith("Questions are open") for line in heard)
