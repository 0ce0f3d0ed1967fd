"""The session as the phone page's server holds it: one `Session` (one lock, one fold, the same
verbs every channel uses), worked by one thread so the event loop never waits on a lock or an
fsync, and followed a few times a second so every open page hears of a change.

Who a phone is comes from its cookie: the person's token and rejoin code, proven against the
`join` event's proof once per process (a PBKDF2, so it is cached), exactly as a rejoin on any
other channel is proven. Nothing is stored anywhere but the session file and that cookie.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from workshop.engine.state import HEARTBEAT, SessionState
from workshop.sessions import Session, SessionError, people
from workshop.sessions.people import Person
from workshop.web import form, view
from workshop.web.worker import Worker

T = TypeVar("T")
FOLLOW_EVERY = 0.1  # seconds between looks at the file: a change reaches every page within about this
MAX_PEOPLE_CACHED = 10_000


class Room:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.worker = Worker(session)
        self.public = view.public(session.state())
        self.address = session.state().address  # where `serve` said browsers can join: its name is allowed
        self.changed = asyncio.Event()  # set, and replaced, whenever `public` changes
        self.moved = asyncio.Event()  # set, and replaced, whenever its `moment` changes (a step, a poll closed)
        self._people: dict[str, Person] = {}  # "token.CODE" (a cookie, tidied) -> the person it proved
        self._present: dict[str, float] = {}  # token -> when their presence was last written
        self._shown: tuple[tuple[int, int], view.Public] | None = None  # (events, second) -> what pages show

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` on the session's own thread: the only thread that touches the session."""
        return await self.worker.run(work, *args)

    async def write(self, work: Callable[..., T], *args: Any) -> T:
        """A verb on the session's thread, written together with the others waiting (group commit)."""
        return await self.worker.write(work, *args)

    async def follow(self) -> None:
        seen, looked = -1, 0.0
        while True:
            # Not `refresh`'s own count: a verb run here (a presence, a note) folds what others
            # appended before it writes, and the facilitator's `goto` then went unannounced
            # (tests/e2e/test_phone_load.py: 200 phones stuck on the previous step). And once a
            # second anyway: a step's rounds switch with time alone, nothing written.
            if (folded := await self.run(self._refreshed)) != seen or time.monotonic() - looked > 1.0:
                seen, looked = folded, time.monotonic()
                await self.news()
            await asyncio.sleep(FOLLOW_EVERY)

    def _refreshed(self) -> int:
        self.session.refresh()
        return self.session.folded

    async def news(self) -> None:
        """The file changed (here or elsewhere): tell the pages if what they show did."""
        fresh, self.address = await self.run(self._look)
        if fresh.key != self.public.key:
            if fresh.moment != self.public.moment:
                self.moved.set()
                self.moved = asyncio.Event()
            self.public = fresh
            self.changed.set()
            self.changed = asyncio.Event()

    def _look(self) -> tuple[view.Public, str]:
        state = self.session.state()
        return self._public(state), state.address

    def _public(self, state: SessionState) -> view.Public:
        """What every page shows, made once per change of the file and second of the clock, not
        once per page: a room of 1,000 asks for its page a thousand times after each change."""
        key = (state.events, math.floor(state.now))
        if self._shown is None or self._shown[0] != key:
            self._shown = key, view.public(state)
        return self._shown[1]

    def close(self) -> None:
        self.worker.close()

    # ------------------------------------------------------------ people

    async def identify(self, cookie: str | None, prove: bool = True) -> tuple[Person | None, bool]:
        """The person a cookie proves, or None (no cookie, a forged one, or a session that lost
        them); and whether it named a person with a wrong rejoin code (a guess). Only a cookie
        never proven before costs a proof, and only when `prove`."""
        token, _, code = (cookie or "").partition(".")
        if not token or not code or len(token) + len(code) > 100:
            return None, False
        key = f"{token}.{people.tidy(code)}"  # "abc" and "A-B-C" are one code: one entry, one proof
        if (known := self._people.get(key)) is not None:
            return known, False
        if not prove:
            return None, False
        person, guessed = await self.run(self._prove, token, code)
        if person is not None and len(self._people) < MAX_PEOPLE_CACHED:
            self._people[key] = person
        return person, guessed

    def _prove(self, token: str, code: str) -> tuple[Person | None, bool]:
        return self.session.proven(token, code)

    @staticmethod
    def cookie_of(person: Person) -> str:
        return f"{person.token}.{person.code}"

    async def join(self, name: str, rejoin: str) -> Person:
        """A newcomer called `name`, or (with their rejoin code) the person who holds it."""
        person = await self.run(self._join, name, rejoin)
        if len(self._people) < MAX_PEOPLE_CACHED:  # the page the phone is sent to next needs no second
            self._people[self.cookie_of(person)] = person  # PBKDF2: 1.7 s of 200 joins (test_phone_load)
        return person

    def _join(self, name: str, rejoin: str) -> Person:
        if rejoin.strip():
            return self.session.rejoin(name, rejoin)
        return self.session.newcomer(name)

    def cast(self, person: Person, poll_id: str, fields: dict[str, list[str]]) -> str:
        """A ballot form posted for the poll `poll_id` (on the session's thread)."""
        poll = self.session.poll_named(poll_id)
        if poll is None:
            raise form.FormError("that poll is not in this session: reload the page")
        return self.session.cast(person, poll_id, form.ballot(poll, fields))

    def tried(self, poll_id: str, fields: dict[str, list[str]]) -> tuple[object, ...] | None:
        """A refused ballot form as the page shows a ballot (what was ticked, typed or placed), so
        a page without its script comes back as it was; None for a form no page would send."""
        poll = self.session.poll_named(poll_id)
        try:
            return None if poll is None else tuple(form.ballot(poll, fields))
        except form.FormError:
            return None

    async def present(self, person: Person) -> None:
        """Say the person's page is here, at most once a heartbeat."""
        now = time.monotonic()
        if now - self._present.get(person.token, -HEARTBEAT) < HEARTBEAT:
            return
        self._present[person.token] = now
        try:
            await self.write(self.session.present, person)
        except SessionError:
            pass  # presence is a courtesy: a session that cannot take it now loses nothing

    # ------------------------------------------------------------ what a page shows

    async def page(self, person: Person | None) -> tuple[view.Public, view.Mine | None]:
        return await self.run(self._page, person)

    def _page(self, person: Person | None) -> tuple[view.Public, view.Mine | None]:
        self.session.refresh()  # a page is never older than the file (the follower may not have looked yet)
        state = self.session.state()
        shown = self._public(state)
        if person is None:
            return shown, None
        ballot = self.session.my_ballot(person, shown.poll.qid) if shown.poll else None
        return shown, view.mine(state, person.token, person.name, person.code, ballot)
