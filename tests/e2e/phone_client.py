"""Simulated phones for the page `workshop serve` puts at `/`: each an aiohttp client with its own
cookie jar, doing what a phone's browser and workshop/web/static/phone.js do: open the page, post
its forms with the scraped CSRF token from this origin, and hold /events open, fetching the page
again whenever the stream names a key the page does not show. Used by
tests/e2e/test_phone_load.py and, as a process driven line by line on stdin, benchmarks/phones.py:

    python tests/e2e/phone_client.py ORIGIN CODE COUNT   # then: vote QID | note | quit
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import aiohttp

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
POLL = re.compile(r'name="poll" value="([^"]+)"')
KIND = re.compile(r'id="vote" data-kind="([a-z]+)"')
CHOICE = re.compile(r'name="choice" id="choice-[^"]+" value="([^"]+)"')
DOTS = re.compile(r'name="dots-(\d+)"')
RANK = re.compile(r'name="rank" value="(\d+)"')
KEY = re.compile(r'<body data-key="([^"]*)"')
RECORDED = "Your vote is recorded"
WAIT = 60.0  # seconds a phone waits for what it expects before failing with its name and last page


class Phone:
    def __init__(self, origin: str, name: str) -> None:
        self.origin, self.name = origin, name
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),  # loopback needs unsafe
                                          headers={"Origin": origin})
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
        self.asked.append(time.monotonic())
        sent = time.time()
        async with self.http.post(f"{self.origin}{path}", data=[("csrf", self.csrf), *fields],
                                  allow_redirects=False) as response:
            self.statuses[response.status] += 1
            answered = time.time()
            text = await response.text()
        assert response.status == 303, f"{self.name}: {path} answered {response.status}: {text[-2000:]}"
        return await self.get(), sent, answered

    @property
    def csrf(self) -> str:
        found = CSRF.search(self.page)
        assert found, f"{self.name}: no CSRF token on the page"
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
                raise AssertionError(f"{self.name}: never saw {what} ({self.heard} keys heard, stream "
                                     f"{stream or 'open'}, answers {dict(self.statuses)}); last page:\n"
                                     f"{self.page[-2000:]}")
            with suppress(TimeoutError):
                await asyncio.wait_for(self.fetched.wait(), left)

    # ------------------------------------------------------------ a participant's turns

    async def join(self, code: str) -> None:
        await self.get()
        page, *_ = await self.post("/join", [("code", code), ("name", self.name), ("rejoin", "")])
        assert 'class="who"' in page, f"{self.name}: not joined:\n{page[-2000:]}"

    async def vote(self, poll: str, number: int) -> tuple[float, float]:
        """Once the page shows the poll, a ballot (varied by `number`); when it was sent and answered."""
        await self.seen(lambda page: (m := POLL.search(page)) is not None and m.group(1) == poll, f"the poll {poll}")
        page, sent, answered = await self.post("/vote", ballot(self.page, number))
        assert RECORDED in page, f"{self.name}: vote on {poll} not recorded:\n{page[-2000:]}"
        return sent, answered

    async def note(self, text: str) -> None:
        page, *_ = await self.post("/note", [("note", text)])
        assert html.escape(text) in page, f"{self.name}: note not shown:\n{page[-2000:]}"

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
    assert kind and poll, "no ballot form on the page"
    fields = [("poll", poll.group(1))]
    match kind.group(1):
        case "single" | "scale":
            choices = CHOICE.findall(page)
            return [*fields, ("choice", choices[number % len(choices)])]
        case "multi":
            choices = CHOICE.findall(page)
            return [*fields, *(("choice", choices[(number + k) % len(choices)]) for k in range(1 + number % 2))]
        case "dots":  # tests/support.py's budget of 5, at most 3 on one: 3 and 2
            options = DOTS.findall(page)
            counts = {options[number % len(options)]: 3, options[(number + 1) % len(options)]: 2}
            return [*fields, *((f"dots-{o}", str(counts.get(o, 0))) for o in options)]
        case "rank":
            order = RANK.findall(page)
            turn = number % len(order)
            return [*fields, *(("rank", o) for o in order[turn:] + order[:turn])]
        case "text":
            return [*fields, ("answer", ["trust", "goals", "change", "time"][number % 4])]
    raise AssertionError(f"unknown poll kind {kind.group(1)}")


# ------------------------------------------------------------ a room of them

async def join_all(origin: str, code: str, count: int) -> list[Phone]:
    """`count` phones, "Phone 000" on, joined all at once, each then listening as its page does."""
    phones = [Phone(origin, f"Phone {n:03d}") for n in range(count)]
    try:
        await asyncio.gather(*(phone.join(code) for phone in phones))
    except BaseException:
        await close_all(phones)
        raise
    for phone in phones:
        phone.listen()
    return phones


async def vote_all(phones: list[Phone], poll: str) -> list[tuple[float, float]]:
    """Every phone votes on `poll` once its page shows it; when each vote was sent and answered."""
    return list(await asyncio.gather(*(phone.vote(poll, n) for n, phone in enumerate(phones))))


async def note_all(phones: list[Phone]) -> None:
    await asyncio.gather(*(phone.note(f"note from {phone.name}") for phone in phones))


async def close_all(phones: list[Phone]) -> None:
    await asyncio.gather(*(phone.close() for phone in phones))


def answers(phones: list[Phone]) -> Counter[int]:
    return sum((phone.statuses for phone in phones), Counter())


# ------------------------------------------------------------ the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(path: Path, port: int, log: Path) -> Iterator[subprocess.Popen]:
    """`workshop serve` as a facilitator starts it, once it has announced its address. Its output
    goes to `log`, not to a pipe: a pipe nobody reads stops the server once 64 KiB are unread."""
    from workshop.journal import store

    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not any(e["type"] == "serve" for e in store.load(path).events):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def process_figures(pid: int) -> dict[str, float]:
    """A process's resident memory now and at its peak (MiB), and the CPU it used (user + system s)."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return {"rss_mib": int(status["VmRSS"].split()[0]) / 1024, "hwm_mib": int(status["VmHWM"].split()[0]) / 1024,
            "cpu_s": (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")}


async def drive(origin: str, code: str, count: int) -> None:
    """The room as a process: joins, then one JSON line per command read from stdin."""
    loop = asyncio.get_running_loop()
    phones = await join_all(origin, code, count)
    print(json.dumps({"joined": len(phones)}), flush=True)
    try:
        while (line := (await loop.run_in_executor(None, sys.stdin.readline)).split()) and line[0] != "quit":
            if line[0] == "vote":
                sent, answered = zip(*await vote_all(phones, line[1]), strict=True)
                print(json.dumps({"sent": sent, "answered": answered}), flush=True)
            elif line[0] == "note":
                await note_all(phones)
                print(json.dumps({"noted": len(phones)}), flush=True)
    finally:
        print(json.dumps({"answers": answers(phones), "heard": sum(p.heard for p in phones)}), flush=True)
        await close_all(phones)


if __name__ == "__main__":
    asyncio.run(drive(sys.argv[1], sys.argv[2], int(sys.argv[3])))
