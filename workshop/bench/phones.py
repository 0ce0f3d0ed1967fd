"""Simulated phones for the page `workshop serve` puts at `/`: each an aiohttp client with its own
cookie jar and its own loopback address (phones on a room's network each have one), doing what a
phone's browser and workshop/web/static/phone.js do: open the page, post its forms with the
scraped CSRF token from this origin, and hold /events open, fetching the page again whenever the
stream names a key the page does not show. crowd.py runs a room of them as a process. A phone's
browser asks for its language (Accept-Language): the phone knows its vote is recorded by what the
page says in that language, and says what went wrong in it.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress

import aiohttp

from workshop import i18n
from workshop.i18n import _

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
POLL = re.compile(r'name="poll" value="([^"]+)"')
KIND = re.compile(r'id="vote" data-kind="([a-z]+)"')
CHOICE = re.compile(r'name="choice" id="choice-[^"]+" value="([^"]+)"')
DOTS = re.compile(r'name="dots-(\d+)"')
RANK = re.compile(r'name="rank" value="(\d+)"')
KEY = re.compile(r'<body data-key="([^"]*)"')
WAIT = 60.0  # seconds a phone waits for what it expects before failing with its name and last page


def recorded(lang: str) -> str:
    """What the page says once a vote is recorded, in language `lang`, as the ballot's template
    writes it (escaped by Jinja's own escaping)."""
    from markupsafe import escape

    with i18n.speaking(lang):
        return str(escape(_("✓ Your vote is recorded. You can change it while the poll is open.")))


class Phone:
    def __init__(
        self, origin: str, name: str, address: str | None = None, client: str | None = None, lang: str = i18n.SOURCE
    ) -> None:
        """A phone on `origin`, from the loopback `address` when given; `client`: the address a
        trusted proxy says it forwards for (`serve --trusted-proxy`), so each phone is a client
        of its own as on a room's network, where this machine's loopback counts as one; `lang`:
        the language its browser asks the page for."""
        self.origin, self.name = origin, name
        self.recorded = recorded(lang)
        connector = aiohttp.TCPConnector(local_addr=(address, 0)) if address else aiohttp.TCPConnector()
        headers = {"Origin": origin, **({"X-Forwarded-For": client} if client else {})}
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # loopback needs unsafe
            headers={**headers, "Accept-Language": lang},
            connector=connector,
        )
        self.statuses: Counter[int] = Counter()
        self.asked: list[float] = []  # when each request was sent (monotonic): what a rate limit sees
        self.heard = 0  # keys the event stream sent
        self.page = ""
        self.fetched = asyncio.Event()  # set, and replaced, whenever `page` is new
        self._stream: asyncio.Task | None = None
        self._fetching: asyncio.Task | None = None
        self._again = False

    # ------------------------------------------------------------ what a browser does

    async def get(self) -> str:
        self.asked.append(time.monotonic())
        async with self.http.get(f"{self.origin}/") as response:
            self.statuses[response.status] += 1
            text = await response.text()
        if response.status == 200:
            self._show(text)
        return text

    async def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[str, float, float]:
        """A form posted as a browser posts it, then the page it is sent to: that page, when the
        POST was sent and when it was answered (by then what it wrote is on disk)."""
        status, text, sent, answered = await self._send(path, fields)
        assert status == 303, _("{name}: {path} answered {status}: {page}").format(
            name=self.name, path=path, status=status, page=text[-2000:]
        )
        return await self.get(), sent, answered

    async def _send(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str, float, float]:
        self.asked.append(time.monotonic())
        sent = time.time()
        async with self.http.post(
            f"{self.origin}{path}", data=[("csrf", self.csrf), *fields], allow_redirects=False
        ) as response:
            self.statuses[response.status] += 1
            answered = time.time()
            return response.status, await response.text(), sent, answered

    @property
    def csrf(self) -> str:
        found = CSRF.search(self.page)
        assert found, _("{name}: no CSRF token on the page").format(name=self.name)
        return found.group(1)

    def _show(self, text: str) -> None:
        self.page = text
        self.fetched.set()
        self.fetched = asyncio.Event()

    # ------------------------------------------------------------ what the page's script does

    def listen(self) -> None:
        self._stream = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        async with self.http.get(f"{self.origin}/events", timeout=aiohttp.ClientTimeout(total=None)) as response:
            self.statuses[response.status] += 1
            async for line in response.content:
                if line.startswith(b"data: "):
                    self.heard += 1
                    shown = KEY.search(self.page)
                    if shown is None or shown.group(1) != line[6:].strip().decode():
                        self._refresh()

    @property
    def listening(self) -> bool:
        return self._stream is not None and not self._stream.done()

    def _refresh(self) -> None:
        """One fetch at a time, and one more if the page changed again meanwhile."""
        if self._fetching is not None and not self._fetching.done():
            self._again = True
            return

        async def fetch() -> None:
            self._again = True
            while self._again:
                self._again = False
                await self.get()

        self._fetching = asyncio.create_task(fetch())

    async def seen(self, condition: Callable[[str], bool], what: str) -> None:
        """Until the page, as the stream keeps it fresh, satisfies `condition`."""
        deadline = time.monotonic() + WAIT
        while not condition(self.page):
            if (left := deadline - time.monotonic()) <= 0:
                stream = self._stream and self._stream.done() and (self._stream.exception() or "ended")
                raise AssertionError(
                    _(
                        "{name}: never saw {what} ({heard} keys heard, stream {stream}, answers "
                        "{answers}); last page:\n{page}"
                    ).format(
                        name=self.name,
                        what=what,
                        heard=self.heard,
                        stream=stream or _("open"),
                        answers=dict(self.statuses),
                        page=self.page[-2000:],
                    )
                )
            with suppress(TimeoutError):
                await asyncio.wait_for(self.fetched.wait(), left)

    # ------------------------------------------------------------ a participant's turns

    async def join(self, code: str) -> None:
        """Join as a person does: when the server says it is busy with many people joining (its
        key derivations are rationed, #24), try again a moment later, for up to WAIT seconds."""
        await self.get()
        fields = [("code", code), ("name", self.name), ("rejoin", "")]
        again, deadline = random.Random(self.name), time.monotonic() + WAIT
        while (answer := await self._send("/join", fields))[0] == 429 and time.monotonic() < deadline:
            await asyncio.sleep(again.uniform(0.5, 2.0))
        assert answer[0] == 303, _("{name}: {path} answered {status}: {page}").format(
            name=self.name, path="/join", status=answer[0], page=answer[1][-2000:]
        )
        page = await self.get()
        assert 'class="who"' in page, _("{name}: not joined:\n{page}").format(name=self.name, page=page[-2000:])

    async def vote(self, poll: str, number: int, delay: float = 0.0) -> tuple[float, float]:
        """Once the page shows the poll (and `delay` seconds more: reading it), a ballot varied by
        `number`; when it was sent (the tap) and answered."""
        await self.seen(
            lambda page: (m := POLL.search(page)) is not None and m.group(1) == poll,
            _("the poll {poll}").format(poll=poll),
        )
        await asyncio.sleep(delay)
        page, sent, answered = await self.post("/vote", ballot(self.page, number))
        assert self.recorded in page, _("{name}: vote on {poll} not recorded:\n{page}").format(
            name=self.name, poll=poll, page=page[-2000:]
        )
        return sent, answered

    async def note(self, text: str) -> None:
        page, *_times = await self.post("/note", [("note", text)])
        assert html.escape(text) in page, _("{name}: note not shown:\n{page}").format(name=self.name, page=page[-2000:])

    async def close(self) -> None:
        for task in (self._stream, self._fetching):
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError, aiohttp.ClientError):
                    await task
        await self.http.close()


def ballot(page: str, number: int) -> list[tuple[str, str]]:
    """A valid ballot for the form on `page`, varied by `number`: what a person would tap."""
    kind, poll = KIND.search(page), POLL.search(page)
    assert kind and poll, _("no ballot form on the page")
    fields = [("poll", poll.group(1))]
    match kind.group(1):
        case "single" | "scale":
            choices = CHOICE.findall(page)
            return [*fields, ("choice", choices[number % len(choices)])]
        case "multi":
            choices = CHOICE.findall(page)
            return [*fields, *(("choice", choices[(number + k) % len(choices)]) for k in range(1 + number % 2))]
        case "dots":  # a budget of 5, at most 3 on one: 3 and 2
            options = DOTS.findall(page)
            counts = {options[number % len(options)]: 3, options[(number + 1) % len(options)]: 2}
            return [*fields, *((f"dots-{o}", str(counts.get(o, 0))) for o in options)]  # not translated: fields
        case "rank":
            order = RANK.findall(page)
            turn = number % len(order)
            return [*fields, *(("rank", o) for o in order[turn:] + order[:turn])]
        case "text":
            return [*fields, ("answer", ["trust", "goals", "change", "time"][number % 4])]
    raise AssertionError(f"unknown poll kind {kind.group(1)}")
