"""The `workshop` command. Thin: each command parses its arguments and calls into the core.

Commands that open no screen must not import textual (a test checks), so screen imports live
inside the commands that need them.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from workshop import __version__
from workshop.errors import WorkshopError, os_message


def pretty_print_error(err: WorkshopError) -> None:
    """The one place a user's error is printed: one line on stderr."""
    typer.echo(f"error: {err}", err=True)


class _Commands(TyperGroup):
    """Every command runs through here: a `WorkshopError` from anywhere below becomes its one
    line and exit status 2, never a traceback (the CLI tests' runner goes through here too)."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except WorkshopError as err:
            pretty_print_error(err)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Commands,
    help="Run a timed workshop for contact-centre leaders from the terminal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PathOption = Annotated[
    Optional[list[Path]],
    typer.Option("--path", "-p", help="Another folder of modules and agendas (repeatable; also WORKSHOP_PATH)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workshop {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Run a timed workshop for contact-centre leaders from the terminal."""


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Module, agenda or session files, or folders of them.")],
    path: PathOption = None,
    watch: Annotated[bool, typer.Option("--watch", "-w", help="Validate again on every save, until ctrl+c.")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="Accept modules that still have '# CHECK' lines.")] = False,
) -> None:
    """Check content files; print one line per problem (path:line:col: message) and exit 2, or a summary per file."""
    if watch:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise _fail(f"nothing to watch at {', '.join(missing)}")
        _watch(paths, path, draft)
    raise typer.Exit(0 if _validate(paths, path, draft) else 2)


def _validate(paths: list[Path], path: list[Path] | None, draft: bool = False) -> bool:
    from workshop.content import library

    lib = library.load(paths, library.search_path(path or ()), library.neighbours(paths))
    ok = True
    for loaded in lib.files:
        if loaded.kind == "session" and not loaded.problems:
            loaded.problems = _check_session(loaded)
        if loaded.module is not None and not draft and (marker := loaded.doc.draft_marker()):
            loaded.problems = [marker]  # an unedited draft must not pass as ready to run
        if loaded.problems:
            ok = False
            for problem in sorted(loaded.problems):
                typer.echo(str(problem))
        else:
            typer.echo(f"{loaded.display}: ok: {_summary(lib, loaded)}")
    return ok


def _watch(paths: list[Path], path: list[Path] | None, draft: bool = False, every: float = 0.3) -> None:
    """Validate, then again whenever a file under `paths` is saved (its size or time changes).
    Polling the files' stat is enough for a person saving by hand, and needs no dependency."""
    import time

    from workshop.content import library

    watched = list(dict.fromkeys([*paths, *library.neighbours(paths)]))  # and the modules an agenda uses

    def seen() -> frozenset:
        found = set()
        for root in watched:
            for file in (library.toml_files(root) if root.is_dir() else [root]):
                try:
                    info = file.stat()
                except OSError:
                    continue  # an editor may delete and rewrite the file as it saves
                found.add((file, info.st_mtime_ns, info.st_size))
        return frozenset(found)

    last = None
    try:
        while True:
            now = seen()
            if now != last:
                last = now
                typer.echo(f"--- {time.strftime('%H:%M:%S')} ---")
                _validate(paths, path, draft)
                sys.stdout.flush()
            time.sleep(every)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def draft(
    article: Annotated[Path, typer.Argument(help="An article: plain text, Markdown or a saved HTML page.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the module here instead of stdout.")] = None,
) -> None:
    """Draft a module from an article: its points as steps, polls, and a comment wherever a person should check."""
    from workshop.draft import draft_file

    text = draft_file(article)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(os_message(output, "write", err)) from None
    typer.echo(f"{output}: drafted; check the lines marked CHECK (`workshop validate --draft {output}` meanwhile), "
               f"then `workshop validate {output}`")


def _summary(lib, loaded) -> str:
    if loaded.module is not None:
        m = loaded.module
        return f"module '{m.id}', {len(m.steps)} steps, {m.minutes} min, votes: {', '.join(m.vote_kinds) or 'none'}"
    if loaded.agenda is not None:
        plan = lib.plan(loaded.agenda.id)
        return f"agenda '{plan.agenda.id}', {len(plan.modules)} modules, {plan.minutes} min"
    return f"session '{loaded.session.id}', {loaded.session.events} events, {loaded.session.status}"


def _check_session(loaded) -> list:
    """A session file is valid when the journal reads it and the engine can fold it."""
    from workshop import sessions
    from workshop.content.problems import Problem

    try:
        opened = sessions.Session.open(loaded.path)
    except sessions.SessionError as err:
        return [Problem(loaded.display, 1, 1, str(err).removeprefix(f"{loaded.path}: "))]
    loaded.session = opened.state()
    return [Problem(loaded.display, line, col, message) for line, col, message in opened.damage]


@app.command()
def modules(
    path: PathOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")] = False,
) -> None:
    """List the bundled modules and agendas (and those in --path / WORKSHOP_PATH)."""
    from workshop.content import library

    lib = library.catalog(path or ())
    rows = _catalog_rows(lib)
    for loaded in lib.skipped:
        typer.echo(f"warning: left out {loaded.display}: {len(loaded.problems)} problem(s); "
                   f"see `workshop validate {loaded.display}`", err=True)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    _print_table(rows)


def _catalog_rows(lib) -> list[dict]:
    rows = []
    for agenda_id in sorted(lib.agendas):
        plan = lib.plan(agenda_id)
        rows.append({
            "kind": "agenda", "id": agenda_id, "title": plan.agenda.title, "minutes": plan.minutes,
            "steps": len(plan.steps), "modules": [m.id for m in plan.modules],
            "votes": list(plan.vote_kinds), "default": agenda_id == library_default(),
            "file": lib.origins[f"agenda:{agenda_id}"],
        })
    for module_id in sorted(lib.modules):
        m = lib.modules[module_id]
        rows.append({
            "kind": "module", "id": m.id, "title": m.title, "minutes": m.minutes, "steps": len(m.steps),
            "votes": list(m.vote_kinds), "source": m.source.citation(), "file": lib.origins[f"module:{module_id}"],
        })
    return rows


def library_default() -> str:
    from workshop.content.library import DEFAULT_AGENDA

    return DEFAULT_AGENDA


def _print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Modules and agendas", expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column("steps", justify="right", no_wrap=True)
    table.add_column("votes", ratio=2)
    for row in rows:
        kind = row["kind"] + ("*" if row.get("default") else "")
        # Text(), never a markup string: titles come from files anyone may write.
        table.add_row(Text(kind), Text(row["id"]), Text(row["title"]), Text(str(row["minutes"])),
                      Text(str(row["steps"])), Text(", ".join(row["votes"])))
    table.caption = "* the default agenda"
    Console().print(table)


SessionsDir = Annotated[
    Optional[Path],
    typer.Option("--sessions-dir", help="Folder of session files (default: WORKSHOP_SESSIONS or ./sessions)."),
]


def _fail(message: str) -> WorkshopError:
    """A command's own refusal, printed like every other error."""
    return WorkshopError(message)


def _open(ref: str, folder: Path | None):
    from workshop import sessions

    session = sessions.Session.open(sessions.resolve(ref, folder))
    sessions.warn(session.warnings)
    return session


def _act(ref: str, folder: Path | None, verb: Callable[..., str]) -> None:
    """Open the session, do one thing to it, print what happened (or the one-line reason not,
    through `_Commands`)."""
    typer.echo(verb(_open(ref, folder)))


def _resolve(ref: str, folder: Path | None) -> Path:
    from workshop import sessions

    return sessions.resolve(ref, folder)


def _show(build: Callable[[], object]) -> None:
    """Build a screen's app (opening the session may fail with one line) and run it."""
    from workshop import sessions

    screen_app = build()
    if screen_app.followed is not None:  # type: ignore[attr-defined]  # None: a participant still picking
        sessions.warn(screen_app.followed.warnings)  # type: ignore[attr-defined]
    # What exists now (modules, the folded session) lives as long as the screen: out of the
    # collector's way, so its passes while the screen starts and runs walk only new objects.
    gc.freeze()
    screen_app.run()  # type: ignore[attr-defined]


@app.command()
def new(
    agenda: Annotated[Optional[str], typer.Argument(help="An agenda or module id (default: the default agenda).")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="The session's name (default: agenda and time).")] = None,
    facilitator: Annotated[str, typer.Option("--facilitator", help="Your name, for the report.")] = "",
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Create a session file for an agenda (or a single module) and print its path."""
    from workshop import sessions
    from workshop.content import library

    lib = library.catalog(path or ())
    plan = library.plan_for(lib, agenda or library.DEFAULT_AGENDA)
    typer.echo(str(sessions.create(plan, sessions_dir, name, facilitator)))


@app.command(context_settings={"ignore_unknown_options": True})  # so `extend -1` is a number
def control(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    action: Annotated[str, typer.Argument(help="start, next, prev, goto, pause, resume, extend, close, reopen, reset, reveal, end")],
    arg: Annotated[Optional[str], typer.Argument(help="goto: a step id; extend: minutes; close/reopen/reset/reveal: a poll id.")] = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Act as the facilitator: move through steps, run the timer and the polls."""
    from workshop.sessions import words

    _act(session, sessions_dir, lambda live: words.act(live, action, arg))


RejoinOption = Annotated[Optional[str], typer.Option(
    "--rejoin", help="Your rejoin code, to act under a name you joined with elsewhere.")]
CodeOption = Annotated[Optional[str], typer.Option(
    "--code", help="The session's join code (asked for when this account cannot read the session's secret).")]


@app.command(context_settings={"ignore_unknown_options": True})
def vote(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    values: Annotated[list[str], typer.Argument(help="Option labels or numbers; label=dots for dots; the order for rank; words for text.")],
    name: Annotated[str, typer.Option("--name", help="Your display name.")],
    poll: Annotated[Optional[str], typer.Option("--poll", help="The poll's step id (default: the open poll).")] = None,
    rejoin: RejoinOption = None,
    code: CodeOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Cast a ballot (again to change it, while the poll is open)."""
    _act(session, sessions_dir, lambda live: _as_participant(live, name, rejoin, code,
                                                             lambda person: live.vote_as(person, values, poll)))


@app.command()
def note(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    body: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    name: Annotated[Optional[str], typer.Option("--name", help="Your display name (leave out for the facilitator).")] = None,
    action: Annotated[bool, typer.Option("--action", help="Mark it as an action item.")] = False,
    rejoin: RejoinOption = None,
    code: CodeOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Add a note to the current step."""
    if name is None:
        _act(session, sessions_dir, lambda live: live.note_as(None, body, action))
        return
    _act(session, sessions_dir, lambda live: _as_participant(live, name, rejoin, code,
                                                             lambda person: live.note_as(person, body, action)))


def _as_participant(live, name: str, rejoin: str | None, code: str | None,
                    verb: Callable[..., str]) -> str:
    """Do `verb` as the person this account is under `name` (sessions/who.py). From an account
    that cannot read the session's secret (not the facilitator's), the join code is needed too.
    A new person is told their rejoin code once their first act is written."""
    import os

    from workshop.sessions.files import secret_path
    from workshop.sessions.who import as_person, keep

    if not os.access(secret_path(live.path), os.R_OK):
        if code is None and sys.stdin.isatty():
            code = typer.prompt("Join code (on the facilitator's screen)")
        if (code or "").strip().upper() != live.state().code:
            raise _fail("the join code is needed from this account (--code CODE): it is on the facilitator's screen"
                        if code is None else "that join code is not right")
    own = not os.environ.get("WORKSHOP_SHARED")  # the ssh recipe's shared account: nobody is remembered
    person, new = as_person(live, name, rejoin, own=own)
    said = verb(person)
    if own:
        keep(live, person)
    if new:
        typer.echo(f"{person.name}: your rejoin code is {person.code}; keep it to act as {person.name} "
                   "from another screen", err=True)
    return said


@app.command()
def repair(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    sessions_dir: SessionsDir = None,
) -> None:
    """Write a repaired copy beside a damaged session file: every intact event, nothing else. Never changes the file."""
    from workshop import sessions

    target, kept, left_out = sessions.repair_copy(sessions.resolve(session, sessions_dir))
    for line in left_out:
        typer.echo(f"left out: {line}", err=True)
    typer.echo(f"{target}: {kept} events kept, {len(left_out)} damaged piece(s) left out; "
               f"the original is unchanged (move the copy over it to use it)")


@app.command()
def report(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, csv or json.")] = "md",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Write a report of a session (live or finished)."""
    from workshop import report as renderers
    from workshop.progress import Stages

    render = {"md": renderers.as_markdown, "html": renderers.as_html, "csv": renderers.as_csv,
              "json": renderers.as_json}.get(fmt)
    if render is None:
        raise _fail(f"unknown format {fmt!r}: choose md, html, csv or json")
    with Stages(2) as stages:
        stages.step(f"reading {session}")
        state = _open(session, sessions_dir).state()
        stages.step(f"writing {fmt}")
        text = render(state)
    _emit(text, output)


def _emit(text: str, output: Path | None) -> None:
    """A report to stdout, or to a file whose path is then printed."""
    if output is None:
        # straight to stdout: click.echo would scan megabytes for ANSI codes a report never has
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(os_message(output, "write", err)) from None
    typer.echo(str(output))


@app.command()
def compare(
    sessions: Annotated[Optional[list[str]], typer.Argument(metavar="SESSION...", help="Two or more session names or files; the first is the baseline.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="md, html or json (default: tables in the terminal).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Compare the polls of several sessions: results side by side, differences against the first."""
    from workshop.progress import Stages
    from workshop.report import compare as comparing

    render = {"md": comparing.as_markdown, "html": comparing.as_html, "json": comparing.as_json}.get(fmt or "")
    if fmt is not None and render is None:
        raise _fail(f"unknown format {fmt!r}: choose md, html or json")
    if fmt is None and output is not None:
        raise _fail("--output needs --format md, html or json")
    if sessions is None or len(sessions) < 2:
        raise _fail("compare needs at least two sessions")
    with Stages(len(sessions) + 1) as stages:
        states = []
        for ref in sessions:
            stages.step(f"reading {ref}")
            states.append(_open(ref, sessions_dir).state())
        stages.step("comparing")
        data = comparing.compare(states)
    if render is not None:
        _emit(render(data), output)
        return
    from rich.console import Console

    Console().print(comparing.as_rich(data))


@app.command()
def run(
    target: Annotated[Optional[str], typer.Argument(help="An agenda or module id (new session) or a session name or file (reopen it); default: the default agenda.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Name for a new session.")] = None,
    bell: Annotated[bool, typer.Option("--bell/--no-bell", help="Ring the terminal bell at a step's end.")] = True,
    light: Annotated[bool, typer.Option("--light", help="Start in the light theme.")] = False,
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Run a live workshop: the facilitator's screen. Reopens a session exactly where it stood."""
    from workshop import sessions

    session_path = None
    if target is not None:
        try:
            session_path = sessions.resolve(target, sessions_dir)
        except sessions.SessionError:
            if target.endswith(".toml") or "/" in target:
                raise _fail(f"{target}: no such session file") from None
    if session_path is None:
        from workshop.content import library

        lib = library.catalog(path or ())
        try:
            plan = library.plan_for(lib, target or library.DEFAULT_AGENDA)
            session_path = sessions.create(plan, sessions_dir, name)
        except (library.UnknownContent, sessions.SessionError) as err:
            raise _fail(f"{err} (and no session of that name)" if target else str(err)) from None
        typer.echo(f"new session: {session_path}", err=True)
    from workshop.tui.facilitator import make_app

    _show(lambda: make_app(session_path, bell=bell, dark=not light))


@app.command()
def join(
    session: Annotated[Optional[str], typer.Argument(help="A session name or file (default: pick one of the live sessions).")] = None,
    name: Annotated[str, typer.Option("--name", help="Your display name.")] = "",
    shared: Annotated[bool, typer.Option(
        "--shared", envvar="WORKSHOP_SHARED",
        help="Many people use this account (the ssh recipe, serve): never come back as someone by name alone.")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="A line-by-line transcript for screen readers: "
                                        "type vote 2, note ..., help.")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Take part: join a live session with its code, vote and add notes."""
    from workshop import sessions

    if plain:
        _join_plain(session, name, sessions_dir, shared)
        return
    if session is None:
        live = sessions.live_sessions(sessions_dir)
        if not live:
            raise _fail(f"no live session in {sessions.sessions_dir(sessions_dir)}: name the session to join")
        from workshop.tui.participant import make_app

        _show(lambda: make_app(live=live, name=name, shared=shared))
        return
    path = _resolve(session, sessions_dir)
    from workshop.tui.participant import make_app

    _show(lambda: make_app(path, name=name, shared=shared))


def _join_plain(session: str | None, name: str, sessions_dir: Path | None, shared: bool = False) -> None:
    """`join --plain`: no screen, one sentence a line (workshop.plain); one live session or a name."""
    from workshop import plain, sessions

    try:
        if session is None:
            live = sessions.live_sessions(sessions_dir)
            if len(live) != 1:
                names = ", ".join(s.path.stem for s in live) or "none is live"
                raise _fail(f"name the session to join ({names})")
            chosen = live[0]
        else:
            chosen = sessions.Session.open(_resolve(session, sessions_dir))
    except sessions.SessionError as err:
        raise _fail(str(err)) from None
    raise typer.Exit(plain.run(chosen, name, shared=shared))


@app.command()
def kiosk(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    sessions_dir: SessionsDir = None,
) -> None:
    """One shared terminal for a queue of voters; leaving needs the facilitator's code."""
    path = _resolve(session, sessions_dir)
    from workshop.tui.kiosk import make_app

    _show(lambda: make_app(path))


@app.command()
def serve(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only; "
                                                     "0.0.0.0 for the room).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    max_apps: Annotated[int, typer.Option("--max", help="Participant apps at once, in all.")] = 100,
    per_address: Annotated[int, typer.Option("--per-address", help="Participant apps at once from one client "
                                             "address (raise it when the room shares one NAT).")] = 10,
    sessions_dir: SessionsDir = None,
) -> None:
    """Serve the participant app to browsers (textual-serve: one app process per browser tab)."""
    from workshop import serve as front_door
    from workshop import sessions

    path = sessions.resolve(session, sessions_dir).resolve()
    front_door.run(path, host, port, front_door.Limits(max_apps, per_address), typer.echo)


@app.command()
def screen(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    light: Annotated[bool, typer.Option("--light", help="The light theme (often better on a projector).")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """The room display for the projector: timer, prompt, poll results once revealed. Read-only."""
    path = _resolve(session, sessions_dir)
    from workshop.tui.room import make_app

    _show(lambda: make_app(path, dark=not light))


@app.command()
def preview(
    module: Annotated[str, typer.Argument(help="A module or agenda id, or its file (a draft you are editing).")],
    light: Annotated[bool, typer.Option("--light", help="The light theme.")] = False,
    path: PathOption = None,
) -> None:
    """The facilitator's screen on a throwaway session of one module (or agenda), to see it as the room will."""
    from workshop.content import library

    if module.endswith(".toml") or "/" in module:
        file = Path(module)
        lib = library.load([file], library.search_path(path or ()), library.neighbours([file]))
        loaded = next((f for f in lib.files), None)
        if loaded is not None and loaded.problems:
            for problem in sorted(loaded.problems):
                typer.echo(str(problem), err=True)
            raise typer.Exit(2)
        if loaded is None or (loaded.module is None and loaded.agenda is None):
            raise _fail(f"{module}: not a module or agenda file")
        module = loaded.module.id if loaded.module is not None else loaded.agenda.id
    else:
        lib = library.catalog(path or ())
    try:
        plan = library.plan_for(lib, module)
    except library.UnknownContent as err:
        raise _fail(str(err)) from None
    from workshop.tui.preview import make_app, throwaway_session

    with throwaway_session(plan) as session_path:
        _show(lambda: make_app(session_path, dark=not light))


@app.command()
def replay(
    session: Annotated[str, typer.Argument(help="A session name or file (a live one replays up to now).")],
    speed: Annotated[float, typer.Option("--speed", help="Start at this speed: 1, 2, 5, 10 or 60 times real time.")] = 1.0,
    light: Annotated[bool, typer.Option("--light", help="Start in the light theme.")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Play a session back as the facilitator saw it. Never writes to the session file."""
    from workshop.engine.replay import SPEEDS

    if speed not in SPEEDS:
        raise _fail(f"--speed {speed:g}: choose one of {', '.join(f'{s:g}' for s in SPEEDS)}")
    path = _resolve(session, sessions_dir)
    from workshop.tui.replay import make_app

    _show(lambda: make_app(path, speed=speed, dark=not light))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
