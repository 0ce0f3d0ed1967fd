"""`workshop modules`: the bundled modules and agendas (and those on --path), as a table in the
reader's language or as JSON for scripts (its keys and values in English, as the files say them)."""

from typing import TYPE_CHECKING, Annotated

import typer

from workshop.cli import LangOption, PathOption, app
from workshop.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from workshop.content.library import Library


@app.command()
def modules(
    path: PathOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("Print JSON for scripts instead of a table."))] = False,
    lang: LangOption = None,
) -> None:
    """List the bundled modules and agendas (and those in --path / WORKSHOP_PATH)."""
    from workshop.content import library

    lib = library.catalog(path or ())
    rows = _catalog_rows(lib)
    for loaded in lib.skipped:
        typer.echo(
            _("warning: left out {display}: {problems} problem(s); see `workshop validate {display}`").format(
                display=loaded.display, problems=len(loaded.problems)
            ),
            err=True,
        )
    if as_json:
        import json  # only here: every command's start would pay for it

        typer.echo(json.dumps(rows, indent=2))
        return
    _print_table(rows)


def _catalog_rows(lib: "Library") -> list[dict]:
    from workshop.content import languages

    rows = []
    for agenda_id in sorted(lib.agendas):
        plan = lib.plan(agenda_id)
        rows.append(
            {
                "kind": "agenda",
                "id": agenda_id,
                "title": plan.agenda.title,
                "minutes": plan.minutes,
                "steps": len(plan.steps),
                "modules": [m.id for m in plan.modules],
                "votes": list(plan.vote_kinds),
                "default": agenda_id == library_default(),
                "file": lib.origins[f"agenda:{agenda_id}"],
            }
        )
    for module_id in sorted(lib.modules):
        m = lib.modules[module_id]
        rows.append(
            {
                "kind": "module",
                "id": m.id,
                "title": m.title,
                "minutes": m.minutes,
                "steps": len(m.steps),
                "votes": list(m.vote_kinds),
                "source": m.source.citation(),
                "file": lib.origins[f"module:{module_id}"],
                "languages": list(languages.languages(m)),
            }
        )
    return rows


def library_default() -> str:
    from workshop.content.library import DEFAULT_AGENDA

    return DEFAULT_AGENDA


def _print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from workshop.engine.tally import VOTE_WORDS, said

    kinds = {"agenda": pgettext("a kind of content", "agenda"), "module": pgettext("a kind of content", "module")}
    table = Table(title=_("Modules and agendas"), expand=True)
    table.add_column(pgettext("a column of the content list", "kind"), no_wrap=True)
    table.add_column(pgettext("a column of the content list", "id"), no_wrap=True)
    table.add_column(pgettext("a column of the content list", "title"), ratio=3)
    table.add_column(pgettext("a column of the content list", "min"), justify="right", no_wrap=True)
    table.add_column(pgettext("a column of the content list", "steps"), justify="right", no_wrap=True)
    table.add_column(pgettext("a column of the content list", "votes"), ratio=2)
    for row in rows:
        kind = kinds.get(row["kind"], row["kind"]) + ("*" if row.get("default") else "")
        # Text(), never a markup string: titles come from files anyone may write.
        table.add_row(
            Text(kind),
            Text(row["id"]),
            Text(row["title"]),
            Text(str(row["minutes"])),
            Text(str(row["steps"])),
            Text(", ".join(said(VOTE_WORDS, v) for v in row["votes"])),
        )
    table.caption = _("* the default agenda")
    Console().print(table)
