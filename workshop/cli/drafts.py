"""Commands for writing a module: `draft` (an article into a module to check) and `preview` (a module
or agenda on a throwaway session, as the room will see it). Registered after content.py's `validate`."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from workshop.cli import LangOption, PathOption, app, dash_is_stdout, fail, show_screen
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from workshop.content.model import Plan


@app.command()
def draft(
    article: Annotated[Path, typer.Argument(help=N_("An article: plain text, Markdown or a saved HTML page."))],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", callback=dash_is_stdout, help=N_("Write the module here instead of stdout.")),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Draft a module from an article: its points as steps, polls, and a comment wherever a person should check."""
    from workshop.cli.output import same_file
    from workshop.draft import draft_file

    if output is not None and same_file(output, article):
        raise fail(
            _(
                "{path}: the article this draft is made from: a draft never overwrites it; choose another --output"
            ).format(path=output)
        )
    text = draft_file(article)
    if output is None:
        sys.stdout.write(text)
        return
    from workshop.cli.output import write_output

    write_output(output, text)
    typer.echo(
        _(
            "{output}: drafted; check the lines marked CHECK (`workshop validate --draft {output}` meanwhile), then "
            "`workshop validate {output}`"
        ).format(output=output)
    )


@app.command()
def preview(
    module: Annotated[str, typer.Argument(help=N_("A module or agenda id, or its file (a draft you are editing)."))],
    light: Annotated[bool, typer.Option("--light", help=N_("The light theme."))] = False,
    watch: Annotated[
        bool, typer.Option("--watch", "-w", help=N_("Show the file again on every save, on the same step."))
    ] = False,
    path: PathOption = None,
    lang: LangOption = None,
) -> None:
    """The facilitator's screen on a throwaway session of one module (or agenda), to see it as the room will."""
    from workshop.content import library

    search = library.search_path(path or ())
    if module.endswith(".toml") or "/" in module:
        file = Path(module)
        plan, problems, files = preview_plan(file, search)
        if plan is None:
            if not problems:
                raise fail(_("{module}: not a module or agenda file").format(module=module))
            for problem in problems:
                typer.echo(problem, err=True)
            raise typer.Exit(2)
    else:
        lib = library.catalog(path or ())
        try:
            plan = library.plan_for(lib, module)
        except library.UnknownContent as err:
            raise fail(str(err)) from None
        origin = lib.origins.get(f"agenda:{module}") or lib.origins.get(f"module:{module}")
        file = Path(origin) if origin else Path(module)
        files = [file]
    from workshop.tui.preview import make_app, throwaway_session

    with throwaway_session(plan) as session_path:
        show_screen(
            lambda: make_app(
                session_path,
                dark=not light,
                files=files,
                reload=(lambda: preview_plan(file, search)) if watch else None,
            )
        )


def preview_plan(file: Path, search: list[Path]) -> "tuple[Plan | None, list[str], list[Path]]":
    """The plan of a module or agenda file (a draft is accepted), or None with its problems as
    lines; and the files it is made of (an agenda's modules too), which `--watch` follows."""
    from workshop.content import library

    lib = library.load([file], search, library.neighbours([file]))
    loaded = next((f for f in lib.files), None)
    if loaded is not None and loaded.problems:
        return None, [str(p) for p in sorted(loaded.problems)], [file]
    content = None if loaded is None else (loaded.module if loaded.module is not None else loaded.agenda)
    if content is None:
        return None, [], [file]
    plan = library.plan_for(lib, content.id)
    files = [
        file,
        *(
            Path(lib.origins[f"module:{m.id}"])
            for m in plan.modules
            if loaded is not None and loaded.agenda is not None and f"module:{m.id}" in lib.origins
        ),
    ]
    return plan, [], list(dict.fromkeys(files))
