"""The 200-phone room (issue 13), `python benchmarks/run.py phones`: one `workshop serve` process,
200 simulated phones in another (tests/e2e/phone_client.py) joining, voting on every kind of poll
and sending a note, while the facilitator's screen runs here. Measured side by side with what a
browser participant cost before the phone page: one textual-serve terminal participant process.

Ballot-to-facilitator latency is measured as benchmarks/run.py's `screen` and `room` groups do:
the facilitator's poll panel records each draw, and the i-th ballot is taken to be the i-th
counted; from the moment the phone's POST /vote was answered (the ballot is on disk by then), and
from the moment it was sent (the tap: what the room waits for).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

from tests.e2e.phone_client import free_port, process_figures, serving
from tests.support import polls_plan

PHONES = 200
POLLS = ["pick", "many", "fist", "dots", "order", "word"]  # tests/support.py: one of each kind
DRIVER = Path(__file__).resolve().parents[1] / "tests" / "e2e" / "phone_client.py"
Latencies = Callable[[list[tuple[float, int]], list[float]], list[float]]


def bench(latencies: Latencies) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        room = asyncio.run(_room(Path(tmp), latencies))
        one = asyncio.run(_terminal_participant(Path(tmp)))
    server, before = room["server"], PHONES * one["hwm_mib"]
    print(f"phones: {PHONES} phones on one `serve`, {len(POLLS)} kinds of poll: {room['counted']} of {room['cast']} "
          f"ballots counted, {room['notes']} notes, answers {room['answers']}, {room['wall']:.0f} s; to the "
          f"facilitator's screen from POST /vote answered {_spread(room['answered'])}, from sent (the tap) "
          f"{_spread(room['sent'])}; POST round trip {_spread(room['trip'])}\n"
          f"  server memory idle {room['idle']['rss_mib']:.0f} MiB, with {PHONES} phones {server['rss_mib']:.0f} MiB "
          f"(peak {server['hwm_mib']:.0f} MiB, target < 250), CPU {server['cpu_s']:.1f} s; one textual-serve "
          f"terminal participant {one['rss_mib']:.0f} MiB (peak {one['hwm_mib']:.0f} MiB): {PHONES} of those "
          f"{before / 1024:.1f} GiB, {before / server['hwm_mib']:.0f}x the phone server")


def _spread(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


async def _room(folder: Path, latencies: Latencies) -> dict:
    from workshop import sessions
    from workshop.tui.facilitator import make_app
    from workshop.tui.widgets.poll import PollPanel

    path = sessions.create(polls_plan(), folder, "phones", "Sam")
    live = sessions.Session.open(path)
    live.start()
    port = free_port()
    with serving(path, port, folder / "serve.log") as server:
        idle = process_figures(server.pid)
        app = make_app(path, bell=False)
        async with app.run_test(size=(120, 40)) as pilot:
            seen = _watch(app.query_one(PollPanel))
            started = time.monotonic()
            driver = await asyncio.create_subprocess_exec(
                sys.executable, str(DRIVER), f"http://127.0.0.1:{port}", live.state().code, str(PHONES),
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**20)
            try:
                await _said(driver)  # joined
                found: dict[str, list[float]] = {"answered": [], "sent": [], "trip": []}
                for step in POLLS:
                    qid = f"polls/{step}"
                    live.goto(step)
                    times = await _said(driver, f"vote {qid}")
                    for _ in range(1500):  # up to 30 s for the screen to count them all
                        if any(q == qid and n >= PHONES for _, q, n in seen):
                            break
                        await pilot.pause(0.02)
                    drawn = [(t, n) for t, q, n in seen if q == qid]
                    for when in ("answered", "sent"):
                        found[when] += latencies(drawn, times[when])
                    found["trip"] += [b - a for a, b in zip(times["sent"], times["answered"], strict=True)]
                await _said(driver, "note")
                answers = (await _said(driver, "quit"))["answers"]
            finally:
                if driver.returncode is None:
                    driver.kill()
                await driver.wait()
            wall = time.monotonic() - started
        figures = process_figures(server.pid)
    state = sessions.Session.open(path).state()
    return {"counted": sum(len(state.polls[f"polls/{s}"].ballots) for s in POLLS), "cast": PHONES * len(POLLS),
            "notes": len(state.notes), "answers": answers, "wall": wall, "idle": idle, "server": figures} | found


def _watch(panel) -> list[tuple[float, str, int]]:
    """Each time the facilitator's poll panel draws: when, which poll, how many ballots it counted."""
    seen: list[tuple[float, str, int]] = []
    original = panel.draw

    def draw(state):
        original(state)
        if state.poll is not None:
            seen.append((time.time(), state.poll.qid, len(state.poll.ballots)))

    panel.draw = draw
    return seen


async def _said(driver: asyncio.subprocess.Process, command: str = "") -> dict:
    """Send the phones' process a command; its one-line JSON answer."""
    if command:
        driver.stdin.write(f"{command}\n".encode())  # type: ignore[union-attr]
        await driver.stdin.drain()  # type: ignore[union-attr]
    line = await asyncio.wait_for(driver.stdout.readline(), 120)  # type: ignore[union-attr]
    if not line:
        raise RuntimeError(f"the phones' process ended (exit {await driver.wait()}) before answering {command!r}")
    return json.loads(line)


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
