"""`workshop validate --practice`: each facilitation rule, shown with a bad file and the exact
warning lines a user sees; warnings exit 0, or 1 with --strict; the bundled seeds give none.

Modules start from samples.BASE_LINES (numbered there), so a warning's line is the line the test
wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.samples import AGENDA, MODULE, MODULE_ID, MODULE_OK, agenda, edit, poll, run_validate, write

ROOT = Path(__file__).resolve().parents[2]
POLL = "m.toml:{}: warning: step 'vote': poll: "
LIVE = (
    'a named poll revealed live: early votes sway later ones; use reveal = "on-close" or "manual", or make it anonymous'
)
FIST = 'fist-of-five is a consent check: use a consent poll (vote = "consent"), or drop "fist" to keep a rating'
SCALE = ('vote = "scale"', "min = 0", "max = 5")
OK = f"m.toml: ok: {MODULE_OK}"

# (case, module text, the warnings printed before its ok line)
MODULE_RULES = [
    (
        "named-poll-live",
        poll('vote = "single"', 'reveal = "live"', 'options = ["Coaching", "Planning"]'),
        [POLL.format("28:1") + LIVE],
    ),
    (
        "fist-in-question",
        edit({26: ['question = "Fist of five: how ready are we?"'], 27: list(SCALE), 28: []}),
        [POLL.format("27:1") + FIST],
    ),
    ("fist-in-labels", poll(*SCALE, 'labels = { 0 = "a fist", 5 = "five fingers" }'), [POLL.format("27:1") + FIST]),
    (
        "fist-in-prompt",
        edit({23: ['prompt = "**Fist of five:** how ready are we?"'], 27: list(SCALE), 28: []}),
        [POLL.format("27:1") + FIST],
    ),
    (
        "dots-budget-over-half",
        poll('vote = "dots"', "budget = 3", "cap = 1", 'options = ["A", "B", "C", "D", "E"]'),
        [
            POLL.format("28:1") + "3 dots on 5 options is more than half: give about a quarter to a third as many dots "
            "as options (2)"
        ],
    ),
    (
        "dots-without-cap",
        poll('vote = "dots"', "budget = 2", 'options = ["A", "B", "C", "D"]'),
        [POLL.format("25:1") + "no cap on the 2 dots: add cap = 1 so no one puts every dot on one option"],
    ),
    (
        "dots-cap-is-the-budget",
        poll('vote = "dots"', "budget = 2", "cap = 2", 'options = ["A", "B", "C", "D"]'),
        [POLL.format("29:1") + "cap 2 is the whole budget, so it limits nothing: make it 1"],
    ),
    (
        "notes-quote-other-minutes",
        edit({16: ['prompt = "Hello."', 'notes = "Keep to five minutes."']}),
        # 'notes = "' is nine characters: the quote starts in column 10
        ["m.toml:17:10: warning: step 'welcome': notes say \"Keep to five minutes\" but the step has 4 minutes"],
    ),
    (
        "notes-quote-in-a-block",
        edit({16: ['prompt = "Hello."', 'notes = """', "Say hello.", "Then a", "five-minute break.", '"""']}),
        ["m.toml:20:1: warning: step 'welcome': notes say \"five-minute\" but the step has 4 minutes"],
    ),
    (
        "prompt-turns-do-not-fit",
        edit({16: ['prompt = "In pairs (3 minutes each): say hello."']}),
        # 'prompt = "In pairs (' is twenty characters
        [
            "m.toml:16:21: warning: step 'welcome': prompt says \"3 minutes each\" but 2 turns of 3 minutes need 6, "
            "the step has 4"
        ],
    ),
    (
        "long-module-without-break",
        edit({4: ["minutes = 130"], 15: ["minutes = 124"]}),
        ["m.toml:4:1: warning: the steps run 130 minutes with no break: a module over 120 minutes needs a break step"],
    ),
]


@pytest.mark.parametrize(("text", "warnings"), [r[1:] for r in MODULE_RULES], ids=[r[0] for r in MODULE_RULES])
def test_module_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, warnings: list[str]) -> None:
    write(tmp_path, "m.toml", text)
    code, lines = run_validate(tmp_path, monkeypatch, "--practice", "m.toml")
    assert code == 0
    assert lines[:-1] == warnings
    assert lines[-1].startswith("m.toml: ok: ")


def test_more_than_twelve_options_is_warned_beside_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema refuses more than 12 options on its own; the warning says why that is practice."""
    options = ", ".join(f'"Option {n}"' for n in range(1, 14))
    write(tmp_path, "m.toml", poll('vote = "single"', f"options = [{options}]"))
    assert run_validate(tmp_path, monkeypatch, "--practice", "m.toml") == (
        2,
        [
            "m.toml:28:1: step 'vote': poll: needs 2 to 12 options, has 13",
            POLL.format("28:1") + "13 options on one vote: more than 12 are hard to read and weigh; shortlist or group "
            "them",
        ],
    )


def test_warnings_exit_zero_and_strict_exits_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "m.toml", MODULE_RULES[0][1])
    assert run_validate(tmp_path, monkeypatch, "--practice", "m.toml")[0] == 0
    strict = run_validate(tmp_path, monkeypatch, "--practice", "--strict", "m.toml")
    assert strict == (1, [POLL.format("28:1") + LIVE, OK])
    assert run_validate(tmp_path, monkeypatch, "--strict", "m.toml")[0] == 1  # --strict implies --practice
    assert run_validate(tmp_path, monkeypatch, "m.toml") == (0, [OK])  # without --practice: no warnings at all


def test_a_module_by_the_norms_passes_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        "m.toml",
        poll('vote = "dots"', "budget = 2", "cap = 1", 'reveal = "on-close"', 'options = ["A", "B", "C", "D"]'),
    )
    code, lines = run_validate(tmp_path, monkeypatch, "--strict", "m.toml")
    assert (code, len(lines)) == (0, 1)


def test_a_fist_of_five_written_as_a_consent_poll_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        "m.toml",
        edit({23: ['prompt = "**Fist of five:** can we live with this plan?"'], 27: ['vote = "consent"'], 28: []}),
    )
    code, lines = run_validate(tmp_path, monkeypatch, "--strict", "m.toml")
    assert (code, len(lines)) == (0, 1)


# ------------------------------------------------------------------------------------------ agendas


def test_an_agenda_without_a_break_for_over_90_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "probe.toml", MODULE)
    write(tmp_path, "day.toml", agenda({6: ["minutes = { welcome = 85 }"]}))
    assert run_validate(tmp_path, monkeypatch, "--practice", "day.toml") == (
        0,
        [
            "day.toml:5:1: warning: 91 minutes without a break (09:00 to 10:31): add a break step so that no stretch "
            "runs over 90 minutes",
            "day.toml: ok: agenda 'day', 1 modules, 91 min",
        ],
    )


# a 50-minute module: its talk step runs 44 minutes
SECOND = (
    MODULE.replace(MODULE_ID, "probe-two")
    .replace("minutes = 10", "minutes = 50")
    .replace("minutes = 4", "minutes = 44")
)


def test_a_stretch_runs_on_across_modules_and_is_reported_where_it_passes_90(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "probe.toml", SECOND.replace("probe-two", MODULE_ID))
    write(tmp_path, "two.toml", SECOND)
    write(tmp_path, "day.toml", agenda({6: []}, ["", "[[modules]]", 'module = "probe-two"']))
    code, lines = run_validate(tmp_path, monkeypatch, "--practice", "day.toml")
    assert lines[0] == (
        "day.toml:8:1: warning: 100 minutes without a break (09:00 to 10:40): add a break step so that "
        "no stretch runs over 90 minutes"
    )


def test_a_break_step_resets_the_stretch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "probe.toml", SECOND.replace("probe-two", MODULE_ID).replace('kind = "talk"', 'kind = "break"'))
    write(tmp_path, "two.toml", SECOND)
    write(tmp_path, "day.toml", agenda({6: []}, ["", "[[modules]]", 'module = "probe-two"']))
    assert run_validate(tmp_path, monkeypatch, "--strict", "day.toml") == (
        0,
        ["day.toml: ok: agenda 'day', 2 modules, 100 min"],
    )


def test_an_override_that_contradicts_the_notes_is_reported_at_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "probe.toml", edit({16: ['prompt = "Hello."', 'notes = "Keep to four minutes."']}))
    write(tmp_path, "day.toml", AGENDA)  # minutes = { welcome = 2 }: "welcome" is at column 13
    assert run_validate(tmp_path, monkeypatch, "--practice", "probe.toml", "day.toml") == (
        0,
        [
            f"probe.toml: ok: {MODULE_OK}",
            f"day.toml:6:13: warning: module '{MODULE_ID}': step 'welcome': notes say \"Keep to four minutes\" but "
            "the step has 2 minutes in this agenda",
            "day.toml: ok: agenda 'day', 1 modules, 8 min",
        ],
    )


# ------------------------------------------------------------------------------------------ seeds


def test_the_bundled_seeds_follow_the_practice(monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = run_validate(ROOT, monkeypatch, "--strict", "seeds")
    assert code == 0, "\n".join(lines)
    assert all(": ok: " in line for line in lines)


def test_the_vote_examples_in_the_authoring_guide_follow_the_practice() -> None:
    from tests.content.test_authoring_examples import BLOCKS, HEAD, POLL_STEP
    from workshop.content import document, practice

    for block in (b for b in BLOCKS if b.startswith("[steps.poll]")):
        doc = document.parse((HEAD.format(minutes=4) + POLL_STEP + block).encode(), "docs.toml")
        assert practice.check_module(doc) == [], block
