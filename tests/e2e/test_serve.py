"""`workshop serve` as a front door: a real server process on a loopback port, websockets opened
with aiohttp's client, participant app processes counted in /proc. Nothing leaves the machine."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.test_browser import free_port
from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store


def serve_events(path: Path) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == "serve"]


def apps(path: Path) -> list[int]:
    """The participant app processes serving this session (not the shell that starts each)."""
    argv = [sys.executable, "-m", "workshop", "join", "--shared", str(path)]
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes().split(b"\0")[:-1] == [
                a.encode() for a in argv
            ]:
                found.append(int(entry.name))
        except OSError:
            continue  # gone while we looked
    return found


async def until(condition, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


class Serving:
    def __init__(self, path: Path, port: int, process: subprocess.Popen) -> None:
        self.path, self.port, self.process = path, port, process
        self.origin = f"http://127.0.0.1:{port}"

    def ws(self, client: aiohttp.ClientSession, origin: str | None = "", query: str = ""):
        """A websocket as a page from `origin` opens it: by default this server's own; None sends none."""
        return client.ws_connect(f"{self.origin}/terminal/ws{query}", origin=self.origin if origin == "" else origin)


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return sessions.create(polls_plan(), tmp_path / "sessions", "web", "Sam")


def start(path: Path, *args: str, port: int | None = None) -> Serving:
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while not serve_events(path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert serve_events(path), process.communicate(timeout=5)
    # announced is not yet serving: the socket listens before the server answers (and before it
    # takes ctrl+c as its own); a page answered, whatever its status, is
    while not answers(port) and time.monotonic() < deadline + 20 and process.poll() is None:
        time.sleep(0.05)
    assert answers(port), process.communicate(timeout=5)
    return Serving(path, port, process)


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
    except urllib.error.HTTPError:
        return True  # refused, but by the server
    except OSError:
        return False
    return True


def stop(serving: Serving, signum: int = signal.SIGTERM) -> int:
    if serving.process.poll() is None:
        serving.process.send_signal(signum)
    try:
        return serving.process.wait(timeout=15)
    finally:
        if serving.process.poll() is None:
            serving.process.kill()
        for pid in apps(serving.path):  # only if serve failed to end them
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def serving(session_path: Path, request: pytest.FixtureRequest) -> Iterator[Serving]:
    server = start(session_path, *getattr(request, "param", ()))
    yield server
    stop(server)


async def refused(serving: Serving, client: aiohttp.ClientSession, **kwargs) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        async with serving.ws(client, **kwargs):
            pass
    return caught.value.status


@pytest.mark.parametrize("serving", [("--max", "5")], indirect=True)
async def test_serve_refuses_a_foreign_origin_and_accepts_its_own(serving: Serving) -> None:
    async with aiohttp.ClientSession() as client:
        assert await refused(serving, client, origin="http://evil.example") == 403
        assert await refused(serving, client, origin=f"http://evil.example:{serving.port}") == 403
        assert await refused(serving, client, origin=None) == 403  # no browser omits it
        async with serving.ws(client):
            # the accepted socket's app, once there, is the only one: the refused ones started none
            await until(lambda: apps(serving.path))
            assert len(apps(serving.path)) == 1


@pytest.mark.parametrize("serving", [("--max", "3")], indirect=True)
async def test_serve_refuses_apps_over_max(serving: Serving) -> None:
    async with aiohttp.ClientSession() as client:
        open_ = [await serving.ws(client) for _ in range(3)]
        await until(lambda: len(apps(serving.path)) == 3)
        assert await refused(serving, client) == 503
        page = await client.get(f"{serving.origin}/terminal/")  # a person opening the page sees why
        assert page.status == 503 and "full" in await page.text()
        await asyncio.sleep(1)  # nothing to wait for: a refused socket's app, if any, would be up by now
        assert len(apps(serving.path)) == 3
        await open_.pop().close()
        await until(lambda: len(apps(serving.path)) == 2)
        async with serving.ws(client):  # the freed place is taken again
            await until(lambda: len(apps(serving.path)) == 3)
        for ws in open_:
            await ws.close()
        await until(lambda: not apps(serving.path))


@pytest.mark.parametrize("serving", [("--max", "10", "--per-address", "2")], indirect=True)
async def test_serve_refuses_apps_over_the_per_address_limit(serving: Serving) -> None:
    async with aiohttp.ClientSession() as client, serving.ws(client), serving.ws(client):
        await until(lambda: len(apps(serving.path)) == 2)
        assert await refused(serving, client) == 429
        await asyncio.sleep(1)  # nothing to wait for: a refused socket's app, if any, would be up by now
        assert len(apps(serving.path)) == 2


CURSOR = re.compile(rb"\x1b\[(\d+);(\d+)H")


async def furthest_cell(ws: aiohttp.ClientWebSocketResponse, quiet: float = 2.0) -> tuple[int, int]:
    """The lowest row and rightmost column the app moved its cursor to, until it goes quiet."""
    rows, cols = [0], [0]
    while True:
        try:
            message = await asyncio.wait_for(ws.receive(), quiet)
        except TimeoutError:
            return max(rows), max(cols)
        if message.type != aiohttp.WSMsgType.BINARY:
            continue
        for row, col in CURSOR.findall(message.data):
            rows.append(int(row))
            cols.append(int(col))


def environment(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode().split("=", 1) for p in pairs if b"=" in p)


@pytest.mark.parametrize("serving", [("--max", "2")], indirect=True)
async def test_serve_clamps_the_terminal_size(serving: Serving) -> None:
    async with aiohttp.ClientSession() as client, serving.ws(client, query="?width=20000&height=20000") as ws:
        [pid] = await until(lambda: apps(serving.path))
        env = environment(pid)
        assert (env["COLUMNS"], env["ROWS"]) == ("300", "100")  # what the app starts at
        assert 0 < (await furthest_cell(ws))[0] <= 100
        await ws.send_str(json.dumps(["resize", {"width": 20000, "height": 20000}]))
        row, col = await furthest_cell(ws)
        assert 0 < row <= 100 and col <= 300
        await ws.send_str(json.dumps(["resize", {"width": "wide", "height": -5}]))  # garbled: a sane size
        await furthest_cell(ws)
        assert apps(serving.path) == [pid]


async def test_a_garbled_message_is_one_line_on_the_facilitators_terminal(serving: Serving) -> None:
    async with aiohttp.ClientSession() as client:
        for garbled in ("not json", '{"type": "stdin"}', '["resize", {}]'):
            async with serving.ws(client) as ws:
                await until(lambda: apps(serving.path))
                await ws.send_str(garbled)
                await ws.receive()  # the server gives up on this socket
            await until(lambda: not apps(serving.path))
    stop(serving)
    errors = serving.process.stderr.read()
    assert "Traceback" not in errors
    assert len([line for line in errors.splitlines() if line.startswith("serve: ")]) == 3, errors


def test_a_busy_port_is_one_line_and_announces_nothing(session_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run_serve(session_path, "--port", str(busy.getsockname()[1]))
    assert_one_line_refusal(result, session_path, "is in use")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--host", "203.0.113.7"], "not an address of this machine"),  # a documentation address: never ours
        (["--host", "no such host"], "no such host"),
        (["--port", "70000"], "65535"),
    ],
)
def test_a_bad_address_is_one_line_and_announces_nothing(session_path: Path, args: list[str], says: str) -> None:
    assert_one_line_refusal(run_serve(session_path, *args), session_path, says)


def run_serve(path: Path, *args: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "workshop", "serve", str(path), *args]
    if "--port" not in args:
        argv += ["--port", str(free_port())]
    return subprocess.run(argv, capture_output=True, text=True, timeout=30)


def assert_one_line_refusal(result: subprocess.CompletedProcess, path: Path, says: str) -> None:
    assert result.returncode == 2, result
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr and result.stdout == ""
    assert serve_events(path) == []


async def test_bound_to_every_interface_it_announces_a_reachable_address(session_path: Path) -> None:
    server = start(session_path, "--host", "0.0.0.0")
    try:
        announced = serve_events(session_path)[-1]["address"]
        host = announced.removeprefix("http://").rsplit(":", 1)[0]
        assert announced.endswith(f":{server.port}")
        assert host not in ("", "localhost", "0.0.0.0", "[::]") and not host.startswith("127."), announced
    finally:
        assert stop(server, signal.SIGINT) == 0  # ctrl+c
    assert serve_events(session_path)[-1]["address"] == ""


async def test_stopping_serve_ends_its_apps_and_clears_the_address(serving: Serving) -> None:
    assert serve_events(serving.path)[-1]["address"] == f"http://localhost:{serving.port}"
    async with aiohttp.ClientSession() as client, serving.ws(client):
        await until(lambda: apps(serving.path))
        assert stop(serving) == 0
    await until(lambda: not apps(serving.path), seconds=10)
    assert serve_events(serving.path)[-1]["address"] == ""
    live = sessions.Session.open(serving.path)
    assert live.state().address == ""  # so the join bar shows no address
