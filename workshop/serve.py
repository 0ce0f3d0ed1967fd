"""`workshop serve`: the phone page at `/` (workshop/web/) and, at `/terminal`, the terminal
participant app in a browser, behind a front door.

textual-serve starts one participant app process for every websocket and trusts every request.
`FrontDoor` keeps its protocol and adds, before any process starts: websockets only from pages
this server served (same origin), a cap on apps in all and per client address, and terminal
sizes clamped. `run` binds before it announces and takes the address off the join bar on the
way out. Only the `serve` command imports this module: it pulls in aiohttp and textual-serve.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
import socket
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

from workshop import sessions
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.listen import listen, public_address
from workshop.web import guard, make_app
from workshop.web.guard import HOST

MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = (20, 10), (300, 100), (80, 24)
# A Host header as browsers send it: a name or address and a port. Anything else is refused
# before it is echoed into the page.
_HOST = HOST
Echo = Callable[..., None]


@dataclass(frozen=True)
class Limits:
    total: int = 100  # participant apps at once (`--max`)
    per_address: int = 10  # from one client address (`--per-address`): a room behind one NAT shares it

    def check(self) -> None:
        if self.total < 1:
            raise WorkshopError(_("--max must be at least 1, not {total}").format(total=self.total))
        if self.per_address < 1:
            raise WorkshopError(_("--per-address must be at least 1, not {per_address}").format(
                per_address=self.per_address))


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size an app can live with: a huge one costs gigabytes, a garbled one crashes it."""
    return (_clamp(width, DEFAULT_SIZE[0], MIN_SIZE[0], MAX_SIZE[0]),
            _clamp(height, DEFAULT_SIZE[1], MIN_SIZE[1], MAX_SIZE[1]))


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        number = default
    return max(low, min(high, number))


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether the page that opened a websocket was served under the Host it connects to. Every
    browser sends Origin with a websocket, so a missing one is refused too: only scripts omit
    it, and a script can claim any origin anyway (the app limits are what hold those back)."""
    if not origin or not host or not _HOST.fullmatch(host):
        return False
    try:
        page = URL(origin)
        served = URL(f"{page.scheme}://{host}")  # the Host's default port is the page's scheme's
    except ValueError:
        return False
    if page.scheme not in ("http", "https") or not page.host or page.path not in ("", "/"):
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
        # running participant apps per client (guard.client, as the phone page counts them:
        # this machine is one, an IPv6 address counts by its /64)
        self._apps: Counter[str] = Counter()
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
        if not same_origin(request.headers.get("Origin"), request.headers.get("Host")):
            return _refuse(403, _("only pages served by this workshop may connect"))
        if refused := self._over_limit(request):
            return refused
        client = guard.client(request)
        self._apps[client] += 1  # taken before any await: two sockets never both get the last place
        try:
            return await self._app_for(request, client)
        finally:
            self._apps[client] -= 1
            if not self._apps[client]:
                del self._apps[client]

    async def _app_for(self, request: web.Request, client: str) -> web.StreamResponse:
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15)
        service: _ClientApp | None = None
        try:
            await websocket.prepare(request)
            service = _ClientApp(self.command, client, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager, debug=self.debug)
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
        if sum(self._apps.values()) >= self.limits.total:
            return _refuse(503, _("the room is full ({total} participant apps): try again later").format(
                total=self.limits.total))
        if self._apps[guard.client(request)] >= self.limits.per_address:
            return _refuse(429, _("{per_address} participant apps are already open from your address").format(
                per_address=self.limits.per_address))
        return None

    def initialize_logging(self) -> None:
        """textual-serve logs a message it cannot read with its traceback: a browser must not be
        able to fill the facilitator's terminal with those, and one line says enough."""
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLine())
        textual_serve_log = logging.getLogger("textual-serve")
        textual_serve_log.handlers = [handler]
        textual_serve_log.propagate = False
        textual_serve_log.setLevel(logging.WARNING)

    def run(self, sock: socket.socket, session: sessions.Session) -> None:
        """Serve the phone page and, under /terminal, this terminal app on `sock` until ctrl+c or SIGTERM."""
        self.initialize_logging()
        asyncio.run(self._serve(sock, session))

    async def _serve(self, sock: socket.socket, session: sessions.Session) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(make_app(session, await self._make_app()), shutdown_timeout=5.0, access_log=None)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            await stop.wait()
        finally:
            await runner.cleanup()


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            text = record.getMessage()
        else:  # a browser sent what textual-serve could not read; that tab's app has stopped
            text = _("a browser connection ended: {name}").format(
                name=type(error).__name__) + (f": {error}" if str(error) else "")
        return f"serve: {text}".splitlines()[0][:200]


def _refuse(status: int, why: str) -> web.Response:
    return web.Response(status=status, text=_('refused: {why}\n').format(why=why))


def run(path: Path, host: str, port: int, limits: Limits, echo: Echo) -> None:
    """Listen, announce where, serve until stopped, then take the address off the join bar."""
    limits.check()
    _room_for_connections()
    live = sessions.Session.open(path)
    with listen(host, port) as sock:
        address = public_address(host, sock)
        # Browsers only ever get the participant app: this is the whole command each tab runs.
        # --shared: every tab runs as this account, so none may come back as someone by name alone
        command = shlex.join([sys.executable, "-m", "workshop", "join", "--shared", str(path)])
        door = FrontDoor(command, limits, title=live.state().title)
        _announce(live, address, sock, echo)
        try:
            door.run(sock, live)
        finally:
            if address:
                _withdraw(live, address, echo)


def _room_for_connections() -> None:
    """Each phone holds its event stream open and posts on a second connection: a room of 1,000
    needs about 2,000 file descriptors, more than many systems give a process at first (256 on
    macOS, 1,024 on many Linux systems). Raise this process's own limit as far as it may go."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for want in (min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536, 10240, 4096):
        if soft >= want:
            return
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            return
        except (ValueError, OSError):
            continue  # macOS refuses more than its OPEN_MAX: try less


def _announce(live: sessions.Session, address: str | None, sock: socket.socket, echo: Echo) -> None:
    port = sock.getsockname()[1]
    if address is None:
        echo(_("warning: this machine's network address is unknown: tell participants to open http://<this "
            "machine>:{port}").format(
            port=port), err=True)
        return
    live.announce(address)
    echo(_("Participants open {address} and type the join code {code}.").format(
        address=address, code=live.state().code))
    if address.startswith("http://localhost:"):
        echo(_("warning: listening on this machine only: nobody else can join (--host 0.0.0.0 lets them in)"), err=True)
    else:
        echo(_("warning: anyone who can reach port {port} and knows the code can join.").format(port=port), err=True)


def _withdraw(live: sessions.Session, address: str, echo: Echo) -> None:
    try:
        live.withdraw(address)
    except WorkshopError as err:
        echo(_("warning: {address} is still on the join bar: {err}").format(address=address, err=err), err=True)
