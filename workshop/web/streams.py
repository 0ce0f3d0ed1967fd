"""GET /events, the phone page's live updates (Server-Sent Events): a short key whenever what the
page shows changes, sent no more often than the room can fetch pages; how many streams each person
and each address may hold open."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable

from aiohttp import web

from workshop.i18n import _
from workshop.sessions.people import Person
from workshop.web import guard
from workshop.web.served import ServedSession

KEEPALIVE = 20.0  # seconds between comments on a quiet event stream, so proxies keep it open
THROTTLE = 0.3  # seconds between two keys on one stream: a live tally at 50 ballots/s is not 50 fetches
# Pages a second the streams may ask for between them while only a tally or a list changes: each
# key sent costs a page, and a large room fetching every THROTTLE starves the ballots
# (docs/architecture.md). A step moving, a poll closing or results shown still go at once.
PAGES_PER_SECOND = 250
STREAMS_PER_PERSON = 4  # a phone that slept leaves a stream the server cannot tell is dead: the oldest goes
STREAMS_PER_ADDRESS = 400  # a room of 200 behind one NAT, a tab or two each


class Streams:
    """The open streams of one server, by task: each one's address, person and whether it must end."""

    def __init__(
        self,
        served: ServedSession,
        person: Callable[[web.Request], Awaitable[Person | None]],
        refuse: Callable[[int, str], web.Response],
    ) -> None:
        self.served = served
        self.person = person  # the person a request's cookie proves (Pages.person)
        self.refuse = refuse
        self.streams: dict[asyncio.Task, tuple[str, str, asyncio.Event]] = {}  # -> address, token, ended

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Only for a person: a page without one has nothing live to show, and a stream is a
        connection held open. Each person and address holds a few at most: the oldest ends (at
        its next keepalive, within KEEPALIVE seconds; it is no longer counted at once)."""
        person = await self.person(request)
        if person is None:
            return self.refuse(403, _("join first: live updates are for the people in the session"))
        address, ended = guard.client(request), asyncio.Event()
        for index, mine, most in ((0, address, STREAMS_PER_ADDRESS), (1, person.token, STREAMS_PER_PERSON)):
            same = [task for task, who in self.streams.items() if who[index] == mine]
            for old in same[: max(0, len(same) - most + 1)]:
                self.streams.pop(old)[2].set()
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        await response.prepare(request)
        task = asyncio.current_task()
        assert task is not None
        self.streams[task] = (address, person.token, ended)
        try:
            await self._stream(response, person, ended)
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the phone slept or the page closed: its script reconnects when it wakes
        finally:
            self.streams.pop(task, None)
        return response

    async def _stream(self, response: web.StreamResponse, person: Person, ended: asyncio.Event) -> None:
        sent = ""
        while not ended.is_set():
            await self.served.present(person)
            changed, moved, key = self.served.changed, self.served.moved, self.served.public.key
            # not translated: the event stream's protocol
            await response.write(f"data: {key}\n\n".encode() if key != sent else b": still here\n\n")
            sent = key
            try:
                await asyncio.wait_for(changed.wait(), KEEPALIVE)
            except TimeoutError:
                continue
            await self._coalesce(moved.is_set())

    async def _coalesce(self, moved: bool) -> None:
        """Wait before the next key on a stream, so that what changes meanwhile goes as one key:
        THROTTLE after the room moved on (a step, a poll closed, results shown); after a tally
        or a list changed, long enough in a large room that all its streams ask for at most
        PAGES_PER_SECOND pages, each phone at its own moment, unless the room moves on meanwhile."""
        pause = THROTTLE if moved else max(THROTTLE, len(self.streams) / PAGES_PER_SECOND * random.uniform(0.5, 1.5))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.served.moved.wait(), pause)
