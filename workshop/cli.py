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

from workshop import __version__

app = typer.Typer(
    help="Run a timed workshop for contact-centre leaders from the terminal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PathOption = Annotated[
    Optional[list[Path]],  # noqa: UP007 - typer reads the annotation at run time
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
) -> None:
    """Check content files; print one line per problem (path:line:col: message) and exit 2, or a summary per file."""
    if watch:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise _fail(f"nothing to watch at {', '.join(missing)}")
        _watch(paths, path)
    raise typer.Exit(0 if _validate(paths, path) else 2)


def _validate(paths: list[Path], path: list[Path] | None) -> bool:
    from workshop.content import library

    lib = library.load(paths, library.search_path(path or ()), library.neighbours(paths))
    ok = True
    for loaded in lib.files:
        if loaded.kind == "session" and not loaded.problems:
            loaded.problems = _check_session(loaded)
        if loaded.problems:
            ok = False
            for problem in sorted(loaded.problems):
                typer.echo(str(problem))
        else:
            typer.echo(f"{loaded.display}: ok: {_summary(lib, loaded)}")
    return ok


def _watch(paths: list[Path], path: list[Path] | None, every: float = 0.3) -> None:
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
                _validate(paths, path)
                sys.stdout.flush()
            time.sleep(every)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def draft(
    article: Annotated[Path, typer.Argument(help="An article: plain text, Markdown or a saved HTML page.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the module here instead of stdout.")] = None,  # noqa: UP007
) -> None:
    """Draft a module from an article: its points as steps, polls, and a comment wherever a person should check."""
    from workshop.draft import DraftError, draft_file

    try:
        text = draft_file(article)
    except DraftError as err:
        raise _fail(str(err)) from None
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(f"{output}: cannot write: {err.strerror or err}") from None
    typer.echo(f"{output}: drafted; check the lines marked CHECK, then `workshop validate {output}`")


def _summary(lib, loaded) -> str:  # noqa: ANN001 - library types stay out of the CLI's import time
    if loaded.module is not None:
        m = loaded.module
        return f"module '{m.id}', {len(m.steps)} steps, {m.minutes} min, votes: {', '.join(m.vote_kinds) or 'none'}"
    if loaded.agenda is not None:
        plan = lib.plan(loaded.agenda.id)
        return f"agenda '{plan.agenda.id}', {len(plan.modules)} modules, {plan.minutes} min"
    return f"session '{loaded.session.id}', {loaded.session.events} events, {loaded.session.status}"


def _check_session(loaded) -> list:  # noqa: ANN001
    """A session file is valid when the journal reads it and the engine can fold it."""
    from workshop import sessions
    from workshop.content.problems import Problem

    try:
        opened = sessions.Session.open(loaded.path)
    except sessions.SessionError as err:
        return [Problem(loaded.display, 1, 1, str(err).removeprefix(f"{loaded.path}: "))]
    sessions.warn(opened.warnings)
    loaded.session = opened.state()
    return []


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


def _catalog_rows(lib) -> list[dict]:  # noqa: ANN001
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
    Optional[Path],  # noqa: UP007
    typer.Option("--sessions-dir", help="Folder of session files (default: WORKSHOP_SESSIONS or ./sessions)."),
]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _open(ref: str, folder: Path | None):  # noqa: ANN202 - keeps workshop.sessions out of import time
    from workshop import sessions

    try:
        session = sessions.Session.open(sessions.resolve(ref, folder))
    except sessions.SessionError as err:
        raise _fail(str(err)) from None
    sessions.warn(session.warnings)
    return session


def _act(ref: str, folder: Path | None, verb: Callable[..., str]) -> None:
    """Open the session, do one thing to it, print what happened or the one-line reason not."""
    from workshop import sessions

    live = _open(ref, folder)
    try:
        typer.echo(verb(live))
    except sessions.SessionError as err:
        raise _fail(str(err)) from None


def _resolve(ref: str, folder: Path | None) -> Path:
    from workshop import sessions

    try:
        return sessions.resolve(ref, folder)
    except sessions.SessionError as err:
        raise _fail(str(err)) from None


def _show(build: Callable[[], object]) -> None:
    """Build a screen's app (opening the session may fail with one line) and run it."""
    from workshop import sessions

    try:
        screen_app = build()
    except sessions.SessionError as err:
        raise _fail(str(err)) from None
    if screen_app.session is not None:  # type: ignore[attr-defined]  # None: a participant still picking
        sessions.warn(screen_app.session.warnings)  # type: ignore[attr-defined]
    # What exists now (modules, the folded session) lives as long as the screen: out of the
    # collector's way, so its passes while the screen starts and runs walk only new objects.
    gc.freeze()
    screen_app.run()  # type: ignore[attr-defined]


@app.command()
def new(
    agenda: Annotated[Optional[str], typer.Argument(help="An agenda or module id (default: the default agenda).")] = None,  # noqa: UP007
    name: Annotated[Optional[str], typer.Option("--name", help="The session's name (default: agenda and time).")] = None,  # noqa: UP007
    facilitator: Annotated[str, typer.Option("--facilitator", help="Your name, for the report.")] = "",
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Create a session file for an agenda (or a single module) and print its path."""
    from workshop import sessions
    from workshop.content import library

    lib = library.catalog(path or ())
    try:
        plan = library.plan_for(lib, agenda or library.DEFAULT_AGENDA)
        created = sessions.create(plan, sessions_dir, name, facilitator)
    except (library.UnknownContent, sessions.SessionError) as err:
        raise _fail(str(err)) from None
    typer.echo(str(created))


@app.command(context_settings={"ignore_unknown_options": True})  # so `extend -1` is a number
def control(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    action: Annotated[str, typer.Argument(help="start, next, prev, goto, pause, resume, extend, close, reopen, reset, reveal, end")],
    arg: Annotated[Optional[str], typer.Argument(help="goto: a step id; extend: minutes; close/reopen/reset/reveal: a poll id.")] = None,  # noqa: UP007
    sessions_dir: SessionsDir = None,
) -> None:
    """Act as the facilitator: move through steps, run the timer and the polls."""
    _act(session, sessions_dir, lambda live: live.control(action, arg))


@app.command(context_settings={"ignore_unknown_options": True})
def vote(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    values: Annotated[list[str], typer.Argument(help="Option labels or numbers; label=dots for dots; the order for rank; words for text.")],
    name: Annotated[str, typer.Option("--name", help="Your display name.")],
    poll: Annotated[Optional[str], typer.Option("--poll", help="The poll's step id (default: the open poll).")] = None,  # noqa: UP007
    sessions_dir: SessionsDir = None,
) -> None:
    """Cast a ballot (again to change it, while the poll is open)."""
    _act(session, sessions_dir, lambda live: live.vote(name, values, poll))


@app.command()
def note(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    body: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    name: Annotated[Optional[str], typer.Option("--name", help="Your display name (leave out for the facilitator).")] = None,  # noqa: UP007
    action: Annotated[bool, typer.Option("--action", help="Mark it as an action item.")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Add a note to the current step."""
    _act(session, sessions_dir, lambda live: live.note(name, body, action))


@app.command()
def report(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, csv or json.")] = "md",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,  # noqa: UP007
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
        raise _fail(f"{output}: cannot write: {err.strerror or err}") from None
    typer.echo(str(output))


@app.command()
def compare(
    sessions: Annotated[Optional[list[str]], typer.Argument(metavar="SESSION...", help="Two or more session names or files; the first is the baseline.")] = None,  # noqa: UP007 - None: our own one-line error
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="md, html or json (default: tables in the terminal).")] = None,  # noqa: UP007
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,  # noqa: UP007
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
    target: Annotated[Optional[str], typer.Argument(help="An agenda or module id (new session) or a session name or file (reopen it); default: the default agenda.")] = None,  # noqa: UP007
    name: Annotated[Optional[str], typer.Option("--name", help="Name for a new session.")] = None,  # noqa: UP007
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
    session: Annotated[Optional[str], typer.Argument(help="A session name or file (default: pick one of the live sessions).")] = None,  # noqa: UP007
    name: Annotated[str, typer.Option("--name", help="Your display name.")] = "",
    plain: Annotated[bool, typer.Option("--plain", help="A line-by-line transcript for screen readers: "
                                        "type vote 2, note ..., help.")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Take part: join a live session with its code, vote and add notes."""
    from workshop import sessions

    if plain:
        _join_plain(session, name, sessions_dir)
        return
    if session is None:
        live = sessions.live_sessions(sessions_dir)
        if not live:
            raise _fail(f"no live session in {sessions.sessions_dir(sessions_dir)}: name the session to join")
        from workshop.tui.participant import make_app

        _show(lambda: make_app(live=live, name=name))
        return
    path = _resolve(session, sessions_dir)
    from workshop.tui.participant import make_app

    _show(lambda: make_app(path, name=name))


def _join_plain(session: str | None, name: str, sessions_dir: Path | None) -> None:
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
    raise typer.Exit(plain.run(chosen, name))


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
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    sessions_dir: SessionsDir = None,
) -> None:
    """Serve the participant app to browsers (textual-serve: one app process per browser tab)."""
    import shlex

    from workshop import sessions

    try:
        path = sessions.resolve(session, sessions_dir).resolve()
        live = sessions.Session.open(path)
    except sessions.SessionError as err:
        raise _fail(str(err)) from None
    if not 1 <= port <= 65535:
        raise _fail(f"--port must be 1 to 65535, not {port}")
    from textual_serve.server import Server

    shown = "localhost" if host in ("127.0.0.1", "localhost", "::1") else host
    address = f"http://{shown}:{port}"
    # Browsers only ever get the participant app: this is the whole command each tab runs.
    command = shlex.join([sys.executable, "-m", "workshop", "join", str(path)])
    live.announce(address)
    typer.echo(f"Participants open {address} and type the join code {live.state().code}.")
    if shown != "localhost":
        typer.echo(f"warning: listening on {host}: anyone who can reach port {port} and knows the code can join.",
                   err=True)
    Server(command, host=host, port=port, title=live.state().title).serve()


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
