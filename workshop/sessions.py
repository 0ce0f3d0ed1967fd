"""What a facilitator, a participant or a script does to a session: the verbs the CLI and the
screens share. Each one checks against the folded state, then appends one event to the journal.

Errors are `SessionError` with a one-line message for the user; nothing is written when one is
raised.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import hmac
import os
import re
import secrets
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from workshop.content.frozen import freeze
from workshop.content.model import Plan
from workshop.engine import ballots, events, text
from workshop.engine.state import Fold, PollView, SessionState
from workshop.journal import store

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a projector


class SessionError(Exception):
    """Something the user asked that cannot be done; the message is one line."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sessions_dir(option: Path | None = None) -> Path:
    if option is not None:
        return option
    return Path(os.environ.get("WORKSHOP_SESSIONS") or "sessions")


def check_name(name: str) -> str:
    if not NAME.match(name) or ".." in name:
        raise SessionError(
            f"bad session name {name!r}: use letters, digits, '.', '_' and '-' (no path separators or '..')"
        )
    return name


def resolve(ref: str, folder: Path | None = None) -> Path:
    """A session named in the sessions folder, or a path to a session file."""
    as_path = Path(ref)
    if ref.endswith(".toml") or os.sep in ref or (os.altsep and os.altsep in ref):
        if not as_path.is_file():
            raise SessionError(f"{ref}: no such session file")
        return as_path
    path = sessions_dir(folder) / f"{check_name(ref)}.toml"
    if not path.is_file():
        raise SessionError(f"no session {ref!r} in {sessions_dir(folder)}/")
    return path


def live_sessions(folder: Path | None = None) -> list[Session]:
    """The sessions in the folder that have not ended, most recently active first."""
    found = []
    for path in sorted(sessions_dir(folder).glob("*.toml"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            session = Session.open(path)
        except SessionError:
            continue  # not a session file, or one that cannot run: not on offer
        if session.state().status != "ended":
            found.append(session)
    return found


def _secret_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.secret")


def create(plan: Plan, folder: Path | None = None, name: str | None = None, facilitator: str = "",
           clock: Clock = utc_now, code: str | None = None) -> Path:
    """Start a new session file for `plan`; its name defaults to the agenda and the time."""
    created = clock()
    name = check_name(name if name is not None else f"{plan.agenda.id}-{created:%Y%m%d-%H%M%S}")
    path = sessions_dir(folder) / f"{name}.toml"
    header = {
        "id": name,
        "title": plan.agenda.title,
        "created": created,
        "facilitator": text.name(facilitator) if facilitator else "",
        "code": code or "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6)),
        "agenda": freeze(plan),
    }
    try:
        store.create(path, header)
    except store.JournalError as err:
        raise SessionError(str(err)) from None
    except OSError as err:
        raise SessionError(f"{path}: cannot create: {err.strerror or err}") from None
    # The key that turns a participant into an anonymous ballot token lives beside the session,
    # never in it: a shared session file cannot link anonymous ballots back to names.
    secret = _secret_path(path)
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path


def _start(path: Path, build: Callable[[store.Loaded], T]) -> tuple[store.Follower, store.Loaded, T]:
    """Read a whole session file and build on it (a fold, a replay); any trouble is one line."""
    follower = store.Follower(path)
    try:
        with _bulk():
            loaded = follower.start()
            built = build(loaded)
    except store.JournalError as err:
        raise SessionError(str(err)) from None
    except (KeyError, TypeError, ValueError) as err:
        raise SessionError(f"{path}: the session header is not one workshop can run ({err})") from None
    return follower, loaded, built


def _poll(follower: store.Follower) -> list[dict]:
    """What others appended since the last read."""
    try:
        return follower.poll()
    except store.JournalError as err:
        raise SessionError(str(err)) from None


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole journal is read and folded: it would
    otherwise rescan the hundreds of thousands of fresh, acyclic event dicts again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Session:
    """A session file and its fold, read once; `refresh` picks up what others appended."""

    path: Path
    fold: Fold
    follower: store.Follower
    warnings: list[str]
    clock: Clock = utc_now

    @classmethod
    def open(cls, path: Path, clock: Clock = utc_now) -> Session:
        follower, loaded, fold = _start(path, lambda loaded: Fold(loaded.header).apply_all(loaded.events))
        return cls(path, fold, follower, loaded.warnings, clock)

    def refresh(self) -> int:
        new = _poll(self.follower)
        self.fold.apply_all(new)
        return len(new)

    def state(self) -> SessionState:
        return self.fold.state(self.clock().timestamp())

    def _append(self, type_: str, **fields: object) -> None:
        event = events.make(type_, self.clock(), **fields)
        try:
            store.append(self.path, event)
        except store.JournalError as err:
            raise SessionError(str(err)) from None
        self.refresh()

    # ---------------------------------------------------------------- facilitator

    def control(self, action: str, arg: str | None = None) -> str:
        """Apply one facilitator action; return a one-line account of what happened."""
        self.refresh()
        s = self.state()
        if s.status == "ended":
            raise SessionError("the session has ended")
        if action == "start":
            if s.status != "waiting":
                raise SessionError("the session has already started")
            self._append("start")
            return self._where()
        if action in ("next", "prev", "goto"):
            return self._move(s, action, arg)
        if s.status == "waiting":
            raise SessionError(f"the session has not started: `start` first, then {action}")
        step = s.step
        assert step is not None  # noqa: S101 - started means there is a current step
        if action == "pause":
            if s.status == "paused":
                raise SessionError("already paused")
            self._append("pause")
            return "paused"
        if action == "resume":
            if s.status != "paused":
                raise SessionError("not paused")
            self._append("resume")
            return "resumed"
        if action == "extend":
            try:
                minutes = int("1" if arg is None else arg)  # no argument: a minute; "" is a mistake
            except ValueError:
                raise SessionError(f"extend takes whole minutes, like `extend 2` or `extend -1`, not {arg!r}") from None
            if minutes == 0 or abs(minutes) > 120:
                raise SessionError("extend by 1 to 120 minutes (negative to shorten)")
            self._append("extend", step=step.qid, seconds=minutes * 60)
            return f"{step.step.title}: {'+' if minutes > 0 else ''}{minutes} min"
        if action in ("close", "reopen", "reset", "reveal"):
            poll = s.polls.get(arg) if arg else s.poll
            if arg and poll is None:
                target = s.step_by_id(arg)
                poll = s.polls.get(target.qid) if target else None
            if poll is None:
                raise SessionError(f"no poll {arg!r}" if arg else "this step has no poll")
            if action == "close" and poll.status != "open":
                raise SessionError("the poll is not open")
            if action == "reopen" and poll.status != "closed":
                raise SessionError("the poll is not closed")
            self._append(action, poll=poll.qid)
            return f"{poll.qid}: {action}"
        if action == "end":
            self._append("end")
            return "session ended"
        raise SessionError(f"unknown action {action!r}: start, next, prev, goto STEP, pause, resume, "
                           "extend MINUTES, close, reopen, reset, reveal, end")

    def _move(self, s: SessionState, action: str, arg: str | None) -> str:
        if s.status == "waiting":
            raise SessionError(f"the session has not started: `start` first, then {action}")
        if action == "goto":
            if not arg:
                raise SessionError("goto needs a step id, like `goto welcome` or `goto module/step`")
            target = s.step_by_id(arg)
            if target is None:
                raise SessionError(f"no step {arg!r} in this agenda (or the id is in several modules: use module/step)")
            index = target.index
        else:
            if s.current is None:
                raise SessionError("the session has not started: `start` first")
            index = s.current + (1 if action == "next" else -1)
            if not 0 <= index < len(s.steps):
                raise SessionError("already at the last step: `end` to finish" if action == "next"
                                   else "already at the first step")
        self._append("goto", step=s.steps[index].qid, via=action)
        return self._where()

    def _where(self) -> str:
        step = self.state().step
        return f"now at {step.qid}: {step.step.title}" if step else "not started"

    def announce(self, address: str) -> None:
        """Say where browsers can join (written by `workshop serve`)."""
        self._append("serve", address=address)

    def mark_action(self, note_id: str, on: bool = True) -> None:
        self.refresh()
        if note_id not in {n.id for n in self.state().notes}:
            raise SessionError(f"no note {note_id!r}")
        self._append("action", note=note_id, on=on)

    # ---------------------------------------------------------------- participants

    def join(self, name: str) -> str:
        """The participant token for `name`, joining them if they are new."""
        clean = _participant_name(name)
        self.refresh()
        known = self.state().participant_named(clean)
        if known is not None:
            return known.token
        token = secrets.token_hex(6)
        self._append("join", participant=token, name=clean)
        return token

    def facilitator_code(self) -> str:
        """The code that lets the facilitator leave kiosk mode. Derived from the session's secret
        key, so it is in no file anyone shares and differs from the participants' join code."""
        digest = hmac.new(self._secret(), b"kiosk-exit", hashlib.sha256).digest()
        return "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in digest[:6])

    def _secret(self) -> bytes:
        try:
            return _secret_path(self.path).read_bytes()
        except OSError:
            raise SessionError(f"{self.path}: the session's secret file is missing") from None

    def _name_of(self, token: str) -> str:
        return self.fold.participants[token][0]

    def _ballot_token(self, token: str, poll_id: str) -> str:
        return hmac.new(self._secret(), f"{token}/{poll_id}".encode(), hashlib.sha256).hexdigest()[:16]

    def join_as(self, token: str | None, name: str) -> str:
        """Join with a name, or come back as the participant `token` already is.

        Unlike `join` (for scripts, where the name is the identity), a name someone else has
        is refused, so two people never share a ballot."""
        clean = _participant_name(name)
        self.refresh()
        if token and token in self.fold.participants:
            return token
        taken = self.state().participant_named(clean)
        if taken is not None:
            raise SessionError(f"the name {clean!r} is taken in this session: choose another")
        token = token or secrets.token_hex(6)
        self._append("join", participant=token, name=clean)
        return token

    def cast(self, token: str, poll_id: str, value: Sequence[object]) -> str:
        """A ballot from a participant's screen: `value` as the poll stores it."""
        self.refresh()
        target = self.state().polls.get(poll_id)
        if target is None:
            raise SessionError(f"no poll {poll_id!r} in this session")
        return self._cast(token, target, lambda: ballots.check(target.poll, value))

    def _cast(self, token: str, target: PollView, make: Callable[[], list]) -> str:
        if target.status != "open":
            raise SessionError(f"the poll {target.qid} is {'closed' if target.status == 'closed' else 'not open yet'}")
        try:
            value = make()
        except ballots.BallotError as err:
            raise SessionError(f"ballot refused: {err}") from None
        anonymous = target.poll.anonymous
        self._append("ballot", poll=target.qid,
                     participant=self._ballot_token(token, target.qid) if anonymous else token,
                     name=None if anonymous else self._name_of(token),
                     value=value)
        return f"ballot recorded on {target.qid}{' (anonymous)' if anonymous else ''}"

    def my_ballot(self, token: str, poll_id: str) -> tuple | None:
        """The counted ballot of participant `token` on a poll, if any."""
        view = self.state().polls.get(poll_id)
        if view is None:
            return None
        mine = self._ballot_token(token, poll_id) if view.poll.anonymous else token
        return next((b.value for b in view.ballots if b.participant == mine), None)

    def vote(self, name: str, raw: Sequence[str], poll_ref: str | None = None) -> str:
        """Cast (or replace) a ballot; returns a line saying what was recorded."""
        self.refresh()
        s = self.state()
        if poll_ref:
            target = s.polls.get(poll_ref)
            if target is None and (step := s.step_by_id(poll_ref)) is not None:
                target = s.polls.get(step.qid)
            if target is None:
                raise SessionError(f"no poll {poll_ref!r} in this session")
        else:
            target = s.poll
            if target is None:
                raise SessionError("no poll is open: the current step has none" if s.step else "no poll is open")
        if target.status != "open":
            raise SessionError(f"the poll {target.qid} is {'closed' if target.status == 'closed' else 'not open yet'}")
        try:
            value = ballots.parse(target.poll, raw)
        except ballots.BallotError as err:
            raise SessionError(f"ballot refused: {err}") from None
        return self._cast(self.join(name), target, lambda: value)

    def note(self, name: str | None, body: str, action: bool = False) -> str:
        """Add a note on the current step, from a participant or (name None) the facilitator."""
        try:
            clean = text.body(body)
        except text.TextError as err:
            raise SessionError(str(err)) from None
        self.refresh()
        s = self.state()
        step = s.step
        if step is None:
            raise SessionError("the session has not started: notes belong to a step")
        author, shown = events.FACILITATOR, events.FACILITATOR
        if name is not None:
            author = self.join(name)
            shown = self._name_of(author)
        note_id = secrets.token_hex(4)
        self._append("note", note=note_id, step=step.qid, author=author, name=shown, text=clean)
        if action:
            self._append("action", note=note_id, on=True)
        return f"note {note_id} added to {step.qid}"


RESERVED_NAMES = frozenset({events.FACILITATOR, "anonymous"})  # what notes and kiosk ballots say instead


def _participant_name(name: str) -> str:
    try:
        clean = text.name(name)
    except text.TextError as err:
        raise SessionError(str(err)) from None
    if clean.casefold() in RESERVED_NAMES:
        raise SessionError(f"{clean!r} cannot be a participant's name: choose another")
    return clean


class Recording:
    """A session file read for replay: never written to. `refresh` feeds the replay whatever
    has been appended since, so a live session can be followed."""

    def __init__(self, path: Path) -> None:
        from workshop.engine.replay import Replay  # only replay needs it: kept out of every command's start-up

        self.path = path
        self.follower, loaded, self.replay = _start(path, lambda loaded: Replay(loaded.header, loaded.events))
        self.warnings = loaded.warnings

    def refresh(self) -> int:
        new = _poll(self.follower)
        self.replay.extend(new)
        return len(new)


def warn(messages: Sequence[str]) -> None:
    for message in messages:
        print(message, file=sys.stderr)
