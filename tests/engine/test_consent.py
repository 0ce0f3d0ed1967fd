"""Decisions that stick: a consent poll knows what blocks, a revote opens a new round with the
earlier rounds kept, and the latest round is what counts; checked by hand and against a recount
of random ballot and revote sequences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content import document, schema
from workshop.content.frozen import freeze
from workshop.content.model import Agenda, AgendaItem, Plan
from workshop.engine import tally
from workshop.engine.state import Fold

MODULE = """
id = "decide"
title = "Decide"
summary = "A proposal, a consent check, a dot vote."
minutes = 10

[source]
title = "T"
author = "A"
publisher = "P"

[[steps]]
id = "agree"
title = "Do we agree?"
kind = "poll"
minutes = 5
prompt = "Show a fist or fingers."

[steps.poll]
question = "Can you live with the proposal?"
vote = "consent"

[[steps]]
id = "pick"
title = "Pick"
kind = "poll"
minutes = 5
prompt = "Pick one."

[steps.poll]
question = "Which first?"
vote = "single"
options = ["Coaching", "Planning", "Quality"]
"""
MOD = schema.check_module(document.parse(MODULE.encode(), "decide.toml"))
HEADER = {
    "id": "c",
    "title": "Consent",
    "code": "ABCDEF",
    "agenda": freeze(Plan(Agenda("d", "D", dt.time(9), (AgendaItem("decide"),)), (MOD,))),
}
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def events(*items: tuple) -> list[dict]:
    out = []
    for n, (type_, *fields) in enumerate(items):
        event = {"type": type_, "at": T0 + dt.timedelta(seconds=n)}
        event.update(fields[0] if fields else {})
        out.append(event)
    return out


def ballot(who: str, value: list, poll: str = "decide/agree") -> tuple:
    return ("ballot", {"poll": poll, "participant": who, "name": who, "value": value})


def test_a_consent_poll_is_a_fist_of_five_that_knows_what_blocks() -> None:
    poll = MOD.steps[0].poll
    assert (poll.vote, poll.kind, poll.min, poll.max, poll.threshold) == ("scale", "consent", 0, 5, 3)
    assert poll.label_for(0) == "block" and poll.blocks(2) and not poll.blocks(3)


def test_revote_keeps_each_round_and_counts_the_latest() -> None:
    fold = Fold(HEADER).apply_all(
        events(
            ("start",),
            ballot("ana", [2]),
            ballot("bo", [4]),
            ballot("cy", [0]),
            ("revote", {"poll": "decide/agree"}),
            ballot("ana", [3]),
            ballot("bo", [5]),
        )
    )
    view = fold.state().poll
    assert view.round == 2 and len(view.rounds) == 1
    assert view.rounds[0].ballots == 3 and tally.under(view.poll, view.rounds[0]) == 2
    assert view.tally.ballots == 2 and tally.under(view.poll, view.tally) == 0  # cy has not voted again
    assert tally.rounds_words(view.poll, view.rounds, view.tally) == "round 1: 2 under 3; round 2: consent"


def test_replay_shows_each_round_as_it_happened() -> None:
    stream = events(("start",), ballot("ana", [1]), ("revote", {"poll": "decide/agree"}), ballot("ana", [4]))
    seen = [
        (
            Fold(HEADER).apply_all(stream[:n]).state().poll.round,
            Fold(HEADER).apply_all(stream[:n]).state().poll.tally.ballots,
        )
        for n in range(1, 5)
    ]
    assert seen == [(1, 0), (1, 1), (2, 0), (2, 1)]


def test_a_revote_on_a_poll_that_is_not_current_counts_for_nothing() -> None:
    fold = Fold(HEADER).apply_all(
        events(("start",), ballot("ana", [4]), ("goto", {"step": "decide/pick"}), ("revote", {"poll": "decide/agree"}))
    )
    assert fold.state().polls["decide/agree"].round == 1


def test_revote_works_on_any_kind() -> None:
    fold = Fold(HEADER).apply_all(
        events(
            ("start",),
            ("goto", {"step": "decide/pick"}),
            ballot("ana", ["Coaching"], "decide/pick"),
            ("close", {"poll": "decide/pick"}),
            ("revote", {"poll": "decide/pick"}),
            ballot("ana", ["Quality"], "decide/pick"),
        )
    )
    view = fold.state().poll
    assert view.status == "open" and [r.value for r in view.rounds[0].rows] == [1, 0, 0]
    assert [r.value for r in view.tally.rows] == [0, 0, 1]


ACTION = st.one_of(st.tuples(st.sampled_from(["ana", "bo", "cy", "di"]), st.integers(0, 5)), st.just(("revote", 0)))


@settings(max_examples=200, deadline=None)
@given(st.lists(ACTION, max_size=40))
@pytest.mark.slow
def test_revote_sequences_match_a_recount(actions: list) -> None:
    stream: list[tuple] = [("start",)]
    rounds: list[dict[str, int]] = [{}]
    for who, value in actions:
        if who == "revote":
            stream.append(("revote", {"poll": "decide/agree"}))
            rounds.append({})
        else:
            stream.append(ballot(who, [value]))
            rounds[-1].pop(who, None)
            rounds[-1][who] = value
    view = Fold(HEADER).apply_all(events(*stream)).state().poll
    poll = view.poll
    recount = [tally.tally(poll, [[v] for v in r.values()]) for r in rounds]
    assert list(view.rounds) == recount[:-1] and view.tally == recount[-1]
    assert view.round == len(rounds)
