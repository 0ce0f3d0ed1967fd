"""What a facilitator, a participant or a script does to a session: the verbs the CLI and the
screens share. Each one checks and appends under the file's lock (`SessionFile.changing`), and
raises `SessionError` with one line, having written nothing, when it cannot be done.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from workshop.engine import ballots, events, text
from workshop.engine.state import PollView, SessionState, StepView
from workshop.sessions.files import CODE_ALPHABET, SessionError, read_secret
from workshop.sessions.journal import SessionFile, Write

POLL_ACTIONS = ("close", "reopen", "reset", "reveal")
RESERVED_NAMES = frozenset({events.FACILITATOR, "anonymous"})  # what notes and anonymous polls say instead


class Session(SessionFile):
    # ---------------------------------------------------------------- facilitator

    def start(self) -> str:
        with self.changing() as write:
            if self._live().status != "waiting":
                raise SessionError("the session has already started")
            write("start")
        return self._where()

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
            write("goto", step=target.qid, via="goto")
        return self._where()

    def _step_by(self, delta: int) -> str:
        word = "next" if delta > 0 else "prev"
        with self.changing() as write:
            s = self._started(word)
            index = self._current(s).index + delta
            if not 0 <= index < len(s.steps):
                raise SessionError("already at the last step: `end` to finish" if delta > 0
                                   else "already at the first step")
            write("goto", step=s.steps[index].qid, via=word)
        return self._where()

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
            poll = self._poll_named(self._started(action), ref, none="this step has no poll")
            if action == "close" and poll.status != "open":
                raise SessionError("the poll is not open")
            if action == "reopen" and poll.status != "closed":
                raise SessionError("the poll is not closed")
            write(action, poll=poll.qid)
        return f"{poll.qid}: {action}"

    def end(self) -> str:
        with self.changing() as write:
            self._started("end")
            write("end")
        return "session ended"

    def announce(self, address: str) -> None:
        """Say where browsers can join (written by `workshop serve`)."""
        with self.changing() as write:
            write("serve", address=address)

    def mark_action(self, note_id: str, on: bool = True) -> None:
        with self.changing() as write:
            if note_id not in self.fold.notes:
                raise SessionError(f"no note {note_id!r}")
            write("action", note=note_id, on=on)

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

    def join(self, name: str) -> str:
        """The participant token for `name`, joining them if they are new (scripts: the name is
        the identity)."""
        clean = participant_name(name)
        with self.changing() as write:
            token, _ = self._join(write, clean)
        return token

    def join_as(self, token: str | None, name: str) -> str:
        """Join with a name, or come back as the participant `token` already is. Unlike `join`,
        a name someone else has is refused, so two people never share a ballot."""
        clean = participant_name(name)
        with self.changing() as write:
            if token and token in self.fold.participants:
                return token
            if self.fold.participant_named(clean) is not None:
                raise SessionError(f"the name {clean!r} is taken in this session: choose another")
            token = token or secrets.token_hex(6)
            write("join", participant=token, name=clean)
        return token

    def _join(self, write: Write, clean: str) -> tuple[str, str]:
        """The token and name of the participant called `clean`, joining them if new."""
        known = self.fold.participant_named(clean)
        if known is not None:
            return known, self.name_of(known)
        token = secrets.token_hex(6)
        write("join", participant=token, name=clean)
        return token, clean

    def name_of(self, token: str) -> str:
        """The name participant `token` joined with."""
        return self.fold.participants[token][0]

    def _joined(self, token: str) -> str:
        if token not in self.fold.participants:
            raise SessionError("you have not joined this session: join first")
        return self.name_of(token)

    def vote(self, name: str, raw: Sequence[str], poll_ref: str | None = None) -> str:
        """Cast (or replace) a ballot typed as words; returns a line saying what was recorded."""
        clean = participant_name(name)
        with self.changing() as write:
            target = self._open_poll(poll_ref)
            value = _ballot(lambda: ballots.parse(target.poll, raw))
            voter = self._cast(write, *self._join(write, clean), target, value)
        return self._recorded(target, voter, value)

    def cast(self, token: str, poll_id: str, value: Sequence[object]) -> str:
        """A ballot from a participant's screen, for the poll its form was built for."""
        with self.changing() as write:
            target = self._open_poll(poll_id)
            checked = _ballot(lambda: ballots.check(target.poll, value))
            name = "" if target.poll.anonymous else self._joined(token)
            voter = self._cast(write, token, name, target, checked)
        return self._recorded(target, voter, checked)

    def _open_poll(self, ref: str | None) -> PollView:
        target = self._poll_named(self.state(), ref)
        if target.status != "open":
            raise SessionError(f"the poll {target.qid} is {'closed' if target.status == 'closed' else 'not open yet'}")
        return target

    def _cast(self, write: Write, token: str, name: str, target: PollView, value: list[Any]) -> str:
        """Stage the ballot; the token it is counted under (per poll, for an anonymous poll)."""
        anonymous = target.poll.anonymous
        voter = self._ballot_token(token, target.qid) if anonymous else token
        write("ballot", poll=target.qid, participant=voter, name=None if anonymous else name, value=value)
        return voter

    def _recorded(self, target: PollView, voter: str, value: list[Any]) -> str:
        """"Recorded" is said only of a ballot the fold counts."""
        if self.fold.counted(target.qid, voter) != value:
            raise SessionError(f"the ballot on {target.qid} was written but does not count")
        return f"ballot recorded on {target.qid}{' (anonymous)' if target.poll.anonymous else ''}"

    def my_ballot(self, token: str, poll_id: str) -> tuple | None:
        """The counted ballot of participant `token` on a poll, if any."""
        if poll_id not in self.fold.polls:
            return None
        mine = self._ballot_token(token, poll_id) if self.fold.polls[poll_id].poll.anonymous else token
        value = self.fold.counted(poll_id, mine)
        return None if value is None else tuple(value)

    def _ballot_token(self, token: str, poll_id: str) -> str:
        return hmac.new(read_secret(self.path), f"{token}/{poll_id}".encode(), hashlib.sha256).hexdigest()[:16]

    def facilitator_code(self) -> str:
        """The code that lets the facilitator leave kiosk mode. Derived from the session's secret
        key, so it is in no file anyone shares and differs from the participants' join code."""
        digest = hmac.new(read_secret(self.path), b"kiosk-exit", hashlib.sha256).digest()
        return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:6])

    def note(self, name: str | None, body: str, action: bool = False) -> str:
        """Add a note on the current step, from a participant or (name None) the facilitator."""
        try:
            clean = text.body(body)
        except text.TextError as err:
            raise SessionError(str(err)) from None
        who = participant_name(name) if name is not None else None
        with self.changing() as write:
            s = self.state()
            if s.status == "ended":
                raise SessionError("the session has ended: notes are closed (`workshop report` has them all)")
            step = s.step
            if step is None:
                raise SessionError("the session has not started: notes belong to a step")
            author, shown = (events.FACILITATOR, events.FACILITATOR) if who is None else self._join(write, who)
            note_id = secrets.token_hex(4)
            write("note", note=note_id, step=step.qid, author=author, name=shown, text=clean)
            if action:
                write("action", note=note_id, on=True)
        return f"note {note_id} added to {step.qid}"


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
