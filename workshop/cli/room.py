"""Commands for what participants contribute: idea, ask, upvote, hand, react."""

from typing import Annotated

import typer

from workshop.cli import NameOption, SessionArg, app
from workshop.cli.participant import ParticipantOptions, participant_options
from workshop.i18n import N_


@app.command()
@participant_options
def idea(
    session: SessionArg,
    body: Annotated[str, typer.Argument(metavar="TEXT", help=N_("The idea: one line, up to 280 characters."))],
    name: NameOption,
    *,
    options: ParticipantOptions,
) -> None:
    """Add an idea to the current brainstorm step (prints its id)."""
    options.act(session, name, lambda live, person: live.idea_as(person, body))


@app.command()
@participant_options
def ask(
    session: SessionArg,
    body: Annotated[str, typer.Argument(metavar="TEXT", help=N_("The question: one line, up to 280 characters."))],
    name: NameOption,
    anonymous: Annotated[bool, typer.Option("--anonymous", help=N_("Ask without your name."))] = False,
    *,
    options: ParticipantOptions,
) -> None:
    """Ask a question on a Q&A step (or any step while Q&A is on); prints the question's id."""
    options.act(session, name, lambda live, person: live.ask_as(person, body, anonymous))


@app.command()
@participant_options
def upvote(
    session: SessionArg,
    question: Annotated[str, typer.Argument(metavar="QUESTION", help=N_("The question's id (q3, or 3)."))],
    name: NameOption,
    *,
    options: ParticipantOptions,
) -> None:
    """Upvote a question: once per person (a second upvote is ignored, with a message)."""
    options.act(session, name, lambda live, person: live.upvote_as(person, question))


@app.command()
@participant_options
def hand(
    session: SessionArg,
    name: NameOption,
    down: Annotated[bool, typer.Option("--down", help=N_("Lower your hand."))] = False,
    *,
    options: ParticipantOptions,
) -> None:
    """Raise your hand (or lower it with --down): the facilitator calls hands in the order raised."""
    options.act(session, name, lambda live, person: live.hand_as(person, not down))


@app.command()
@participant_options
def react(
    session: SessionArg,
    reaction: Annotated[str, typer.Argument(metavar="REACTION", help=N_("agree, disagree, slower or louder."))],
    name: NameOption,
    *,
    options: ParticipantOptions,
) -> None:
    """React on the current step: agree, disagree, slower or louder (each counts once per person and step)."""
    options.act(session, name, lambda live, person: live.react_as(person, reaction))
