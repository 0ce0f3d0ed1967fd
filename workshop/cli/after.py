"""After the room: decide, decisions (the minutes), followup, review."""

from typing import Annotated, Optional

import typer

from workshop.cli import LangOption, PathOption, SessionArg, SessionsDir, act, app, fail, open_session
from workshop.cli.participant import ParticipantOptions, participant_options
from workshop.cli.reports import OutputFile, emit, format_option, output_format
from workshop.i18n import N_, _, ngettext


@app.command()
def decide(
    session: SessionArg,
    body: Annotated[
        Optional[str],
        typer.Argument(metavar="[TEXT]", help=N_("What the room decided (a consent poll's proposal when left out).")),
    ] = None,
    polls: Annotated[
        Optional[list[str]], typer.Option("--from", help=N_("A poll the decision rests on (repeatable): its step id."))
    ] = None,
    actions: Annotated[
        Optional[list[str]],
        typer.Option(
            "--action",
            help=N_(
                "An action item that follows from it (repeatable): a note's id or its start. Default: "
                "the action items on its steps that no decision lists yet."
            ),
        ),
    ] = None,
    amend: Annotated[
        Optional[str], typer.Option("--amend", help=N_("Change decision D (d1): new TEXT, --action, or both."))
    ] = None,
    withdraw: Annotated[Optional[str], typer.Option("--withdraw", help=N_("Withdraw decision D (d1)."))] = None,
    why: Annotated[
        Optional[str], typer.Option("--why", help=N_("--amend, --withdraw: the reason, kept with it."))
    ] = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Record what the room decided, with the polls it rests on and the actions that follow; or amend or withdraw it."""
    if amend and withdraw:
        raise fail(_("--amend or --withdraw, not both"))
    if why is not None and not (amend or withdraw):
        raise fail(_("--why goes with --amend or --withdraw"))
    if amend:
        act(session, sessions_dir, lambda live: live.amend_decision(amend, body, actions, why))
    elif withdraw:
        if body is not None or actions:
            raise fail(_("--withdraw takes only --why"))
        act(session, sessions_dir, lambda live: live.withdraw_decision(withdraw, why))
    else:
        act(session, sessions_dir, lambda live: live.decide(body, polls or (), actions))


@app.command()
def decisions(
    session: SessionArg,
    fmt: Annotated[
        Optional[str], format_option(N_("md, html or json (default: from the --output file's name, else md)."))
    ] = None,
    output: OutputFile = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """The minutes: every decision with its evidence, and a line saying whether the file proves them."""
    from workshop.journal.store import CRLF
    from workshop.report import decisions as minutes
    from workshop.report.minutes import as_html

    fmt = output_format(fmt, output, ("md", "html", "json"), "md") or "md"
    kept: list = []
    live = open_session(session, sessions_dir, kept)
    state = live.state()
    proof = minutes.Proof(
        str(live.fold.header.get("facilitator_key") or ""),
        minutes.obeyed(kept[0].events if kept else (), live.fold.trust.knows),
        sum(1 for _line, _col, said in live.damage if said != _(CRLF)),
        live.doubts.cut_short,
        header=live.fold.trust.digest,
    )
    if fmt == "html":
        emit(as_html(state, proof), output)
        return
    data = minutes.minutes(state, proof)
    emit(minutes.as_json(data) if fmt == "json" else minutes.as_markdown(data), output)


@app.command()
def followup(
    session: Annotated[str, typer.Argument(help=N_("The session to follow up (ended)."))],
    agenda: Annotated[
        Optional[str],
        typer.Option("--agenda", help=N_("An agenda or module to run between the review and the new actions.")),
    ] = None,
    name: Annotated[
        Optional[str],
        typer.Option("--name", help=N_("The follow-up's name (default: the session's, -followup- and the time).")),
    ] = None,
    repeat: Annotated[
        Optional[list[str]],
        typer.Option(
            "--repeat", help=N_("A scale or consent poll of the session to ask again (repeatable): its step id.")
        ),
    ] = None,
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
    lang: LangOption = None,
) -> None:
    """Make a follow-up session: a review of each open action, the polls chosen asked again, new actions."""
    from workshop.content import library
    from workshop.sessions.followup import followup as make

    plan = library.plan_for(library.catalog(path or ()), agenda) if agenda else None
    made, people, carried, again = make(open_session(session, sessions_dir), sessions_dir, name, plan, repeat or ())
    typer.echo(str(made))
    # English says "(s)" whatever the count, as it always has; a translation takes its language's forms
    typer.echo(
        "; ".join(
            (
                ngettext(
                    "{n} people can rejoin with their rejoin codes",
                    "{n} people can rejoin with their rejoin codes",
                    people,
                ).format(n=people),
                ngettext("{n} open action(s) to review", "{n} open action(s) to review", carried).format(n=carried),
                ngettext("{n} poll(s) asked again", "{n} poll(s) asked again", again).format(n=again),
            )
        ),
        err=True,
    )


@app.command()
@participant_options
def review(
    session: Annotated[str, typer.Argument(help=N_("A follow-up session's name or file."))],
    action: Annotated[
        str, typer.Argument(help=N_("The action's id (or its start): `workshop actions --chain` lists them."))
    ],
    status: Annotated[str, typer.Argument(help=N_("done, blocked, dropped, or open again."))],
    note: Annotated[
        Optional[str], typer.Option("--note", help=N_("What blocks it, or any word on it (needed for blocked)."))
    ] = None,
    name: Annotated[
        Optional[str],
        typer.Option("--name", help=N_("Your name, as the action's owner (leave out for the facilitator).")),
    ] = None,
    *,
    options: ParticipantOptions,
) -> None:
    """Mark an action carried into a follow-up done, blocked or dropped (its owner during the review step)."""
    options.act(session, name, lambda live, person: live.review(action, status, note, person))
