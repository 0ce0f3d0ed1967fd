"""Word clouds: words grouped as the text tally groups answers, the session's stop words out,
sizes by frequency, and one layout for the same words whatever order they came in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.engine.cloud import layout, stop_words, words
from workshop.engine.tally import normalise


def test_words_group_as_the_tally_groups_and_leave_out_common_words() -> None:
    cloud = words(["More coaching", "more COACHING.", "Coaching time!", "the time for feedback"])
    assert [(w.text, w.times, w.size) for w in cloud] == [("coaching", 3, 4), ("time", 2, 3), ("feedback", 1, 1)]
    assert all(w.text.casefold() not in stop_words("en") for w in cloud)


def test_the_session_language_s_common_words_are_left_out() -> None:
    assert [w.text for w in words(["Mehr Zeit für das Team", "Zeit und Ruhe"], "de-CH")] == ["Zeit", "Ruhe", "Team"]
    assert [w.text for w in words(["le temps et la paix", "le temps"], "fr")] == ["temps", "paix"]


TEXTS = st.lists(
    st.sampled_from(
        [
            "Coaching",
            "coaching!",
            "Quiet hour",
            "Time",
            "time off",
            "Feedback now",
            "more feedback",
            "Shadow a peer",
            "hour",
        ]
    ),
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(TEXTS, st.randoms(use_true_random=False), st.integers(20, 120))
def test_the_same_words_give_the_same_cloud_in_any_order(texts: list[str], rnd, width: int) -> None:
    shuffled = list(texts)
    rnd.shuffle(shuffled)
    first, again = words(texts), words(shuffled)

    def keys(cloud):
        return [(normalise(w.text), w.times, w.size) for w in cloud]

    assert keys(first) == keys(again)
    assert [[normalise(w.text) for w in line] for line in layout(first, width)] == [
        [normalise(w.text) for w in line] for line in layout(again, width)
    ]
    laid = layout(first, width)
    assert sorted(normalise(w.text) for line in laid for w in line) == sorted(normalise(w.text) for w in first)
    for line in laid:
        cells = sum(len(w.text) + (3 if w.size >= 3 else 1) for w in line)
        assert len(line) == 1 or cells <= width
    if first:
        assert first[0].size == (4 if first[0].times > 1 else 1) and all(1 <= w.size <= 4 for w in first)
