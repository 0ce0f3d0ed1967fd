"""Rooms of phones on one `workshop serve` (issues 13 and 30), `python benchmarks/run.py phones`
and `thousand`: simulated phones (workshop/bench/phones.py) joining, voting on every kind of poll
and sending a note, while the facilitator's screen runs here (workshop/bench/room.py, what
`workshop bench room` runs).

`phones`: 200 phones, against what a browser participant cost before the phone page (one
textual-serve terminal participant process). `thousand`: 1,000 phones joining within a minute,
each tapping a poll's answer within its half minute, on the code before issue 30 (commit BEFORE,
exported from git) and now, one after the other in one run; then the same room tapping the
instant each poll shows (the worst a room can do).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import aiohttp

from tests.e2e.phone_client import free_port, process_figures, serving
from tests.support import polls_plan
from workshop.bench import room, verdict

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "2fb0805"  # main before issue 30: one fsync per verb, a full state per check, a page per key
PHONES = 200


def bench() -> None:
    figures = room.measure(PHONES, 40)
    with tempfile.TemporaryDirectory() as tmp:
        one = asyncio.run(_terminal_participant(Path(tmp)))
    verdict.report(figures, lambda line: print(f"phones: {line}"))
    before = PHONES * one["hwm_mib"]
    print(
        f"phones: one textual-serve terminal participant {one['rss_mib']:.0f} MiB (peak {one['hwm_mib']:.0f} MiB): "
        f"{PHONES} of those {before / 1024:.1f} GiB, {before / (figures.memory or 1):.0f}x the phone server"
    )


def bench_thousand() -> None:
    """1,000 phones before and after issue 30, and all tapping at once after it."""
    with tempfile.TemporaryDirectory() as tmp:
        old = _before(Path(tmp) / "before")
        then = {**os.environ, "PYTHONPATH": str(old)}
        runs: list[tuple[str, dict[str, str] | None, float]] = [
            (f"before ({BEFORE})", then, 1.0),
            ("now", None, 1.0),
            (f"before ({BEFORE}), all at once", then, 0.0),
            ("now, all at once", None, 0.0),
        ]
        if old is None:
            print("thousand: no git history here: the code before issue 30 is not measured")
            runs = [run for run in runs if run[1] is None]
        for label, env, spread in runs:
            # -P: the server imports the package PYTHONPATH names, not the one in the current folder
            figures = room.measure(
                1000, 240, [sys.executable, "-P", "-m", "workshop", "serve"], env, spread, proxied=env is None
            )
            verdict.report(figures, lambda line, label=label: print(f"thousand, {label}: {line}"))


def _before(folder: Path) -> Path | None:
    """The package as it was at BEFORE, exported from git; None without the history."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE, "workshop"], capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


async def _terminal_participant(folder: Path) -> dict[str, float]:
    """What one browser participant cost before the phone page: `serve` starts one terminal app
    process per /terminal/ websocket; its memory once it has drawn its first screen and gone idle."""
    from workshop import sessions

    path = sessions.create(polls_plan(), folder, "terminal", "Sam")
    sessions.Session.open(path).start()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "workshop", "join", "--shared", str(path)]
    with serving(path, port, folder / "terminal.log"):
        async with aiohttp.ClientSession() as client, client.ws_connect(f"{origin}/terminal/ws", origin=origin) as ws:
            drain = asyncio.create_task(_drain(ws))  # read what the app draws, as the browser would
            try:
                pid = await _until(lambda: next(iter(_processes(argv)), None), 30)
                await _until(_quiet(pid), 60)
                return process_figures(pid)
            finally:
                drain.cancel()


async def _drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in ws:
        pass


def _processes(argv: list[str]) -> list[int]:
    """Processes running exactly `argv` (textual-serve starts each app under a shell)."""
    found = []
    want = b"\0".join(a.encode() for a in argv) + b"\0"
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes() == want:
                found.append(int(entry.name))
        except OSError:
            continue  # gone while we looked
    return found


def _quiet(pid: int) -> Callable[[], bool]:
    """True once the process has used no CPU over a second of looks: drawn, waiting for a key."""
    looks: list[float] = []

    def quiet() -> bool:
        looks.append(process_figures(pid)["cpu_s"])
        return len(looks) > 4 and len(set(looks[-5:])) == 1

    return quiet


async def _until(condition: Callable[[], object], seconds: float) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        await asyncio.sleep(0.25)
    raise RuntimeError("timed out")
