"""Whatever a form posts, the page answers with a ballot the poll's rules then judge, or one
line saying what is wrong: never an error the server did not expect."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import polls_module
from workshop.engine import ballots
from workshop.web import form

POLLS = {step.id: step.poll for step in polls_module().steps if step.poll is not None}
KEYS = st.sampled_from(["choice", "rank", "answer", "dots-1", "dots-2", "dots-3", "dots-9", "poll", "csrf"])
VALUES = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "0", "-1", "5", "999999", "", " ", "x", "１"]), st.text(max_size=30)
)
FIELDS = st.dictionaries(KEYS, st.lists(VALUES, max_size=5), max_size=6)


@given(st.sampled_from(sorted(POLLS)), FIELDS)
@settings(suppress_health_check=[HealthCheck.too_slow])  # a fresh checkout's first st.text() builds its charmap: >1 s
def test_any_posted_form_is_a_ballot_or_one_line(step: str, fields: dict[str, list[str]]) -> None:
    poll = POLLS[step]
    try:
        value = form.ballot(poll, fields)
    except form.FormError as err:
        assert str(err) and "\n" not in str(err)
        return
    try:
        checked = ballots.check(poll, value)
    except ballots.BallotError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert checked  # what the poll counts


def test_each_kind_reads_what_its_form_sends() -> None:
    assert form.ballot(POLLS["pick"], {"choice": ["3"]}) == ["Quality"]
    assert form.ballot(POLLS["fist"], {"choice": ["-0"]}) == [0]
    assert form.ballot(POLLS["dots"], {"dots-1": ["1"], "dots-3": ["2"]}) == ["Coaching", "Quality", "Quality"]
    assert form.ballot(POLLS["order"], {"rank": ["2", "1", "4", "3"]}) == ["Goals", "Trust", "Letting go", "Change"]
    assert form.ballot(POLLS["word"], {"answer": ["  more  "]}) == ["  more  "]  # trimmed by the poll's rules
