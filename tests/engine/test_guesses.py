"""How fast codes can be guessed (engine/guesses.py), as the rules say and as the fold counts:
each wrong code holds the next try back twice as long as the last, a handful within the window
locks, and the figures docs/security.md gives are what the rules allow a patient guesser."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import polls_plan
from workshop import sessions
from workshop.engine import events
from workshop.engine.guesses import JOIN_CODE, REJOIN_PER_CLIENT, REJOIN_PER_PERSON, Rule
from workshop.sessions.people import CODE_LENGTH, PIN_DIGITS

SECURITY = (Path(__file__).parents[2] / "docs" / "security.md").read_text("utf-8")


def answered(rule: Rule, tries: list[float]) -> list[float]:
    """The tries (times, in order) the rule lets through; the rest are refused unanswered."""
    times: list[float] = []
    for t in tries:
        if rule.wait(times, t) <= 0:
            times.append(t)
    return times


def test_each_wrong_code_doubles_the_wait_then_locks() -> None:
    waits = []
    times: list[float] = []
    now = 0.0
    for _ in range(REJOIN_PER_PERSON.limit):
        now += REJOIN_PER_PERSON.wait(times, now)
        times.append(now)
        waits.append(REJOIN_PER_PERSON.wait(times, now))
    assert waits[:4] == [1.0, 2.0, 4.0, 8.0]
    assert waits[-1] == REJOIN_PER_PERSON.window - sum(waits[:4])  # locked until the first is old enough
    assert JOIN_CODE.wait([0.0], 0.0) == 0.5 and JOIN_CODE.wait([0.0] * 9, 0.0) == 30.0  # doubling, at most 30 s


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.sampled_from([JOIN_CODE, REJOIN_PER_PERSON, REJOIN_PER_CLIENT]),
    st.lists(st.floats(0, 7200, allow_nan=False), max_size=200).map(sorted),
)
def test_no_window_ever_answers_more_than_the_limit(rule: Rule, tries: list[float]) -> None:
    """However the tries are timed (a script, many tabs, many channels), the answered ones never
    number more than `limit` in any window, and never more than a patient guesser gets."""
    let_through = answered(rule, tries)
    for i, start in enumerate(let_through):
        assert len([t for t in let_through[i:] if t < start + rule.window]) <= rule.limit
    if tries:
        assert len(let_through) <= rule.most_in(tries[-1] - tries[0] + 1e-9) + 1


def test_the_figures_in_docs_security_are_what_the_rules_allow() -> None:
    per_name, per_client, codes = (
        REJOIN_PER_PERSON.most_in(3600),
        REJOIN_PER_CLIENT.most_in(3600),
        JOIN_CODE.most_in(3600),
    )
    assert (per_name, per_client, codes) == (20, 40, 120)
    assert f"{per_name} guesses an hour" in SECURITY and f"{per_client} an hour" in SECURITY
    assert f"{codes} wrong join codes an hour" in SECURITY
    space = 32**CODE_LENGTH
    years = space / 2 / (REJOIN_PER_PERSON.most_in(86400) * 365)
    said = re.search(r"on average ([\d,]+) years", SECURITY)
    assert said and abs(int(said.group(1).replace(",", "")) - years) < 50, (years, said)
    pins = 10 ** PIN_DIGITS[0]
    assert f"{pins // 2 // per_name} hours" in SECURITY  # a four-digit PIN, on average


def test_the_fold_counts_each_name_and_client_apart(tmp_path: Path) -> None:
    live = sessions.Session.open(sessions.create(polls_plan(), tmp_path, "s"))
    with live.changing() as write:
        for client in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
            write(events.WrongCodeEvent(channel="phone", client=client))
        write(events.RightCodeEvent(client="10.0.0.2"))
        write(events.WrongCodeEvent(channel="terminal"))  # from before clients: only the facilitator's count
        write(events.WrongRejoinEvent(participant="aaaaaaaaaaaa", channel="kiosk", client="kiosk"))
        write(events.WrongRejoinEvent(participant="bbbbbbbbbbbb", channel="phone", client="10.0.0.1"))
    guesses = live.fold.guesses
    assert {k: len(v) for k, v in guesses.codes.items()} == {"10.0.0.1": 2}
    assert {k: len(v) for k, v in guesses.rejoins.items()} == {"aaaaaaaaaaaa": 1, "bbbbbbbbbbbb": 1}
    assert {k: len(v) for k, v in guesses.rejoin_clients.items()} == {"kiosk": 1, "10.0.0.1": 1}
    assert live.state().wrong_codes == 6
