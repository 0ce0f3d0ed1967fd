"""The session as the phone page's server holds it: one `Session` (one lock, one fold, the same
verbs every channel uses), worked by one thread so the event loop never waits on a lock or an
fsync, and followed a few times a second so every open page hears of a change.

Who a phone is comes from its cookie, sealed by this server (web/cookie.py): the person's token,
rejoin code and personal secret, checked against the `join` event's proof once per process (an
HMAC: no key derivation). Nothing is stored anywhere but the session file and that cookie.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from workshop import i18n
from workshop.content.languages import value_in
from workshop.engine.views import HEARTBEAT, SessionState
from workshop.i18n import _
from workshop.sessions import Session, SessionError, door
from workshop.sessions.files import read_secret
from workshop.sessions.people import Person
from workshop.web import form, view
from workshop.web.cookie import Sealer
from workshop.web.worker import Worker

T = TypeVar("T")
FOLLOW_EVERY = 0.1  # seconds between looks at the file: a change reaches every page within about this
MAX_PEOPLE_CACHED = 10_000
KEEP_FOR = 12 * 3600  # seconds a phone stays the same person without rejoining: a long workshop day


class Busy(SessionError):
    """Too many key derivations for the whole server just now: a join waits a moment."""


class ServedSession:
    """The session this server serves, worked on its own thread and followed for the pages."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.worker = Worker(session)
        self.public = view.public(session.state())
        self.address = session.state().address  # where `serve` said browsers can join: its name is allowed
        self.changed = asyncio.Event()  # set, and replaced, whenever `public` changes
        self.moved = asyncio.Event()  # set, and replaced, whenever its `moment` changes (a step, a poll closed)
        self._people: dict[str, Person] = {}  # token -> the person a sealed cookie (or a join) proved
        try:
            secret: bytes | None = read_secret(session.path)
        except SessionError:
            secret = None
        self.sealer = Sealer(secret, session.state().id, KEEP_FOR)
        self._present: dict[str, float] = {}  # token -> when their presence was last written
        # language -> ((events, second), what pages in it show)
        self._shown: dict[str, tuple[tuple[int, int], view.Public]] = {}

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

    def _public(self, state: SessionState, lang: str | None = None) -> view.Public:
        """What every page in one language shows, made once per change of the file and second of
        the clock, not once per page: a room of 1,000 asks for its page a thousand times after
        each change."""
        lang = lang or i18n.language()
        key = (state.events, math.floor(state.now))
        if self._shown.get(lang, (None,))[0] != key:
            self._shown[lang] = key, view.public(state, lang)
        return self._shown[lang][1]

    def close(self) -> None:
        self.worker.close()

    # ------------------------------------------------------------ people

    async def identify(self, cookie: str | None) -> Person | None:
        """The person a cookie proves, or None (no cookie, one not sealed by this server, or a
        session that lost them). A made-up cookie fails its seal on the event loop and costs the
        session's thread nothing; a real one is checked against its person's join once."""
        person = self.sealer.open(cookie)
        if person is None:
            return None
        if (known := self._people.get(person.token)) is not None and known.secret == person.secret:
            return known
        named = await self.run(self._check, person)
        if named is not None and len(self._people) < MAX_PEOPLE_CACHED:
            self._people[named.token] = named
        return named

    def _check(self, person: Person) -> Person | None:
        self.session.refresh()
        return self.session.still(person)

    def cookie_of(self, person: Person) -> str:
        return self.sealer.seal(person)

    async def join(
        self, code: str, name: str, rejoin: str, client: door.Client, may_derive: Callable[[], bool]
    ) -> Person:
        """Through the one way in: the join code, then a newcomer called `name`, or (with their
        rejoin code) the person who holds it. `may_derive()` is asked before the key derivation
        either costs, on the session's thread: False refuses the join, and derives nothing."""
        person = await self.run(self._join, code, name, rejoin, client, may_derive)
        if len(self._people) < MAX_PEOPLE_CACHED:  # the page the phone is sent to next needs no check
            self._people[person.token] = person
        return person

    def _join(self, code: str, name: str, rejoin: str, client: door.Client, may_derive: Callable[[], bool]) -> Person:
        door.join_code(self.session, code, client)
        if not may_derive():
            raise Busy(_("the server is busy with many people joining: try again in a moment"))
        if rejoin.strip():
            return door.rejoin(self.session, name, rejoin, client)
        return self.session.newcomer(name)

    def cast(self, person: Person, poll_id: str, fields: dict[str, list[str]]) -> str:
        """A ballot form posted for the poll `poll_id` (on the session's thread)."""
        poll = self.session.poll_named(poll_id)
        if poll is None:
            raise form.FormError(_("that poll is not in this session: reload the page"))
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

    async def page(self, person: Person | None, lang: str | None = None) -> tuple[view.Public, view.Mine | None]:
        """The page as `person` sees it, in their language (`lang`, else the request's)."""
        return await self.run(self._page, person, lang or i18n.language())

    def _page(self, person: Person | None, lang: str) -> tuple[view.Public, view.Mine | None]:
        self.session.refresh()  # a page is never older than the file (the follower may not have looked yet)
        state = self.session.state()
        shown = self._public(state, lang)
        if person is None:
            return shown, None
        ballot = self.session.my_ballot(person, shown.poll.qid) if shown.poll else None
        if ballot is not None and shown.poll is not None:
            ballot = value_in(shown.poll.poll, ballot)  # its options as this reader's page words them
        return shown, view.mine(state, person.token, person.name, person.code, ballot)
