"""The facilitator's actions as words (`workshop control S extend 2`), parsed onto the typed verbs
of `Session`. Only this module knows the words; screens call the verbs themselves."""

from __future__ import annotations

from collections.abc import Callable

from workshop.engine.text import said_back
from workshop.i18n import N_, _
from workshop.sessions.files import SessionError
from workshop.sessions.session import POLL_ACTIONS, Session

USAGE = N_(
    "start, next, prev, goto STEP, pause, resume, extend MINUTES, close, reopen, reset, reveal, end, "
    "skip STEP, unskip STEP, move STEP --after STEP, insert-break MINUTES [--after STEP], objections [MINUTES], "
    "revote [POLL], merge IDEA INTO, hide ITEM, unhide ITEM, answered QUESTION, unanswered QUESTION, call, "
    "qa on|off"
)


def act(
    session: Session,
    word: str,
    arg: str | None = None,
    after: str | None = None,
    into: str | None = None,
    wording: str | None = None,
) -> str:
    """Do the action `word` names (with its arguments); a one-line account of what happened."""
    if wording is not None:
        if word != "revote":
            raise SessionError(_("--wording goes with revote, not {word}").format(word=word))
        return session.revote(arg, wording)
    if word == "merge":
        if not arg or not into:
            raise SessionError(_("merge needs two ideas: `merge IDEA INTO`, like `merge i4 i2`"))
        return session.merge(arg, into)
    if into is not None:
        raise SessionError(
            _("{word} takes at most one argument (got {into} as well)").format(word=word, into=said_back(into))
        )
    if after is not None and word not in ("move", "insert-break"):
        raise SessionError(_("--after goes with move and insert-break, not {word}").format(word=word))
    verb = _verb(session, word, arg, after)
    return verb()


def _verb(session: Session, word: str, arg: str | None, after: str | None = None) -> Callable[[], str]:
    if word in ("hide", "unhide"):
        return lambda: session.hide(
            _needed(arg, _("{word} needs an idea or question id, like `{word} i3`").format(word=word)), word == "hide"
        )
    if word in ("answered", "unanswered"):
        return lambda: session.answered(
            _needed(arg, _("{word} needs a question id, like `{word} q2`").format(word=word)), word == "answered"
        )
    if word == "qa":
        if arg not in ("on", "off"):
            raise SessionError(_("qa takes on or off: `qa on` opens questions on every step"))
        return lambda: session.qa(arg == "on")
    if word == "call":
        if arg is not None:
            raise SessionError(_("call takes no argument (got {arg})").format(arg=said_back(arg)))
        return session.call_next
    if word == "goto":
        return lambda: session.goto(_needed(arg, _("goto needs a step id, like `goto welcome` or `goto module/step`")))
    if word == "extend":
        return lambda: session.extend(minutes(arg))
    if word in ("skip", "unskip"):
        step = _needed(arg, _("{word} needs a step id, like `{word} welcome`").format(word=word))
        return lambda: session.skip(step, on=word == "skip")
    if word == "move":
        step = _needed(arg, _("move needs a step id and where to: `move STEP --after STEP` (`--after start`: first)"))
        return lambda: session.move(step, _needed(after, _("move needs --after STEP (or --after start)")))
    if word == "revote":
        return lambda: session.revote(arg)
    if word == "objections":
        length = 5 if arg is None else _whole(arg, _("objections takes whole minutes, like `objections 5`"))
        return lambda: session.objections(length)
    if word == "insert-break":
        length = _whole(arg, _("insert-break takes whole minutes, like `insert-break 10`"))
        return lambda: session.insert_break(length, after)
    if word in POLL_ACTIONS:
        return lambda: session.poll_action(word, arg)
    plain = {
        "start": session.start,
        "next": session.next,
        "prev": session.prev,
        "pause": session.pause,
        "resume": session.resume,
        "end": session.end,
    }.get(word)
    if plain is None:
        raise SessionError(_("unknown action {word}: {USAGE}").format(word=said_back(word), USAGE=_(USAGE)))
    if arg is not None:
        raise SessionError(_("{word} takes no argument (got {arg})").format(word=word, arg=said_back(arg)))
    return plain


def _needed(arg: str | None, message: str) -> str:
    if not arg:
        raise SessionError(message)
    return arg


def _whole(arg: str | None, message: str) -> int:
    try:
        return int(_needed(arg, message))
    except ValueError:
        raise SessionError(_("{message}, not {arg}").format(message=message, arg=said_back(str(arg)))) from None


def minutes(arg: str | None) -> int:
    """`extend`'s argument: whole minutes, 1 when left out; an empty word is a mistake."""
    try:
        return int("1" if arg is None else arg)
    except ValueError:
        raise SessionError(
            _("extend takes whole minutes, like `extend 2` or `extend -1`, not {arg}").format(arg=said_back(str(arg)))
        ) from None
