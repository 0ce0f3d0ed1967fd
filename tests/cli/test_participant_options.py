"""Every command a participant types (vote, note, edit, idea, ask, upvote, hand, react, review)
ends with the same options, `--rejoin`, `--code`, `--sessions-dir` and `--lang`, in that order
after its own (cli/participant.py adds them): its help lists them so, and it takes each of them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop
from workshop import sessions
from workshop.cli import app

SHARED = ["--rejoin", "--code", "--sessions-dir", "--lang", "--help"]

# each command: its own options as its help lists them, and arguments it takes from Ana
COMMANDS = {
    "vote": (["--name", "--poll"], ["1"]),
    "note": (["--name", "--action", "--owner", "--due"], ["a thought"]),
    "edit": (["--owner", "--due", "--withdraw", "--restore", "--name"], ["i1", "better"]),
    "idea": (["--name"], ["an idea"]),
    "ask": (["--name", "--anonymous"], ["why?"]),
    "upvote": (["--name"], ["q1"]),
    "hand": (["--name", "--down"], []),
    "react": (["--name"], ["agree"]),
    "review": (["--note", "--name"], ["a1", "done"]),
}


def options_listed(help_text: str) -> list[str]:
    """The options a command's help lists, in its order."""
    options = help_text.split("\nOptions:\n")[1]
    return [line.split()[0].rstrip(",") for line in options.splitlines() if line.startswith("  -")]


@pytest.mark.parametrize("command", COMMANDS)
def test_the_help_lists_the_shared_options_after_the_command_s_own(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    own, _args = COMMANDS[command]
    assert options_listed(result.stdout) == [*own, *SHARED]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_takes_every_shared_option(ws: Workshop, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ana's name is taken and this account remembers nobody (WORKSHOP_SHARED): a wrong
    `--rejoin` is refused, in the language `--lang` asks for, with `--code` and `--sessions-dir`
    (which `ws.run` adds) taken as given, not refused as options the command does not know
    (`vote` takes an option it does not know as a value: its help says whether it lost one)."""
    monkeypatch.setenv("WORKSHOP_SHARED", "1")
    path = ws.started_at("pick")
    ws.ok("vote", "s", "--name", "Ana", "1")
    code = sessions.Session.open(path).state().code
    _own, args = COMMANDS[command]
    result = ws.run(command, "s", *args, "--name", "Ana", "--rejoin", "WRONG9", "--code", code, "--lang", "de")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("Fehler: das ist nicht der Wiedereinstiegscode von „Ana“")  # and when to try again


def test_the_list_of_commands_keeps_its_order() -> None:
    """`workshop --help` lists the commands in the order cli/__init__.py imports their modules,
    not in the order one module happens to import another."""
    listed = CliRunner().invoke(app, ["--help"]).stdout.split("\nCommands:\n")[1]
    assert [line.split()[0] for line in listed.splitlines() if line.startswith("  ")] == [
        *("new", "control", "vote", "note", "edit", "repair"),
        *("report", "compare", "actions"),
        *("decide", "decisions", "followup", "review"),
        *("bench", "modules", "validate", "draft", "preview", "sessions", "archive"),
        *("idea", "ask", "upvote", "hand", "react"),
        *("run", "join", "kiosk", "serve", "screen", "replay"),
    ]
