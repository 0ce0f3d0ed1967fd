"""What every command a participant types shares (vote, note, edit, idea, ask, upvote, hand, react,
review): the options `--rejoin`, `--code`, `--sessions-dir` and `--lang`, declared once
(`ParticipantOptions`) and added to each command by `@participant_options`, and acting under
`--name` (`ParticipantOptions.act`).

typer has no groups of parameters (typer issue #153): it reads a command's parameters from
`inspect.signature` and `typing.get_type_hints`, so the decorator gives the command a signature
with the group's options in it, as click's shared option decorators do."""

import functools
import inspect
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Optional, overload

import typer

from workshop.cli import LangOption, SessionsDir, act, fail
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from workshop.sessions import Session
    from workshop.sessions.people import Person

RejoinOption = Annotated[
    Optional[str], typer.Option("--rejoin", help=N_("Your rejoin code, to act under a name you joined with elsewhere."))
]

CodeOption = Annotated[
    Optional[str],
    typer.Option(
        "--code", help=N_("The session's join code (asked for when this account cannot read the session's secret).")
    ),
]


class ParticipantOptions(NamedTuple):
    """The options a participant's command ends with, in the order `--help` lists them: each field
    is one option (its annotation says how typer reads it), and a command is handed their values
    as one of these. `lang` has been spoken by the time the command runs (`cli._speak`)."""

    rejoin: RejoinOption = None
    code: CodeOption = None
    sessions_dir: SessionsDir = None
    lang: LangOption = None

    @overload
    def act(self, session: str, name: str, verb: Callable[["Session", "Person"], str]) -> None: ...

    @overload
    def act(self, session: str, name: str | None, verb: Callable[["Session", "Person | None"], str]) -> None: ...

    def act(self, session: str, name: str | None, verb: Callable[["Session", Any], str]) -> None:
        """Open the session, do `verb` as the person called `name` (`as_participant`), or as the
        facilitator (`verb` given None) where no name is given, and print what happened."""
        act(
            session,
            self.sessions_dir,
            lambda live: (
                verb(live, None)
                if name is None
                else as_participant(live, name, self.rejoin, self.code, lambda person: verb(live, person))
            ),
        )


def participant_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with the options of `ParticipantOptions` after its own, for `@app.command()`: its
    one parameter annotated `ParticipantOptions` (keyword-only, last) is left out of what typer
    reads, and given the options' values when the command runs."""
    signature = inspect.signature(command)
    slots = [p.name for p in signature.parameters.values() if p.annotation is ParticipantOptions]
    if len(slots) != 1:
        raise TypeError(f"{command.__name__} needs one parameter annotated ParticipantOptions, not {len(slots)}")
    (slot,) = slots
    parameters = [p for p in signature.parameters.values() if p.name != slot] + [
        inspect.Parameter(
            field,
            inspect.Parameter.KEYWORD_ONLY,
            default=ParticipantOptions._field_defaults[field],
            annotation=ParticipantOptions.__annotations__[field],
        )
        for field in ParticipantOptions._fields
    ]

    @functools.wraps(command)
    def with_options(**values: Any) -> None:
        options = ParticipantOptions(*(values.pop(field) for field in ParticipantOptions._fields))
        command(**values, **{slot: options})

    # what typer reads, as inspect.signature and typing.get_type_hints give them (typeshed knows no __signature__)
    with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": signature.return_annotation}
    return with_options


def as_participant(
    live: "Session", name: str, rejoin: str | None, code: str | None, verb: Callable[["Person"], str]
) -> str:
    """Do `verb` as the person this account is under `name` (sessions/who.py). From an account
    that cannot read the session's secret (not the facilitator's), the join code is needed too.
    A new person is told their rejoin code once their first act is written."""
    from workshop.sessions import door
    from workshop.sessions.files import secret_path
    from workshop.sessions.who import as_person, keep

    here = door.this_terminal("cli")
    if not os.access(secret_path(live.path), os.R_OK):
        if code is None and sys.stdin.isatty():
            code = typer.prompt(_("Join code (on the facilitator's screen)"))
        if code is None:
            raise fail(_("the join code is needed from this account (--code CODE): it is on the facilitator's screen"))
        door.join_code(live, code, here)  # wrong, or too many wrong: one line, counted
    own = not os.environ.get("WORKSHOP_SHARED")  # the ssh recipe's shared account: nobody is remembered
    person, new = as_person(live, name, rejoin, here, own=own)
    said = verb(person)
    if own:
        keep(live, person)
    if new:
        typer.echo(
            _("{name}: your rejoin code is {code}; keep it to act as {name} from another screen").format(
                name=person.name, code=person.code
            ),
            err=True,
        )
    return said
