"""Reports of sessions: report, compare, actions."""

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from workshop.cli import (
    LangOption,
    SessionArg,
    SessionsDir,
    app,
    dash_is_stdout,
    end_now,
    fail,
    open_session,
    resolve_ref,
)
from workshop.i18n import N_, _, ngettext

OutputFile = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        callback=dash_is_stdout,
        help=N_("Write to this file instead of stdout (its name's ending gives the format)."),
    ),
]


def format_option(formats: str) -> Any:  # typer's OptionInfo, as typer.Option gives it
    """`--format`/`-f` of a command that writes a report; `formats` (its help) names the formats and the default."""
    return typer.Option("--format", "-f", help=formats)


SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".ics": "ics",
}


def _reader(lang: str | None) -> str:
    """The language a report is read in: `--lang` (which LangOption has checked and spoken), else
    the environment's."""
    from workshop import i18n

    return i18n.known(lang) or i18n.language()


def output_format(fmt: str | None, output: Path | None, choices: tuple[str, ...], default: str | None) -> str | None:
    """The format asked for, else the one the output file's name ends in, else `default`; a format
    not in `choices` is refused in one line."""
    said = _("{items} or {last}").format(items=", ".join(choices[:-1]), last=choices[-1])
    if fmt is None and output is not None:
        fmt = SUFFIXES.get(output.suffix.lower())
        if fmt not in choices:
            if default is None:
                raise fail(
                    _("--output {name}: give --format {said} (or a file name ending in one)").format(
                        name=output.name, said=said
                    )
                )
            fmt = default
    elif fmt is None:
        fmt = default
    if fmt is not None and fmt not in choices:
        from workshop.engine.text import said_back

        raise fail(_("unknown format {fmt}: choose {said}").format(fmt=said_back(fmt), said=said))
    return fmt


@app.command()
def report(
    session: SessionArg,
    fmt: Annotated[
        Optional[str], format_option(N_("md, html, csv or json (default: from the --output file's name, else md)."))
    ] = None,
    output: OutputFile = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Write a report of a session (live or finished)."""
    from workshop import i18n
    from workshop import report as renderers
    from workshop.engine.in_language import state_in
    from workshop.progress import Stages
    from workshop.sessions.journal import bulk

    fmt = output_format(fmt, output, ("md", "html", "csv", "json"), "md")
    reader = _reader(lang)
    render = {
        "md": renderers.as_markdown,
        "html": renderers.as_html,
        "csv": renderers.as_csv,
        "json": renderers.as_json,
    }[fmt or "md"]
    with bulk():  # the state and the report's pieces are acyclic: no collector passes over them
        with Stages(2) as stages:
            stages.step(_("reading {session}").format(session=session))
            kept: list[Any] = []  # freed by end_now() all at once, not as Session.open returns
            state = open_session(session, sessions_dir, kept).state()
            stages.step(_("writing {fmt}").format(fmt=fmt))
            with i18n.speaking(reader):  # each option once, in the reader's words, whatever language it was cast in
                text = render(state_in(state, reader))
        emit(text, output)  # once the bar has stopped: while it shows, rich sends stdout to stderr
        if state.events > 10_000:
            # before `bulk` ends: the collector's first pass after it would walk every object the
            # session's events made
            end_now()


def emit(text: str, output: Path | None) -> None:
    """A report to stdout, or to a file whose path is then printed."""
    if output is None:
        if sys.stdout.isatty():  # the reader lets no control through; a terminal gets none anyway
            from workshop.engine.text import clean

            text = clean(text)
        # straight to stdout: click.echo would scan megabytes for ANSI codes a report never has
        sys.stdout.write(text)  # and its newline apart: `text + "\n"` would copy a long report once more
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    from workshop.cli.output import write_output

    write_output(output, text)
    typer.echo(str(output))


@app.command()
def compare(
    sessions: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="SESSION...", help=N_("Two or more session names or files; the first is the baseline.")),
    ] = None,
    fmt: Annotated[
        Optional[str],
        format_option(N_("md, html or json (default: from the --output file's name, else tables in the terminal).")),
    ] = None,
    output: OutputFile = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Compare the polls of several sessions: results side by side, differences against the first."""
    from workshop import i18n
    from workshop.progress import Stages
    from workshop.report import compare as comparing
    from workshop.report import compare_tables as tables

    fmt = output_format(fmt, output, ("md", "html", "json"), None)
    reader = _reader(lang)
    render = {"md": tables.as_markdown, "html": tables.as_html, "json": comparing.as_json}.get(fmt or "")
    if sessions is None or len(sessions) < 2:
        raise fail(_("compare needs at least two sessions"))
    with Stages(len(sessions) + 1) as stages:
        states = []
        for ref in sessions:
            stages.step(_("reading {ref}").format(ref=ref))
            states.append(open_session(ref, sessions_dir).state())
        stages.step("comparing")
        data = comparing.in_language(comparing.compare(states), states, reader)
    with i18n.speaking(reader):
        if render is not None:
            emit(render(data), output)
            return
        from rich.console import Console

        Console().print(tables.as_rich(data))


@app.command()
def actions(
    session: SessionArg,
    fmt: Annotated[
        Optional[str], format_option(N_("md, csv, json or ics (default: from the --output file's name, else md)."))
    ] = None,
    ics_kind: Annotated[
        str,
        typer.Option(
            "--ics-kind", help=N_("ics: event (all-day on the due date, for any calendar) or todo (task apps).")
        ),
    ] = "event",
    chain: Annotated[
        bool,
        typer.Option(
            "--chain",
            help=N_(
                "Every action of the session and its follow-ups (and the sessions it follows), each "
                "with its latest status."
            ),
        ),
    ] = False,
    output: OutputFile = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """The session's action items with their owners and due dates, for whoever follows up."""
    from workshop import i18n
    from workshop.engine.in_language import state_in
    from workshop.report import actions as listing

    fmt = output_format(fmt, output, ("md", "csv", "json", "ics"), "md") or "md"
    if ics_kind not in listing.ICS_KINDS:
        raise fail(_("--ics-kind {ics_kind}: choose event or todo").format(ics_kind=ics_kind))
    if chain:
        if fmt == "ics":
            raise fail(_("--chain lists md, csv or json"))
        from workshop.sessions.chain import chain as linked

        states = [open_session(str(path), None).state() for path in linked(resolve_ref(session, sessions_dir))]
        emit(listing.CHAIN_FORMATS[fmt](states), output)
        return
    reader = _reader(lang)
    state = state_in(open_session(session, sessions_dir).state(), reader)  # step titles in the reader's language
    if fmt != "ics":
        with i18n.speaking(reader):
            emit(listing.FORMATS[fmt](state), output)
        return
    with i18n.speaking(reader):
        text, undated = listing.as_ics(state, ics_kind)
    if undated:
        typer.echo(
            ngettext(
                "{n} action item without a due date is not in the calendar (an event needs a day): "
                "--ics-kind todo lists them all",
                "{n} action items without a due date are not in the calendar (an event needs a day): "
                "--ics-kind todo lists them all",
                undated,
            ).format(n=undated),
            err=True,
        )
    emit(text, output)
