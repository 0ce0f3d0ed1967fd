"""A value left blank (`--due ''`, `--due " "` from a script's empty variable, `reveal ''`) means
what leaving it out means, or on `edit` what "" has always meant there (clear it): never a
refusal for the spaces, never a poll or a date named " "."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Workshop


def actions(ws: Workshop) -> list[tuple[str, str, str]]:
    listed = json.loads(ws.ok("actions", "s", "--format", "json").stdout)["actions"]
    return [(a["text"], a["owner"], a["due"]) for a in listed]


@pytest.mark.parametrize("blank", ["", " ", "\t "])
def test_a_blank_due_date_or_owner_on_a_note_is_none(ws: Workshop, blank: str) -> None:
    ws.started_at()
    said = ws.ok("note", "s", "--due", blank, "Just a note").stdout
    assert said.startswith("note ") and said.rstrip().endswith("added to “Intro”"), said
    ws.ok("note", "s", "--owner", blank, "Another note")
    ws.ok("note", "s", "--action", "--owner", blank, "--due", blank, "Share the slides")
    assert actions(ws) == [("Share the slides", "", "")]


@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_due_date_or_owner_on_edit_clears_it(ws: Workshop, blank: str) -> None:
    ws.started_at()
    made = ws.ok("note", "s", "--owner", "Bo", "--due", "2026-12-15", "Book the review").stdout.split()[1]
    ws.ok("edit", "s", made, "--due", blank)
    assert actions(ws) == [("Book the review", "Bo", "")]
    ws.ok("edit", "s", made, "--owner", blank)
    assert actions(ws) == [("Book the review", "", "")]


@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_poll_is_the_current_steps(ws: Workshop, blank: str) -> None:
    ws.started_at("dots")
    assert ws.ok("control", "s", "close", blank).stdout == "Dots: poll closed\n"
    assert ws.ok("control", "s", "reopen", blank).stdout.startswith("Dots: ")
    assert ws.ok("control", "s", "reveal", blank).stdout == "Dots: results shown\n"
    said = ws.ok("vote", "s", "--name", "Ana", "--poll", blank, "Coaching=3").stdout
    assert said == "ballot recorded on zz-cli-probe/dots\n"
    assert "round 2 open" in ws.ok("control", "s", "revote", blank).stdout


@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_poll_on_a_step_without_one_says_so(ws: Workshop, blank: str) -> None:
    ws.started_at()
    ws.refused("control", "s", "reveal", blank, says="this step has no poll")
