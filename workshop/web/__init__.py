"""The phone page `workshop serve` puts at `/`: plain HTML forms, a little script of our own,
and the same session verbs every other channel uses (docs/participants.md, docs/security.md).

This package imports aiohttp and Jinja2 but never textual: a room of 200 phones costs one light
process, not one terminal app each (benchmarks/ measures it)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from aiohttp import web

from workshop.sessions import Session
from workshop.web import guard, proxy
from workshop.web.pages import Pages
from workshop.web.served import ServedSession

SERVED = web.AppKey("served", ServedSession)
PAGES = web.AppKey("pages", Pages)
MAX_BODY = 64 * 1024  # a note is at most a few kilobytes: a bigger POST is refused before it is read


def make_app(
    session: Session, terminal: web.Application | None = None, *, trusted: proxy.Proxy | None = None, hsts: bool = False
) -> web.Application:
    """The phone page for `session`, with the terminal app (textual-serve) under /terminal; behind
    the `trusted` proxy, if any (web/proxy.py); with HSTS over HTTPS when `hsts`."""
    served = ServedSession(session)
    app = web.Application(
        middlewares=[proxy.behind_proxy, guard.headers, guard.host_checked(lambda: served.address)],
        client_max_size=MAX_BODY,
    )
    if trusted is not None:
        app[proxy.PROXY] = trusted
    app[proxy.HSTS] = hsts
    pages = Pages(served)
    app.middlewares.append(pages.speaking)
    app.add_routes(pages.routes())
    app[SERVED], app[PAGES] = served, pages
    if terminal is not None:
        app.router.add_get("/terminal", _to_terminal)
        app.add_subapp("/terminal/", terminal)
    app.cleanup_ctx.append(_following)
    app.on_shutdown.append(_end_streams)
    return app


async def _to_terminal(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/terminal/")


async def _following(app: web.Application) -> AsyncIterator[None]:
    served = app[SERVED]
    task = asyncio.create_task(served.follow())
    yield
    task.cancel()
    served.close()


async def _end_streams(app: web.Application) -> None:
    """Open event streams never end by themselves: end them, so `serve` stops at once."""
    for task in list(app[PAGES].live.streams):
        task.cancel()
