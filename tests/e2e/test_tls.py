"""Join from anywhere over HTTPS: Debian's Chromium, driven by Playwright and told to accept the
self-signed certificate (in these tests only), joins the phone page of `serve --tls`, writes a
note, follows the facilitator's moves over the event stream and votes; a tab at /terminal/ joins
over wss. Then the same through a reverse proxy terminating TLS in front of a plain `serve
--trusted-proxy`: Caddy, with the configuration docs/participants.md gives, when the system has
it (scripts/system-packages installs it), else a small aiohttp proxy this test starts."""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.e2e.phones import ARGS, CHROMIUM, PHONE, WAIT, Served, free_port, join, serve

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
expect = sync_api.expect
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium; CI installs it)")
CADDY = shutil.which("caddy")
DOCS = Path(__file__).parents[2] / "docs" / "participants.md"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def listening(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        assert time.monotonic() < deadline, f"nothing listens on {port}"
        time.sleep(0.05)


def announced(served: Served, seconds: float = 60) -> list[dict]:
    """The `serve` events, once `serve` has written its own (after its socket listens)."""
    deadline = time.monotonic() + seconds
    while not served.events("serve"):
        assert time.monotonic() < deadline, "serve announced nothing"
        time.sleep(0.05)
    return served.events("serve")


def take_part(context, served: Served) -> None:
    """A phone joins, writes a note, sees the facilitator move on without reloading, votes; a tab
    at /terminal/ joins too. Every connection is https, every websocket wss."""
    sockets: list[str] = []
    page = context.new_page()
    page.on("websocket", lambda ws: sockets.append(ws.url))
    join(page, served, "Ana")
    page.get_by_label("Your note").fill("Glad to be here")
    page.get_by_role("button", name="Send").tap()
    expect(page.locator(".notes")).to_contain_text("Glad to be here", timeout=WAIT)
    page.evaluate("window.stayed = true")
    served.live.goto("pick")  # the facilitator: reaches the page over the event stream
    expect(page.get_by_role("group", name="Which first?")).to_be_visible(timeout=WAIT)
    assert page.evaluate("window.stayed === true"), "the page reloaded instead of updating itself"
    page.get_by_label("Planning").tap()
    page.get_by_role("button", name="Vote").tap()
    expect(page.get_by_text("Your vote is recorded")).to_be_visible(timeout=WAIT)
    assert all(cookie["secure"] for cookie in context.cookies()), context.cookies()

    tab = context.new_page()
    tab.on("websocket", lambda ws: sockets.append(ws.url))
    tab.goto(served.url + "terminal/", timeout=30_000)
    tab.wait_for_selector(".xterm-screen", timeout=30_000)
    typed = False
    deadline = time.monotonic() + 60
    while not [e for e in served.events("join") if e["name"] == "Tab Bo"]:  # keys sent before the app listens are lost
        assert time.monotonic() < deadline, "the tab never joined"
        if not typed or "Your name" not in tab.locator(".xterm-screen").inner_text():
            tab.focus(".xterm-helper-textarea")
            tab.keyboard.type(served.code)
            tab.keyboard.press("Enter")
            tab.wait_for_timeout(700)
            tab.keyboard.type("Tab Bo")
            tab.keyboard.press("Enter")
            typed = True
        tab.wait_for_timeout(500)
    assert sockets and all(url.startswith("wss://") for url in sockets), sockets
    assert [e["name"] for e in served.events("join")] == ["Ana", "Tab Bo"]
    assert [(b["name"], b["value"]) for b in served.events("ballot")] == [("Ana", ["Planning"])]
    assert [n["text"] for n in served.events("note")] == ["Glad to be here"]


def test_a_phone_over_https_with_a_self_signed_certificate(browser, tmp_path: Path) -> None:
    with serve(tmp_path, args=("--tls",)) as served:
        [event] = announced(served)
        assert event["address"].startswith("https://localhost:")
        port = int(event["address"].rsplit(":", 1)[1])
        der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate(("127.0.0.1", port)))
        assert hashlib.sha256(der).hexdigest() == event["certificate"]  # what people check is what they get
        context = browser.new_context(ignore_https_errors=True, **PHONE)
        take_part(context, served)
        context.close()


def caddy(tmp_path: Path, port: int, upstream: int) -> subprocess.Popen:
    """Caddy with the docs' own site block, given this test's name and ports, its internal CA
    (no network here) and no admin endpoint, trust store or redirect listener of its own."""
    block = re.search(r"```caddy\n(.*?)```", DOCS.read_text(), re.S).group(1)
    site = block.replace("workshop.example.org", "localhost").replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    config = tmp_path / "Caddyfile"
    config.write_text(
        "{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n"
        f"\thttp_port {free_port()}\n\thttps_port {port}\n}}\n\n{site}"
    )
    env = {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PATH": "/usr/bin:/bin",
    }
    with open(tmp_path / "caddy.log", "w") as log:
        return subprocess.Popen(
            [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )


def test_a_phone_behind_a_reverse_proxy_terminating_tls(browser, tmp_path: Path) -> None:
    port, upstream = free_port(), free_port()
    if CADDY:
        proxy = caddy(tmp_path, port, upstream)
    else:  # the system has no Caddy: the test's own proxy, setting the same forwarded headers
        proxy = subprocess.Popen(
            [sys.executable, "-m", "tests.web.proxy", f"http://127.0.0.1:{upstream}", str(port), str(tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        listening(port)
        public = f"https://localhost:{port}"
        with serve(tmp_path, args=("--trusted-proxy", "127.0.0.1", "--url", public), port=upstream) as served:
            assert [e["address"] for e in announced(served)] == [public]
            context = browser.new_context(ignore_https_errors=True, **PHONE)
            take_part(context, replace(served, url=public + "/"))
            context.close()
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
