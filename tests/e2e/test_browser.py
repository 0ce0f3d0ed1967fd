"""A browser participant: `workshop serve` on a loopback port, headless Chromium (Debian's
package, driven by Playwright), joins with the code and votes by clicking; the ballot lands in
the journal and on the facilitator's tally."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.support import polls_plan
from workshop import sessions
from workshop.journal import store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.async_api", reason="needs playwright (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, seconds: float = 30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


def wait_idle(pid: int, seconds: float = 60) -> None:
    """Until the process has used no CPU for a second: started, painted, waiting for input."""

    def cpu() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks

    deadline, last, quiet = time.time() + seconds, -1, 0
    while time.time() < deadline and quiet < 4:
        now = cpu()
        quiet = quiet + 1 if now == last else 0
        last = now
        time.sleep(0.25)


def events(path: Path, type_: str) -> list[dict]:
    return [e for e in store.load(path).events if e["type"] == type_]


async def option_cell(
    path: Path, tmp: Path, token: str, name: str, label: str, size: tuple[int, int]
) -> tuple[int, int]:
    """Where `label` sits on the browser's terminal: the same app, at the same size, on a copy of
    the same session, lays it out in the same place."""
    from workshop.sessions.people import Person
    from workshop.tui.participant import make_app

    twin_dir = tmp / "twin"
    twin_dir.mkdir()
    for source in (path, path.with_name(f".{path.stem}.secret")):
        shutil.copy(source, twin_dir / source.name)
    app = make_app(twin_dir / path.name, watch=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        # a new person, as the tab's is: their rejoin code's line (six letters, as long as theirs) above
        app.screen.dismiss(Person(token, name, bytes(32), code="ABCDEF"))
        await pilot.pause()
        options = app.main.query_one("#form OptionList", OptionList)
        index = next(i for i in range(options.option_count) if label in text_of_option(options, i))
        region = options.content_region
        return region.x + 2, region.y + index - options.scroll_offset.y


def text_of_option(options: OptionList, index: int) -> str:
    return str(options.get_option_at_index(index).prompt)


def test_a_browser_participant_joins_and_votes_by_clicking(tmp_path: Path) -> None:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "web", "Sam")
    live = sessions.Session.open(path)
    live.start()
    live.goto("pick")
    code = live.state().code
    port = free_port()
    # One state folder for the terminal participant and the server's tabs, as on a real host: Ana
    # votes from her terminal, so this account remembers her; a browser tab must not become her.
    state = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    ana = subprocess.run(
        [sys.executable, "-m", "workshop", "vote", str(path), "--name", "Ana", "Coaching"],
        capture_output=True,
        text=True,
        env=state,
        timeout=60,
    )
    assert ana.returncode == 0, ana.stderr
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=state,
    )
    try:
        wait_until(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0)
        assert events(path, "serve")[0]["address"] == f"http://localhost:{port}"
        asyncio.run(_browse(path, tmp_path, port, code))
    finally:
        server.terminate()
        server.wait(timeout=10)
    ballot = events(path, "ballot")
    assert [(b["name"], b["value"]) for b in ballot] == [("Ana", ["Coaching"]), ("Web Ana", ["Planning"])]
    facilitator = sessions.Session.open(path).state()
    assert {r.label: r.value for r in facilitator.poll.tally.rows} == {"Coaching": 1, "Planning": 1, "Quality": 0}


async def _browse(path: Path, tmp_path: Path, port: int, code: str) -> None:
    async with playwright.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = await browser.new_page(viewport={"width": 1000, "height": 700})
        await page.goto(f"http://127.0.0.1:{port}/terminal/", timeout=30_000)
        await page.wait_for_selector(".xterm-screen", timeout=30_000)
        # textual-serve starts one participant app process for this tab: wait for it, then until it
        # has painted and sits waiting for keys (keys sent before that are lost)
        found = await asyncio.to_thread(
            lambda: wait_until(
                lambda: subprocess.run(
                    ["pgrep", "-f", f"workshop join --shared {path}"], capture_output=True, text=True
                ).stdout.split()
            )
        )
        for pid in found:  # the app, and any shell textual-serve started it through
            await asyncio.to_thread(wait_idle, int(pid))
        await page.focus(".xterm-helper-textarea")  # where xterm.js listens for keys
        await page.keyboard.type(code.lower())
        await page.keyboard.press("Enter")
        await page.wait_for_timeout(500)  # enter moves the focus to the name field once handled
        await page.keyboard.type("Ana")  # someone else's name, remembered on this very account
        await page.keyboard.press("Enter")
        await page.wait_for_timeout(1500)
        assert [e["name"] for e in events(path, "join")] == ["Ana"]  # refused: the tab did not become Ana
        await page.keyboard.press("End")
        for _ in range(8):
            await page.keyboard.press("Backspace")  # clear it
        await page.wait_for_timeout(300)
        await page.keyboard.type("Web Ana")
        await page.keyboard.press("Enter")

        await asyncio.to_thread(wait_until, lambda: len(events(path, "join")) == 2)
        await page.wait_for_timeout(1000)
        cell = await page.evaluate(
            "() => { const t = document.querySelector('.xterm-helper-textarea').getBoundingClientRect();"
            " const s = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " return [t.width, t.height, s.x, s.y, s.width, s.height]; }"
        )
        width, height, left, top, screen_w, screen_h = cell
        size = (int(screen_w // width), int(screen_h // height))
        token = events(path, "join")[-1]["participant"]
        x, y = await option_cell(path, tmp_path, token, "Web Ana", "Planning", size)
        await page.mouse.click(left + (x + 0.5) * width, top + (y + 0.5) * height)
        await asyncio.to_thread(wait_until, lambda: len(events(path, "ballot")) == 2)
        await page.screenshot(path=str(tmp_path / "browser.png"))
        await browser.close()
