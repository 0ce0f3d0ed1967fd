"""A poll's options and a scale's labels are text every screen shows, like a title or a prompt:
`validate` refused a control character in those, but passed one in an option or a label, and
`workshop new` then wrote a session whose header every command refuses ("it holds a control
character"). Each is refused where the author wrote it, in the module and in its variants; so is a
bidi control a line leaves open, which would reorder what a screen shows after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.content.samples import edit, poll, run_validate, write
from tests.content.test_variants import german
from workshop.cli import app

HOLDS = "holds a control character (U+001B): it would reach every terminal that shows it"


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        (poll('vote = "single"', 'options = ["Coaching\\u001b[2J", "Planning"]'), 28, "'options' " + HOLDS),
        (
            poll('vote = "scale"', "min = 1", "max = 5", 'labels = { 1 = "no\\u001b]0;owned\\u0007", 5 = "yes" }'),
            30,
            "'1' " + HOLDS,
        ),
        (german({46: ['options = ["Coaching", "Planung\\u001b[2J"]']}), 46, "'options' " + HOLDS),
    ],
    ids=["option", "label", "variant-option"],
)
def test_a_control_in_an_option_or_a_label_is_refused_where_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, said: str
) -> None:
    write(tmp_path, "m.toml", text)
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert code == 2
    assert any(printed.startswith(f"m.toml:{line}:") and printed.endswith(said) for printed in lines), lines


def test_a_module_validate_passes_makes_a_session_every_command_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "mods/m.toml", edit({28: ['options = ["Coaching\\u001b[2J", "Planning"]']}))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code, _lines = run_validate(tmp_path, monkeypatch, "mods/m.toml")
    made = CliRunner().invoke(app, ["new", "probe-trust", "-p", "mods", "--sessions-dir", "s", "--name", "x"])
    opened = CliRunner().invoke(app, ["report", "s/x.toml"]) if made.exit_code == 0 else made
    assert code == 2 or opened.exit_code == 0, opened.output


@pytest.mark.parametrize(
    ("line", "given", "ok"),
    [
        (13, 'title = "Wel\\u202ecome"', False),  # an override left open reverses what follows the title
        (16, 'prompt = "Hello \\u2069there."', False),  # a stray closer ends the isolation around it early
        (13, 'title = "Wel\\u202ecome\\u202c"', True),  # closed on its line: it reorders only itself
        (13, 'title = "\\u05e9\\u05dc\\u05d5\\u05dd"', True),  # Hebrew letters are no control
        (
            16,
            'prompt = "\\u2067\\u05e9\\u05dc\\u05d5\\u05dd\\n\\u05e2\\u05d5\\u05dc\\u05dd\\u2069 \\u200f."',
            True,
        ),  # closed in its paragraph
        (16, 'prompt = "- one \\u202e\\n- two \\u202c"', False),  # a list item is a paragraph of its own
    ],
)
def test_a_bidi_control_left_open_is_refused_like_a_control(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: int, given: str, ok: bool
) -> None:
    write(tmp_path, "m.toml", edit({line: [given]}))
    code, lines = run_validate(tmp_path, monkeypatch, "m.toml")
    assert (code == 0) is ok, lines
    assert ok or any(
        printed.startswith(f"m.toml:{line}:") and "holds a control character (U+" in printed for printed in lines
    )
