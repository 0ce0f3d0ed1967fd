"""Group commit (`SessionFile.together`, what `workshop serve` does with the verbs that arrive
together): the verbs see each other as if run one after another, a refused one costs only
itself, everything is on disk when it returns, and what another process folds is the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store
from workshop.sessions import people
from workshop.sessions.refusals import NameTaken


def _live(folder: Path) -> sessions.Session:
    path = sessions.create(polls_plan(), folder, "group", "Sam")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    return live


def test_verbs_together_see_each_other_and_a_refused_one_costs_only_itself(tmp_path: Path) -> None:
    live = _live(tmp_path)
    ana, other_ana, ben = (people.newcomer(n) for n in ("Ana", "ana", "Ben"))
    results = live.together(
        [
            lambda: live.cast(ana, "polls/pick", ["Coaching"]),  # joins Ana, then her ballot
            lambda: live.cast(other_ana, "polls/pick", ["Planning"]),  # the name is Ana's by now: refused
            lambda: live.cast(ben, "polls/pick", ["Nothing"]),  # not an option: refused
            lambda: live.cast(ben, "polls/pick", ["Quality"]),
            lambda: live.cast(ana, "polls/pick", ["Planning"]),  # Ana changes her mind: it replaces the first
        ]
    )
    assert [r if isinstance(r, str) else type(r).__name__ for r in results] == [
        "ballot recorded on polls/pick",
        "NameTaken",
        "SessionError",
        "ballot recorded on polls/pick",
        "ballot recorded on polls/pick",
    ]
    assert isinstance(results[1], NameTaken) and "Nothing" in str(results[2])
    # what another process reads from the file: two joins, three ballots, two counted
    events = store.load(live.path).events
    assert [e["name"] for e in events if e["type"] == "join"] == ["Ana", "Ben"]
    assert len([e for e in events if e["type"] == "ballot"]) == 3
    counted = sessions.Session.open(live.path).state().polls["polls/pick"].ballots
    assert {(b.name, b.value) for b in counted} == {("Ana", ("Planning",)), ("Ben", ("Quality",))}
    assert live.state().polls["polls/pick"].ballots == counted  # this process's fold is the file's


def test_a_group_is_one_write_and_one_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = _live(tmp_path)
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    voters = [people.newcomer(f"P{n}") for n in range(50)]
    results = live.together([lambda p=p: live.cast(p, "polls/pick", ["Coaching"]) for p in voters])
    assert all(isinstance(r, str) for r in results)
    assert len(synced) == 1  # fifty joins and fifty ballots, durable at once
    assert len(sessions.Session.open(live.path).state().polls["polls/pick"].ballots) == 50


def test_what_others_appended_before_is_folded_before_the_first_verb_checks(tmp_path: Path) -> None:
    live = _live(tmp_path)
    other = sessions.Session.open(live.path)
    other.poll_action("close")  # another process closes the poll; this one has not folded it yet
    [result] = live.together([lambda: live.cast(people.newcomer("Ana"), "polls/pick", ["Coaching"])])
    assert isinstance(result, sessions.SessionError) and "closed" in str(result)
    assert not [e for e in store.load(live.path).events if e["type"] == "ballot"]


def test_a_failed_write_answers_every_verb_with_it_and_the_fold_stays_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = _live(tmp_path)
    ana = people.newcomer("Ana")

    def full(fd: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.files, "write_all", full)
    results = live.together([lambda: live.cast(ana, "polls/pick", ["Coaching"]), lambda: live.note_as(ana, "hi")])
    assert all(isinstance(r, sessions.SessionError) and "the disk is full" in str(r) for r in results)
    monkeypatch.undo()
    assert live.state().participants == ()  # not folded as if written
    assert live.my_ballot(ana, "polls/pick") is None
    live.cast(ana, "polls/pick", ["Quality"])  # and the session goes on
    assert live.my_ballot(ana, "polls/pick") == ("Quality",)
