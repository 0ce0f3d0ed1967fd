"""Verbs check and append as one step, across real processes: a name joins once however many
processes vote under it at the same instant, and a ballot said to be recorded is counted even
while the facilitator closes and reopens the poll."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from tests import by_name
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

PROCESSES = 8
ROUNDS = 40


def _started(folder: Path) -> Path:
    path = sessions.create(polls_plan(), folder, "race", code="TEST42")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    return path


def _same_name_voter(path: Path, barrier: multiprocessing.synchronize.Barrier) -> None:
    for round_ in range(ROUNDS):
        barrier.wait(timeout=120)  # every process votes under the round's new name at once
        try:
            by_name.vote(sessions.Session.open(path), f"Sam {round_}", ["Coaching"])
        except sessions.SessionError as err:  # the others are told the name is taken, in one line
            assert "is taken" in str(err)


@pytest.mark.e2e
@pytest.mark.load
def test_eight_processes_voting_under_one_new_name_join_it_once(tmp_path: Path) -> None:
    path = _started(tmp_path)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES)
    workers = [context.Process(target=_same_name_voter, args=(path, barrier)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    joins = [e["name"] for e in store.load(path).events if e["type"] == "join"]
    assert sorted(joins) == sorted(f"Sam {r}" for r in range(ROUNDS))  # each name exactly once
    counted = sessions.Session.open(path).state().polls["polls/pick"].ballots
    assert sorted(b.name for b in counted) == sorted(joins)  # one counted ballot per name


def _hurried_voter(path: Path, who: int, said: multiprocessing.Queue, stop: float) -> None:
    n = 0
    while time.monotonic() < stop:
        name = f"voter {who}-{n}"
        n += 1
        try:
            by_name.vote(sessions.Session.open(path), name, ["Planning"])
        except sessions.SessionError:
            continue  # refused while the poll was closed: nothing was said to the voter
        said.put(name)
    said.put(None)


def _toggling_facilitator(path: Path, stop: float) -> None:
    live = sessions.Session.open(path)
    while time.monotonic() < stop:
        live.poll_action("close")
        time.sleep(0.005)
        live.poll_action("reopen")
        time.sleep(0.005)


@pytest.mark.e2e
@pytest.mark.load
def test_no_ballot_is_acknowledged_and_not_counted_while_the_poll_closes_and_reopens(tmp_path: Path) -> None:
    path = _started(tmp_path)
    context = multiprocessing.get_context("fork")
    said: multiprocessing.Queue = context.Queue()
    stop = time.monotonic() + 6.0
    voters = [context.Process(target=_hurried_voter, args=(path, i, said, stop)) for i in range(10)]
    facilitator = context.Process(target=_toggling_facilitator, args=(path, stop))
    for process in [*voters, facilitator]:
        process.start()
    acknowledged, finished = set(), 0
    while finished < len(voters):
        name = said.get(timeout=120)
        if name is None:
            finished += 1
        else:
            acknowledged.add(name)
    for process in [*voters, facilitator]:
        process.join(timeout=60)
        assert process.exitcode == 0
    state = sessions.Session.open(path).state()
    counted = {b.name for b in state.polls["polls/pick"].ballots}
    assert acknowledged, "no ballot got through: the test proves nothing"
    assert acknowledged == counted
    assert state.polls["polls/pick"].late == 0  # nothing checked as open landed after a close
