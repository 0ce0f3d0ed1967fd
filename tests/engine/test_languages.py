"""Ballots from readers of several languages count on one tally, and each reader sees the
session's modules in their language (engine/in_language.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import by_name
from workshop import sessions
from workshop.content import languages
from workshop.content.library import catalog
from workshop.engine import ballots
from workshop.engine.in_language import state_in
from workshop.journal import store

HARDEST = "four-steps-collaboration/hardest-step"  # rank: four options
TRUST = "four-steps-collaboration/trust-check"  # scale 0-5, labels at 0, 3, 5


def _open(tmp_path: Path, plan_id: str = "short-45") -> sessions.Session:
    path = sessions.create(catalog().plan(plan_id), tmp_path, "langs", "Sam", code="ABCDEF")
    return sessions.Session.open(path)


def _module_poll(qid: str):
    module = catalog().modules["four-steps-collaboration"]
    step = module.step(qid.split("/")[1])
    assert step is not None and step.poll is not None
    return step.poll


def test_ballots_cast_in_three_languages_count_on_one_tally(tmp_path: Path) -> None:
    s = _open(tmp_path)
    s.start()
    en, de, es = (s.join(n) for n in ("Ana", "Bernd", "Carmen"))
    s.goto(HARDEST)
    poll = _module_poll(HARDEST)
    german, spanish = languages.poll_in(poll, "de"), languages.poll_in(poll, "es")
    s.cast(en, HARDEST, list(poll.options))
    s.cast(de, HARDEST, list(german.options))  # as a German screen words them
    s.cast(es, HARDEST, [spanish.options[3], spanish.options[0], spanish.options[1], spanish.options[2]])
    stored = [e["value"] for e in store.load(s.path).events if e["type"] == "ballot"]
    assert all(set(v) == set(poll.options) for v in stored)  # the file names each option in English
    tally = s.state().polls[HARDEST].tally
    assert tally.ballots == 3 and {r.label for r in tally.rows} == set(poll.options)
    points = {r.label: r.value for r in tally.rows}
    assert points[poll.options[0]] == 3 + 3 + 2  # first, first and second of four
    for lang, shown in (("de", german), ("es", spanish)):
        seen = state_in(s.state(), lang).polls[HARDEST]
        assert seen.poll.question == shown.question
        assert {r.label: r.value for r in seen.tally.rows} == {
            shown.options[poll.options.index(label)]: value for label, value in points.items()
        }


def test_a_scale_poll_reads_its_labels_in_each_language(tmp_path: Path) -> None:
    s = _open(tmp_path)
    s.start()
    who = [s.join(n) for n in ("Ana", "Bernd")]
    s.goto(TRUST)
    for token, value in zip(who, ([5], [3]), strict=True):
        s.cast(token, TRUST, value)
    s.poll_action("reveal")
    rows = state_in(s.state(), "es").polls[TRUST].tally.rows
    assert [r.label for r in rows][::5] == ["0 las esconden", "5 me entero por ellas antes que nadie"]
    assert [r.value for r in rows] == [r.value for r in s.state().polls[TRUST].tally.rows]


def test_workshop_vote_takes_an_option_in_any_of_the_modules_languages(tmp_path: Path) -> None:
    s = _open(tmp_path)
    s.start()
    s.join("Bernd")
    s.goto(HARDEST)
    poll = _module_poll(HARDEST)
    german = languages.poll_in(poll, "de").options
    by_name.vote(s, "Bernd", [german[3].upper(), "1", poll.options[1], german[2]])  # any case, numbers, English
    assert s.state().polls[HARDEST].ballots[0].value == (
        poll.options[3],
        poll.options[0],
        poll.options[1],
        poll.options[2],
    )
    with pytest.raises(sessions.SessionError, match="no option"):
        by_name.vote(s, "Bernd", ["Loslassen"] * 4)  # a word from a label is not a label


def test_each_reader_sees_the_step_in_their_language_or_marked_in_english(tmp_path: Path) -> None:
    s = _open(tmp_path, "half-day")
    s.start()
    state = s.state()
    assert state.step is not None and state.step.module.id == "three-leadership-traits"
    german = state_in(state, "de")
    assert german.step is not None and german.step.spec.title == "Es liegt nicht (nur) an den Kennzahlen"
    assert german.step.module.title == "Drei Eigenschaften guter Führung im Contact Center"
    assert languages.other(german.step.module, "de") == ""
    s.goto("audacious-operations/" + catalog().modules["audacious-operations"].steps[0].id)
    french = state_in(s.state(), "fr")
    assert french.step is not None and french.step.spec.title == s.state().step.spec.title  # type: ignore[union-attr]
    assert languages.other(french.step.module, "fr") == "English"
    assert state_in(state, "en") is state  # a reader of the first language reads it as it is


def test_a_session_in_one_language_is_given_back_as_it_is(tmp_path: Path) -> None:
    from tests.support import polls_plan

    path = sessions.create(polls_plan(), tmp_path, "one", "Sam", code="ABCDEF")
    state = sessions.Session.open(path).state()
    assert state_in(state, "de") is state


def test_a_question_reworded_on_the_day_is_everyones(tmp_path: Path) -> None:
    s = _open(tmp_path)
    s.start()
    voter = s.join("Ana")
    s.goto("four-steps-collaboration/commitment")
    s.cast(voter, "four-steps-collaboration/commitment", [2])
    s.revote(None, wording="Each of us tries one such conversation this month. Can you live with that?")
    for lang in ("en", "de", "es"):
        view = state_in(s.state(), lang).polls["four-steps-collaboration/commitment"]
        assert view.poll.question.startswith("Each of us tries one")
        assert (
            len(view.wordings) == 1
            and view.wordings[0]
            == languages.poll_in(_module_poll("four-steps-collaboration/commitment"), lang).question
        )  # round 1's words, in `lang`


def test_a_readers_own_ballot_is_shown_in_their_words(tmp_path: Path) -> None:
    s = _open(tmp_path)
    s.start()
    person = s.newcomer("Carmen")
    s.goto(HARDEST)
    poll = _module_poll(HARDEST)
    s.cast(person, HARDEST, list(poll.options))
    shown = state_in(s.state(), "es").polls[HARDEST].poll
    mine = s.my_ballot(person, HARDEST)
    assert mine is not None and languages.value_in(shown, mine) == languages.poll_in(poll, "es").options


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(4)), st.sampled_from(["en", "de", "es"]), st.booleans())
@pytest.mark.slow
def test_a_ballot_in_any_language_checks_to_the_same_first_language_value(
    order: list[int], lang: str, shown: bool
) -> None:
    """Named in any language the poll is given in, on the poll as the module gives it or as a
    reader's screen shows it, a ballot is the same stored value."""
    poll = _module_poll(HARDEST)
    words = languages.poll_in(poll, lang)
    value = [words.options[i] for i in order]
    expected = [poll.options[i] for i in order]
    assert ballots.check(words if shown else poll, value) == expected
    assert ballots.parse(words if shown else poll, [str(i + 1) for i in order]) == expected


def test_the_sessions_title_reads_in_the_readers_language(tmp_path: Path) -> None:
    s = _open(tmp_path)
    assert state_in(s.state(), "es").title == "De ceder a colaborar: una sesión de 45 minutos"
    assert state_in(s.state(), "fr").title == s.state().title == catalog().plan("short-45").agenda.title
