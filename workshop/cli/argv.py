"""What the command line asks for, read before typer reads it: which command (so only its
parameters are built), whether it opens a screen, and the language `--lang` names."""

import copy
from typing import Any, Optional

import typer


def only_the_command(app: typer.Typer, argv: list[str]) -> None:
    """Keep on `app` only the command `argv` names, when it names one: typer builds every
    registered command's parameters before it runs any (docs/architecture.md, Speed). The list of
    commands (`--help`, no arguments, an option typer refuses) keeps them all without their
    parameters; an unknown name keeps them all, for its error message; `--version` alone needs
    none. Every output stays as it was."""
    argv = _without_lang(argv)
    at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    name, before = argv[at] if at < len(argv) else None, argv[:at]
    named = [
        c
        for c in app.registered_commands
        if name == (c.name or (c.callback.__name__ if c.callback else "").lower().replace("_", "-"))
    ]
    if "--help" in before or name is None and argv[:1] != ["--version"]:
        # the list of commands: their names and help, none of their parameters
        app.registered_commands = [_listed(c) for c in app.registered_commands]
    elif named or argv[:1] == ["--version"]:  # the version needs no command at all
        app.registered_commands = named


def _listed(info: Any) -> Any:
    """A registered command as the list of commands shows it, without the parameters typer would
    read for it."""
    listed = copy.copy(info)

    def stub() -> None:
        """Never run: only listed."""

    if info.callback is not None:
        stub.__name__, stub.__doc__ = info.callback.__name__, info.callback.__doc__
        listed.callback = stub
    return listed


SCREENS = ("run", "join", "kiosk", "screen", "replay", "preview")  # the commands that end in `show_screen`


def starts_a_screen(argv: list[str]) -> bool:
    """Whether `argv` opens a screen (not its help, not `join --plain`): the process then
    collects no garbage until the screen's first frame (tui/follow.py), since starting builds
    objects by the thousand, almost none of them garbage (docs/architecture.md, Speed)."""
    name = next((arg for arg in _without_lang(argv) if not arg.startswith("-")), None)
    return name in SCREENS and not {"--help", "--plain"} & set(argv)


def _without_lang(argv: list[str]) -> list[str]:
    """`argv` less `--lang X` (which may come before the command's name)."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def asked_language(argv: list[str]) -> Optional[str]:
    """The language `--lang X` (or `--lang=X`) names anywhere in `argv`, so the help and every
    message are in it from the first line on; None when it names none."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None
