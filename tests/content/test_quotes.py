"""Which minutes quoted in a step's text contradict the step: the rule in docs/authoring.md, one
phrase at a time. Few false alarms matter more than catching every wording."""

from __future__ import annotations

import pytest

from workshop.content.quotes import contradictions

# (text, the step's minutes, its rounds' minutes, the phrases reported)
CASES = [
    # whole: the step's own length, in words or digits
    ("Keep to four minutes: the room does the work next.", 6, (), ["Keep to four minutes"]),
    ("Keep to four minutes.", 4, (), []),
    ("keep it to 5 minutes", 6, (), ["keep it to 5 minutes"]),
    ("or the first speaker takes all seven minutes", 8, (), ["all seven minutes"]),
    ("**15-minute break.**", 10, (), ["15-minute"]),
    ("**15-minute break.**", 15, (), []),
    ("A forty-five minute discussion", 40, (), ["forty-five minute"]),
    ("Twenty minutes in total.", 20, (), []),
    # per turn: N × the group must fit; the rest of the step is the debrief
    ("**In pairs (3 minutes each):** describe a tug-of-war.", 7, (3, 3, 1), []),
    ("**In pairs (3 minutes each):** describe a tug-of-war.", 8, (3, 3, 2), []),
    ("**In pairs (3 minutes each):** describe a tug-of-war.", 5, (2, 2, 1), ["3 minutes each"]),
    ("In threes, four minutes each.", 10, (), ["four minutes each"]),
    ("In threes, four minutes each.", 14, (), []),
    ("Two minutes each, then compare.", 4, (), []),  # no group named: a pair
    # part: a moment or a share of the step, shorter than it
    ("Two minutes before the end, call people back.", 15, (), []),
    ("The timer switches after six minutes.", 8, (6, 2), []),
    ("The timer switches after six minutes.", 6, (), ["six minutes"]),
    ("Five minutes in, check the time.", 4, (), ["Five minutes"]),
    ("Spend five minutes in pairs.", 5, (), []),  # a length, not a moment
    # round: "(N minutes)" names one of the rounds
    ("**On your own (2 minutes):** sketch. **In pairs (5 minutes):** compare.", 7, (2, 5), []),
    ("**On your own (2 minutes):** sketch. **In pairs (5 minutes):** compare.", 10, (3, 7), ["2 minutes", "5 minutes"]),
    ("**In pairs (5 minutes):** compare.", 6, (), []),
    ("**In pairs (7 minutes):** tell, listen, agree.", 7, (3, 3, 1), []),  # the whole step
    ("**Then together (5 minutes):** agree.", 7, (3, 3, 1), ["5 minutes"]),
    ("**Speakers (6 minutes):** one, then the other.", 7, (3, 3, 1), []),  # two rounds in a row
    ("**In pairs (5 minutes):** compare.", 4, (), ["5 minutes"]),
    # about the subject, not the step: never reported
    ("perhaps ten-minute micro-sessions in the quiet half hours", 6, (), []),
    ("(everyone gets the same 30 minutes) or aimed", 7, (), []),
    ("It adds 20 seconds to each call: about 44 agent-hours a week.", 4, (), []),
    ("Run it in the next 90 days.", 5, (), []),
    ("Give them 5 minutes.", 6, (), []),
]


@pytest.mark.parametrize(("text", "minutes", "rounds", "phrases"), CASES, ids=[c[0][:40] for c in CASES])
def test_quotes(text: str, minutes: int, rounds: tuple[int, ...], phrases: list[str]) -> None:
    assert [q.phrase for q in contradictions(text, minutes, rounds)] == phrases


def test_the_reason_names_both_numbers() -> None:
    [quote] = contradictions("In threes, four minutes each.", 10)
    assert quote.why == "3 turns of 4 minutes need 12, the step has 10"
