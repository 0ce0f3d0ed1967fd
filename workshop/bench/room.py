"""`workshop bench room`: `workshop serve` on a throwaway session, a room of simulated phones
(phones.py, in processes of their own) joining, voting on every kind of poll and sending a note,
while the facilitator's screen runs here and moves the room through the polls. What it prints
(verdict.py): how many phones it held, ballots per second, tap to facilitator's screen, the
server's memory, and a verdict for the number asked.

Tap to screen: the facilitator's poll panel records each draw, and the i-th ballot tapped is taken
to be the i-th counted (as the benchmarks of the facilitator's screen measure it).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop import i18n
from workshop.bench import plan
from workshop.journal import store

PER_PROCESS = 500  # phones per driver process: one Python process holds this many without falling behind
SERVE = [sys.executable, "-m", "workshop", "serve"]


@dataclass
class Figures:
    phones: int
    seconds: float
    held: int = 0  # joined, still listening at the end, and nothing refused or lost
    cast: int = 0
    counted: int = 0
    notes: int = 0
    voting: float = 0.0  # seconds the polls were open, from the first tap to the last ballot drawn
    peak: int = 0  # most ballots tapped in one second
    taps: list[float] = field(default_factory=list)  # tap to facilitator's screen, seconds, sorted
    memory: float | None = None  # the server's peak resident memory, MiB (None: not measurable here)
    server_cpu: float | None = None
    screen_cpu: float = 0.0  # this process: the facilitator's screen (and the bench's own bookkeeping)
    draws: int = 0  # times the facilitator's poll panel drew
    answers: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # phone -> what went wrong first
    wall: float = 0.0
    load: float = 0.0  # the machine's 1-minute load when the run began


def measure(
    phones: int,
    seconds: float,
    serve: list[str] = SERVE,
    env: dict[str, str] | None = None,
    spread: float = 1.0,
    proxied: bool = True,
    lang: str = i18n.SOURCE,
) -> Figures:
    """Run the room once, in a throwaway folder; `serve` and `env`: the server to measure; `spread`:
    the part of each poll's time over which its taps come (0: every phone the instant it shows);
    `proxied`: `serve` believes loopback as its proxy (crowd.PROXY), so each phone is a client
    of its own (code from before --trusted-proxy existed tells loopback sources apart);
    `lang`: the language the phones' browsers ask the page for (and say what went wrong in)."""
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp, _state_in(Path(tmp) / "state"):
        return asyncio.run(_room(Path(tmp), phones, seconds, [*serve, *_proxy(proxied)], env, spread, lang))


def _proxy(proxied: bool) -> list[str]:
    from workshop.bench.crowd import PROXY

    return ["--trusted-proxy", PROXY] if proxied else []


@contextmanager
def _state_in(folder: Path) -> Iterator[None]:
    """The throwaway session's records (the facilitator's last signature) go with it, not into
    the facilitator's own state folder."""
    before = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("XDG_STATE_HOME", None)
        else:
            os.environ["XDG_STATE_HOME"] = before


async def _room(
    folder: Path, phones: int, seconds: float, serve: list[str], env: dict[str, str] | None, spread: float, lang: str
) -> Figures:
    from workshop import sessions
    from workshop.tui.facilitator import make_app
    from workshop.tui.widgets.poll import PollPanel

    figures = Figures(phones, seconds, load=os.getloadavg()[0])
    path = sessions.create(plan.plan(), folder, "bench", "Bench")
    live = sessions.Session.open(path)
    live.start()
    slot = seconds * 0.75 / (len(plan.STEPS) + 1)  # each poll's share, and the notes'
    started, cpu = time.monotonic(), time.process_time()
    with _serving(path, serve, env or dict(os.environ), folder / "serve.log") as (server, origin):
        app = make_app(path, bell=False)
        async with app.run_test(size=(120, 40)) as pilot:
            seen = _watch(app.query_one(PollPanel))
            async with _Drivers(origin, live.state().code, phones, lang) as drivers:
                await drivers.say(f"join {seconds * 0.25:.1f}")  # not translated: the phones' commands, as below
                for step in plan.STEPS:
                    qid = f"bench/{step}"  # not translated: a poll's id
                    live.goto(step)
                    # not translated: the phones' command
                    sent = [t for said in await drivers.say(f"vote {qid} {slot * spread:.1f}") for t in said["sent"]]
                    await _drawn(pilot, seen, qid, len(sent))
                    drawn = [(t, n) for t, q, n in seen if q == qid]
                    figures.taps += _latencies(drawn, sent)
                    figures.cast += len(sent)
                    if sent:
                        figures.voting += max([t for t, _ in drawn] or [max(sent)]) - min(sent)
                        figures.peak = max(figures.peak, _busiest(sent))
                live.goto("notes")
                await drivers.say(f"note {slot * spread:.1f}")  # not translated: the phones' command
                ended = await drivers.say("quit")
            figures.draws = len(seen)
        figures.memory, figures.server_cpu = _process(server.pid)
    figures.wall, figures.screen_cpu = time.monotonic() - started, time.process_time() - cpu
    _count(figures, path, ended)
    return figures


def _count(figures: Figures, path: Path, ended: list[dict[str, Any]]) -> None:
    from workshop import sessions

    state = sessions.Session.open(path).state()
    figures.counted = sum(len(state.polls[f"bench/{step}"].ballots) for step in plan.STEPS)
    figures.notes = sum(1 for n in state.notes if n.author != "facilitator")
    figures.taps.sort()
    for said in ended:
        for status, n in said["answers"].items():
            figures.answers[status] = figures.answers.get(status, 0) + n
        figures.failed.update(said["failed"])
    lost = figures.cast - figures.counted
    listening = sum(said["listening"] for said in ended)
    figures.held = min(listening, figures.phones - len(figures.failed)) - max(0, lost)


def _latencies(drawn: list[tuple[float, int]], sent: list[float]) -> list[float]:
    """Seconds from each tap to the first draw that counted it (the i-th tapped is the i-th counted)."""
    found = []
    for i, at in enumerate(sorted(sent)):
        shown = next((t for t, n in drawn if n >= i + 1), None)
        if shown is not None:
            found.append(max(0.0, shown - at))
    return found


def _busiest(sent: list[float]) -> int:
    ordered, most, low = sorted(sent), 0, 0
    for high, at in enumerate(ordered):
        while ordered[low] < at - 1.0:
            low += 1
        most = max(most, high - low + 1)
    return most


def _watch(panel: Any) -> list[tuple[float, str, int]]:
    """Each time the facilitator's poll panel draws: when, which poll, how many ballots it counted."""
    seen: list[tuple[float, str, int]] = []
    original = panel.draw

    def draw(state: Any) -> None:
        original(state)
        if state.poll is not None:
            seen.append((time.time(), state.poll.qid, len(state.poll.ballots)))

    panel.draw = draw
    return seen


async def _drawn(pilot: Any, seen: list[tuple[float, str, int]], qid: str, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(q == qid and n >= count for _, q, n in seen):
        await pilot.pause(0.02)


class _Drivers:
    """The phones' processes, each told the same command and answering one JSON line."""

    def __init__(self, origin: str, code: str, phones: int, lang: str = i18n.SOURCE) -> None:
        self.argv = [
            [
                sys.executable,
                "-m",
                "workshop.bench.crowd",
                origin,
                code,
                str(first),
                str(min(PER_PROCESS, phones - first)),
                lang,
            ]
            for first in range(0, phones, PER_PROCESS)
        ]
        self.procs: list[asyncio.subprocess.Process] = []

    async def __aenter__(self) -> _Drivers:
        for argv in self.argv:
            self.procs.append(
                await asyncio.create_subprocess_exec(
                    *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**24
                )
            )
        await self.say("")
        return self

    async def say(self, command: str) -> list[dict[str, Any]]:
        return list(await asyncio.gather(*(self._said(proc, command) for proc in self.procs)))

    @staticmethod
    async def _said(proc: asyncio.subprocess.Process, command: str) -> dict[str, Any]:
        assert proc.stdin is not None and proc.stdout is not None
        if command:
            proc.stdin.write(f"{command}\n".encode())
            await proc.stdin.drain()
        line = await asyncio.wait_for(proc.stdout.readline(), 600)
        if not line:
            raise RuntimeError(f"a phones' process ended (exit {await proc.wait()}) before answering {command!r}")
        return dict(json.loads(line))

    async def __aexit__(self, *exc: object) -> None:
        for proc in self.procs:
            if proc.returncode is None:
                proc.kill()
            await proc.wait()


@contextmanager
def _serving(path: Path, serve: list[str], env: dict[str, str], log: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """`workshop serve` on a free loopback port, once it has announced its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [*serve, str(path), "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        deadline = time.monotonic() + 60
        while not any(e["type"] == "serve" for e in store.load(path).events):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"workshop serve did not start: {log.read_text('utf-8', 'replace')[-2000:]}")
            time.sleep(0.05)
        yield server, f"http://127.0.0.1:{port}"  # not translated: an address
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _process(pid: int) -> tuple[float | None, float | None]:
    """A process's peak resident memory (MiB) and CPU (s), where /proc tells them (Linux)."""
    try:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None, None
    return int(status["VmHWM"].split()[0]) / 1024, (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
