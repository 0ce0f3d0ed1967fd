"""A room of simulated phones (phones.py) as a process, each phone with its own address and the
address a trusted proxy says it forwards for, driven line by line on stdin (`workshop bench room`,
benchmarks/, tests/e2e/):

    python -m workshop.bench.crowd ORIGIN CODE FIRST COUNT [LANG]
    join SPREAD | vote QID SPREAD | note SPREAD | quit     # one JSON line answers each

SPREAD is the seconds over which the phones act, each at its own moment, as a room does: people
scan the code as they sit down, and tap a poll's answer once they have read it. LANG (English
unless given) is the language each phone's browser asks the page for.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import sys
from collections import Counter
from collections.abc import Callable

import aiohttp

from workshop import i18n
from workshop.bench.phones import Phone


def addresses_apart() -> bool:
    """Whether this machine answers on loopback addresses other than 127.0.0.1 (Linux does; a
    Mac needs each one added by hand): then each phone gets its own, as on a room's network."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.2", 0))
        except OSError:
            return False
    return True


def address_of(number: int) -> str:
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


# Every loopback source is this machine, one client (docs/architecture.md, Trust and identity): a
# room of phones on one machine is told apart as a proxy tells its clients apart, `serve`
# believing loopback as its trusted proxy.
PROXY = "127.0.0.0/8"


def client_of(number: int) -> str:
    """The room's-network address phone `number` has, as the proxy header says it."""
    return f"10.20.{number // 250}.{1 + number % 250}"


def name_of(number: int) -> str:
    return f"Phone {number:04d}"  # not translated: a participant's name, as a person types theirs


class Room:
    """Phones FIRST to FIRST + COUNT - 1, each acting at its own moment within a spread."""

    def __init__(self, origin: str, code: str, first: int, count: int, apart: bool, lang: str = i18n.SOURCE) -> None:
        self.code = code
        self.phones = {
            n: Phone(origin, name_of(n), address_of(n) if apart else None, client_of(n), lang)
            for n in range(first, first + count)
        }
        self.failed: dict[int, str] = {}  # phone -> the first thing that went wrong for it

    async def each(self, act: Callable[[int, Phone], object], spread: float) -> list[object]:
        """`act` for every phone still in, each after its own random wait within `spread`."""

        async def one(n: int, phone: Phone) -> object:
            await asyncio.sleep(random.Random(n).uniform(0, spread))
            try:
                return await act(n, phone)  # type: ignore[misc]
            except (AssertionError, aiohttp.ClientError, OSError, TimeoutError) as err:
                self.failed.setdefault(n, str(err).splitlines()[0][:300])
                return None

        live = {n: p for n, p in self.phones.items() if n not in self.failed}
        return list(await asyncio.gather(*(one(n, p) for n, p in live.items())))

    async def join(self, spread: float) -> dict:
        async def act(n: int, phone: Phone) -> None:
            await phone.join(self.code)
            phone.listen()

        await self.each(act, spread)
        return {"joined": len(self.phones) - len(self.failed)}

    async def vote(self, poll: str, spread: float) -> dict:
        rolls = {n: random.Random(f"{poll}{n}").uniform(0, spread) for n in self.phones}
        done = [t for t in await self.each(lambda n, p: p.vote(poll, n, rolls[n]), 0) if t is not None]
        sent, answered = ([t[0] for t in done], [t[1] for t in done])  # type: ignore[index]
        return {"sent": sent, "answered": answered}

    async def note(self, spread: float) -> dict:
        await self.each(lambda n, p: p.note(f"note from {p.name}"), spread)  # not translated: a participant's note
        return {"noted": len(self.phones) - len(self.failed)}

    async def close(self) -> dict:
        statuses = sum((p.statuses for p in self.phones.values()), Counter())
        listening = sum(p.listening for n, p in self.phones.items() if n not in self.failed)
        said = {
            "answers": {str(k): v for k, v in sorted(statuses.items())},
            "heard": sum(p.heard for p in self.phones.values()),
            "listening": listening,
            "failed": self.failed,
            "cpu_s": sum(os.times()[:2]),
        }
        await asyncio.gather(*(p.close() for p in self.phones.values()))
        return said


async def drive(origin: str, code: str, first: int, count: int, lang: str = i18n.SOURCE) -> None:
    """A room of phones as a process: one JSON line per command read from stdin; what went wrong
    for a phone said in `lang`, the language its page is in."""
    loop = asyncio.get_running_loop()
    i18n.use(lang)
    room = Room(origin, code, first, count, addresses_apart(), lang)
    print(json.dumps({"ready": count}), flush=True)
    try:
        while (line := (await loop.run_in_executor(None, sys.stdin.readline)).split()) and line[0] != "quit":
            if line[0] == "join":
                said = await room.join(float(line[1]))
            elif line[0] == "vote":
                said = await room.vote(line[1], float(line[2]))
            else:
                said = await room.note(float(line[1]))
            print(json.dumps(said), flush=True)
    finally:
        print(json.dumps(await room.close()), flush=True)


if __name__ == "__main__":
    asyncio.run(
        drive(
            sys.argv[1],
            sys.argv[2],
            int(sys.argv[3]),
            int(sys.argv[4]),
            sys.argv[5] if len(sys.argv) > 5 else i18n.SOURCE,
        )
    )
