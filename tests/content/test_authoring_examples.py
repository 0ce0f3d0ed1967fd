"""The examples in docs/authoring.md are valid: each poll example, and the step example, put in
a module of their own, pass the validator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop.content import document, schema

DOC = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text("utf-8")
BLOCKS = re.findall(r"```toml\n(.*?)```", DOC, re.S)
HEAD = """id = "docs"
title = "Docs example"
summary = "An example from docs/authoring.md."
minutes = {minutes}

[source]
title = "An article"
author = "An author"
publisher = "A publisher"
"""
POLL_STEP = """
[[steps]]
id = "vote"
title = "Vote"
kind = "poll"
minutes = 4
prompt = "Vote."
"""


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.startswith("[steps.poll]")])
def test_each_vote_example_validates(block: str) -> None:
    module = schema.check_module(document.parse((HEAD.format(minutes=4) + POLL_STEP + block).encode(), "docs.toml"))
    assert module.steps[0].poll is not None


def test_the_step_example_validates() -> None:
    step = next(b for b in BLOCKS if b.startswith("[[steps]]"))
    module = schema.check_module(document.parse((HEAD.format(minutes=6) + step).encode(), "docs.toml"))
    assert module.steps[0].id == "first-move"


def test_every_vote_kind_has_an_example() -> None:
    kinds = {m for b in BLOCKS for m in re.findall(r'vote = "(\w+)"', b)}
    assert kinds == {"single", "multi", "scale", "dots", "rank", "text"}
