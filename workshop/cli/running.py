"""`workshop run`: the facilitator's screen, and which session it opens (the agenda's session still
live, a session named, or a new one). Registered after room.py and before screens.py, as it is listed."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from workshop.cli import LangOption, PathOption, SessionsDir, app, fail, show_screen
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from workshop.sessions import Session


@app.command()
def run(
    target: Annotated[
        Optional[str],
        typer.Argument(
            help=N_(
                "An agenda or module id (its latest live session, or a new one) or a session name or file "
                "(reopen it); default: the default agenda."
            )
        ),
    ] = None,
    name: Annotated[Optional[str], typer.Option("--name", help=N_("Name for a new session (makes one)."))] = None,
    new: Annotated[
        bool, typer.Option("--new", help=N_("A new session, even when one of this agenda is still live."))
    ] = False,
    last: Annotated[bool, typer.Option("--last", help=N_("Reopen the latest live session, of any agenda."))] = False,
    bell: Annotated[bool, typer.Option("--bell/--no-bell", help=N_("Ring the terminal bell at a step's end."))] = True,
    light: Annotated[bool, typer.Option("--light", help=N_("Start in the light theme."))] = False,
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Run a live workshop: the facilitator's screen. Reopens the agenda's session still live, or a
    session named, exactly where it stood."""
    from workshop import sessions

    if last and (target is not None or new or name is not None):
        raise fail(_("--last reopens the latest live session: give it no agenda, --new or --name"))
    session_path = _reopen(target, last and not new, sessions_dir)
    if session_path is None and not last:
        session_path = _latest_or_new(target, name, new, path, sessions_dir)
    if session_path is None:
        raise fail(
            _(
                "no session to reopen in {sessions_dir}/ (none is waiting, running or paused): `workshop run` "
                "starts one"
            ).format(sessions_dir=sessions.sessions_dir(sessions_dir))
        )
    from workshop.tui.facilitator import make_app

    show_screen(lambda: make_app(session_path, bell=bell, dark=not light))
    again = target if target is not None and ("/" in target or target.endswith(".toml")) else session_path.stem
    typer.echo(
        _("reopen this session with: workshop run {again}").format(again=again)
        + (
            _(" --sessions-dir {sessions_dir}").format(sessions_dir=sessions_dir)
            if sessions_dir is not None and again == session_path.stem
            else ""
        ),
        err=True,
    )


def _reopen(target: str | None, last: bool, sessions_dir: Path | None) -> Path | None:
    """The session `target` names, or with `last` the folder's latest live one (None: none)."""
    from workshop import sessions

    if last:
        from workshop.sessions import catalogue

        latest = catalogue.latest_live(sessions_dir)
        if latest is not None:
            _say_reopened(latest, _("the latest live session"))
        return None if latest is None else latest.path
    if target is None:
        return None
    try:
        return sessions.resolve(target, sessions_dir)
    except sessions.SessionError:
        if target.endswith(".toml") or "/" in target:
            raise fail(_("{target}: no such session file").format(target=target)) from None
    return None


def _latest_or_new(
    target: str | None, name: str | None, new: bool, path: list[Path] | None, sessions_dir: Path | None
) -> Path:
    """The agenda's (or module's) latest live session, unless `new` or `name` ask for a new one;
    else a new session of it."""
    from workshop import sessions
    from workshop.content import library
    from workshop.sessions import catalogue

    lib = library.catalog(path or ())
    try:
        plan = library.plan_for(lib, target or library.DEFAULT_AGENDA)
    except library.UnknownContent as err:
        raise fail(_("{err} (and no session of that name)").format(err=err) if target else str(err)) from None
    if not new and name is None:
        latest = catalogue.latest_live(sessions_dir, plan.agenda.id)
        if latest is not None:
            _say_reopened(latest, _("the live session of {id}").format(id=plan.agenda.id))
            return latest.path
    try:
        session_path = sessions.create(plan, sessions_dir, name)
    except sessions.SessionError as err:
        raise fail(str(err)) from None
    typer.echo(_("new session: {session_path}").format(session_path=session_path), err=True)
    return session_path


def _say_reopened(session: "Session", which: str) -> None:
    state = session.state()
    from workshop.engine.in_language import step_title  # here, not at the top: every command imports this module
    from workshop.engine.tally import SESSION_STATUS_WORDS
    from workshop.engine.text import said_back

    where = (
        _("at {title}").format(title=said_back(step_title(state.step)))
        if state.step is not None
        else _("not started yet")
    )
    typer.echo(
        _("reopening {which}: {stem} ({status}, {where}, join code {code}); --new starts another").format(
            which=which,
            stem=session.path.stem,
            status=_(SESSION_STATUS_WORDS.get(state.status, state.status)),
            where=where,
            code=state.code,
        ),
        err=True,
    )
