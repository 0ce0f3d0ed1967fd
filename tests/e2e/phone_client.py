"""A room of simulated phones in this process (workshop/bench/phones.py: each an aiohttp client
doing what a phone's browser and the page's script do), and `workshop serve` started as a
facilitator starts it: for tests/e2e/test_phone_load.py and test_phone_kill.py."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workshop.bench.phones import Phone


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
def serving(path: Path, port: int, log: Path, *options: str) -> Iterator[subprocess.Popen]:
    """`workshop serve` as a facilitator starts it, once it has announced its address. Its output
    goes to `log`, not to a pipe: a pipe nobody reads stops the server once 64 KiB are unread."""
    from workshop.journal import store

    def announced() -> int:
        return sum(e["type"] == "serve" for e in store.load(path).events)

    before = announced()  # a server started again announces itself again
    with open(log, "wb") as out:
        command = [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port), *options]
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while announced() <= before:
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
    return {
        "rss_mib": int(status["VmRSS"].split()[0]) / 1024,
        "hwm_mib": int(status["VmHWM"].split()[0]) / 1024,
        "cpu_s": (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK"),
    }
