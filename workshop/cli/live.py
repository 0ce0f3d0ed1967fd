"""Commands that act on a session: new, control, vote, note, edit, repair."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from workshop.cli import LangOption, NameOption, PathOption, SessionArg, SessionsDir, act, app, fail
from workshop.cli.participant import ParticipantOptions, participant_options
from workshop.i18n import N_, _

if TYPE_CHECKING:
    from workshop.sessions import Session
    from workshop.sessions.people import Person


@app.command()
def new(
    agenda: Annotated[
        Optional[str], typer.Argument(help=N_("An agenda or module id (default: the default agenda)."))
    ] = None,
    name: Annotated[
        Optional[str], typer.Option("--name", help=N_("The session's name (default: agenda and time)."))
    ] = None,
    facilitator: Annotated[str, typer.Option("--facilitator", help=N_("Your name, for the report."))] = "",
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Create a session file for an agenda (or a single module) and print its path."""
    from workshop import sessions
    from workshop.content import library

    lib = library.catalog(path or ())
    plan = library.plan_for(lib, agenda or library.DEFAULT_AGENDA)
    typer.echo(str(sessions.create(plan, sessions_dir, name, facilitator)))


@app.command(context_settings={"ignore_unknown_options": True})  # so `extend -1` is a number
def control(
    session: SessionArg,
    action: Annotated[
        str,
        typer.Argument(
            help=N_(
                "start, next, prev, goto, pause, resume, extend, close, reopen, reset, "
                "reveal, end, skip, unskip, move, insert-break, merge, hide, unhide, "
                "answered, unanswered, call, qa"
            )
        ),
    ],
    arg: Annotated[
        Optional[str],
        typer.Argument(
            help=N_(
                "goto/skip/unskip/move: a step id; extend, insert-break: "
                "minutes; close/reopen/reset/reveal: a poll id; merge/hide: an "
                "idea; answered: a question; qa: on/off."
            )
        ),
    ] = None,
    into: Annotated[Optional[str], typer.Argument(metavar="[INTO]", help=N_("merge: the idea to merge into."))] = None,
    after: Annotated[
        Optional[str], typer.Option("--after", help=N_("move, insert-break: the step it goes after (`start`: first)."))
    ] = None,
    wording: Annotated[
        Optional[str],
        typer.Option(
            "--wording",
            help=N_("revote: the question (a proposal changed after its objections) the new round votes on."),
        ),
    ] = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Act as the facilitator: move through steps and rounds, run the timer and the polls, change the agenda,
    work with the room's ideas, questions and hands."""
    from workshop.cli import words

    act(session, sessions_dir, lambda live: words.act(live, action, arg, after, into, wording))


@app.command(context_settings={"ignore_unknown_options": True})
@participant_options
def vote(
    session: SessionArg,
    values: Annotated[
        list[str],
        typer.Argument(help=N_("Option labels or numbers; label=dots for dots; the order for rank; words for text.")),
    ],
    name: NameOption,
    poll: Annotated[
        Optional[str], typer.Option("--poll", help=N_("The poll's step id (default: the open poll)."))
    ] = None,
    *,
    options: ParticipantOptions,
) -> None:
    """Cast a ballot (again to change it, while the poll is open)."""
    options.act(session, name, lambda live, person: live.vote_as(person, values, poll))


@app.command()
@participant_options
def note(
    session: SessionArg,
    body: Annotated[str, typer.Argument(metavar="TEXT", help=N_("The note."))],
    name: Annotated[
        Optional[str], typer.Option("--name", help=N_("Your display name (leave out for the facilitator)."))
    ] = None,
    action: Annotated[bool, typer.Option("--action", help=N_("Mark it as an action item."))] = False,
    owner: Annotated[Optional[str], typer.Option("--owner", help=N_("The action item's owner (makes it one)."))] = None,
    due: Annotated[
        Optional[str],
        typer.Option(
            "--due",
            help=N_(
                "The action item's due date: 2026-12-15, 15/12/2026 (your locale's order), 15 Dec, tomorrow, friday, "
                "next week, in 2 weeks."
            ),
        ),
    ] = None,
    *,
    options: ParticipantOptions,
) -> None:
    """Add a note to the current step; --action (or --owner, --due) makes it an action item."""
    options.act(session, name, lambda live, person: live.note_as(person, body, action, owner, due))


@app.command()
@participant_options
def edit(
    session: SessionArg,
    item: Annotated[str, typer.Argument(help=N_("A note's id (or its start), an idea's (i3), or a poll's step id."))],
    body: Annotated[Optional[str], typer.Argument(metavar="[TEXT]", help=N_("What it says now."))] = None,
    owner: Annotated[
        Optional[str], typer.Option("--owner", help=N_('A note: its action item\'s owner, anyone ("" clears it).'))
    ] = None,
    due: Annotated[
        Optional[str],
        typer.Option(
            "--due", help=N_('A note: its action item\'s due date, as --due of `note` reads it ("" clears it).')
        ),
    ] = None,
    withdraw: Annotated[bool, typer.Option("--withdraw", help=N_("Take the note or idea back."))] = False,
    restore: Annotated[bool, typer.Option("--restore", help=N_("Bring a withdrawn note or idea back."))] = False,
    name: Annotated[
        Optional[str],
        typer.Option(
            "--name",
            help=N_(
                "Your display name, for a note or idea of yours while its step runs (leave out for the facilitator)."
            ),
        ),
    ] = None,
    *,
    options: ParticipantOptions,
) -> None:
    """Correct a note, an idea or a poll's question, or withdraw a note or idea: a new event, nothing rewritten."""
    chosen = [
        what
        for what, on in (
            ("TEXT", body is not None),
            ("--withdraw", withdraw),
            ("--restore", restore),
            ("--owner/--due", owner is not None or due is not None),
        )
        if on
    ]
    if len(chosen) != 1:
        raise fail(_("say what to change: TEXT, --owner/--due, --withdraw or --restore (one of them)"))
    if (owner is not None or due is not None) and name is not None:
        raise fail(_("only the facilitator gives an action item its owner and due date (leave out --name)"))

    def change(live: "Session", person: "Person | None") -> str:
        if owner is not None or due is not None:
            return live.mark_action(live.note_id(item), True, owner, due)
        if body is not None:
            return live.edit(item, body, person)
        return live.withdraw_item(item, person, on=withdraw)

    options.act(session, name, change)


@app.command()
def repair(
    session: SessionArg,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Write a repaired copy beside a damaged session file: every intact event, nothing else. Never changes the file."""
    from workshop import sessions
    from workshop.engine.text import clean

    target, kept, left_out = sessions.repair_copy(sessions.resolve(session, sessions_dir))
    for line in left_out:
        typer.echo(clean(_("left out: {line}").format(line=line)), err=True)
    typer.echo(
        _(
            "{target}: {kept} events kept, {left_out} damaged piece(s) left out; the original is unchanged (move "
            "the copy over it to use it)"
        ).format(target=target, kept=kept, left_out=len(left_out))
    )
