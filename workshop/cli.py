"""The `workshop` command. Thin: each command parses its arguments and calls into the core.

Commands that open no screen must not import textual (a test checks), so screen imports live
inside the commands that need them.
"""

from __future__ import annotations

import json
import sys
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
) -> None:
    """Check content files; print one line per problem (path:line:col: message) and exit 2, or a summary per file."""
    from workshop.content import library

    lib = library.load(paths, library.search_path(path or ()), library.neighbours(paths))
    failed = False
    for loaded in lib.files:
        if loaded.problems:
            failed = True
            for problem in sorted(loaded.problems):
                typer.echo(str(problem))
        else:
            typer.echo(f"{loaded.display}: ok: {_summary(lib, loaded)}")
    raise typer.Exit(2 if failed else 0)


def _summary(lib, loaded) -> str:  # noqa: ANN001 - library types stay out of the CLI's import time
    if loaded.module is not None:
        m = loaded.module
        return f"module '{m.id}', {len(m.steps)} steps, {m.minutes} min, votes: {', '.join(m.vote_kinds) or 'none'}"
    if loaded.agenda is not None:
        plan = lib.plan(loaded.agenda.id)
        return f"agenda '{plan.agenda.id}', {len(plan.modules)} modules, {plan.minutes} min"
    return f"session, {loaded.events} events"


@app.command()
def modules(
    path: PathOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")] = False,
) -> None:
    """List the bundled modules and agendas (and those in --path / WORKSHOP_PATH)."""
    from workshop.content import library

    lib = library.catalog(path or ())
    rows = _catalog_rows(lib)
    skipped = [f for f in lib.files if f.problems]
    for loaded in skipped:
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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
