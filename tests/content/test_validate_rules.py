"""Each validation rule, shown with a real bad file and the exact lines `workshop validate` prints.

Every case starts from the valid module in samples.BASE_LINES and breaks one thing; the expected
`path:line:col` is the line the test wrote (see the numbering in samples.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.samples import (
    AGENDA,
    AGENDA_MINUTES,
    MODULE,
    MODULE_ID,
    MODULE_OK,
    agenda,
    edit,
    poll,
    run_validate,
    write,
)

STEP1 = "step 'welcome': "
STEP2 = "step 'vote': "
POLL = STEP2 + "poll: "

# (case, file text, every line printed, in order)
RULES = [
    # --- TOML itself
    (
        "toml-syntax",
        edit({15: ["minutes = = 4"]}),
        # 'minutes = = 4': the second '=' is column 11, where a value was expected
        ["m.toml:15:11: TOML syntax: invalid value"],
    ),
    (
        "toml-syntax-at-end",
        edit({28: ['options = ["Coaching", "Planning"']}),
        # the array is still open when the 28 lines (each ending in a newline) run out: line 29, column 1
        ["m.toml:29:1: TOML syntax: unclosed array"],
    ),
    # --- keys
    (
        "unknown-key-near-miss",
        edit({15: ["minuts = 4"]}),
        [
            "m.toml:11:1: " + STEP1 + "missing required key 'minutes'",
            "m.toml:15:1: " + STEP1 + "unknown key 'minuts' (did you mean 'minutes'?)",
        ],
    ),
    (
        "unknown-key-indented-top-level",
        edit({3: ['  sumary = "A short module."']}),
        ["m.toml:1:1: missing required key 'summary'", "m.toml:3:3: unknown key 'sumary' (did you mean 'summary'?)"],
    ),
    (
        "unknown-key-no-near-miss",
        edit({16: ['prompt = "Hello."', 'colour = "red"']}),
        ["m.toml:17:1: " + STEP1 + "unknown key 'colour'"],
    ),
    (
        "unknown-source-key",
        edit({9: ['publisher = "Example Press"', "year = 2020"]}),
        ["m.toml:10:1: source: unknown key 'year'"],
    ),
    # --- required fields and types
    ("missing-step-field", edit({16: []}), ["m.toml:11:1: " + STEP1 + "missing required key 'prompt'"]),
    ("missing-source-field", edit({9: []}), ["m.toml:6:1: source: missing required key 'publisher'"]),
    ("missing-top-level-field", edit({3: []}), ["m.toml:1:1: missing required key 'summary'"]),
    ("empty-title", edit({13: ['title = "   "']}), ["m.toml:13:1: " + STEP1 + "'title' must not be empty"]),
    (
        "minutes-as-string",
        edit({15: ['minutes = "4"']}),
        ["m.toml:15:1: " + STEP1 + "'minutes' must be a whole number, not a string"],
    ),
    (
        "minutes-as-bool",
        edit({15: ["minutes = true"]}),
        ["m.toml:15:1: " + STEP1 + "'minutes' must be a whole number, not true/false"],
    ),
    (
        "module-minutes-as-float",
        edit({4: ["minutes = 10.0"]}),
        ["m.toml:4:1: 'minutes' must be a whole number, not a decimal number"],
    ),
    ("title-as-number", edit({2: ["title = 7"]}), ["m.toml:2:1: 'title' must be a string, not a whole number"]),
    # --- ids
    (
        "duplicate-step-id",
        edit({19: ['id = "welcome"']}),
        ["m.toml:19:1: " + STEP1 + "duplicate step id 'welcome' (first used on line 11)"],
    ),
    (
        "bad-module-slug",
        edit({1: ['id = "Trust Probe"']}),
        ["m.toml:1:1: id 'Trust Probe' must be lower-case letters, digits and dashes"],
    ),
    (
        "bad-step-slug",
        edit({12: ['id = "-welcome"']}),
        ["m.toml:12:1: step '-welcome': id '-welcome' must be lower-case letters, digits and dashes"],
    ),
    (
        "step-slug-ending-in-a-newline",
        edit({12: ['id = "welcome\\n"']}),
        ["m.toml:12:1: step 'welcome\\n': id 'welcome\\n' must be lower-case letters, digits and dashes"],
    ),
    (
        "control-in-a-prompt",
        edit({16: ['prompt = "Hello.\\u001b]0;owned\\u0007"']}),
        [
            "m.toml:16:1: " + STEP1 + "'prompt' holds a control character (U+001B): it would reach every terminal "
            "that shows it"
        ],
    ),
    (
        "escape-sequence-shown-escaped",
        edit({12: ['id = "w\\u001b[2J"']}),
        ["m.toml:12:1: step 'w\\x1b[2J': id 'w\\x1b[2J' must be lower-case letters, digits and dashes"],
    ),
    # --- minutes
    (
        "step-minutes-zero",
        edit({22: ["minutes = 0"]}),
        ["m.toml:22:1: " + STEP2 + "'minutes' must be between 1 and 1440, not 0"],
    ),
    (
        "step-minutes-negative",
        edit({22: ["minutes = -3"]}),
        ["m.toml:22:1: " + STEP2 + "'minutes' must be between 1 and 1440, not -3"],
    ),
    ("module-minutes-zero", edit({4: ["minutes = 0"]}), ["m.toml:4:1: 'minutes' must be between 1 and 10080, not 0"]),
    (
        "module-minutes-not-the-sum",
        edit({4: ["minutes = 12"]}),
        ["m.toml:4:1: 'minutes' is 12 but the steps add up to 10"],
    ),
    # --- step kinds and polls
    (
        "unknown-step-kind",
        edit({14: ['kind = "tlak"']}),
        [
            "m.toml:14:1: " + STEP1 + "kind 'tlak' is not one of talk, discuss, poll, notes, break, brainstorm, qa "
            "(did you mean 'talk'?)"
        ],
    ),
    (
        "poll-step-without-poll",
        edit({24: [], 25: [], 26: [], 27: [], 28: []}),
        ["m.toml:18:1: " + STEP2 + "a poll step needs a [steps.poll] table"],
    ),
    (
        "poll-on-a-discuss-step",
        edit({21: ['kind = "discuss"']}),
        ["m.toml:25:1: " + STEP2 + "only a poll step may have a poll (this step's kind is 'discuss')"],
    ),
    ("options-missing", edit({28: []}), ["m.toml:25:1: " + POLL + "missing required key 'options'"]),
    (
        "options-duplicated-ignoring-case-and-spaces",
        edit({28: ['options = ["Coaching", "Planning", " COACHING "]']}),
        ["m.toml:28:1: " + POLL + "option ' COACHING ' appears twice"],
    ),
    (
        "too-few-options",
        edit({28: ['options = ["Coaching"]']}),
        ["m.toml:28:1: " + POLL + "needs 2 to 12 options, has 1"],
    ),
    (
        "too-many-rank-options",
        poll('vote = "rank"', "options = [" + ", ".join(f'"{c}"' for c in "ABCDEFGHIJK") + "]"),
        ["m.toml:28:1: " + POLL + "needs 2 to 10 options, has 11"],
    ),
    (
        "option-not-a-string",
        edit({28: ['options = ["Coaching", 2]']}),
        ["m.toml:28:1: " + POLL + "every option must be a string, not a whole number"],
    ),
    (
        "multi-max-over-the-options",
        poll('vote = "multi"', 'options = ["A", "B", "C"]', "max = 4"),
        ["m.toml:29:1: " + POLL + "max 4 is more than the 3 options"],
    ),
    (
        "dots-budget-zero",
        poll('vote = "dots"', 'options = ["A", "B"]', "budget = 0"),
        ["m.toml:29:1: " + POLL + "'budget' must be between 1 and 100, not 0"],
    ),
    (
        "dots-budget-over-100",
        poll('vote = "dots"', 'options = ["A", "B"]', "budget = 101"),
        ["m.toml:29:1: " + POLL + "'budget' must be between 1 and 100, not 101"],
    ),
    (
        "dots-cap-over-budget",
        poll('vote = "dots"', 'options = ["A", "B"]', "budget = 3", "cap = 4"),
        ["m.toml:30:1: " + POLL + "cap 4 is larger than the budget 3"],
    ),
    (
        "scale-min-equals-max",
        poll('vote = "scale"', "min = 5", "max = 5"),
        ["m.toml:29:1: " + POLL + "scale min 5 must be less than max 5"],
    ),
    (
        "scale-min-above-max",
        poll('vote = "scale"', "min = 6", "max = 2"),
        ["m.toml:29:1: " + POLL + "scale min 6 must be less than max 2"],
    ),
    (
        "scale-more-than-10-apart",
        poll('vote = "scale"', "min = 0", "max = 11"),
        ["m.toml:29:1: " + POLL + "scale 0 to 11 is more than 10 apart"],
    ),
    (
        "scale-label-outside-inline",
        poll('vote = "scale"', "min = 0", "max = 5", 'labels = { 0 = "no", 6 = "yes" }'),
        ["m.toml:30:1: " + POLL + "label for 6 is outside the scale 0 to 5"],
    ),
    # lines 27 vote, 28 min, 29 max, 30 blank, 31 header, 32 '1 = ...', 33 '7 = ...'
    (
        "scale-label-outside-table",
        poll('vote = "scale"', "min = 1", "max = 5", "", "[steps.poll.labels]", '1 = "no"', '7 = "yes"'),
        ["m.toml:33:1: " + POLL + "label for 7 is outside the scale 1 to 5"],
    ),
    (
        "scale-label-not-a-number",
        poll('vote = "scale"', "min = 1", "max = 5", 'labels = { top = "yes" }'),
        ["m.toml:30:1: " + POLL + "label key 'top' must be a whole number on the scale"],
    ),
    (
        "text-max-length-over-500",
        poll('vote = "text"', "max_length = 501"),
        ["m.toml:28:1: " + POLL + "'max_length' must be between 1 and 500, not 501"],
    ),
    (
        "key-not-used-by-this-vote",
        poll('vote = "text"', 'options = ["A", "B"]'),
        ["m.toml:28:1: " + POLL + "'options' is not used by a text vote"],
    ),
    (
        "budget-on-a-single-vote",
        edit({28: ['options = ["Coaching", "Planning"]', "budget = 3"]}),
        ["m.toml:29:1: " + POLL + "'budget' is not used by a single vote"],
    ),
    (
        "unknown-poll-key",
        edit({28: ['options = ["Coaching", "Planning"]', "anonymus = true"]}),
        ["m.toml:29:1: " + POLL + "unknown key 'anonymus' (did you mean 'anonymous'?)"],
    ),
    (
        "unknown-vote-kind",
        edit({27: ['vote = "singel"']}),
        [
            "m.toml:27:1: " + POLL + "vote 'singel' is not one of single, multi, scale, dots, rank, text, consent "
            "(did you mean 'single'?)"
        ],
    ),
    (
        "reveal-not-a-policy",
        edit({27: ['vote = "single"', 'reveal = "later"']}),
        ["m.toml:28:1: " + POLL + "reveal 'later' is not one of live, on-close, manual"],
    ),
    (
        "reveal-near-miss",
        edit({27: ['vote = "single"', 'reveal = "on_close"']}),
        ["m.toml:28:1: " + POLL + "reveal 'on_close' is not one of live, on-close, manual (did you mean 'on-close'?)"],
    ),
    (
        "anonymous-not-a-bool",
        edit({27: ['vote = "single"', 'anonymous = "yes"']}),
        ["m.toml:28:1: " + POLL + "'anonymous' must be true or false, not a string"],
    ),
    # --- brainstorm and qa steps, options from a brainstorm
    (
        "options-from-not-a-brainstorm",
        poll('vote = "dots"', "budget = 3", 'options_from = "welcome"'),
        ["m.toml:29:1: " + POLL + "options_from 'welcome' names no brainstorm step of this module"],
    ),
    (
        "options-and-options-from",
        poll('vote = "single"', 'options = ["A", "B"]', 'options_from = "welcome"'),
        [
            "m.toml:28:1: " + POLL + "give options or options_from, not both",
            "m.toml:29:1: " + POLL + "options_from 'welcome' names no brainstorm step of this module",
        ],
    ),
    (
        "anonymous-on-a-talk-step",
        edit({16: ['prompt = "Hello."', "anonymous = true"]}),
        ["m.toml:17:1: " + STEP1 + "'anonymous' is for brainstorm and qa steps"],
    ),
    (
        "show-on-a-qa-step",
        edit({14: ['kind = "qa"'], 16: ['prompt = "Hello."', 'show = "cloud"']}),
        ["m.toml:17:1: " + STEP1 + "'show' is for brainstorm steps"],
    ),
    (
        "show-unknown",
        edit({14: ['kind = "brainstorm"'], 16: ['prompt = "Hello."', 'show = "wall"']}),
        ["m.toml:17:1: " + STEP1 + "show 'wall' is not one of cards, cloud"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]) -> None:
    write(tmp_path, "m.toml", text)
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (2, expected)


def test_the_base_module_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", MODULE)
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (0, [f"m.toml: ok: {MODULE_OK}"])


def _poll_step(step_id: str, poll_lines: list[str]) -> list[str]:
    return [
        "",
        "[[steps]]",
        f'id = "{step_id}"',
        f'title = "{step_id}"',
        'kind = "poll"',
        "minutes = 1",
        'prompt = "Vote."',
        "",
        "[steps.poll]",
        'question = "Which?"',
        *poll_lines,
    ]


def test_every_vote_kind_at_its_limits_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The edges the format allows are allowed: 10 apart, budget 100, cap = budget, 10 ranked options…"""
    ten = "[" + ", ".join(f'"{c}"' for c in "ABCDEFGHIJ") + "]"
    twelve = "[" + ", ".join(f'"{c}"' for c in "ABCDEFGHIJKL") + "]"
    lines = [
        'id = "limits"',
        'title = "Limits"',
        'summary = "Every vote kind at its edges."',
        "minutes = 6",
        "",
        "[source]",
        'title = "T"',
        'author = "not named"',
        'publisher = "not named"',
    ]
    # written in the reverse of the canonical order: the summary lists them canonically
    lines += _poll_step("words", ['vote = "text"', "max_length = 500"])
    lines += _poll_step("order", ['vote = "rank"', f"options = {ten}"])
    lines += _poll_step("spread", ['vote = "dots"', "budget = 100", "cap = 100", 'options = ["A", "B"]'])
    lines += _poll_step(
        "hand",
        [
            'vote = "scale"',
            "min = -5",
            "max = 5",
            'labels = { -5 = "no", 5 = "yes" }',
            'reveal = "manual"',
            "anonymous = true",
        ],
    )
    lines += _poll_step("some", ['vote = "multi"', f"options = {twelve}", "max = 12", 'reveal = "live"'])
    lines += _poll_step("one", ['vote = "single"', 'options = ["Yes", "No"]'])
    write(tmp_path, "limits.toml", "\n".join(lines) + "\n")
    assert run_validate(tmp_path, monkeypatch, "limits.toml") == (
        0,
        ["limits.toml: ok: module 'limits', 6 steps, 6 min, votes: single, multi, scale, dots, rank, text"],
    )


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = edit(
        {
            1: ['id = "Trust Probe"'],
            4: ["minutes = 0"],
            9: ['publisher = ""'],
            15: ['minutes = "4"'],
            28: ['options = ["Coaching", "coaching"]'],
        }
    )
    write(tmp_path, "m.toml", text)
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert code == 2
    assert len(lines) == 5
    assert lines == [
        "m.toml:1:1: id 'Trust Probe' must be lower-case letters, digits and dashes",
        "m.toml:4:1: 'minutes' must be between 1 and 10080, not 0",
        "m.toml:9:1: source: 'publisher' must not be empty",
        "m.toml:15:1: " + STEP1 + "'minutes' must be a whole number, not a string",
        "m.toml:28:1: " + POLL + "option 'coaching' appears twice",
    ]


def test_a_file_that_is_neither_module_nor_agenda_nor_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", 'title = "what am I"\n[steps_]\nid = "x"\n')
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (
        2,
        ["m.toml:1:1: not a module ([[steps]]), an agenda ([[modules]]) or a session ([session])"],
    )


def test_a_module_id_used_by_two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.toml", MODULE)
    write(tmp_path, "b.toml", MODULE)
    assert run_validate(tmp_path, monkeypatch, "a.toml", "b.toml") == (
        2,
        [f"a.toml: ok: {MODULE_OK}", f"b.toml:1:1: module id '{MODULE_ID}' is already used by a.toml"],
    )


def test_the_locator_is_not_fooled_by_an_escaped_quote_in_a_multiline_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In TOML, a backslash and three quotes inside a multi-line basic string are an escaped quote
    # and two quotes, not the end of the string: tomllib reads this prompt as 'Say """ please'.
    # A problem on a later line must still point at that line.
    text = edit({15: [], 16: ['prompt = """Say \\""" please"""', "minuts = 4"]})
    # lines: 11 [[steps]], 12 id, 13 title, 14 kind, 15 prompt, 16 minuts
    write(tmp_path, "m.toml", text)
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (
        2,
        [
            "m.toml:11:1: " + STEP1 + "missing required key 'minutes'",
            "m.toml:16:1: " + STEP1 + "unknown key 'minuts' (did you mean 'minutes'?)",
        ],
    )


# ------------------------------------------------------------------------------------------ agendas


@pytest.mark.parametrize("where", ["agendas/day.toml", "day.toml"], ids=["in-agendas-folder", "beside-the-module"])
def test_a_valid_agenda_finds_its_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    write(tmp_path, "probe.toml", MODULE)
    write(tmp_path, where, AGENDA)
    assert run_validate(tmp_path, monkeypatch, where) == (
        0,
        [f"{where}: ok: agenda 'day', 1 modules, {AGENDA_MINUTES} min"],
    )


def test_a_module_and_its_agenda_validated_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "probe.toml", MODULE)
    write(tmp_path, "agendas/day.toml", AGENDA)
    assert run_validate(tmp_path, monkeypatch, "probe.toml", "agendas/day.toml") == (
        0,
        [
            f"probe.toml: ok: {MODULE_OK}",
            f"agendas/day.toml: ok: agenda 'day', 1 modules, {AGENDA_MINUTES} min",
        ],
    )


def test_an_agenda_in_an_unrelated_folder_does_not_see_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "modules/probe.toml", MODULE)
    write(tmp_path, "plans/day.toml", AGENDA)
    assert run_validate(tmp_path, monkeypatch, "plans/day.toml") == (
        2,
        [f"plans/day.toml:5:1: module '{MODULE_ID}' does not exist"],
    )
    # …until --path names the folder
    assert run_validate(tmp_path, monkeypatch, "plans/day.toml", "--path", "modules") == (
        0,
        [f"plans/day.toml: ok: agenda 'day', 1 modules, {AGENDA_MINUTES} min"],
    )


AGENDA_RULES = [
    (
        "module-does-not-exist-near-miss",
        agenda({5: ['module = "probe-trsut"']}),
        ["agendas/day.toml:5:1: module 'probe-trsut' does not exist (did you mean 'probe-trust'?)"],
    ),
    (
        "module-does-not-exist",
        agenda({5: ['module = "qqqqqqqqqqqq"']}),
        ["agendas/day.toml:5:1: module 'qqqqqqqqqqqq' does not exist"],
    ),
    (
        "override-of-a-missing-step",
        agenda({6: ["minutes = { welcom = 2 }"]}),
        [f"agendas/day.toml:6:1: module '{MODULE_ID}': no step 'welcom' to override (did you mean 'welcome'?)"],
    ),
    (
        "override-of-zero-minutes",
        agenda({6: ["minutes = { welcome = 0 }"]}),
        [f"agendas/day.toml:6:1: module '{MODULE_ID}': 'welcome' must be between 1 and 1440, not 0"],
    ),
    (
        "override-as-a-table",
        agenda({6: ["[modules.minutes]", "vote = 2", "welcome = -1"]}),
        # lines 6 header, 7 'vote = 2', 8 'welcome = -1': the locator finds the very key
        [f"agendas/day.toml:8:1: module '{MODULE_ID}': 'welcome' must be between 1 and 1440, not -1"],
    ),
    (
        "module-named-twice",
        agenda(extra=["", "[[modules]]", f'module = "{MODULE_ID}"']),
        # lines 7 blank, 8 [[modules]], 9 module = …
        [f"agendas/day.toml:9:1: module '{MODULE_ID}' appears twice in the agenda (entries 1 and 2)"],
    ),
    (
        "start-as-a-string",
        agenda({2: ['start = "9am"']}),
        ["agendas/day.toml:2:1: 'start' must be a time like 09:00:00 or a date-time, not a string"],
    ),
    (
        "start-as-a-date",
        agenda({2: ["start = 2025-03-01"]}),
        ["agendas/day.toml:2:1: 'start' must be a time like 09:00:00 or a date-time, not a date without a time"],
    ),
    ("start-missing", agenda({2: []}), ["agendas/day.toml:1:1: missing required key 'start'"]),
    (
        "unknown-key-in-an-entry",
        agenda({6: ["minutes = { welcome = 2 }", 'note = "x"']}),
        [f"agendas/day.toml:7:1: module '{MODULE_ID}': unknown key 'note'"],
    ),
    (
        "unknown-top-level-key",
        agenda({1: ['title = "A morning"', 'titel = "again"']}),
        ["agendas/day.toml:2:1: unknown key 'titel' (did you mean 'title'?)"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in AGENDA_RULES], ids=[r[0] for r in AGENDA_RULES])
def test_agenda_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]) -> None:
    write(tmp_path, "probe.toml", MODULE)
    write(tmp_path, "agendas/day.toml", text)
    assert run_validate(tmp_path, monkeypatch, "agendas/day.toml") == (2, expected)


def test_two_agendas_with_the_same_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An agenda's id is its file name. Two valid agendas both called day.toml, validated together,
    must each get a line (an ok summary, or a problem saying the id is taken) and never a traceback."""
    write(tmp_path, "a/probe.toml", MODULE)
    write(tmp_path, "a/day.toml", AGENDA)
    write(tmp_path, "b/day.toml", AGENDA)
    code, lines = run_validate(tmp_path, monkeypatch, "a/day.toml", "b/day.toml")
    assert lines[0] == f"a/day.toml: ok: agenda 'day', 1 modules, {AGENDA_MINUTES} min"
    assert len(lines) == 2 and lines[1].startswith("b/day.toml")
    assert code in (0, 2)


def test_a_brainstorm_and_a_rank_poll_of_its_ideas_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        "m.toml",
        edit(
            {
                14: ['kind = "brainstorm"'],
                16: ['prompt = "Hello."', "anonymous = true", 'show = "cloud"'],
                27: ['vote = "rank"'],
                28: ['options_from = "welcome"'],
            }
        ),
    )
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (
        0,
        ["m.toml: ok: module 'probe-trust', 2 steps, 10 min, votes: rank"],
    )


def test_rounds_must_add_up_to_their_step(tmp_path) -> None:
    """A step's rounds are its time in parts: two or more, adding up to the step's minutes."""
    from workshop.content import document, schema
    from workshop.content.problems import Invalid

    base = (
        'id = "r"\ntitle = "R"\nsummary = "S."\nminutes = 7\n[source]\ntitle = "T"\nauthor = "A"\n'
        'publisher = "P"\n[[steps]]\nid = "pairs"\ntitle = "Pairs"\nkind = "discuss"\nminutes = 7\n'
        'prompt = "Talk."\n'
    )
    good = base + '[[steps.rounds]]\nlabel = "A"\nminutes = 3\n[[steps.rounds]]\nlabel = "B"\nminutes = 4\n'
    module = schema.check_module(document.parse(good.encode(), "r.toml"))
    assert [(r.label, r.minutes) for r in module.steps[0].rounds] == [("A", 3), ("B", 4)]
    for rounds, says, line in (
        ('[[steps.rounds]]\nlabel = "A"\nminutes = 3\n[[steps.rounds]]\nlabel = "B"\nminutes = 3\n', "add up to 6", 15),
        ('[[steps.rounds]]\nlabel = "A"\nminutes = 7\n', "at least two", 15),
        ('[[steps.rounds]]\nlabel = "A"\nminutes = 0\n[[steps.rounds]]\nlabel = "B"\nminutes = 7\n', "and 1440", 17),
        ('[[steps.rounds]]\nminutes = 3\n[[steps.rounds]]\nlabel = "B"\nminutes = 4\n', "label", 15),
    ):
        try:
            schema.check_module(document.parse((base + rounds).encode(), "r.toml"))
        except Invalid as err:
            problem = str(err.problems[0])
            assert says in problem and problem.startswith(f"r.toml:{line}:"), problem
        else:
            raise AssertionError(f"accepted: {rounds!r}")
