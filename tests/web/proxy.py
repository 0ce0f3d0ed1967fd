"""A small reverse proxy for the tests, as Caddy or nginx stand in front of `serve`: it takes the
browser's connection (over TLS when given a context), passes each request on to `upstream` with
the headers a proxy adds (`X-Forwarded-For`, `-Proto`, `-Host`, or RFC 7239's `Forwarded`), streams
the answer back (the event stream too) and carries websockets both ways."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import aiohttp
from aiohttp import web
from multidict import CIMultiDict

HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "content-encoding",
}


def forwarded_headers(request: web.Request, client: str | None = None, style: str = "x-forwarded") -> dict[str, str]:
    """What the proxy tells `serve` about a request: the browser's scheme and host, and its
    address (`client`, by default the address the proxy saw)."""
    address = client or request.remote or ""
    if style == "forwarded":
        shown = f'"[{address}]"' if ":" in address else address
        return {"Forwarded": f"for={shown};proto={request.scheme};host={request.host}"}
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": request.scheme, "X-Forwarded-Host": request.host}


def reverse_proxy(
    upstream: str, forward: Callable[[web.Request], dict[str, str]] = forwarded_headers
) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    sessions: list[aiohttp.ClientSession] = []

    async def client() -> aiohttp.ClientSession:
        if not sessions:
            sessions.append(aiohttp.ClientSession(auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar()))
        return sessions[0]

    async def handle(request: web.Request) -> web.StreamResponse:
        headers = CIMultiDict((k, v) for k, v in request.headers.items() if k.lower() not in HOP)
        headers.update(forward(request))
        url = upstream.rstrip("/") + request.path_qs
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await _websocket(request, await client(), url, headers)
        async with (await client()).request(
            request.method, url, headers=headers, data=await request.read(), allow_redirects=False
        ) as answer:
            response = web.StreamResponse(status=answer.status, reason=answer.reason)
            for key, value in answer.headers.items():
                if key.lower() not in HOP:
                    response.headers.add(key, value)
            await response.prepare(request)
            async for chunk in answer.content.iter_any():
                await response.write(chunk)
            await response.write_eof()
            return response

    async def close(app: web.Application) -> None:
        for session in sessions:
            await session.close()

    app.router.add_route("*", "/{tail:.*}", handle)
    app.on_cleanup.append(close)
    return app


async def _websocket(
    request: web.Request, session: aiohttp.ClientSession, url: str, headers: CIMultiDict
) -> web.StreamResponse:
    for name in ("Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions"):
        headers.pop(name, None)
    browser = web.WebSocketResponse()
    try:
        server = await session.ws_connect(url.replace("http", "ws", 1), headers=headers)
    except aiohttp.WSServerHandshakeError as refused:
        return web.Response(status=refused.status, text="refused upstream\n")
    await browser.prepare(request)

    async def pump(source, sink) -> None:
        async for message in source:
            if message.type == aiohttp.WSMsgType.TEXT:
                await sink.send_str(message.data)
            elif message.type == aiohttp.WSMsgType.BINARY:
                await sink.send_bytes(message.data)
        await sink.close()

    try:
        await asyncio.gather(pump(browser, server), pump(server, browser))
    finally:
        await server.close()
    return browser


def main() -> None:
    """`python -m tests.web.proxy UPSTREAM PORT FOLDER`: the proxy on 127.0.0.1:PORT over TLS
    (a self-signed certificate kept in FOLDER), for a test that has no Caddy."""
    import sys
    from pathlib import Path

    from workshop import tls

    upstream, port, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    context = tls.self_signed(folder / "proxy.toml", ["localhost"]).context
    web.run_app(reverse_proxy(upstream), host="127.0.0.1", port=port, ssl_context=context, print=None)


if __name__ == "__main__":
    main()
