"""`serve --trusted-proxy ADDR` and `--tls`, in process (docs/security.md, "Behind a proxy"): what a
proxy forwards counts from that address only, and only the entry the proxy itself added; the
limits count the browser's address, not the proxy's; HSTS only with a certificate browsers check."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import ClientSession, DummyCookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from multidict import CIMultiDict

from tests.support import polls_plan
from tests.tui.conftest import FakeClock
from tests.web.conftest import CSRF
from workshop import sessions, tls
from workshop.journal import store
from workshop.web import make_app, proxy

PROXY = "127.0.0.2"  # the trusted proxy's address; the tests' own browser connects from 127.0.0.1


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[tuple[Path, Callable[..., TestServer]]]:
    path = sessions.create(polls_plan(), tmp_path / "sessions", "proxied", "Sam")
    servers: list[TestServer] = []

    async def start(trusted: str | None = PROXY, hsts: bool = False, ssl: object = None) -> TestServer:
        clock = FakeClock()
        app = make_app(
            sessions.Session.open(path, clock), trusted=proxy.Proxy.parse(trusted) if trusted else None, hsts=hsts
        )
        server = TestServer(app, host="127.0.0.1")
        await server.start_server(ssl=ssl)
        servers.append(server)
        return server

    yield path, start
    for server in servers:
        await server.close()


async def wrong_code(server: TestServer, source: str, headers: dict[str, str], origin: str = "") -> tuple[int, str]:
    """A browser (or what claims to be one) from `source` types a wrong join code on a page of
    `origin` (by default, the one its headers name): the status, and the form cookie as set."""
    async with ClientSession(
        connector=TCPConnector(local_addr=(source, 0), ssl=False), cookie_jar=DummyCookieJar()
    ) as client:  # the cookie is sent back as a browser would
        url = server.make_url("/")
        page = await client.get(url, headers=headers)
        csrf = CSRF.search(await page.text()).group(1)
        cookie = page.headers.get("Set-Cookie", "")
        scheme, host = headers.get("X-Forwarded-Proto", "https"), headers.get("X-Forwarded-Host", url.authority)
        origin = origin or f"{scheme}://{host}"
        posted = await client.post(
            server.make_url("/join"),
            allow_redirects=False,
            headers={**headers, "Origin": origin, "Cookie": cookie.split(";")[0]},
            data={"csrf": csrf, "code": "WRONG1", "name": "Eve"},
        )
        return posted.status, cookie


def clients(path: Path) -> list[str]:
    return [e["client"] for e in store.load(path).events if e["type"] == "wrong-code"]


async def test_forwarded_headers_count_from_the_trusted_proxy_only(page) -> None:
    """From the proxy, the browser's address is the client and its https the page's scheme (the
    cookie is Secure); from anywhere else the same headers are ignored: a browser cannot pass
    for another address, nor for https, by claiming it."""
    path, start = page
    server = await start()
    claims = {
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": f"127.0.0.1:{server.port}",
    }
    status, cookie = await wrong_code(server, "127.0.0.1", claims, origin=f"http://127.0.0.1:{server.port}")
    assert "Secure" not in cookie and status == 403
    assert clients(path) == ["this machine"]  # the claim is ignored: counted as where it came from
    status, cookie = await wrong_code(server, PROXY, claims)
    assert "Secure" in cookie and status == 403
    assert clients(path) == ["this machine", "203.0.113.9"]


async def test_only_the_entry_the_proxy_added_counts(page) -> None:
    """nginx appends the address it saw to what the browser sent: the last entry is the proxy's
    own word. A Forwarded header a browser sent through a proxy that speaks X-Forwarded-* is
    ignored; a proxy that speaks only Forwarded (RFC 7239) is read too."""
    path, start = page
    server = await start()
    host = f"127.0.0.1:{server.port}"
    await wrong_code(
        server,
        PROXY,
        {
            "X-Forwarded-For": "10.9.9.9, 198.51.100.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": host,
            "Forwarded": "for=10.8.8.8;proto=https",
        },
    )
    await wrong_code(server, PROXY, {"Forwarded": f'for=10.7.7.7, for="[2001:db8::5]:4711";proto=https;host="{host}"'})
    assert clients(path) == ["198.51.100.7", "2001:db8::/64"]


@pytest.mark.parametrize(
    "claims",
    [
        {"X-Forwarded-For": "not an address", "X-Forwarded-Proto": "https"},
        {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "gopher"},
        {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "evil<script>.example"},
    ],
)
async def test_a_malformed_forward_is_refused_and_writes_nothing(page, claims: dict[str, str]) -> None:
    path, start = page
    server = await start()
    before = path.read_bytes()
    async with ClientSession(connector=TCPConnector(local_addr=(PROXY, 0))) as client:
        answer = await client.get(server.make_url("/"), headers=claims)
        assert answer.status == 400 and "the proxy forwarded" in await answer.text()
    assert path.read_bytes() == before


async def test_hsts_only_over_https_with_a_certificate_browsers_check(page) -> None:
    """A self-signed certificate may be replaced tomorrow by plain HTTP on the same name: browsers
    would then refuse the room for as long as HSTS said. Only a given certificate sends it."""
    path, start = page
    context = tls.self_signed(path, ["127.0.0.1"]).context
    cases = (({"ssl": context, "hsts": True}, True), ({"ssl": context}, False), ({"hsts": True}, False))
    for kwargs, expected in cases:
        server = await start(**kwargs)
        async with ClientSession(connector=TCPConnector(ssl=False)) as client:
            answer = await client.get(server.make_url("/"))
            assert ("Strict-Transport-Security" in answer.headers) == expected, kwargs
            if expected:
                assert answer.headers["Strict-Transport-Security"] == "max-age=86400"


async def wrong_code_with(server: TestServer, headers: list[tuple[str, str]]) -> int:
    """A wrong join code through the proxy, whose request carries `headers` exactly as listed
    (the same name on several lines, as a proxy that adds its own line sends them)."""
    async with ClientSession(connector=TCPConnector(local_addr=(PROXY, 0)), cookie_jar=DummyCookieJar()) as client:
        url, host = server.make_url("/"), f"127.0.0.1:{server.port}"
        page = await client.get(url, headers=CIMultiDict(headers))
        if page.status != 200:
            return page.status
        csrf = CSRF.search(await page.text()).group(1)
        cookie = page.headers.get("Set-Cookie", "").split(";")[0]
        posted = await client.post(
            server.make_url("/join"),
            allow_redirects=False,
            data={"csrf": csrf, "code": "WRONG1", "name": "Eve"},
            headers=CIMultiDict([*headers, ("Origin", f"https://{host}"), ("Cookie", cookie)]),
        )
        return posted.status


async def test_a_proxy_that_adds_its_own_line_is_the_one_read(page) -> None:
    """HAProxy's `option forwardfor` adds an `X-Forwarded-For` line of its own below the one a
    browser sent: both lines are one list (RFC 9110), whose last entry is the proxy's. A browser
    that sends its own line first cannot pick the address it counts as (a new one per guess)."""
    path, start = page
    server = await start()
    host = f"127.0.0.1:{server.port}"
    statuses = [
        await wrong_code_with(
            server,
            [
                ("X-Forwarded-For", forged),
                ("X-Forwarded-Proto", "https"),
                ("X-Forwarded-Host", host),
                ("X-Forwarded-For", "198.51.100.7"),
            ],
        )
        for forged in ("10.9.9.1", "10.9.9.2")
    ]
    assert statuses == [403, 429]  # a wrong code counted, then the same client held back: a new address won nothing
    assert clients(path) == ["198.51.100.7"]


@pytest.mark.parametrize(
    "forged",
    [
        'for=10.9.9.9;proto=https;host="{host}";x="',  # its quote swallows the proxy's element
        'for=10.9.9.9;proto=https;host="{host}", for=10.9.9.8;x="',
    ],
)
async def test_a_forwarded_header_cannot_swallow_the_element_the_proxy_appended(page, forged: str) -> None:
    """A proxy speaking RFC 7239 appends its element (`, for="[2001:db8::7]";proto=https`) to the
    Forwarded header a browser sent. A browser's unclosed quote must not turn the proxy's element
    into text inside its own, leaving its own element last: a Forwarded header that does not
    parse is refused (400), nothing written."""
    path, start = page
    server = await start()
    host = f"127.0.0.1:{server.port}"
    appended = f'{forged.format(host=host)}, for="[2001:db8::7]";proto=https;host="{host}"'
    before = path.read_bytes()
    assert await wrong_code_with(server, [("Forwarded", appended)]) == 400
    assert path.read_bytes() == before and clients(path) == []
    proxied = f'for=10.9.9.9, for="[2001:db8::7]";proto=https;host="{host}"'  # the same, well formed
    status = await wrong_code_with(server, [("Forwarded", proxied)])
    assert status == 403 and clients(path) == ["2001:db8::/64"]
