"""A command typed wrong (an option left out, a command that does not exist, a bad --lang) is
one `error:` line and exit 2, like every other mistake: not click's usage, hint and blank line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import Workshop
from workshop.cli import app


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["idea", "s", "x"], "Missing option '--name'"),
        (["idea"], "Missing argument 'session'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["--lang", "xx", "sessions"], "“xx” is not one of the languages"),
        (["--lang", "\x1b[2J", "sessions"], "is not one of the languages"),
        (["report", "s", "--format"], "requires an argument"),
        (["report", "s", "--bogus"], "No such option: --bogus"),
    ],
    ids=repr,
)
def test_a_command_typed_wrong_is_one_line(args: list[str], says: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.stderr
    assert "\x1b" not in result.stderr and "--help" in lines[0]


def test_workshop_alone_still_shows_its_help() -> None:
    result = CliRunner().invoke(app, [])
    assert "Commands" in result.output and "error" not in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--lang", "de", "modules"], "Module und Agenden"),  # before the command, as after it
        (["modules", "--lang", "de"], "Module und Agenden"),
        (["--lang", "de", "modules", "--lang", "fr"], "Modules et programmes"),  # the command's own wins
        (["modules"], "Modules and agendas"),  # and the next command speaks as it is told again
    ],
    ids=repr,
)
def test_lang_before_the_command_is_the_commands_language(args: list[str], says: str) -> None:
    result = CliRunner().invoke(app, args, env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""})
    assert result.exit_code == 0, result.output
    assert says in result.stdout


def test_a_usage_error_after_lang_is_said_in_that_language() -> None:
    result = CliRunner().invoke(app, ["--lang", "de", "idea"])
    assert result.exit_code == 2 and result.stderr.startswith("Fehler: "), result.stderr


@pytest.mark.parametrize(
    ("args", "help_of"),
    [
        (["report", "s", "--format"], "workshop report --help"),  # an option's value left out
        (["report", "s", "-f"], "workshop report --help"),
        (["actions", "s", "--ics-kind"], "workshop actions --help"),
        (["report", "s", "--bogus"], "workshop report --help"),
        (["report"], "workshop report --help"),
        (["nosuch"], "workshop --help"),  # no command to name: the whole list
    ],
    ids=repr,
)
def test_the_hint_names_the_help_of_the_command_typed(args: list[str], help_of: str) -> None:
    result = CliRunner().invoke(app, args, prog_name="workshop")
    assert result.exit_code == 2, result.output
    assert f"(`{help_of}` says what it takes)" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["report", "s", "--format", "xx", "--lang", "de"],
            "Fehler: unbekanntes Format „xx“: wählen Sie md, html, csv oder json",
        ),
        (["actions", "s", "--format", "pdf", "--lang", "es"], "formato desconocido «pdf»: elige md, csv, json o ics"),
        (["compare", "s", "t", "-o", "x.pdf", "--lang", "fr"], "--format md, html ou json"),
        (["report", "s", "--format", "xx"], "error: unknown format “xx”: choose md, html, csv or json"),
    ],
    ids=repr,
)
def test_the_formats_offered_are_listed_in_the_language_spoken(args: list[str], says: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr


ENGLISH = ("Missing", "No such option", "requires an argument", "Invalid value", "is not a valid", "unexpected extra")


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["idea", "s", "x"], "die Option '--name' fehlt"),
        (["idea"], "das Argument 'session' fehlt"),
        (["report", "s", "--bogus"], "keine Option --bogus"),
        (["report", "s", "--format"], "die Option '--format' braucht einen Wert"),
        (["serve", "s", "--port", "abc"], "ungültiger Wert für '--port': 'abc' ist keine ganze Zahl"),
        (["replay", "s", "--speed", "x"], "ungültiger Wert für '--speed': 'x' ist keine Zahl"),
        (["report", "s", "extra"], "zu viele Argumente: extra"),
    ],
    ids=repr,
)
def test_a_command_typed_wrong_is_said_in_the_language_spoken(args: list[str], german: str) -> None:
    """click's own words ('Missing option', 'No such option') no longer leak into the line."""
    for lang in ("de", "es", "fr"):
        result = CliRunner().invoke(app, ["--lang", lang, *args])
        line = result.stderr.strip()
        assert result.exit_code == 2 and not any(words in line for words in ENGLISH), line
        if lang == "de":
            assert line.startswith(f"Fehler: {german} (`"), line


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["serve", "s", "--port", "abc"], "Invalid value for '--port': 'abc' is not a valid int"),
        (["replay", "s", "--speed", "x"], "Invalid value for '--speed': 'x' is not a valid float"),
    ],
    ids=repr,
)
def test_click_s_english_is_said_as_click_says_it(args: list[str], english: str) -> None:
    """Said again for German, Spanish and French, a number typed wrong came out reworded in
    English too ('is not a whole number'): English is click's own line, as it was."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {english} (`"), result.stderr


@pytest.mark.parametrize("args", [["note", "s", "--nam", "x"], ["sessions", "--json=3"]], ids=repr)
def test_an_apostrophe_in_a_french_line_is_no_quote_to_cut(args: list[str]) -> None:
    """ "l'option … qu'elle attend": the words between two apostrophes were taken for a long
    quoted value and cut to their first 40 characters and "…"."""
    result = CliRunner().invoke(app, ["--lang", "fr", *args])
    line = result.stderr.strip()
    assert "…" not in line and line.endswith("dit ce qu'elle attend)"), line


def test_a_live_session_refused_by_archive_is_said_in_the_language_spoken(ws: Workshop) -> None:
    """Not 's ist running …, dann archive': the status and what to do next, in German too."""
    ws.started_at(name="live")
    assert "live is running" in ws.refused("archive", "live")
    said = ws.run("archive", "live", "--lang", "de").stderr
    assert said.startswith("Fehler: live ist noch nicht beendet (läuft): nur eine beendete Sitzung"), said
    assert said.rstrip().endswith("dann archivieren") and "running" not in said
    assert "está en curso" in ws.run("archive", "live", "--lang", "es").stderr
    assert "est en cours" in ws.run("archive", "live", "--lang", "fr").stderr
