"""Memory per participant on each way in (issue 28), `python benchmarks/run.py ssh`: 50 ssh
participants on `serve --ssh` (asyncssh's client here, each asking for a terminal as `ssh` does;
the server starts one participant app in a pseudo-terminal per connection), beside 50 tabs at
/terminal/ (textual-serve: one app per websocket) and 50 phones on the page at / (no process of
their own), each on a fresh `serve` in the same run.

A participant's cost is what `serve` grew by (its resident memory with them, less before) plus
what the processes it started for them hold, each counted by its proportional share (PSS: pages
that 50 Python processes share, the interpreter and the libraries, count a fiftieth each), once
every app has drawn its first screen and gone idle.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from tests.e2e.phone_client import free_port, process_figures
from tests.support import polls_plan

COUNT = 50
DRIVER = Path(__file__).resolve().parents[1] / "tests" / "e2e" / "phone_client.py"


def bench() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        found = {
            "ssh": asyncio.run(_ssh(folder)),
            "/terminal/": asyncio.run(_tabs(folder)),
            "phone page": asyncio.run(_phones(folder)),
        }
    print(
        f"ssh: memory per participant, {COUNT} at once on one `serve` each way (serve's growth + the processes "
        "it started for them, by PSS):"
    )
    for way, figures in found.items():
        print(
            f"  {way:<11} {figures['per']:6.1f} MiB each ({figures['serve'] * 1024:4.0f} KiB in serve, "
            f"{figures['apps']:4.1f} MiB in {figures['processes']:.0f} processes of its own, resident "
            f"{figures['rss']:4.1f} MiB; {figures['total'] / 1024:.2f} GiB for {COUNT})"
        )
    ssh, tabs, phones = (found[k]["per"] for k in ("ssh", "/terminal/", "phone page"))
    print(f"  an ssh participant costs {ssh / tabs:.2f}x a /terminal/ tab and {ssh / phones:.0f}x a phone")


@contextmanager
def _serving(path: Path, *args: str) -> Iterator[subprocess.Popen]:
    from workshop.journal import store

    log = path.with_suffix(".log")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "workshop",
                "serve",
                str(path),
                "--max",
                str(COUNT + 10),
                "--per-address",
                str(COUNT + 10),
                *args,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not any(e["type"] == "serve" for e in store.load(path).events):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _session(folder: Path, name: str) -> tuple[Path, str]:
    from workshop import sessions

    path = sessions.create(polls_plan(), folder, name, "Sam")  # not started: every screen still, as at the door
    return path, sessions.Session.open(path).state().code


def _children(pid: int) -> list[int]:
    """Every process below `pid`."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = [], [pid]
    while frontier:
        below = [child for child, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def _pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _settled(server: int, apps: int) -> list[int]:
    """The processes `serve` started, once there are `apps` of them (besides their shells) and
    each has used under 1.5 % of a core over two seconds (an idle app's timers take about 0.6 %;
    starting, one takes a whole core): every app has drawn its first screen and waits for a key."""
    deadline, looks = time.monotonic() + 900, []
    while time.monotonic() < deadline:
        below = _children(server)
        working = [p for p in below if b"workshop" in Path(f"/proc/{p}/cmdline").read_bytes()]
        looks.append(sum(process_figures(p)["cpu_s"] for p in below) if len(working) >= apps else None)
        recent = looks[-9:]
        if len(recent) == 9 and None not in recent and recent[-1] - recent[0] < 0.015 * 2 * apps:
            return below
        await asyncio.sleep(0.25)
    raise RuntimeError("the apps never settled")


def _figures(server: int, before: float, below: list[int]) -> dict[str, float]:
    grown = process_figures(server)["rss_mib"] - before
    apps = sum(_pss_mib(p) for p in below)
    resident = sum(process_figures(p)["rss_mib"] for p in below)  # each counting every page it maps
    return {
        "serve": grown / COUNT,
        "apps": apps / COUNT,
        "processes": len(below) / COUNT,
        "rss": resident / COUNT,
        "per": (grown + apps) / COUNT,
        "total": grown + apps,
    }


async def _ssh(folder: Path) -> dict[str, float]:
    from workshop.sshd import asyncssh

    path, _ = _session(folder, "ssh")
    port = free_port()
    with _serving(path, "--ssh", str(port)) as server:
        before = process_figures(server.pid)["rss_mib"]
        connections, drains = [], []
        try:
            for _ in range(COUNT):
                conn = await asyncssh.connect(
                    "127.0.0.1",
                    port,
                    username="join",
                    known_hosts=None,
                    client_keys=None,
                    agent_path=None,
                    password=None,
                )
                process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30), encoding=None)
                connections.append(conn)
                drains.append(asyncio.create_task(_read_all(process.stdout)))  # what the app draws, as ssh shows it
            below = await _settled(server.pid, COUNT)
            return _figures(server.pid, before, below)
        finally:
            for task in drains:
                task.cancel()
            for conn in connections:
                conn.close()


async def _read_all(stream) -> None:
    while await stream.read(65536):
        pass


async def _tabs(folder: Path) -> dict[str, float]:
    path, _ = _session(folder, "tabs")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with _serving(path, "--port", str(port)) as server:
        before = process_figures(server.pid)["rss_mib"]
        async with aiohttp.ClientSession() as client:
            sockets = [
                await client.ws_connect(f"{origin}/terminal/ws?width=100&height=30", origin=origin)
                for _ in range(COUNT)
            ]
            drains = [asyncio.create_task(_drain(ws)) for ws in sockets]
            try:
                below = await _settled(server.pid, COUNT)
                return _figures(server.pid, before, below)
            finally:
                for task in drains:
                    task.cancel()
                for ws in sockets:
                    await ws.close()


async def _drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in ws:
        pass


async def _phones(folder: Path) -> dict[str, float]:
    path, code = _session(folder, "phones")
    port = free_port()
    with _serving(path, "--port", str(port)) as server:
        before = process_figures(server.pid)["rss_mib"]
        driver = await asyncio.create_subprocess_exec(
            sys.executable,
            str(DRIVER),
            f"http://127.0.0.1:{port}",
            code,
            str(COUNT),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**20,
        )
        try:
            joined = json.loads(await asyncio.wait_for(driver.stdout.readline(), 120))  # type: ignore[union-attr]
            assert joined["joined"] == COUNT, joined
            await asyncio.sleep(2)  # every page's event stream open, as a room's phones hold theirs
            figures = _figures(server.pid, before, [])
        finally:
            driver.stdin.write(b"quit\n")  # type: ignore[union-attr]
            await driver.stdin.drain()  # type: ignore[union-attr]
            await asyncio.wait_for(driver.wait(), 60)
        return figures
