"""The room's contributions through the verbs and the fold: ideas merged and hidden, a poll's
options frozen from them, questions and upvotes, hands and reactions; random sequences check
that tallies equal a recount and that replay at every event is the fold of that prefix."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import by_name
from tests.support import room_plan
from workshop import sessions
from workshop.engine.ideas import OPTIONS_MAX, candidates, option_labels
from workshop.engine.replay import Replay
from workshop.engine.state import fold
from workshop.journal import store
from workshop.sessions import SessionError

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PEOPLE = ["Ana", "Bo", "Cy", "Di"]
TEXTS = ["More coaching", "more coaching.", "Fewer metrics", "Quiet hour", "Shadow a peer", "More coaching"]


def _session(folder: Path):
    now = [T0]

    def clock() -> dt.datetime:
        now[0] += dt.timedelta(seconds=7)
        return now[0]

    path = sessions.create(room_plan(), folder, "room", "Sam", clock=clock, code="ROOMXX")
    return sessions.Session.open(path, clock)


def test_a_brainstorm_becomes_a_dots_poll(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    with pytest.raises(SessionError, match="brainstorm step"):
        by_name.idea(s, "Ana", "too early")
    s.next()
    ids = [by_name.idea(s, name, text).split()[1] for name, text in zip(PEOPLE + ["Ed"], TEXTS, strict=False)]
    assert ids == ["i1", "i2", "i3", "i4", "i5"]
    assert s.merge("2", "i1") == "idea i2 merged into i1"
    with pytest.raises(SessionError, match="already merged"):
        s.merge("i2", "i3")
    s.hide("i4")
    said = s.next()
    assert said.endswith("3 options from the ideas of “Ideas”")
    poll = s.state().poll
    assert poll.poll.options == ("More coaching", "Fewer metrics", "Shadow a peer")
    assert s.state().room.options["room/vote"] == ("i1", "i3", "i5")
    by_name.vote(s, "Ana", ["More coaching=2", "Shadow a peer"])
    by_name.vote(s, "Bo", ["1", "2", "3"])
    rows = {r.label: r.value for r in s.state().poll.tally.rows}
    assert rows == {"More coaching": 3, "Fewer metrics": 1, "Shadow a peer": 2}
    s.merge("i3", "i1")  # after the poll opened: its options stay as they were frozen
    assert s.state().poll.poll.options == ("More coaching", "Fewer metrics", "Shadow a peer")
    assert s.poll_action("reset").endswith("2 options from the ideas of “Ideas”")
    assert s.state().poll.poll.options == ("More coaching", "Shadow a peer") and not s.state().poll.ballots


def test_more_ideas_than_a_poll_takes_are_left_out_with_a_message(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    s.next()
    for n in range(OPTIONS_MAX + 4):
        by_name.idea(s, PEOPLE[n % 4], f"idea number {n}")
    s.merge("i34", "i2")
    said = s.next()
    assert f"{OPTIONS_MAX} options" in said and "3 more ideas remain" in said
    options = s.state().poll.poll.options
    assert len(options) == OPTIONS_MAX and options[0] == "idea number 1"  # most merged-into first


def test_questions_upvotes_hands_and_reactions(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    with pytest.raises(SessionError, match="Q&A"):
        by_name.ask(s, "Ana", "Too early?")
    s.qa(True)
    assert by_name.ask(s, "Ana", "Why now?") == "q1"
    s.qa(False)
    s.goto("questions")
    assert by_name.ask(s, "Bo", "Who decides?", anonymous=True) == "q2"
    assert by_name.ask(s, "Cy", "When?") == "q3"
    assert by_name.upvote(s, "Bo", "q3") == "upvoted q3 (1)"
    assert "ignored" in by_name.upvote(s, "Bo", "3")
    by_name.upvote(s, "Ana", "q3")
    by_name.upvote(s, "Cy", "q2")
    s.answered("q3")
    room = s.state().room
    assert [(q.id, q.votes, q.name, q.answered) for q in room.questions] == [
        ("q3", 2, "Cy", True),
        ("q2", 1, "", False),
        ("q1", 0, "Ana", False),
    ]
    events = store.load(s.path).events
    asked = next(e for e in events if e["type"] == "question" and e["question"] == "q2")
    assert "author" not in asked and "name" not in asked and asked["at"].second == 0
    s.hide("q1")
    assert [q.id for q in s.state().room.questions_of()] == ["q3", "q2"]
    by_name.hand(s, "Ana")
    by_name.hand(s, "Bo")
    with pytest.raises(SessionError, match="already up"):
        by_name.hand(s, "Ana")
    assert s.call_next().startswith("Ana has the word")
    assert [h.name for h in s.state().room.hands] == ["Bo"]
    by_name.hand(s, "Bo", up=False)
    with pytest.raises(SessionError, match="no hand"):
        s.call_next()
    assert by_name.react(s, "Cy", "slower") == "slower: counted"
    assert "already" in by_name.react(s, "Cy", "slower")
    by_name.react(s, "Ana", "slower")
    with pytest.raises(SessionError, match="unknown reaction"):
        by_name.react(s, "Ana", "boo")
    room = s.state().room
    assert room.reactions == {"room/questions": {"slower": 2}}
    assert room.hands_raised == {"room/questions": 2} and room.hands_called == {"room/questions": 1}


def test_an_anonymous_brainstorm_stores_no_name(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    s.goto("secret")
    by_name.idea(s, "Ana", "say it plainly")
    idea = store.load(s.path).events[-1]
    assert idea["type"] == "idea" and "author" not in idea and "name" not in idea
    assert "Ana" not in s.path.read_text("utf-8").split("[[events]]", 1)[1]


def test_the_room_s_facilitator_events_need_the_signature(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    s.next()
    by_name.idea(s, "Ana", "one")
    by_name.idea(s, "Bo", "two")
    header = store.load(s.path).header
    forged = [
        {"type": "merge", "at": T0, "idea": "i2", "into": "i1"},
        {"type": "hide", "at": T0, "item": "i1", "on": True},
    ]
    state = fold(header, [*store.load(s.path).events, *forged])
    assert [i.remaining for i in state.room.ideas] == [True, True]
    assert [kind for kind, _ in state.forged] == ["merge", "hide"]


# ------------------------------------------------------------------ random sequences

OPS = st.one_of(
    st.tuples(st.just("idea"), st.sampled_from(PEOPLE), st.sampled_from(TEXTS)),
    st.tuples(st.just("merge"), st.integers(1, 8), st.integers(1, 8)),
    st.tuples(st.just("hide"), st.integers(1, 8), st.booleans()),
    st.tuples(st.just("goto"), st.sampled_from(["ideas", "vote"]), st.just(0)),
    st.tuples(st.just("reset"), st.just(0), st.just(0)),
    st.tuples(st.just("vote"), st.sampled_from(PEOPLE), st.lists(st.integers(0, 5), max_size=4)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=24))
@pytest.mark.slow
def test_random_ideas_merges_hides_and_votes(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        s = _session(Path(folder))
        s.start()
        s.next()
        expected: dict[str, tuple] = {}  # voter's token -> counted value
        for op, a, b in ops:
            before = s.state()
            try:
                if op == "idea":
                    by_name.idea(s, a, b)
                elif op == "merge":
                    s.merge(f"i{a}", f"i{b}")
                elif op == "hide":
                    s.hide(f"i{a}", b)
                elif op == "goto":
                    s.goto(a)
                elif op == "reset":
                    s.poll_action("reset", "vote")
                else:
                    options = before.polls["room/vote"].poll.options
                    picks = [options[i] for i in b if i < len(options)]
                    by_name.vote(s, a, picks or ["nothing"], "vote")
                    expected[s.fold.participant_named(a)] = tuple(sorted(picks, key=options.index))
            except SessionError:
                pass
            after = s.state()
            view = after.polls["room/vote"]
            if (op == "goto" and a == "vote" and "room/vote" not in before.room.options) or (
                op == "reset" and before.status != "waiting"
            ):
                chosen = candidates(before.room.ideas_of("room/ideas"))[:OPTIONS_MAX]
                assert view.poll.options == tuple(option_labels(chosen))
                expected = {}
            # the tally is a recount of the counted ballots, which are the ones the test cast
            assert {b.participant: b.value for b in view.ballots} == expected
            flat = Counter(v for ballot in view.ballots for v in ballot.value)
            assert {r.label: r.value for r in view.tally.rows} == {o: flat[o] for o in view.poll.options}
            for idea in after.room.ideas:  # merges end at an idea that is not merged itself
                if idea.merged_into:
                    assert not after.room.idea(idea.merged_into).merged_into
            assert sum(i.merged for i in after.room.ideas) == sum(bool(i.merged_into) for i in after.room.ideas)
        loaded = store.load(s.path)
        replay = Replay(loaded.header, loaded.events)
        for count in range(len(loaded.events) + 1):
            at = replay.times[count - 1] if count else replay.start
            shown, folded = replay.state_at(at, count), fold(loaded.header, loaded.events[:count], at)
            assert shown.room == folded.room
            assert shown.polls["room/vote"].poll == folded.polls["room/vote"].poll
            assert shown.polls["room/vote"].tally == folded.polls["room/vote"].tally


def test_contributions_count_only_from_joined_people_once_and_where_they_belong(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.start()
    s.goto("questions")
    by_name.ask(s, "Ana", "Why?")
    by_name.upvote(s, "Bo", "q1")
    loaded = store.load(s.path)
    bo = s.fold.participant_named("Bo")
    written = [
        {"type": "upvote", "at": T0, "question": "q1", "participant": bo},  # Bo again
        {"type": "upvote", "at": T0, "question": "q1", "participant": "nobody"},  # never joined
        {
            "type": "question",
            "at": T0,
            "question": "q2",
            "step": "room/questions",
            "author": "nobody",
            "name": "Ana",
            "text": "Not Ana's",
        },
        {"type": "idea", "at": T0, "idea": "i1", "step": "room/ideas", "author": bo, "text": "not now"},
        {"type": "hand", "at": T0, "participant": "nobody", "up": True},
        {"type": "react", "at": T0, "participant": bo, "step": "room/intro", "reaction": "agree"},  # not current
    ]
    state = fold(loaded.header, [*loaded.events, *written])
    assert [(q.id, q.votes, q.name) for q in state.room.questions] == [("q1", 1, "Ana")]
    assert state.room.ideas == () and state.room.hands == () and state.room.reactions == {}


def test_the_replay_timeline_marks_ideas_and_questions(tmp_path: Path) -> None:
    """A brainstorm or a Q&A shows on the replay's timeline as what people wrote, like notes."""
    s = _session(tmp_path)
    s.start()
    s.next()
    by_name.idea(s, "Ana", "More coaching")
    by_name.idea(s, "Bo", "Quiet hour")
    s.goto("room/questions")
    by_name.ask(s, "Ana", "Who owns the rota?")
    loaded = store.load(s.path)
    kinds = [kind for _, kind in Replay(loaded.header, loaded.events).marks]
    assert (kinds.count("idea"), kinds.count("question")) == (2, 1)
