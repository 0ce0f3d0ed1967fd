"""What the phone-page tests share: `workshop serve` on a loopback port, one headless Chromium
(Debian's package, driven by Playwright) per test module, and the journal read back as a user of
it would count: who joined, who voted what, who wrote which note."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import polls_plan
from workshop import sessions
from workshop.content.model import Plan
from workshop.journal import store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
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
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
WAIT = 20_000  # ms: a loaded two-core machine starts pages slowly; a broken page never gets there


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    path: Path
    live: sessions.Session  # the facilitator, acting through the same verbs as the terminal
    url: str
    code: str

    def events(self, *types: str) -> list[dict]:
        return [e for e in store.load(self.path).events if e["type"] in types]


@contextmanager
def serve(
    tmp_path: Path, start: bool = True, plan: Plan | None = None, args: tuple[str, ...] = (), port: int | None = None
) -> Iterator[Served]:
    """A fresh session of every kind of poll (or of `plan`), served (with `args`, on `port`);
    started unless `start` is False."""
    path = sessions.create(plan or polls_plan(), tmp_path / "sessions", "phone", "Sam")
    live = sessions.Session.open(path)
    if start:
        live.start()
    port = port or free_port()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.05)
        scheme = "https" if "--tls" in args else "http"
        yield Served(path, live, f"{scheme}://127.0.0.1:{port}/", live.state().code)
    finally:
        server.terminate()
        server.wait(timeout=10)


def join(page, served: Served, name: str, tap: bool = True) -> None:
    """Join from the page as a person would: the code, a name, a tap (or click) on Join."""
    from playwright.sync_api import expect

    page.goto(served.url)
    page.get_by_label("Join code", exact=True).fill(served.code)
    page.get_by_label("Your name").fill(name)
    button = page.get_by_role("button", name="Join")
    button.tap() if tap else button.click()
    expect(page.locator(".who")).to_contain_text("You are", timeout=WAIT)
