"""The draft's polls: a 0-5 rating per point, and which point to work on first."""

from __future__ import annotations

import math

from workshop.draft.phrases import Phrases, ends_sentence
from workshop.draft.text import shorten
from workshop.draft.toml_text import Steps, toml_string

OPTION_LIMIT = 60  # characters in a poll option


def option_labels(headings: list[str]) -> list[str]:
    """Poll options from the headings: short, non-empty, and distinct without case and spaces."""
    labels: list[str] = []
    for number, heading in enumerate(headings, start=1):
        label, n = shorten(heading, OPTION_LIMIT) or f"Point {number}", 2
        while label.casefold() in (seen.casefold() for seen in labels):
            label, n = f"{shorten(heading, OPTION_LIMIT - 4)} ({n})", n + 1
        labels.append(label)
    return labels


def scale_poll(body: Steps, say: Phrases, wanted: str, fallback: str, title: str, topic: str) -> None:
    """Where the group stands today on `topic`, a 0-5 rating cast on each person's own screen (not a
    show of hands, and never called a fist: that is a consent check)."""
    if "fist" in topic.casefold():
        question = say.today_plain
    else:
        question = (say.today_asked if ends_sentence(topic) else say.today).format(heading=topic)
    body.step(
        wanted,
        fallback=fallback,
        title=title,
        kind="poll",
        minutes=3,
        prompt=say.scale_prompt,
        checks={"title": "poll wording: the question, the title and the labels.", "minutes": "minutes for the poll."},
    )
    low, high = say.labels
    body.poll(
        question,
        'vote = "scale"',
        "anonymous = true",
        "min = 0",
        "max = 5",
        f"labels = {{ 0 = {toml_string(low)}, 5 = {toml_string(high)} }}",
    )


def focus_poll(body: Steps, say: Phrases, labels: list[str]) -> None:
    """Which point to work on first: dots for four points or more, a third as many dots as points
    (at most half of them on one), as multivoting advises (`validate --practice`); one choice for
    two or three points, where even one dot would be a third of them."""
    count = len(labels)
    budget = math.ceil(count / 3)
    dots = budget >= 2
    cap = max(1, budget // 2)
    body.step(
        "first-focus",
        title=say.focus_title,
        kind="poll",
        minutes=5,
        prompt=say.dots_prompt.format(budget=budget, cap=cap) if dots else say.single_prompt,
        checks={
            "title": "poll wording: the question, and options short enough to read at a glance.",
            "minutes": "minutes for the poll and a short debrief.",
        },
    )
    options = ", ".join(toml_string(label) for label in labels)
    body.poll(
        say.focus_question,
        'vote = "dots"' if dots else 'vote = "single"',
        'reveal = "on-close"',
        *([f"budget = {budget}", f"cap = {cap}"] if dots else []),
        f"options = [{options}]",
    )
