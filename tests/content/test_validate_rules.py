"""Each validation rule, proved with a real bad file and the exact line it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workshop.cli import app

# Line numbers matter: the expected messages below point into this text.
MODULE = """\
id = "trust-first"
title = "Trust first"
summary = "A short module."
minutes = 10

[source]
title = "An article"
author = "A. Writer"
publisher = "Example Press"

[[steps]]
id = "welcome"
title = "Welcome"
kind = "talk"
minutes = 4
prompt = "Hello."

[[steps]]
id = "vote"
title = "Vote"
kind = "poll"
minutes = 6
prompt = "Vote now."

[steps.poll]
question = "Which first?"
vote = "single"
options = ["Coaching", "Planning"]
"""


def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, name: str = "m.toml") -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", name])
    return result.exit_code, result.output.splitlines()


def test_the_base_module_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = validate(tmp_path, monkeypatch, MODULE)
    assert (code, lines) == (0, ["m.toml: ok: module 'trust-first', 2 steps, 10 min, votes: single"])


RULES = [
    # (what, replace this, with this, the exact line printed)
    ("toml syntax error", 'minutes = 4\n', 'minutes = = 4\n', "m.toml:15:11: TOML syntax: invalid value"),
    ("unknown key, near miss", 'minutes = 4\n', 'minuts = 4\n',
     "m.toml:15:1: step 'welcome': unknown key 'minuts' (did you mean 'minutes'?)"),
    ("unknown key, no near miss", 'prompt = "Hello."\n', 'prompt = "Hello."\ncolour = "red"\n',
     "m.toml:17:1: step 'welcome': unknown key 'colour'"),
    ("missing field", 'prompt = "Hello."\n', '',
     "m.toml:11:1: step 'welcome': missing required key 'prompt'"),
    ("string minutes", 'minutes = 4\n', 'minutes = "4"\n',
     "m.toml:15:1: step 'welcome': 'minutes' must be a whole number, not a string"),
    ("boolean minutes", 'minutes = 4\n', 'minutes = true\n',
     "m.toml:15:1: step 'welcome': 'minutes' must be a whole number, not true/false"),
    ("zero minutes", 'minutes = 6\n', 'minutes = 0\n', "m.toml:22:1: step 'vote': 'minutes' must be at least 1, not 0"),
    ("negative minutes", 'minutes = 6\n', 'minutes = -2\n', "m.toml:22:1: step 'vote': 'minutes' must be at least 1, not -2"),
    ("duplicate step id", 'id = "vote"\n', 'id = "welcome"\n',
     "m.toml:19:1: step 'welcome': duplicate step id 'welcome' (first used on line 11)"),
    ("bad slug", 'id = "trust-first"\n', 'id = "Trust First"\n',
     "m.toml:1:1: id 'Trust First' must be lower-case letters, digits and dashes"),
    ("unknown kind", 'kind = "talk"\n', 'kind = "tlak"\n',
     "m.toml:14:1: step 'welcome': kind 'tlak' is not one of talk, discuss, poll, notes, break (did you mean 'talk'?)"),
    ("poll step without a poll", '\n[steps.poll]\nquestion = "Which first?"\nvote = "single"\noptions = ["Coaching", "Planning"]\n', '\n',
     "m.toml:18:1: step 'vote': a poll step needs a [steps.poll] table"),
    ("poll on a talk step", 'kind = "poll"\n', 'kind = "discuss"\n',
     "m.toml:25:1: step 'vote': only a poll step may have a poll (this step's kind is 'discuss')"),
    ("options missing", 'options = ["Coaching", "Planning"]\n', '',
     "m.toml:25:1: step 'vote': poll: missing required key 'options'"),
    ("options duplicated", '["Coaching", "Planning"]', '["Coaching", " coaching "]',
     "m.toml:28:1: step 'vote': poll: option ' coaching ' appears twice"),
    ("too few options", '["Coaching", "Planning"]', '["Coaching"]',
     "m.toml:28:1: step 'vote': poll: needs 2 to 12 options, has 1"),
    ("unknown vote kind", 'vote = "single"\n', 'vote = "singel"\n',
     "m.toml:27:1: step 'vote': poll: vote 'singel' is not one of single, multi, scale, dots, rank, text (did you mean 'single'?)"),
    ("reveal policy", 'vote = "single"\n', 'vote = "single"\nreveal = "later"\n',
     "m.toml:28:1: step 'vote': poll: reveal 'later' is not one of live, on-close, manual"),
    ("key of another vote kind", 'vote = "single"\n', 'vote = "single"\nbudget = 3\n',
     "m.toml:28:1: step 'vote': poll: 'budget' is not used by a single vote"),
    ("multi max over the options", 'vote = "single"\n', 'vote = "multi"\nmax = 3\n',
     "m.toml:28:1: step 'vote': poll: max 3 is more than the 2 options"),
    ("dots budget zero", 'vote = "single"\n', 'vote = "dots"\nbudget = 0\n',
     "m.toml:28:1: step 'vote': poll: 'budget' must be between 1 and 100, not 0"),
    ("dots cap over budget", 'vote = "single"\n', 'vote = "dots"\nbudget = 3\ncap = 5\n',
     "m.toml:29:1: step 'vote': poll: cap 5 is larger than the budget 3"),
    ("scale min not below max", 'vote = "single"\noptions = ["Coaching", "Planning"]\n', 'vote = "scale"\nmin = 5\nmax = 5\n',
     "m.toml:29:1: step 'vote': poll: scale min 5 must be less than max 5"),
    ("scale too wide", 'vote = "single"\noptions = ["Coaching", "Planning"]\n', 'vote = "scale"\nmin = 0\nmax = 20\n',
     "m.toml:29:1: step 'vote': poll: scale 0 to 20 is more than 10 apart"),
    ("scale label out of range", 'vote = "single"\noptions = ["Coaching", "Planning"]\n',
     'vote = "scale"\nmin = 0\nmax = 5\nlabels = { 0 = "no", 9 = "yes" }\n',
     "m.toml:30:1: step 'vote': poll: label for 9 is outside the scale 0 to 5"),
    ("text poll with options", 'vote = "single"\n', 'vote = "text"\n',
     "m.toml:28:1: step 'vote': poll: 'options' is not used by a text vote"),
    ("module minutes not the steps' sum", 'minutes = 10\n', 'minutes = 12\n',
     "m.toml:4:1: 'minutes' is 12 but the steps add up to 10"),
    ("a terminal escape in a value is shown escaped", 'id = "welcome"', 'id = "w\\u001b[2J"',
     "m.toml:12:1: step 'w\\x1b[2J': id 'w\\x1b[2J' must be lower-case letters, digits and dashes"),
    ("source without publisher", 'publisher = "Example Press"\n', '',
     "m.toml:6:1: source: missing required key 'publisher'"),
]


@pytest.mark.parametrize(("old", "new", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, expected: str) -> None:
    assert old in MODULE
    code, lines = validate(tmp_path, monkeypatch, MODULE.replace(old, new, 1))
    assert code == 2
    assert expected in lines, "\n".join(lines)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = MODULE.replace('minutes = 4\n', 'minuts = 4\n').replace('kind = "poll"', 'kind = "pol"')
    broken = broken.replace('id = "trust-first"', 'id = "Trust"')
    code, lines = validate(tmp_path, monkeypatch, broken)
    assert code == 2
    # bad id, missing minutes, unknown key, bad kind (which leaves the poll's place unjudged)
    assert len(lines) == 4, lines
    assert all(line.startswith("m.toml:") for line in lines)


AGENDA = """\
title = "A morning"
start = 09:00:00

[[modules]]
module = "trust-first"
"""


def _agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, list[str]]:
    (tmp_path / "trust.toml").write_text(MODULE, encoding="utf-8")
    return validate(tmp_path, monkeypatch, text, "agendas/day.toml")


def test_a_valid_agenda_finds_its_module_in_the_folder_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = _agenda(tmp_path, monkeypatch, AGENDA + 'minutes = { welcome = 2 }\n')
    assert (code, lines) == (0, ["agendas/day.toml: ok: agenda 'day', 1 modules, 8 min"])


AGENDA_RULES = [
    ("unknown module", 'module = "trust-first"', 'module = "trust-frist"',
     "agendas/day.toml:5:1: module 'trust-frist' does not exist (did you mean 'trust-first'?)"),
    ("override of a missing step", "", 'minutes = { welcom = 2 }\n',
     "agendas/day.toml:6:1: module 'trust-first': no step 'welcom' to override (did you mean 'welcome'?)"),
    ("override of zero minutes", "", 'minutes = { welcome = 0 }\n',
     "agendas/day.toml:6:1: module 'trust-first': 'welcome' must be at least 1, not 0"),
    ("module twice", "", '\n[[modules]]\nmodule = "trust-first"\n',
     "agendas/day.toml:8:1: module 'trust-first' appears twice in the agenda (entries 1 and 2)"),
    ("start as a string", "start = 09:00:00", 'start = "9am"',
     "agendas/day.toml:2:1: 'start' must be a time like 09:00:00 or a date-time, not a string"),
]


@pytest.mark.parametrize(("old", "new", "expected"), [r[1:] for r in AGENDA_RULES], ids=[r[0] for r in AGENDA_RULES])
def test_agenda_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, expected: str) -> None:
    text = AGENDA.replace(old, new, 1) if old else AGENDA + new
    code, lines = _agenda(tmp_path, monkeypatch, text)
    assert code == 2
    assert expected in lines, "\n".join(lines)


def test_a_file_that_is_neither_module_nor_agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = validate(tmp_path, monkeypatch, 'title = "what am I"\n')
    assert (code, lines) == (2, ["m.toml:1:1: not a module ([[steps]]), an agenda ([[modules]]) or a session ([session])"])


def test_a_module_id_used_twice_across_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.toml").write_text(MODULE, encoding="utf-8")
    code, lines = validate(tmp_path, monkeypatch, MODULE, "b.toml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "a.toml", "b.toml"])
    assert result.exit_code == 2
    assert "b.toml:1:1: module id 'trust-first' is already used by a.toml" in result.output.splitlines()
