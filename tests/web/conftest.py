"""The phone page in process: `workshop.web.make_app` on a session of every poll kind, served by
aiohttp's test server on loopback, and `Phone`, one person's browser as the server sees it (its
own cookies, the page's Origin, the CSRF token scraped from the last page it was given)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import ClientResponse, CookieJar, TCPConnector
from aiohttp.test_utils import TestClient, TestServer

from tests.support import polls_plan
from tests.tui.conftest import FakeClock
from tests.web.proxy import reverse_proxy
from workshop import sessions, tls
from workshop.web import make_app, proxy

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Phone:
    client: TestClient
    csrf: str = ""
    last: str = ""
    waits: list[float] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return str(self.client.make_url("/")).rstrip("/")

    async def open(self, path: str = "/") -> str:
        response = await self.client.get(path)
        self.last = await response.text()
        if found := CSRF.search(self.last):
            self.csrf = found.group(1)
        return self.last

    async def post(self, path: str, origin: str | None = "", csrf: str | None = "", **fields: object) -> ClientResponse:
        """A form post as the page makes it; `origin=None`/`csrf=None` leave those out."""
        data = dict(fields)
        if csrf is not None:
            data["csrf"] = csrf or self.csrf
        headers = {} if origin is None else {"Origin": origin or self.origin}
        response = await self.client.post(path, data=data, headers=headers, allow_redirects=False)
        self.last = await response.text()
        return response

    async def join(self, code: str, name: str, rejoin: str = "") -> ClientResponse:
        await self.open()
        return await self.post("/join", code=code, name=name, rejoin=rejoin)


@dataclass
class Served:
    path: Path
    live: sessions.Session  # the facilitator's own handle on the session
    phones: list[Phone]
    server: TestServer  # what phones connect to: the page's server, or the proxy in front of it
    clock: FakeClock  # the session's clock on the server: a test moves it past a wrong code's wait
    behind: TestServer | None = None  # the page's own server, behind the proxy

    @property
    def code(self) -> str:
        return self.live.state().code

    async def phone(self) -> Phone:
        # a self-signed certificate: the tests accept it, as a person does after the browser's warning
        client = TestClient(self.server, cookie_jar=CookieJar(unsafe=True), connector=TCPConnector(ssl=False))
        await client.start_server()
        phone = Phone(client)
        self.phones.append(phone)
        return phone

    def journal(self) -> bytes:
        return self.path.read_bytes()


# How phones reach the page: plain HTTP, HTTPS (`serve --tls`, self-signed), or HTTPS to a
# reverse proxy that passes requests on over HTTP with X-Forwarded-* (`serve --trusted-proxy`).
WAYS = ["http", "https", "proxy"]


@pytest.fixture
async def served(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Served]:
    way = getattr(request, "param", "http")
    path = sessions.create(polls_plan(), tmp_path / "sessions", "phones", "Sam")
    clock = FakeClock()
    live = sessions.Session.open(path, clock)
    live.start()
    live.goto("pick")
    trusted = proxy.Proxy.parse("127.0.0.1") if way == "proxy" else None
    app = make_app(sessions.Session.open(path, clock), trusted=trusted)
    context = tls.self_signed(path, ["127.0.0.1"]).context if way != "http" else None
    server = TestServer(app)
    await server.start_server(ssl=context if way == "https" else None)
    front = server
    if way == "proxy":
        front = TestServer(reverse_proxy(str(server.make_url("/"))))
        await front.start_server(ssl=context)
    served = Served(path, live, [], front, clock, behind=server if front is not server else None)
    try:
        yield served
    finally:
        for phone in served.phones:
            await phone.client.close()
        await front.close()
        await server.close()


def kinds(events: list[dict]) -> list[str]:
    return [e["type"] for e in events if e["type"] != "present"]
