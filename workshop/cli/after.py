"""After the room: decide, decisions (the minutes), followup, review."""


from typing import Annotated, Optional

import typer

from workshop.cli import PathOption, SessionsDir, _act, _fail, _open, app
from workshop.cli.live import CodeOption, RejoinOption, _as_participant
from workshop.cli.reports import OutputFile, _emit, _format


@app.command()
def decide(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    body: Annotated[Optional[str], typer.Argument(
        metavar="[TEXT]", help="What the room decided (a consent poll's proposal when left out).")] = None,
    polls: Annotated[Optional[list[str]], typer.Option(
        "--from", help="A poll the decision rests on (repeatable): its step id.")] = None,
    actions: Annotated[Optional[list[str]], typer.Option(
        "--action", help="An action item that follows from it (repeatable): a note's id or its start. Default: "
                         "the action items on its steps that no decision lists yet.")] = None,
    amend: Annotated[Optional[str], typer.Option("--amend", help="Change decision D (d1): new TEXT, --action, "
                                                 "or both.")] = None,
    withdraw: Annotated[Optional[str], typer.Option("--withdraw", help="Withdraw decision D (d1).")] = None,
    why: Annotated[Optional[str], typer.Option("--why", help="--amend, --withdraw: the reason, kept with it.")] = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Record what the room decided, with the polls it rests on and the actions that follow; or amend or withdraw it."""
    if amend and withdraw:
        raise _fail("--amend or --withdraw, not both")
    if why is not None and not (amend or withdraw):
        raise _fail("--why goes with --amend or --withdraw")
    if amend:
        _act(session, sessions_dir, lambda live: live.amend_decision(amend, body, actions, why))
    elif withdraw:
        if body is not None or actions:
            raise _fail("--withdraw takes only --why")
        _act(session, sessions_dir, lambda live: live.withdraw_decision(withdraw, why))
    else:
        _act(session, sessions_dir, lambda live: live.decide(body, polls or (), actions))


@app.command()
def decisions(
    session: Annotated[str, typer.Argument(help="A session name or file.")],
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="md, html or json (default: from the --output file's name, else md).")] = None,
    output: OutputFile = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """The minutes: every decision with its evidence, and a line saying whether the file proves them."""
    from workshop.report import decisions as minutes
    from workshop.report.minutes import as_html

    fmt = _format(fmt, output, ("md", "html", "json"), "md") or "md"
    kept: list = []
    live = _open(session, sessions_dir, kept)
    state = live.state()
    proof = minutes.Proof(str(live.fold.header.get("facilitator_key") or ""),
                          minutes.obeyed(kept[0].events if kept else (), live.fold.trust.knows),
                          sum(1 for _, _, said in live.damage if not said.startswith("Windows (CRLF)")),
                          live.doubts.cut_short, header=live.fold.trust.digest)
    if fmt == "html":
        _emit(as_html(state, proof), output)
        return
    data = minutes.minutes(state, proof)
    _emit(minutes.as_json(data) if fmt == "json" else minutes.as_markdown(data), output)


@app.command()
def followup(
    session: Annotated[str, typer.Argument(help="The session to follow up (ended).")],
    agenda: Annotated[Optional[str], typer.Option(
        "--agenda", help="An agenda or module to run between the review and the new actions.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="The follow-up's name (default: the session's, "
                                                "-followup- and the time).")] = None,
    repeat: Annotated[Optional[list[str]], typer.Option(
        "--repeat", help="A scale or consent poll of the session to ask again (repeatable): its step id.")] = None,
    path: PathOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Make a follow-up session: a review of each open action, the polls chosen asked again, new actions."""
    from workshop.content import library
    from workshop.sessions.followup import followup as make

    plan = library.plan_for(library.catalog(path or ()), agenda) if agenda else None
    made, people, carried, again = make(_open(session, sessions_dir), sessions_dir, name, plan, repeat or ())
    typer.echo(str(made))
    typer.echo(f"{people} people can rejoin with their rejoin codes; {carried} open action(s) to review; "
               f"{again} poll(s) asked again", err=True)


@app.command()
def review(
    session: Annotated[str, typer.Argument(help="A follow-up session's name or file.")],
    action: Annotated[str, typer.Argument(help="The action's id (or its start): `workshop actions --chain` "
                                               "lists them.")],
    status: Annotated[str, typer.Argument(help="done, blocked, dropped, or open again.")],
    note: Annotated[Optional[str], typer.Option("--note", help="What blocks it, or any word on it (needed for "
                                                "blocked).")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Your name, as the action's owner (leave out for "
                                                "the facilitator).")] = None,
    rejoin: RejoinOption = None,
    code: CodeOption = None,
    sessions_dir: SessionsDir = None,
) -> None:
    """Mark an action carried into a follow-up done, blocked or dropped (its owner during the review step)."""
    if name is None:
        _act(session, sessions_dir, lambda live: live.review(action, status, note))
        return
    _act(session, sessions_dir, lambda live: _as_participant(
        live, name, rejoin, code, lambda person: live.review(action, status, note, person)))

