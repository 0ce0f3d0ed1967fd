"""`join --plain` takes part in what the room makes by typed commands: idea, ask, upvote,
questions, hand, react; each answered in one sentence, refusals too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests import by_name
from tests.support import room_plan
from workshop import plain, sessions
from workshop.sessions.people import Person


def ana_on_ideas(folder: Path) -> tuple[sessions.Session, Person]:
    """A room session started on its brainstorm step `ideas`, and Ana joined."""
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    path = sessions.create(room_plan(), folder, "room", "Sam", clock=lambda: now, code="ROOMXX")
    s = sessions.Session.open(path, lambda: now)
    s.start()
    s.goto("ideas")
    return s, s.join("Ana")


def test_ideas_questions_hands_and_reactions_by_typed_commands(tmp_path: Path) -> None:
    s, person = ana_on_ideas(tmp_path)
    said: list[str] = []
    for line in ("idea More coaching", "idea", "hand", "hand", "react slower", "react boo", "ask Why?"):
        plain._command(s, person, line, said.append)
    assert said == [
        "Idea i1 added to “Ideas”.",
        "Sorry: an idea cannot be empty.",
        "Hand up: 1 in the queue.",
        "Hand down.",
        "Slower: counted.",
        "Sorry: unknown reaction “boo”: agree, disagree, slower, louder.",
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


def test_another_person_s_words_cannot_reorder_a_sentence_in_plain_mode(tmp_path: Path) -> None:
    """An idea or a question holding a right-to-left override (U+202E) was said as typed, inside a
    sentence: on a terminal that orders text, it reversed the rest of the line ("0 upvotes", the
    next question, how to vote). Each is isolated, as on every screen and in reports."""
    s, person = ana_on_ideas(tmp_path)
    by_name.idea(s, "Bo", "More \u202ecoaching")
    s.goto("vote")  # its options are the ideas
    heard: list[str] = []
    plain.Transcript(person.token, heard.append).follow(s.state())
    s.goto("questions")
    by_name.ask(s, "Bo", "Who \u202edecides?")
    plain._command(s, person, "questions", heard.append)
    said = [line for line in heard if "\u202e" in line]
    assert len(said) == 3, heard  # the poll's options, its results, the questions
    idea, question = "\u2068More \u202ecoaching\u202c\u2069", "\u2068Who \u202edecides?\u202c\u2069"
    assert idea in said[0] and idea in said[1] and question in said[2], said


def test_the_join_line_names_the_session_in_the_readers_language(tmp_path: Path) -> None:
    """An agenda with a German title: a German screen reader was told "Sie treten From compromise
    … bei", the English title inside a German sentence."""
    import dataclasses
    import io

    from tests.support import polls_plan
    from workshop import i18n

    plan = polls_plan("Deciding together")
    titled = dataclasses.replace(plan.agenda, variants=(("de", (("title", "Gemeinsam entscheiden"),)),))
    plan = dataclasses.replace(plan, agenda=titled)
    path = sessions.create(plan, tmp_path, "de-title", "Sam", code="ROOMXX")
    out = io.StringIO()
    with i18n.speaking("de"):
        plain.run(sessions.Session.open(path), "Ana", io.StringIO("WRONGX\n"), out)
    first = out.getvalue().splitlines()[0]
    assert first.startswith("Sie treten Gemeinsam entscheiden bei."), first
