"""What a facilitator, a participant or a script does to a session: the verbs the CLI and the
screens share. Each one checks and appends under the file's lock (`SessionFile.changing`), and
raises `SessionError` with one line, having written nothing, when it cannot be done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from workshop.engine import ballots, events, forecast, text
from workshop.engine.state import PollView, SessionState, StepView
from workshop.sessions import people
from workshop.sessions.files import CODE_ALPHABET, SessionError, read_secret
from workshop.sessions.journal import SessionFile, Write
from workshop.sessions.people import Person
from workshop.sessions.room import RoomVerbs

POLL_ACTIONS = ("close", "reopen", "reset", "reveal")
RESERVED_NAMES = frozenset({events.FACILITATOR, "anonymous"})  # what notes and anonymous polls say instead


class Session(RoomVerbs, SessionFile):
    # ---------------------------------------------------------------- facilitator

    def start(self) -> str:
        with self.changing() as write:
            s = self._live()
            if s.status != "waiting":
                raise SessionError("the session has already started")
            first = next((x for x in s.steps if not x.skipped), None)
            said = self._freeze_options(write, s, first) if first is not None else ""
            planned = self._planned_start()
            write("start", planned=None if planned is None else planned.isoformat())
        return self._where() + said

    def ends(self, s: SessionState | None = None) -> tuple[float | None, float]:
        """When the workshop was planned to end (None before it is known) and when, as things
        stand, it will end: seconds since the epoch (engine/forecast.py). `s`: the state a
        screen is already showing."""
        s = s or self.state()
        waiting = s.status == "waiting" and (planned := self._planned_start()) is not None
        start = planned.timestamp() if waiting else None
        if waiting:
            s = replace(s, planned_start=start)
        return forecast.planned_end(s), forecast.forecast_end(s, start)

    def _planned_start(self) -> dt.datetime | None:
        """When the agenda meant this session to start, in the facilitator's time zone."""
        created = self.fold.header.get("created")
        if not isinstance(created, dt.datetime):
            return None
        local = (created if created.tzinfo else created.replace(tzinfo=dt.UTC)).astimezone()
        return forecast.planned_start(self.fold.plan.agenda.start, local)

    def next(self) -> str:
        return self._step_by(1)

    def prev(self) -> str:
        return self._step_by(-1)

    def goto(self, ref: str) -> str:
        with self.changing() as write:
            s = self._started("goto")
            target = s.step_by_id(ref)
            if target is None:
                raise SessionError(f"no step {ref!r} in this agenda (or the id is in several modules: use module/step)")
            said = self._freeze_options(write, s, target)
            write("goto", step=target.qid, via="goto")
        return self._where() + said

    def _step_by(self, delta: int) -> str:
        """To the next (or previous) step not skipped; `next` first moves through a step's rounds."""
        word = "next" if delta > 0 else "prev"
        with self.changing() as write:
            s = self._started(word)
            here = self._current(s)
            if delta > 0 and (now := here.round) is not None and now.index + 1 < len(here.rounds):
                write("round", step=here.qid, round=now.index + 1)
                return f"now {here.rounds[now.index + 1].label} ({here.step.title})"
            index = here.index + delta
            while 0 <= index < len(s.steps) and s.steps[index].skipped:
                index += delta
            if not 0 <= index < len(s.steps):
                raise SessionError("already at the last step: `end` to finish" if delta > 0
                                   else "already at the first step")
            said = self._freeze_options(write, s, s.steps[index])
            write("goto", step=s.steps[index].qid, via=word)
        return self._where() + said

    # ---------------------------------------------------------------- the agenda, changed live

    def skip(self, ref: str, on: bool = True) -> str:
        """Skip a step that has not run (`on=False`: run it after all)."""
        with self.changing() as write:
            step = self._to_change(ref, "skip" if on else "unskip")
            if step.skipped == on:
                raise SessionError(f"{step.qid} is {'already' if on else 'not'} skipped")
            write("skip", step=step.qid, on=on)
        return f"{step.qid}: {'skipped' if on else 'back in the agenda'}"

    def move(self, ref: str, after: str) -> str:
        """Move a step that has not run to right after the step `after` ("" or "start": first)."""
        with self.changing() as write:
            step = self._to_change(ref, "move")
            target = None if after in ("", "start") else self._step_named(after)
            if target is not None and target.qid == step.qid:
                raise SessionError("a step cannot move after itself")
            write("move", step=step.qid, after="" if target is None else target.qid)
        return f"{step.qid}: now after {target.qid if target else 'nothing (first)'}"

    def insert_break(self, minutes: int, after: str | None = None) -> str:
        """Add a break of `minutes` after the step `after` (default: the current step)."""
        if not 1 <= minutes <= 120:
            raise SessionError("a break is 1 to 120 minutes")
        with self.changing() as write:
            s = self._live()
            place = self._step_named(after) if after else s.step
            anchor = place or s.steps[0]
            qid = self._new_step_id(s, anchor, "break")
            write("insert", step=qid, kind="break", title="Break", minutes=minutes, after=place.qid if place else "")
        return f"{qid}: a {minutes}-minute break after {place.qid if place else 'nothing (first)'}"

    def objections(self, minutes: int = 5) -> str:
        """After a consent poll with blocks: a notes step on the spot, right after the poll, where
        those under the threshold say what would make the proposal work for them."""
        with self.changing() as write:
            s = self._started("objections")
            poll = self._poll_named(s, None, none="objections follow a poll: this step has none")
            here = self._current(s)
            qid = self._new_step_id(s, here, "objections")
            prompt = (f"Objections to: {poll.poll.question}\n\nIf you voted under "
                      f"{poll.poll.threshold or 'the middle'}, say what would make it work for you. Then we vote again.")
            write("insert", step=qid, kind="notes", title="Objections round", minutes=minutes, after=here.qid,
                  prompt=prompt)
            write("goto", step=qid, via="goto")
        return f"{qid}: objections round ({minutes} min); `revote` when the proposal has changed"

    def revote(self, ref: str | None = None) -> str:
        """A new round of a poll (the current step's, or the one named): earlier rounds' ballots
        are kept as their result; the room goes back to the poll's step if it is elsewhere."""
        with self.changing() as write:
            s = self._started("revote")
            poll = self._poll_named(s, ref or self._poll_before(s))
            if poll.status == "waiting":
                raise SessionError(f"the poll {poll.qid} has not been voted on yet")
            if s.current != poll.index:
                write("goto", step=poll.qid, via="goto")
            write("revote", poll=poll.qid)
        return f"{poll.qid}: round {poll.round + 1} open"

    @staticmethod
    def _poll_before(s: SessionState) -> str | None:
        """The poll a step without one follows (an objections round follows its poll)."""
        if s.poll is not None or s.current is None:
            return None
        return next((p.qid for p in sorted(s.polls.values(), key=lambda p: -p.index) if p.index < s.current), None)

    @staticmethod
    def _new_step_id(s: SessionState, anchor: StepView, stem: str) -> str:
        n = sum(1 for x in s.steps if x.inserted and x.step.id.startswith(stem)) + 1
        qid = f"{anchor.module.id}/{stem}-{n}"
        while s.step_by_id(qid) is not None:
            qid += "-b"
        return qid

    def _step_named(self, ref: str) -> StepView:
        step = self.state().step_by_id(ref)
        if step is None:
            raise SessionError(f"no step {ref!r} in this agenda (or the id is in several modules: use module/step)")
        return step

    def _to_change(self, ref: str, doing: str) -> StepView:
        s = self._live()
        step = self._step_named(ref)
        if step.index == s.current:
            raise SessionError(f"{step.qid} is running now: it cannot {doing}")
        if step.visited:
            raise SessionError(f"{step.qid} has already run: only steps still to come can {doing}")
        return step

    def pause(self) -> str:
        with self.changing() as write:
            if self._started("pause").status == "paused":
                raise SessionError("already paused")
            write("pause")
        return "paused"

    def resume(self) -> str:
        with self.changing() as write:
            if self._started("resume").status != "paused":
                raise SessionError("not paused")
            write("resume")
        return "resumed"

    def extend(self, minutes: int) -> str:
        """Give the current step more minutes (fewer, when negative)."""
        if minutes == 0 or abs(minutes) > 120:
            raise SessionError("extend by 1 to 120 minutes (negative to shorten)")
        with self.changing() as write:
            step = self._current(self._started("extend"))
            write("extend", step=step.qid, seconds=minutes * 60)
        return f"{step.step.title}: {'+' if minutes > 0 else ''}{minutes} min"

    def poll_action(self, action: str, ref: str | None = None) -> str:
        """close, reopen, reset or reveal a poll: the current step's, or the one named."""
        if action not in POLL_ACTIONS:
            raise SessionError(f"unknown poll action {action!r}: {', '.join(POLL_ACTIONS)}")
        with self.changing() as write:
            s = self._started(action)
            poll = self._poll_named(s, ref, none="this step has no poll")
            if action == "close" and poll.status != "open":
                raise SessionError("the poll is not open")
            if action == "reopen" and poll.status != "closed":
                raise SessionError("the poll is not closed")
            write(action, poll=poll.qid)
            said = self._freeze_options(write, s, s.steps[poll.index], again=True) if action == "reset" else ""
        return f"{poll.qid}: {action}{said}"

    def end(self) -> str:
        with self.changing() as write:
            self._started("end")
            write("end")
        return "session ended"

    def announce(self, address: str) -> None:
        """Say where browsers can join (written by `workshop serve`)."""
        with self.changing() as write:
            write("serve", address=address)

    def withdraw(self, address: str) -> None:
        """Take `address` off the join bar (when `serve` stops), unless another `serve` has
        announced its own address since: that one is still there to be used."""
        with self.changing() as write:
            if self.state().address == address:
                write("serve", address="")

    def mark_action(self, note_id: str, on: bool = True, owner: str | None = None, due: str | None = None) -> str:
        """Mark a note as an action item (or not), with an owner and a due date if given."""
        owner, due = _owner_and_due(owner, due)
        with self.changing() as write:
            if note_id not in self.fold.notes:
                raise SessionError(f"no note {note_id!r}")
            write("action", note=note_id, on=on, owner=owner, due=due)
        said = f" for {owner}" if owner else ""
        return f"note {note_id}: {'an action item' if on else 'no longer an action item'}{said}" + (
            f", due {due}" if due else "")

    def _live(self) -> SessionState:
        s = self.state()
        if s.status == "ended":
            raise SessionError("the session has ended")
        return s

    def _started(self, action: str) -> SessionState:
        s = self._live()
        if s.status == "waiting":
            raise SessionError(f"the session has not started: `start` first, then {action}")
        return s

    @staticmethod
    def _current(s: SessionState) -> StepView:
        if s.step is None:
            raise SessionError("the session has not started: `start` first")
        return s.step

    def _where(self) -> str:
        step = self.state().step
        return f"now at {step.qid}: {step.step.title}" if step else "not started"

    @staticmethod
    def _poll_named(s: SessionState, ref: str | None, none: str = "no poll is open: the current step has none") -> PollView:
        """The poll `ref` names (a poll id, or a step id), or without one the current step's."""
        if not ref:
            if s.poll is None:
                raise SessionError(none if s.step else "no poll is open")
            return s.poll
        poll = s.polls.get(ref)
        if poll is None and (step := s.step_by_id(ref)) is not None:
            poll = s.polls.get(step.qid)
        if poll is None:
            raise SessionError(f"no poll {ref!r} in this session")
        return poll

    # ---------------------------------------------------------------- participants

    def newcomer(self, name: str) -> Person:
        """Join a person new to the session now (a screen reserves its name at once). Show them
        `person.code`, their rejoin code: it is the only way back in as them from elsewhere."""
        person = people.newcomer(participant_name(name))  # the slow key derivation, outside the lock
        with self.changing() as write:
            self._ensure_joined(write, person)
        self._people[person.token] = person
        return person

    def rejoin(self, name: str, code: str) -> Person:
        """Come back as the person called `name`, proven by their rejoin code."""
        clean = participant_name(name)
        self.refresh()
        token = self.fold.participant_named(clean)
        if token is None:
            raise SessionError(f"nobody called {clean!r} has joined this session")
        proof = self.fold.proofs.get(token)
        person = people.proven(token, self.name_of(token), code, proof) if proof else None
        if person is None:
            raise SessionError(f"that is not the rejoin code of {clean!r}")
        self._people[token] = person
        return person

    def person(self, name: str) -> Person:
        """For scripts: the person called `name` whom this process already knows, or a new person
        (who joins with their first named act). A name someone else holds needs `rejoin`."""
        clean = participant_name(name)
        self.refresh()
        token = self.fold.participant_named(clean)
        if token is None:
            return next((p for p in self._people.values() if p.name.casefold() == clean.casefold()), None) \
                or self.adopt(people.newcomer(clean))
        if token not in self._people:
            raise SessionError(f"the name {clean!r} is taken in this session: give its rejoin code to act as them")
        return self._people[token]

    def adopt(self, person: Person) -> Person:
        """Act as `person` in this process from now on."""
        self._people[person.token] = person
        return person

    def _ensure_joined(self, write: Write, person: Person) -> None:
        """Write the person's join unless the file has it; their name must still be theirs."""
        if person.token in self.fold.participants:
            return
        if self.fold.participant_named(person.name) is not None:
            raise SessionError(f"the name {person.name!r} is taken in this session: choose another, "
                               "or give your rejoin code if it is yours")
        write("join", participant=person.token, name=person.name, proof=person.proof)

    def name_of(self, token: str) -> str:
        """The name participant `token` joined with."""
        return self.fold.participants[token][0]

    def join(self, name: str) -> Person:
        """For scripts: the person called `name`, joined now."""
        return self.join_now(self.person(name))

    def join_now(self, person: Person) -> Person:
        """Write `person`'s join unless the file has it (a screen reserves its name at once)."""
        with self.changing() as write:
            self._ensure_joined(write, person)
        return self.adopt(person)

    def wrong_code(self, channel: str) -> None:
        """Someone typed a wrong join code: counted in the file, for the facilitator to see."""
        with self.changing() as write:
            write("wrong-code", channel=channel)

    def vote(self, name: str, raw: Sequence[str], poll_ref: str | None = None) -> str:
        """For scripts: `vote_as` the person called `name`."""
        return self.vote_as(self.person(name), raw, poll_ref)

    def vote_as(self, person: Person, raw: Sequence[str], poll_ref: str | None = None) -> str:
        """Cast (or replace) a ballot typed as words; returns a line saying what was recorded."""
        with self.changing() as write:
            target = self._open_poll(poll_ref)
            value = _ballot(lambda: ballots.parse(target.poll, raw))
            voter = self._cast(write, person, target, value)
        return self._recorded(target, voter, value)

    def cast(self, person: Person, poll_id: str, value: Sequence[object]) -> str:
        """A ballot from a participant's screen, for the poll its form was built for."""
        with self.changing() as write:
            target = self._open_poll(poll_id)
            checked = _ballot(lambda: ballots.check(target.poll, value))
            voter = self._cast(write, person, target, checked)
        return self._recorded(target, voter, checked)

    def _open_poll(self, ref: str | None) -> PollView:
        s = self.state()
        if s.status == "ended":
            raise SessionError("the session has ended: ballots are closed (`workshop report` has the results)")
        target = self._poll_named(s, ref)
        if target.status != "open":
            raise SessionError(f"the poll {target.qid} is {'closed' if target.status == 'closed' else 'not open yet'}")
        return target

    def _cast(self, write: Write, person: Person, target: PollView, value: list[Any]) -> str:
        """Stage the ballot; the token it is counted under. An anonymous ballot needs no join
        and carries only a token made from the person's secret (nothing that names them), and
        its time only to the minute."""
        if target.poll.anonymous:
            voter = people.ballot_token(person.secret, target.qid)
            minute = self.clock().replace(second=0, microsecond=0)
            write("ballot", at=minute, poll=target.qid, participant=voter, value=value)
            return voter
        self._ensure_joined(write, person)
        write("ballot", poll=target.qid, participant=person.token, name=person.name, value=value)
        return person.token

    def _recorded(self, target: PollView, voter: str, value: list[Any]) -> str:
        """"Recorded" is said only of a ballot the fold counts."""
        if self.fold.counted(target.qid, voter) != value:
            raise SessionError(f"the ballot on {target.qid} was written but does not count")
        return f"ballot recorded on {target.qid}{' (anonymous)' if target.poll.anonymous else ''}"

    def my_ballot(self, person: Person, poll_id: str) -> tuple | None:
        """The counted ballot of `person` on a poll, if any."""
        if poll_id not in self.fold.polls:
            return None
        anonymous = self.fold.polls[poll_id].poll.anonymous
        value = self.fold.counted(poll_id, people.ballot_token(person.secret, poll_id) if anonymous else person.token)
        return None if value is None else tuple(value)

    def facilitator_code(self) -> str:
        """The code that lets the facilitator leave kiosk mode. Derived from the session's secret
        key, so it is in no file anyone shares and differs from the participants' join code."""
        digest = hmac.new(read_secret(self.path), b"kiosk-exit", hashlib.sha256).digest()
        return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:6])

    def note(self, name: str | None, body: str, action: bool = False) -> str:
        """Add a note on the current step from the facilitator (name None) or, for scripts, the
        person called `name`."""
        return self.note_as(None if name is None else self.person(name), body, action)

    def note_as(self, person: Person | None, body: str, action: bool = False, owner: str | None = None,
                due: str | None = None) -> str:
        """Add a note on the current step, from `person` or (None) the facilitator; an owner or a
        due date makes it an action item."""
        try:
            clean = text.body(body)
        except text.TextError as err:
            raise SessionError(str(err)) from None
        owner, due = _owner_and_due(owner, due)
        action = action or bool(owner or due)
        with self.changing() as write:
            s = self.state()
            if s.status == "ended":
                raise SessionError("the session has ended: notes are closed (`workshop report` has them all)")
            step = s.step
            if step is None:
                raise SessionError("the session has not started: notes belong to a step")
            if person is not None:
                self._ensure_joined(write, person)
            author, shown = (events.FACILITATOR, events.FACILITATOR) if person is None else (person.token, person.name)
            note_id = secrets.token_hex(4)
            write("note", note=note_id, step=step.qid, author=author, name=shown, text=clean)
            if action:
                write("action", note=note_id, on=True, owner=owner, due=due)
        return f"note {note_id} added to {step.qid}"

    # ---------------------------------------------------------------- presence

    def present(self, person: Person) -> None:
        """A participant's screen is here (on joining, then about once a minute)."""
        with self.changing() as write:
            write("present", participant=person.token)

    def leave(self, person: Person) -> None:
        """A participant's screen closed."""
        with self.changing() as write:
            write("leave", participant=person.token)


def _owner_and_due(owner: str | None, due: str | None) -> tuple[str | None, str | None]:
    """An action item's owner (a name, as names are cleaned) and due date, as typed; None if not given."""
    try:
        return (text.name(owner) if owner else None), (text.due(due) if due else None)
    except text.TextError as err:
        raise SessionError(str(err)) from None


def _ballot(make: Callable[[], list[Any]]) -> list[Any]:
    try:
        return make()
    except ballots.BallotError as err:
        raise SessionError(f"ballot refused: {err}") from None


def participant_name(name: str) -> str:
    try:
        clean = text.name(name)
    except text.TextError as err:
        raise SessionError(str(err)) from None
    if clean.casefold() in RESERVED_NAMES:
        raise SessionError(f"{clean!r} cannot be a participant's name: choose another")
    return clean
