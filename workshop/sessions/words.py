"""The facilitator's actions as words (`workshop control S extend 2`, the facilitator's keys),
mapped onto the typed verbs of `Session`. Only this table knows the words."""

from __future__ import annotations

from collections.abc import Callable

from workshop.sessions.files import SessionError
from workshop.sessions.session import POLL_ACTIONS, Session

WORDS = ("start", "next", "prev", "goto", "pause", "resume", "extend", *POLL_ACTIONS, "end")
USAGE = "start, next, prev, goto STEP, pause, resume, extend MINUTES, close, reopen, reset, reveal, end"


def act(session: Session, word: str, arg: str | None = None) -> str:
    """Do the action `word` names (with its argument); a one-line account of what happened."""
    verb = _verb(session, word, arg)
    return verb()


def _verb(session: Session, word: str, arg: str | None) -> Callable[[], str]:
    if word == "goto":
        return lambda: session.goto(_needed(arg, "goto needs a step id, like `goto welcome` or `goto module/step`"))
    if word == "extend":
        return lambda: session.extend(minutes(arg))
    if word in POLL_ACTIONS:
        return lambda: session.poll_action(word, arg)
    plain = {"start": session.start, "next": session.next, "prev": session.prev, "pause": session.pause,
             "resume": session.resume, "end": session.end}.get(word)
    if plain is None:
        raise SessionError(f"unknown action {word!r}: {USAGE}")
    if arg is not None:
        raise SessionError(f"{word} takes no argument (got {arg!r})")
    return plain


def _needed(arg: str | None, message: str) -> str:
    if not arg:
        raise SessionError(message)
    return arg


def minutes(arg: str | None) -> int:
    """`extend`'s argument: whole minutes, 1 when left out; an empty word is a mistake."""
    try:
        return int("1" if arg is None else arg)
    except ValueError:
        raise SessionError(f"extend takes whole minutes, like `extend 2` or `extend -1`, not {arg!r}") from None
