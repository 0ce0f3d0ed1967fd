"""A session file read into a fold, kept up to date, and changed one locked step at a time.

Every verb that checks before it writes runs inside `changing()`: take the file's lock, fold
what others appended, check, append, fsync, fold what was appended, release. Two processes can
then never both see "Sam has not joined" and both join him, and a ballot checked against an
open poll cannot land after the facilitator closed it.

`together()` runs several verbs as one such step (group commit, for `workshop serve`'s room):
one lock, one write, one fsync; each verb's events are kept only if it succeeds, and are folded
before the next verb checks, so the verbs see each other exactly as one after another would.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from workshop.engine import events, trust
from workshop.engine.state import Fold
from workshop.engine.views import SessionState
from workshop.i18n import _
from workshop.journal import store
from workshop.journal.writer import Writer, checksum_of, locked
from workshop.sessions import doubts, keys, signed
from workshop.sessions.files import Clock, SessionError, read_secret, utc_now

T = TypeVar("T")
Write = Callable[[events.TypedEvent], None]  # write(NoteEvent(…)): stage one event under the lock
TOGETHER = 256  # verbs at most in one group commit: the lock is never held for long


def start(path: Path, build: Callable[[store.Loaded], T]) -> tuple[store.Follower, store.Loaded, T]:
    """Read a whole session file and build on it (a fold, a replay); any trouble is one line."""
    follower = store.Follower(path)
    try:
        with bulk():
            loaded = follower.start()
            built = build(loaded)
    except store.JournalError as err:
        raise SessionError(str(err)) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        raise SessionError(
            _("{path}: the session header is not one workshop can run ({err})").format(path=path, err=err)
        ) from None
    return follower, loaded, built


def poll(follower: store.Follower) -> list[dict[str, Any]]:
    """What others appended since the last read."""
    try:
        return follower.poll()
    except store.JournalError as err:
        raise SessionError(str(err)) from None


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole journal is read and folded (or a report
    made of it): it would otherwise rescan the hundreds of thousands of fresh, acyclic event
    dicts again and again (measured in docs/architecture.md, Speed)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def latest_possible(path: Path, clock: Clock | None = None) -> float:
    """The latest time an honest event in the file can carry: when the file was last written
    (or now, by the session's clock). Every writer runs on this host, so their clocks agree;
    a second covers the file system's timestamp granularity."""
    try:
        written = os.stat(path).st_mtime
    except OSError:
        written = 0.0
    return max(written, clock().timestamp() if clock else 0.0) + 1.0


class SessionFile:
    """A session file and its fold, read once; `refresh` picks up what others appended."""

    def __init__(
        self, path: Path, fold: Fold, follower: store.Follower, loaded: store.Loaded, clock: Clock = utc_now
    ) -> None:
        self.path = path
        self.fold = fold
        self.follower = follower
        self.warnings = loaded.warnings  # what opening found: damage, a torn tail, CRLF line ends
        self.damage = loaded.damage  # the same as (line, column, message), for `validate`
        self.clock = clock
        self._key: Any = None  # the facilitator's signing key, read from the secret when first needed
        self._people: dict[str, Any] = {}  # token -> Person this process knows (sessions/people.py)
        self._breaks_told = 0
        self.doubts = doubts.Doubts()
        self._group: _Group | None = None  # the group commit under way (`together`)

    @classmethod
    def open(cls, path: Path, clock: Clock = utc_now, keep: list[Any] | None = None) -> Self:
        """`keep`: a list to hold what was read, for a command about to end the process, which
        then need not free it (freeing a large session's events one by one is slow)."""

        def build(loaded: store.Loaded) -> Fold:
            fold = Fold(loaded.header)
            fold.not_after = latest_possible(path, clock)
            return fold.apply_all(loaded.events)

        follower, loaded, fold = start(path, build)
        found = doubts.checked(path, loaded.header, fold)
        if keep is not None:
            keep.append(loaded)
        opened = cls(path, fold, follower, loaded, clock)
        opened.doubts = found
        opened.warnings = [*opened.warnings, *found.warnings(path), *opened.new_breaks()]
        return opened

    def refresh(self) -> int:
        """Fold what others appended; the number of new events."""
        new = poll(self.follower)
        if new:
            self.fold.not_after = latest_possible(self.path, self.clock)
            self.fold.apply_all(new)
        return len(new)

    def new_warnings(self) -> list[str]:
        """Damage found in the file, and breaks in the facilitator's chain, since the last call
        (for a screen to show once)."""
        return self.follower.take_warnings() + self.new_breaks()

    def new_breaks(self) -> list[str]:
        """Breaks in the chain of signed events not reported yet (engine/trust.py)."""
        breaks = self.fold.trust.breaks[self._breaks_told :]
        self._breaks_told += len(breaks)
        return [
            _("warning: {path}: event {at}: {what}").format(path=self.path, at=at + 1, what=what) for at, what in breaks
        ]

    @property
    def folded(self) -> int:
        """How many events of the file this process has read so far."""
        return self.fold.count

    def state(self) -> SessionState:
        return self.fold.state(self.clock().timestamp())

    @contextmanager
    def changing(self) -> Iterator[Write]:
        """The file locked and folded up to its last byte; yields `write`, which stages one
        event. When the block ends, everything staged is written in one go (durably) and folded;
        when it raises, nothing is written. Inside `together`, the group's lock and write serve."""
        if self._group is not None:
            with self._grouped(self._group) as write:
                yield write
            return
        try:
            with locked(self.path) as writer:
                self.refresh()
                chain = _Chain(self.fold.trust.head, self.fold.count, self.fold.trust.pending)

                def write(event: events.TypedEvent) -> None:
                    payload = _payload(event, self.clock)
                    signing = trust.needs_signature(payload)
                    crc = writer.append(self._signed(payload, chain) if signing else payload)  # checked as read
                    if not signing:
                        chain.pending.append(crc)
                    chain.seen += 1

                yield write
                writer.commit()
                self.refresh()  # read back what is now on disk: the fold is the file, never a guess
                if chain.signed:
                    signed.remember(self.fold.header, chain.prev, chain.at)
        except store.JournalError as err:
            raise SessionError(str(err)) from None

    def together(self, verbs: list[Callable[[], T]]) -> list[T | Exception]:
        """Run `verbs` in turn as one locked change of the file: one write and one fsync for
        them all. Each verb's `changing()` stages its events only when it succeeds, and they are
        folded at once, so the next verb's checks see them; a verb that raises costs only itself
        (what it raised is its result). Returns once everything is on disk; if the write fails,
        every verb's result is that error and the fold is read again from the file."""
        results: list[T | Exception] = []
        try:
            with locked(self.path) as writer:
                self.refresh()
                self._group = group = _Group(writer, self.fold.count)
                try:
                    for verb in verbs:
                        try:
                            results.append(verb())
                        except Exception as err:  # the verb's own answer, raised to its caller
                            results.append(err)
                finally:
                    self._group = None
                writer.commit()
                if len(poll(self.follower)) != self.fold.count - group.read:  # read past what we wrote
                    self._read_again()  # cannot happen under the lock; if it did, the file is the truth
                if group.chain is not None and group.chain.signed:
                    signed.remember(self.fold.header, group.chain.prev, group.chain.at)
        except store.JournalError as err:
            self._read_again()  # the fold went ahead of a write that failed
            return [SessionError(str(err)) for _ in verbs]
        return results

    @contextmanager
    def _grouped(self, group: _Group) -> Iterator[Write]:
        chain = _Chain(self.fold.trust.head, self.fold.count, self.fold.trust.pending)
        staged: list[bytes] = []

        def write(event: events.TypedEvent) -> None:
            payload = _payload(event, self.clock)
            signing = trust.needs_signature(payload)
            block = group.writer.encode(self._signed(payload, chain) if signing else payload)  # checked as read
            staged.append(block)
            if not signing:
                chain.pending.append(checksum_of(block))
            chain.seen += 1

        try:
            yield write
        except store.JournalError as err:
            raise SessionError(str(err)) from None
        # The verb succeeded: its events join the group's write, and are folded as the file will
        # read them (decoded from the very bytes), for the next verb to check against.
        group.writer.staged += staged
        self.fold.not_after = latest_possible(self.path, self.clock)
        self.fold.apply_all(store.decoded(b"".join(staged)))
        if chain.signed:
            group.chain = chain

    def _read_again(self) -> None:
        """The fold and follower anew from the file."""
        self.follower, loaded, self.fold = start(self.path, lambda loaded: Fold(loaded.header).apply_all(loaded.events))
        self.fold.not_after = latest_possible(self.path, self.clock)

    def _signed(self, event: events.Event, chain: _Chain) -> events.Event:
        """A facilitator event gets the facilitator's signature, chained to the one before it:
        only the account that can read the secret beside the session can make one."""
        if trust.needs_signature(event):
            if self._key is None:
                try:
                    self._key = keys.signing_key(read_secret(self.path))
                except SessionError:
                    raise SessionError(
                        _(
                            "only the facilitator can do that ({event}): the session's secret is not readable from "
                            "this account"
                        ).format(event=event["type"])
                    ) from None
            # a nonce makes every signed event unique, so that a copy appended later is told
            # from a real second `goto` (the fold counts each signature once)
            event["nonce"] = secrets.token_hex(4)
            event["prev"], event["seen"] = chain.prev, chain.seen
            event["since"] = trust.since(chain.pending)  # the blocks written since the last signed one
            event["sig"] = keys.sign(event, self._key, self.fold.trust.digest)
            chain.prev, chain.at, chain.signed, chain.pending = event["sig"], chain.seen, True, []
        return event


class _Chain:
    """Where the facilitator's chain stands while a verb stages events: the last signature, how
    many events the file will hold before the next one, and the checksums of the blocks since
    the last signed event (the fold's, then each staged one)."""

    def __init__(self, prev: str, seen: int, pending: list[str]) -> None:
        self.prev, self.seen, self.at, self.signed = prev, seen, seen, False
        self.pending = list(pending)


class _Group:
    """A group commit under way: the locked writer, how many events the fold had read from the
    file when it began, and the chain of the last verb that signed."""

    def __init__(self, writer: Writer, read: int) -> None:
        self.writer, self.read = writer, read
        self.chain: _Chain | None = None


def _payload(event: events.TypedEvent, clock: Clock) -> events.Event:
    """A typed event as the journal writes it: type, time, then its fields."""
    import datetime as dt

    import msgspec

    fields: events.Event = msgspec.to_builtins(event, builtin_types=(dt.datetime,))
    kind = fields.pop("type")
    return {"type": kind, "at": fields.pop("at", None) or clock(), **fields}
