"""The `workshop` command. Thin: each command parses its arguments and calls into the core.

The commands live by what they work on: content.py (validate), drafts.py (draft, preview),
catalog.py (modules), live.py (new, control, vote, note, edit, repair), room.py (idea, ask, upvote,
hand, react), reports.py (report, compare, actions), after.py (decide, decisions, followup, review),
running.py (run), screens.py (join, kiosk, serve, screen, replay), housekeeping.py (sessions,
archive), bench.py (bench); `--help` lists them in the order the last line here imports their
modules. The commands a participant types end with the options participant.py declares once
(`@participant_options`). This module holds the app, the one place errors are printed, and the
helpers they share. Commands that open no screen must not import textual (a test checks), so
screen imports live inside the commands that need them.

No module here has `from __future__ import annotations`: typer would evaluate every string
annotation on every run (docs/architecture.md, Speed). argv.py reads the command line before typer.
"""

import gc
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from workshop import __version__
from workshop.cli import argv
from workshop.cli.help_words import InLanguage, every_command_in_language
from workshop.errors import WorkshopError, os_message, short_path
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from workshop.sessions import Session


def pretty_print_error(err: WorkshopError) -> None:
    """The one place a user's error is printed: one line on stderr, with nothing from a file or
    an argument (a path, a value quoted) that a terminal would take as a control, nor a line break
    one holds: it is said `\\n`, as a quoted value says it."""
    from workshop.engine.text import clean

    said = _QUOTED_LONG.sub(
        lambda m: f"{m['open']}{m['words'][:40]}…{m['close']}", clean(str(err))
    )  # a paste: its start
    said = "\\n".join(said.splitlines())  # (a paste that took the newline along)
    typer.echo(_("error: {err}").format(err=said), err=True)


# a value quoted back to the user, too long to read, between a language's quotation marks (engine/text.py
# `said_back`: “…”, „…“, «…», « … ») or straight ones; an apostrophe within a word (l'option) quotes nothing
_QUOTED_LONG = re.compile(
    r"""(?<!\w)(?P<open>['"]|[“„«] ?)(?P<words>[^'"“”„«»\n]{61,}?)(?P<close>(?<=\S)['"]|(?<=\S) ?[“”»])(?!\w)"""
)


class _Commands(InLanguage, TyperGroup):
    """Every command runs through here: a `WorkshopError` from anywhere below becomes its one
    line and exit status 2, never a traceback (the CLI tests' runner goes through here too)."""

    def invoke(self, ctx: "typer._click.Context") -> object:  # as the base has it: typer bundles click
        try:
            return super().invoke(ctx)
        except WorkshopError as err:
            pretty_print_error(err)
            raise typer.Exit(2) from None
        except typer._click.exceptions.UsageError as err:  # an option missing, a command unknown
            _one_line_usage(err, ctx)
        except OSError as err:  # a path the user gave that the system refuses even to look at
            if err.filename is None:  # (a name too long, a folder on the way not theirs)
                raise
            pretty_print_error(WorkshopError(os_message(short_path(err.filename), "read", err)))
            raise typer.Exit(2) from None

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:  # the root's own options (`--lang xx`) are read here, before any command runs
            return super().make_context(info_name, args, parent, **extra)
        except typer._click.exceptions.UsageError as err:
            _one_line_usage(err)


def _one_line_usage(err: "typer._click.exceptions.UsageError", root: Any = None) -> NoReturn:
    """Click's usage error (usage, a hint, a blank line, the error) as one line like every other,
    naming the help of the command typed (`root`: the root's context, for an error that comes
    without one, as an option's missing value does)."""
    if isinstance(err, typer._click.exceptions.NoArgsIsHelpError):  # `workshop` alone: its help
        raise err
    if err.ctx is not None:
        command = err.ctx.command_path
    elif root is not None:
        command = " ".join(filter(None, (root.command_path, root.invoked_subcommand)))
    else:
        command = "workshop"
    from workshop.cli import usage

    said = _("{message} (`{command} --help` says what it takes)").format(message=usage.said(err), command=command)
    pretty_print_error(WorkshopError(said))
    raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Commands,
    help=N_("Run a timed workshop for contact-centre leaders from the terminal."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


PathOption = Annotated[
    Optional[list[Path]],
    typer.Option("--path", "-p", help=N_("Another folder of modules and agendas (repeatable; also WORKSHOP_PATH).")),
]


def dash_is_stdout(value: Optional[Path]) -> Optional[Path]:
    """`--output -`: standard output, as Unix tools read a dash (None: no file to write)."""
    return None if value is not None and str(value) == "-" else value


SessionsDir = Annotated[
    Optional[Path],
    typer.Option("--sessions-dir", help=N_("Folder of session files (default: WORKSHOP_SESSIONS or ./sessions).")),
]

SessionArg = Annotated[str, typer.Argument(help=N_("A session name or file."))]
NameOption = Annotated[str, typer.Option("--name", help=N_("Your display name."))]  # a participant's, needed


def _speak(ctx: typer.Context, value: Optional[str]) -> Optional[str]:
    """`--lang`: the language this command speaks, from here on (its help, its messages, its screen);
    `workshop --lang de CMD` as `workshop CMD --lang de`."""
    from workshop import i18n
    from workshop.engine.text import said_back

    if ctx.parent is None:  # the root: each command speaks as it is told, not as the one before it in this process
        i18n.forget()
    if value is not None and not i18n.known(value):
        raise typer.BadParameter(
            _("{lang} is not one of the languages: {languages}").format(
                lang=said_back(value), languages=", ".join(i18n.LANGUAGES)
            )
        )
    if value is not None:
        i18n.use(value)
    return value


LangOption = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        callback=_speak,
        is_eager=True,
        metavar="LANG",
        help=N_("The language to speak: en, de, es or fr (default: LC_ALL, LC_MESSAGES or LANG)."),
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(_("workshop {version}").format(version=__version__))
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Print the version and exit."))
    ] = False,
    lang: LangOption = None,
) -> None:
    """Run a timed workshop for contact-centre leaders from the terminal."""


def fail(message: str) -> WorkshopError:
    """A command's own refusal, printed like every other error."""
    return WorkshopError(message)


def open_session(ref: str, folder: Path | None, keep: list[Any] | None = None) -> "Session":
    from workshop import sessions

    session = sessions.Session.open(sessions.resolve(ref, folder), keep=keep)
    sessions.warn(session.warnings)
    return session


def act(ref: str, folder: Path | None, verb: Callable[..., str]) -> None:
    """Open the session, do one thing to it, print what happened (or the one-line reason not,
    through `_Commands`)."""
    typer.echo(verb(open_session(ref, folder)))


def resolve_ref(ref: str, folder: Path | None) -> Path:
    from workshop import sessions

    return sessions.resolve(ref, folder)


def show_screen(build: Callable[[], object]) -> Any:
    """Build a screen's app (opening the session may fail with one line), run it, and give it back
    once it has ended."""
    from workshop import sessions

    screen_app = build()
    if screen_app.followed is not None:  # type: ignore[attr-defined]  # None: a participant still picking
        sessions.warn(screen_app.followed.warnings)  # type: ignore[attr-defined]
    # What exists now (modules, the folded session) lives as long as the screen: out of the
    # collector's way, so its passes while the screen starts and runs walk only new objects.
    gc.freeze()  # and still off, if main() turned it off, until the first frame (tui/follow.py)
    screen_app.run()  # type: ignore[attr-defined]
    return screen_app


_OWNS_PROCESS = False  # set by main(): the command runs as its own process, not under a test's runner


def end_now() -> None:
    """End the process at once, after a command's whole output is written: freeing a large session's
    objects one by one is slow (docs/architecture.md, Speed). Only where the command owns the process."""
    if _OWNS_PROCESS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


_HELP: dict[int, str] = {}  # each help text as written (English), by the object that holds it
# typer's own words in a command's help and errors, marked here so the catalogs translate them
# (click's usage line and `--help` line are said by the classes in cli/help_words.py)
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("Aborted!"),
    N_("(dynamic)"),
)


def translate_help(typer_app: typer.Typer) -> None:
    """The help of `typer_app` and of its commands and their parameters in the language in force:
    typer reads them as it builds the command line, after this (English needs nothing)."""
    import inspect
    import typing

    def said(holder: Any, attribute: str, text: Optional[str]) -> None:
        original = _HELP.setdefault(id(holder), text or "")
        if original:
            setattr(holder, attribute, _(original))

    said(typer_app.info, "help", typer_app.info.help)
    import typer.core

    typer.core._ = _  # typer's own headings (gettext's `_`): ours, TYPER_WORDS
    root = typer_app.registered_callback
    infos: list[Any] = [*typer_app.registered_commands, *([root] if root else [])]
    for info in infos:
        if info.callback is None:
            continue
        if info is not root:
            said(info, "help", info.help or inspect.cleandoc(info.callback.__doc__ or ""))
        for parameter in inspect.signature(info.callback).parameters.values():
            for extra in typing.get_args(parameter.annotation)[1:]:
                if isinstance(extra, typer.models.ParameterInfo):
                    said(extra, "help", extra.help)


def main() -> None:
    global _OWNS_PROCESS
    _OWNS_PROCESS = True
    if argv.starts_a_screen(sys.argv[1:]):
        gc.disable()
    argv.only_the_command(app, sys.argv[1:])
    from workshop import i18n

    asked = i18n.known(argv.asked_language(sys.argv[1:]))
    if asked:
        i18n.use(asked)
    if i18n.language() != i18n.SOURCE:
        translate_help(app)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


# the commands register themselves on `app` as their modules load: `--help` lists them in this order
from workshop.cli import live, reports, after, bench, catalog, content, drafts, housekeeping, room, running, screens  # noqa: E402, F401, I001

every_command_in_language(app)
