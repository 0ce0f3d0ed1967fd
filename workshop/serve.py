"""`workshop serve`: the phone page at `/` (workshop/web/) and, at `/terminal`, the terminal
participant app in a browser, behind a front door.

textual-serve starts one participant app process for every websocket and trusts every request.
`FrontDoor` keeps its protocol and adds, before any process starts: websockets only from pages
this server served (same origin), a cap on apps in all and per client address, and terminal
sizes clamped. `FrontDoor.run` serves the sockets serving.py bound, over TLS when given, with
the ssh server beside it when there is one. Only the `serve` command imports this module: it
pulls in aiohttp and textual-serve.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

from workshop import sessions
from workshop.i18n import _
from workshop.places import Limits, Places
from workshop.sizes import clamp_size
from workshop.web import guard, make_app
from workshop.web.guard import HOST
from workshop.web.proxy import Proxy

# A Host header as browsers send it: a name or address and a port. Anything else is refused
# before it is echoed into the page.
_HOST = HOST
Echo = Callable[..., None]


def same_origin(origin: str | None, host: str | None, scheme: str | None = None) -> bool:
    """Whether the page that opened a websocket was served under the Host it connects to (and,
    given, the scheme: an http page may not open this https server's apps). Every browser sends
    Origin with a websocket, so a missing one is refused too: only scripts omit it, and a script
    can claim any origin anyway (the app limits are what hold those back)."""
    if not origin or not host or not _HOST.fullmatch(host):
        return False
    try:
        page = URL(origin)
        served = URL(f"{page.scheme}://{host}")  # the Host's default port is the page's scheme's
    except ValueError:
        return False
    if page.scheme not in ("http", "https") or not page.host or page.path not in ("", "/"):
        return False
    if scheme is not None and page.scheme != scheme:
        return False
    return (page.host, page.port) == (served.host, served.port)


class _ClampedResize:
    """The app service as textual-serve's message loop sees it: every resize clamped on its way."""

    def __init__(self, service: AppService) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    async def set_terminal_size(self, width: object, height: object) -> None:
        await self._service.set_terminal_size(*clamp_size(width, height))


class _ClientApp(AppService):
    """One participant app, told which client it serves."""

    def __init__(self, command: str, client: str, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.client = client

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), "WORKSHOP_CLIENT": self.client}


class FrontDoor(Server):
    def __init__(self, command: str, limits: Limits, title: str) -> None:
        super().__init__(command, title=title)  # host and port unused: `run` is given a bound socket
        self.limits = limits
        self.places = Places(limits)  # shared with the ssh server, when `--ssh` runs one
        self._sockets: set[web.WebSocketResponse] = set()

    async def on_startup(self, app: web.Application) -> None:
        """No banner: the command has already said where to go."""

    async def on_shutdown(self, app: web.Application) -> None:
        # Closing each browser's socket ends its message loop, and textual-serve then asks that
        # app to quit: no participant app outlives `serve`.
        for websocket in list(self._sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"workshop serve stopped")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not _HOST.fullmatch(request.host):
            return _refuse(400, _("this page needs an ordinary host name or address"))
        if refused := self._over_limit(request):
            return refused  # the person sees why, instead of a dead terminal
        # textual-serve builds the page's URLs from public_url; this page's own origin makes its
        # websocket same-origin however it was reached (localhost, the LAN address, a name).
        # Safe to set per request: nothing awaits between here and the URLs being built.
        self.public_url = f"{request.scheme}://{request.host}"
        return cast(web.StreamResponse, await super().handle_index(request))

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """textual-serve's handler, with the checks before any process starts, and the app told
        which client it serves (`WORKSHOP_CLIENT`): the one way in counts wrong codes per client
        in the session file, so a new tab or a reconnect starts where the last one stopped."""
        if not same_origin(request.headers.get("Origin"), request.host, request.scheme):
            return _refuse(403, _("only pages served by this workshop may connect"))
        if refused := self._over_limit(request):
            return refused
        client = guard.client(request)
        with self.places.taken(client):  # before any await: two sockets never both get the last place
            return await self._app_for(request, client)

    async def _app_for(self, request: web.Request, client: str) -> web.StreamResponse:
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15)
        service: _ClientApp | None = None
        try:
            await websocket.prepare(request)
            service = _ClientApp(
                self.command,
                client,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a garbled message from a browser: one line (initialize_logging)
            logging.getLogger("textual-serve").exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        self._sockets.add(websocket)
        try:
            await super()._process_messages(websocket, cast(AppService, _ClampedResize(app_service)))
        finally:
            self._sockets.discard(websocket)

    def _over_limit(self, request: web.Request) -> web.Response | None:
        refused = self.places.refusal(guard.client(request))
        return None if refused is None else _refuse(*refused)

    def initialize_logging(self) -> None:
        """textual-serve logs a message it cannot read with its traceback: a browser must not be
        able to fill the facilitator's terminal with those, and one line says enough."""
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLine())
        textual_serve_log = logging.getLogger("textual-serve")
        textual_serve_log.handlers = [handler]
        textual_serve_log.propagate = False
        textual_serve_log.setLevel(logging.WARNING)

    def run(self, sock: socket.socket, session: sessions.Session, ways: Ways | None = None) -> None:
        """Serve the phone page and, under /terminal, this terminal app on `sock` (and every other
        way in of `ways`) until ctrl+c or SIGTERM."""
        self.initialize_logging()
        asyncio.run(self._serve(sock, session, ways or Ways()))

    async def _serve(self, sock: socket.socket, session: sessions.Session, ways: Ways) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        app = make_app(session, await self._make_app(), trusted=ways.trusted, hsts=ways.hsts)
        runner = web.AppRunner(app, shutdown_timeout=5.0, access_log=None)
        await runner.setup()
        try:
            await web.SockSite(runner, sock, ssl_context=ways.tls).start()
            if ways.ssh is not None:
                await ways.ssh.start()
            await stop.wait()
        finally:
            if ways.ssh is not None:
                await ways.ssh.stop()
            await runner.cleanup()


@dataclass(frozen=True)
class Ways:
    """The ways in beside plain HTTP: TLS (`--tls`), HSTS (a certificate browsers check), the
    proxy whose forwarded headers count (`--trusted-proxy`), the ssh server (`--ssh`)."""

    tls: ssl.SSLContext | None = None
    hsts: bool = False
    trusted: Proxy | None = None
    ssh: Any = None  # sshd.SshServer: asyncssh is imported only when `--ssh` is given


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            text = record.getMessage()
        else:  # a browser sent what textual-serve could not read; that tab's app has stopped
            text = _("a browser connection ended: {name}").format(name=type(error).__name__) + (
                f": {error}" if str(error) else ""
            )
        return f"serve: {text}".splitlines()[0][:200]


def _refuse(status: int, why: str) -> web.Response:
    return web.Response(status=status, text=_("refused: {why}\n").format(why=why))
