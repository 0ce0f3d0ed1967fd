"""The room's verbs by a participant's name, as tests call them: each finds the person called
`name` (`Session.person`: one this process knows, or a newcomer who joins with this act) and
calls the session's typed verb for them. Screens and pages hold a `Person`, so only tests ask
by name."""

from __future__ import annotations

from collections.abc import Sequence

from workshop.sessions import Session


def vote(session: Session, name: str, raw: Sequence[str], poll_ref: str | None = None) -> str:
    """`name`'s ballot, typed as words (`Session.vote_as`)."""
    return session.vote_as(session.person(name), raw, poll_ref)


def idea(session: Session, name: str, body: str) -> str:
    """An idea from `name` on the current brainstorm step (`Session.idea_as`)."""
    return session.idea_as(session.person(name), body)


def ask(session: Session, name: str, body: str, anonymous: bool = False) -> str:
    """A question from `name` (`Session.ask_as`)."""
    return session.ask_as(session.person(name), body, anonymous)


def upvote(session: Session, name: str, ref: str) -> str:
    """`name`'s upvote of question `ref` (`Session.upvote_as`)."""
    return session.upvote_as(session.person(name), ref)


def hand(session: Session, name: str, up: bool = True) -> str:
    """`name` raises (or lowers) a hand (`Session.hand_as`)."""
    return session.hand_as(session.person(name), up)


def react(session: Session, name: str, reaction: str) -> str:
    """`name`'s reaction on the current step (`Session.react_as`)."""
    return session.react_as(session.person(name), reaction)
