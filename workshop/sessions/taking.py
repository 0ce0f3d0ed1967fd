"""What a participant (or a script acting as one) does to a session, and what every verb shares:
the session as it stands, the step and poll a verb means. `Session` (session.py) adds the
facilitator's verbs. Each verb checks and appends under the file's lock (`SessionFile.changing`),
and raises `SessionError` with one line, having written nothing, when it cannot be done.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import secrets
from collections.abc import Callable, Sequence
from typing import Any, Literal

from msgspec import UNSET, UnsetType

from workshop.content.model import Poll
from workshop.engine import ballots, dates, events, lookalikes, text
from workshop.engine.in_language import step_title
from workshop.engine.views import PollView, SessionState, StepView
from workshop.i18n import _
from workshop.sessions import people
from workshop.sessions.files import SessionError
from workshop.sessions.journal import SessionFile, Write
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken
from workshop.sessions.typed import owner_and_due, participant_name

RESERVED_NAMES = events.RESERVED_NAMES


class Taking(SessionFile):
    # ---------------------------------------------------------------- what every verb asks

    def _live(self) -> SessionState:
        s = self.state()
        if s.status == "ended":
            raise SessionError(_("the session has ended"))
        return s

    def _started(self, action: str) -> SessionState:
        s = self._live()
        if s.status == "waiting":
            raise SessionError(_("the session has not started: `start` first, then {action}").format(action=action))
        return s

    @staticmethod
    def _current(s: SessionState) -> StepView:
        if s.step is None:
            raise SessionError(_("the session has not started: `start` first"))
        return s.step

    def today(self) -> dt.date:
        """Today where the facilitator is (the session's clock, in this machine's time zone)."""
        return self.clock().astimezone().date()

    def _where(self) -> str:
        step = self.state().step
        return _("now at {qid}: {title}").format(qid=step.qid, title=step_title(step)) if step else _("not started")

    @staticmethod
    def _poll_named(s: SessionState, ref: str | None, none: str | None = None) -> PollView:
        """The poll `ref` names (a poll id, or a step id), or without one (or a blank one) the current step's."""
        ref = ref.strip() if ref else ref
        if not ref:
            if s.poll is None:
                raise SessionError(
                    (none or _("no poll is open: the current step has none")) if s.step else _("no poll is open")
                )
            return s.poll
        poll = s.polls.get(ref)
        if poll is None and (step := s.step_by_id(ref)) is not None:
            poll = s.polls.get(step.qid)
        if poll is None:
            raise SessionError(_("no poll {ref} in this session").format(ref=text.said_back(ref)))
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
        """For scripts: come back as the person called `name`, proven by their rejoin code, within
        the limits every way in shares (sessions/door.py)."""
        from workshop.sessions import door

        return door.rejoin(self, name, code, door.this_terminal("cli"))

    def holder(self, name: str) -> str | None:
        """The token of the participant who holds `name` (as names compare), or None."""
        return self.fold.participant_named(name)

    def still(self, person: Person) -> Person | None:
        """`person` (from a phone's sealed cookie) as the session knows them now, if their secret
        still gives their join's proof (an HMAC: no key derivation); None if not."""
        proof = self.fold.proofs.get(person.token)
        if proof is None or person.token not in self.fold.participants or not hmac.compare_digest(person.proof, proof):
            return None
        return self.adopt(dataclasses.replace(person, name=self.name_of(person.token)))

    def proven(self, token: str, code: str) -> tuple[Person | None, bool]:
        """Participant `token` proven by their rejoin `code` (what a phone's cookie holds), or None;
        and whether a proof was computed and failed: a guess, for the caller to count."""
        proof = self.fold.proofs.get(token)
        if not proof or token not in self.fold.participants:
            return None, False  # nobody: no proof to guess against, and none was computed
        person = people.proven(token, self.name_of(token), code, proof)
        return person, person is None

    def person(self, name: str) -> Person:
        """For scripts: the person called `name` whom this process already knows, or a new person
        (who joins with their first named act). A name someone else holds needs `rejoin`."""
        clean = participant_name(name)
        self.refresh()
        token = self.fold.participant_named(clean)
        if token is None:
            return next((p for p in self._people.values() if lookalikes.same_name(p.name, clean)), None) or self.adopt(
                people.newcomer(clean)
            )
        if token not in self._people:
            raise NameTaken(self.name_of(token))
        return self._people[token]

    def adopt(self, person: Person) -> Person:
        """Act as `person` in this process from now on."""
        self._people[person.token] = person
        return person

    def _ensure_joined(self, write: Write, person: Person) -> None:
        """Write the person's join unless the file has it; their name must still be theirs."""
        if person.token in self.fold.participants:
            return
        if (holder := self.fold.participant_named(person.name)) is not None:
            raise NameTaken(self.name_of(holder))
        write(events.JoinEvent(participant=person.token, name=person.name, proof=person.proof))

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

    def vote_as(self, person: Person, raw: Sequence[str], poll_ref: str | None = None) -> str:
        """Cast (or replace) a ballot typed as words; returns a line saying what was recorded."""
        with self.changing() as write:
            target = self._open_poll(poll_ref)
            value = _ballot(lambda: ballots.parse(target.poll, raw))
            voter = self._cast(write, person, target, value)
        return self._recorded(target, voter, value)

    def cast(self, person: Person, poll_id: str, value: Sequence[object], via: str | None = None) -> str:
        """A ballot from a participant's screen, for the poll its form was built for; `via`
        "kiosk" for one cast at the kiosk (the facilitator sees how many people voted there)."""
        with self.changing() as write:
            target = self._open_poll(poll_id)
            checked = _ballot(lambda: ballots.check(target.poll, value))
            voter = self._cast(write, person, target, checked, via)
        return self._recorded(target, voter, checked)

    def _open_poll(self, ref: str | None) -> PollView:
        s = self.state()
        if s.status == "ended":
            raise SessionError(_("the session has ended: ballots are closed (`workshop report` has the results)"))
        target = self._poll_named(s, ref)
        if target.status != "open":
            raise SessionError(
                _("the poll {qid} is closed").format(qid=target.qid)
                if target.status == "closed"
                else _("the poll {qid} is not open yet").format(qid=target.qid)
            )
        return target

    def _cast(self, write: Write, person: Person, target: PollView, value: list[Any], via: str | None = None) -> str:
        """Stage the ballot; the token it is counted under. An anonymous ballot needs no join
        and carries only a token made from the person's secret (nothing that names them), and
        its time only to the minute."""
        if target.poll.anonymous:
            voter = people.ballot_token(person.secret, target.qid)
            minute = self.clock().replace(second=0, microsecond=0)
            write(events.BallotEvent(at=minute, poll=target.qid, participant=voter, value=value, via=_via(via)))
            return voter
        self._ensure_joined(write, person)
        write(
            events.BallotEvent(poll=target.qid, participant=person.token, name=person.name, value=value, via=_via(via))
        )
        return person.token

    def _recorded(self, target: PollView, voter: str, value: list[Any]) -> str:
        """ "Recorded" is said only of a ballot the fold counts."""
        if self.fold.counted(target.qid, voter) != value:
            raise SessionError(_("the ballot on {qid} was written but does not count").format(qid=target.qid))
        return _("ballot recorded on {qid}{value}").format(
            qid=target.qid, value=" (anonymous)" if target.poll.anonymous else ""
        )

    def poll_named(self, poll_id: str) -> Poll | None:
        """The poll `poll_id` as it stands now (options from ideas frozen in), or None."""
        record = self.fold.polls.get(poll_id)
        return None if record is None else record.poll

    def my_ballot(self, person: Person, poll_id: str) -> tuple | None:
        """The counted ballot of `person` on a poll, if any."""
        record = self.fold.polls.get(poll_id)
        anonymous = record is not None and record.poll.anonymous
        value = self.fold.counted(poll_id, people.ballot_token(person.secret, poll_id) if anonymous else person.token)
        return None if value is None else tuple(value)

    def note(self, name: str | None, body: str, action: bool = False) -> str:
        """Add a note on the current step from the facilitator (name None) or, for scripts, the
        person called `name`."""
        return self.note_as(None if name is None else self.person(name), body, action)

    def note_as(
        self, person: Person | None, body: str, action: bool = False, owner: str | None = None, due: str | None = None
    ) -> str:
        """Add a note on the current step, from `person` or (None) the facilitator; an owner or a
        due date makes it an action item."""
        try:
            clean = text.body(body)
        except text.TextError as err:
            raise SessionError(str(err)) from None
        owner, due = owner_and_due(owner, due, self.today())
        action = action or bool(owner or due)
        with self.changing() as write:
            s = self.state()
            if s.status == "ended":
                raise SessionError(_("the session has ended: notes are closed (`workshop report` has them all)"))
            step = s.step
            if step is None:
                raise SessionError(_("the session has not started: notes belong to a step"))
            if person is not None:
                self._ensure_joined(write, person)
            author, shown = (events.FACILITATOR, events.FACILITATOR) if person is None else (person.token, person.name)
            note_id = secrets.token_hex(4)
            write(events.NoteEvent(note=note_id, step=step.qid, author=author, name=shown, text=clean))
            if action:
                write(events.ActionEvent(note=note_id, on=True, owner=events.given(owner), due=events.given(due)))
        return _("note {note_id} added to “{title}”").format(note_id=note_id, title=step_title(step)) + (
            _(", due {shown}").format(shown=dates.shown(dt.date.fromisoformat(due))) if due else ""
        )

    # ---------------------------------------------------------------- presence

    def present(self, person: Person) -> None:
        """A participant's screen is here (on joining, then about once a minute)."""
        with self.changing() as write:
            write(events.PresentEvent(participant=person.token))

    def leave(self, person: Person) -> None:
        """A participant's screen closed."""
        with self.changing() as write:
            write(events.LeaveEvent(participant=person.token))


def _ballot(make: Callable[[], list[Any]]) -> list[Any]:
    try:
        return make()
    except ballots.BallotError as err:
        raise SessionError(_("ballot refused: {err}").format(err=err)) from None


def _via(via: str | None) -> Literal["kiosk"] | UnsetType:
    """Where a ballot was cast, when it was the kiosk (the facilitator counts those)."""
    return "kiosk" if via == "kiosk" else UNSET
