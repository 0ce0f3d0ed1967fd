"""`workshop join --plain`: taking part line by line, for screen readers and braille displays.

No cursor addressing, no colour, nothing drawn: each event of the session is one sentence on its
own line ("Poll open: Fast or high-touch? 4 options: 1 Fast, …"; what is said: transcript.py),
and the participant types commands (`vote 2`, `note …`, `help`). It uses the same Session verbs
as every other way of taking part (join_as, vote, note), so its journal is the one `workshop
vote`/`note` would write; and, like a screen, it says the participant is here (on joining, then
each minute, and `leave` as it ends), so the facilitator's "N here" counts them.

Standard input is read on a thread of its own so the session's events keep coming while the
participant is typing; everything else happens on the main thread.
"""

from __future__ import annotations

import dataclasses
import io
import queue
import shlex
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from workshop import i18n
from workshop.engine.bidi import isolate
from workshop.engine.in_language import state_in
from workshop.engine.tally import plural
from workshop.engine.text import replaced
from workshop.engine.views import HEARTBEAT
from workshop.i18n import N_, _
from workshop.sessions import Session, SessionError, door
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken
from workshop.sessions.who import as_person, keep
from workshop.transcript import Transcript, poll_open, step_sentence, time_sentence

__all__ = ["Transcript", "run", "step_sentence"]

POLL_SECONDS = 0.2
HELP = N_(
    "Commands: vote followed by your choice (vote 2; several numbers for multi or rank, in order; "
    "option=dots for dots, like vote 1=3 2=2; words for a text answer); note followed by your note; "
    "idea followed by your idea, on a brainstorm step; ask followed by a question, upvote and a question's "
    "id (upvote q2), questions to hear them, most upvoted first; hand to raise or lower your hand; "
    "react agree, disagree, slower or louder; where, to hear the step again; help; quit."
)


def _lines(source: TextIO) -> Iterator[str | None]:
    """Lines from `source` on a thread of their own; None once it is closed. A byte that is not
    in the terminal's encoding reads as U+FFFD, whatever the locale's rule (a strict one stopped
    the thread, and the transcript waited for lines for good)."""
    inbox: queue.Queue[str | None] = queue.Queue()
    if isinstance(source, io.TextIOWrapper):
        source.reconfigure(errors="replace")

    def read() -> None:
        try:
            for line in source:
                inbox.put(replaced(line.rstrip("\n")))
        finally:
            inbox.put(None)  # whatever ended the input, the transcript ends with it

    threading.Thread(target=read, daemon=True).start()
    while True:
        try:
            yield inbox.get(timeout=POLL_SECONDS)
        except queue.Empty:
            yield ""


def run(
    session: Session, name: str = "", source: TextIO = sys.stdin, out: TextIO = sys.stdout, shared: bool = False
) -> int:
    """Join and follow `session` until it ends or input closes; 0, or 1 if joining failed."""

    def say(sentence: str) -> None:
        print(sentence, file=out, flush=True)

    lines = _lines(source)
    state = session.state()
    here = door.this_terminal("plain")
    say(
        _("Joining {title}. Type the join code from the facilitator's screen, then press enter.").format(
            title=state_in(state, i18n.language()).title
        )
    )
    try:
        door.join_code(session, _next(lines) or "", here)
    except SessionError as err:  # a wrong one is counted, as on every way in; the next try waits
        say(_("Sorry: {err}. Join again to try once more.").format(err=err))
        return 1
    if not name:
        say(_("Your name, as the room will see it:"))
        name = _next(lines) or ""
    try:
        person = _person(session, name, lines, say, shared, here)
    except SessionError as err:
        say(_("Sorry: {err}.").format(err=err))
        return 1
    _here(session, person)  # a screen reader in the room counts in the facilitator's "N here"
    say(_("You joined as {name}. {HELP}").format(name=person.name, HELP=_(HELP)))
    if person.code:
        say(
            _("Your rejoin code is {code}: keep it, it brings you back as {name} from any screen.").format(
                code=person.code, name=person.name
            )
        )
    transcript = Transcript(person.token, say)
    return _follow(session, person, transcript, lines, say)


def _person(
    session: Session,
    name: str,
    lines: Iterator[str | None],
    say: Callable[[str], None],
    shared: bool,
    here: door.Client,
) -> Person:
    """Who this terminal is: remembered on this account (unless many people share it), new, or
    (a name someone holds) proven by its rejoin code."""
    try:
        person, new = as_person(session, name, None, here, own=not shared)
    except NameTaken as err:
        say(_("{err}. Your rejoin code:").format(err=err))
        person, new = as_person(session, name, _next(lines) or "", here, own=not shared)
    session.join_now(person)
    if not shared:
        keep(session, person)
    return person if new else dataclasses.replace(person, code="")


def _next(lines: Iterator[str | None]) -> str | None:
    for line in lines:
        if line is None or line.strip():
            return line
    return None


def _here(session: Session, person: Person, leaving: bool = False) -> None:
    """Say the participant is here (on joining, then each HEARTBEAT), or has left."""
    try:
        session.leave(person) if leaving else session.present(person)
    except SessionError:
        pass  # the file cannot take it now: presence runs out, or the next heartbeat tries again


def _follow(
    session: Session, person: Person, transcript: Transcript, lines: Iterator[str | None], say: Callable[[str], None]
) -> int:
    last = beat = time.monotonic()
    try:
        for line in lines:
            if line is None or line.strip().lower() in ("quit", "exit"):
                _catch_up(session, transcript, say)  # what happened since the last look, then leave
                if session.state().status != "ended":
                    say(_("You left the session; join again to come back."))
                return 0
            if line.strip():
                _command(session, person, line.strip(), say)
            if time.monotonic() - beat >= HEARTBEAT:
                beat = time.monotonic()
                _here(session, person)
            if line.strip() or time.monotonic() - last >= POLL_SECONDS:
                last = time.monotonic()
                if _catch_up(session, transcript, say) == "ended":
                    return 0
        return 0
    finally:
        _here(session, person, leaving=True)


def _catch_up(session: Session, transcript: Transcript, say: Callable[[str], None]) -> str:
    """Fold what others appended and say what changed; the session's status."""
    try:
        session.refresh()
    except SessionError as err:
        say(_("Sorry: {err}.").format(err=err))
    state = session.state()
    transcript.follow(state)
    return state.status


def _command(session: Session, person: Person, line: str, say: Callable[[str], None]) -> None:
    verb, _space, rest = line.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    try:
        if verb == "vote":
            view = session.state().poll
            text_poll = view is not None and view.poll.vote == "text"
            raw = ([rest] if rest else []) if text_poll else _words(rest)
            if not raw:
                raise SessionError(_("vote needs your choice, like: vote 2"))
            session.vote_as(person, raw)
            say(_("Your ballot is recorded; you can change it while the poll is open."))
        elif verb == "note":
            session.note_as(person, rest)
            say(_("Your note is recorded."))
        elif verb == "where":
            state = state_in(session.state(), i18n.language())  # the module's texts in the reader's language
            say(step_sentence(state) or _("The session has not started yet."))
            if timing := time_sentence(state):
                say(timing)
            if state.poll is not None and state.poll.status == "open":
                say(poll_open(state.poll))
        elif verb in ROOM_VERBS:
            say(_room_command(session, person, verb, rest))
        elif verb == "help":
            say(_(HELP))
        else:
            say(_("Sorry: {verb!r} is not a command. {HELP}").format(verb=verb, HELP=_(HELP)))
    except SessionError as err:
        say(_("Sorry: {err}.").format(err=err))


ROOM_VERBS = ("idea", "ask", "upvote", "questions", "hand", "react")


def _room_command(session: Session, person: Person, verb: str, rest: str) -> str:
    """What the room makes, as typed commands; the sentence to say back."""
    if verb == "idea":
        return _said(session.idea_as(person, rest))
    if verb == "ask":
        return _("Your question is {ask_as}.").format(ask_as=session.ask_as(person, rest))
    if verb == "upvote":
        return _said(session.upvote_as(person, rest))
    if verb == "hand":
        up = rest.lower() != "down" and all(h.participant != person.token for h in session.state().room.hands)
        return _said(session.hand_as(person, up))
    if verb == "react":
        return _said(session.react_as(person, rest.lower()))
    room = session.state().room
    listed = "; ".join(
        f"{q.id}: {isolate(q.text)}, {plural(q.votes, 'upvote')}{', answered' if q.answered else ''}"
        for q in room.questions_of()
    )
    return _("Questions, most upvoted first: {listed}.").format(listed=listed) if listed else _("No questions yet.")


def _words(rest: str) -> list[str]:
    try:
        return shlex.split(rest)
    except ValueError:
        return rest.split()


def _said(line: str) -> str:
    """A verb's line as a sentence: its first letter up, the rest as it was (a step's title keeps its capitals)."""
    return line[:1].upper() + line[1:] + "."
