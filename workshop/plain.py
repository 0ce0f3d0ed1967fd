"""`workshop join --plain`: taking part line by line, for screen readers and braille displays.

No cursor addressing, no colour, nothing drawn: each event of the session is one sentence on its
own line ("Poll open: Fast or high-touch? 4 options: 1 Fast, …"), and the participant types
commands (`vote 2`, `note …`, `help`). It uses the same Session verbs as every other way of
taking part (join_as, vote, note), so its journal is the one `workshop vote`/`note` would write.

Standard input is read on a thread of its own so the session's events keep coming while the
participant is typing; everything else happens on the main thread.
"""

from __future__ import annotations

import dataclasses
import queue
import shlex
import sys
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from typing import TextIO

from workshop.engine.state import PollView, SessionState
from workshop.engine.tally import UNITS, plural
from workshop.sessions import Session, SessionError, door
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken
from workshop.sessions.who import as_person, keep

POLL_SECONDS = 0.2
HELP = ("Commands: vote followed by your choice (vote 2; several numbers for multi or rank, in order; "
        "option=dots for dots, like vote 1=3 2=2; words for a text answer); note followed by your note; "
        "idea followed by your idea, on a brainstorm step; ask followed by a question, upvote and a question's "
        "id (upvote q2), questions to hear them, most upvoted first; hand to raise or lower your hand; "
        "react agree, disagree, slower or louder; where, to hear the step again; help; quit.")
HOW = {
    "single": "Type vote and one number, like: vote 2.",
    "multi": "Type vote and up to {max} numbers, like: vote 1 3.",
    "scale": "Type vote and a number from {min} to {max}, like: vote {max}.",
    "dots": "Type vote and option=dots, {budget} dots in all, like: vote 1=2 2=1.",
    "rank": "Type vote and every option's number, first choice first, like: vote {order}.",
    "text": "Type vote and your answer, like: vote more coaching.",
}


def options_sentence(view: PollView) -> str:
    poll = view.poll
    if poll.vote == "scale":
        labels = "; ".join(f"{x} {label}" for x, label in poll.labels)
        return f"a number from {poll.min} to {poll.max}" + (f" ({labels})" if labels else "") + "."
    if poll.vote == "text":
        return "a short answer."
    listed = ", ".join(f"{i} {option}" for i, option in enumerate(poll.options, 1))
    return f"{plural(len(poll.options), 'option')}: {listed}."


def poll_open(view: PollView) -> str:
    poll = view.poll
    order = " ".join(str(i) for i in range(1, len(poll.options) + 1))
    how = HOW[poll.vote].format(max=poll.max, min=poll.min, budget=poll.budget, order=order)
    anonymous = " Anonymous." if poll.anonymous else ""
    return f"Poll open: {poll.question} {poll.vote}, {options_sentence(view)}{anonymous} {how}"


def results(view: PollView) -> str:
    tally = view.tally
    unit = UNITS[tally.unit]
    rows = "; ".join(f"{row.label}: {plural(row.value, unit)}, {row.share:.0%}" for row in tally.rows)
    summary = f" Mean {tally.mean:.1f}, median {tally.median:g}." if tally.mean is not None else ""
    return f"Results for {view.poll.question} {plural(tally.ballots, 'ballot')}. {rows or 'No answers'}.{summary}"


def step_sentence(state: SessionState) -> str:
    step = state.step
    if step is None:
        return ""
    prompt = " ".join(step.step.prompt.split())
    return f"Now: {step.module.title}, {step.step.title}, {plural(step.allowed // 60, 'minute')}. {prompt}"


class Transcript:
    """What the participant has been told, so each change is said once, as it happens."""

    def __init__(self, token: str, say: Callable[[str], None]) -> None:
        self.token = token
        self.say = say
        self.seen: dict[str, Hashable] = {}

    def changed(self, key: str, value: Hashable) -> bool:
        if self.seen.get(key, object()) == value:
            return False
        self.seen[key] = value
        return True

    def follow(self, state: SessionState) -> None:
        step = state.step
        if self.changed("step", step.qid if step else None) and step is not None:
            self.say(step_sentence(state))
            if step.step.kind == "brainstorm":
                self.say("Brainstorm: type idea and your idea, one per line, like: idea more coaching.")
        if self.changed("asking", step is not None and (step.step.kind == "qa" or state.room.qa)) \
                and step is not None and (step.step.kind == "qa" or state.room.qa):
            self.say("Questions are open: type ask and your question; questions lists them; upvote q1 upvotes one.")
        was_paused = self.seen.get("paused")
        if self.changed("paused", state.status == "paused") and was_paused is not None:
            self.say("The facilitator paused the timer." if state.status == "paused" else "The timer runs again.")
        self._time(state)
        self._poll(state)
        for note in state.notes:
            if note.author == self.token and self.changed(f"note {note.id}", note.action) and note.action:
                self.say(f"Your note is now an action item: {note.text}")
        if self.changed("ended", state.status == "ended") and state.status == "ended":
            self.say("The session has ended. Thank you!")

    def _time(self, state: SessionState) -> None:
        step = state.step
        if step is None or state.status == "ended":
            return
        left = step.remaining
        said = "over" if left < 0 else "soon" if left <= 120 and step.allowed > 120 else "plenty"
        if self.changed(f"time {step.qid}", said) and said != "plenty":
            self.say("Time is up for this step." if said == "over" else "About 2 minutes left in this step.")

    def _poll(self, state: SessionState) -> None:
        for other in state.polls.values():  # a poll left behind closes as the facilitator moves on
            key = f"status {other.qid}"
            # self.changed records each status it is shown: it is asked of every poll left behind
            changed = other is not state.poll and key in self.seen and self.changed(key, (other.status, other.resets))
            if changed and other.status == "closed":
                self.say(f"Poll closed: {other.poll.question}")
        view = state.poll
        if view is None:
            return
        if self.changed(f"status {view.qid}", (view.status, view.resets)):
            if view.status == "open":
                self.say(poll_open(view))
            elif view.status == "closed":
                self.say(f"Poll closed: {view.poll.question}")
        shown = view.tally if view.visible else None
        if self.changed(f"results {view.qid}", shown) and shown is not None:
            self.say(results(view))


def _lines(source: TextIO) -> Iterator[str | None]:
    """Lines from `source` on a thread of their own; None once it is closed."""
    inbox: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in source:
            inbox.put(line.rstrip("\n"))
        inbox.put(None)

    threading.Thread(target=read, daemon=True).start()
    while True:
        try:
            yield inbox.get(timeout=POLL_SECONDS)
        except queue.Empty:
            yield ""


def run(session: Session, name: str = "", source: TextIO = sys.stdin, out: TextIO = sys.stdout,
        shared: bool = False) -> int:
    """Join and follow `session` until it ends or input closes; 0, or 1 if joining failed."""

    def say(sentence: str) -> None:
        print(sentence, file=out, flush=True)

    lines = _lines(source)
    state = session.state()
    here = door.this_terminal("plain")
    say(f"Joining {state.title}. Type the join code from the facilitator's screen, then press enter.")
    try:
        door.join_code(session, _next(lines) or "", here)
    except SessionError as err:  # a wrong one is counted, as on every way in; the next try waits
        say(f"Sorry: {err}. Join again to try once more.")
        return 1
    if not name:
        say("Your name, as the room will see it:")
        name = _next(lines) or ""
    try:
        person = _person(session, name, lines, say, shared, here)
    except SessionError as err:
        say(f"Sorry: {err}.")
        return 1
    say(f"You joined as {person.name}. {HELP}")
    if person.code:
        say(f"Your rejoin code is {person.code}: keep it, it brings you back as {person.name} from any screen.")
    transcript = Transcript(person.token, say)
    return _follow(session, person, transcript, lines, say)


def _person(session: Session, name: str, lines: Iterator[str | None], say: Callable[[str], None],
            shared: bool, here: door.Client) -> Person:
    """Who this terminal is: remembered on this account (unless many people share it), new, or
    (a name someone holds) proven by its rejoin code."""
    try:
        person, new = as_person(session, name, None, here, own=not shared)
    except NameTaken as err:
        say(f"{err}. Your rejoin code:")
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


def _follow(session: Session, person: Person, transcript: Transcript, lines: Iterator[str | None],
            say: Callable[[str], None]) -> int:
    last = 0.0
    for line in lines:
        if line is None or line.strip().lower() in ("quit", "exit"):
            _catch_up(session, transcript, say)  # what happened since the last look, then leave
            if session.state().status != "ended":
                say("You left the session; join again to come back.")
            return 0
        if line.strip():
            _command(session, person, line.strip(), say)
        if line.strip() or time.monotonic() - last >= POLL_SECONDS:
            last = time.monotonic()
            if _catch_up(session, transcript, say) == "ended":
                return 0
    return 0


def _catch_up(session: Session, transcript: Transcript, say: Callable[[str], None]) -> str:
    """Fold what others appended and say what changed; the session's status."""
    try:
        session.refresh()
    except SessionError as err:
        say(f"Sorry: {err}.")
    state = session.state()
    transcript.follow(state)
    return state.status


def _command(session: Session, person: Person, line: str, say: Callable[[str], None]) -> None:
    verb, _, rest = line.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    try:
        if verb == "vote":
            view = session.state().poll
            text_poll = view is not None and view.poll.vote == "text"
            raw = ([rest] if rest else []) if text_poll else _words(rest)
            if not raw:
                raise SessionError("vote needs your choice, like: vote 2")
            session.vote_as(person, raw)
            say("Your ballot is recorded; you can change it while the poll is open.")
        elif verb == "note":
            session.note_as(person, rest)
            say("Your note is recorded.")
        elif verb == "where":
            state = session.state()
            say(step_sentence(state) or "The session has not started yet.")
            if state.poll is not None and state.poll.status == "open":
                say(poll_open(state.poll))
        elif verb in ROOM_VERBS:
            say(_room_command(session, person, verb, rest))
        elif verb == "help":
            say(HELP)
        else:
            say(f"Sorry: {verb!r} is not a command. {HELP}")
    except SessionError as err:
        say(f"Sorry: {err}.")


ROOM_VERBS = ("idea", "ask", "upvote", "questions", "hand", "react")


def _room_command(session: Session, person: Person, verb: str, rest: str) -> str:
    """What the room makes, as typed commands; the sentence to say back."""
    if verb == "idea":
        return session.idea_as(person, rest).capitalize() + "."
    if verb == "ask":
        return f"Your question is {session.ask_as(person, rest)}."
    if verb == "upvote":
        return session.upvote_as(person, rest).capitalize() + "."
    if verb == "hand":
        up = rest.lower() != "down" and all(h.participant != person.token for h in session.state().room.hands)
        return session.hand_as(person, up).capitalize() + "."
    if verb == "react":
        return session.react_as(person, rest.lower()).capitalize() + "."
    room = session.state().room
    listed = "; ".join(f"{q.id}: {q.text}, {plural(q.votes, 'upvote')}{', answered' if q.answered else ''}"
                       for q in room.questions_of())
    return f"Questions, most upvoted first: {listed}." if listed else "No questions yet."


def _words(rest: str) -> list[str]:
    try:
        return shlex.split(rest)
    except ValueError:
        return rest.split()
