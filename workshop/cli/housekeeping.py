"""Commands on the sessions folder: sessions (list them), archive (put a finished one away)."""

import errno
import re
from typing import Annotated

import typer

from workshop.cli import LangOption, SessionArg, SessionsDir, app, fail, resolve_ref
from workshop.errors import os_message
from workshop.i18n import N_, _, pgettext


@app.command("sessions")
def list_sessions(
    every: Annotated[bool, typer.Option("--all", help=N_("Also the sessions in the folder's archive/."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("Print JSON for scripts instead of a table."))] = False,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """List the folder's sessions: the name other commands take, title, status, times, participants, events."""
    from workshop.sessions import catalogue, warn
    from workshop.sessions import sessions_dir as folder_of
    from workshop.sessions.files import ARCHIVE, session_files, starts_as_a_session

    folder = folder_of(sessions_dir)
    if folder.exists() and not folder.is_dir():  # a file typed where the folder was meant: not "no sessions"
        raise fail(os_message(folder, "read", NotADirectoryError(errno.ENOTDIR, "")))
    unlisted: list[str] = []
    found = catalogue.listing(sessions_dir, archived=every, unlisted=unlisted)
    warn([_("warning: {why}; not listed").format(why=why) for why in unlisted])  # on stderr: the list stays whole
    if as_json:
        import json  # only here: every command's start would pay for it

        typer.echo(json.dumps([s.as_json() for s in found], indent=2))
        return
    if not found:
        typer.echo(_("no sessions in {folder_of}/").format(folder_of=folder_of(sessions_dir)))
        if not every and any(map(starts_as_a_session, session_files(folder / ARCHIVE))):  # none opened
            typer.echo(_("(some are archived: `workshop sessions --all` lists them)"))
        return
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    from workshop.engine.tally import SESSION_STATUS_WORDS, said
    from workshop.engine.text import clean

    # the name every other command takes (not the id, which a copy shares): whole on one line at
    # any width, quoted as a shell takes it back; the title gives way, and times are as short as
    # they can be (UTC: the year, and the day once it is known)
    rows = []
    for s in found:  # every cell from a file: plain strings, never markup, never a control
        status = said(SESSION_STATUS_WORDS, s.status)
        status = _("{status} (archived)").format(status=status) if s.archived else status
        day = s.created[:10]
        rows.append(
            (
                _as_typed(s.name),  # every control escaped
                clean(s.title),
                status,
                s.created[5:16].replace("T", " "),
                *(_time(t, day) for t in (s.started, s.ended)),
                str(s.participants),
                str(s.events),
            )
        )
    heads = (
        pgettext("a column of the sessions list", "session"),
        pgettext("a column of the sessions list", "title"),
        pgettext("a column of the sessions list", "status"),
        pgettext("a column of the sessions list", "created"),
        pgettext("a column of the sessions list", "started"),
        pgettext("a column of the sessions list", "ended"),
        pgettext("a column of the sessions list", "people"),
        pgettext("a column of the sessions list", "events"),
    )
    widths = [max(cell_len(h), *(cell_len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    console = Console(markup=False, highlight=False)
    shown = list(range(len(heads)))

    def others() -> int:  # the columns beside the title, and a space either side of every column
        return sum(widths[i] + 2 for i in shown if i != 1) + 2

    for time in (3, 5, 4):  # a narrow screen: created, then ended, then started give way to the counts
        if console.width - others() >= _TITLE_AT_LEAST:
            break
        shown.remove(time)
    if widths[0] + 2 > console.width:  # a name longer than the screen (an archived one's path, piped
        console.width = others() + 5  # where the width is 80): the terminal wraps the line, the name is whole
    table = Table(
        title=clean(_("Sessions in {folder_of}/").format(folder_of=folder_of(sessions_dir))),
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    for i in shown:
        table.add_column(
            heads[i],
            no_wrap=True,
            justify="right" if i >= 6 else "left",  # people and events
            min_width=widths[i] if i != 1 else None,
            max_width=max(5, console.width - others()) if i == 1 else None,
            overflow="ellipsis",
        )
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    console.print(table)


_TITLE_AT_LEAST = 12  # cells of a session's title worth keeping before a time column gives way


def _as_typed(name: str) -> str:
    """`name` as a shell takes it back when it is pasted: quoted when a space, a quote or another
    character the shell reads would split or change it (letters of any script need no quotes);
    one holding a control or a byte that is no text (a name made by hand) as bash's $'…', each
    such character escaped: never left out, which would name another file."""
    import shlex

    from workshop.engine.bidi import BIDI_CONTROLS  # here: `list_sessions` alone pays for them
    from workshop.engine.text import UNCLEAN

    if re.fullmatch(r"[\w@%+=:,./-]+", name):
        return name
    # what engine/text.py's clean leaves out, tabs and breaks, and bidi controls (which reorder the row)
    unshown = re.compile(f"{UNCLEAN.pattern}|[\t\n{BIDI_CONTROLS}]")
    if not unshown.search(name):
        return shlex.quote(name)
    return "$'" + "".join(_escaped(c) if unshown.match(c) or c in "'\\" else c for c in name) + "'"


def _escaped(char: str) -> str:
    """One character inside bash's $'…': a byte of a name that is no UTF-8 as the byte it was."""
    if char in "'\\":
        return "\\" + char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def _time(iso: str, day: str) -> str:
    """'09:03' on the day the session was made, '11-24 09:03' on another."""
    return iso[11:16] if iso[:10] == day else iso[5:16].replace("T", " ")


@app.command()
def archive(
    session: SessionArg,
    delete: Annotated[
        bool, typer.Option("--delete", help=N_("Remove it (and its secret) for good, after asking."))
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help=N_("With --delete: do not ask."))] = False,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Move an ended session (and its secret) to the folder's archive/, or with --delete remove it."""
    from workshop.sessions import catalogue

    path = resolve_ref(session, sessions_dir)
    if not delete:
        typer.echo(_("archived: {put_away}").format(put_away=catalogue.put_away(path)))
        return
    catalogue.check_finished(path)  # before asking: a live session is refused without a question
    if not yes and not _confirmed(_("Delete {path} and its secret for good?").format(path=path)):
        raise fail(_("not deleted (give --yes to delete without being asked)"))
    catalogue.delete(path)
    typer.echo(_("deleted: {path}").format(path=path))


def _confirmed(question: str) -> bool:
    try:
        return typer.confirm(question, default=False)
    except typer.Abort:  # no answer at all: end of input, or ctrl+c
        return False
